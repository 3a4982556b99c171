"""Translate botocore ``pattern`` traits (Java regexes) into the dialect every validator shares.

The models are written for ``java.util.regex``: ``\\p{L}``, ``\\p{Alnum}``, ``\\P{C}``, nested
classes and ``&&``, ``\\z``, possessive quantifiers, surrogate pairs in ``\\uXXXX`` escapes.
``translate`` parses that dialect and writes a pattern with the same meaning that Python's ``re``
(so ``jsonschema``, pydantic's ``python-re`` engine, Hypothesis) and ``jsonschema_rs``
(fancy-regex) read alike:

- every character class is computed as a set of code points and written out item by item (or
  as its ranges, when it holds a Unicode property), so ``\\d``, ``\\w``, ``\\s``, ``\\b``, ``.``,
  the POSIX classes and ``(?i)`` keep their Java meaning (US-ASCII; ``.`` stops at Java's line
  terminators), which Python and Rust would each widen in their own way;
- ``\\p{..}`` categories and ``\\p{IsX}`` binary properties come from the ``regex`` package's
  Unicode tables (``UNICODE_VERSION``; pinned, so the output does not change with Python's);
- ``$``, ``\\Z`` and ``\\z`` all mean "end of input", as in ECMA-262 (Smithy's and JSON Schema's
  dialect) and under Java's ``matches()``; Python's bare ``$`` would also accept a final newline;
- search semantics, as Smithy and JSON Schema say: anchors stay as written, and a long counted
  repetition at either end of an alternative is cut to its minimum (the same strings match,
  and Rust's regex would otherwise unroll ``[^\\p{C}]{1,2048}`` past its size limit).

The output uses lookarounds and backreferences, so it needs a backtracking engine (not
pydantic's ``rust-regex``). ``translate_for_rust`` writes the same pattern with its assertions in
the syntax of Rust's regex crate (``\\z``, ``(?-u:\\b)``): where that compiles (no lookaround,
no backreference), the pydantic models run it in linear time. Possessive quantifiers become
``(?=(X*))\\1`` (Python 3.10 has neither ``X*+`` nor ``(?>X*)``, and jsonschema_rs refuses the
latter), unless ``X`` holds a lookaround or backreference, which fancy-regex would backtrack
into. Surrogate code points cannot be written for Rust: no class endpoint is one, so lone
surrogates are outside the contract.
"""

from __future__ import annotations

import re
import string
from functools import cache
from typing import TYPE_CHECKING

from botocontract.codegen._codepoints import (
    CLASS_ESCAPES,
    MAX,
    SCALARS,
    UNICODE_VERSION,
    Ranges,
    chars,
    intersect,
    java_property,
    negate,
    span,
    union,
)
from botocontract.errors import UntranslatablePattern

if TYPE_CHECKING:
    from collections.abc import Callable

__all__ = ["UNICODE_VERSION", "UntranslatablePattern", "translate", "translate_for_rust"]

