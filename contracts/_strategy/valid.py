"""Nodes -> Hypothesis strategies of valid payloads, with a depth budget for recursion.

Shapes that can contain themselves get one strategy per depth; past ``MAX_DEPTH`` a
reference to one is *exhausted*, and exhaustion propagates to the nearest optional place
(an optional member, an empty list, another union member), so every payload terminates.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from botocontract._strategy import primitives as prim
from botocontract._strategy.budget import current
from botocontract._strategy.forms import FORMS, Boto3Form, FormName, Strategy, split_structure
from botocontract.constants import XML_PROTOCOLS, is_xml_text
from botocontract.runtime.nodes import (
    BlobNode,
    FloatNode,
    IntegerNode,
    ListNode,
    MapNode,
    Member,
    Node,
    StringNode,
    StructureNode,
    TimestampNode,
)
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract._strategy.registry import Registry

MAX_DEPTH = 3
Built = Strategy | None  # None: exhausted (no payload fits in the remaining depth)


@dataclass
class Compiler:
    registry: Registry
    form_name: FormName
    _cache: dict[tuple[str, int], Built] = field(default_factory=dict)

    @property
    def form(self) -> Boto3Form:
        return FORMS[self.form_name]

    def shape(self, name: str, depth: int = 0) -> Built:
        """The strategy of ``name`` entered at ``depth`` (which only recursive shapes count)."""
        if self.registry.is_recursive(name):
            depth += 1
            if depth > MAX_DEPTH:
                return None
        else:
            depth = 0
        key = (name, depth)
        if key not in self._cache:
            self._cache[key] = None  # a cycle reached while building: treat as exhausted
            node = self.registry.node(name)
            built = BUILDERS[node.kind](self, node, depth)
            self._cache[key] = None if built is None else prim.direct(built)
        return self._cache[key]

    def member(self, member: Member, depth: int = 0) -> Built:
        """The strategy of a member's target, in the member's own ``timestampFormat`` if it
        has one (it wins over the target's on the wire, as in botocore's serializers)."""
        node = self.registry.node(member.target)
        if member.timestamp_format is None or not isinstance(node, TimestampNode):
            return self.shape(member.target, depth)
        return _timestamp(self, replace(node, wire_format=member.timestamp_format), depth)


def _string(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, StringNode)
    if prim.ungeneratable(node):
        return None  # a member of this shape can only be left out
    xml = compiler.registry.protocol in XML_PROTOCOLS  # XML 1.0 cannot carry every character
    strings = prim.strings(node, xml=xml)
    if xml and (node.enum or node.pattern is not None):
        strings = strings.filter(is_xml_text)  # plain text is drawn from XML's alphabet
    return compiler.form.leaf(strings, None)


def _integer(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, IntegerNode)
    return compiler.form.leaf(prim.integers(node), None)


def _float(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, FloatNode)
    return compiler.form.leaf(prim.floats(node), prim.float_wire)


def _boolean(compiler: Compiler, node: Node, depth: int) -> Built:
    return compiler.form.leaf(st.booleans(), None)


def _timestamp(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, TimestampNode)
    whole_seconds = node.wire_format == "rfc822"
    return compiler.form.leaf(
        prim.timestamps(whole_seconds=whole_seconds), prim.timestamp_wire(node)
    )


def _blob(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, BlobNode)
    return compiler.form.leaf(prim.blobs(node), prim.base64_text)


def _document(compiler: Compiler, node: Node, depth: int) -> Built:
    return compiler.form.leaf(prim.documents(), None)


def _list(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, ListNode)
    item = _maybe_null(compiler, compiler.shape(node.item, depth), node.sparse)
    if item is None:
        return compiler.form.leaf(st.just([]), None) if node.min_size == 0 else None
    return _finish(_items(item, node.min_size, node.max_size), compiler.form.finish_items())


# How many items a list holds beyond its minimum: 0-3 seven times in eight (two choices for
# each count, in order, so a smaller choice is never a longer list), else 4-24.
COUNT = prim.direct(st.integers(0, 7))
LONG_COUNT = 7
LONGER = prim.direct(st.integers(0, 20))


def _items(item: Strategy, min_size: int, max_size: int | None) -> Strategy:
    """A list: how many items first, within what the budget has left, then the items.

    The count comes first so that Hypothesis can shrink a list item by item: when lowering a
    count leaves fewer choices, its shrinker tries deleting each item span after it, so any
    item (not only the last) can go. Drawing "one more?" before each item instead lets the
    shrinker only end the list early, or delete items of at most five choices."""
    room = None if max_size is None else max_size - min_size

    @st.composite
    def draw_items(draw: st.DrawFn) -> list[Any]:
        budget = current()
        extra = 0
        if room != 0 and budget.left():
            count = draw(COUNT)
            extra = count // 2 if count < LONG_COUNT else 4 + draw(LONGER)
            limit = budget.remaining if room is None else min(budget.remaining, room)
            extra = extra if extra <= limit else int(limit)
        budget.spend(min_size + extra)  # before the items: what they hold comes out of the rest
        return [draw(item) for _ in range(min_size + extra)]

    return prim.direct(draw_items())


def _map(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, MapNode)
    keys = Compiler(compiler.registry, "boto3").shape(node.key)
    value = _maybe_null(compiler, compiler.shape(node.value, depth), node.sparse)
    if keys is None or value is None:
        return compiler.form.leaf(st.just({}), None) if node.min_size == 0 else None
    return _finish(_entries(keys, value, node), compiler.form.finish_map())


def _entries(keys: Strategy, value: Strategy, node: MapNode) -> Strategy:
    """A map of at least its minimum size and at most what the budget has left."""

    @st.composite
    def draw_entries(draw: st.DrawFn) -> dict[Any, Any]:
        budget = current()
        limit = node.max_size
        if budget.remaining != float("inf"):
            room = max(node.min_size, int(budget.remaining))
            limit = room if limit is None else min(limit, room)
        entries = draw(st.dictionaries(keys, value, min_size=node.min_size, max_size=limit))
        budget.spend(len(entries))
        return entries

    return prim.direct(draw_entries())


def _structure(compiler: Compiler, node: Node, depth: int) -> Built:
    assert isinstance(node, StructureNode)
    members = [(m, _carried(compiler.member(m, depth), m)) for m in node.members]
    if node.union:
        return _union(compiler, node, [(m, s) for m, s in members if s is not None])
    if any(s is None for m, s in members if m.required):
        return None
    always = _drawn_always(compiler, node)
    fields = [
        Field(key, s, m.required or m.name == always)
        for m, s in members
        if s is not None and (key := compiler.form.key(m)) is not None
    ]
    return _finish(_fields(tuple(fields)), _structure_finish(compiler, node))


@dataclass(frozen=True)
class Field:
    key: str
    strategy: Strategy
    required: bool


PRESENT = prim.direct(st.booleans())


def _fields(fields: tuple[Field, ...]) -> Strategy:
    """A dict of the fields in the model's order, each optional one present on a coin flip.

    ``st.fixed_dictionaries(..., optional=...)`` spends three choices on each present member
    (whether to go on, which member, where to shuffle it to); one flip per member halves the
    choices behind a Build, which is most of what drawing one costs, and shrinks as well:
    flipping a member to absent drops its draws with it."""

    @st.composite
    def draw_fields(draw: st.DrawFn) -> dict[str, Any]:
        budget = current()
        drawn = {}
        for each in fields:
            if each.required or (budget.left() and draw(PRESENT)):
                budget.spend()
                drawn[each.key] = draw(each.strategy)
        return drawn

    return prim.direct(draw_fields())


def _carried(strategy: Built, member: Member) -> Built:
    return _non_empty_if_flattened(_host_label(strategy, member), member)


def _non_empty_if_flattened(strategy: Built, member: Member) -> Built:
    """An empty XML flattened list is no element at all: botocore reads the member as absent."""
    if strategy is None or not member.flattened:
        return strategy
    return strategy.filter(_not_empty)


def _not_empty(value: Any) -> bool:
    return bool(value[0] if isinstance(value, tuple) else value)


def _host_label(strategy: Built, member: Member) -> Built:
    """botocore gives members bound to the host an implicit minimum length of 1."""
    if strategy is None or not member.host_label:
        return strategy
    return strategy.filter(lambda value: value not in ("", ("", "")))


def _drawn_always(compiler: Compiler, node: StructureNode) -> str | None:
    """A structure ``payload`` member is the whole wire body, so it is always drawn: an
    absent one would leave a body that its own schema (the target's) rejects."""
    if node.payload is None:
        return None
    target = compiler.registry.node(node.by_name[node.payload].target)
    return node.payload if target.kind == "structure" else None


def _union(
    compiler: Compiler, node: StructureNode, members: list[tuple[Member, Strategy]]
) -> Built:
    choices = [prim.direct(st.fixed_dictionaries(compiler.form.fields([pair]))) for pair in members]
    if not choices:
        return None
    return _finish(st.one_of(choices), _structure_finish(compiler, node))


def _structure_finish(compiler: Compiler, node: StructureNode) -> Callable[[Any], Any] | None:
    if compiler.form_name == "pair":
        return split_structure(node.by_name, node.payload)
    if node.payload is None:
        return None
    return compiler.form.finish_structure(node.by_name[node.payload].wire_name)


def _maybe_null(compiler: Compiler, strategy: Built, sparse: bool) -> Built:
    if strategy is None or not sparse:
        return strategy
    return prim.direct(st.one_of(strategy, st.just(compiler.form.null())))


def _finish(strategy: Strategy, convert: Callable[[Any], Any] | None) -> Strategy:
    return strategy if convert is None else prim.direct(strategy).map(convert)


BUILDERS: dict[str, Callable[[Compiler, Node, int], Built]] = {
    "string": _string,
    "integer": _integer,
    "float": _float,
    "boolean": _boolean,
    "timestamp": _timestamp,
    "blob": _blob,
    "document": _document,
    "list": _list,
    "map": _map,
    "structure": _structure,
}
