"""Recording files: read them safely, tell their format, and pull out the payloads to check.

Formats, detected per file: a boto3 response dumped to JSON; a wire JSON body; VCR.py cassettes
(YAML or JSON; ``!!binary`` headers and bodies, base64 or gzip bodies: ``botocontract._cassettes``);
placebo recordings (``{"status_code", "data"}``); JSON Lines of ``{"service", "operation",
"response"}``. Any file that cannot be read as one of them raises ``RecordingError``: one line
naming the file. A JSON Lines line that is no record (or names no known operation) is a
``BadLine`` of its own; the file's other lines are still checked. Reading itself (limits, safe
YAML) is ``botocontract._safe_load``.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from botocontract._files import os_reason
from botocontract._report import Checked, FileResult
from botocontract._safe_load import BadLine, JsonLines, RawBody, read_document
from botocontract.constants import MAX_BYTES
from botocontract.errors import BotocontractError, RecordingError
from botocontract.validation import validate

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator
    from os import PathLike

    Path = str | PathLike[str]  # a recording's location: text or a path object

    from botocontract._wire.bindings import HttpMessage
    from botocontract.validation import Direction, FormArg, Report

__all__ = [
    "MAX_BYTES",
    "RECORDING_SUFFIXES",
    "BadLine",
    "Options",
    "Recorded",
    "RecordingError",
    "check_file",
    "operation_from_name",
    "read_recording",
    "read_recording_tolerantly",
    "validate_recorded",
    "walk_folder",
]

RECORDING_SUFFIXES = (
    ".json",
    ".yaml",
    ".yml",
    ".jsonl",
    ".ndjson",
    ".gz",
    ".xml",
    ".cbor",
    ".form",
)


@dataclass(frozen=True)
class Recorded:
    """One payload found in a recording, with what the file says about it."""

    label: str
    payload: Any
    service: str
    operation: str | None
    direction: Direction
    form: FormArg
    line: int | None = None  # the JSON Lines line it is on
    error_type: str | None = None  # the error named outside the body (``botocontract._cassettes``)
    problem: str | None = None  # why the interaction cannot be judged (no service fits it)
    http: HttpMessage | None = None  # a cassette's headers, request URI and status code


@dataclass(frozen=True)
class Context:
    """Where a payload was read from, and what the command line says about it."""

    path: Path
    service: str
    operation: str | None
    direction: Direction


def read_recording(
    path: Path, *, service: str, operation: str | None = None, direction: Direction = "response"
) -> list[Recorded]:
    """Every payload in the file at ``path``; ``operation`` overrides what the file name says.

    A bad JSON Lines line makes the whole file a ``RecordingError`` here; see
    ``read_recording_tolerantly`` for the payloads of the other lines.
    """
    found, bad = read_recording_tolerantly(
        path, service=service, operation=operation, direction=direction
    )
    if bad:
        raise RecordingError(path, f"line {bad[0].number}: {bad[0].reason}")
    return found


def read_recording_tolerantly(
    path: Path, *, service: str, operation: str | None = None, direction: Direction = "response"
) -> tuple[list[Recorded], list[BadLine]]:
    """Every payload in the file at ``path``, and every JSON Lines line that holds none."""
    context = Context(path, service, operation, direction)
    found: list[Recorded] = []
    bad: list[BadLine] = []
    try:
        for item in _payloads(read_document(path), context):
            if isinstance(item, BadLine):
                bad.append(item)
            else:
                found.append(item)
    except RecursionError:
        raise RecordingError(path, "nested too deeply to be a recording") from None
    return found, bad


def walk_folder(directory: Path) -> tuple[list[str], list[tuple[str, str]]]:
    """Recording files under ``directory`` (sorted; hidden files and folders skipped), and
    each folder that could not be listed with why: an unreadable folder is never skipped
    silently. Entries are not opened here: a FIFO among them is refused when it is read."""
    found: list[str] = []
    unlisted: list[tuple[str, str]] = []

    def unreadable(error: OSError) -> None:
        unlisted.append((str(error.filename), f"cannot list the folder: {os_reason(error)}"))

    for root, folders, names in os.walk(directory, onerror=unreadable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        found.extend(
            os.path.join(root, name)  # noqa: PTH118 - strings: 10,000 Paths cost 25 ms
            for name in sorted(names)
            if name.endswith(RECORDING_SUFFIXES) and not name.startswith(".")
        )
    return found, unlisted


# --- formats ---------------------------------------------------------------------------------


def _payloads(document: Any, context: Context) -> Iterator[Recorded | BadLine]:
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


def _from_cassette(document: dict[str, Any], context: Context) -> Iterator[Recorded]:
    from botocontract._cassettes import cassette_payloads  # noqa: PLC0415 - needs botocore's model

    return cassette_payloads(document["interactions"], context, "/interactions/")


def _from_interaction(document: dict[str, Any], context: Context) -> Iterator[Recorded]:
    from botocontract._cassettes import cassette_payloads  # noqa: PLC0415

    return cassette_payloads([document], context, None)


def _from_placebo(document: dict[str, Any], context: Context) -> Iterator[Recorded]:
    operation = context.operation or operation_from_name(context.service, _file_name(context.path))
    yield Recorded("/data", document["data"], context.service, operation, "response", "boto3")


def _from_record(
    document: dict[str, Any], context: Context, line: int | None = None
) -> Iterator[Recorded]:
    service = str(document.get("service") or context.service)
    operation = str(document["operation"])
    for direction in ("request", "response"):
        if direction in document:
            yield Recorded(
                direction if line is None else f"line {line} {direction}",
                document[direction],
                service,
                operation,
                direction,
                "auto",
                line,
            )


def _from_lines(document: JsonLines, context: Context) -> Iterator[Recorded | BadLine]:
    for number, record in document:
        if isinstance(record, BadLine):
            yield record
        elif _is_record(record):
            yield from _from_record(record, context, line=number)
        else:
            yield BadLine(number, _not_a_record(record))


def _not_a_record(record: Any) -> str:
    """Which of the keys a record needs are missing, or what the line holds instead."""
    wanted = '{"service", "operation", "response"}'
    if not isinstance(record, dict):
        kind = _JSON_KINDS.get(type(record), "value")
        return f"not a {wanted} record (a JSON {kind}, not an object)"
    missing = [
        f'"{key}"'
        for key, present in (
            ("operation", "operation" in record),
            ("response", "response" in record or "request" in record),
        )
        if not present
    ]
    return f"not a {wanted} record (missing {' and '.join(missing)})"


_JSON_KINDS = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


def _from_bare(document: dict[str, Any], context: Context) -> Iterator[Recorded]:
    operation = context.operation or operation_from_name(context.service, _file_name(context.path))
    if operation is None:
        raise RecordingError(
            context.path,
            "cannot tell the operation: name the file after it "
            "(BatchGetBuilds*.json) or pass --operation",
        )
    yield Recorded("", document, context.service, operation, context.direction, "auto")


def _from_body(document: RawBody, context: Context) -> Iterator[Recorded]:
    """One body (``GetCallerIdentity.xml``): the operation from the file name, ``--operation``,
    or what the body names (a query or ec2 response's root element, a query request's Action)."""
    from botocontract._wire.messages import read_message  # noqa: PLC0415
    from botocontract._wire.routing import service_of_body  # noqa: PLC0415

    service = service_of_body(document, context.service)
    operation = context.operation or operation_from_name(service, _file_name(context.path))
    if operation is None:
        operation = read_message(document, service, context.direction).operation
    if operation is None:
        raise RecordingError(
            context.path, "cannot tell the operation: name the file after it or pass --operation"
        )
    yield Recorded("", bytes(document), service, operation, context.direction, "wire")


_FORMATS: tuple[
    tuple[Callable[[Any], bool], Callable[[Any, Context], Iterator[Recorded | BadLine]]], ...
] = (
    (lambda document: isinstance(document, RawBody), _from_body),
    (lambda document: isinstance(document, JsonLines), _from_lines),
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
    from botocontract.schemas import operations  # noqa: PLC0415

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


# --- checking a file -------------------------------------------------------------------------


@dataclass(frozen=True)
class Options:
    """How to read and judge recordings (the command's flags)."""

    service: str = "codebuild"
    operation: str | None = None
    direction: Direction = "response"
    strict: bool = False


def check_file(path: Path, options: Options) -> FileResult:
    """Validate every payload of one recording; a problem reading it becomes ``problem``, a
    JSON Lines line that cannot be checked one of ``bad_lines`` (the other lines still are)."""
    name = str(path)
    try:
        checked, bad = _check_payloads(path, options)
        return FileResult(name, tuple(checked), bad_lines=tuple(bad))
    except BotocontractError as error:  # unreadable file, unknown operation or service
        return FileResult(name, problem=_problem_text(path, error))
    except RecursionError:
        return FileResult(name, problem="nested too deeply to be a recording")
    except Exception as error:  # noqa: BLE001 - one bad file never stops the others
        return FileResult(name, problem=f"cannot be checked ({type(error).__name__}: {error})")


def _check_payloads(path: Path, options: Options) -> tuple[list[Checked], list[BadLine]]:
    found, bad = read_recording_tolerantly(
        path, service=options.service, operation=options.operation, direction=options.direction
    )
    checked: list[Checked] = []
    failed: set[int] = set()
    for item in found:
        if item.line in failed:
            continue  # its other payload already failed: one input error per line
        try:
            checked.append(Checked(item.label, _validate(path, item, options)))
        except BotocontractError as error:  # a record naming an unknown operation or service
            if item.line is None:
                raise
            bad.append(BadLine(item.line, str(error)))
            failed.add(item.line)
    return checked, sorted(bad, key=lambda line: line.number)


def _validate(path: Path, item: Recorded, options: Options) -> Report:
    if item.problem is not None:
        return unjudged_report(item)
    if item.operation is None:
        raise RecordingError(path, "cannot tell the operation: pass --operation")
    return validate_recorded(item, item.operation, strict=options.strict)


def unjudged_report(item: Recorded) -> Report:
    """An interaction no contract fits: its own error, the file's others still judged."""
    from botocontract.validation import Issue, Report  # noqa: PLC0415

    problem = str(item.problem)
    issue = Issue("", "", "unrecognized", "a request of a botocore service", "none", problem)
    return Report(item.service, None, item.operation, item.direction, item.form, (issue,))


def validate_recorded(item: Recorded, operation: str, *, strict: bool = False) -> Report:
    """``botocontract.validate`` on a recorded payload, with all the file told about it."""
    return validate(
        item.payload,
        item.service,
        operation=operation,
        direction=item.direction,
        form=item.form,
        strict=strict,
        error_type=item.error_type,
        http=item.http,
    )


def _file_name(path: Path) -> str:
    return os.path.basename(path)  # noqa: PTH119 - str or Path


def _problem_text(path: Path, error: BotocontractError) -> str:
    text = str(error)
    prefix = f"{path}: "
    return text.removeprefix(prefix)
