"""Write generated artifacts: deterministic bytes, atomic directory swaps, and ``--check``.

Each service's files (every emitter's output plus ``manifest.json``) are staged in a hidden
sibling directory and swapped in whole, so a crash or a kill at any point leaves either the
previous ``<out>/<service>/`` or the new one, never a mix. ``check`` compares the same bytes
with what is on disk and writes nothing.
"""

from __future__ import annotations

import ctypes
import difflib
import errno
import glob
import hashlib
import json
import os
import re
import secrets
import shutil
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any, Literal

from botocontract.codegen import emit, ir
from botocontract.codegen.load import load_service
from botocontract.errors import BotocontractError, ModelFileError, OutputError
from botocontract.sources import package_name

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "Change",
    "Extras",
    "ExtrasHook",
    "Failure",
    "Result",
    "ServiceOutput",
    "build_manifest",
    "generate",
    "render",
]

GENERATOR = "botocontract"
MANIFEST = "manifest.json"
PACKAGE_INIT = "__init__.py"
# What Python itself drops into a package directory; never ours, never compared.
IGNORED_NAMES = frozenset({"__pycache__"})
MAX_DIFF_LINES = 40
MAX_DIFF_LINE_CHARS = 200
_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")

ChangeKind = Literal["stale", "missing", "extra"]


@dataclass(frozen=True)
class Extras:
    """What a caller adds to one service's output: manifest fields and whole files."""

    manifest: Mapping[str, Any] = field(default_factory=dict)
    files: Mapping[str, bytes] = field(default_factory=dict)


# Given the service and its existing output directory (which may not exist), what to add;
# a botocore upgrade, say, records the version it replaces and a CHANGES.md.
ExtrasHook = Callable[[ir.Service, Path], Extras]


@dataclass(frozen=True)
class Change:
    """One file that differs between what generation produces and what is on disk."""

    path: str  # relative to the output directory, with ``/`` separators
    kind: ChangeKind
    diff: str = ""  # unified diff of a stale text file (check mode only), truncated


@dataclass(frozen=True)
class Failure:
    """A service that could not be generated, and the one line saying why."""

    target: str
    message: str


@dataclass(frozen=True)
class ServiceOutput:
    """A service that was generated (or checked) and where its files are."""

    target: str
    service: str
    directory: Path
    files: tuple[str, ...]
    changes: tuple[Change, ...]
    warnings: tuple[str, ...] = ()  # constraints the artifacts could not state


@dataclass
class Result:
    out_dir: Path
    check: bool
    services: list[ServiceOutput] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)
    package_changes: tuple[Change, ...] = ()  # out_dir's own __init__.py, in check mode

    @property
    def changes(self) -> list[Change]:
        per_service = [change for output in self.services for change in output.changes]
        return [*self.package_changes, *per_service]

    @property
    def ok(self) -> bool:
        """No failure, and in check mode nothing stale, missing or extra."""
        return not self.failures and not (self.check and self.changes)


# --- what to write -------------------------------------------------------------------------


def _generator_version() -> str:
    try:
        return metadata.version(GENERATOR)
    except metadata.PackageNotFoundError:  # running from a bare checkout
        return "0+unknown"


