"""Reading a recording file safely: size limits, gzip, text, JSON, JSON Lines, safe YAML.

Every problem raises ``RecordingError`` with one line saying what is wrong with the file, except
a bad line of a JSON Lines file: that is a ``BadLine`` among the records, so that the file's
other lines are still read. YAML is loaded with the safe loader only, after a streaming pass
that refuses deep nesting and any non-standard tag (``!!python/object`` is never constructed);
an alias bomb is refused by counting the expanded size of what was loaded.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson
from botocontract._files import GZIP_MAGIC, FileProblem, gunzip, read_regular
from botocontract.errors import RecordingError

if TYPE_CHECKING:
    from collections.abc import Iterator
    from os import PathLike

    Path = str | PathLike[str]

MAX_DEPTH = 100
MAX_NODES = 2_000_000
YAML_SUFFIXES = (".yaml", ".yml")
LINES_SUFFIXES = (".jsonl", ".ndjson")
BODY_SUFFIXES = (".xml", ".cbor", ".form")  # one recorded body, as its protocol sent it
_SNIFF = 8192


def read_document(path: Path) -> Any:
    """The parsed content of the file at ``path`` (``JsonLines`` for a JSON Lines file)."""
    return _parse(path, _read_bytes(path))


# --- bytes -----------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        data = read_regular(path, "one recording")
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data)
    except FileProblem as problem:
        raise RecordingError(path, str(problem)) from None
    if not data or data.isspace():
        raise RecordingError(path, "empty file")
    return data


def _text(path: Path, data: bytes) -> str:
    if b"\x00" in data[:_SNIFF]:
        raise RecordingError(path, "binary file (NUL bytes), not a recording")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise RecordingError(
            path, f"not UTF-8 text (invalid byte 0x{data[error.start]:02x} at offset {error.start})"
        ) from None


# --- parsing -------------------------------------------------------------------------------


def _as_utf8(path: Path, data: bytes) -> bytes:
    """UTF-16 text (Windows editors and PowerShell's ``>`` write it) as UTF-8, as Python's
    ``json.loads`` reads it; any other bytes as they are."""
    codec = _utf16_codec(data)
    if codec is None:
        return data
    try:
        return data.decode(codec).encode("utf-8")
    except UnicodeError as error:
        reason = getattr(error, "reason", type(error).__name__)
        raise RecordingError(path, f"UTF-16 text that does not decode ({reason})") from None


def _utf16_codec(data: bytes) -> str | None:
    """``utf-16`` for text with a byte order mark; without one, the byte order that puts
    ASCII in every other byte of the first two characters (a recording starts with ASCII)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) and not data.startswith(b"\xff\xfe\x00\x00"):
        return "utf-16"
    head = data[:4]
    if len(head) == 4 and head[1] == head[3] == 0 and 0 < head[0] < 0x80 and 0 < head[2] < 0x80:
        return "utf-16-le"
    if len(head) == 4 and head[0] == head[2] == 0 and 0 < head[1] < 0x80 and 0 < head[3] < 0x80:
        return "utf-16-be"
    return None


def _parse(path: Path, data: bytes) -> Any:
    name = os.path.basename(path).removesuffix(".gz")  # noqa: PTH119 - str or Path
    if name.endswith(BODY_SUFFIXES):
        return RawBody(data)  # read per protocol by the validator (XML declares its encoding)
    data = _as_utf8(path, data)
    if name.endswith(YAML_SUFFIXES):
        return _load_yaml(path, _text(path, data))
    if name.endswith(LINES_SUFFIXES):
        return JsonLines(_load_lines(data))  # bad lines kept
    try:
        return orjson.loads(data)  # the fast path; diagnose only on failure
    except orjson.JSONDecodeError:
        return _load_json_slowly(path, data)


def _load_json_slowly(path: Path, data: bytes) -> Any:
    text = _text(path, data)
    try:
        return json.loads(text)
    except RecursionError:
        raise RecordingError(path, "JSON nested too deeply to be a recording") from None
    except json.JSONDecodeError as error:
        raise RecordingError(path, _json_problem(error, text)) from None


def _json_problem(error: json.JSONDecodeError, text: str) -> str:
    where = f"line {error.lineno} column {error.colno}"
    if not text[error.pos :].strip():
        return f"truncated JSON (the text ends at {where} before the value is complete)"
    return f"invalid JSON ({_json_reason(error)} at {where})"


# What Python's JSON parser found (its messages are fixed strings), in this project's words.
_JSON_REASONS = {
    "Expecting value": "a value was expected",
    "Expecting property name enclosed in double quotes": "a quoted member name was expected",
    "Expecting ':' delimiter": "':' was expected",
    "Expecting ',' delimiter": "',' was expected",
    "Unterminated string starting at": "a string is not closed",
    "Invalid control character at": "a control character inside a string",
    "Invalid \\escape": "a bad escape in a string",
    "Invalid \\uXXXX escape": "a bad escape in a string",
    "Extra data": "more text after the JSON value",
}


def _json_reason(error: json.JSONDecodeError) -> str:
    return _JSON_REASONS.get(error.msg, "not JSON")


class RawBody(bytes):
    """A file that is one body as the protocol sent it (XML, CBOR, form-encoded)."""


class JsonLines(list[Any]):
    """The records of a JSON Lines file, each with its line number; a bad line is a ``BadLine``."""


