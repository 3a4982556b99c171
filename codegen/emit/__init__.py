"""Emitters: each turns one IR service into the files of one artifact.

An emitter reads only the IR and returns ``{file name: bytes}``; the writer decides where and
how those bytes land. Order matters only for readers of the manifest, so it is fixed here.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from importlib.util import find_spec

from botocontract.codegen import ir
from botocontract.errors import CodegenNotInstalledError

Emitter = Callable[[ir.Service], dict[str, bytes]]

# artifact name -> "module:function"; imported lazily so one emitter's dependencies
# (datamodel-code-generator, say) cost nothing to the others.
EMITTERS: dict[str, str] = {
    "jsonschema": "botocontract.codegen.emit.jsonschema:emit_files",
    "pydantic": "botocontract.codegen.emit.pydantic:emit_files",
    "strategies": "botocontract.codegen.emit.strategies:emit_files",
}


# What the emitters need beyond the runtime: the `codegen` extra (pyproject.toml).
CODEGEN_DEPENDENCIES = {"datamodel_code_generator": "datamodel-code-generator", "jinja2": "jinja2"}


def require_dependencies() -> None:
    """Raise ``CodegenNotInstalledError`` unless the ``codegen`` extra is installed."""
    missing = [dist for module, dist in CODEGEN_DEPENDENCIES.items() if not find_spec(module)]
    if missing:
        raise CodegenNotInstalledError(" and ".join(missing))


def emitter(name: str) -> Emitter:
    module_name, function_name = EMITTERS[name].split(":")
    function: Emitter = getattr(import_module(module_name), function_name)
    return function


def warnings(service: ir.Service) -> list[str]:
    """What the emitters could not state (e.g. an untranslatable pattern), one line each.

    An emitter module reports these through an optional ``emit_warnings(service)`` function.
    """
    lines: list[str] = []
    for target in EMITTERS.values():
        module = import_module(target.split(":")[0])
        report = getattr(module, "emit_warnings", None)
        if report is not None:
            lines.extend(report(service))
    return lines


def emit_all(service: ir.Service) -> dict[str, bytes]:
    """Every artifact's files for ``service``; a file name claimed twice is a bug."""
    files: dict[str, bytes] = {}
    for name in EMITTERS:
        produced = emitter(name)(service)
        clash = files.keys() & produced.keys()
        if clash:
            raise RuntimeError(f"emitter {name!r} rewrites {sorted(clash)}")
        files.update(produced)
    return files
