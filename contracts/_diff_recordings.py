"""``diff --recordings``: validate recorded payloads under both models, list changed verdicts.

The validator proper (``contracts.validate``) reads the installed model's schemas; a diff needs
any two models, so this module validates against each side's emitted JSON Schema
(``codegen.emit.jsonschema.emit_schema``) with ``jsonschema`` directly. A verdict is strict:
valid in the boto3 or the wire form, or invalid with the failing places (JSON pointer and
keyword only: never the values, which may be sensitive).

Recordings are JSON files named after their operation (``BatchGetBuilds__1.json``,
``codebuild.BatchGetBuilds_1.json``); a name part ``request`` or ``input`` makes one a request.
Placebo wrappers (``{"status_code", "data"}``) and boto3's ``ResponseMetadata`` are unwrapped.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import jsonschema  # type: ignore[import-untyped]  # no stubs; pyproject is not ours

from codegen.emit.jsonschema import FORMS, emit_schema

if TYPE_CHECKING:
    from pathlib import Path

    from codegen import ir
    from codegen.emit.jsonschema import Form

__all__ = ["Revalidation", "Verdict", "revalidate"]

Direction = Literal["request", "response"]
VALID = "valid"
INVALID = "invalid"
NO_OPERATION = "no such operation"
MAX_ERRORS = 3
_REQUEST_WORDS = frozenset({"request", "input"})
_PLACEBO_KEYS = frozenset({"status_code", "data"})


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
        return self.old == VALID and self.new != VALID

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
    operations = {*old.operations, *new.operations}
    for path in _recordings(root):
        shown = _shown(path, root)
        outcome = _verdict(path, shown, operations, old, new)
        if isinstance(outcome, str):
            skipped.append((shown, outcome))
        elif outcome.old != outcome.new:
            changed.append(outcome)
        else:
            unchanged += 1
    return Revalidation(tuple(changed), unchanged, tuple(skipped))


def _recordings(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.json") if p.is_file() and not p.name.startswith("_"))


def _shown(path: Path, root: Path) -> str:
    return path.name if path == root else path.relative_to(root).as_posix()


def _verdict(
    path: Path, shown: str, operations: set[str], old: ir.Service, new: ir.Service
) -> Verdict | str:
    """The verdict, or why the file is skipped."""
    found = _operation_of(path, operations)
    if found is None:
        return "file name names no operation of either model"
    operation, direction = found
    try:
        payload = _payload(json.loads(path.read_text(encoding="utf-8")), direction)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        return f"not readable JSON ({type(error).__name__}: {error})"
    old_verdict, old_errors = _check(old, operation, direction, payload)
    new_verdict, new_errors = _check(new, operation, direction, payload)
    return Verdict(shown, operation, direction, old_verdict, new_verdict, old_errors, new_errors)


def _operation_of(path: Path, operations: set[str]) -> tuple[str, Direction] | None:
    parts = [part for part in re.split(r"[^A-Za-z0-9]+", path.stem) if part]
    names = [part for part in parts if part in operations]
    if not names:
        return None
    lowered = {part.lower() for part in parts}
    return names[0], "request" if lowered & _REQUEST_WORDS else "response"


def _payload(document: Any, direction: Direction) -> Any:
    if isinstance(document, dict) and document.keys() >= _PLACEBO_KEYS:
        document = document["data"]
    if direction == "response" and isinstance(document, dict):
        document = {k: v for k, v in document.items() if k != "ResponseMetadata"}
    return document


def _check(
    service: ir.Service, operation: str, direction: Direction, payload: Any
) -> tuple[str, tuple[str, ...]]:
    op = service.operations.get(operation)
    if op is None:
        return NO_OPERATION, ()
    shape = op.input if direction == "request" else op.output
    if shape is None:
        return (VALID, ()) if payload in ({}, None) else (INVALID, ("/: no payload expected",))
    attempts = [_errors(service, form, shape, payload) for form in FORMS]
    best = min(attempts, key=len)
    return (VALID, ()) if not best else (INVALID, best[:MAX_ERRORS])


def _errors(service: ir.Service, form: Form, shape: str, payload: Any) -> tuple[str, ...]:
    validator = _validator(service, form, shape)
    return tuple(sorted(_place(error) for error in validator.iter_errors(payload)))


def _place(error: jsonschema.ValidationError) -> str:
    pointer = "".join(f"/{step}" for step in error.absolute_path) or "/"
    return f"{pointer}: {error.validator}"


@cache
def _validator(service: ir.Service, form: Form, shape: str) -> jsonschema.Draft202012Validator:
    document = emit_schema(service, form)
    return jsonschema.Draft202012Validator({**document, "$ref": f"#/$defs/{shape}"})


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