def _model_source(source: str) -> str:
    """Where the model came from, without the machine's absolute paths."""
    if source.startswith("botocore:"):
        return source
    return PurePosixPath(source.replace("\\", "/")).name


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _json_bytes(document: Mapping[str, Any]) -> bytes:
    return (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def build_manifest(
    service: ir.Service, files: Mapping[str, bytes], extra: Mapping[str, Any] | None = None
) -> bytes:
    """``manifest.json``: provenance and the sha256 of every other file.

    ``extra`` adds top-level fields (a botocore upgrade records the version it replaced);
    it may not overwrite the core ones.
    """
    core: dict[str, Any] = {
        "generator": GENERATOR,
        "generator_version": _generator_version(),
        "botocore_version": service.botocore_version,
        "service": service.name,
        "api_version": service.api_version,
        "protocol": service.protocol,
        "model_sha256": service.model_sha256,
        "model_source": _model_source(service.source),
        "files": {name: _sha256(data) for name, data in sorted(files.items())},
    }
    clash = sorted(core.keys() & (extra or {}).keys())
    if clash:
        raise ValueError(f"manifest fields {clash} are reserved")
    return _json_bytes({**core, **(extra or {})})


def _check_file_name(name: str) -> None:
    path = PurePosixPath(name)
    if path.is_absolute() or not path.parts or ".." in path.parts or name == MANIFEST:
        raise ValueError(f"an emitter produced an unusable file name {name!r}")


def render(service: ir.Service, extras: Extras | None = None) -> dict[str, bytes]:
    """Every file of ``service``'s directory, by relative path, in sorted order."""
    extras = extras or Extras()
    files = emit.emit_all(service)
    clash = sorted(files.keys() & extras.files.keys())
    if clash:
        raise ValueError(f"extra files {clash} would replace emitted ones")
    files.update(extras.files)
    for name in files:
        _check_file_name(name)
    files[MANIFEST] = build_manifest(service, files, extras.manifest)
    return dict(sorted(files.items()))


def _directory_name(service: ir.Service) -> str:
    """The service's package folder (``lambda`` -> ``lambda_``: importable); a model file names
    its own service, so keep a hostile name from escaping ``out_dir``."""
    if not _SAFE_NAME.fullmatch(service.name):
        reason = f"service name {service.name!r} is not a directory name"
        raise ModelFileError(service.source, reason)
    return package_name(service.name)


# --- what is on disk -----------------------------------------------------------------------


def _walk(directory: Path) -> Iterable[Path]:
    for entry in sorted(directory.iterdir()):
        if entry.name in IGNORED_NAMES:
            continue
        if entry.is_dir() and not entry.is_symlink():
            yield from _walk(entry)
        else:
            yield entry


def _read_tree(directory: Path) -> dict[str, bytes]:
    """The files under ``directory`` by relative posix path; empty if it is not a directory."""
    if not directory.is_dir():
        return {}
    try:
        return {
            path.relative_to(directory).as_posix(): path.read_bytes() for path in _walk(directory)
        }
    except OSError as error:
        raise OutputError(directory, f"cannot read existing output: {_reason(error)}") from None


def _reason(error: OSError) -> str:
    return error.strerror or str(error)


# --- comparing -----------------------------------------------------------------------------


def _clip(line: str) -> str:
    body = line.rstrip("\n")
    if len(body) > MAX_DIFF_LINE_CHARS:
        body = body[:MAX_DIFF_LINE_CHARS] + " [...]"
    return body + "\n"


def _text(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def unified_diff(path: str, old: bytes, new: bytes) -> str:
    """A unified diff from disk to generated, at most ``MAX_DIFF_LINES`` lines; '' if binary."""
    old_text, new_text = _text(old), _text(new)
    if old_text is None or new_text is None:
        return ""
    lines = list(
        difflib.unified_diff(
            old_text.splitlines(keepends=True),
            new_text.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
    shown = [_clip(line) for line in lines[:MAX_DIFF_LINES]]
    if len(lines) > MAX_DIFF_LINES:
        shown.append(f"[... {len(lines) - MAX_DIFF_LINES} more diff lines]\n")
    return "".join(shown)


def compare(
    prefix: str, expected: Mapping[str, bytes], actual: Mapping[str, bytes], *, diffs: bool
) -> tuple[Change, ...]:
    """What differs, sorted by path; ``prefix`` is the service directory's name."""
    changes: list[Change] = []
    for name in sorted(expected.keys() | actual.keys()):
        path = f"{prefix}/{name}" if prefix else name
        if name not in actual:
            changes.append(Change(path, "missing"))
        elif name not in expected:
            changes.append(Change(path, "extra"))
        elif expected[name] != actual[name]:
            diff = unified_diff(path, actual[name], expected[name]) if diffs else ""
            changes.append(Change(path, "stale", diff))
    return tuple(changes)


# --- atomic writing ------------------------------------------------------------------------

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
_NO_EXCHANGE = frozenset({errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP})


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths in one step (Linux ``renameat2``); False where that is unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    renameat2 = getattr(ctypes.CDLL(None, use_errno=True), "renameat2", None)
    if renameat2 is None:  # glibc older than 2.28, or another libc
        return False
    status = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if status == 0:
        return True
    code = ctypes.get_errno()
    if code in _NO_EXCHANGE:  # filesystems without RENAME_EXCHANGE
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap_in(staged: Path, final: Path) -> None:
    """Put ``staged`` at ``final``; afterwards ``staged``, if still there, is the old tree."""
    if not final.exists():
        staged.rename(final)
    elif not _exchange(staged, final):
        _swap_by_renames(staged, final)


def _swap_by_renames(staged: Path, final: Path) -> None:
    """Two renames; a kill between them leaves a backup that ``_recover`` puts back."""
    backup = staged.with_name(staged.name.replace(".tmp-", ".old-", 1))
    final.rename(backup)
    try:
        staged.rename(final)
    except BaseException:
        backup.rename(final)
        raise
    shutil.rmtree(backup, ignore_errors=True)  # the new tree is in place; a leftover is harmless


def _leftovers(out_dir: Path, name: str, kind: str) -> list[Path]:
    return sorted(out_dir.glob(f".{glob.escape(name)}.{kind}-*"))


def _recover(out_dir: Path, name: str) -> None:
    """Undo what a killed run left: restore a backup if the tree is gone, drop the rest.

    Two runs writing the same service into the same directory at once are not supported:
    this would take the other run's staging directory for a leftover.
    """
    backups = _leftovers(out_dir, name, "old")
    final = out_dir / name
    if backups and not final.exists():
        backups.pop().rename(final)
    for leftover in [*backups, *_leftovers(out_dir, name, "tmp")]:
        shutil.rmtree(leftover, ignore_errors=True)


def _write_file(directory: Path, name: str, data: bytes) -> None:
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _stage(out_dir: Path, name: str, files: Mapping[str, bytes]) -> Path:
    # not mkdtemp: its 0700 would become the final tree's mode; mkdir honours the umask
    staged = out_dir / f".{name}.tmp-{secrets.token_hex(6)}"
    staged.mkdir()
    try:
        for file_name, data in files.items():
            _write_file(staged, file_name, data)
    except BaseException:
        shutil.rmtree(staged, ignore_errors=True)
        raise
    return staged


def _ensure_package(out_dir: Path) -> None:
    """Keep ``out_dir`` an import package (``generated/``) with an empty ``__init__.py``."""
    init = out_dir / PACKAGE_INIT
    if not init.exists():
        init.touch()


def _prepare(out_dir: Path, name: str) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    _ensure_package(out_dir)
    _recover(out_dir, name)
    final = out_dir / name
    if final.exists() and not final.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, "exists and is not a directory", str(final))


def _guard_output(action: Callable[[], None], out_dir: Path) -> None:
    try:
        action()
    except OSError as error:
        raise OutputError(error.filename or out_dir, _reason(error)) from None


def write_tree(out_dir: Path, name: str, files: Mapping[str, bytes]) -> None:
    """Replace ``out_dir/name/`` with exactly ``files``, atomically."""
    staged = _stage(out_dir, name, files)
    try:
        _swap_in(staged, out_dir / name)
    finally:  # the staged tree if the swap failed, the previous one if it was exchanged
        shutil.rmtree(staged, ignore_errors=True)


# --- one service, then many ----------------------------------------------------------------


def _package_changes(out_dir: Path) -> tuple[Change, ...]:
    return () if (out_dir / PACKAGE_INIT).is_file() else (Change(PACKAGE_INIT, "missing"),)


def _one(target: str, out_dir: Path, check: bool, hook: ExtrasHook | None) -> ServiceOutput:
    service = load_service(target)
    name = _directory_name(service)
    files = render(service, hook(service, out_dir / name) if hook else None)
    if not check:
        _guard_output(lambda: _prepare(out_dir, name), out_dir)
    changes = compare(name, files, _read_tree(out_dir / name), diffs=check)
    if changes and not check:
        _guard_output(lambda: write_tree(out_dir, name, files), out_dir)
    notes = tuple(emit.warnings(service))
    return ServiceOutput(target, service.name, out_dir / name, tuple(files), changes, notes)


def _attempt(
    target: str, out_dir: Path, check: bool, hook: ExtrasHook | None
) -> ServiceOutput | Failure:
    try:
        return _one(target, out_dir, check, hook)
    except BotocontractError as error:
        return Failure(target, str(error))
    except Exception as error:  # noqa: BLE001 - a bug, not bad input: one line, go on
        return Failure(target, f"{target}: internal error ({type(error).__name__}: {error})")


def generate(
    services: Iterable[str],
    out_dir: Path,
    *,
    check: bool = False,
    extras: ExtrasHook | None = None,
) -> Result:
    """Generate (or with ``check``, compare) each service under ``out_dir``.

    ``services`` are botocore service names or ``service-2.json[.gz]`` paths. One service
    failing never stops the others; its one-line reason lands in ``Result.failures``.
    ``extras`` adds manifest fields and files per service (see ``ExtrasHook``).
    """
    emit.require_dependencies()
    result = Result(out_dir=out_dir, check=check)
    if check:
        result.package_changes = _package_changes(out_dir)
    for target in dict.fromkeys(services):  # each once, in the order given
        outcome = _attempt(target, out_dir, check, extras)
        if isinstance(outcome, Failure):
            result.failures.append(outcome)
        else:
            result.services.append(outcome)
    return result
