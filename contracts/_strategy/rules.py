"""The rules an invalid payload can break, each: where it applies, and how to break it alone.

A mutation replaces the value at one site and returns the label. Wrong-type values are
chosen so that no lax validator coerces them back (pydantic reads "12" as an int and 1 as
True; botocore reads ``True`` as a timestamp), so the payload stays invalid everywhere.
"""

from __future__ import annotations

import math
from functools import cache
from typing import Any

from botocontract._strategy import bounds
from botocontract._strategy import primitives as prim
from botocontract._strategy.mutations import Context, Mutation, Rule, Site, violation
from botocontract.runtime.nodes import (
    Node,
    StringNode,
    StructureNode,
)
from hypothesis import strategies as st

WRONG_TYPES: dict[str, tuple[Any, ...]] = {
    "string": (12, [], {}),
    "integer": ("twelve", 1.5, [], {}),
    "float": ("twelve", [], {}),
    "boolean": ("twelve", 2, [], {}),
    "timestamp": ([], {}),
    "blob": (12, [], {}),
    "list": ("twelve", 12, {}),
    "map": ("twelve", 12, []),
    "structure": ("twelve", 12, []),
}
# Characters that most service patterns leave out, tried first when breaking a pattern.
HOSTILE = "!\n\x00 #%<>\\|~\u00e9\u2028"
JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}
JSON_TYPES.update({list: "array", dict: "object", type(None): "null"})


def json_type(value: Any) -> str:
    return JSON_TYPES.get(type(value), type(value).__name__)


def expected_type(context: Context, node: Node) -> str:
    return node.kind if context.form == "boto3" else _WIRE_TYPES.get(node.kind, node.kind)


_WIRE_TYPES = {"float": "number", "list": "array", "map": "object", "structure": "object"}


# --- type and null ------------------------------------------------------------------------------


def _type_applies(context: Context, site: Site) -> bool:
    return site.node.kind in WRONG_TYPES and not site.on_key  # JSON keys are always text


