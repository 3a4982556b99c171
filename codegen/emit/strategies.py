"""Hypothesis strategies emitter: ``strategies.py``, one readable function per shape.

Each shape becomes a ``ShapeSpec``: the name of a constructor in ``contracts._strategy_nodes``
and its arguments, computed here from the IR. The templates print the specs as Python; the
runtime instantiates the very same specs for services without a generated module, so the
facts live in one place (this module) whichever path a payload takes.
"""

from __future__ import annotations

import keyword
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from codegen.regex import UntranslatablePattern, translate

if TYPE_CHECKING:
    from collections.abc import Callable

    from codegen import ir

FILE_NAME = "strategies.py"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "strategies"
# Module-level names of the generated file that a shape function must not shadow.
RESERVED = frozenset({"SERVICE", "PROTOCOL", "SHAPES", "Callable", "annotations", "strategy"})
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


def emit_files(service: ir.Service) -> dict[str, bytes]:
    return {FILE_NAME: render_module(service).encode()}


# --- specs ------------------------------------------------------------------------------------


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
    members = tuple(_member(m) for m in shape.members)
    if shape.union:
        return ShapeSpec("union", members)
    kwargs = (("payload", shape.payload),) if shape.payload else ()
    return ShapeSpec("structure", members, kwargs)


def _member(member: ir.Member) -> MemberSpec:
    kwargs: list[tuple[str, Any]] = []
    if member.required:
        kwargs.append(("required", True))
    if member.location_name and member.location_name != member.name:
        kwargs.append(("wire", member.location_name))
    if not member.in_body:
        kwargs.append(("body", False))
    if member.host_label:
        kwargs.append(("host_label", True))
    return MemberSpec(member.name, member.target, tuple(kwargs))


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


# --- rendering --------------------------------------------------------------------------------


def literal(value: Any) -> str:
    """A Python literal for ``value``; raw strings where backslashes would hurt reading."""
    if isinstance(value, str) and _raw_safe(value):
        return f'r"{value}"' if "\\" in value else f'"{value}"'
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    return repr(value)


def _raw_safe(value: str) -> bool:
    trailing = len(value) - len(value.rstrip("\\"))
    return '"' not in value and value.isprintable() and trailing % 2 == 0


def _call_arguments(args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> list[str]:
    return [literal(a) for a in args] + [f"{key}={literal(value)}" for key, value in kwargs]


def _member_source(member: MemberSpec) -> str:
    return f"_s.member({', '.join(_call_arguments((member.name, member.target), member.kwargs))})"


def function_names(service: ir.Service) -> dict[str, str]:
    """Shape name -> a Python name for its function, unique, in model order."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for shape in service.shapes:
        candidate = re.sub(r"\W", "_", shape)
        if not candidate.isidentifier() or keyword.iskeyword(candidate) or candidate in RESERVED:
            candidate = f"{candidate}_"
        while candidate in taken or candidate.startswith("_s"):
            candidate = f"{candidate}_"
        names[shape] = candidate
        taken.add(candidate)
    return names


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,  # noqa: S701 - Python source, not HTML
    )


def _shape_source(service: ir.Service, shape: ir.Shape, function: str) -> str:
    spec = shape_spec(service, shape)
    members = [a for a in spec.args if isinstance(a, MemberSpec)]
    template = "structure.jinja2" if members else "call.jinja2"
    return (
        _environment()
        .get_template(template)
        .render(
            function=function,
            shape=shape.name,
            constructor=spec.constructor,
            arguments=", ".join(_call_arguments(spec.args, spec.kwargs)),
            members=[_member_source(m) for m in members],
            after_members=[f"{k}={literal(v)}" for k, v in spec.kwargs],
            note=spec.note,
        )
    )


def _generator_version() -> str:
    try:
        return metadata.version("botocontract")
    except metadata.PackageNotFoundError:
        return "0+unknown"


def render_module(service: ir.Service) -> str:
    functions = function_names(service)
    return (
        _environment()
        .get_template("module.jinja2")
        .render(
            service=service,
            generator_version=_generator_version(),
            shapes=[
                _shape_source(service, shape, functions[name])
                for name, shape in service.shapes.items()
            ],
            registry=[(literal(name), function) for name, function in functions.items()],
        )
    )
