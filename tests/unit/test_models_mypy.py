"""``mypy --strict`` on downstream-style code that uses the generated CodeBuild models.

The clean module must pass; the misuse module must get exactly the errors it marks, which
shows the models' types reach the user (an ``Any`` would let every mistake through). Run on the
bundled ``botocontract.generated.codebuild``, laid out as the wheel installs it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from mypy import api

from tests.package_tree import package_tree

ROOT = Path(__file__).resolve().parents[2]
DOWNSTREAM = ROOT / "tests" / "data" / "models"
EXPECTED = re.compile(r"#\s*E:\s*([a-z-]+)")
REPORTED = re.compile(r"^[^:]+:(\d+): error: .*\[([a-z-]+)\]$")


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A directory where ``botocontract`` (with its bundled CodeBuild models) resolves."""
    return package_tree(tmp_path_factory.mktemp("mypy-tree"))


def run_mypy(tree: Path, module: Path, cache: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tree)  # mypy looks for imports from the working directory first
    arguments = [
        "--config-file",
        str(ROOT / "pyproject.toml"),
        "--strict",
        "--cache-dir",
        str(cache),
        "--no-error-summary",
        "--show-error-codes",
        str(module),
    ]
    stdout, stderr, _status = api.run(arguments)
    assert stderr == ""
    return stdout


def test_downstream_usage_passes_strict(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = run_mypy(tree, DOWNSTREAM / "downstream_usage.py", tmp_path, monkeypatch)
    assert report == ""


def test_downstream_misuse_is_caught(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = DOWNSTREAM / "downstream_misuse.py"
    expected = {
        (number, match.group(1))
        for number, line in enumerate(module.read_text(encoding="utf-8").splitlines(), 1)
        if (match := EXPECTED.search(line))
    }
    report = run_mypy(tree, module, tmp_path, monkeypatch)
    reported = {
        (int(match.group(1)), match.group(2))
        for line in report.splitlines()
        if (match := REPORTED.match(line))
    }
    assert len(expected) == 3
    assert expected <= reported, report
    assert {number for number, _ in reported} == {number for number, _ in expected}, report
