"""A downstream repository laid out by pytester, with contracts of its own."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

ROOT = Path(__file__).resolve().parents[2]


def project_contracts(pytester: pytest.Pytester, made_from: str) -> Path:
    """A repository whose own CodeBuild contracts were generated under botocore ``made_from``
    (as committed before a botocore upgrade): the bundled files, the manifest saying so."""
    pytester.makepyprojecttoml('[tool.botocontract]\ngenerated = "tests/contracts"\n')
    folder = pytester.path / "tests" / "contracts" / "codebuild"
    shutil.copytree(ROOT / "generated" / "codebuild", folder)
    manifest = folder / "manifest.json"
    document = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**document, "botocore_version": made_from}))
    return folder
