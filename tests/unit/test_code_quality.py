"""The project's own code keeps the bar its pyproject sets: ruff, ruff format, mypy --strict."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.package_tree import package_tree

ROOT = Path(__file__).parents[2]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)  # noqa: S603


@pytest.mark.parametrize(
    "command",
    [
        ("ruff", "check", "--no-cache", "."),
        ("ruff", "format", "--no-cache", "--check", "."),
    ],
    ids=["ruff check", "ruff format"],
)
def test_ruff(command: tuple[str, ...]) -> None:
    result = run(str(BIN / command[0]), *command[1:])
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_on_the_packages(tmp_path: Path) -> None:
    tree = package_tree(tmp_path)
    (tree / "benchmarks").symlink_to(ROOT / "benchmarks", target_is_directory=True)
    mypy = (str(BIN / "mypy"), "--no-incremental", "--config-file", str(ROOT / "pyproject.toml"))
    command = (*mypy, "-p", "botocontract", "-p", "benchmarks")
    result = subprocess.run(command, cwd=tree, capture_output=True, text=True, check=False)  # noqa: S603
    assert result.returncode == 0, result.stdout + result.stderr
