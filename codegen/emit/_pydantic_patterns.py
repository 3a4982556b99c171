"""The engine each botocore ``pattern`` runs on in the pydantic models, in linear or bounded time.

Python's ``re`` backtracks: some botocore patterns take seconds on short strings (ecr's
``ScanningRepositoryFilterValue``, events' ``HeaderValue``). So a pattern runs on pydantic's
``rust-regex`` (Rust's regex crate: finite automata, linear in the input) wherever its
``translate_for_rust`` form compiles there; the rest (lookarounds, backreferences, possessive
quantifiers, or past the crate's size limit) run on fancy-regex through ``jsonschema_rs``, whose
backtracking is counted and capped (``botocontract.runtime.models.BoundedPattern``), the engine
and limit ``botocontract.validate`` uses.

datamodel-code-generator writes ``Field(pattern=...)`` (a string, or ``compile(...)`` where it
sees a lookaround): ``place_patterns`` rewrites that source so that Rust patterns are plain
strings and the others ``BoundedPattern(...)`` beside the ``Field``, reusing the literals the
generator wrote.
"""

from __future__ import annotations

import ast
from functools import cache
from typing import TYPE_CHECKING, TypeGuard

from botocontract.codegen.regex import UntranslatablePattern, translate, translate_for_rust
from botocontract.errors import ModelFileError

if TYPE_CHECKING:
    from botocontract.codegen import ir

BOUNDED_PATTERN = "BoundedPattern"  # the runtime type, imported where a pattern needs it
_COMPILE_IMPORT = "from re import compile\n"


@cache
def rust_pattern(pattern: str) -> str | None:
    """The botocore pattern in Rust's syntax if Rust's regex crate (as pydantic-core builds it)
    compiles it, else ``None``."""
    from pydantic_core import SchemaError, SchemaValidator, core_schema  # noqa: PLC0415

    text = translate_for_rust(pattern)
    try:
        SchemaValidator(core_schema.str_schema(pattern=text, regex_engine="rust-regex"))
    except SchemaError:
        return None
    return text


def bounded_patterns(service: ir.Service) -> frozenset[str]:
    """The translated patterns (as the JSON Schema writes them) that Rust cannot run."""
    patterns = {shape.pattern for shape in service.shapes.values() if shape.pattern is not None}
    return frozenset(translate(p) for p in patterns if _translates(p) and rust_pattern(p) is None)


def _translates(pattern: str) -> bool:
    """Untranslatable patterns are left out of the schema, so out of the models too."""
    try:
        translate(pattern)
    except UntranslatablePattern:
        return False
    return True


def place_patterns(service: ir.Service, source: str) -> str:
    """``models.py`` with every ``Field(pattern=...)`` on the engine ``rust_pattern`` chose."""
    bounded = bounded_patterns(service)
    code = SourceText(source)
    edits = [
        edit
        for node in ast.walk(ast.parse(source))
        for child in ast.iter_child_nodes(node)
        if is_field_call(child)
        for edit in _placed(code, node, child, bounded)
    ]
    placed = code.edited(edits)
    if "compile(" not in placed.replace(_COMPILE_IMPORT, ""):
        placed = placed.replace(_COMPILE_IMPORT, "")
    if _COMPILE_IMPORT in placed:  # a pattern this module did not place would run on Python's re
        raise ModelFileError(service.source, "a generated pattern is left on Python's re")
    return placed


class SourceText:
    """Source text addressed as ast does: lines, and columns counted in UTF-8 bytes."""

    def __init__(self, source: str) -> None:
        self.data = source.encode()
        self.lines = [0]
        for line in self.data.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line))

    def span(self, node: ast.expr | ast.keyword) -> tuple[int, int]:
        end_line, end_col = node.end_lineno, node.end_col_offset
        if end_line is None or end_col is None:  # never for parsed source
            raise ValueError("a node without its position")
        return self.lines[node.lineno - 1] + node.col_offset, self.lines[end_line - 1] + end_col

    def text(self, node: ast.expr | ast.keyword) -> str:
        start, end = self.span(node)
        return self.data[start:end].decode()

    def edited(self, edits: list[tuple[int, int, str]]) -> str:
        """The source with each (start, end, text) edit made: the last first, so that the
        earlier ones' offsets still hold."""
        data = self.data
        for start, end, text in sorted(edits, reverse=True):
            data = data[:start] + text.encode() + data[end:]
        return data.decode()


def is_field_call(node: ast.AST) -> TypeGuard[ast.Call]:
    """A ``Field(...)`` call, as datamodel-code-generator writes them."""
    return (
        isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Field"
    )


def _placed(
    code: SourceText, parent: ast.AST, field: ast.AST, bounded: frozenset[str]
) -> list[tuple[int, int, str]]:
    """The edit (start, end, text) that puts ``field``'s pattern on its engine, if it has one."""
    if not isinstance(field, ast.Call):
        return []
    keyword = next((k for k in field.keywords if k.arg == "pattern"), None)
    if keyword is None:
        return []
    literal = _pattern_literal(keyword.value)
    if literal.value not in bounded:  # Rust's: a plain string, whatever the generator wrote
        return [(*code.span(keyword.value), code.text(literal))]
    if not (isinstance(parent, ast.Tuple) and parent.elts and parent.elts[0] is not field):
        raise ValueError("a Field() with a bounded pattern outside Annotated[...]")
    kept = [code.text(a) for a in field.args]
    kept += [code.text(k) for k in field.keywords if k is not keyword]
    kept_field = f"Field({', '.join(kept)}), " if kept else ""
    return [(*code.span(field), f"{kept_field}{BOUNDED_PATTERN}({code.text(literal)})")]


def _pattern_literal(value: ast.expr) -> ast.Constant:
    """The string literal of ``pattern="..."`` or ``pattern=compile("...")``."""
    if isinstance(value, ast.Call) and isinstance(value.func, ast.Name) and len(value.args) == 1:
        value = value.args[0]
    if not (isinstance(value, ast.Constant) and isinstance(value.value, str)):
        raise TypeError(f"unexpected pattern expression {ast.dump(value)}")
    return value