def _wrong_type(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    value = draw(st.sampled_from(WRONG_TYPES[site.node.kind]))
    return value, violation(site, "type", expected_type(context, site.node), json_type(value))


def _null_applies(context: Context, site: Site) -> bool:
    return not site.nullable and site.node.kind != "document" and not site.on_key


def _null(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    return None, violation(site, "null", expected_type(context, site.node), "null")


# --- structures ---------------------------------------------------------------------------------


def _present_required(context: Context, site: Site) -> list[str]:
    node = site.node
    if not isinstance(node, StructureNode) or node.union or not isinstance(site.value, dict):
        return []
    keys = [context.key(m.name, node) for m in node.members if m.required]
    return [k for k in keys if k is not None and k in site.value]


def _missing_required(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    key = draw(st.sampled_from(_present_required(context, site)))
    value = {k: v for k, v in site.value.items() if k != key}
    return value, violation(site, "required", "present", "absent", key)


def _unknown_applies(context: Context, site: Site) -> bool:
    node = site.node
    return isinstance(node, StructureNode) and not node.union and isinstance(site.value, dict)


def _unknown_member(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = site.node
    assert isinstance(node, StructureNode)
    known = {m.name for m in node.members} | {m.wire_name for m in node.members}
    key = draw(
        st.text("abcdefghijklmnopqrstuvwxyzX", min_size=1, max_size=12).filter(
            lambda k: k not in known
        )
    )
    value = {**site.value, key: draw(st.integers(0, 9))}
    return value, violation(site, "unknown_member", "no such member", key, key)


def _is_union(context: Context, site: Site) -> bool:
    return isinstance(site.node, StructureNode) and site.node.union and isinstance(site.value, dict)


def _union_empty(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    return {}, violation(site, "union_zero_members", "exactly one member", "0 members")


def _other_members(context: Context, site: Site) -> list[tuple[str, st.SearchStrategy[Any]]]:
    node = site.node
    assert isinstance(node, StructureNode)
    found = []
    for member in node.members:
        key = context.key(member.name, node)
        strategy = context.compiler.shape(member.target)
        if key is not None and key not in site.value and strategy is not None:
            found.append((key, strategy))
    return found


def _two_members_applies(context: Context, site: Site) -> bool:
    return _is_union(context, site) and bool(_other_members(context, site))


def _union_two(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    key, strategy = draw(st.sampled_from(_other_members(context, site)))
    value = {**site.value, key: draw(strategy)}
    return value, violation(site, "union_two_members", "exactly one member", "2 members")


# --- strings --------------------------------------------------------------------------------


def _string(site: Site) -> StringNode | None:
    node = site.node
    return node if isinstance(node, StringNode) and isinstance(site.value, str) else None


def _enum_applies(context: Context, site: Site) -> bool:
    node = _string(site)
    return node is not None and bool(node.enum)


def _enum(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _string(site)
    assert node is not None
    low, high = max(node.min_size, 1), node.max_size or node.min_size + 20
    value = draw(
        st.text(prim.CHARACTERS, min_size=low, max_size=high).filter(
            lambda v: v not in node.enum and prim.matches(node, v)
        )
    )
    return value, violation(site, "enum", list(node.enum), value)


def _short_applies(context: Context, site: Site) -> bool:
    node = _string(site)
    return node is not None and not node.enum and node.min_size > _width(node)[0]


def _long_applies(context: Context, site: Site) -> bool:
    node = _string(site)
    if node is None or node.enum or node.max_size is None:
        return False
    return _width(node)[1] > node.max_size


def _width(node: StringNode) -> tuple[int, float]:
    return (0, math.inf) if node.pattern is None else _pattern_width(node.pattern)


@cache
def _pattern_width(pattern: str) -> tuple[int, float]:
    """Bounds on the length of a string the pattern accepts; searched patterns accept any
    longer string that contains a match, so only fully anchored ones bound it above."""
    low, high = prim.regex_width(pattern)
    anchored = pattern.startswith("^") and pattern.endswith("$")
    return low, high if anchored and high < 2**31 - 2 else math.inf


def _too_short(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _string(site)
    assert node is not None
    shorter = prim.strings(_unbounded(node)).map(lambda v: v[: node.min_size - 1])
    value = draw(shorter.filter(lambda v: prim.matches(node, v)))
    expected = f"at least {node.min_size} characters"
    return value, violation(site, "too_short", expected, f"{len(value)} characters")


def _too_long(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _string(site)
    assert node is not None
    limit = node.max_size or 0
    seed = prim.strings(_unbounded(node)).filter(bool)
    value = draw(
        seed.map(lambda v: v * (limit // len(v) + 1)).filter(lambda v: prim.matches(node, v))
    )
    expected = f"at most {limit} characters"
    return value, violation(site, "too_long", expected, f"{len(value)} characters")


def _unbounded(node: StringNode) -> StringNode:
    return StringNode(pattern=node.pattern, enum=node.enum)


@cache
def _pattern_breakers(node: StringNode) -> tuple[str, ...]:
    """Short strings within the length bounds that the pattern rejects."""
    size = max(node.min_size, 1)
    if node.max_size is not None and size > node.max_size:
        return ()
    candidates = [c * size for c in HOSTILE] + ["a" * size, "0" * size, "A" * size]
    return tuple(c for c in candidates if not prim.matches(node, c))


def _pattern_applies(context: Context, site: Site) -> bool:
    node = _string(site)
    return (
        node is not None
        and node.pattern is not None
        and not node.enum
        and bool(_pattern_breakers(node))
    )


def _pattern(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _string(site)
    assert node is not None
    bounds = prim.in_bounds(node.min_size, node.max_size)
    spliced = st.tuples(st.integers(0, len(site.value)), st.sampled_from(HOSTILE)).map(
        lambda pair: site.value[: pair[0]] + pair[1] + site.value[pair[0] + 1 :]
    )
    broken = spliced.filter(lambda v: bounds(v) and not prim.matches(node, v))
    value = draw(st.one_of(st.sampled_from(_pattern_breakers(node)), broken))
    return value, violation(site, "pattern", _shown(node.pattern or ""), value)


def _shown(pattern: str, limit: int = 80) -> str:
    """Translated Unicode classes run to thousands of characters: label with the start."""
    return pattern if len(pattern) <= limit else pattern[:limit] + "..."


def _either(first: Rule, second: Rule) -> Rule:
    """One rule kind with two constructs (strings and blobs both get too short or too long)."""

    def applies(context: Context, site: Site) -> bool:
        return first.applies(context, site) or second.applies(context, site)

    def mutate(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
        chosen = first if first.applies(context, site) else second
        return chosen.mutate(draw, context, site)

    return Rule(applies, mutate)


# Rule kinds in the order shrinking prefers (earlier is simpler to read).
RULES: dict[str, Rule] = {
    "type": Rule(_type_applies, _wrong_type),
    "null": Rule(_null_applies, _null),
    "required": Rule(lambda c, s: bool(_present_required(c, s)), _missing_required),
    "unknown_member": Rule(_unknown_applies, _unknown_member),
    "union_zero_members": Rule(_is_union, _union_empty),
    "union_two_members": Rule(_two_members_applies, _union_two),
    "enum": Rule(_enum_applies, _enum),
    "too_short": _either(
        Rule(_short_applies, _too_short), Rule(bounds.blob_short_applies, bounds.blob_too_short)
    ),
    "too_long": _either(
        Rule(_long_applies, _too_long), Rule(bounds.blob_long_applies, bounds.blob_too_long)
    ),
    "pattern": Rule(_pattern_applies, _pattern),
    "out_of_range": Rule(bounds.range_applies, bounds.out_of_range),
    "too_few_items": Rule(bounds.few_applies, bounds.too_few),
    "too_many_items": Rule(bounds.many_applies, bounds.too_many),
}
