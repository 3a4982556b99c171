"""The tests run on the botocore that generated/ was made from, as constraints.txt pins it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import botocore

ROOT = Path(__file__).parents[2]


def pinned(package: str) -> str:
    text = (ROOT / "constraints.txt").read_text()
    match = re.search(rf"^{package}==(\S+)$", text, re.MULTILINE)
    assert match, f"constraints.txt pins no {package}"
    return match.group(1)


def test_generated_codebuild_was_made_from_the_pinned_botocore() -> None:
    manifest = json.loads((ROOT / "generated" / "codebuild" / "manifest.json").read_text())
    assert manifest["botocore_version"] == pinned("botocore")


def test_the_suite_runs_on_the_pinned_botocore() -> None:
    assert botocore.__version__ == pinned("botocore"), (
        "the test environment must use the botocore generated/ was made from: "
        "install with `-c constraints.txt` (make test does)"
    )
