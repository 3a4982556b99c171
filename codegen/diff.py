"""What changed in a service's contract between two models, and whom each change breaks.

``diff_services(old, new)`` walks two IRs and classifies every change:

- **breaking** for code reading responses and/or code sending requests;
- **compatible**: observable, but nothing that worked stops working (a constraint narrowed on
  a shape only responses carry, an HTTP path that boto3 follows by itself, a wire rename);
- **additive**: a new operation, member or enum value, a loosened constraint;
- **documentation** only.

Who a change breaks depends on where the shape travels: a narrowed length on a shape only
responses contain breaks no request. So each rule names the directions it breaks, and a change
breaks the directions in which the *old* model used the shape (what existing code does).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Literal

from botocontract.codegen._diff_render import render_json, render_markdown

if TYPE_CHECKING:
    from botocontract.codegen import ir

__all__ = [
    "Change",
    "Diff",
    "changes_markdown",
    "diff_services",
    "render_json",
    "render_markdown",
]

Severity = Literal["breaking", "compatible", "additive", "documentation"]
Audience = Literal["requests", "responses"]
SEVERITIES: tuple[Severity, ...] = ("breaking", "compatible", "additive", "documentation")
AUDIENCES: tuple[Audience, ...] = ("responses", "requests")
BOTH: frozenset[Audience] = frozenset(AUDIENCES)
NONE: frozenset[Audience] = frozenset()
REQUESTS: frozenset[Audience] = frozenset({"requests"})
RESPONSES: frozenset[Audience] = frozenset({"responses"})


@dataclass(frozen=True)
class Rule:
    """Which directions a kind of change breaks, and what it is where it breaks nothing."""

    breaks: frozenset[Audience]
    otherwise: Severity


RULES: dict[str, Rule] = {
    "operation-removed": Rule(BOTH, "compatible"),
    "operation-added": Rule(NONE, "additive"),
    "input-removed": Rule(REQUESTS, "compatible"),
    "input-added": Rule(NONE, "additive"),
    "output-removed": Rule(RESPONSES, "compatible"),
    "output-added": Rule(NONE, "additive"),
    "error-added": Rule(NONE, "additive"),
    "error-removed": Rule(NONE, "compatible"),
    "http-changed": Rule(NONE, "compatible"),
    "shape-renamed": Rule(NONE, "compatible"),
    "member-removed": Rule(BOTH, "compatible"),
    "member-added": Rule(NONE, "additive"),
    "required-member-added": Rule(REQUESTS, "additive"),
    "member-now-required": Rule(REQUESTS, "compatible"),
    "member-now-optional": Rule(RESPONSES, "additive"),
    "type-changed": Rule(BOTH, "compatible"),
    "enum-value-added": Rule(NONE, "additive"),
    "enum-value-removed": Rule(BOTH, "compatible"),
    "constraint-narrowed": Rule(REQUESTS, "compatible"),
    "constraint-loosened": Rule(NONE, "additive"),
    "exception-removed": Rule(RESPONSES, "compatible"),
    "exception-added": Rule(NONE, "additive"),
    "error-code-changed": Rule(RESPONSES, "compatible"),
    "wire-changed": Rule(NONE, "compatible"),
    "trait-changed": Rule(NONE, "compatible"),
    "service-changed": Rule(NONE, "compatible"),
    "deprecated": Rule(NONE, "documentation"),
    "undeprecated": Rule(NONE, "documentation"),
    "documentation-changed": Rule(NONE, "documentation"),
}


@dataclass(frozen=True)
class Change:
    """One difference: what kind, whom it breaks, where, and the old and new values."""

    kind: str
    severity: Severity
    breaks: tuple[Audience, ...]
    path: str  # "Operation", "Shape", "Shape.member" or "Shape.member.member" (retargets)
    trait: str | None = None  # the constrained trait: "min", "max", "pattern", "enum", ...
    old: Any = None
    new: Any = None
    operation: str | None = None
    operations: tuple[str, ...] = ()  # operations whose payloads contain ``path``

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "breaks": list(self.breaks),
            "path": self.path,
            "operation": self.operation,
            "trait": self.trait,
            "old": self.old,
            "new": self.new,
            "operations": list(self.operations),
        }


@dataclass(frozen=True)
class Side:
    """Which model one side of the diff is."""

    label: str
    botocore_version: str
    api_version: str
    model_sha256: str

    def to_json(self) -> dict[str, str]:
        return {
            "label": self.label,
            "botocore_version": self.botocore_version,
            "api_version": self.api_version,
            "model_sha256": self.model_sha256,
        }


@dataclass(frozen=True)
class Diff:
    service: str
    old: Side
    new: Side
    changes: tuple[Change, ...]

    @property
    def breaking(self) -> bool:
        return any(change.breaks for change in self.changes)

    def breaking_for(self, audience: Audience) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if audience in change.breaks)

    def of_severity(self, severity: Severity) -> tuple[Change, ...]:
        return tuple(change for change in self.changes if change.severity == severity)


# --- where shapes travel --------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    """For each shape: the directions it travels in and the operations that carry it."""

    directions: dict[str, frozenset[Audience]]
    operations: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, service: ir.Service) -> Usage:
        directions: dict[str, set[Audience]] = {}
        operations: dict[str, set[str]] = {}
        for op in service.operations.values():
            for audience, roots in (("requests", (op.input,)), ("responses", _response_roots(op))):
                for name in service.reachable(tuple(r for r in roots if r is not None)):
                    directions.setdefault(name, set()).add(audience)  # type: ignore[arg-type]
                    operations.setdefault(name, set()).add(op.name)
        return cls(
            {name: frozenset(value) for name, value in directions.items()},
            {name: tuple(sorted(value)) for name, value in operations.items()},
        )


def _response_roots(op: ir.Operation) -> tuple[str | None, ...]:
    return (op.output, *op.errors)  # errors are responses too: code reads and catches them


@dataclass(frozen=True)
class Where:
    """Where a comparison happens: the path, the directions it travels in, its operations."""

    path: str
    directions: frozenset[Audience]
    operations: tuple[str, ...]
    operation: str | None = None

    def child(self, name: str) -> Where:
        return Where(f"{self.path}.{name}", self.directions, self.operations, self.operation)

    def plus(self, directions: frozenset[Audience]) -> Where:
        """The same place, counted as travelling in ``directions`` too."""
        return Where(self.path, self.directions | directions, self.operations, self.operation)


# --- the walk -------------------------------------------------------------------------------


@dataclass
class _Walk:
    old: ir.Service
    new: ir.Service
    old_usage: Usage
    new_usage: Usage
    changes: list[Change] = field(default_factory=list)
    comparing: set[tuple[str, str]] = field(default_factory=set)  # retargets being walked

    def add(
        self, kind: str, where: Where, old: Any = None, new: Any = None, trait: str | None = None
    ) -> None:
        rule = RULES[kind]
        breaks = tuple(a for a in AUDIENCES if a in rule.breaks & where.directions)
        severity: Severity = "breaking" if breaks else rule.otherwise
        change = Change(kind, severity, breaks, where.path, trait, old, new, where.operation)
        self.changes.append(replace(change, operations=where.operations))

    def shape_where(self, name: str) -> Where:
        """A shape's place: old directions decide breakage, either side's operations show."""
        directions = self.old_usage.directions.get(name, NONE)
        ops = {*self.old_usage.operations.get(name, ()), *self.new_usage.operations.get(name, ())}
        return Where(name, directions, tuple(sorted(ops)))


def diff_services(
    old: ir.Service, new: ir.Service, *, old_label: str | None = None, new_label: str | None = None
) -> Diff:
    """Every contract change from ``old`` to ``new``, sorted for stable output."""
    walk = _Walk(old, new, Usage.of(old), Usage.of(new))
    _service(walk)
    _operations(walk)
    _shapes(walk)
    return Diff(
        service=new.name,
        old=_side(old, old_label),
        new=_side(new, new_label),
        changes=tuple(sorted(walk.changes, key=_sort_key)),
    )


def _side(service: ir.Service, label: str | None) -> Side:
    text = label or f"botocore {service.botocore_version}"
    return Side(text, service.botocore_version, service.api_version, service.model_sha256)


def _sort_key(change: Change) -> tuple[Any, ...]:
    return (
        SEVERITIES.index(change.severity),
        change.path,
        change.kind,
        change.trait or "",
        repr(change.old),
        repr(change.new),
    )


def _service(walk: _Walk) -> None:
    where = Where("service", NONE, ())
    for attribute in ("protocol", "protocols", "api_version", "target_prefix", "json_version"):
        old, new = getattr(walk.old, attribute), getattr(walk.new, attribute)
        if old != new:
            walk.add("service-changed", where, _plain(old), _plain(new), trait=attribute)


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


# --- operations -----------------------------------------------------------------------------


def _operations(walk: _Walk) -> None:
    old_ops, new_ops = walk.old.operations, walk.new.operations
    for name in old_ops.keys() - new_ops.keys():
        walk.add("operation-removed", _op_where(name), old=name)
    for name in new_ops.keys() - old_ops.keys():
        walk.add("operation-added", _op_where(name), new=name)
    for name in old_ops.keys() & new_ops.keys():
        _operation(walk, old_ops[name], new_ops[name])


def _op_where(name: str, directions: frozenset[Audience] = BOTH) -> Where:
    return Where(name, directions, (name,), operation=name)


def _operation(walk: _Walk, old: ir.Operation, new: ir.Operation) -> None:
    where = _op_where(old.name)
    _io(walk, "input", old.input, new.input, where)
    _io(walk, "output", old.output, new.output, where)
    for error in sorted(set(old.errors) - set(new.errors)):
        walk.add("error-removed", where, old=error)
    for error in sorted(set(new.errors) - set(old.errors)):
        walk.add("error-added", where, new=error)
    if (old.http.method, old.http.request_uri) != (new.http.method, new.http.request_uri):
        old_http = f"{old.http.method} {old.http.request_uri}"
        walk.add("http-changed", where, old_http, f"{new.http.method} {new.http.request_uri}")
    _deprecation(walk, where, old.deprecated, new.deprecated)
    _documentation(walk, where, old.documentation, new.documentation)


_IO_DIRECTION: dict[str, frozenset[Audience]] = {"input": REQUESTS, "output": RESPONSES}


def _io(walk: _Walk, side: str, old: str | None, new: str | None, where: Where) -> None:
    """An operation's input or output shape appearing, disappearing or being renamed."""
    if old == new:
        return
    if old is None or new is None:
        kind = f"{side}-added" if old is None else f"{side}-removed"
        walk.add(kind, where, old, new)
        return
    io_where = Where(f"{where.path}.{side}", _IO_DIRECTION[side], where.operations, where.operation)
    walk.add("shape-renamed", io_where, old, new)
    _retarget(walk, old, new, io_where)


