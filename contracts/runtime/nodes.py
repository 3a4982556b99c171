"""What a shape's strategy is made of: one small frozen node per construct.

``<generated>/<service>/strategies.py`` calls these constructors once per shape, so each
constraint is an argument a reviewer can read; services without a generated module get the
same calls from the IR at run time (``botocontract.codegen.emit.strategy_specs``). Nodes only
hold facts: ``botocontract._strategy.valid`` turns them into Hypothesis strategies,
``botocontract._strategy.mutations`` breaks them one rule at a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

# JVM sizes of botocore's integer types: the model states no bound, the service still has one.
INTEGER_BITS = {"integer": 32, "long": 64}
TimestampFormat = Literal["unixTimestamp", "iso8601", "rfc822"]


@dataclass(frozen=True)
class Member:
    """A structure member: its boto3 name, its wire key, and the shape it refers to."""

    name: str
    target: str
    required: bool = False
    wire: str | None = None  # locationName, when it differs from the name
    in_body: bool = True  # False for header/uri/querystring/statusCode members
    host_label: bool = False  # bound to the endpoint's host: botocore requires a non-empty value
    flattened: bool = False  # an XML flattened list or map: an empty one is no element at all
    timestamp_format: TimestampFormat | None = None  # the member's own, over its target's

    @property
    def wire_name(self) -> str:
        return self.wire or self.name


@dataclass(frozen=True)
class Node:
    """Base of every node; ``kind`` names the construct (and the JSON type it yields)."""

    kind = "node"

    def targets(self) -> tuple[str, ...]:
        return ()


@dataclass(frozen=True)
class StringNode(Node):
    kind = "string"
    min_size: int = 0
    max_size: int | None = None
    pattern: str | None = None  # Python ``re`` syntax, matched in full
    enum: tuple[str, ...] = ()

    @cached_property
    def regex(self) -> re.Pattern[str] | None:
        return None if self.pattern is None else re.compile(self.pattern)


@dataclass(frozen=True)
class IntegerNode(Node):
    kind = "integer"
    min_value: int | None = None
    max_value: int | None = None
    bits: int = 32

    @property
    def low_limit(self) -> int:
        return -(1 << (self.bits - 1))

    @property
    def high_limit(self) -> int:
        return (1 << (self.bits - 1)) - 1

    @property
    def low(self) -> int:
        return self.low_limit if self.min_value is None else self.min_value

    @property
    def high(self) -> int:
        return self.high_limit if self.max_value is None else self.max_value


@dataclass(frozen=True)
class FloatNode(Node):
    kind = "float"
    min_value: float | None = None
    max_value: float | None = None


@dataclass(frozen=True)
class BooleanNode(Node):
    kind = "boolean"


@dataclass(frozen=True)
class TimestampNode(Node):
    kind = "timestamp"
    wire_format: TimestampFormat = "unixTimestamp"


@dataclass(frozen=True)
class BlobNode(Node):
    kind = "blob"
    min_size: int = 0
    max_size: int | None = None


@dataclass(frozen=True)
class DocumentNode(Node):
    kind = "document"


@dataclass(frozen=True)
class ListNode(Node):
    kind = "list"
    item: str = ""
    min_size: int = 0
    max_size: int | None = None
    sparse: bool = False

    def targets(self) -> tuple[str, ...]:
        return (self.item,)


@dataclass(frozen=True)
class MapNode(Node):
    kind = "map"
    key: str = ""
    value: str = ""
    min_size: int = 0
    max_size: int | None = None
    sparse: bool = False

    def targets(self) -> tuple[str, ...]:
        return (self.key, self.value)


@dataclass(frozen=True)
class StructureNode(Node):
    kind = "structure"
    members: tuple[Member, ...] = ()
    union: bool = False
    payload: str | None = None  # rest protocols: this member's value is the whole wire body
    by_name: dict[str, Member] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update((m.name, m) for m in self.members)

    def targets(self) -> tuple[str, ...]:
        return tuple(m.target for m in self.members)


# --- the constructors generated modules call ------------------------------------------------


def string(
    *,
    min_size: int = 0,
    max_size: int | None = None,
    pattern: str | None = None,
    enum: tuple[str, ...] = (),
) -> StringNode:
    return StringNode(min_size=min_size, max_size=max_size, pattern=pattern, enum=enum)


def enum(*values: str) -> StringNode:
    return StringNode(enum=values)


def integer(
    *, min_value: int | None = None, max_value: int | None = None, bits: int = 32
) -> IntegerNode:
    return IntegerNode(min_value=min_value, max_value=max_value, bits=bits)


def number(*, min_value: float | None = None, max_value: float | None = None) -> FloatNode:
    return FloatNode(min_value=min_value, max_value=max_value)


def boolean() -> BooleanNode:
    return BooleanNode()


def timestamp(*, wire_format: TimestampFormat = "unixTimestamp") -> TimestampNode:
    return TimestampNode(wire_format=wire_format)


def blob(*, min_size: int = 0, max_size: int | None = None) -> BlobNode:
    return BlobNode(min_size=min_size, max_size=max_size)


def document() -> DocumentNode:
    return DocumentNode()


def list_of(
    item: str, *, min_size: int = 0, max_size: int | None = None, sparse: bool = False
) -> ListNode:
    return ListNode(item=item, min_size=min_size, max_size=max_size, sparse=sparse)


def map_of(
    key: str,
    value: str,
    *,
    min_size: int = 0,
    max_size: int | None = None,
    sparse: bool = False,
) -> MapNode:
    return MapNode(key=key, value=value, min_size=min_size, max_size=max_size, sparse=sparse)


def member(  # noqa: PLR0913 - one keyword per model trait
    name: str,
    target: str,
    *,
    required: bool = False,
    wire: str | None = None,
    body: bool = True,
    host_label: bool = False,
    flattened: bool = False,
    timestamp_format: TimestampFormat | None = None,
) -> Member:
    return Member(name, target, required, wire, body, host_label, flattened, timestamp_format)


def structure(*members: Member, payload: str | None = None) -> StructureNode:
    return StructureNode(members=members, payload=payload)


def union(*members: Member) -> StructureNode:
    """Exactly one member set."""
    return StructureNode(members=members, union=True)


CONSTRUCTORS = {
    "string": string,
    "enum": enum,
    "integer": integer,
    "number": number,
    "boolean": boolean,
    "timestamp": timestamp,
    "blob": blob,
    "document": document,
    "list_of": list_of,
    "map_of": map_of,
    "structure": structure,
    "union": union,
}
