"""Sets of code points as sorted ranges, and the named sets of Java's regex dialect.

Unicode properties come from the ``regex`` package's tables (pinned in constraints.txt), not
from ``unicodedata``, whose Unicode version changes with each Python release: generated
schemas must be the same whichever Python ran the generator.
"""

from __future__ import annotations

import re
import string
from functools import cache
from importlib import metadata
from typing import TYPE_CHECKING

import regex  # type: ignore[import-untyped]  # the package ships no type information

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

__all__ = [
    "CLASS_ESCAPES",
    "MAX",
    "SCALARS",
    "UNICODE_VERSION",
    "Ranges",
    "chars",
    "intersect",
    "java_property",
    "negate",
    "span",
    "union",
]

Ranges = tuple[tuple[int, int], ...]  # sorted, disjoint, non-adjacent, inclusive
MAX = 0x10FFFF
SCALARS = ((0, 0xD7FF), (0xE000, MAX))  # what Rust can write: code points but surrogates


def _unicode_version() -> str:
    """The Unicode version of the ``regex`` package's tables, as its description states it."""
    fields = metadata.metadata("regex").json
    stated = re.search(r"supports Unicode (\d+(?:\.\d+)*)", str(fields.get("description", "")))
    return stated.group(1) if stated else f"that of regex {fields['version']}"


UNICODE_VERSION = _unicode_version()


def normalize(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def negate(ranges: Ranges) -> Ranges:
    gaps, start = [], 0
    for lo, hi in ranges:
        if lo > start:
            gaps.append((start, lo - 1))
        start = hi + 1
    return (*gaps, (start, MAX)) if start <= MAX else tuple(gaps)


def union(*sets: Ranges) -> Ranges:
    return normalize(r for s in sets for r in s)


def intersect(a: Ranges, b: Ranges) -> Ranges:
    return negate(union(negate(a), negate(b)))


def chars(text: str) -> Ranges:
    return normalize((ord(c), ord(c)) for c in text)


def span(lo: str, hi: str) -> Ranges:
    return ((ord(lo), ord(hi)),)


# Java's predefined and POSIX classes are US-ASCII (no UNICODE_CHARACTER_CLASS flag).
DIGIT, LOWER, UPPER = span("0", "9"), span("a", "z"), span("A", "Z")
SPACE = chars(" \t\n\x0b\f\r")
CLASS_ESCAPES = {
    "d": DIGIT, "w": union(DIGIT, LOWER, UPPER, chars("_")), "s": SPACE,
    "h": union(chars(" \t\xa0\u1680\u180e\u202f\u205f\u3000"), span("\u2000", "\u200a")),
    "v": chars("\n\x0b\f\r\x85\u2028\u2029"),
}  # fmt: skip
POSIX = {
    "Lower": LOWER, "Upper": UPPER, "ASCII": span("\0", "\x7f"), "Alpha": union(LOWER, UPPER),
    "Digit": DIGIT, "Alnum": union(DIGIT, LOWER, UPPER), "Punct": chars(string.punctuation),
    "Graph": span("!", "~"), "Print": span(" ", "~"), "Blank": chars(" \t"),
    "Cntrl": union(span("\0", "\x1f"), chars("\x7f")), "XDigit": chars(string.hexdigits),
    "Space": SPACE, "all": ((0, MAX),), "L1": span("\0", "\xff"),
}  # fmt: skip
SUBCATEGORIES = {"L": "ultmo", "M": "nce", "N": "dlo", "P": "cdseifo", "S": "mcko", "Z": "slp",
                 "C": "cfson"}  # fmt: skip
CATEGORIES = frozenset(
    {
        "LC",
        *SUBCATEGORIES,
        *(major + minor for major, minors in SUBCATEGORIES.items() for minor in minors),
    }
)


@cache
def _scalar_texts() -> tuple[tuple[int, str], ...]:
    """Every code point but the surrogates, as (first code point, text) for the regex package."""
    return tuple((lo, "".join(map(chr, range(lo, hi + 1)))) for lo, hi in SCALARS)


@cache
def unicode_property(name: str) -> Ranges:
    """The code points having a property the ``regex`` package knows: each run is one match."""
    runs = regex.compile(rf"\p{{{name}}}+")
    return tuple(
        (first + found.start(), first + found.end() - 1)
        for first, text in _scalar_texts()
        for found in runs.finditer(text)
    )


def _category(name: str) -> Ranges | None:
    return unicode_property(name) if name in CATEGORIES else None


def _white_space() -> Ranges:
    separators = (unicode_property(name) for name in ("Zs", "Zl", "Zp"))
    return union(*separators, span("\t", "\r"), chars("\x85"))


# Java's \p{IsX} binary properties, by upper-case name without "_", as java.lang.Character
# defines them (Alnum is Unicode's: Alphabetic or Nd, not the POSIX \p{Alnum}).
BINARY: dict[str, Callable[[], Ranges]] = {
    "ALPHABETIC": lambda: unicode_property("Alphabetic"),
    "IDEOGRAPHIC": lambda: unicode_property("Ideographic"),
    "LETTER": lambda: unicode_property("L"),
    "LOWERCASE": lambda: unicode_property("Lowercase"),
    "UPPERCASE": lambda: unicode_property("Uppercase"),
    "TITLECASE": lambda: unicode_property("Lt"),
    "DIGIT": lambda: unicode_property("Nd"),
    "CONTROL": lambda: unicode_property("Cc"),
    "PUNCTUATION": lambda: unicode_property("P"),
    "ASSIGNED": lambda: negate(unicode_property("Cn")),
    "WHITESPACE": _white_space,
    "ALNUM": lambda: union(unicode_property("Alphabetic"), unicode_property("Nd")),
    "JOINCONTROL": lambda: span("\u200c", "\u200d"),
    "NONCHARACTERCODEPOINT": lambda: unicode_property("Noncharacter_Code_Point"),
}


@cache
def java_property(name: str) -> Ranges | None:
    """Resolve the name inside ``\\p{...}`` as java.util.regex.Pattern does, or None."""
    if name.startswith(("general_category=", "gc=")):
        return _category(name.partition("=")[2])
    if name == "LD":  # Character.isLetterOrDigit
        return union(unicode_property("L"), unicode_property("Nd"))
    if name.startswith("Is"):  # a category or a binary property; scripts are not supported
        binary = BINARY.get(name[2:].upper().replace("_", ""))
        return binary() if binary else _category(name[2:])
    return POSIX.get(name) or _category(name)