# --- shapes ---------------------------------------------------------------------------------


def _shapes(walk: _Walk) -> None:
    old_shapes, new_shapes = walk.old.shapes, walk.new.shapes
    for name in old_shapes.keys() - new_shapes.keys():
        if old_shapes[name].is_exception:  # client.exceptions.<Name> goes away
            walk.add("exception-removed", walk.shape_where(name).plus(RESPONSES), old=name)
    for name in new_shapes.keys() - old_shapes.keys():
        if new_shapes[name].is_exception:
            walk.add("exception-added", walk.shape_where(name), new=name)
    for name in old_shapes.keys() & new_shapes.keys():
        _shape(walk, old_shapes[name], new_shapes[name], walk.shape_where(name), docs=True)


# boto3 sends and returns both as Python int (or float): only the range changes.
_NUMBER_WIDTHS = {
    ("integer", "long"): "constraint-loosened",
    ("long", "integer"): "constraint-narrowed",
    ("float", "double"): "constraint-loosened",
    ("double", "float"): "constraint-narrowed",
}


def _type_label(shape: ir.Shape) -> str:
    flags = ("union", "document", "streaming", "eventstream", "event")
    return " ".join([shape.type, *(flag for flag in flags if getattr(shape, flag))])


def _shape(walk: _Walk, old: ir.Shape, new: ir.Shape, where: Where, *, docs: bool) -> None:
    """Compare two shapes at one place: type first, then what the type has."""
    if _type_label(old) != _type_label(new):
        kind = _NUMBER_WIDTHS.get((old.type, new.type), "type-changed")
        walk.add(kind, where, _type_label(old), _type_label(new), trait="type")
        return
    _enum(walk, old.enum, new.enum, where)
    _bounds(walk, old, new, where)
    _pattern(walk, old.pattern, new.pattern, where)
    _shape_traits(walk, old, new, where)
    _members(walk, old, new, where, docs=docs)
    for ref in ("member", "key", "value"):
        _collection_ref(walk, getattr(old, ref), getattr(new, ref), where.child(ref), docs=docs)
    if docs:
        _deprecation(walk, where, old.deprecated, new.deprecated)
        _documentation(walk, where, old.documentation, new.documentation)


