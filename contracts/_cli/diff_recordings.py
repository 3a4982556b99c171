"""``diff --recordings``: validate recorded payloads under both models, list changed verdicts.

The validator proper (``botocontract.validate``) reads the installed model's schemas; a diff needs
any two models, so this module validates against each side's emitted JSON Schema
(``botocontract.codegen.emit.jsonschema.emit_schema``) with ``jsonschema`` directly. A verdict
follows the validator's drift policy (``botocontract.validation.is_drift``): valid, drift
(passes, as ``validate`` says without ``--strict``) or invalid, in the better of the boto3
and wire forms, with the failing places (JSON pointer and keyword only: never the values, which may
be sensitive). An error response is judged against the error it names, as the validator
does; an error the model does not list is drift.

Bodies as they were sent (XML, form-encoded, CBOR) are read by each side's own wire layout, as
the validator reads them: an element a model does not know is drift under that model, and an
error body is matched to the modeled error by the shape's ``error.code``.

Files are read by ``botocontract.recordings`` (the validator's reader: boto3 dumps, wire bodies,
placebo, VCR cassettes, JSON Lines), so a file means the same here as to ``validate``. A bare
payload is named after its operation (``BatchGetBuilds__1.json``); a name part ``request`` or
``input`` makes it a request. boto3's ``ResponseMetadata`` is not part of the contract.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema
from botocontract._wire.layout import definitions_of
from botocontract._wire.messages import read_message
from botocontract._wire.xml_read import BodyProblem
from botocontract.codegen.emit.jsonschema import FORMS, OPERATIONS_KEY, emit_schema
from botocontract.errors import BotocontractError
from botocontract.recordings import Recorded, read_recording, walk_folder
from botocontract.validation import is_drift, modeled_error, named_error, to_json_value

if TYPE_CHECKING:
    from botocontract._wire.layout import Definitions
    from botocontract.codegen import ir
    from botocontract.codegen.emit.jsonschema import Form
    from botocontract.validation import Direction

__all__ = ["Revalidation", "Verdict", "revalidate"]

VALID = "valid"
DRIFT = "drift"
INVALID = "invalid"
NO_OPERATION = "no such operation"
PASSING = frozenset({VALID, DRIFT})
MAX_ERRORS = 3
_REQUEST_WORDS = frozenset({"request", "input"})


@dataclass(frozen=True)
class Verdict:
    """One recording's verdict under the old and the new model."""

    path: str
    operation: str
    direction: Direction
    old: str
    new: str
    old_errors: tuple[str, ...]
    new_errors: tuple[str, ...]

    @property
    def regressed(self) -> bool:
        """Passed under the old model (valid or drift), fails under the new one."""
        return self.old in PASSING and self.new not in PASSING

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "operation": self.operation,
            "direction": self.direction,
            "old": self.old,
            "new": self.new,
            "old_errors": list(self.old_errors),
            "new_errors": list(self.new_errors),
        }


@dataclass(frozen=True)
class Revalidation:
    changed: tuple[Verdict, ...]
    unchanged: int
    skipped: tuple[tuple[str, str], ...]  # (path, why)

    @property
    def regressions(self) -> tuple[Verdict, ...]:
        return tuple(verdict for verdict in self.changed if verdict.regressed)

    def to_json(self) -> dict[str, Any]:
        return {
            "changed": [verdict.to_json() for verdict in self.changed],
            "unchanged": self.unchanged,
            "skipped": [{"path": path, "reason": why} for path, why in self.skipped],
        }


def revalidate(root: Path, old: ir.Service, new: ir.Service) -> Revalidation:
    """Every recording under ``root`` (a file or a directory), validated under both models."""
    changed: list[Verdict] = []
    skipped: list[tuple[str, str]] = []
    unchanged = 0
    found, unlisted = _recordings(root)
    skipped += [(_shown(folder, root), why) for folder, why in unlisted]
    for path in found:
        shown = _shown(path, root)
        try:
            verdicts = [_verdict(shown, item, old, new) for item in _read(path, old, new)]
        except BotocontractError as error:  # unreadable, or names no operation
            skipped.append((shown, _reason(error, path)))
            continue
        changed += [verdict for verdict in verdicts if verdict.old != verdict.new]
        unchanged += sum(verdict.old == verdict.new for verdict in verdicts)
    return Revalidation(tuple(changed), unchanged, tuple(skipped))


