"""Float bounds in the pydantic models as ``FloatRange``, which NaN passes, not pydantic's own.

The feed gives every float shape the runtime's ``BotocoreFloat`` with its ``minimum`` and
``maximum``, which datamodel-code-generator writes as ``Field(ge=..., le=...)``. pydantic's
``ge``/``le`` reject NaN, which the schema takes under any bound, so ``place_float_bounds``
moves them out of that ``Field`` into ``FloatRange(ge=..., le=...)`` beside it, reusing the
literals the generator wrote.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from botocontract.codegen.emit._pydantic_patterns import SourceText, is_field_call
from botocontract.errors import ModelFileError

if TYPE_CHECKING:
    from collections.abc import Iterator

    from botocontract.codegen import ir

FLOAT_NAME = "BotocoreFloat"
FLOAT_RANGE = "FloatRange"  # the runtime type, imported where a float shape has a bound
BOUNDS = ("ge", "le")


def has_float_bounds(service: ir.Service) -> bool:
    """Whether any float shape is bounded, so that models.py imports ``FloatRange``."""
    return any(
        shape.type in ("float", "double") and (shape.min is not None or shape.max is not None)
        for shape in service.shapes.values()
    )


def place_float_bounds(service: ir.Service, source: str) -> str:
    """``models.py`` with every ``BotocoreFloat``'s ``ge``/``le`` in a ``FloatRange``."""
    code = SourceText(source)
    edits = [_moved(code, field) for field in _bounded_float_fields(ast.parse(source))]
    placed = code.edited(edits)
    if any(True for _ in _bounded_float_fields(ast.parse(placed))):  # pydantic would reject NaN
        raise ModelFileError(service.source, "a float bound is left on pydantic's ge/le")
    return placed


def _bounded_float_fields(tree: ast.AST) -> Iterator[ast.Call]:
    """``Field(...)`` calls with a bound inside ``Annotated[BotocoreFloat(| None), ...]``."""
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Subscript) and _is_name(node.value, "Annotated")):
            continue
        elements = node.slice.elts if isinstance(node.slice, ast.Tuple) else []
        if not elements or not _mentions_float(elements[0]):
            continue
        for element in elements[1:]:
            if is_field_call(element) and any(k.arg in BOUNDS for k in element.keywords):
                yield element


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _mentions_float(node: ast.expr) -> bool:
    if isinstance(node, ast.BinOp):  # an optional member: BotocoreFloat | None
        return _mentions_float(node.left) or _mentions_float(node.right)
    return _is_name(node, FLOAT_NAME)


def _moved(code: SourceText, field: ast.Call) -> tuple[int, int, str]:
    """The edit (start, end, text) that puts ``field``'s bounds in a ``FloatRange``."""
    bounds = [code.text(k) for k in field.keywords if k.arg in BOUNDS]
    kept = [code.text(a) for a in field.args]
    kept += [code.text(k) for k in field.keywords if k.arg not in BOUNDS]
    kept_field = f"Field({', '.join(kept)}), " if kept else ""
    return (*code.span(field), f"{kept_field}{FLOAT_RANGE}({', '.join(bounds)})")
