"""Member trees written as the XML documents query, ec2 and rest-xml services send.

botocore parses these responses but has no serializer for them; this is that serializer,
following the same wire schema and ``x-xml`` layout the reader follows: ``<OpResponse>`` with
``<OpResult>`` and ``<ResponseMetadata>`` (query), members beside ``<requestId>`` (ec2), the
output or payload element (rest-xml); ``member``/``item`` lists, flattened lists, ``entry``
maps, attributes with their namespace declarations, error documents per protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from xml.etree.ElementTree import Element, SubElement, tostring

from botocontract._wire.layout import entry_names, item_element, kind

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract._wire.layout import Definitions, Schema, Slot

REQUEST_ID = "00000000-0000-4000-8000-000000000000"


@dataclass
class XmlWriter:
    definitions: Definitions

    def element(self, parent: Element | None, name: str, value: Any, schema: Schema) -> Element:
        node = Element(name) if parent is None else SubElement(parent, name)
        _, definition = self.definitions.resolve(schema)
        _WRITERS.get(kind(definition), _text)(self, node, value, definition)
        return node

    def shape(self, parent: Element | None, name: str, value: Any, shape: str) -> Element:
        return self.element(parent, name, value, {"$ref": f"#/$defs/{shape}"})


def _structure(writer: XmlWriter, node: Element, value: Any, definition: Schema) -> None:
    if not isinstance(value, dict):  # not members: written as the text it is
        _text(writer, node, value, definition)
        return
    _declare(node, definition.get("x-xml", {}).get("namespace"))
    elements, attributes = writer.definitions.slots(definition)
    by_key = {slot.key: slot for slot in (*elements.values(), *attributes.values())}
    for key, item in value.items():
        slot = by_key.get(key)
        if slot is None:  # a member the model does not have: an element of its own name
            writer.element(node, key, item, {})
        elif slot.attribute:
            _declare(node, slot.namespace)
            node.set(slot.element, scalar_text(item))
        elif slot.flattened:
            _flattened(writer, node, slot, item)
        else:
            child = writer.element(node, slot.element, item, slot.schema)
            _declare(child, slot.namespace)


def _declare(node: Element, namespace: Schema | None) -> None:
    """``xmlns`` or ``xmlns:prefix`` as botocore's rest-xml serializer declares it."""
    if namespace:
        prefix = namespace.get("prefix")
        node.set(f"xmlns:{prefix}" if prefix else "xmlns", str(namespace["uri"]))


def _flattened(writer: XmlWriter, parent: Element, slot: Slot, value: Any) -> None:
    _, definition = writer.definitions.resolve(slot.schema)
    if kind(definition) == "map":
        for key, item in value.items():
            _entry(writer, SubElement(parent, slot.element), key, item, definition)
        return
    for item in value:
        writer.element(parent, slot.element, item, definition.get("items", {}))


def _list(writer: XmlWriter, node: Element, value: Any, definition: Schema) -> None:
    if not isinstance(value, list):
        _text(writer, node, value, definition)
        return
    name = item_element(definition)
    for item in value:
        writer.element(node, name, item, definition.get("items", {}))


def _map(writer: XmlWriter, node: Element, value: Any, definition: Schema) -> None:
    if not isinstance(value, dict):
        _text(writer, node, value, definition)
        return
    for key, item in value.items():
        _entry(writer, SubElement(node, "entry"), key, item, definition)


def _entry(writer: XmlWriter, node: Element, key: str, value: Any, definition: Schema) -> None:
    key_name, value_name = entry_names(definition)
    SubElement(node, key_name).text = key
    writer.element(node, value_name, value, definition.get("additionalProperties", {}))


def _text(writer: XmlWriter, node: Element, value: Any, definition: Schema) -> None:
    if isinstance(value, dict):  # members where the model has text: elements of their names
        for key, item in value.items():
            writer.element(node, str(key), item, {})
        return
    if isinstance(value, list):
        for item in value:
            writer.element(node, "member", item, {})
        return
    node.text = scalar_text(value)


def scalar_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return "" if value is None else str(value)


_WRITERS: dict[str, Callable[[XmlWriter, Element, Any, Schema], None]] = {
    "structure": _structure,
    "list": _list,
    "map": _map,
}


def serialized(root: Element) -> bytes:
    """The document's bytes on one line: line breaks in text (Unicode's NEL and line and
    paragraph separators too) are character references; a literal carriage return would be
    read as a line feed."""
    data: bytes = tostring(root, encoding="utf-8")
    for char in _LINE_BREAKS:
        data = data.replace(char.encode("utf-8"), f"&#{ord(char)};".encode("ascii"))
    return data


_LINE_BREAKS = ("\r", "\n", "\x85", "\u2028", "\u2029")


# --- documents ------------------------------------------------------------------------------


def response_document(definitions: Definitions, operation: str, tree: Any) -> bytes:
    """The body of a successful response of ``operation`` carrying ``tree``."""
    entry = definitions.operations[operation]
    shape = str(entry["output"])
    writer = XmlWriter(definitions)
    protocol = definitions.protocol
    if protocol == "rest-xml":
        return serialized(writer.shape(None, _root_name(definitions, shape), tree, shape))
    root = Element(f"{operation}Response")
    if definitions.xml_namespace:
        root.set("xmlns", definitions.xml_namespace)
    if protocol == "ec2":
        SubElement(root, "requestId").text = REQUEST_ID
        _structure(writer, root, tree, definitions.definition(shape))
        return serialized(root)
    writer.shape(root, str(entry.get("resultWrapper") or f"{operation}Result"), tree, shape)
    metadata = SubElement(root, "ResponseMetadata")
    SubElement(metadata, "RequestId").text = REQUEST_ID
    return serialized(root)


def _root_name(definitions: Definitions, shape: str) -> str:
    """A rest-xml body's root: botocore reads its children whatever its name."""
    name, _ = definitions.resolve({"$ref": f"#/$defs/{shape}"})
    return name or shape


def error_document(definitions: Definitions, shape: str, code: str, tree: Any) -> bytes:
    """An error response naming ``code``, with the error shape's members beside it."""
    writer = XmlWriter(definitions)
    error = writer.shape(None, "Error", tree, shape)
    if "Code" not in tree:
        SubElement(error, "Code").text = code
    if definitions.protocol == "rest-xml":
        return serialized(error)
    if definitions.protocol == "ec2":
        root = Element("Response")
        SubElement(root, "Errors").append(error)
        SubElement(root, "RequestID").text = REQUEST_ID
        return serialized(root)
    root = Element("ErrorResponse")
    if definitions.xml_namespace:
        root.set("xmlns", definitions.xml_namespace)
    root.append(error)
    SubElement(root, "RequestId").text = REQUEST_ID
    return serialized(root)


def element_document(definitions: Definitions, shape: str, tree: Any) -> bytes:
    """A shape that is no operation's body, as one element named after it."""
    return serialized(XmlWriter(definitions).shape(None, shape, tree, shape))
