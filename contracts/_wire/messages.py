"""A recorded body as its protocol carries it: what it says before the model is consulted
(the error code it names, the operation its root element names, or why it cannot be read),
and its member tree read against a shape.

One ``Message`` per body; ``botocontract.validation`` asks it for the error code, matches the
code to a shape, then asks for the tree of that shape. XML documents (query, ec2, rest-xml
responses and rest-xml requests), form-encoded query/ec2 requests, CBOR and JSON bodies.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any

import orjson
from botocontract._files import GZIP_MAGIC, FileProblem, gunzip
from botocontract._wire.layout import definitions, kind
from botocontract._wire.xml_read import BodyProblem, XmlReader, local_name, parse_xml, text_of

if TYPE_CHECKING:
    from collections.abc import Callable
    from xml.etree.ElementTree import Element

    from botocontract._verdict import Direction, Issue
    from botocontract._wire.form_read import Node as FormNode
    from botocontract._wire.layout import Definitions

Body = bytes | bytearray | memoryview | str
PROTOCOL_BODIES = {
    "query": "an XML document",
    "ec2": "an XML document",
    "rest-xml": "an XML document",
    "json": "a JSON document",
    "rest-json": "a JSON document",
    "smithy-rpc-v2-cbor": "a CBOR document",
}
# Root children botocore reads as response metadata, not as members.
_METADATA_ELEMENTS = frozenset({"ResponseMetadata", "requestId", "RequestId"})


@dataclass
class Message:
    """One body, read as far as the protocol goes on its own."""

    service: str
    direction: Direction
    protocol: str = ""  # the protocol the body is read as (CBOR for a JSON service's CBOR body)
    operation: str | None = None  # the operation the body names (query/ec2 root element)
    code: str | None = None  # the error the body names
    problem: str | None = None  # why the body cannot be read as the protocol's
    reader: Callable[[Message, str, str | None], Any] | None = None
    issues: list[Issue] = field(default_factory=list)

    def tree(self, shape: str, operation: str | None) -> Any:
        """The member tree of ``shape`` (of ``operation``'s body, when given); None for a raw
        payload (a blob or text body), which has no members to judge."""
        if self.problem is not None:
            raise BodyProblem(self.problem)
        return None if self.reader is None else self.reader(self, shape, operation)


def is_body(payload: Any, protocol: str) -> bool:
    """Whether ``payload`` is an encoded body rather than a decoded tree or boto3 value."""
    if isinstance(payload, (bytes, bytearray, memoryview)):
        return True
    return isinstance(payload, str) and protocol not in ("json", "rest-json")


def read_message(
    payload: Body, service: str, direction: Direction, found: Definitions | None = None
) -> Message:
    """``payload`` read by the installed contract of ``service``, or by the layout ``found``."""
    data = payload.encode("utf-8") if isinstance(payload, str) else bytes(payload)
    found = found or definitions(service)
    message = Message(service, direction, found.protocol)
    reader = _READERS.get((found.protocol, direction)) or _READERS.get((found.protocol, "*"))
    if reader is None:
        message.problem = f"no reader for the {found.protocol} protocol's bodies"
        return message
    try:
        reader(message, found, data)
    except BodyProblem as problem:
        message.problem = str(problem) + (" (an HTML page)" if _is_html(data) else "")
    return message


def _is_html(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


# --- XML --------------------------------------------------------------------------------------


def _nothing(message: Message, shape: str, operation: str | None) -> Any:
    return {}


def _xml_response(message: Message, found: Definitions, data: bytes) -> None:
    if not data.strip():
        if found.protocol != "rest-xml":  # rest-xml members may all be headers
            raise BodyProblem(f"empty body where the {found.protocol} protocol sends XML")
        message.reader = _nothing
        return
    try:
        root = parse_xml(data)
    except BodyProblem as problem:
        if found.protocol != "rest-xml":
            raise
        message.reader = partial(_raw_only, found, str(problem))  # GetObject's Body is no XML
        return
    error = _error_element(root, found.protocol)
    if error is not None:
        message.code = _child_text(error, "Code")
        message.reader = partial(_element_tree, found, error)
        return
    tag = local_name(root.tag)
    if found.protocol in ("query", "ec2") and tag.endswith("Response"):
        message.operation = tag.removesuffix("Response")
    message.reader = partial(_response_tree, found, root)


def _raw_only(
    found: Definitions, problem: str, message: Message, shape: str, operation: str | None
) -> Any:
    """A body that is no XML is fine only where the operation's body is a raw payload."""
    if kind(found.definition(shape)) == "raw":
        return None
    raise BodyProblem(problem)


def _element_tree(
    found: Definitions, node: Element, message: Message, shape: str, operation: str | None
) -> Any:
    if kind(found.definition(shape)) == "raw":
        return None
    return XmlReader(found, message.issues).shape(node, shape)


def _response_tree(
    found: Definitions, root: Element, message: Message, shape: str, operation: str | None
) -> Any:
    entry = found.operations.get(operation or "", {})
    if operation is None or entry.get("output") != shape or found.protocol == "rest-xml":
        return _element_tree(found, root, message, shape, operation)
    reader = XmlReader(found, message.issues)
    _check_root(reader, root, f"{operation}Response")
    if found.protocol == "ec2":
        return _without_metadata(reader.shape(root, shape))
    wrapper = str(entry.get("resultWrapper", ""))
    children = {local_name(child.tag): child for child in root}
    for name in children:
        if name not in (wrapper, *_METADATA_ELEMENTS):
            reader.issue(
                (),
                "additionalProperties",
                f"<{wrapper}>",
                f"<{name}>",
                f"element <{name}> beside <{wrapper}> is not in the query protocol's response",
            )
    if wrapper not in children:
        reader.issue(
            (),
            "required",
            f"an element <{wrapper}>",
            "absent",
            f"missing element <{wrapper}>, the query protocol's result wrapper",
        )
        return {}
    return reader.shape(children[wrapper], shape)


def _check_root(reader: XmlReader, root: Element, expected: str) -> None:
    tag = local_name(root.tag)
    if tag != expected:
        reader.issue(
            (),
            "xmlRoot",
            f"<{expected}>",
            f"<{tag}>",
            f"root element <{tag}> where the response is <{expected}>",
        )


def _without_metadata(tree: Any) -> Any:
    if isinstance(tree, dict):
        return {key: value for key, value in tree.items() if key not in _METADATA_ELEMENTS}
    return tree


def _error_element(root: Element, protocol: str) -> Element | None:
    """``<ErrorResponse><Error>`` (query, CloudFront), ec2's ``<Response><Errors><Error>``,
    S3's bare ``<Error>``."""
    tag = local_name(root.tag)
    if tag == "Error":
        return root
    if tag == "ErrorResponse":
        return _child(root, "Error")
    if tag == "Response" and protocol == "ec2":
        errors = _child(root, "Errors")
        return None if errors is None else _child(errors, "Error")
    return None


def _child(node: Element, name: str) -> Element | None:
    for child in node:
        if local_name(child.tag) == name:
            return child
    return None


def _child_text(node: Element, name: str) -> str | None:
    child = _child(node, name)
    return None if child is None else text_of(child)


def _xml_request(message: Message, found: Definitions, data: bytes) -> None:
    if not data.strip():
        message.reader = _nothing
        return
    try:
        root = parse_xml(data)
    except BodyProblem as problem:
        message.reader = partial(_raw_only, found, str(problem))  # PutObject's Body is no XML
        return
    message.reader = partial(_element_tree, found, root)


# --- form-encoded -----------------------------------------------------------------------------


def _form_request(message: Message, found: Definitions, data: bytes) -> None:
    from botocontract._wire.form_read import ENVELOPE, form_tree, parse_form  # noqa: PLC0415

    fields = parse_form(data)
    message.operation = fields.get("Action")
    root = form_tree({key: value for key, value in fields.items() if key not in ENVELOPE})
    message.reader = partial(_form_tree, found, root)


def _form_tree(
    found: Definitions, root: FormNode, message: Message, shape: str, operation: str | None
) -> Any:
    from botocontract._wire.form_read import FormReader  # noqa: PLC0415

    reader = FormReader(found)
    reader.xml.issues = message.issues
    return reader.read(root, {"$ref": f"#/$defs/{shape}"})


# --- JSON and CBOR ----------------------------------------------------------------------------


def _json_body(message: Message, found: Definitions, data: bytes) -> None:
    try:
        if data[:1] and data[0] in _CBOR_MAPS:  # a CBOR body, as rpc-v2-cbor clients send
            _cbor_body(message, found, data)
            return
        _document_reader(message, found, json_document(data))
    except BodyProblem as problem:
        if found.protocol != "rest-json":
            raise
        message.protocol = found.protocol
        message.reader = partial(_raw_only, found, str(problem))  # Lambda Invoke's Payload


def _document_reader(message: Message, found: Definitions, document: Any) -> None:
    from botocontract.validation import error_code  # noqa: PLC0415 - validation imports this

    message.code = error_code(document)
    message.reader = partial(_document_tree, found, document)


def _document_tree(
    found: Definitions, document: Any, message: Message, shape: str, operation: str | None
) -> Any:
    return None if kind(found.definition(shape)) == "raw" else document


def json_document(data: bytes) -> Any:
    """The JSON in a body; a body that is base64 of JSON (or of gzip'd JSON) is decoded."""
    if not data.strip():
        return {}
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:
        decoded = base64.b64decode(data, validate=True)
        return orjson.loads(_gunzipped(decoded))
    except (binascii.Error, ValueError, OSError, EOFError):
        raise BodyProblem("not a JSON document") from None


def _gunzipped(data: bytes) -> bytes:
    try:
        return gunzip(data) if data.startswith(GZIP_MAGIC) else data
    except FileProblem as problem:  # a gzip bomb among base64 bodies
        raise BodyProblem(f"base64 of gzip data: {problem}") from None


# CBOR's first byte of a map (major type 5): what an rpc-v2-cbor body starts with; no JSON
# document starts with one of these bytes.
_CBOR_MAPS = frozenset(range(0xA0, 0xC0))


def _cbor_body(message: Message, found: Definitions, data: bytes) -> None:
    from botocontract._wire.cbor import cbor_tree  # noqa: PLC0415

    message.protocol = "smithy-rpc-v2-cbor"
    _document_reader(message, found, cbor_tree(data) if data else {})


_READERS: dict[tuple[str, str], Callable[[Message, Definitions, bytes], None]] = {
    ("query", "response"): _xml_response,
    ("ec2", "response"): _xml_response,
    ("rest-xml", "response"): _xml_response,
    ("query", "request"): _form_request,
    ("ec2", "request"): _form_request,
    ("rest-xml", "request"): _xml_request,
    ("json", "*"): _json_body,
    ("rest-json", "*"): _json_body,
    ("smithy-rpc-v2-cbor", "*"): _cbor_body,
}
