"""The wire form of XML and CBOR protocols: a drawn payload as the body the protocol carries.

Requests are serialized by botocore's own serializer (from the boto3 form); responses, which
botocore only parses, by ``botocontract._wire.xml_write`` and ``botocontract._wire.cbor``
(from the wire tree). A shape that is no operation's body is one XML element named after it.
"""

from __future__ import annotations

import base64
from functools import cache, partial
from typing import TYPE_CHECKING, Any

from botocontract._wire.layout import definitions

if TYPE_CHECKING:
    from collections.abc import Callable


@cache
def botocore_model(service: str) -> Any:
    import botocore.session  # noqa: PLC0415

    return botocore.session.get_session().get_service_model(service)


def body_encoder(service: str, shape: str, protocol: str) -> Callable[[Any, Any], Any] | None:
    """``encode(boto3, wire_tree) -> body`` for ``shape``; None where the wire form is JSON."""
    role, operation = role_of(service, shape)
    if protocol == "smithy-rpc-v2-cbor":
        return _cbor_request(service, operation) if role == "input" else _cbor_tree
    if protocol not in ("query", "ec2", "rest-xml"):
        return None
    if role == "input":
        return partial(_request_body, service, operation)
    return partial(_xml_body, service, shape, role, operation)


@cache
def role_of(service: str, shape: str) -> tuple[str, str]:
    """Whether ``shape`` is an operation's input, output or error (first operation wins)."""
    for role in ("input", "output"):
        for name, entry in definitions(service).operations.items():
            if entry.get(role) == shape:
                return role, name
    for name, entry in definitions(service).operations.items():
        if shape in entry.get("errors", ()):
            return "error", name
    return "element", ""


def _xml_body(service: str, shape: str, role: str, operation: str, _boto3: Any, tree: Any) -> bytes:
    from botocontract._wire import xml_write  # noqa: PLC0415

    found = definitions(service)
    raw = found.definition(shape).get("x-raw-body")
    if role == "output" and raw is not None:  # GetObject's Body: the payload is the whole body
        return _raw_body(str(raw), tree)
    if role == "output":
        return xml_write.response_document(found, operation, tree)
    if role == "error":
        return xml_write.error_document(found, shape, error_code(service, shape), tree)
    return xml_write.element_document(found, shape, tree)


def _raw_body(kind: str, value: Any) -> bytes:
    """A raw payload as sent: a blob's bytes (base64 in the wire tree), a string's UTF-8; an
    absent payload is an empty body."""
    if not isinstance(value, str):
        return b""
    return base64.b64decode(value) if kind == "blob" else value.encode("utf-8")


def error_code(service: str, shape: str) -> str:
    """The code an error response names the error shape by (its ``error.code``, else its name)."""
    return str(botocore_model(service).shape_for(shape).error_code)


def _request_body(service: str, operation: str, params: Any, _tree: Any) -> bytes | str:
    """What botocore's serializer puts in the body of ``operation`` called with ``params``."""
    request = serialize_request(service, operation, params)
    body = request["body"]
    if isinstance(body, dict):  # query and ec2: botocore form-encodes the dict when sending
        from botocore.utils import percent_encode_sequence  # noqa: PLC0415

        return str(percent_encode_sequence(body))
    return body if isinstance(body, (bytes, str)) else b""


def serialize_request(service: str, operation: str, params: Any) -> dict[str, Any]:
    from botocore.serialize import create_serializer  # noqa: PLC0415

    model = botocore_model(service)
    serializer = create_serializer(model.resolved_protocol, include_validation=False)
    request: dict[str, Any] = serializer.serialize_to_request(
        params, model.operation_model(operation)
    )
    return request


def _cbor_request(service: str, operation: str) -> Callable[[Any, Any], Any]:
    return partial(_request_body, service, operation)


def _cbor_tree(boto3: Any, _tree: Any) -> bytes:
    from botocontract._wire.cbor import cbor_body  # noqa: PLC0415

    return cbor_body(boto3)
