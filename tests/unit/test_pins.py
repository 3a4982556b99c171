"""The tests run on the botocore that generated/ was made from, as pyproject.toml pins it, and
the test environment is the one uv.lock pins."""

from __future__ import annotations

import json
import re
from importlib import metadata
from pathlib import Path

import botocore
import tomllib

ROOT = Path(__file__).parents[2]


def pinned(package: str) -> str:
    """The ``package==X`` of ``[tool.uv] constraint-dependencies``."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    pins = config["tool"]["uv"]["constraint-dependencies"]
    found = [pin.split("==", 1)[1] for pin in pins if pin.startswith(f"{package}==")]
    assert len(found) == 1, f"pyproject.toml pins no {package}"
    return found[0]


def locked() -> dict[str, list[str]]:
    """Package name -> every version uv.lock holds for it."""
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    versions: dict[str, list[str]] = {}
    for package in lock["package"]:
        if "version" in package:
            versions.setdefault(package["name"], []).append(package["version"])
    return versions


def test_generated_codebuild_was_made_from_the_pinned_botocore() -> None:
    manifest = json.loads((ROOT / "generated" / "codebuild" / "manifest.json").read_text())
    assert manifest["botocore_version"] == pinned("botocore")


def test_the_suite_runs_on_the_pinned_botocore() -> None:
    assert botocore.__version__ == pinned("botocore"), (
        "the test environment must use the botocore generated/ was made from: "
        "install from uv.lock (make test does)"
    )


def test_the_lock_holds_the_pins() -> None:
    versions = locked()
    for package in ("botocore", "boto3", "datamodel-code-generator"):
        assert versions[package] == [pinned(package)]


def test_every_installed_package_is_the_locked_one() -> None:
    """What runs is what uv.lock says, transitive packages included (nothing installed by hand)."""
    versions = locked()
    normalized = {re.sub(r"[-_.]+", "-", name).lower(): found for name, found in versions.items()}
    for dist in metadata.distributions():
        name = re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()
        assert name in normalized, f"{name} {dist.version} is installed but not in uv.lock"
        assert dist.version in normalized[name], (name, dist.version, normalized[name])


def test_runtime_dependencies_stay_ranges() -> None:
    """botocontract installs beside other projects: its own requirements pin nothing."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = config["project"]
    requirements = [*project["dependencies"], *project["optional-dependencies"]["codegen"]]
    assert requirements
    assert not [requirement for requirement in requirements if "==" in requirement]
