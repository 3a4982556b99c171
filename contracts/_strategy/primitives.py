"""Leaf strategies and the wire encodings of their values, shared by every shape.

Each leaf draws its boto3-form value; ``WIRE`` turns that value into what the protocol puts
in a JSON body, so one draw renders both forms.
"""

from __future__ import annotations

import base64
import email.utils
import math
import re
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import TYPE_CHECKING, Any, TypeVar

from botocontract._json_form import non_finite_text
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.runtime.nodes import (
        BlobNode,
        FloatNode,
        IntegerNode,
        StringNode,
        TimestampNode,
    )

T = TypeVar("T")
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Services answer with milliseconds; the year 2100 keeps every format and platform happy.
LAST_MILLISECOND = int((datetime(2100, 1, 1, tzinfo=timezone.utc) - EPOCH).total_seconds() * 1000)
# Draws shrink towards this instant (2020-09-13), a date a reader takes for a real one.
SHRINK_TOWARDS = 1_600_000_000_000
# JSON cannot carry lone surrogates; everything else is fair game.
CHARACTERS = st.characters(codec="utf-8")
# What an XML 1.0 document can carry: an alphabet, not a filter. Hypothesis re-validates a
# filtered text strategy at every draw (it re-reads the predicate's source to look for length
# bounds), which made a third of the time behind shrinking one EC2 example.
XML_CHARACTERS = st.characters(
    codec="utf-8",
    exclude_characters="".join(chr(c) for c in range(0x20) if chr(c) not in "\t\n\r")
    + "\ufffe\uffff",
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(CHARACTERS),
)


def direct(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T]:
    """The strategy behind Hypothesis's lazy wrapper, which Hypothesis otherwise unwraps
    again at every draw: a Build is a few hundred draws, and unwrapping them once here makes
    it about 6% faster to draw (``benchmarks/bench_strategies.py``). Duck-typed, so a
    strategy without the wrapper is returned as it is."""
    while (inner := getattr(strategy, "wrapped_strategy", None)) is not None:
        strategy = inner
    return strategy


def millisecond_datetime(milliseconds: int) -> datetime:
    return EPOCH + timedelta(milliseconds=milliseconds)


