"""Invalid payloads: a valid payload, then exactly one rule broken at one place.

The valid payload is drawn first and the mutation after it, with its own draws (which rule,
where, what value), and the label is computed from what was actually done. Shrinking can
simplify either part but cannot leave a payload whose label is false: every run of the
composite re-derives the label from its own mutation.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from botocontract.runtime.nodes import ListNode, MapNode, Node, StructureNode
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from botocontract._strategy.forms import FormName
    from botocontract._strategy.registry import Registry
    from botocontract._strategy.valid import Compiler

Path = tuple[str | int, ...]


@dataclass(frozen=True)
class Violation:
    """The one rule an invalid payload breaks, and where (a JSON pointer into the payload).

    ``on_key``: the map key at the end of ``path`` breaks the rule (the key's own shape), not
    the value found there."""

    path: str
    rule: str
    expected: Any
    actual: Any
    on_key: bool = False


@dataclass(frozen=True)
class Invalid:
    payload: Any
    violation: Violation


@dataclass(frozen=True)
class Site:
    """A place in a drawn payload: its path, the shape there, the value found."""

    path: Path
    shape: str
    node: Node
    value: Any
    nullable: bool = False  # an item of a sparse list or map
    on_key: bool = False  # the value is a map key, and ``path`` ends with it


@dataclass(frozen=True)
class Context:
    registry: Registry
    form: FormName
    compiler: Compiler  # valid strategies of the same form, for values a mutation adds

    def key(self, member_name: str, node: StructureNode) -> str | None:
        """The payload key of a member in this form (None: not in a wire body)."""
        member = node.by_name[member_name]
        if self.form == "boto3":
            return member.name
        return member.wire_name if member.in_body else None


def pointer(path: Path) -> str:
    """RFC 6901 JSON pointer."""
    return "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)


def renamed(payload: Any, path: Path, key: str) -> Any:
    """``payload`` with the map key at the end of ``path`` renamed, its value and order kept."""
    *parent, old = path
    entries = _at(payload, tuple(parent))
    return replaced(payload, tuple(parent), {key if k == old else k: v for k, v in entries.items()})


def _at(payload: Any, path: Path) -> Any:
    for part in path:
        payload = payload[part]
    return payload


def replaced(payload: Any, path: Path, value: Any) -> Any:
    """``payload`` with the value at ``path`` replaced, copying only the containers on the way."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    copy: Any = list(payload) if isinstance(payload, list) else dict(payload)
    copy[head] = replaced(payload[head], rest, value)
    return copy


Mutation = tuple[Any, Violation]


@dataclass(frozen=True)
class Rule:
    """Where a rule can be broken alone, and how: a replacement value and its label."""

    applies: Callable[[Context, Site], bool]
    mutate: Callable[[st.DrawFn, Context, Site], Mutation]


def violation(site: Site, rule: str, expected: Any, actual: Any, *extra: str | int) -> Violation:
    return Violation(pointer((*site.path, *extra)), rule, expected, actual, on_key=site.on_key)


# --- walking a payload beside its shapes --------------------------------------------------------


def sites(context: Context, shape: str, value: Any, path: Path = ()) -> Iterator[Site]:
    node = context.registry.node(shape)
    if context.form == "wire" and isinstance(node, StructureNode) and node.payload:
        yield from sites(context, node.by_name[node.payload].target, value, path)
        return
    yield Site(path, shape, node, value)
    yield from _children(context, node, value, path)


def _children(context: Context, node: Node, value: Any, path: Path) -> Iterator[Site]:
    if isinstance(node, StructureNode) and isinstance(value, dict):
        for member in node.members:
            key = context.key(member.name, node)
            if key is not None and key in value:
                yield from sites(context, member.target, value[key], (*path, key))
    elif isinstance(node, ListNode) and isinstance(value, list):
        for index, item in enumerate(value):
            yield from _item(context, node.item, item, (*path, index), node.sparse)
    elif isinstance(node, MapNode) and isinstance(value, dict):
        key_node = context.registry.node(node.key)
        for key, item in value.items():
            yield Site((*path, key), node.key, key_node, key, on_key=True)
            yield from _item(context, node.value, item, (*path, key), node.sparse)


def _item(context: Context, shape: str, value: Any, path: Path, sparse: bool) -> Iterator[Site]:
    if value is None and sparse:
        return
    for site in sites(context, shape, value, path):
        nullable = sparse and site.path == path
        yield Site(site.path, site.shape, site.node, site.value, nullable) if nullable else site


def _spread(draw: st.DrawFn, choices: list[Any]) -> Any:
    """One of ``choices``, near-uniformly: ``sampled_from`` favours the first few so much that
    rare rule kinds would hardly ever be drawn. Shrinks towards the first choice."""
    return choices[draw(st.integers(0, SPREAD - 1)) % len(choices)]


SPREAD = 1 << 16


# --- the composite --------------------------------------------------------------------------


def _breakable(context: Context, shape: str) -> bool:
    """False for documents (any JSON is one) and raw wire bodies (a blob or text payload)."""
    node = context.registry.node(shape)
    if node.kind == "document":
        return False
    if context.form == "wire" and isinstance(node, StructureNode) and node.payload:
        body = context.registry.node(node.by_name[node.payload].target)
        return body.kind == "structure"
    return True


def invalid(context: Context, shape: str) -> st.SearchStrategy[Invalid]:
    from botocontract._strategy.rules import RULES  # noqa: PLC0415 - the rules import this module

    valid = context.compiler.shape(shape)
    if valid is None or not _breakable(context, shape):
        return st.nothing()

    @st.composite
    def draw_invalid(draw: st.DrawFn) -> Invalid:
        payload = draw(valid)
        options = [
            (rule, site)
            for site in sites(context, shape, payload)
            for rule, applies in RULES.items()
            if applies.applies(context, site)
        ]
        rule = _spread(draw, sorted({r for r, _ in options}, key=list(RULES).index))
        site = _spread(draw, [s for r, s in options if r == rule])
        value, violation = RULES[rule].mutate(draw, context, site)
        if site.on_key:  # the label names the key as the payload now has it
            path = pointer((*site.path[:-1], value))
            return Invalid(renamed(payload, site.path, value), replace(violation, path=path))
        return Invalid(replaced(payload, site.path, value), violation)

    return draw_invalid()
