"""Form-encoded query and ec2 request bodies, read into the member tree the wire schema judges.

``Filter.1.Value.2=a`` is a path of key parts; the parts are matched against the model as
botocore's ``QuerySerializer`` and ``EC2Serializer`` write them (``member``/``entry`` wrappers
and 1-based indexes for query, bare indexes and ``queryName``s for ec2). A key the model does
not know stays in the tree under its own name, so the schema calls it an unknown member.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl

from botocontract._wire.layout import entry_names, item_element, kind
from botocontract._wire.xml_read import BodyProblem, XmlReader, typed_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract._wire.layout import Definitions, Schema, Slot

Path = tuple["str | int", ...]
# What every query request carries beside the input's members.
ENVELOPE = ("Action", "Version")
MAP_ENTRY = "entry"


@dataclass
class Node:
    """A key part: the value given for it (if any) and the parts under it."""

    value: str | None = None
    children: dict[str, Node] = field(default_factory=dict)


def parse_form(data: bytes | str) -> dict[str, str]:
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    try:
        pairs = parse_qsl(text, keep_blank_values=True, strict_parsing=bool(text.strip()))
    except (ValueError, UnicodeDecodeError):
        raise BodyProblem("not a form-encoded body (key=value&...)") from None
    return dict(pairs)


def form_tree(fields: dict[str, str]) -> Node:
    root = Node()
    for key, value in fields.items():
        node = root
        for part in key.split("."):
            node = node.children.setdefault(part, Node())
        node.value = value
    return root


@dataclass
class FormReader:
    """Reads form key parts against one service's wire definitions."""

    definitions: Definitions
    xml: XmlReader = field(init=False)

    def __post_init__(self) -> None:
        self.xml = XmlReader(self.definitions)

    @property
    def ec2(self) -> bool:
        return self.definitions.protocol == "ec2"

    def read(self, node: Node, schema: Schema, path: Path = ()) -> Any:
        _, definition = self.definitions.resolve(schema)
        return _READERS.get(kind(definition), _scalar)(self, node, definition, path)

    def slot_name(self, slot: Slot) -> str:
        return slot.query_name if self.ec2 else slot.element


def _structure(reader: FormReader, node: Node, definition: Schema, path: Path) -> Any:
    if not node.children and node.value:
        return node.value
    elements, _ = reader.definitions.slots(definition)
    by_name = {reader.slot_name(slot): slot for slot in elements.values()}
    tree: dict[str, Any] = {}
    for name, child in node.children.items():
        slot = by_name.get(name)
        if slot is None:
            tree[name] = _untyped(child)
        else:
            tree[slot.key] = _member(reader, slot, child, (*path, slot.key))
    return tree


def _member(reader: FormReader, slot: Slot, node: Node, path: Path) -> Any:
    if slot.flattened and not reader.ec2:
        return _indexed(reader, node, slot.schema, path)
    return reader.read(node, slot.schema, path)


def _list(reader: FormReader, node: Node, definition: Schema, path: Path) -> Any:
    if reader.ec2:
        return _numbered(reader, node, definition.get("items", {}), path)
    wrapper = node.children.get(item_element(definition))
    if wrapper is None:
        return [] if node.value == "" and not node.children else _untyped(node)
    return _numbered(reader, wrapper, definition.get("items", {}), path)


def _indexed(reader: FormReader, node: Node, schema: Schema, path: Path) -> Any:
    """A flattened list or map: its items (entries) numbered right under the member's key."""
    _, definition = reader.definitions.resolve(schema)
    if kind(definition) == "map":
        return _entries(reader, node, definition, path)
    return _numbered(reader, node, definition.get("items", {}), path)


def _numbered(reader: FormReader, node: Node, items: Schema, path: Path) -> Any:
    """Items by their 1-based numbers. botocore writes nothing for an empty structure, so a
    number missing between structures is an empty one; between other items it is an error."""
    if not node.children:
        return [] if node.value in ("", None) else node.value
    if not all(part.isdigit() and part != "0" for part in node.children):
        return _untyped(node)
    numbers = {int(part): child for part, child in node.children.items()}
    structures = kind(reader.definitions.resolve(items)[1]) == "structure"
    values: list[Any] = []
    for number in range(1, max(numbers) + 1):
        if number in numbers:
            values.append(reader.read(numbers[number], items, (*path, len(values))))
        elif structures:
            values.append({})
    if not structures and len(values) != max(numbers):
        listed = ", ".join(str(number) for number in sorted(numbers))
        reader.xml.issue(
            path,
            "items",
            "items numbered 1, 2, 3, ...",
            listed,
            f"list items numbered {listed}, not 1 to {len(values)}",
        )
    return values


def _map(reader: FormReader, node: Node, definition: Schema, path: Path) -> Any:
    entries = node.children.get(MAP_ENTRY)
    if entries is None:
        return _untyped(node) if node.children or node.value else {}
    return _entries(reader, entries, definition, path)


def _entries(reader: FormReader, node: Node, definition: Schema, path: Path) -> Any:
    key_name, value_name = entry_names(definition)
    value_schema = definition.get("additionalProperties", {})
    found: dict[str, Any] = {}
    for number in sorted(
        node.children, key=lambda n: (not n.isdigit(), int(n) if n.isdigit() else 0)
    ):
        entry = node.children[number]
        key = entry.children.get(key_name)
        if key is None or key.value is None:
            reader.xml.issue(
                path,
                "required",
                f"a {key_name} in every map entry",
                "absent",
                f"map entry {number} has no {key_name}",
            )
            continue
        value = entry.children.get(value_name, Node(""))
        found[key.value] = reader.read(value, value_schema, (*path, key.value))
    return found


def _scalar(reader: FormReader, node: Node, definition: Schema, path: Path) -> Any:
    if node.children:
        return _untyped(node)
    return typed_text(node.value or "", kind(definition))


def _untyped(node: Node) -> Any:
    if not node.children:
        return node.value or ""
    return {name: _untyped(child) for name, child in node.children.items()}


_READERS: dict[str, Callable[[FormReader, Node, Schema, Path], Any]] = {
    "structure": _structure,
    "list": _list,
    "map": _map,
}