def timestamps(*, whole_seconds: bool = False) -> st.SearchStrategy[datetime]:
    """Timezone-aware UTC datetimes with millisecond precision, as services return them
    (whole seconds where the wire format has no fraction: rfc822)."""
    step = 1000 if whole_seconds else 1
    offsets = st.integers(-SHRINK_TOWARDS // step, (LAST_MILLISECOND - SHRINK_TOWARDS) // step)
    return direct(offsets).map(lambda offset: millisecond_datetime(SHRINK_TOWARDS + offset * step))


def epoch_seconds(value: datetime) -> int | float:
    milliseconds = (value - EPOCH) // timedelta(milliseconds=1)
    seconds, rest = divmod(milliseconds, 1000)
    return seconds if rest == 0 else milliseconds / 1000


def iso8601(value: datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def rfc822(value: datetime) -> str:
    return email.utils.format_datetime(value, usegmt=True)


TIMESTAMP_WIRE: dict[str, Callable[[datetime], Any]] = {
    "unixTimestamp": epoch_seconds,
    "iso8601": iso8601,
    "rfc822": rfc822,
}


def base64_text(value: bytes) -> str:
    return base64.b64encode(value).decode("ascii")


def documents() -> st.SearchStrategy[Any]:
    """Any JSON value, small."""
    return st.recursive(
        SCALARS,
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3),
        max_leaves=6,
    )


@cache
def _pattern_text(pattern: str) -> st.SearchStrategy[str]:
    return st.from_regex(_sampled_classes(_without_lookarounds(pattern)), fullmatch=True)


def _without_lookarounds(pattern: str) -> str:
    """Drop look-around groups, which ``from_regex`` honours poorly or not at all (look-behind,
    what ``\\b`` becomes); they mostly restate a length or a boundary that the surrounding
    pattern already draws, and the caller checks every string against the real pattern."""
    kept: list[str] = []
    i = 0
    while i < len(pattern):
        if pattern.startswith(LOOKAROUND_OPENERS, i) and not _escaped(pattern, i):
            end = _group_end(pattern[i:])
            if end is not None:
                i += end
                continue
        if pattern[i] == "[" and not _escaped(pattern, i):
            end = _class_end(pattern, i)
            kept.append(pattern[i:end])
            i = end
            continue
        kept.append(pattern[i])
        i += 1
    return "".join(kept)


LOOKAROUND_OPENERS = ("(?=", "(?!", "(?<=", "(?<!")


def _escaped(pattern: str, i: int) -> bool:
    backslashes = len(pattern[:i]) - len(pattern[:i].rstrip("\\"))
    return backslashes % 2 == 1


def _group_end(pattern: str) -> int | None:
    depth, i = 0, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif char == "[":
            i = _class_end(pattern, i) - 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return i + 1
        i += 1
    return None


# Hypothesis takes seconds to minutes to set up a character class spanning many code points
# (it walks every one: \p{L} becomes hundreds of ranges, XML text is U+0020-U+D7FF...); such
# classes are narrowed to their members among these code points, so every string drawn
# still matches the real pattern.
_SAMPLE_RANGES = (
    (0x0, 0x24F),
    (0x370, 0x3FF),
    (0x400, 0x45F),
    (0x5D0, 0x5EA),
    (0x660, 0x669),
    (0x2000, 0x200A),
    (0x2028, 0x2029),
    (0x3000, 0x3000),
    (0x4E00, 0x4E0F),
    (0x1F600, 0x1F60F),
)
_SAMPLE = tuple(chr(c) for low, high in _SAMPLE_RANGES for c in range(low, high + 1))
LARGE_CLASS = 512  # code points


@cache
def _is_large(text: str) -> bool:
    parser: Any = getattr(re, "_parser", None) or __import__("sre_parse")
    try:
        items = parser.parse(text)[0][1]
    except (re.error, IndexError, TypeError):
        return False
    span = 0
    for op, value in items if isinstance(items, list) else ():
        if str(op) == "RANGE":
            span += value[1] - value[0] + 1
        elif str(op) == "LITERAL":
            span += 1
    return span > LARGE_CLASS


def _sampled_classes(pattern: str) -> str:
    parts = []
    for text, is_class in _split_classes(pattern):
        parts.append(_sampled_class(text) if is_class and _is_large(text) else text)
    return "".join(parts)


def _split_classes(pattern: str) -> list[tuple[str, bool]]:
    """The pattern cut into (text, is a [...] class) pieces."""
    pieces: list[tuple[str, bool]] = []
    start = i = 0
    while i < len(pattern):
        if pattern[i] == "\\":
            i += 2
        elif pattern[i] == "[":
            end = _class_end(pattern, i)
            pieces += [(pattern[start:i], False), (pattern[i:end], True)]
            start = i = end
        else:
            i += 1
    pieces.append((pattern[start:], False))
    return pieces


def _class_end(pattern: str, i: int) -> int:
    i += 1
    if pattern[i : i + 1] == "^":
        i += 1
    if pattern[i : i + 1] == "]":
        i += 1
    while pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


@cache
def _sampled_class(text: str) -> str:
    member = re.compile(text)
    chosen = [ord(c) for c in _SAMPLE if member.fullmatch(c)]
    return "[" + "".join(_ranges(chosen)) + "]" if chosen else text


def _ranges(codes: list[int]) -> list[str]:
    runs: list[list[int]] = []
    for code in codes:
        if runs and runs[-1][1] == code - 1:
            runs[-1][1] = code
        else:
            runs.append([code, code])
    return [f"\\U{low:08x}" + (f"-\\U{high:08x}" if high > low else "") for low, high in runs]


def _fitted(low: int, high: int | None) -> Callable[[str], str]:
    """Bring a full match within the length bounds, keeping it a match where the pattern
    repeats its last character class (most IDs): pad with the last character, or cut.
    A random full match of ``[a-z0-9]+`` is almost never 64 long; this one always is."""

    def fit(value: str) -> str:
        if len(value) < low:
            return value + (value[-1:] or "a") * (low - len(value))
        if high is not None and len(value) > high:
            return value[:high]
        return value

    return fit


def in_bounds(low: int, high: int | None) -> Callable[[str | bytes], bool]:
    return lambda value: low <= len(value) and (high is None or len(value) <= high)


def strings(node: StringNode, *, xml: bool = False) -> st.SearchStrategy[str]:
    """Enum values; else a full match of the pattern within the length bounds; else text
    (of the characters XML 1.0 carries, if ``xml``)."""
    if node.enum:
        fits = [value for value in node.enum if in_bounds(node.min_size, node.max_size)(value)]
        return st.sampled_from(fits) if fits else st.nothing()
    if node.pattern is not None:
        fit = _fitted(node.min_size, node.max_size)
        return direct(_pattern_text(node.pattern)).map(fit).filter(lambda v: matches(node, v))
    alphabet = XML_CHARACTERS if xml else CHARACTERS
    return st.text(alphabet, min_size=node.min_size, max_size=node.max_size)


def integers(node: IntegerNode) -> st.SearchStrategy[int]:
    return st.integers(node.low, node.high)


# One float in NON_FINITE_ONE_IN is NaN or an infinity, as services may send them: rare enough
# that payloads stay mostly finite, often enough that a run of tests meets them. The odds come
# first and shrink to 1, so a failing example shrinks towards a finite number.
NON_FINITE_ONE_IN = 16
_ODDS = direct(st.integers(1, NON_FINITE_ONE_IN))


def non_finite_within(min_value: float | None, max_value: float | None) -> list[float]:
    """NaN, which is within every bound, and each infinity on a side without one."""
    values = [math.nan]
    if max_value is None:
        values.append(math.inf)
    if min_value is None:
        values.append(-math.inf)
    return values


def floats(node: FloatNode) -> st.SearchStrategy[float]:
    finite = direct(
        st.floats(node.min_value, node.max_value, allow_nan=False, allow_infinity=False, width=64)
    )
    non_finite = st.sampled_from(non_finite_within(node.min_value, node.max_value))

    @st.composite
    def draw_float(draw: st.DrawFn) -> float:
        return draw(non_finite if draw(_ODDS) == NON_FINITE_ONE_IN else finite)

    return draw_float()


def float_wire(value: float) -> float | str:
    """A float as a JSON body carries it: NaN and the infinities as their text."""
    return value if math.isfinite(value) else non_finite_text(value)


def blobs(node: BlobNode) -> st.SearchStrategy[bytes]:
    return st.binary(min_size=node.min_size, max_size=node.max_size)


def timestamp_wire(node: TimestampNode) -> Callable[[datetime], Any]:
    return TIMESTAMP_WIRE[node.wire_format]


def fullmatch(node: StringNode, value: str) -> bool:
    regex = node.regex
    return regex is None or regex.fullmatch(value) is not None


def matches(node: StringNode, value: str) -> bool:
    """The model's own test: patterns are searched, not anchored (as JSON Schema does)."""
    regex = node.regex
    return regex is None or regex.search(value) is not None


def ungeneratable(node: StringNode) -> str | None:
    """Why no string of this node can be drawn, if none can: the model contradicts itself
    (apprunner's ServiceId: a 36-character UUID pattern with ``max: 32``)."""
    if node.pattern is None:
        return None
    if node.max_size is not None and regex_width(node.pattern)[0] > node.max_size:
        return "pattern longer than maximum length"
    return None


def regex_width(pattern: str) -> tuple[int, int]:
    """The shortest and longest lengths a pattern matches (``re``'s own parser)."""
    parser: Any = getattr(re, "_parser", None) or __import__("sre_parse")
    low, high = parser.parse(pattern).getwidth()
    return int(low), int(high)