@dataclass(frozen=True)
class BadLine:
    """A line of a JSON Lines file that holds no record, and why: its own input error, so that
    one bad line never hides the good lines of the same file."""

    number: int
    reason: str

    def __reduce__(self) -> tuple[type[BadLine], tuple[int, str]]:
        return (BadLine, (self.number, self.reason))


def _load_lines(data: bytes) -> list[tuple[int, Any]]:
    records = []
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            records.append((number, _load_line(number, line)))
    return records


def _load_line(number: int, line: bytes) -> Any:
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as error:
        return BadLine(number, _line_problem(error, line))


def _line_problem(error: orjson.JSONDecodeError, line: bytes) -> str:
    """What is wrong and at which column, never the offending text (it may hold secrets)."""
    try:
        line.decode("utf-8")
    except UnicodeDecodeError as bad:
        return f"not UTF-8 text (invalid byte 0x{line[bad.start]:02x} at column {bad.start + 1})"
    if error.pos >= len(line.rstrip()):
        return "truncated JSON (the line ends before the value is complete)"
    # Python's own parser names the problem, in the same words as for a whole file.
    try:
        json.loads(line)
    except json.JSONDecodeError as stdlib:
        return f"invalid JSON ({_json_reason(stdlib)} at column {stdlib.colno})"
    except RecursionError:
        return "JSON nested too deeply to be a recording"
    return f"invalid JSON (at column {error.colno})"


def _load_yaml(path: Path, text: str) -> Any:
    import yaml  # noqa: PLC0415 - only YAML recordings pay for it

    loader = _cassette_loader()
    try:
        _check_yaml_events(path, yaml.parse(text, Loader=loader))
        document = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, checked above
    except yaml.YAMLError as error:
        # libyaml scans ahead and may stop at a limit of its own before our check sees the
        # events; PyYAML's own parser yields them one by one, so our limits speak first.
        _check_yaml_events(path, yaml.parse(text, Loader=yaml.SafeLoader), tolerant=True)
        raise RecordingError(path, f"invalid YAML ({_first_line(error)})") from None
    if _expanded_size(document) > MAX_NODES:
        raise RecordingError(path, "YAML aliases expand past the size limit (an alias bomb?)")
    return document


def _cassette_loader() -> Any:
    """The safe loader, plus vcrpy's one object: a request body that was a file (S3's
    PutObject) is stored as ``!!python/object/new:_io.BytesIO`` with its bytes in ``state``;
    it is read as those bytes, and nothing is constructed or called."""
    import yaml  # noqa: PLC0415

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class CassetteLoader(base):  # type: ignore[misc, valid-type]
        pass

    def file_body(loader: Any, node: Any) -> bytes:
        state = loader.construct_mapping(node, deep=True).get("state") or [b""]
        first = state[0] if isinstance(state, list) and state else b""
        return first if isinstance(first, bytes) else str(first).encode("utf-8")

    CassetteLoader.add_constructor(_VCR_FILE_BODY, file_body)
    CassetteLoader.add_constructor(
        _PYTHON_TUPLE, lambda loader, node: loader.construct_sequence(node)
    )
    return CassetteLoader


_VCR_FILE_BODY = "tag:yaml.org,2002:python/object/new:_io.BytesIO"
_PYTHON_TUPLE = "tag:yaml.org,2002:python/tuple"


def _first_line(error: Exception) -> str:
    """The problem and where, never the offending text (a recording may hold secrets)."""
    problem = getattr(error, "problem", None)
    mark = getattr(error, "problem_mark", None)
    if problem is None:
        return type(error).__name__
    where = f" at line {mark.line + 1} column {mark.column + 1}" if mark is not None else ""
    return f"{problem}{where}"


# The tags a safe load knows; anything else (!!python/object...) is refused before loading.
_SAFE_TAG = re.compile(
    r"^tag:yaml\.org,2002:(str|int|float|bool|null|binary|timestamp|map|seq|"
    r"omap|set|merge|value)$"
)


def _check_yaml_events(path: Path, events: Iterator[Any], *, tolerant: bool = False) -> None:
    """Refuse unsafe tags and deep nesting; ``tolerant``: a YAML error just ends the check."""
    import yaml  # noqa: PLC0415

    try:
        _check_each_event(path, events)
    except yaml.YAMLError:
        if not tolerant:
            raise


def _check_each_event(path: Path, events: Iterator[Any]) -> None:
    depth = 0
    for event in events:
        tag = getattr(event, "tag", None)
        if (
            tag
            and tag not in ("!", "?", _VCR_FILE_BODY, _PYTHON_TUPLE)
            and not _SAFE_TAG.match(tag)
        ):
            raise RecordingError(path, f"YAML tag {tag!r} refused (only plain data is loaded)")
        kind = type(event).__name__
        depth += {
            "MappingStartEvent": 1,
            "SequenceStartEvent": 1,
            "MappingEndEvent": -1,
            "SequenceEndEvent": -1,
        }.get(kind, 0)
        if depth > MAX_DEPTH:
            raise RecordingError(path, f"YAML nested more than {MAX_DEPTH} levels deep")


def _expanded_size(document: Any) -> int:
    """Node count with aliases expanded, computed once per shared node."""
    sizes: dict[int, int] = {}

    def size(node: Any) -> int:
        known = sizes.get(id(node))
        if known is not None:
            return known
        children = (
            node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()
        )
        total = 1 + sum(size(child) for child in children)
        if isinstance(node, (dict, list)):
            sizes[id(node)] = total
        return min(total, MAX_NODES + 1)

    return size(document)
