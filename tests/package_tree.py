"""The ``botocontract`` package as a plain folder tree, for tools that do not run import hooks.

The repository's folders are the package's parts (pyproject.toml's ``package-dir``); an
editable install maps them with an import hook, which mypy does not run. This lays the same
package out as symlinks, so mypy sees ``botocontract`` exactly as the wheel ships it.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PARTS = {"codegen": "codegen", "generated": "generated"}  # subpackage -> repository folder
RUNTIME_FOLDER = "contracts"  # the package root


def package_tree(directory: Path) -> Path:
    """``directory/botocontract`` laid out as installed; returns ``directory``."""
    package = directory / "botocontract"
    package.mkdir(parents=True, exist_ok=True)
    for entry in sorted((ROOT / RUNTIME_FOLDER).iterdir()):
        if entry.name != "__pycache__":
            (package / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    for name, folder in PARTS.items():
        (package / name).symlink_to(ROOT / folder, target_is_directory=True)
    return directory
