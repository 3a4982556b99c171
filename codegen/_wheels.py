"""Service models of other botocore releases, read from their wheels without installing them.

``botocontract diff --from 1.31.0`` needs the model botocore 1.31.0 shipped. pip downloads that
release's wheel once into a cache (``$BOTOCONTRACT_CACHE/wheels``, else
``~/.cache/botocontract/wheels``); the model is read straight from the zip. A cached wheel is
used without calling pip, so a diff against a release seen before works offline.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

import botocore
from botocontract._files import FileProblem, gunzip, megabytes
from botocontract.codegen.load import build_service, load_installed, load_model_file
from botocontract.constants import MAX_BYTES
from botocontract.errors import BotocoreVersionError, ModelFileError

if TYPE_CHECKING:
    from botocontract.codegen import ir

__all__ = ["cache_dir", "describe_ref", "fetch_wheel", "load_ref", "load_version", "read_model"]

CACHE_ENV = "BOTOCONTRACT_CACHE"
INSTALLED = "installed"
# A PEP 440 release as botocore numbers them; nothing else reaches pip's requirement parser.
_VERSION = re.compile(r"\d+(?:\.\d+){1,3}(?:(?:a|b|rc)\d+)?(?:\.post\d+)?(?:\.dev\d+)?")
# pip's per-connection timeout and retries: an offline machine fails in seconds, not minutes.
_PIP_TIMEOUT = "15"
_PIP_RETRIES = "1"
_OFFLINE_SIGNS = (
    "Retrying",
    "NewConnectionError",
    "Connection refused",
    "Failed to establish",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "ConnectTimeout",
)


def cache_dir() -> Path:
    """Where wheels are kept: ``$BOTOCONTRACT_CACHE/wheels`` or the user's cache directory."""
    root = os.environ.get(CACHE_ENV)
    if root:
        return Path(root) / "wheels"
    user_cache = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(user_cache) / "botocontract" / "wheels"


def is_version(text: str) -> bool:
    return _VERSION.fullmatch(text) is not None


def _release(version: str) -> tuple[int, ...] | str:
    """Equal releases compare equal: pip saves ``==1.31`` as ``botocore-1.31.0-...whl``."""
    if not re.fullmatch(r"[\d.]+", version):
        return version
    parts = [int(part) for part in version.split(".")]
    while len(parts) > 1 and parts[-1] == 0:
        parts.pop()
    return tuple(parts)


def _wheel_version(wheel: Path) -> str:
    return wheel.name.split("-")[1]


def cached_wheel(version: str, cache: Path) -> Path | None:
    """The cached wheel of ``version``, if any (pip names them ``botocore-<v>-<tags>.whl``)."""
    wanted = _release(version)
    for wheel in sorted(cache.glob("botocore-*.whl")):
        if _release(_wheel_version(wheel)) == wanted:
            return wheel
    return None


def fetch_wheel(version: str, cache: Path | None = None, *, download: bool = True) -> Path:
    """The wheel of botocore ``version``, from the cache or downloaded into it with pip."""
    if not is_version(version):
        raise BotocoreVersionError(version, "not a botocore version number (like 1.34.100)")
    cache = cache or cache_dir()
    cached = cached_wheel(version, cache)
    if cached is not None:
        return cached
    if not download:
        raise BotocoreVersionError(version, f"its wheel is not in the cache {cache}")
    return _download(version, cache)


def _download(version: str, cache: Path) -> Path:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        # Download beside the cache and move in whole: a killed pip leaves no half wheel.
        with tempfile.TemporaryDirectory(prefix=".download-", dir=cache) as staging:
            wheel = _pip_download(version, Path(staging), cache)
            final = cache / wheel.name
            wheel.replace(final)
    except OSError as error:
        reason = f"cannot use the wheel cache {cache}: {error.strerror or error}"
        raise BotocoreVersionError(version, reason) from None
    return final


