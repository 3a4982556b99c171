"""Where each service's contract comes from, in the order the runtime looks.

1. **project**: the folder a repository declares in its ``pyproject.toml``
   (``[tool.botocontract] generated = "tests/contracts"``), written by ``botocontract generate``;
2. **bundled**: ``botocontract.generated``, what ships in the wheel (CodeBuild);
3. **installed**: built on first use from the model the installed botocore ships.

A service's generated files live in a folder named by ``package_name`` (``lambda`` ->
``lambda_``), so every generated package can be imported. Standard library only: the pytest
plugin reads this at start-up.
"""

from __future__ import annotations

import json
import keyword
import sys
from dataclasses import dataclass
from functools import cache
from importlib import import_module, metadata, util
from pathlib import Path
from types import ModuleType
from typing import Any, Literal

from botocontract.errors import ConfigError, NotGeneratedError

__all__ = [
    "CONFIG_FILE",
    "Source",
    "SourceKind",
    "generated_module",
    "generated_sources",
    "installed_botocore",
    "models",
    "package_name",
    "pop_project",
    "project_folder",
    "push_project",
    "source",
]

SourceKind = Literal["project", "bundled", "installed"]
CONFIG_FILE = "pyproject.toml"
CONFIG_TABLE = "botocontract"
CONFIG_KEY = "generated"
MANIFEST = "manifest.json"
BUNDLED_PACKAGE = "botocontract.generated"
# Project folders are imported under this name (a package whose path is the folder), never
# under a top-level name of their own.
PROJECT_PACKAGE = "botocontract._project"


@dataclass(frozen=True)
class Source:
    """One service's contract source: which kind, its folder, the botocore it was made from."""

    service: str
    kind: SourceKind
    directory: Path | None = None
    made_from: str | None = None  # botocore version in the manifest

    @property
    def package(self) -> str | None:
        """The import name of the generated package, or None for the installed model."""
        if self.kind == "installed":
            return None
        parent = PROJECT_PACKAGE if self.kind == "project" else BUNDLED_PACKAGE
        return f"{parent}.{package_name(self.service)}"

    def describe(self) -> str:
        """``codebuild: project tests/contracts/codebuild (botocore 1.43.11)``."""
        if self.kind == "installed":
            return f"{self.service}: installed model (botocore {installed_botocore()})"
        made = self.made_from or "unknown botocore"
        made = made if self.made_from is None else f"botocore {made}"
        return f"{self.service}: {self.kind} {self.directory} ({made})"

    def mismatch(self) -> str | None:
        """The warning text when the generated files were made from another botocore."""
        installed = installed_botocore()
        if self.kind == "installed" or self.made_from in (None, installed):
            return None
        return (
            f"{self.service}: the {self.kind} contract {self.directory} was made from botocore "
            f"{self.made_from} but botocore {installed} is installed; run "
            f"`botocontract generate {self.service}` to update it"
        )


def package_name(service: str) -> str:
    """The folder and package name of a service's generated files: a Python identifier."""
    name = service.replace("-", "_").replace(".", "_")
    if keyword.iskeyword(name) or not name.isidentifier():
        name = f"{name}_"
    if not name.isidentifier():
        raise ConfigError(service, "is not a botocore service name")
    return name


def installed_botocore() -> str:
    try:
        return metadata.version("botocore")
    except metadata.PackageNotFoundError:
        return "not installed"


# --- the project's folder -------------------------------------------------------------------

# Folders pinned by the pytest plugin (from the rootdir), innermost last: pytester nests runs.
_PINNED: list[Path | None] = []


def push_project(folder: Path | None) -> None:
    """Use ``folder`` as the project's generated contracts until ``pop_project`` (None: none)."""
    _PINNED.append(folder)
    source.cache_clear()


def pop_project() -> None:
    if _PINNED:
        _PINNED.pop()
    source.cache_clear()


