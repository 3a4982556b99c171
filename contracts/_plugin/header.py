"""The report header: which botocore is installed, which one ``generated/`` was made from.

Reads package metadata and the manifest file only: botocore itself is not imported.
"""

from __future__ import annotations

import json
from importlib import metadata, util
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocontract._plugin.settings import PluginSettings

REGENERATE = "botocontract generate"


def installed_botocore() -> str:
    try:
        return metadata.version("botocore")
    except metadata.PackageNotFoundError:
        return "not installed"


def manifest_path(settings: PluginSettings) -> Path | None:
    """The manifest to compare with: the hidden option's, else ``generated/<service>/``."""
    if settings.manifest is not None:
        return settings.manifest
    spec = util.find_spec("generated")  # finds the package without running its __init__
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        candidate = Path(folder) / settings.service / "manifest.json"
        if candidate.is_file():
            return candidate
    return None


def read_manifest(path: Path) -> dict[str, Any] | None:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return document if isinstance(document, dict) else None


def generated_from(settings: PluginSettings) -> tuple[str | None, str]:
    """(botocore version of the manifest or None, how to describe it)."""
    path = manifest_path(settings)
    if path is None:
        return None, f"generated/{settings.service}: none (built from the installed model)"
    manifest = read_manifest(path)
    version = None if manifest is None else manifest.get("botocore_version")
    if not isinstance(version, str):
        return None, f"generated/{settings.service}: unreadable manifest {path}"
    return version, f"generated/{settings.service} from botocore {version}"


def mismatch(settings: PluginSettings) -> str | None:
    """The warning text when generated/ was made from another botocore, else None."""
    version, _ = generated_from(settings)
    installed = installed_botocore()
    if version is None or version == installed:
        return None
    return (
        f"generated/{settings.service} was made from botocore {version} but botocore "
        f"{installed} is installed: run `{REGENERATE} {settings.service}` to update the contract"
    )


def header_lines(settings: PluginSettings) -> list[str]:
    _, made_from = generated_from(settings)
    summary = (
        f"botocontract: botocore {installed_botocore()} installed, {made_from}; "
        f"service {settings.service}, strict {'on' if settings.strict else 'off'}, "
        f"hypothesis profile {settings.profile or '(default)'}"
    )
    lines = [summary]
    if settings.recordings:
        lines.append("botocontract recordings: " + ", ".join(map(str, settings.recordings)))
    warning = mismatch(settings)
    if warning is not None:
        lines.append(f"botocontract WARNING: {warning}")
    return lines
