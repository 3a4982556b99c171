"""Recording files: read them safely, tell their format, and pull out the payloads to check.

Formats, detected per file: a boto3 response dumped to JSON; a wire JSON body; VCR.py cassettes
(YAML or JSON; ``!!binary`` headers and bodies, base64 or gzip bodies); placebo recordings
(``{"status_code", "data"}``); JSON Lines of ``{"service", "operation", "response"}``. Any file
that cannot be read as one of them raises ``RecordingError``: one line naming the file.

YAML is loaded with the safe loader only, after a streaming pass that refuses deep nesting and
any non-standard tag; an alias bomb is refused by counting the expanded size of what was loaded.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import json
import os
import re
import zlib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

import orjson

from contracts._report import Checked, FileResult
from contracts.errors import BotocontractError
from contracts.validate import validate

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from os import PathLike

    Path = str | PathLike[str]  # a recording's location: text or a path object

    from contracts.validate import Direction, FormArg

__all__ = [
    "MAX_BYTES",
    "RECORDING_SUFFIXES",
    "Options",
    "Recorded",
    "RecordingError",
    "check_file",
    "operation_from_name",
    "read_recording",
]

MAX_BYTES = 50 * 1024 * 1024
MAX_DEPTH = 100
MAX_NODES = 2_000_000
RECORDING_SUFFIXES = (".json", ".yaml", ".yml", ".jsonl", ".ndjson", ".gz")
_YAML_SUFFIXES = (".yaml", ".yml")
_LINES_SUFFIXES = (".jsonl", ".ndjson")
_GZIP_MAGIC = b"\x1f\x8b"
_SNIFF = 8192


class RecordingError(BotocontractError):
    """A file that is not a readable recording; renders as ``path: reason``."""

    def __init__(self, path: Path, reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{path}: {reason}")


@dataclass(frozen=True)
class Recorded:
    """One payload found in a recording, with what the file says about it."""

    label: str
    payload: Any
    service: str
    operation: str | None
    direction: Direction
    form: FormArg


@dataclass(frozen=True)
class _Context:
    path: Path
    service: str
    operation: str | None
    direction: Direction


def read_recording(
    path: Path, *, service: str, operation: str | None = None, direction: Direction = "response"
) -> list[Recorded]:
    """Every payload in the file at ``path``; ``operation`` overrides what the file name says."""
    context = _Context(path, service, operation, direction)
    data = _read_bytes(path)
    try:
        document = _parse(path, data)
        return list(_payloads(document, context))
    except RecursionError:
        raise RecordingError(path, "nested too deeply to be a recording") from None


# --- bytes -----------------------------------------------------------------------------------


def _read_bytes(path: Path) -> bytes:
    try:
        with open(path, "rb") as handle:  # noqa: PTH123 - one open, one fstat: this is the hot loop
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise RecordingError(
                    path,
                    f"file is {_megabytes(size)}, over the {_megabytes(MAX_BYTES)}"
                    " limit for one recording",
                )
            data = handle.read()
    except OSError as error:
        raise RecordingError(path, f"cannot read: {error.strerror or error}") from None
    if not data or data.isspace():
        raise RecordingError(path, "empty file")
    return _gunzip(path, data) if data.startswith(_GZIP_MAGIC) else data


def _megabytes(size: int) -> str:
    return f"{size / 1024 / 1024:.1f} MB"


def _gunzip(path: Path, data: bytes) -> bytes:
    """Decompress, refusing output past the size limit (a gzip bomb stays small on disk)."""
    decompressor = zlib.decompressobj(wbits=31)
    try:
        plain = decompressor.decompress(data, MAX_BYTES + 1)
    except zlib.error as error:
        raise RecordingError(path, f"corrupt gzip data ({error})") from None
    if len(plain) > MAX_BYTES:
        raise RecordingError(path, f"gzip data expands past the {_megabytes(MAX_BYTES)} limit")
    return plain


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


def _parse(path: Path, data: bytes) -> Any:
    name = os.path.basename(path).removesuffix(".gz")  # noqa: PTH119 - str or Path
    if name.endswith(_YAML_SUFFIXES):
        return _load_yaml(path, _text(path, data))
    if name.endswith(_LINES_SUFFIXES):
        return _JsonLines(_load_lines(path, data))
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
    return f"invalid JSON ({error.msg} at {where})"


class _JsonLines(list[Any]):
    """The records of a JSON Lines file, each with its line number."""


def _load_lines(path: Path, data: bytes) -> list[tuple[int, Any]]:
    records = []
    for number, line in enumerate(data.splitlines(), start=1):
        if line.strip():
            records.append((number, _load_line(path, number, line)))
    return records


def _load_line(path: Path, number: int, line: bytes) -> Any:
    try:
        return orjson.loads(line)
    except orjson.JSONDecodeError as error:
        raise RecordingError(path, f"line {number}: invalid JSON ({error})") from None


def _load_yaml(path: Path, text: str) -> Any:
    import yaml  # noqa: PLC0415 - only YAML recordings pay for it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        _check_yaml_events(path, yaml.parse(text, Loader=loader))
        document = yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader, checked above
    except yaml.YAMLError as error:
        raise RecordingError(path, f"invalid YAML ({_first_line(error)})") from None
    if _expanded_size(document) > MAX_NODES:
        raise RecordingError(path, "YAML aliases expand past the size limit (an alias bomb?)")
    return document


def _first_line(error: Exception) -> str:
    return " ".join(str(error).split())


# The tags a safe load knows; anything else (!!python/object...) is refused before loading.
_SAFE_TAG = re.compile(
    r"^tag:yaml\.org,2002:(str|int|float|bool|null|binary|timestamp|map|seq|"
    r"omap|set|merge|value)$"
)


def _check_yaml_events(path: Path, events: Iterator[Any]) -> None:
    depth = 0
    for event in events:
        tag = getattr(event, "tag", None)
        if tag and tag not in ("!", "?") and not _SAFE_TAG.match(tag):
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


# --- formats ---------------------------------------------------------------------------------


def _payloads(document: Any, context: _Context) -> Iterator[Recorded]:
    for detect, extract in _FORMATS:
        if detect(document):
            return extract(document, context)
    kind = type(document).__name__.replace("dict", "object").replace("list", "array")
    raise RecordingError(context.path, f"not a recording (a JSON {kind} at the top level)")


def _is_cassette(document: Any) -> bool:
    return isinstance(document, dict) and isinstance(document.get("interactions"), list)


def _is_interaction(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and isinstance(document.get("request"), dict)
        and ("uri" in document["request"] or "method" in document["request"])
    )


def _is_placebo(document: Any) -> bool:
    return isinstance(document, dict) and {"status_code", "data"} <= document.keys()


def _is_record(document: Any) -> bool:
    return (
        isinstance(document, dict)
        and "operation" in document
        and ("response" in document or "request" in document)
    )


def _from_cassette(document: dict[str, Any], context: _Context) -> Iterator[Recorded]:
    return _cassette_payloads(document["interactions"], context, "/interactions/")


def _from_interaction(document: dict[str, Any], context: _Context) -> Iterator[Recorded]:
    return _cassette_payloads([document], context, None)


def _from_placebo(document: dict[str, Any], context: _Context) -> Iterator[Recorded]:
    operation = context.operation or operation_from_name(context.service, _file_name(context.path))
    yield Recorded("/data", document["data"], context.service, operation, "response", "boto3")


def _from_record(
    document: dict[str, Any], context: _Context, label: str = ""
) -> Iterator[Recorded]:
    service = str(document.get("service") or context.service)
    operation = str(document["operation"])
    for direction in ("request", "response"):
        if direction in document:
            yield Recorded(
                f"{label} {direction}" if label else direction,
                document[direction],
                service,
                operation,
                direction,
                "auto",
            )


def _from_lines(document: _JsonLines, context: _Context) -> Iterator[Recorded]:
    for number, record in document:
        if not _is_record(record):
            raise RecordingError(
                context.path, f'line {number}: not a {{"service", "operation", "response"}} record'
            )
        yield from _from_record(record, context, label=f"line {number}")


def _from_bare(document: dict[str, Any], context: _Context) -> Iterator[Recorded]:
    operation = context.operation or operation_from_name(context.service, _file_name(context.path))
    if operation is None:
        raise RecordingError(
            context.path,
            "cannot tell the operation: name the file after it "
            "(BatchGetBuilds*.json) or pass --operation",
        )
    yield Recorded("", document, context.service, operation, context.direction, "auto")


_FORMATS: tuple[
    tuple[Callable[[Any], bool], Callable[[Any, _Context], Iterator[Recorded]]], ...
] = (
    (lambda document: isinstance(document, _JsonLines), _from_lines),
    (_is_cassette, _from_cassette),
    (_is_interaction, _from_interaction),
    (_is_placebo, _from_placebo),
    (_is_record, _from_record),
    (lambda document: isinstance(document, dict), _from_bare),
)


# --- operation names ----------------------------------------------------------------------


def operation_from_name(service: str, file_name: str) -> str | None:
    """The operation a file is named after: ``BatchGetBuilds__1.json``,
    ``codebuild.BatchGetProjects_1.json``, ``batch_get_builds.example-output.json``."""
    exact = _operations(service)
    for part in file_name.split("."):  # the common case first: CamelCase then a non-letter
        letters = _LEADING_LETTERS.match(part)
        if letters and letters.group() in exact:
            return letters.group()
    table = _normalized_operations(service)
    for part in file_name.split("."):
        key = _normalize(part)
        for length in range(len(key), 0, -1):
            if key[:length] in table and _ends_word(part, table[key[:length]]):
                return table[key[:length]]
    return None


_LEADING_LETTERS = re.compile(r"[A-Za-z]+")


@cache
def _operations(service: str) -> frozenset[str]:
    from contracts.schemas import operations  # noqa: PLC0415

    return frozenset(operations(service))


@cache
def _normalized_operations(service: str) -> dict[str, str]:
    return {_normalize(name): name for name in _operations(service)}


def _normalize(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def _ends_word(part: str, operation: str) -> bool:
    """``ListProjects_1`` names ListProjects; ``ListProjectsX`` does not name ListProjects."""
    letters = 0
    for index, char in enumerate(part):
        if char.isalnum():
            letters += 1
        if letters == len(operation):
            rest = part[index + 1 :]
            return not rest or not rest[0].islower()
    return False


# --- bodies (shared with the cassette reader) -----------------------------------------------


def decode_body(raw: Any) -> bytes:
    """A recorded HTTP body as bytes: text, ``!!binary`` bytes or base64; gunzipped if needed."""
    if isinstance(raw, dict):  # VCR.py: {"string": ...}; some tools: {"base64_string": ...}
        if "base64_string" in raw:
            return _maybe_gunzip(base64.b64decode(str(raw["base64_string"])))
        raw = raw.get("string", "")
    if raw is None:
        return b""
    data = raw if isinstance(raw, bytes) else str(raw).encode("utf-8")
    return _maybe_gunzip(data)


def _maybe_gunzip(data: bytes) -> bytes:
    return gzip.decompress(data) if data.startswith(_GZIP_MAGIC) else data


def body_json(data: bytes) -> Any:
    """The JSON in a body; a body that is base64 of JSON (or of gzip'd JSON) is decoded."""
    if not data.strip():
        return {}
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:
        decoded = _maybe_gunzip(base64.b64decode(data, validate=True))
    except (binascii.Error, ValueError, OSError, EOFError):
        decoded = None
    if decoded is None:
        raise ValueError("body is not JSON")
    return orjson.loads(decoded)


# --- cassettes -------------------------------------------------------------------------------


def _cassette_payloads(
    interactions: list[Any], context: _Context, prefix: str | None
) -> Iterator[Recorded]:
    """Request and response of every interaction with ``service``; others are skipped."""
    found: list[Recorded] = []
    foreign: list[str] = []
    for index, interaction in enumerate(interactions):
        label = "" if prefix is None else f"{prefix}{index}"
        found.extend(_interaction_payloads(interaction, label, context, foreign))
    if not found and foreign:
        raise RecordingError(
            context.path, f"a cassette of another service ({foreign[0]}), not {context.service}"
        )
    return iter(found)


def _interaction_payloads(
    interaction: Any, label: str, context: _Context, foreign: list[str]
) -> list[Recorded]:
    if not isinstance(interaction, dict) or not isinstance(interaction.get("request"), dict):
        raise RecordingError(context.path, f"{label or 'interaction'}: no request")
    request = interaction["request"]
    operation = _cassette_operation(request, context, foreign)  # the traffic says, not --operation
    if operation is None:
        return []
    found = [_cassette_body(request, f"{label}/request", "request", operation, context)]
    response = interaction.get("response")
    if isinstance(response, dict):
        found.append(_cassette_body(response, f"{label}/response", "response", operation, context))
    return [recorded for recorded in found if recorded is not None]


def _cassette_body(
    message: dict[str, Any], label: str, direction: Direction, operation: str, context: _Context
) -> Recorded | None:
    try:
        payload = body_json(decode_body(message.get("body")))
    except (ValueError, OSError, EOFError) as error:
        raise RecordingError(context.path, f"{label}: body is not JSON ({error})") from None
    if direction == "request" and payload == {} and not message.get("body"):
        return None  # no body at all: nothing to check
    return Recorded(label, payload, context.service, operation, direction, "wire")


def header(headers: Any, name: str) -> str | None:
    """A header's value from VCR.py's ``{name: [values]}`` (any case; bytes or text)."""
    if not isinstance(headers, dict):
        return None
    for key, value in headers.items():
        if str(key).lower() == name:
            first = value[0] if isinstance(value, list) and value else value
            return first.decode("latin-1") if isinstance(first, bytes) else str(first)
    return None


def _cassette_operation(
    request: dict[str, Any], context: _Context, foreign: list[str]
) -> str | None:
    """The operation from ``X-Amz-Target`` (json) or the method and URI (rest-json)."""
    model = _model(context.service)
    target = header(request.get("headers"), "x-amz-target")
    if target is not None:
        prefix, _, operation = target.rpartition(".")
        if prefix == model.target_prefix and operation in model.operations:
            return operation
        foreign.append(f"X-Amz-Target {target}")
        return None
    rest = _rest_operation(model, str(request.get("method", "")), str(request.get("uri", "")))
    if rest is None:
        foreign.append(f"{request.get('method')} {request.get('uri')}")
    return rest


def _rest_operation(model: Any, method: str, uri: str) -> str | None:
    from urllib.parse import urlsplit  # noqa: PLC0415

    path = urlsplit(uri).path or "/"
    for name, operation in model.operations.items():
        if operation.http.method == method.upper() and _uri_pattern(
            operation.http.request_uri
        ).match(path):
            return str(name)
    return None


@cache
def _uri_pattern(template: str) -> re.Pattern[str]:
    """``/projects/{name}`` -> a regex; ``{key+}`` spans slashes. Query part ignored."""
    path = template.split("?", 1)[0]
    parts = re.split(r"(\{[^}]+\})", path)
    regex = "".join(
        (".+" if part.endswith("+}") else "[^/]+") if part.startswith("{") else re.escape(part)
        for part in parts
    )
    return re.compile(f"^{regex}/?$")


@cache
def _model(service: str) -> Any:
    from codegen.load import load_installed  # noqa: PLC0415 - only cassettes need the model

    return load_installed(service)


# --- checking a file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """How to read and judge recordings (the command's flags)."""

    service: str = "codebuild"
    operation: str | None = None
    direction: Direction = "response"
    strict: bool = False


def check_file(path: Path, options: Options) -> FileResult:
    """Validate every payload of one recording; a problem reading it becomes ``problem``."""
    name = str(path)
    try:
        return FileResult(name, tuple(_check_payloads(path, options)))
    except BotocontractError as error:  # unreadable file, unknown operation or service
        return FileResult(name, problem=_problem_text(path, error))
    except RecursionError:
        return FileResult(name, problem="nested too deeply to be a recording")
    except Exception as error:  # noqa: BLE001 - one bad file never stops the others
        return FileResult(name, problem=f"cannot be checked ({type(error).__name__}: {error})")


def _check_payloads(path: Path, options: Options) -> Iterator[Checked]:
    found = read_recording(
        path, service=options.service, operation=options.operation, direction=options.direction
    )
    for item in found:
        if item.operation is None:
            raise RecordingError(path, "cannot tell the operation: pass --operation")
        report = validate(
            item.payload,
            item.service,
            operation=item.operation,
            direction=item.direction,
            form=item.form,
            strict=options.strict,
        )
        yield Checked(item.label, report)


def _file_name(path: Path) -> str:
    return os.path.basename(path)  # noqa: PTH119 - str or Path


def _problem_text(path: Path, error: BotocontractError) -> str:
    text = str(error)
    prefix = f"{path}: "
    return text.removeprefix(prefix)
