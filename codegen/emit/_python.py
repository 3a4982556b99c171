"""The one place model text becomes Python source: escaped for the context it lands in.

Every text a model supplies (names, documentation, patterns, enum values, metadata) that an
emitter prints into a ``.py`` file goes through one of these, so that no model text can end a
comment, close a string or docstring, or become code. tests/unit/test_codegen_hostile.py holds
them to that by generating and importing packages from hostile models.
"""

from __future__ import annotations

import keyword
import re
from typing import Any

# A quote that could join the docstring's closing quotes or start a run of three.
_QUOTE_RUN = re.compile(r'"(?="|$)')


def _escape(char: str) -> str:
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _visible(text: str) -> str:
    """Every character that is not printable (line breaks included) as its escape sequence."""
    return "".join(c if c == " " or c.isprintable() else _escape(c) for c in text)


def comment(text: str) -> str:
    """Text for after ``#``: always one line (line breaks shown as escapes)."""
    return _visible(text)


def string(value: str) -> str:
    """A Python string literal for ``value``: raw where backslashes would hurt reading."""
    if _raw_safe(value):
        return f'r"{value}"' if "\\" in value else f'"{value}"'
    return repr(value)  # escapes quotes, backslashes and every unprintable character


def _raw_safe(value: str) -> bool:
    trailing = len(value) - len(value.rstrip("\\"))
    return '"' not in value and value.isprintable() and trailing % 2 == 0


def literal(value: Any) -> str:
    """A Python literal for a string, number, bool, None or tuple of them."""
    if isinstance(value, str):
        return string(value)
    if isinstance(value, tuple):
        inner = ", ".join(literal(v) for v in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    raise TypeError(f"no Python literal for {type(value).__name__}")


def docstring(text: str) -> str:
    """Text for inside ``\"\"\"...\"\"\"``: line breaks kept, nothing can close or escape it."""
    lines = text.replace("\r\n", "\n").split("\n")
    body = "\n".join(_visible(line.replace("\\", "\\\\")) for line in lines)
    return _QUOTE_RUN.sub(lambda _: '\\"', body)


def identifier(name: str, fallback: str = "shape") -> str:
    """A valid, non-keyword Python identifier derived from ``name`` (callers de-duplicate)."""
    candidate = re.sub(r"\W", "_", name, flags=re.ASCII) or fallback
    if candidate[0].isdigit():
        candidate = f"{fallback}_{candidate}"
    if keyword.iskeyword(candidate) or keyword.issoftkeyword(candidate):
        candidate = f"{candidate}_"
    return candidate