def project_folder(start: Path | None = None) -> Path | None:
    """The project's declared folder: the pinned one, else the nearest ``pyproject.toml``
    at or above ``start`` (the current directory) that has ``[tool.botocontract] generated``."""
    if _PINNED and start is None:
        return _PINNED[-1]
    return _declared_folder((start or Path.cwd()).resolve())


@cache
def _declared_folder(start: Path) -> Path | None:
    for directory in (start, *start.parents):
        config = directory / CONFIG_FILE
        if config.is_file():
            folder = _read_config(config)
            if folder is not None:
                return (directory / folder).resolve()
    return None


def _read_config(path: Path) -> str | None:
    if sys.version_info >= (3, 11):
        import tomllib  # noqa: PLC0415
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # noqa: PLC0415
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(path, f"cannot read it ({error})") from None
    table = document.get("tool", {}).get(CONFIG_TABLE, {})
    folder = table.get(CONFIG_KEY) if isinstance(table, dict) else None
    if folder is not None and (not isinstance(folder, str) or not folder.strip()):
        raise ConfigError(path, f"[tool.{CONFIG_TABLE}] {CONFIG_KEY} must be a folder path")
    return folder


# --- which source each service uses ---------------------------------------------------------


@cache
def source(service: str) -> Source:
    """The first of project, bundled and installed that has ``service``."""
    name = package_name(service)
    project = project_folder()
    bundled = _bundled_folder()
    # botocontract's own repository declares its bundled folder: one source, not two.
    if project is not None and project != bundled and (project / name / MANIFEST).is_file():
        return _generated("project", service, project / name)
    if bundled is not None and (bundled / name / MANIFEST).is_file():
        return _generated("bundled", service, bundled / name)
    return Source(service, "installed")


def _bundled_folder() -> Path | None:
    spec = util.find_spec(BUNDLED_PACKAGE)  # the folder, without running its __init__
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def generated_sources() -> list[Source]:
    """Every generated service the runtime would use (project first), by service name."""
    found: dict[str, Source] = {}
    for folder in (project_folder(), _bundled_folder()):
        for directory in _service_folders(folder):
            name = _manifest_field(directory / MANIFEST, "service")
            if name is not None and name not in found and source(name).directory == directory:
                found[name] = source(name)
    return [found[name] for name in sorted(found)]


def _service_folders(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(entry for entry in folder.iterdir() if (entry / MANIFEST).is_file())


def _generated(kind: SourceKind, service: str, directory: Path) -> Source:
    return Source(
        service, kind, directory, _manifest_field(directory / MANIFEST, "botocore_version")
    )


def _manifest_field(path: Path, key: str) -> str | None:
    try:
        document: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    value = document.get(key) if isinstance(document, dict) else None
    return value if isinstance(value, str) else None


def generated_module(service: str, module: str = "") -> ModuleType | None:
    """The service's generated package, or one of its modules (``strategies``); None if the
    service was not generated."""
    found = source(service)
    if found.package is None:
        return None
    if found.kind == "project":
        _project_package(project_folder())
    return import_module(f"{found.package}.{module}" if module else found.package)


def models(service: str) -> ModuleType:
    """The generated pydantic models of ``service`` (the project's, else the bundled ones):
    ``botocontract.models("s3").ListBucketsOutput``."""
    package = generated_module(service)
    if package is None:
        raise NotGeneratedError(service, project_folder())
    return package


def _project_package(folder: Path | None) -> ModuleType:
    """``botocontract._project``: a package whose path is the project's folder, so that its
    generated packages import with their relative imports, under botocontract's name."""
    path = [str(folder)] if folder is not None else []
    package = sys.modules.get(PROJECT_PACKAGE)
    if package is not None and list(getattr(package, "__path__", ())) == path:
        return package
    for name in [name for name in sys.modules if name.startswith(f"{PROJECT_PACKAGE}.")]:
        del sys.modules[name]  # another folder's modules: never mixed with this one's
    package = ModuleType(PROJECT_PACKAGE, "The project's generated contracts.")
    package.__path__ = path
    sys.modules[PROJECT_PACKAGE] = package
    return package
