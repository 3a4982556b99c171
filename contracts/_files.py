"""Reading the files a user points at, with bounds: regular files only, a size limit, and
gzip inflated only up to that limit.

The recordings reader and the model loader share it (a dependency-free module, below both):
a FIFO or a device blocks or never ends, and a gzip bomb is small on disk. Problems raise
``FileProblem`` with the reason only; each caller names the file in its own error.
"""

from __future__ import annotations

import errno
import os
import stat
import zlib
from typing import TYPE_CHECKING

from botocontract.constants import MAX_BYTES

if TYPE_CHECKING:
    from os import PathLike

    Path = str | PathLike[str]

__all__ = ["GZIP_MAGIC", "FileProblem", "gunzip", "megabytes", "os_reason", "read_regular"]

GZIP_MAGIC = b"\x1f\x8b"
# A FIFO swapped in between the stat and the open must not block the open either.
_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


class FileProblem(Exception):  # noqa: N818 - a reason, not a failure of the program
    """Why a file cannot be read, in words for the one line that names it."""


def read_regular(path: Path, purpose: str, limit: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them (``purpose`` is
    what the limit is for: "one recording")."""
    try:
        status = os.stat(path)  # noqa: PTH116 - str or Path, as given
    except OSError as error:
        raise FileProblem(os_reason(error)) from None
    _check_status(status, purpose, limit)
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise FileProblem(os_reason(error)) from None
    with open(descriptor, "rb") as handle:  # noqa: PTH123 - a descriptor, not a path
        status = os.fstat(descriptor)
        _check_status(status, purpose, limit)
        try:
            data = handle.read(status.st_size + 1)  # one read, no buffer larger than the file
            if len(data) > status.st_size:  # it grew since (or says 0 bytes, as /proc does)
                data += handle.read(limit + 1 - len(data))
        except OSError as error:
            raise FileProblem(os_reason(error)) from None
    if len(data) > limit:  # it grew while being read
        raise FileProblem(f"file grew past the {megabytes(limit)} limit for {purpose}")
    return data


def _check_status(status: os.stat_result, purpose: str, limit: int) -> None:
    if not stat.S_ISREG(status.st_mode):
        raise FileProblem(f"not a regular file ({_kind(status.st_mode)}); only files are read")
    if status.st_size > limit:
        raise FileProblem(
            f"file is {megabytes(status.st_size)}, over the {megabytes(limit)} limit for {purpose}"
        )


_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a file")


# The reasons an OSError gives, in this project's words (strerror differs between systems).
_REASONS = {
    errno.ENOENT: "no such file or directory",
    errno.ELOOP: "symlink loop (too many levels of symbolic links)",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTDIR: "a part of the path is not a directory",
    errno.ENAMETOOLONG: "file name too long",
}


def os_reason(error: OSError) -> str:
    """What an OSError says about a path, in one lower-case phrase."""
    reason = _REASONS.get(error.errno or 0)
    if reason is not None:
        return reason
    return (error.strerror or type(error).__name__).lower()


def megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def gunzip(data: bytes, limit: int = MAX_BYTES) -> bytes:
    """Inflate gzip data (every member, as ``gzip.decompress`` does), never past ``limit``
    bytes: a megabyte at a time (decompressobj's ``max_length``), so that a bomb is refused
    with no more than the limit in memory."""
    plain = bytearray()
    inflater = zlib.decompressobj(wbits=31)
    pending = data
    while True:
        try:
            piece = inflater.decompress(pending, _INFLATE_STEP)
        except zlib.error as error:
            raise FileProblem(f"corrupt gzip data ({error})") from None
        plain += piece
        if len(plain) > limit:
            raise FileProblem(f"gzip data expands past the {megabytes(limit)} limit")
        if inflater.eof:
            pending = inflater.unused_data
            if not pending:
                return bytes(plain)
            inflater = zlib.decompressobj(wbits=31)  # the next member
            continue
        pending = inflater.unconsumed_tail
        if not pending and not piece:
            raise FileProblem("corrupt gzip data (it ends before the stream does)")


_INFLATE_STEP = 1024 * 1024
