"""XML bodies: parsed safely, then read member by member into the tree the wire schema judges.

Parsing refuses any DTD (so no entity is ever expanded and nothing external is fetched) and
nesting past ``MAX_DEPTH``. Reading follows the wire schema's definitions and ``x-xml``
layout the way botocore's XML parsers do, but keeps what they drop: an element the model does
not know goes into the tree under its own name (the schema calls it an unknown member, drift),
text that is no integer stays text (the schema calls it the wrong type).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botocontract._explain import member_path, pointer
from botocontract._verdict import Issue
from botocontract._wire.layout import entry_names, is_flattened, item_element, kind

if TYPE_CHECKING:
    from collections.abc import Callable
    from xml.etree.ElementTree import Element

    from botocontract._wire.layout import Definitions, Schema, Slot

Path = tuple["str | int", ...]
MAX_DEPTH = 100
_NAMESPACE = re.compile(r"^\{[^}]*\}")
_INTEGER = re.compile(r"-?\d+")
_NUMBER = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?")
_BOOLEANS = {"true": True, "false": False}


class BodyProblem(Exception):  # noqa: N818 - a finding about one body, not a failure of ours
    """A body that cannot be read as the protocol's: one line saying why."""


def parse_xml(data: bytes | str) -> Element:
    """The document's root element; ``BodyProblem`` for anything that is not plain XML."""
    from xml.etree.ElementTree import ParseError  # noqa: PLC0415

    import defusedxml  # noqa: PLC0415
    from defusedxml.ElementTree import fromstring  # noqa: PLC0415

    try:
        root: Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except (defusedxml.DTDForbidden, defusedxml.EntitiesForbidden):
        raise BodyProblem(
            "XML with a DTD or entity declarations refused (never expanded)"
        ) from None
    except defusedxml.ExternalReferenceForbidden:
        raise BodyProblem("XML referring to an external resource refused (never fetched)") from None
    except ParseError as error:
        line, column = error.position
        raise BodyProblem(f"not well-formed XML (line {line}, column {column + 1})") from None
    _check_depth(root)
    return root