END = r"(?!\n)$"
LOWER, UPPER = span("a", "z"), span("A", "Z")
DOTS = {  # by inline flag: DOTALL, UNIX_LINES, else Java's line terminators end "."
    "s": ((0, MAX),), "d": negate(chars("\n")), "": negate(chars("\n\r\x85\u2028\u2029")),
}  # fmt: skip
_W = "[0-9A-Z_a-z]"
ASSERTIONS = {  # Java's \b follows its ASCII \w (JDK 19+); \G has no equivalent here
    "A": "^", "z": END, "Z": END,
    "b": f"(?:(?<={_W})(?!{_W})|(?<!{_W})(?={_W}))",
    "B": f"(?:(?<={_W})(?={_W})|(?<!{_W})(?!{_W}))",
}  # fmt: skip
# The same assertions in the syntax of Rust's regex crate (pydantic's ``rust-regex``), which has
# "end of text" and ASCII word boundaries of its own, and no lookarounds.
RUST_ASSERTIONS = {
    "A": "^", "z": r"\z", "Z": r"\z", "b": r"(?-u:\b)", "B": r"(?-u:\B)",
}  # fmt: skip
CONTROL_ESCAPES = {"t": 9, "n": 10, "r": 13, "f": 12, "a": 7, "e": 27}
LOOKAROUNDS = {"=": "(?=", "!": "(?!", "<=": "(?<=", "<!": "(?<!"}
FLAGS = "isd"  # CASE_INSENSITIVE (US-ASCII only, as Java without UNICODE_CASE), DOTALL, UNIX_LINES
SPECIAL_OUTSIDE = frozenset("\\.^$|?*+()[]{}")
SPECIAL_INSIDE = frozenset("\\[]^-&~|")  # "&&", "--", "~~", "||" are set operators to Rust/Python
SHORT = {9: r"\t", 10: r"\n", 13: r"\r"}
SMALL_ITEM = 48  # a class item written longer than this is a Unicode property: compute the set
UNROLL_LIMIT = 1000  # Rust's regex unrolls X{m,n}: a Unicode class times more passes its limit
GROUP_NAME = re.compile(r"[A-Za-z][A-Za-z0-9]*")  # Java's rule for (?<name>...)
# Capturing groups are numbered once the whole pattern is written, as emulated possessive
# quantifiers add groups: until then, "\0<key>\0" marks an opening and "\0=<key>\0" a reference
# (keys: "g<n>" Java's group n, "a<n>" the n-th emulated atomic group). Output is ASCII
# printable otherwise, so a NUL cannot be anything else.
MARK = re.compile(r"\0(=?)([ga]\d+)\0")
NOTHING = r"[^\s\S]"
# A lookaround or a backreference mark in written text, outside escapes and classes.
FANCY = re.compile(r"\\.|\[(?:\\.|[^\\\]])*\]|(\(\?<?[=!]|\0=)|.", re.DOTALL)


def _fold(ranges: Ranges) -> Ranges:
    """Java's CASE_INSENSITIVE folds US-ASCII letters only."""
    lower, upper = intersect(ranges, LOWER), intersect(ranges, UPPER)
    return union(ranges, tuple((lo - 32, hi - 32) for lo, hi in lower),
                  tuple((lo + 32, hi + 32) for lo, hi in upper))  # fmt: skip


def _code(cp: int, special: frozenset[str]) -> str:
    if chr(cp) in special:
        return "\\" + chr(cp)
    if 0x20 <= cp < 0x7F:
        return chr(cp)
    return SHORT.get(cp) or (f"\\u{cp:04X}" if cp <= 0xFFFF else f"\\U{cp:08X}")


def _items(ranges: Ranges) -> str:
    out = []
    for lo, hi in intersect(ranges, SCALARS):
        first, last = _code(lo, SPECIAL_INSIDE), _code(hi, SPECIAL_INSIDE)
        out.append(first if lo == hi else f"{first}-{last}")
    return "".join(out)


def _render(ranges: Ranges) -> str:
    """A set of code points as one atom: a literal, ``[...]`` or ``[^...]``, the shorter."""
    ranges = intersect(ranges, SCALARS)
    if len(ranges) == 1 and ranges[0][0] == ranges[0][1]:
        return _code(ranges[0][0], SPECIAL_OUTSIDE)
    positive, negative = _items(ranges), _items(negate(ranges))
    if not positive or not negative:
        return r"[\s\S]" if positive else r"[^\s\S]"
    return f"[{positive}]" if len(positive) <= len(negative) + 1 else f"[^{negative}]"


def _unquote(pattern: str) -> str:
    r"""Replace each ``\Q...\E`` quotation by ``\x{..}`` escapes before parsing."""
    out, pos = [], 0
    while pos < len(pattern):
        if pattern.startswith("\\Q", pos):
            end = pattern.find("\\E", pos + 2)
            end = len(pattern) if end < 0 else end
            out += [f"\\x{{{ord(c):X}}}" for c in pattern[pos + 2 : end]]
            pos = end + 2
        else:
            out.append(pattern[pos : pos + 2 if pattern[pos] == "\\" else pos + 1])
            pos += len(out[-1])
    return "".join(out)