def _recordings(root: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """Recording files under ``root`` (``_provenance.json`` and the like left out), and each
    folder that could not be listed: skipped with why, never silently."""
    if not root.is_dir():
        return [root], []  # a file named on purpose: read whatever it is (a FIFO is refused)
    names, unlisted = walk_folder(root)
    found = [Path(name) for name in names if not Path(name).name.startswith("_")]
    return found, [(Path(folder), why) for folder, why in unlisted]


def _shown(path: Path, root: Path) -> str:
    return path.name if path == root else path.relative_to(root).as_posix()


def _reason(error: BotocontractError, path: Path) -> str:
    return str(error).removeprefix(f"{path}: ")


def _read(path: Path, old: ir.Service, new: ir.Service) -> list[Recorded]:
    """The file's payloads, as the validator reads them (``botocontract.recordings``).

    Its file-name rule knows the installed model's operations; an operation only one side of
    the diff has is found here from the name, and the file is read again with it.
    """
    direction = _direction(path)
    try:
        found = read_recording(path, service=new.name, direction=direction)
    except BotocontractError:  # also: a model file's service the installed botocore lacks
        operation = _operation_of(path, {*old.operations, *new.operations})
        if operation is None:
            raise
        found = read_recording(path, service=new.name, operation=operation, direction=direction)
    return [item for item in found if _comparable(item, new)]


def _comparable(item: Recorded, new: ir.Service) -> bool:
    """This service's payloads: a cassette's other services are not in the diff."""
    return item.problem is None and item.service == new.name


def _direction(path: Path) -> Direction:
    parts = {part.lower() for part in re.split(r"[^A-Za-z0-9]+", path.name)}
    return "request" if parts & _REQUEST_WORDS else "response"


def _operation_of(path: Path, operations: set[str]) -> str | None:
    parts = [part for part in re.split(r"[^A-Za-z0-9]+", path.name) if part]
    return next((part for part in parts if part in operations), None)


def _verdict(shown: str, item: Recorded, old: ir.Service, new: ir.Service) -> Verdict:
    where = f"{shown}#{item.label}" if item.label else shown
    if isinstance(item.payload, (bytes, str)):  # an XML, form or CBOR body as it was sent
        operation, old_verdict, old_places = _body(old, item)
        _, new_verdict, new_places = _body(new, item)
        return Verdict(
            where, operation, item.direction, old_verdict, new_verdict, old_places, new_places
        )
    payload, converted = to_json_value(_payload(item.payload, item.direction))
    job = _Job(
        item.operation or "",
        item.direction,
        _forms(item, converted=converted),
        _error_named(item, payload),
    )
    old_verdict, old_places = _check(old, job, payload)
    new_verdict, new_places = _check(new, job, payload)
    return Verdict(
        where, job.operation, item.direction, old_verdict, new_verdict, old_places, new_places
    )


@dataclass(frozen=True)
class _Job:
    """What a recording is checked as, the same under both models."""

    operation: str
    direction: Direction
    forms: tuple[Form, ...]
    error: str | None  # the error an error response names


def _error_named(item: Recorded, payload: Any) -> str | None:
    if item.direction != "response":
        return None
    return named_error(payload, item.error_type)


def _forms(item: Recorded, *, converted: bool) -> tuple[Form, ...]:
    """As the validator decides: datetimes, bytes or placebo objects mean the boto3 form."""
    if item.form != "auto":
        return (item.form,)
    return ("boto3",) if converted else FORMS


def _payload(document: Any, direction: Direction) -> Any:
    if direction == "response" and isinstance(document, dict):
        return {k: v for k, v in document.items() if k != "ResponseMetadata"}
    return document


def _check(service: ir.Service, job: _Job, payload: Any) -> tuple[str, tuple[str, ...]]:
    op = service.operations.get(job.operation)
    if op is None:
        return NO_OPERATION, ()
    error = _error_shape(service, op, job.error)
    if job.error is not None and error is None:
        return DRIFT, (f"/: unmodeled error {job.error}",)
    shape = error or (op.input if job.direction == "request" else op.output)
    if shape is None:
        return (VALID, ()) if payload in ({}, None) else (INVALID, ("/: no payload expected",))
    attempts = [_places(service, form, shape, payload, job.direction) for form in job.forms]
    errors, drift = min(attempts, key=lambda found: (len(found[0]), len(found[1])))
    return _outcome(errors, drift)


def _outcome(errors: tuple[str, ...], drift: tuple[str, ...]) -> tuple[str, tuple[str, ...]]:
    if errors:
        return INVALID, errors[:MAX_ERRORS]
    return (DRIFT, drift[:MAX_ERRORS]) if drift else (VALID, ())


def _places(
    service: ir.Service, form: Form, shape: str, payload: Any, direction: Direction
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Where ``payload`` fails ``shape`` in ``form``: (errors, drift), each sorted."""
    errors: list[str] = []
    drift: list[str] = []
    for error in _validator(service, form, shape).iter_errors(payload):
        is_drift_place = is_drift(str(error.validator), direction, error.instance)
        (drift if is_drift_place else errors).append(_place(error))
    return tuple(sorted(errors)), tuple(sorted(drift))


def _place(error: jsonschema.ValidationError) -> str:
    pointer = "".join(f"/{step}" for step in error.absolute_path) or "/"
    return f"{pointer}: {error.validator}"


@cache
def _validator(service: ir.Service, form: Form, shape: str) -> jsonschema.Draft202012Validator:
    document = emit_schema(service, form)
    return jsonschema.Draft202012Validator({**document, "$ref": f"#/$defs/{shape}"})


# --- bodies as they were sent (XML, form-encoded, CBOR) ------------------------------------

_UNREADABLE = "body not readable as the protocol's"


def _body(service: ir.Service, item: Recorded) -> tuple[str, str, tuple[str, ...]]:
    """(operation, verdict, places) of a body read by ``service``'s own wire layout, as the
    validator reads it: elements the model does not know are drift, like unknown members."""
    message = read_message(item.payload, service.name, item.direction, _layout(service))
    operation = item.operation or message.operation or ""
    op = service.operations.get(operation)
    if op is None:
        return operation, NO_OPERATION, ()
    code = message.code or item.error_type
    error = _error_shape(service, op, code)
    if code is not None and error is None:
        return operation, DRIFT, (f"/: unmodeled error {code}",)
    shape = error or (op.input if item.direction == "request" else op.output)
    try:
        tree = None if shape is None else message.tree(shape, operation)
    except BodyProblem:
        return operation, INVALID, (f"/: {_UNREADABLE}",)
    found = _places(service, "wire", shape, tree, item.direction) if shape and tree else ((), ())
    errors, drift = list(found[0]), list(found[1])
    for issue in message.issues:  # what reading found: unknown elements, text where a number goes
        place = f"{issue.path or '/'}: {issue.rule}"
        (drift if is_drift(issue.rule, item.direction, None) else errors).append(place)
    return operation, *_outcome(tuple(sorted(errors)), tuple(sorted(drift)))


def _error_shape(service: ir.Service, op: ir.Operation, code: str | None) -> str | None:
    """The modeled error a body's code names, matched as the validator matches it (by the
    shape's name or its ``error.code``), in this model's own operations table."""
    if code is None:
        return None
    return modeled_error(emit_schema(service, "wire")[OPERATIONS_KEY][op.name], code)


@cache
def _layout(service: ir.Service) -> Definitions:
    return definitions_of(service.name, emit_schema(service, "wire"))


def markdown(result: Revalidation) -> list[str]:
    """The section a diff's markdown ends with."""
    lines = ["", f"## Recordings whose verdict changes ({len(result.changed)})", ""]
    lines += [_bullet(verdict) for verdict in result.changed] or ["None."]
    lines += ["", f"{result.unchanged} unchanged, {len(result.skipped)} skipped."]
    lines += [f"- skipped `{path}`: {why}" for path, why in result.skipped]
    return lines


def _bullet(verdict: Verdict) -> str:
    errors = verdict.new_errors if verdict.regressed else verdict.old_errors
    detail = f" ({'; '.join(errors)})" if errors else ""
    where = f"{verdict.operation} {verdict.direction}"
    return f"- `{verdict.path}` ({where}): {verdict.old} → {verdict.new}{detail}"
