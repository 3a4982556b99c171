"""What ``botocontract generate`` adds when it regenerates over an older botocore's output.

The previous ``manifest.json`` names the botocore version and model sha256 that ``generated/``
was made from. When the model changed, the new manifest records what it replaces, and
``CHANGES.md`` holds the contract diff from that model, read from the old release's wheel
(``botocontract.codegen._wheels``). When the model did not change, both are carried forward as
they are, so generating twice writes the same bytes and ``--check`` stays quiet.

Everything here is deterministic: when the previous model cannot be had (offline, not in the
cache, or it came from a file), ``CHANGES.md`` says so in words that name no local path.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botocontract.codegen._wheels import is_version, load_version
from botocontract.codegen.diff import changes_markdown
from botocontract.errors import BotocontractError

if TYPE_CHECKING:
    from pathlib import Path

    from botocontract.codegen import ir

__all__ = ["CHANGES", "REPLACES", "Upgrade", "upgrade"]

CHANGES = "CHANGES.md"
MANIFEST = "manifest.json"
REPLACES = "replaces"


@dataclass(frozen=True)
class Upgrade:
    """Manifest fields and files to add to a service's generated directory."""

    manifest: dict[str, Any] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)


def upgrade(
    service: ir.Service, directory: Path, *, cache: Path | None = None, download: bool = True
) -> Upgrade:
    """What to add to ``directory`` (the existing ``generated/<service>/``) for ``service``.

    ``download=False`` (for ``--check``) reads only wheels already in the cache.
    """
    previous = _manifest(directory)
    if previous is None:
        return Upgrade()
    if previous.get("model_sha256") == service.model_sha256:
        return _carried_forward(previous, directory)
    replaced = {
        "botocore_version": previous.get("botocore_version"),
        "model_sha256": previous.get("model_sha256"),
    }
    text = _changes(service, replaced, cache=cache, download=download)
    return Upgrade({REPLACES: replaced}, {CHANGES: text.encode()})


def _manifest(directory: Path) -> dict[str, Any] | None:
    """The previous manifest, or None when there is none worth reading."""
    try:
        document = json.loads((directory / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return document if isinstance(document, dict) else None


def _carried_forward(previous: dict[str, Any], directory: Path) -> Upgrade:
    manifest = {REPLACES: previous[REPLACES]} if REPLACES in previous else {}
    try:
        files = {CHANGES: (directory / CHANGES).read_bytes()}
    except OSError:
        files = {}
    return Upgrade(manifest, files)


def _changes(
    service: ir.Service, replaced: dict[str, Any], *, cache: Path | None, download: bool
) -> str:
    version, sha256 = replaced["botocore_version"], replaced["model_sha256"]
    if not isinstance(version, str) or not is_version(version):
        return _unavailable(
            service, f"the previous manifest names no botocore version ({version!r})"
        )
    try:
        old = load_version(service.name, version, cache, download=download)
    except BotocontractError:
        return _unavailable(service, f"botocore {version}'s wheel could not be had here")
    if old.model_sha256 != sha256:
        previous = f"sha256 {str(sha256)[:12]}"
        return _unavailable(service, f"the previous model ({previous}) is not botocore {version}'s")
    return changes_markdown(old, service)


def _unavailable(service: ir.Service, reason: str) -> str:
    return (
        f"# Contract changes: {service.name}\n\n"
        f"Not computed: {reason}. Run `botocontract diff {service.name} --from <old> --to "
        "installed` where the previous model can be had.\n"
    )
