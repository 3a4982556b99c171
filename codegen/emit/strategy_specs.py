"""What each shape's strategy node is, computed from the IR: constructor name and arguments.

The strategies emitter prints these specs as the generated ``strategies.py``; the runtime
instantiates the very same specs for services that were not generated. So the facts live here,
once, whichever path a payload takes, and this module needs nothing but the IR (no jinja2).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from botocontract.codegen.customizations import assumed_present
from botocontract.codegen.regex import UntranslatablePattern, translate
from botocontract.constants import XML_PROTOCOLS

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.codegen import ir

INTEGER_BITS = {"integer": 32, "long": 64}


@dataclass(frozen=True)
class MemberSpec:
    name: str
    target: str
    kwargs: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class ShapeSpec:
    """``constructor(*args, **dict(kwargs))`` builds the shape's node; ``note`` is for readers."""

    constructor: str
    args: tuple[Any, ...] = ()
    kwargs: tuple[tuple[str, Any], ...] = ()
    note: str = ""


def shape_spec(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    return _SPECS[shape.type](service, shape)


def _bounds(shape: ir.Shape, low: str, high: str, cast: Callable[[Any], Any]) -> list[Any]:
    pairs: list[tuple[str, Any]] = []
    if shape.min is not None and not (low == "min_size" and shape.min == 0):
        pairs.append((low, cast(shape.min)))
    if shape.max is not None:
        pairs.append((high, cast(shape.max)))
    return pairs


def _structure(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    if shape.document:
        return ShapeSpec("document")
    assumed = assumed_present(service)
    members = tuple(_member(service, m, (shape.name, m.name) in assumed) for m in shape.members)
    if shape.union:
        return ShapeSpec("union", members)
    kwargs = (("payload", shape.payload),) if shape.payload else ()
    return ShapeSpec("structure", members, kwargs)


def _member(service: ir.Service, member: ir.Member, assumed: bool = False) -> MemberSpec:
    """``assumed``: optional in the model, but a botocore handler reads it unconditionally
    (real responses always carry it): drawn every time, or the handler would crash."""
    kwargs: list[tuple[str, Any]] = []
    if member.required or assumed:
        kwargs.append(("required", True))
    if member.location_name and member.location_name != member.name:
        kwargs.append(("wire", member.location_name))
    if not member.in_body:
        kwargs.append(("body", False))
    if member.host_label:
        kwargs.append(("host_label", True))
    if _flattened(service, member):
        kwargs.append(("flattened", True))
    if member.timestamp_format is not None:
        kwargs.append(("timestamp_format", member.timestamp_format))
    return MemberSpec(member.name, member.target, tuple(kwargs))


def _flattened(service: ir.Service, member: ir.Member) -> bool:
    """An XML flattened list or map (the member's trait or its target's)."""
    target = service.shapes[member.target]
    return (
        service.protocol in XML_PROTOCOLS
        and target.type in ("list", "map")
        and (member.flattened or target.flattened)
    )


def _list(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    assert shape.member is not None
    kwargs = _bounds(shape, "min_size", "max_size", int)
    if shape.sparse:
        kwargs.append(("sparse", True))
    return ShapeSpec("list_of", (shape.member.target,), tuple(kwargs))


def _map(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    assert shape.key is not None
    assert shape.value is not None
    kwargs = _bounds(shape, "min_size", "max_size", int)
    if shape.sparse:
        kwargs.append(("sparse", True))
    return ShapeSpec("map_of", (shape.key.target, shape.value.target), tuple(kwargs))


def _string(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    kwargs = _bounds(shape, "min_size", "max_size", int)
    pattern, note = _pattern(shape.pattern)
    if shape.enum and not kwargs and pattern is None:
        return ShapeSpec("enum", shape.enum)
    if shape.enum:
        kwargs.append(("enum", shape.enum))
    if pattern is not None:
        kwargs.append(("pattern", pattern))
    return ShapeSpec("string", (), tuple(kwargs), note)


@cache
def _pattern(raw: str | None) -> tuple[str | None, str]:
    """The translated pattern, and a note quoting botocore's when they differ."""
    if raw is None:
        return None, ""
    try:
        translated = translate(raw)
    except UntranslatablePattern as error:
        return None, f"botocore pattern {raw!r} not enforced: {error.reason}"
    note = "" if translated == raw else f"botocore pattern: {raw}"
    return translated, note


def _integer(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    kwargs = _bounds(shape, "min_value", "max_value", int)
    if INTEGER_BITS[shape.type] != INTEGER_BITS["integer"]:
        kwargs.append(("bits", INTEGER_BITS[shape.type]))
    return ShapeSpec("integer", (), tuple(kwargs))


def _float(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    return ShapeSpec("number", (), tuple(_bounds(shape, "min_value", "max_value", float)))


def _boolean(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    return ShapeSpec("boolean")


def _timestamp(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    return ShapeSpec("timestamp", (), (("wire_format", service.timestamp_format(shape)),))


def _blob(service: ir.Service, shape: ir.Shape) -> ShapeSpec:
    return ShapeSpec("blob", (), tuple(_bounds(shape, "min_size", "max_size", int)))


_SPECS: dict[str, Callable[[ir.Service, ir.Shape], ShapeSpec]] = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "string": _string,
    "integer": _integer,
    "long": _integer,
    "float": _float,
    "double": _float,
    "boolean": _boolean,
    "timestamp": _timestamp,
    "blob": _blob,
}