def _enum(walk: _Walk, old: tuple[str, ...], new: tuple[str, ...], where: Where) -> None:
    if old and not new:
        walk.add("constraint-loosened", where, list(old), None, trait="enum")
        return
    if new and not old:
        walk.add("constraint-narrowed", where, None, list(new), trait="enum")
        return
    for value in sorted(set(old) - set(new)):
        walk.add("enum-value-removed", where, old=value, trait="enum")
    for value in sorted(set(new) - set(old)):
        walk.add("enum-value-added", where, new=value, trait="enum")


def _bounds(walk: _Walk, old: ir.Shape, new: ir.Shape, where: Where) -> None:
    for trait, narrower in (("min", _raised), ("max", _lowered)):
        before, after = getattr(old, trait), getattr(new, trait)
        if before != after:
            kind = "constraint-narrowed" if narrower(before, after) else "constraint-loosened"
            walk.add(kind, where, before, after, trait=trait)


def _raised(before: float | None, after: float | None) -> bool:
    """A lower bound narrows when it appears or rises."""
    return after is not None and (before is None or after > before)


def _lowered(before: float | None, after: float | None) -> bool:
    """An upper bound narrows when it appears or falls."""
    return after is not None and (before is None or after < before)


def _pattern(walk: _Walk, old: str | None, new: str | None, where: Where) -> None:
    # Whether one regex accepts less than another is undecidable in general: a changed
    # pattern counts as narrowed, so a reviewer looks at it.
    if old != new:
        kind = "constraint-loosened" if new is None else "constraint-narrowed"
        walk.add(kind, where, old, new, trait="pattern")


