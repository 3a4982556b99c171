"""Validate one payload against the service's JSON Schema, and classify each violation.

The emitted schema is the only statement of the rules (one fact, one place): a compiled
``jsonschema_rs`` validator answers yes/no fast, and only a payload that fails is explained,
from the same validator's errors. This module adds what a schema cannot say: which payload form
a recording is in, which violations are *drift* (real AWS does them: enum values the model does
not list yet, members it does not know, empty output lists under ``min: 1``), and which values
must never be printed (``x-sensitive`` shapes, in ``botocontract._explain``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from botocontract import schemas
from botocontract._explain import (
    REDACTED,
    describe,
    member_path,
    pointer,
    show,
    without_secret_keys,
)
from botocontract._json_form import to_json_value
from botocontract._verdict import NOTHING_UNLISTED, Direction, Issue, Report, Severity, Unlisted
from botocontract._windows import WINDOW, Cut, cut_long_arrays, lenient_schema
from botocontract.constants import MAX_ISSUES_PER_PAYLOAD, RESPONSE_METADATA, shape_of_key
from botocontract.errors import UnknownOperationError

if TYPE_CHECKING:
    from collections.abc import Iterable

    from botocontract._wire.bindings import HttpMessage
    from botocontract._wire.messages import Message

__all__ = [
    "REDACTED",
    "Direction",
    "FormArg",
    "Issue",
    "Report",
    "Severity",
    "error_code",
    "error_name",
    "is_drift",
    "member_path",
    "modeled_error",
    "named_error",
    "pointer",
    "show",
    "to_json_value",
    "validate",
]

FormArg = Literal["auto", "wire", "boto3"]
# Rules real AWS traffic breaks (see ../shared/corpus): drift unless strict.
_DRIFT_RULES = frozenset({"enum", "additionalProperties", "unmodeledError"})


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
    error_type: str | None = None,
    http: HttpMessage | None = None,
) -> Report:
    """Validate ``payload`` against ``shape``, or against ``operation``'s input or output.

    ``form`` is ``"wire"`` (the HTTP body), ``"boto3"`` (what boto3 returns, possibly dumped to
    JSON, possibly with real ``datetime``/``bytes`` objects) or ``"auto"`` (decided per
    payload). With ``strict``, drift counts as an error. ``error_type`` names the error of an
    error response from outside its body (rest-json's ``x-amzn-ErrorType`` header, as sent:
    ``NotFoundException:http://...``); it wins over the body, as in botocore's parser.
    ``http`` is the rest of the recorded HTTP message (headers, request URI, status): the
    members a rest protocol binds to them are judged too, at pointers naming the binding.
    """
    report = _validate(payload, service, shape, operation, direction, form, strict, error_type)
    if http is None or report.shape is None:
        return report
    from botocontract._wire.bindings import http_issues  # noqa: PLC0415

    job = _Job(service, report.shape, operation, direction, strict)
    bound = [
        _classify(issue, job, None) for issue in http_issues(service, report.shape, operation, http)
    ]
    if not bound:
        return report
    issues = tuple(sorted((*report.issues, *bound), key=_issue_order))
    return job.report(report.form, issues, report.unlisted)


def _validate(  # noqa: PLR0913, PLR0917 - validate's own arguments
    payload: Any,
    service: str,
    shape: str | None,
    operation: str | None,
    direction: Direction,
    form: FormArg,
    strict: bool,
    error_type: str | None,
) -> Report:
    body = _strip_metadata(payload, direction)
    message = _message(body, service, direction, form)
    code = named_error(body, error_type) if message is None else error_type or message.code
    target, unmodeled = _target(service, shape, operation, direction, code)
    if message is not None:  # an encoded body: read it against the target, then judge the tree
        job = _Job(service, target, operation, direction, strict)
        return _judge_message(message, job, unmodeled)
    forms = _candidate_forms(payload, body, _evident_form(service, target, body, form))
    # The fast path: one compiled yes/no in the likeliest form; the others are tried only when
    # the failure is explained (a failing payload gets its issues listed anyway).
    job = _Job(service, target, operation, direction, strict)
    if target is not None and _is_valid(service, job.root(forms[0]), forms[0], body):
        return Report(service, target, operation, direction, forms[0])
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

    def root(self, form: schemas.Form) -> str:
        """The ``$defs`` key the payload is judged by: a request's own definition of the shape
        in the boto3 form, where it has one (its blobs take any str)."""
        assert self.shape is not None
        if form == "boto3" and self.direction == "request":
            return schemas.request_definition(self.service, self.shape)
        return self.shape

    def report(
        self, form: str, issues: tuple[Issue, ...] = (), unlisted: Unlisted = NOTHING_UNLISTED
    ) -> Report:
        return Report(
            self.service, self.shape, self.operation, self.direction, form, issues, unlisted
        )


def _strip_metadata(payload: Any, direction: Direction) -> Any:
    """boto3 adds ``ResponseMetadata`` to every response; the model does not describe it."""
    if direction == "response" and isinstance(payload, dict) and RESPONSE_METADATA in payload:
        return {key: value for key, value in payload.items() if key != RESPONSE_METADATA}
    return payload


@cache
def _encoded(service: str) -> bool:
    """XML and CBOR protocols: their wire form is a body, so decoded data is the boto3 form."""
    return schemas.load_schema(service, "wire")["x-botocontract"].get("body") is not None


def _evident_form(service: str, target: str | None, body: Any, form: FormArg) -> FormArg:
    """The form ``body`` itself shows, where it shows one; else ``form`` as asked.

    XML and CBOR services: decoded data is the boto3 form. A dict of members where the wire
    form is a raw body, or holding a member that travels outside the body (a header, the status
    code), is the boto3 form; one holding a key only the wire body has (a ``locationName``) is
    the wire form. Judged in the other form, those keys would be unknown members (drift) and
    hide the errors of the rest."""
    if form != "auto":
        return form
    if _encoded(service) or _raw_wire_body(service, target, body):
        return "boto3"
    if target is None or not isinstance(body, dict):
        return form
    boto3_keys, wire_keys = _form_only_keys(service, target)
    if not boto3_keys.isdisjoint(body):
        return "boto3"
    if not wire_keys.isdisjoint(body):
        return "wire"
    return form


@cache
def _form_only_keys(service: str, shape: str) -> tuple[frozenset[str], frozenset[str]]:
    """Top-level keys of ``shape`` only its boto3 form has, and only its wire form has."""
    boto3 = set(schemas.load_schema(service, "boto3")["$defs"].get(shape, {}).get("properties", {}))
    wire = set(schemas.load_schema(service, "wire")["$defs"].get(shape, {}).get("properties", {}))
    return frozenset(boto3 - wire), frozenset(wire - boto3)


def _raw_wire_body(service: str, target: str | None, body: Any) -> bool:
    """A payload of members where the wire form is a raw body (S3 GetObject, Lambda Invoke):
    the wire schema would take anything, so the members are the boto3 form's."""
    if target is None or not isinstance(body, dict):
        return False
    return "x-raw-body" in schemas.load_schema(service, "wire")["$defs"].get(target, {})


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


def _message(body: Any, service: str, direction: Direction, form: FormArg) -> Message | None:
    """An encoded body (XML, form, CBOR, JSON bytes) as its protocol carries it, else None."""
    if form == "boto3" or not isinstance(body, (bytes, bytearray, memoryview, str)):
        return None
    from botocontract._wire.messages import is_body, read_message  # noqa: PLC0415

    protocol = schemas.load_schema(service, "wire")["x-botocontract"]["protocol"]
    return read_message(body, service, direction) if is_body(body, protocol) else None


def _judge_message(message: Message, job: _Job, unmodeled: str | None) -> Report:
    """The tree read from the body, judged by the wire schema, beside what reading found."""
    from botocontract._wire.xml_read import BodyProblem  # noqa: PLC0415

    if message.problem is not None:
        return job.report("wire", (_body_issue(message, message.problem),))
    if job.shape is None:
        return _no_shape(job, "wire", unmodeled)
    try:
        tree = message.tree(job.shape, job.operation)
    except BodyProblem as problem:
        return job.report("wire", (_body_issue(message, str(problem)),))
    if tree is None:  # a raw payload (a blob or text body): nothing to judge in it
        return job.report("wire")
    if isinstance(tree, str):  # text where the schema wants members: judged as the text it is
        return job.report("wire", *_issues(tree, job, "wire"))
    report = validate(
        tree,
        job.service,
        shape=job.shape,
        operation=job.operation,
        direction=job.direction,
        form="wire",
        strict=job.strict,
    )
    found = tuple(_classify(issue, job, None) for issue in message.issues)
    issues = tuple(sorted((*found, *report.issues), key=_issue_order))
    return job.report("wire", issues, report.unlisted)


def _body_issue(message: Message, problem: str) -> Issue:
    from botocontract._wire.messages import PROTOCOL_BODIES  # noqa: PLC0415

    expected = PROTOCOL_BODIES.get(message.protocol, "the protocol's body")
    text = f"payload: not {expected} as the {message.protocol} protocol sends: {problem}"
    return Issue("", "", "body", expected, "unreadable", text)


# --- which shape ---------------------------------------------------------------------------


def _target(
    service: str, shape: str | None, operation: str | None, direction: Direction, code: str | None
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
    if code is None:
        return entry["output"], None
    modeled = modeled_error(entry, code)
    return (modeled, None) if modeled is not None else (None, code)


def modeled_error(entry: dict[str, Any], code: str) -> str | None:
    """The error shape of an operation (its ``operations`` entry) a body's code names: the
    shape's name (JSON protocols) or its ``error.code`` (query, ec2, rest-xml)."""
    if code in entry["errors"]:
        return code
    found: str | None = entry.get("errorCodes", {}).get(code)
    return found


def operation_entry(service: str, operation: str) -> dict[str, Any]:
    table = schemas.operations(service)
    if operation not in table:
        close = difflib.get_close_matches(operation, list(table), n=3)
        raise UnknownOperationError(service, operation, close)
    return table[operation]


def named_error(body: Any, error_type: str | None = None) -> str | None:
    """The error a response names: ``error_type`` (from outside the body) wins over the body."""
    return error_name(error_type) if error_type is not None else error_code(body)


def error_code(body: Any) -> str | None:
    """The error an error response names: ``__type`` on the wire, ``Error.Code`` in boto3."""
    if not isinstance(body, dict):
        return None
    wire = body.get("__type")
    if isinstance(wire, str):  # "com.amazonaws.codebuild#InvalidInputException" or bare
        return error_name(wire)
    error = body.get("Error")
    if not isinstance(error, dict):
        return None
    # A query-compatible error (SQS on JSON): botocore puts the old query code in Code and
    # the modeled name in QueryErrorCode, which is what it matches exceptions by.
    for key in ("QueryErrorCode", "Code"):
        if isinstance(error.get(key), str):
            return str(error[key])
    return None


def error_name(raw: str) -> str:
    """The bare name in a ``__type`` or ``x-amzn-ErrorType`` value, cut as botocore cuts it:
    first at ``:`` (``Name:http://internal.amazon.com/coral/...``), then after the last ``#``
    (``com.amazonaws.codebuild#Name``)."""
    return raw.split(":", 1)[0].rsplit("#", 1)[-1]


def _no_shape(job: _Job, form: str, unmodeled: str | None) -> Report:
    """An error the operation does not list, or an operation without a body shape."""
    if unmodeled is None:
        return job.report(form)
    # botocore names an error response that names none by its HTTP status ("404").
    status = " (only the HTTP status names it)" if unmodeled.isdigit() else ""
    message = f"error {unmodeled!r}{status} is not one of {job.operation}'s modeled errors"
    expected = f"an error {job.operation} models"
    issue = Issue("", "", "unmodeledError", expected, unmodeled, message)
    return job.report(form, (_classify(issue, job, None),))


# --- explaining a failure -----------------------------------------------------------------


def _explain(body: Any, job: _Job, forms: tuple[schemas.Form, ...], *, narrow: bool) -> Report:
    normalized, changed = to_json_value(body)
    if changed and narrow:  # datetimes, bytes, placebo objects: the boto3 form
        forms = ("boto3",)
    if changed and _is_valid(job.service, job.root(forms[0]), forms[0], normalized):
        return job.report(forms[0])
    best: Report | None = None
    for form in forms:
        report = job.report(form, *_issues(normalized, job, form))
        # The form the payload is closest to: fewest errors, then fewest issues, wire first.
        if best is None or _closeness(report) < _closeness(best):
            best = report
        if not _other_form_may_do_better(job.service, best):
            break
    assert best is not None
    return best


def _other_form_may_do_better(service: str, report: Report) -> bool:
    """Only an issue at a shape whose schema differs between the forms can vanish in the other.

    Issues only at shapes the two forms state identically (an integer is an integer in both),
    and the other form cannot do better: skip it. Drift counts too: a rest-json request in
    the boto3 form has its URI members, which the wire form's body lacks (unknown members).
    """
    differing = _shapes_differing_by_form(service)
    return any(issue.shape in differing for issue in report.issues)


def _is_union(service: str, shape: str | None) -> bool:
    definition = schemas.load_schema(service, "boto3")["$defs"].get(shape or "", {})
    return "properties" in definition


@cache
def _shapes_differing_by_form(service: str) -> frozenset[str]:
    wire = schemas.load_schema(service, "wire")["$defs"]
    boto3 = schemas.load_schema(service, "boto3")["$defs"]
    return frozenset(name for name in wire if wire[name] != boto3.get(name))


def _closeness(report: Report) -> tuple[int, int]:
    return (report.error_count, report.error_count + report.drift_count)


def _issues(body: Any, job: _Job, form: schemas.Form) -> tuple[tuple[Issue, ...], Unlisted]:
    """The payload's issues in document order, at most ``MAX_ISSUES_PER_PAYLOAD`` of them
    listed; long arrays are explained in a window (``botocontract._windows``)."""
    definitions = schemas.load_schema(job.service, form)["$defs"]
    windowed, cuts = cut_long_arrays(body, definitions, job.root(form))
    tally = _Tally()
    try:
        found = _schema_issues(windowed, job, form, tally)
    except (ValueError, TypeError) as error:  # a Python object JSON has no form for
        if _RECURSION_LIMIT in str(error):
            found = _deep_issues(windowed, job, form)
        else:
            message = f"payload holds a value JSON cannot represent ({error})"
            found = [Issue("", "", "type", "JSON values", "a non-JSON object", message)]
    if cuts:
        found = _judge_cuts(found, cuts, job, form, tally)
    listed = sorted(_without_shadowed(found), key=_issue_order)
    return tuple(listed), tally.unlisted()


@dataclass
class _Tally:
    """What was found past the list: counted, never kept."""

    issues: int = 0
    items: int = 0
    errors: int = 0

    def unlisted(self) -> Unlisted:
        return Unlisted(self.issues, self.items, self.errors)


def _schema_issues(
    body: Any, job: _Job, form: schemas.Form, tally: _Tally | None = None
) -> list[Issue]:
    """jsonschema_rs's errors as issues; past ``MAX_ISSUES_PER_PAYLOAD``, only counted."""
    root = job.root(form)
    document = schemas.load_schema(job.service, form)
    found: list[Issue] = []
    for error in _fast(job.service, root, form).iter_errors(body):
        if tally is not None and len(found) >= MAX_ISSUES_PER_PAYLOAD:
            tally.issues += 1
            rule = error.kind.name
            instance = error.instance if rule == "minItems" else None
            tally.errors += job.strict or not is_drift(rule, job.direction, instance)
            continue
        described = describe(error, document, root, body)
        if tally is not None:  # one error can name many unknown members: listed up to the cap
            room = MAX_ISSUES_PER_PAYLOAD - len(found)
            rest = described[room:]
            described = described[:room]
            tally.issues += len(rest)
            tally.errors += sum(
                job.strict or not is_drift(issue.rule, job.direction, error.instance)
                for issue in rest
            )
        found.extend(_classify(issue, job, error.instance) for issue in described)
    return found


def _judge_cuts(
    found: list[Issue], cuts: list[Cut], job: _Job, form: schemas.Form, tally: _Tally
) -> list[Issue]:
    """Issues of the windowed payload, with each cut array's own length judged on the whole
    array (not on its window), and its items past the window judged whole and counted."""
    document = schemas.load_schema(job.service, form)
    shown = {cut: without_secret_keys(document, job.root(form), cut.path) for cut in cuts}
    at_cut = {pointer(path) for path in shown.values()}
    kept = [issue for issue in found if not (issue.rule in _LENGTH_RULES and issue.path in at_cut)]
    for cut, path in shown.items():
        kept.extend(_length_issues(cut, path, document["$defs"], job))
        _count_items_past_window(cut, job, form, tally)
    return kept


_LENGTH_RULES = frozenset({"minItems", "maxItems"})


def _length_issues(
    cut: Cut, shown: tuple[str | int, ...], definitions: dict[str, Any], job: _Job
) -> list[Issue]:
    schema = definitions.get(cut.list_shape, {})
    where = member_path(shown)
    count = len(cut.items)
    found = []
    for rule, sign, words in (("maxItems", 1, "too many items"), ("minItems", -1, "too few items")):
        limit = schema.get(rule)
        if isinstance(limit, int) and (count - limit) * sign > 0:
            expected = f"items {'<=' if sign > 0 else '>='} {limit}"
            actual = f"an array of {count} item(s)"
            message = f"{where or 'payload'}: {words}: expected {expected}, got {actual}"
            shape = shape_of_key(cut.list_shape)
            issue = Issue(pointer(shown), where, rule, expected, actual, message, shape=shape)
            found.append(_classify(issue, job, cut.items))
    return found


def _count_items_past_window(cut: Cut, job: _Job, form: schemas.Form, tally: _Tally) -> None:
    """Each item past the window that fails its shape counts once; an error if it fails even
    without the drift rules (or under strict)."""
    if cut.item_shape is None:
        return  # no shape describes them (under an unknown member): that member is the drift
    check = _fast(job.service, cut.item_shape, form)
    for item in cut.items[WINDOW:]:
        if not _safely_valid(check, item):
            tally.items += 1
            tally.errors += job.strict or not _safely_valid(
                _lenient(job.service, cut.item_shape, form), item
            )


def _safely_valid(check: Any, value: Any) -> bool:
    try:
        return bool(check.is_valid(value))
    except (ValueError, TypeError):
        return False


@cache
def _lenient(service: str, shape: str, form: schemas.Form) -> Any:
    import jsonschema_rs  # noqa: PLC0415

    return jsonschema_rs.validator_for(lenient_schema(schemas.shape_schema(service, shape, form)))


# jsonschema_rs reads a Python value at most 255 levels deep; past that it raises this.
_RECURSION_LIMIT = "Recursion limit reached"
JUDGED_DEPTH = 200


def _deep_issues(body: Any, job: _Job, form: schemas.Form) -> list[Issue]:
    """Issues of a payload whose failing part is nested deeper than jsonschema_rs can hand
    back. Judged cut at ``JUDGED_DEPTH`` levels first, to find its unknown members: those are
    drift whatever they hold, and the payload without them is judged whole. If that still
    cannot be listed, the cut payload's issues are; and if none of them is an error, each cut
    outside an unknown member is one (the payload fails somewhere that was not judged)."""
    cuts: list[tuple[str | int, ...]] = []
    cut = _cut_deep(body, [], cuts)
    unknown = [issue for issue in _schema_issues(cut, job, form) if issue.rule == _UNKNOWN_MEMBER]
    rest = _without(body, _unknown_members(cut, job, form))
    if _is_valid(job.service, job.root(form), form, rest):
        return unknown
    try:
        return unknown + _schema_issues(rest, job, form)
    except ValueError as error:
        if _RECURSION_LIMIT not in str(error):
            raise
    document = schemas.load_schema(job.service, form)
    shown = [pointer(without_secret_keys(document, job.root(form), path)) for path in cuts]
    inside_cuts = tuple(f"{where}/" for where in shown)
    kept = [
        issue
        for issue in _schema_issues(cut, job, form)
        if issue.rule != _UNKNOWN_MEMBER and not f"{issue.path}/".startswith(inside_cuts)
    ]
    if any(issue.severity == "error" for issue in kept):
        return unknown + kept
    inside_unknown = tuple(f"{issue.path}/" for issue in unknown)
    return [*unknown, *kept, *(_too_deep(at) for at in shown if not at.startswith(inside_unknown))]


_UNKNOWN_MEMBER = "additionalProperties"


def _unknown_members(body: Any, job: _Job, form: schemas.Form) -> list[tuple[str | int, ...]]:
    """The path of every member the schema does not know, as jsonschema_rs finds them."""
    found: list[tuple[str | int, ...]] = []
    for error in _fast(job.service, job.root(form), form).iter_errors(body):
        if error.kind.name == _UNKNOWN_MEMBER:
            names = error.kind.as_dict().get("unexpected", [])
            found.extend((*error.instance_path, name) for name in names)
    return found


def _without(body: Any, paths: list[tuple[str | int, ...]]) -> Any:
    """``body`` without the members at ``paths`` (copied along each path, shared elsewhere)."""
    for path in paths:
        body = _without_one(body, path)
    return body


def _without_one(value: Any, path: tuple[str | int, ...]) -> Any:
    if not path:
        return value
    step, rest = path[0], path[1:]
    if isinstance(value, dict) and step in value:
        if not rest:
            return {key: child for key, child in value.items() if key != step}
        return {**value, step: _without_one(value[step], rest)}
    if isinstance(value, list) and isinstance(step, int) and step < len(value):
        return [*value[:step], _without_one(value[step], rest), *value[step + 1 :]]
    return value


def _cut_deep(value: Any, path: list[str | int], cuts: list[tuple[str | int, ...]]) -> Any:
    """``value`` with each object or array ``JUDGED_DEPTH`` levels down emptied; their paths
    are added to ``cuts``."""
    if not isinstance(value, (dict, list)):
        return value
    if len(path) >= JUDGED_DEPTH:
        cuts.append(tuple(path))
        return type(value)()
    steps = value.items() if isinstance(value, dict) else enumerate(value)
    cut: Any = {} if isinstance(value, dict) else []
    for step, child in steps:
        path.append(step)
        kept = _cut_deep(child, path, cuts)
        path.pop()
        if isinstance(cut, dict):
            cut[step] = kept
        else:
            cut.append(kept)
    return cut


def _too_deep(where: str) -> Issue:
    expected = f"at most {JUDGED_DEPTH} levels of nesting"
    message = f"payload: nested more than {JUDGED_DEPTH} levels deep at {where}; not judged"
    return Issue(where, "", "depth", expected, "deeper nesting", message)


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


def is_drift(rule: str, direction: Direction, instance: Any) -> bool:
    """The drift policy (README): an unlisted enum value, an unknown member, an unmodeled
    error, an empty output list or map under ``min: 1``; everything else is an error.
    (An empty union, ``{}`` under a union's ``minProperties``, is judged by ``_classify``.)"""
    return rule in _DRIFT_RULES or (
        rule in ("minItems", "minProperties") and direction == "response" and not instance
    )


def _classify(issue: Issue, job: _Job, instance: Any) -> Issue:
    if not is_drift(issue.rule, job.direction, instance) or job.strict:
        return issue
    if issue.rule == "minProperties" and _is_union(job.service, issue.shape):
        return issue  # a union with no member set: an error, not an empty map
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