class _Parser:
    """Recursive descent over Java's regex grammar, writing the translation as it goes.

    Atoms return ``(text, zero_width)``; items are ``(text, text cut to its minimum count)``.
    """

    def __init__(self, pattern: str, assertions: dict[str, str] = ASSERTIONS) -> None:
        self.pattern, self.src, self.pos = pattern, _unquote(pattern), 0
        self.assertions = assertions
        self.flags: frozenset[str] = frozenset()
        self.groups, self.backreferences, self.atomics = 0, False, 0
        self.written: str | None = None  # the last class, item by item in source order

    def error(self, reason: str) -> UntranslatablePattern:
        return UntranslatablePattern(self.pattern, reason, self.pos)

    def peek(self, length: int = 1) -> str:
        return self.src[self.pos : self.pos + length]

    def eat(self, text: str) -> bool:
        found = self.src.startswith(text, self.pos)
        self.pos += len(text) if found else 0
        return found

    def take(self) -> str:
        if self.pos >= len(self.src):
            raise self.error("unexpected end of pattern")
        self.pos += 1
        return self.src[self.pos - 1]

    def parse(self) -> str:
        parts = [self.items()]
        while self.eat("|"):
            parts.append(self.items())
        if self.pos < len(self.src):
            raise self.error("unbalanced ')'")
        for items in parts if not self.backreferences else ():
            for edge in sorted({0, len(items) - 1}) if items else ():
                items[edge] = (items[edge][1], items[edge][1])
        return _number_groups("|".join("".join(text for text, _ in items) for items in parts))

    def alternation(self) -> str:
        parts = ["".join(text for text, _ in self.items())]
        while self.eat("|"):
            parts.append("".join(text for text, _ in self.items()))
        return "|".join(parts)

    def items(self) -> list[tuple[str, str]]:
        out = []
        while self.pos < len(self.src) and self.peek() not in "|)":
            char = self.take()
            if char in "*+?{":
                raise self.error(f"dangling meta character {char!r}")
            text, zero_width = ATOMS[char](self) if char in ATOMS else (self.literal(char), False)
            single = not zero_width and not text.startswith("(")  # not a group or \\1: one char
            out.append(self.quantified(text, zero_width=zero_width, single=single))
        return out

    def literal(self, char: str) -> str:
        ranges = chars(char)
        return _render(_fold(ranges) if "i" in self.flags else ranges)

    def dot(self) -> tuple[str, bool]:
        mode = "s" if "s" in self.flags else "d" if "d" in self.flags else ""
        return _render(DOTS[mode]), False

    def escape(self) -> tuple[str, bool]:
        char = self.peek()
        if char in self.assertions:
            self.pos += 1
            return self.assertions[char], True
        if char.isdigit() and char != "0":
            if "i" in self.flags:
                raise self.error("case-insensitive backreference")
            self.backreferences = True
            return f"(?:\0=g{self.backreference()}\0)", False
        found = self.escape_in_class()
        return (_render(found) if isinstance(found, tuple) else self.literal(chr(found))), False

    def backreference(self) -> int:
        number = int(self.take())  # Java takes more digits while the group exists
        while self.peek().isdigit() and number * 10 + int(self.peek()) <= self.groups:
            number = number * 10 + int(self.take())
        return number

    def escape_in_class(self) -> Ranges | int:
        """An escape standing for a set of code points, or for one code point."""
        char = self.take()
        if char.lower() in CLASS_ESCAPES or char in "pP":
            found = CLASS_ESCAPES.get(char.lower()) or self.property()
            return negate(found) if char.isupper() else found
        if char in CONTROL_ESCAPES:
            return CONTROL_ESCAPES[char]
        if char in NUMERIC_ESCAPES:
            return NUMERIC_ESCAPES[char](self)
        if char == "c":
            return ord(self.take()) ^ 64
        if char.isalnum():
            raise self.error(f"unsupported escape \\{char}")
        return ord(char)

    def property(self) -> Ranges:
        if not self.eat("{"):
            name = self.take()  # \pL
        else:
            end = self.src.find("}", self.pos)
            if end < 0:
                raise self.error("unclosed \\p{")
            name, self.pos = self.src[self.pos : end], end + 1
        found = java_property(name)
        if found is None:
            raise self.error(f"unsupported property \\p{{{name}}}")
        return found

    def hex_digits(self, count: int) -> int:
        text = self.src[self.pos : self.pos + count]
        if not text or len(text) < count or set(text) - set(string.hexdigits):
            raise self.error("bad hexadecimal escape")
        self.pos += count
        return int(text, 16)

    def x_escape(self) -> int:
        if not self.eat("{"):
            return self.hex_digits(2)
        cp = self.hex_digits(self.src.find("}", self.pos) - self.pos)
        if cp > MAX or not self.eat("}"):
            raise self.error("bad \\x{...} escape")
        return cp

    def u_escape(self) -> int:
        """Java pairs a high and a low surrogate escape into one supplementary code point."""
        cp = self.hex_digits(4)
        if 0xD800 <= cp <= 0xDBFF and self.eat("\\u"):
            low = self.hex_digits(4)
            if 0xDC00 <= low <= 0xDFFF:
                return 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00)
            self.pos -= 6
        return cp

    def octal_escape(self) -> int:
        digits = ""  # \0n, \0nn, \0mnn with m <= 3
        while len(digits) < 3 - (digits[:1] > "3") and self.peek() and self.peek() in "01234567":
            digits += self.take()
        if not digits:
            raise self.error("bad octal escape")
        return int(digits, 8)

    def group(self) -> tuple[str, bool]:
        saved = self.flags
        opener, zero_width = self.group_opener()
        if opener is None:
            return "", True  # (?i): flags stay on to the end of the enclosing group
        body = self.alternation()
        if not self.eat(")"):
            raise self.error("unclosed group")
        self.flags = saved
        return f"{opener}{body})", zero_width

    def group_opener(self) -> tuple[str | None, bool]:
        if not self.eat("?"):
            self.groups += 1
            return f"(\0g{self.groups}\0", False
        for java, python in LOOKAROUNDS.items():
            if self.eat(java):
                return python, True
        if self.eat(":"):
            return "(?:", False
        if self.eat("<"):
            self.groups += 1
            end = self.src.find(">", self.pos)
            name = self.src[self.pos : end]
            if end < 0 or not GROUP_NAME.fullmatch(name):
                raise self.error("bad group name")
            self.pos = end + 1
            return f"(?P<{name}>\0g{self.groups}\0", False
        return self.inline_flags()

    def inline_flags(self) -> tuple[str | None, bool]:
        start = self.pos
        while self.peek() and self.peek() not in ":)":
            self.pos += 1
        on, _, off = self.src[start : self.pos].partition("-")
        if set(on + off) - set(FLAGS):
            raise self.error(f"unsupported inline flags {self.src[start : self.pos]!r}")
        self.flags = (self.flags | set(on)) - set(off)
        if self.eat(")"):
            return None, True
        if not self.eat(":"):
            raise self.error("unclosed group")
        return "(?:", False

    def char_class(self) -> tuple[str, bool]:
        """A class in its source order, unless its computed set is much shorter."""
        computed, written = _render(self.class_body()), self.written
        keep = written is not None and len(written) <= 2 * len(computed) + 16
        return (written if keep and written else computed), False

    def class_body(self) -> Ranges:
        """After '[': a union of items and nested classes, '&&' intersections, up to ']'."""
        negated, plain = self.eat("^"), True
        items = [self.class_item()] if self.peek() == "]" else []  # "[]...]": ']' is literal
        result = union(*items)
        while not self.eat("]"):
            if self.eat("&&"):
                right: Ranges = ()
                while self.peek() != "]" and self.peek(2) != "&&":
                    right = union(right, self.class_item())
                result, plain = intersect(result, right), False
            else:
                plain = plain and self.peek() != "["
                items.append(self.class_item())
                result = union(result, items[-1])
        texts = [_items(item) for item in items]
        small = all(0 < len(text) <= SMALL_ITEM for text in texts)  # not \\p{L} and the like
        self.written = f"[{'^' * negated}{''.join(texts)}]" if plain and small else None
        return negate(result) if negated else result  # JDK 9+: '^' negates nested classes too

    def class_item(self) -> Ranges:
        if self.eat("["):
            return self.class_body()
        first = self.class_char()
        if isinstance(first, tuple):
            return first  # a '-' after a class such as \w is a literal, as in Java
        last = first
        if self.peek() == "-" and self.peek(2)[1:] not in "][":
            self.pos += 1
            end = self.class_char()
            if isinstance(end, tuple) or end < first:
                raise self.error("bad character range")
            last = end
        return _fold(((first, last),)) if "i" in self.flags else ((first, last),)

    def class_char(self) -> Ranges | int:
        char = self.take()
        return self.escape_in_class() if char == "\\" else ord(char)

    def quantified(self, text: str, *, zero_width: bool, single: bool) -> tuple[str, str]:
        """Apply quantifiers. Java rejects ``X{11}{0,1011}``; like PCRE, nest it."""
        cut, repeated = text, False
        while self.peek() and self.peek() in "*+?{":
            low, high, suffix = self.quantifier()
            if zero_width:  # an assertion repeated is itself, or nothing if optional
                text = cut = text if low else ""
                continue
            base = f"(?:{text})" if repeated else text
            possessive = len(suffix) > 1 and suffix.endswith("+")
            greedy = suffix[:-1] if possessive else suffix
            # one character a fixed number of times leaves nothing to give back: plain greedy
            plain = not possessive or (single and not repeated and low == high)
            text, repeated = base + greedy if plain else self.atomic(base + greedy), True
            long = high is not None and high > UNROLL_LIMIT and not possessive
            minimum = base * low if low < 2 else f"{base}{{{low}}}"  # for an edge item
            cut = minimum if long else text
        return text, cut

    def atomic(self, body: str) -> str:
        """``(?>body)`` for Python 3.10 and fancy-regex: a lookahead captures what ``body``
        matches first, and a backreference consumes just that, never less.

        Python's lookaheads are atomic; fancy-regex's only when it hands the body to Rust's
        regex crate, not when the body holds a lookaround or backreference (it would backtrack
        into the lookahead for another capture), so such a body is refused.
        """
        if any(FANCY.findall(body)):
            raise self.error("possessive quantifier over a lookaround or backreference")
        self.atomics += 1
        return f"(?=(\0a{self.atomics}\0{body}))(?:\0=a{self.atomics}\0)"

    def quantifier(self) -> tuple[int, int | None, str]:
        """(minimum, maximum or None, text) of one quantifier with its lazy/possessive suffix."""
        char = self.take()
        low, high, text = int(char == "+"), (1 if char == "?" else None), char
        if char == "{":
            end = self.src.find("}", self.pos)
            low_text, comma, high_text = self.src[self.pos : max(end, self.pos)].partition(",")
            if not low_text.isdigit() or (high_text and not high_text.isdigit()) or end < 0:
                raise self.error("illegal repetition")
            if high_text and int(high_text) < int(low_text):
                raise self.error("illegal repetition range")
            low, text, self.pos = int(low_text), self.src[self.pos - 1 : end + 1], end + 1
            high = int(high_text) if high_text else None if comma else low
        if self.peek() and self.peek() in "?+":
            text += self.take()
        return low, high, text


