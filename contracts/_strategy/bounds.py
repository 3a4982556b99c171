"""Rules about sizes and ranges: numbers out of range, too few or too many items, blob sizes.

Blob sizes count decoded bytes, but a JSON Schema sees base64 text, whose length moves in
steps of 4 per 3 bytes; the sizes drawn here cross a whole step so both views agree.
"""

from __future__ import annotations

import math
from typing import Any

from botocontract._strategy import primitives as prim
from botocontract._strategy.mutations import Context, Mutation, Site, violation
from botocontract.runtime.nodes import (
    BlobNode,
    FloatNode,
    IntegerNode,
    ListNode,
    MapNode,
    StringNode,
)
from hypothesis import strategies as st

# How far past a bound a number goes: far enough to be plainly out, near enough to be real.
REACH = 1000
MAX_NEW_KEYS = 1000

# --- numbers ------------------------------------------------------------------------------------


def _number_sides(site: Site) -> list[str]:
    node = site.node
    sides = []
    if isinstance(node, IntegerNode):
        if node.min_value is not None and node.min_value > node.low_limit:
            sides.append("below")
        if node.max_value is not None and node.max_value < node.high_limit:
            sides.append("above")
    elif isinstance(node, FloatNode):
        sides = [
            s for s, b in (("below", node.min_value), ("above", node.max_value)) if b is not None
        ]
    return sides


def range_applies(context: Context, site: Site) -> bool:
    return bool(_number_sides(site))


def out_of_range(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    side = draw(st.sampled_from(_number_sides(site)))
    node = site.node
    bound = getattr(node, "min_value" if side == "below" else "max_value")
    value = draw(_beyond(node, bound, side))
    if context.form != "boto3" and isinstance(value, float):
        value = prim.float_wire(value)  # an infinity as a JSON body carries it: its text
    expected = f">= {bound}" if side == "below" else f"<= {bound}"
    return value, violation(site, "out_of_range", expected, value)


def _beyond(node: Any, bound: float, side: str) -> st.SearchStrategy[Any]:
    if isinstance(node, IntegerNode):
        if side == "below":
            return st.integers(max(node.low_limit, int(bound) - REACH), int(bound) - 1)
        return st.integers(int(bound) + 1, min(node.high_limit, int(bound) + REACH))
    # The infinity on that side is beyond the bound too (NaN is within every bound).
    if side == "below":
        return st.floats(bound - REACH, bound, exclude_max=True) | st.just(-math.inf)
    return st.floats(bound, bound + REACH, exclude_min=True) | st.just(math.inf)


# --- lists and maps -----------------------------------------------------------------------------


def _sized(site: Site) -> ListNode | MapNode | None:
    node = site.node
    if isinstance(node, ListNode) and isinstance(site.value, list):
        return node
    if isinstance(node, MapNode) and isinstance(site.value, dict):
        return node
    return None


def few_applies(context: Context, site: Site) -> bool:
    node = _sized(site)
    return node is not None and node.min_size > 0


def too_few(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _sized(site)
    assert node is not None
    keep = node.min_size - 1
    value: Any = (
        site.value[:keep] if isinstance(site.value, list) else dict(list(site.value.items())[:keep])
    )
    expected = f"at least {node.min_size} items"
    return value, violation(site, "too_few_items", expected, f"{keep} items")


def many_applies(context: Context, site: Site) -> bool:
    node = _sized(site)
    if node is None or node.max_size is None:
        return False
    if isinstance(node, ListNode):
        return bool(site.value) or context.compiler.shape(node.item) is not None
    return _enough_keys(context, node)


def _enough_keys(context: Context, node: MapNode) -> bool:
    if (node.max_size or 0) > MAX_NEW_KEYS:
        return False  # each new key is a draw of its own: too many to draw
    key = context.registry.node(node.key)
    if isinstance(key, StringNode) and key.enum:
        return len(key.enum) > (node.max_size or 0)
    return context.compiler.shape(node.key) is not None


def too_many(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _sized(site)
    assert node is not None
    assert node.max_size is not None
    need = node.max_size + 1 - len(site.value)
    value = (_more_items if isinstance(node, ListNode) else _more_entries)(
        draw, context, site, need
    )
    expected = f"at most {node.max_size} items"
    return value, violation(site, "too_many_items", expected, f"{len(value)} items")


def _more_items(draw: st.DrawFn, context: Context, site: Site, need: int) -> list[Any]:
    node = site.node
    assert isinstance(node, ListNode)
    pool = site.value
    if not pool:
        item = context.compiler.shape(node.item)
        assert item is not None
        pool = [draw(item)]
    return list(site.value) + [pool[i % len(pool)] for i in range(need)]


def _more_entries(draw: st.DrawFn, context: Context, site: Site, need: int) -> dict[str, Any]:
    node = site.node
    assert isinstance(node, MapNode)
    keys = context.compiler.shape(node.key)
    assert keys is not None
    fresh = keys.filter(lambda k: k not in site.value)
    new_keys = draw(st.lists(fresh, min_size=need, max_size=need, unique=True))
    values = list(site.value.values())
    if not values:
        value = context.compiler.shape(node.value)
        values = [None] if value is None else [draw(value)]
    added = {k: values[i % len(values)] for i, k in enumerate(new_keys)}
    return {**site.value, **added}


# --- blobs ----------------------------------------------------------------------------------------


def _blob(site: Site) -> BlobNode | None:
    return site.node if isinstance(site.node, BlobNode) else None


def blob_short_applies(context: Context, site: Site) -> bool:
    node = _blob(site)
    return node is not None and node.min_size > 0


def blob_long_applies(context: Context, site: Site) -> bool:
    node = _blob(site)
    return node is not None and node.max_size is not None


def blob_too_short(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _blob(site)
    assert node is not None
    size = 3 * (math.ceil(node.min_size / 3) - 1)
    value = draw(st.binary(max_size=size))
    expected = f"at least {node.min_size} bytes"
    return _encoded(context, value), violation(site, "too_short", expected, f"{len(value)} bytes")


def blob_too_long(draw: st.DrawFn, context: Context, site: Site) -> Mutation:
    node = _blob(site)
    assert node is not None
    assert node.max_size is not None
    size = 3 * math.ceil(node.max_size / 3) + 1
    # Repeat a short draw: Hypothesis cannot draw megabytes byte by byte.
    seed = draw(st.binary(min_size=1, max_size=8))
    value = (seed * (size // len(seed) + 1))[: size + len(seed) - 1]
    expected = f"at most {node.max_size} bytes"
    return _encoded(context, value), violation(site, "too_long", expected, f"{len(value)} bytes")


def _encoded(context: Context, value: bytes) -> Any:
    return value if context.form == "boto3" else prim.base64_text(value)
