"""Hypothesis strategies emitter: ``strategies.py``, one readable function per shape.

Each shape's ``ShapeSpec`` (``strategy_specs``: a constructor of ``botocontract.runtime.nodes``
and its arguments) is printed as Python by the templates; the runtime instantiates the very
same specs for services without a generated module.
"""

from __future__ import annotations

from functools import cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from botocontract.codegen.emit._python import comment, docstring, identifier, literal
from botocontract.codegen.emit.strategy_specs import MemberSpec, shape_spec

if TYPE_CHECKING:
    from botocontract.codegen import ir

FILE_NAME = "strategies.py"
TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "strategies"
# Module-level names of the generated file that a shape function must not shadow.
RESERVED = frozenset({"SERVICE", "PROTOCOL", "SHAPES", "Callable", "annotations", "strategy"})


def emit_files(service: ir.Service) -> dict[str, bytes]:
    return {FILE_NAME: render_module(service).encode()}


# --- rendering --------------------------------------------------------------------------------


def _call_arguments(args: tuple[Any, ...], kwargs: tuple[tuple[str, Any], ...]) -> list[str]:
    return [literal(a) for a in args] + [f"{key}={literal(value)}" for key, value in kwargs]


def _member_source(member: MemberSpec) -> str:
    return f"_s.member({', '.join(_call_arguments((member.name, member.target), member.kwargs))})"


def function_names(service: ir.Service) -> dict[str, str]:
    """Shape name -> a Python name for its function, unique, in model order.

    A leading underscore gets a ``shape`` prefix: ``_s`` is the runtime module's name here,
    and a name starting with it (``_settings``) must never shadow it.
    """
    names: dict[str, str] = {}
    taken = set(RESERVED)
    for shape in service.shapes:
        candidate = identifier(shape)
        if candidate.startswith("_"):
            candidate = f"shape{candidate}"
        while candidate in taken:
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
            constructor=spec.constructor,
            arguments=", ".join(
                _call_arguments(tuple(a for a in spec.args if a not in members), spec.kwargs)
            ),
            members=[_member_source(m) for m in members],
            after_members=[f"{k}={literal(v)}" for k, v in spec.kwargs],
            note=comment(spec.note),
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
            docs={
                "full_name": docstring(service.full_name),
                "name": docstring(service.name),
                "botocore_version": docstring(service.botocore_version),
                "api_version": docstring(service.api_version),
                "sha256": docstring(service.model_sha256),
                "generator_version": docstring(_generator_version()),
            },
            service_literal=literal(service.name),
            protocol_literal=literal(service.protocol),
            shapes=[
                _shape_source(service, shape, functions[name])
                for name, shape in service.shapes.items()
            ],
            registry=[(literal(name), function) for name, function in functions.items()],
        )
    )