def _pip_download(version: str, into: Path, cache: Path) -> Path:
    if importlib.util.find_spec("pip") is None:  # uv and poetry environments may have none
        reason = (
            f"downloading its wheel needs pip, which this environment lacks; put "
            f"botocore-{version}-py3-none-any.whl in {cache}, or pass a path to "
            "service-2.json[.gz] instead"
        )
        raise BotocoreVersionError(version, reason)
    result = _run_pip(version, into)
    if result.returncode != 0:
        raise BotocoreVersionError(version, _pip_failure(version, result.stderr, cache))
    wheels = sorted(into.glob("botocore-*.whl"))
    if len(wheels) != 1:
        raise BotocoreVersionError(version, f"pip downloaded {len(wheels)} botocore wheels")
    return wheels[0]


def _run_pip(version: str, into: Path) -> subprocess.CompletedProcess[str]:
    command = [
        sys.executable, "-m", "pip", "download", f"botocore=={version}",
        "--no-deps", "--only-binary=:all:", "--disable-pip-version-check", "--no-input",
        "--retries", _PIP_RETRIES, "--timeout", _PIP_TIMEOUT, "-d", str(into),
    ]  # fmt: skip
    return subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603 - fixed argv


def _pip_failure(version: str, stderr: str, cache: Path) -> str:
    """pip's many lines as one: offline, no such release, or pip's last error."""
    if any(sign in stderr for sign in _OFFLINE_SIGNS):
        return (
            "cannot download its wheel: the package index is unreachable (offline?); "
            f"put botocore-{version}-py3-none-any.whl in {cache}, or pass a path to "
            "service-2.json[.gz] instead"
        )
    errors = [line for line in stderr.splitlines() if line.startswith("ERROR:")]
    last = errors[-1].removeprefix("ERROR:").strip() if errors else "no output"
    return f"pip cannot download its wheel ({last})"


# --- reading the model out of the wheel -----------------------------------------------------


def _model_member(names: list[str], service: str) -> str | None:
    """The newest API version's ``service-2.json[.gz]``, as botocore's loader picks it."""
    found = re.compile(rf"botocore/data/{re.escape(service)}/([^/]+)/service-2\.json(\.gz)?")
    matches = [
        (m.group(1), m.group(2) is None, name) for name in names if (m := found.fullmatch(name))
    ]
    return max(matches)[2] if matches else None  # plain .json first, as botocore loads it


def _read_member(archive: zipfile.ZipFile, member: str) -> bytes:
    """A member's bytes, refused unread when it says it inflates past the size limit."""
    if archive.getinfo(member).file_size > MAX_BYTES:
        raise FileProblem(f"{member} inflates past the {megabytes(MAX_BYTES)} limit")
    return archive.read(member)


def read_model(wheel: Path, service: str, version: str) -> bytes:
    """The JSON bytes of ``service``'s model inside a botocore wheel."""
    try:
        with zipfile.ZipFile(wheel) as archive:
            member = _model_member(archive.namelist(), service)
            if member is None:
                raise BotocoreVersionError(version, f"ships no model for service {service!r}")
            data = _read_member(archive, member)
        return gunzip(data) if member.endswith(".gz") else data
    except (zipfile.BadZipFile, OSError, EOFError, FileProblem) as error:
        reason = f"not a readable wheel ({error}); delete it to download it again"
        raise ModelFileError(wheel, reason) from None


def load_version(
    service: str, version: str, cache: Path | None = None, *, download: bool = True
) -> ir.Service:
    """``service``'s model as botocore ``version`` shipped it."""
    wheel = fetch_wheel(version, cache, download=download)
    raw = read_model(wheel, service, version)
    source = f"{wheel.name}!{service}"
    try:
        model = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(source, f"not a JSON service model ({error})") from None
    sha256 = hashlib.sha256(raw).hexdigest()
    loaded = build_service(model, service=service, sha256=sha256, source=source)
    return replace(loaded, botocore_version=_wheel_version(wheel))


# --- a diff's --from / --to -----------------------------------------------------------------


def load_ref(service: str, ref: str, cache: Path | None = None) -> ir.Service:
    """``installed``, a botocore version, or a path to a ``service-2.json[.gz]``."""
    if ref == INSTALLED:
        return load_installed(service)
    if is_version(ref):
        return load_version(service, ref, cache)
    return load_model_file(Path(ref), service=service)


def describe_ref(ref: str) -> str:
    """How a diff names one of its sides."""
    if ref == INSTALLED:
        return f"botocore {botocore.__version__} (installed)"
    if is_version(ref):
        return f"botocore {ref}"
    return Path(ref).name