def _number_groups(text: str) -> str:
    """Number the capturing groups in the order they open; write the backreferences."""
    openings = [key for reference, key in MARK.findall(text) if not reference]
    numbers = {key: str(number) for number, key in enumerate(openings, start=1)}

    def write(mark: re.Match[str]) -> str:
        if not mark[1]:
            return ""
        number = numbers.get(mark[2])  # Java: a group that never matched matches nothing
        return f"\\{number}" if number else NOTHING

    return MARK.sub(write, text)


ATOMS: dict[str, Callable[[_Parser], tuple[str, bool]]] = {
    "(": _Parser.group,
    "[": _Parser.char_class,
    "\\": _Parser.escape,
    ".": _Parser.dot,
    "^": lambda _: ("^", True),
    "$": lambda parser: (parser.assertions["z"], True),
}
NUMERIC_ESCAPES: dict[str, Callable[[_Parser], int]] = {
    "x": _Parser.x_escape,
    "u": _Parser.u_escape,
    "0": _Parser.octal_escape,
}


@cache
def translate(pattern: str) -> str:
    """The botocore (Java) ``pattern`` rewritten for Python ``re`` and ``jsonschema_rs`` alike.

    Raises ``UntranslatablePattern`` for what the common dialect cannot say or Java rejects.
    """
    out = _Parser(pattern).parse()
    try:
        re.compile(out)
    except re.error as error:  # e.g. a lookbehind of variable width
        reason = f"Python's re rejects the translation ({error})"
        raise UntranslatablePattern(pattern, reason) from None
    return out


@cache
def translate_for_rust(pattern: str) -> str:
    """``translate``'s output with its assertions in Rust's regex syntax (``\\z``, ``(?-u:\\b)``).

    Everything else is written alike; what Rust cannot run (lookarounds, backreferences, the
    emulated possessive quantifiers) stays in the text, for the caller's Rust compile to refuse.
    Raises ``UntranslatablePattern`` as ``translate`` does.
    """
    translate(pattern)  # Java's rules and Python's, checked once
    return _Parser(pattern, RUST_ASSERTIONS).parse()