def _check_depth(root: Element) -> None:
    stack = [(root, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BodyProblem(f"XML nested more than {MAX_DEPTH} elements deep")
        stack.extend((child, depth + 1) for child in node)


def local_name(tag: str) -> str:
    """A tag without its ``{namespace}``, as botocore's parsers compare them."""
    return _NAMESPACE.sub("", tag)


def text_of(node: Element) -> str:
    return node.text or ""


# --- reading against the schema -------------------------------------------------------------


@dataclass
class XmlReader:
    """Reads elements against one service's wire definitions; collects what the schema cannot
    say (element names the model does not use for list items, map entries without a key)."""

    definitions: Definitions
    issues: list[Issue] = field(default_factory=list)

    def read(self, node: Element, schema: Schema, path: Path = ()) -> Any:
        shape, definition = self.definitions.resolve(schema)
        return _READERS[kind(definition)](self, node, definition, path, shape)

    def shape(self, node: Element, shape: str) -> Any:
        return self.read(node, {"$ref": f"#/$defs/{shape}"})

    def issue(self, path: Path, rule: str, expected: str, actual: str, message: str) -> None:
        where = member_path(path)
        self.issues.append(
            Issue(pointer(path), where, rule, expected, actual, f"{where or 'payload'}: {message}")
        )


def _structure(
    reader: XmlReader, node: Element, definition: Schema, path: Path, shape: str | None
) -> Any:
    if "x-xml-text" in definition and len(node) == 0:  # s3 GetBucketLocation's one element
        return {definition["x-xml-text"]: text_of(node)} if text_of(node) else {}
    if len(node) == 0 and text_of(node).strip():
        return text_of(node)  # text where members belong: the schema says it is no object
    elements, attributes = reader.definitions.slots(definition)
    tree: dict[str, Any] = {}
    for name, value in node.attrib.items():
        slot = _attribute_slot(attributes, name)
        if slot is not None:
            tree[slot.key] = _scalar(reader, value, slot.schema)
    for tag, children in _grouped(node).items():
        slot = elements.get(tag)
        if slot is None:
            tree[tag] = _untyped_group(children)  # unknown to the model: judged as such
        else:
            tree[slot.key] = _member(reader, slot, children, (*path, slot.key))
    return tree


def _attribute_slot(attributes: dict[str, Slot], name: str) -> Slot | None:
    """``{http://www.w3.org/2001/XMLSchema-instance}type`` is the model's ``xsi:type``."""
    local = local_name(name)
    for element, slot in attributes.items():
        if element.rsplit(":", 1)[-1] == local:
            return slot
    return None


def _grouped(node: Element) -> dict[str, list[Element]]:
    groups: dict[str, list[Element]] = {}
    for child in node:
        groups.setdefault(local_name(child.tag), []).append(child)
    return groups


def _member(reader: XmlReader, slot: Slot, children: list[Element], path: Path) -> Any:
    if slot.flattened:
        return _flattened(reader, slot.schema, children, path)
    if len(children) > 1:  # a member the model has once, repeated: an array the schema refuses
        return [reader.read(child, slot.schema, (*path, i)) for i, child in enumerate(children)]
    return reader.read(children[0], slot.schema, path)


def _flattened(reader: XmlReader, schema: Schema, children: list[Element], path: Path) -> Any:
    _, definition = reader.definitions.resolve(schema)
    if kind(definition) == "map":
        return _entries(reader, children, definition, path)
    items = definition.get("items", {})
    return [reader.read(child, items, (*path, i)) for i, child in enumerate(children)]


def _list(
    reader: XmlReader, node: Element, definition: Schema, path: Path, shape: str | None
) -> Any:
    if len(node) == 0 and text_of(node).strip():
        return text_of(node)
    if is_flattened(definition):  # read as a document's root: the node is its only item
        return [reader.read(node, definition.get("items", {}), (*path, 0))]
    expected = item_element(definition)
    items = []
    for index, child in enumerate(node):
        tag = local_name(child.tag)
        if tag != expected:
            reader.issue(
                (*path, index),
                "additionalProperties",
                f"an element <{expected}>",
                f"<{tag}>",
                f"element <{tag}> in a list whose items the model names <{expected}>",
            )
        items.append(reader.read(child, definition.get("items", {}), (*path, index)))
    return items


def _map(
    reader: XmlReader, node: Element, definition: Schema, path: Path, shape: str | None
) -> Any:
    if len(node) == 0 and text_of(node).strip():
        return text_of(node)
    if is_flattened(definition):
        return _entries(reader, [node], definition, path)
    return _entries(reader, list(node), definition, path)


def _entries(reader: XmlReader, entries: list[Element], definition: Schema, path: Path) -> Any:
    key_name, value_name = entry_names(definition)
    value_schema = definition.get("additionalProperties", {})
    found: dict[str, Any] = {}
    for index, entry in enumerate(entries):
        parts = {local_name(child.tag): child for child in entry}
        if key_name not in parts:
            reader.issue(
                path,
                "required",
                f"a <{key_name}> in every map entry",
                "absent",
                f"map entry {index + 1} has no <{key_name}> element",
            )
            continue
        key = text_of(parts[key_name])
        value = parts.get(value_name)
        found[key] = "" if value is None else reader.read(value, value_schema, (*path, key))
    return found


def _scalar_element(
    reader: XmlReader, node: Element, definition: Schema, path: Path, shape: str | None
) -> Any:
    if len(node):  # elements where text belongs: the schema says it is the wrong type
        return _untyped(node)
    return typed_text(text_of(node), kind(definition))


def _scalar(reader: XmlReader, text: str, schema: Schema) -> Any:
    return typed_text(text, kind(reader.definitions.resolve(schema)[1]))


def typed_text(text: str, expected: str) -> Any:
    """Text as the member's type reads it; text that is no such value stays text."""
    if expected == "integer" and _INTEGER.fullmatch(text):
        return int(text)
    if expected == "number" and _NUMBER.fullmatch(text):
        return float(text)
    if expected == "boolean" and text in _BOOLEANS:
        return _BOOLEANS[text]
    return text


def _any(
    reader: XmlReader, node: Element, definition: Schema, path: Path, shape: str | None
) -> Any:
    return _untyped(node)


def _raw(
    reader: XmlReader, node: Element, definition: Schema, path: Path, shape: str | None
) -> Any:
    return text_of(node)


def _untyped(node: Element) -> Any:
    """An element the model says nothing about: its text, or its children by name."""
    if len(node) == 0:
        return text_of(node)
    return {tag: _untyped_group(children) for tag, children in _grouped(node).items()}


def _untyped_group(children: list[Element]) -> Any:
    values = [_untyped(child) for child in children]
    return values[0] if len(values) == 1 else values


_READERS: dict[str, Callable[[XmlReader, Element, Schema, Path, str | None], Any]] = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "integer": _scalar_element,
    "number": _scalar_element,
    "boolean": _scalar_element,
    "string": _scalar_element,
    "any": _any,
    "raw": _raw,
}
