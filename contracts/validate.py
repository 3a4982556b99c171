"""Validate one payload against the service's JSON Schema, and classify each violation.

The emitted schema is the only statement of the rules (one fact, one place): a compiled
``jsonschema_rs`` validator answers yes/no fast, and only a payload that fails is explained,
from the same validator's errors. This module adds what a schema cannot say: which payload form
a recording is in, which violations are *drift* (real AWS does them: enum values the model does
not list yet, members it does not know, empty output lists under ``min: 1``), and which values
must never be printed (``x-sensitive`` shapes).
"""

from __future__ import annotations

import base64
import datetime as dt
import difflib
import json
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import orjson

from contracts import schemas
from contracts.errors import UnknownOperationError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = ["Issue", "Report", "validate"]

Direction = Literal["request", "response"]
FormArg = Literal["auto", "wire", "boto3"]
Severity = Literal["error", "drift"]
Path = tuple["str | int", ...]

REDACTED = "<redacted: sensitive>"
RESPONSE_METADATA = "ResponseMetadata"
_ACTUAL_WIDTH = 80
# Rules real AWS traffic breaks (see ../shared/corpus): drift unless strict.
_DRIFT_RULES = frozenset({"enum", "additionalProperties", "unmodeledError"})


@dataclass(frozen=True)
class Issue:
    """One violation: where (JSON pointer and botocore member path), which rule, what was found."""

    path: str
    member_path: str
    rule: str
    expected: str
    actual: str
    message: str
    severity: Severity = "error"
    shape: str | None = None

    def __reduce__(self) -> tuple[type[Issue], tuple[Any, ...]]:
        # Positional state: pickles smaller and loads faster than a state dict (-j workers).
        return (
            Issue,
            (
                self.path,
                self.member_path,
                self.rule,
                self.expected,
                self.actual,
                self.message,
                self.severity,
                self.shape,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "member_path": self.member_path,
            "rule": self.rule,
            "severity": self.severity,
            "shape": self.shape,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
        }


@dataclass(frozen=True)
class Report:
    """The verdict on one payload; ``ok`` when it has no errors (drift alone is ok)."""

    service: str
    shape: str | None
    operation: str | None
    direction: Direction
    form: str
    issues: tuple[Issue, ...] = field(default=())

    def __reduce__(self) -> tuple[type[Report], tuple[Any, ...]]:
        return (
            Report,
            (self.service, self.shape, self.operation, self.direction, self.form, self.issues),
        )

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def drift(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "drift"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "direction": self.direction,
            "shape": self.shape,
            "form": self.form,
            "ok": self.ok,
            "issues": [issue.to_dict() for issue in self.issues],
        }


# --- entry point --------------------------------------------------------------------------


def validate(  # noqa: PLR0913 - the public signature DESIGN.md fixes
    payload: Any,
    service: str,
    *,
    shape: str | None = None,
    operation: str | None = None,
    direction: Direction = "response",
    form: FormArg = "auto",
    strict: bool = False,
) -> Report:
    """Validate ``payload`` against ``shape``, or against ``operation``'s input or output.

    ``form`` is ``"wire"`` (the HTTP body), ``"boto3"`` (what boto3 returns, possibly dumped to
    JSON, possibly with real ``datetime``/``bytes`` objects) or ``"auto"`` (decided per
    payload). With ``strict``, drift counts as an error.
    """
    body = _strip_metadata(payload, direction)
    target, unmodeled = _target(service, shape, operation, direction, body)
    forms = _candidate_forms(payload, body, form)
    # The fast path: one compiled yes/no in the likeliest form; the others are tried only when
    # the failure is explained (a failing payload gets its issues listed anyway).
    if target is not None and _is_valid(service, target, forms[0], body):
        return Report(service, target, operation, direction, forms[0])
    job = _Job(service, target, operation, direction, strict)
    if target is None:
        return _no_shape(job, forms[0], unmodeled)
    return _explain(body, job, forms, narrow=form == "auto")


@dataclass(frozen=True)
class _Job:
    """What one ``validate`` call checks against."""

    service: str
    shape: str | None
    operation: str | None
    direction: Direction
    strict: bool

    def report(self, form: str, issues: tuple[Issue, ...] = ()) -> Report:
        return Report(self.service, self.shape, self.operation, self.direction, form, issues)


def _strip_metadata(payload: Any, direction: Direction) -> Any:
    """boto3 adds ``ResponseMetadata`` to every response; the model does not describe it."""
    if direction == "response" and isinstance(payload, dict) and RESPONSE_METADATA in payload:
        return {key: value for key, value in payload.items() if key != RESPONSE_METADATA}
    return payload


def _candidate_forms(payload: Any, body: Any, form: FormArg) -> tuple[schemas.Form, ...]:
    if form != "auto":
        return (form,)
    if isinstance(payload, dict):
        if RESPONSE_METADATA in payload or "Error" in payload:
            return ("boto3",)
        if "__type" in body:
            return ("wire",)
    return ("wire", "boto3")


def _is_valid(service: str, shape: str, form: schemas.Form, body: Any) -> bool:
    try:
        return bool(_fast(service, shape, form).is_valid(body))
    except (ValueError, TypeError):  # datetime, bytes...: converted on the slow path
        return False


@cache
def _fast(service: str, shape: str, form: schemas.Form) -> Any:
    import jsonschema_rs  # noqa: PLC0415 - compiled validators only when validating

    return jsonschema_rs.validator_for(schemas.shape_schema(service, shape, form))


# --- which shape ---------------------------------------------------------------------------


def _target(
    service: str, shape: str | None, operation: str | None, direction: Direction, body: Any
) -> tuple[str | None, str | None]:
    """The shape to validate against, and an error code the operation does not model."""
    if shape is not None:
        schemas.shape_schema(service, shape, "boto3")  # raises UnknownShapeError
        return shape, None
    if operation is None:
        raise ValueError("validate() needs a shape or an operation")
    entry = operation_entry(service, operation)
    if direction == "request":
        return entry["input"], None
    code = error_code(body)
    if code is None:
        return entry["output"], None
    return (code, None) if code in entry["errors"] else (None, code)


def operation_entry(service: str, operation: str) -> dict[str, Any]:
    table = schemas.operations(service)
    if operation not in table:
        close = difflib.get_close_matches(operation, list(table), n=3)
        raise UnknownOperationError(service, operation, close)
    return table[operation]


def error_code(body: Any) -> str | None:
    """The error an error response names: ``__type`` on the wire, ``Error.Code`` in boto3."""
    if not isinstance(body, dict):
        return None
    wire = body.get("__type")
    if isinstance(wire, str):  # "com.amazonaws.codebuild#InvalidInputException" or bare
        return wire.rsplit("#", 1)[-1].split(":", 1)[0]
    error = body.get("Error")
    if isinstance(error, dict) and isinstance(error.get("Code"), str):
        return str(error["Code"])
    return None


def _no_shape(job: _Job, form: str, unmodeled: str | None) -> Report:
    """An error the operation does not list, or an operation without a body shape."""
    if unmodeled is None:
        return job.report(form)
    message = f"error {unmodeled!r} is not one of {job.operation}'s modeled errors"
    expected = f"an error {job.operation} models"
    issue = Issue("", "", "unmodeledError", expected, unmodeled, message)
    return job.report(form, (_classify(issue, job, None),))


# --- explaining a failure -----------------------------------------------------------------


def _explain(body: Any, job: _Job, forms: tuple[schemas.Form, ...], *, narrow: bool) -> Report:
    normalized, changed = to_json_value(body)
    if changed and narrow:  # datetimes, bytes, placebo objects: the boto3 form
        forms = ("boto3",)
    if changed and _is_valid(job.service, str(job.shape), forms[0], normalized):
        return job.report(forms[0])
    best: Report | None = None
    for form in forms:
        report = job.report(form, _issues(normalized, job, form))
        # The form the payload is closest to: fewest errors, then fewest issues, wire first.
        if best is None or _closeness(report) < _closeness(best):
            best = report
        if not _other_form_may_do_better(job.service, best):
            break
    assert best is not None
    return best


def _other_form_may_do_better(service: str, report: Report) -> bool:
    """Only a failure at a shape whose schema differs between the forms can vanish in the other.

    No errors (drift alone), or errors only at shapes the two forms state identically (an
    integer is an integer in both), and the other form cannot have fewer errors: skip it.
    """
    differing = _shapes_differing_by_form(service)
    return any(issue.shape in differing for issue in report.errors)


@cache
def _shapes_differing_by_form(service: str) -> frozenset[str]:
    wire = schemas.load_schema(service, "wire")["$defs"]
    boto3 = schemas.load_schema(service, "boto3")["$defs"]
    return frozenset(name for name in wire if wire[name] != boto3.get(name))


def _closeness(report: Report) -> tuple[int, int]:
    return (len(report.errors), len(report.issues))


def _issues(body: Any, job: _Job, form: schemas.Form) -> tuple[Issue, ...]:
    assert job.shape is not None
    document = schemas.load_schema(job.service, form)
    found: list[Issue] = []
    try:
        for error in _fast(job.service, job.shape, form).iter_errors(body):
            described = _describe(error, document, job.shape)
            found.extend(_classify(issue, job, error.instance) for issue in described)
    except (ValueError, TypeError) as error:  # a Python object JSON has no form for
        message = f"payload holds a value JSON cannot represent ({error})"
        found.append(Issue("", "", "type", "JSON values", "a non-JSON object", message))
    return tuple(sorted(_without_shadowed(found), key=_issue_order))


def _issue_order(issue: Issue) -> tuple[list[tuple[int, int, str]], str, str]:
    """Document order: ``/builds/2`` before ``/builds/10``."""
    steps = [
        (0, int(step), "") if step.isdigit() else (1, 0, step) for step in issue.path.split("/")
    ]
    return (steps, issue.rule, issue.message)


def _without_shadowed(issues: list[Issue]) -> Iterable[Issue]:
    """A value of the wrong type also fails its enum; the type error says it all."""
    typed = {issue.path for issue in issues if issue.rule == "type"}
    return [issue for issue in issues if not (issue.rule == "enum" and issue.path in typed)]


def _classify(issue: Issue, job: _Job, instance: Any) -> Issue:
    drift = issue.rule in _DRIFT_RULES or (
        issue.rule == "minItems" and job.direction == "response" and instance == []
    )
    if not drift or job.strict:
        return issue
    return Issue(
        issue.path,
        issue.member_path,
        issue.rule,
        issue.expected,
        issue.actual,
        issue.message,
        "drift",
        issue.shape,
    )


def _describe(error: Any, document: schemas.Schema, root: str) -> list[Issue]:
    path = tuple(error.instance_path)
    shape = _failing_shape(list(error.schema_path))
    keyword = error.kind.name
    details = error.kind.as_dict()
    secret = _is_sensitive(document, root, path, shape)
    if keyword == "additionalProperties":
        return [_unknown_member(path, name, shape) for name in details.get("unexpected", [])]
    if keyword == "required":
        return [_missing_member(path, str(details.get("property")), shape)]
    expected = _EXPECTED.get(keyword, _expected_generic)(details, document, shape)
    actual = REDACTED if secret else show(error.instance)
    where = member_path(path)
    rule = _RULE_TEXT.get(keyword, keyword)
    message = f"{where or 'payload'}: {rule}: expected {expected}, got {actual}"
    return [Issue(pointer(path), where, keyword, expected, actual, message, shape=shape)]


def _missing_member(path: Path, name: str, shape: str | None) -> Issue:
    """Reported where the member should be, as the unknown ones are."""
    where = (*path, name)
    message = f"{member_path(where)}: missing required member {name!r} of {shape}"
    expected = f"required member {name!r} of {shape}"
    return Issue(
        pointer(where), member_path(where), "required", expected, "absent", message, shape=shape
    )


def _unknown_member(path: Path, name: str, shape: str | None) -> Issue:
    where = (*path, name)
    message = f"{member_path(where)}: member {name!r} is not in the model's {shape}"
    expected = f"a member of {shape}"
    return Issue(
        pointer(where),
        member_path(where),
        "additionalProperties",
        expected,
        repr(name),
        message,
        shape=shape,
    )


def _failing_shape(schema_path: list[Any]) -> str | None:
    """The ``$defs`` entry a schema path ends in: the botocore shape of the failing value."""
    for index in range(len(schema_path) - 2, -1, -1):
        if schema_path[index] == "$defs":
            return str(schema_path[index + 1])
    return None


def _is_sensitive(document: schemas.Schema, root: str, path: Path, shape: str | None) -> bool:
    """Whether the failing value is, or sits inside, a value of an ``x-sensitive`` shape."""
    secret = _sensitive_shapes(document["$id"], document)
    if not secret:
        return False
    names = [*shapes_along(document["$defs"], root, path), shape]
    return any(name in secret for name in names if name)


_SENSITIVE: dict[str, frozenset[str]] = {}


def _sensitive_shapes(document_id: str, document: schemas.Schema) -> frozenset[str]:
    """Names of the document's ``x-sensitive`` shapes, computed once per document."""
    found = _SENSITIVE.get(document_id)
    if found is None:
        definitions = document["$defs"]
        found = frozenset(name for name, spec in definitions.items() if spec.get("x-sensitive"))
        _SENSITIVE[document_id] = found
    return found


def shapes_along(definitions: dict[str, Any], root: str, path: Path) -> list[str]:
    """The shape of each value from the root down ``path``, following ``$ref``s."""
    names = [root]
    for step in path:
        child = _child_ref(definitions.get(names[-1], {}), step)
        if child is None:
            break
        names.append(child)
    return names


def _child_ref(schema: schemas.Schema, step: str | int) -> str | None:
    if isinstance(step, int):
        return _ref_name(schema.get("items"))
    properties = schema.get("properties", {})
    return _ref_name(properties[step] if step in properties else schema.get("additionalProperties"))


def _ref_name(schema: Any) -> str | None:
    if not isinstance(schema, dict):
        return None
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    for branch in schema.get("anyOf", ()):  # sparse lists and maps: [ref, null]
        name = _ref_name(branch)
        if name:
            return name
    return None


# --- wording --------------------------------------------------------------------------------


def _expected_limit(prefix: str) -> Callable[[dict[str, Any], schemas.Schema, str | None], str]:
    return lambda details, _document, _shape: f"{prefix} {details.get('limit')}"


def _expected_enum(details: dict[str, Any], _document: schemas.Schema, shape: str | None) -> str:
    values = ", ".join(str(option) for option in details.get("options", []))
    return f"one of {shape}'s values ({values})" if shape else f"one of ({values})"


def _expected_type(details: dict[str, Any], _document: schemas.Schema, _shape: str | None) -> str:
    return " or ".join(str(name) for name in details.get("types", [])) or "another type"


def _expected_pattern(details: dict[str, Any], _doc: schemas.Schema, _shape: str | None) -> str:
    return f"a string matching {details.get('pattern')}"


def _expected_any_of(_details: dict[str, Any], document: schemas.Schema, shape: str | None) -> str:
    branches = document["$defs"].get(shape, {}).get("anyOf", []) if shape else []
    return " or ".join(_branch_text(branch) for branch in branches) or "one of several schemas"


def _branch_text(branch: schemas.Schema) -> str:
    if "pattern" in branch:
        return f"a {branch.get('type', 'value')} matching {branch['pattern']}"
    if "enum" in branch:
        return "one of " + ", ".join(json.dumps(value) for value in branch["enum"])
    if "$ref" in branch:
        return str(branch["$ref"]).rsplit("/", 1)[-1]
    return str(branch.get("type", "a value"))


def _expected_generic(details: dict[str, Any], _doc: schemas.Schema, _shape: str | None) -> str:
    return ", ".join(f"{key} {value}" for key, value in sorted(details.items())) or "valid"


_EXPECTED: dict[str, Callable[[dict[str, Any], schemas.Schema, str | None], str]] = {
    "enum": _expected_enum,
    "type": _expected_type,
    "pattern": _expected_pattern,
    "anyOf": _expected_any_of,
    "minimum": _expected_limit(">="),
    "maximum": _expected_limit("<="),
    "minLength": _expected_limit("length >="),
    "maxLength": _expected_limit("length <="),
    "minItems": _expected_limit("items >="),
    "maxItems": _expected_limit("items <="),
    "minProperties": _expected_limit("members >="),
    "maxProperties": _expected_limit("members <="),
}
_RULE_TEXT = {
    "enum": "value not in the enum",
    "type": "wrong type",
    "anyOf": "wrong type or format",
    "minItems": "too few items",
    "maxItems": "too many items",
}


def pointer(path: Path) -> str:
    """RFC 6901 JSON pointer of ``path``."""
    return "".join("/" + str(step).replace("~", "~0").replace("/", "~1") for step in path)


def member_path(path: Path) -> str:
    """botocore's way of naming a member: ``builds[0].phases[1].phaseStatus``."""
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def show(value: Any) -> str:
    """A short rendering of a found value (never called on a sensitive one)."""
    if isinstance(value, dict):
        return f"an object with {len(value)} member(s)"
    if isinstance(value, list):
        return f"an array of {len(value)} item(s)"
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= _ACTUAL_WIDTH else text[: _ACTUAL_WIDTH - 3] + "..."


# --- payloads from Python and from placebo ---------------------------------------------------


def to_json_value(value: Any) -> tuple[Any, bool]:
    """``value`` as boto3's JSON form, and whether anything had to be converted.

    ``datetime`` -> ISO-8601 string, ``bytes`` -> base64, placebo's
    ``{"__class__": "datetime", "year": ...}`` -> ISO-8601 string. One orjson round trip finds
    and converts Python objects (a Python walk costs ten times more); only placebo's objects,
    seen in the dumped bytes, need the walk.
    """
    converted: list[bool] = []
    try:
        data = orjson.dumps(value, default=_json_default(converted), option=_DUMP_OPTIONS)
    except orjson.JSONEncodeError:  # a value JSON has no form for, or absurd nesting
        return value, False
    if _PLACEBO_MARK in data:
        return _walk(orjson.loads(data) if converted else value)[0], True
    return (orjson.loads(data), True) if converted else (value, False)


def _json_default(converted: list[bool]) -> Callable[[Any], Any]:
    def default(value: Any) -> Any:
        for kind, convert in _CONVERTERS.items():
            if isinstance(value, kind):
                converted.append(True)
                return convert(value)
        raise TypeError(type(value).__name__)

    return default


def _walk(value: Any) -> tuple[Any, bool]:
    walker = _WALKERS.get(type(value))
    return walker(value) if walker is not None else (value, False)


def _convert_dict(value: dict[Any, Any]) -> tuple[Any, bool]:
    if value.get("__class__") == "datetime":
        placebo = _placebo_datetime(value)
        if placebo is not None:
            return placebo, True
    items = {key: _walk(item) for key, item in value.items()}
    if not any(changed for _, changed in items.values()):
        return value, False
    return {key: converted for key, (converted, _) in items.items()}, True


def _convert_list(value: list[Any]) -> tuple[Any, bool]:
    items = [_walk(item) for item in value]
    if not any(changed for _, changed in items):
        return value, False
    return [converted for converted, _ in items], True


def _placebo_datetime(value: dict[str, Any]) -> str | None:
    fields = ("year", "month", "day", "hour", "minute", "second", "microsecond")
    try:
        year, month, day, hour, minute, second, micro = (int(value.get(n, 0)) for n in fields)
        # placebo stores naive UTC; the boto3 form's pattern takes an offset-less time
        return dt.datetime(year, month, day, hour, minute, second, micro).isoformat()  # noqa: DTZ001
    except (TypeError, ValueError):
        return None


_DUMP_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_PLACEBO_MARK = b'"__class__":"datetime"'
_CONVERTERS: dict[type, Callable[[Any], Any]] = {
    dt.datetime: lambda value: value.isoformat(),
    dt.date: lambda value: value.isoformat(),
    bytes: lambda value: base64.b64encode(value).decode("ascii"),
    bytearray: lambda value: base64.b64encode(bytes(value)).decode("ascii"),
}
_WALKERS: dict[type, Callable[[Any], tuple[Any, bool]]] = {
    dict: _convert_dict,
    list: _convert_list,
}