def _shape_traits(walk: _Walk, old: ir.Shape, new: ir.Shape, where: Where) -> None:
    for trait, kind in (("timestamp_format", "wire-changed"), ("sensitive", "trait-changed")):
        if getattr(old, trait) != getattr(new, trait):
            walk.add(kind, where, getattr(old, trait), getattr(new, trait), trait=trait)
    if old.error and new.error and old.error.code != new.error.code:
        walk.add("error-code-changed", where.plus(RESPONSES), old.error.code, new.error.code)


# --- members --------------------------------------------------------------------------------


def _members(walk: _Walk, old: ir.Shape, new: ir.Shape, where: Where, *, docs: bool) -> None:
    old_members = {member.name: member for member in old.members}
    new_members = {member.name: member for member in new.members}
    for name, member in old_members.items():
        if name not in new_members:
            walk.add("member-removed", where.child(name), old=member.target)
    for name, member in new_members.items():
        if name not in old_members:
            kind = "required-member-added" if member.required else "member-added"
            walk.add(kind, where.child(name), new=member.target)
    for name, member in old_members.items():
        if name in new_members:
            _member(walk, member, new_members[name], where.child(name), docs=docs)


def _member(walk: _Walk, old: ir.Member, new: ir.Member, where: Where, *, docs: bool) -> None:
    if old.required != new.required:
        kind = "member-now-required" if new.required else "member-now-optional"
        walk.add(kind, where, old.required, new.required, trait="required")
    _ref(walk, old, new, where, docs=docs)


def _collection_ref(
    walk: _Walk, old: ir.Member | None, new: ir.Member | None, where: Where, *, docs: bool
) -> None:
    if old is not None and new is not None:
        _ref(walk, old, new, where, docs=docs)


def _ref(walk: _Walk, old: ir.Member, new: ir.Member, where: Where, *, docs: bool) -> None:
    """What any reference (structure member, list member, map key or value) can change."""
    for trait in ("location", "location_name", "json_value", "timestamp_format"):
        if getattr(old, trait) != getattr(new, trait):
            walk.add("wire-changed", where, getattr(old, trait), getattr(new, trait), trait=trait)
    if old.idempotency_token != new.idempotency_token:
        token = (old.idempotency_token, new.idempotency_token)
        walk.add("trait-changed", where, *token, trait="idempotency_token")
    if old.target != new.target:
        walk.add("shape-renamed", where, old.target, new.target)
        _retarget(walk, old.target, new.target, where)
    if docs:
        _deprecation(walk, where, old.deprecated, new.deprecated)
        _documentation(walk, where, old.documentation, new.documentation)


def _retarget(walk: _Walk, old_name: str, new_name: str, where: Where) -> None:
    """A reference now points at another shape: compare the two shapes at that place."""
    pair = (old_name, new_name)
    if pair in walk.comparing:  # a recursive shape: its changes are already being reported
        return
    walk.comparing.add(pair)
    _shape(walk, walk.old.shapes[old_name], walk.new.shapes[new_name], where, docs=False)
    walk.comparing.discard(pair)


# --- documentation --------------------------------------------------------------------------


def _deprecation(
    walk: _Walk, where: Where, old: ir.Deprecation | None, new: ir.Deprecation | None
) -> None:
    if (old is None) != (new is None):
        kind = "deprecated" if new is not None else "undeprecated"
        walk.add(kind, where, old and old.message, new and new.message, trait="deprecated")


def _documentation(walk: _Walk, where: Where, old: str, new: str) -> None:
    if old != new:
        walk.add("documentation-changed", where, old, new, trait="documentation")


def changes_markdown(old: ir.Service, new: ir.Service) -> str:
    """``CHANGES.md`` for ``botocontract generate``: the diff from the model it replaces."""
    return render_markdown(diff_services(old, new))
