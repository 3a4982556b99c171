"""Canned wire answers: the smallest value a shape allows, written by botocore's serializers.

``smallest`` fills a shape's required members only (and, along ``path``, the members leading to
one position, which holds ``leaf``); strings a pattern constrains are the minimal example of
botocontract's strategy for that shape, other leaves the least their limits allow. Output trees
become a response as a service sends it: ``output_answer`` writes the body (and header
members) with botocore's own serializers, ``error_answer`` wraps an error shape's members in its
protocol's error envelope with the shape's wire code and HTTP status.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from typing import Any
from xml.etree import ElementTree as ET  # writes our own XML, never reads any

import botocore.serialize
from botocontract import strategy
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis.errors import Unsatisfiable

ITEM, VALUE = "[]", "{}"
HEADER_LOCATIONS = frozenset({"header", "headers", "statusCode"})
ERROR_ENVELOPE = ("Type", "Code", "Message")  # written by the envelope, never by a member
_MAX_DEPTH = 40
_WHEN = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
_DRAW = settings(
    database=None,
    max_examples=1,
    derandomize=True,
    deadline=None,
    phases=[Phase.generate],
    suppress_health_check=list(HealthCheck),
)
_MISSING: Any = object()


@dataclass
class Answer:
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)
    status: int = 200


def smallest(
    service: str,
    shape: Any,
    *,
    path: tuple[str, ...] = (),
    leaf: Any = _MISSING,
    for_input: bool = False,
) -> Any:
    """The least value of ``shape``: its required members only, and ``leaf`` at ``path``."""
    return _Walk(service, for_input).value(shape, path, leaf, 0)


@dataclass(frozen=True)
class _Walk:
    service: str
    for_input: bool

    def value(self, shape: Any, path: tuple[str, ...], leaf: Any, depth: int) -> Any:
        if depth > _MAX_DEPTH:
            raise ValueError(f"{shape.name}: required members nest deeper than {_MAX_DEPTH}")
        if not path and leaf is not _MISSING:
            return leaf
        if shape.type_name == "structure":
            return self._structure(shape, path, leaf, depth)
        if shape.type_name == "list":
            return self._list(shape, path, leaf, depth)
        if shape.type_name == "map":
            return self._map(shape, path, leaf, depth)
        return _scalar(self.service, shape, for_input=self.for_input)

    def _plain(self, shape: Any, depth: int) -> Any:
        """Off the path: no leaf."""
        return self.value(shape, (), _MISSING, depth + 1)

    def _structure(self, shape: Any, path: tuple[str, ...], leaf: Any, depth: int) -> Any:
        if shape.metadata.get("document"):
            return {}
        names = list(shape.required_members)
        if shape.is_tagged_union:  # exactly one member: the path's, else the first
            names = [path[0]] if path else list(shape.members)[:1]
        elif path and path[0] not in names:
            names.append(path[0])
        tree = {}
        for name in names:
            member = shape.members[name]
            if member.serialization.get("location") == "statusCode":
                tree[name] = 200
            elif path and name == path[0]:
                tree[name] = self.value(member, path[1:], leaf, depth + 1)
            else:
                tree[name] = self._plain(member, depth)
        return tree

    def _list(self, shape: Any, path: tuple[str, ...], leaf: Any, depth: int) -> list[Any]:
        count = max(shape.metadata.get("min", 0), 1 if path else 0)
        items = [self._plain(shape.member, depth) for _ in range(count)]
        if path:
            items[0] = self.value(shape.member, path[1:], leaf, depth + 1)
        return items

    def _map(self, shape: Any, path: tuple[str, ...], leaf: Any, depth: int) -> dict[Any, Any]:
        if not path and shape.metadata.get("min", 0) == 0:
            return {}
        key = self._plain(shape.key, depth)
        if path:
            return {key: self.value(shape.value, path[1:], leaf, depth + 1)}
        return {key: self._plain(shape.value, depth)}


def _scalar(service: str, shape: Any, *, for_input: bool) -> Any:  # noqa: PLR0911 - one per type
    kind, limits = shape.type_name, shape.metadata
    low = limits.get("min", 0)
    if kind == "string":
        if limits.get("enum"):
            return limits["enum"][0]
        if limits.get("pattern") and not for_input:  # botocore never checks inputs' patterns
            return _pattern_example(service, shape.name)
        return "a" * min(max(low, 1), limits.get("max", 1 << 20))
    if kind in {"integer", "long", "float", "double"}:
        value = max(low, 0)
        return min(value, limits["max"]) if "max" in limits else value
    if kind == "boolean":
        return False
    if kind == "timestamp":
        return _WHEN
    if kind == "blob":
        return b"a" * max(low, 1)
    raise ValueError(f"{shape.name}: no smallest value for type {kind}")


class UndrawableError(ValueError):
    """botocontract's strategy cannot draw a string this pattern allows."""


def _pattern_example(service: str, shape: str) -> str:
    drawn = _drawn_or_why(service, shape)
    if isinstance(drawn, UndrawableError):
        raise drawn
    return drawn


@cache  # a failure too: it costs hundreds of draws
def _drawn_or_why(service: str, shape: str) -> str | UndrawableError:
    try:
        return _draw_pattern(service, shape)
    except Unsatisfiable:
        return UndrawableError(f"botocontract's strategy draws no {shape} (look-around pattern)")


def _draw_pattern(service: str, shape: str) -> str:
    """One draw of botocontract's strategy (derandomized: the same each run; not shrunk, which
    costs seconds a pattern)."""
    drawn: list[str] = []

    @_DRAW
    @given(strategy(service, shape))
    def draw(value: str) -> None:
        drawn.append(value)

    draw()
    return drawn[0]


# --- answers -----------------------------------------------------------------------------


@cache
def _serializer(protocol: str) -> Any:
    return botocore.serialize.create_serializer(protocol, include_validation=False)


def _xml() -> Any:
    return _serializer("rest-xml")


def output_answer(model: Any, operation: str, tree: dict[str, Any]) -> Answer:
    """A successful response carrying ``tree`` (the boto3 form of the output's members)."""
    shape = model.operation_model(operation).output_shape
    protocol = model.resolved_protocol
    if protocol == "json":
        return Answer(_json_bytes(shape, tree))
    if protocol in {"query", "ec2"}:
        return Answer(_query_document(operation, shape, tree, protocol))
    headers, status, body_members = _http_parts(protocol, shape, tree)
    return Answer(_rest_body(protocol, shape, body_members), headers, status)


def _json_bytes(shape: Any, tree: Any) -> bytes:
    serialized: dict[str, Any] = {}
    _serializer("json")._serialize(serialized, tree, shape)  # noqa: SLF001 - botocore's writer
    return json.dumps(serialized).encode()


def _xml_element(shape: Any, tree: Any, name: str) -> ET.Element:
    holder = ET.Element("holder")
    _xml()._serialize(shape, tree, holder, name)  # noqa: SLF001 - botocore's writer
    return holder[0]


def _query_document(operation: str, shape: Any, tree: dict[str, Any], protocol: str) -> bytes:
    root = ET.Element(f"{operation}Response")
    wrapper = shape.serialization.get("resultWrapper")
    result = _xml_element(shape, tree, wrapper or "Result")
    if wrapper:
        root.append(result)
    else:
        root.extend(list(result))
    if protocol == "ec2":
        ET.SubElement(root, "requestId").text = "request-1"
    else:
        metadata = ET.SubElement(root, "ResponseMetadata")
        ET.SubElement(metadata, "RequestId").text = "request-1"
    return ET.tostring(root)


def _http_parts(
    protocol: str, shape: Any, tree: dict[str, Any]
) -> tuple[dict[str, str], int, dict[str, Any]]:
    """Header members as botocore's serializer writes headers, the status code, the rest."""
    partitioned: dict[str, Any] = {"headers": {}}
    status, body = 200, {}
    for name, value in tree.items():
        location = shape.members[name].serialization.get("location")
        if location == "statusCode":
            status = int(value)
        elif location in HEADER_LOCATIONS:
            _serializer(protocol)._partition_parameters(partitioned, name, value, shape.members)  # noqa: SLF001
        else:
            body[name] = value
    return {key: str(value) for key, value in partitioned["headers"].items()}, status, body


def _rest_body(protocol: str, shape: Any, members: dict[str, Any]) -> bytes:
    payload = shape.serialization.get("payload")
    if payload is not None:
        member = shape.members[payload]
        if payload not in members:
            return b""
        value = members[payload]
        if member.type_name in {"blob", "string"}:
            return value if isinstance(value, bytes) else str(value).encode()
        return _document(protocol, member, value, member.serialization.get("name", payload))
    if not members:
        return b""
    return _document(protocol, shape, members, shape.serialization.get("name", shape.name))


def _document(protocol: str, shape: Any, tree: Any, root: str) -> bytes:
    if protocol == "rest-json":
        return _json_bytes(shape, tree)
    return ET.tostring(_xml_element(shape, tree, root))


def error_answer(model: Any, shape: Any, tree: dict[str, Any]) -> Answer:
    """An error response of ``shape`` in its protocol's envelope, with its wire code."""
    status = shape.metadata.get("error", {}).get("httpStatusCode", 400)
    protocol = model.resolved_protocol
    code = shape.error_code
    members = {name: value for name, value in tree.items() if name not in ERROR_ENVELOPE}
    if protocol in {"json", "rest-json"}:  # no envelope elements: every member is the body's
        headers, _, body = _http_parts(protocol, shape, tree)
        document = json.loads(_json_bytes(shape, body)) if body else {}
        document = {"message": "refused", **document}
        if protocol == "rest-json":
            headers["x-amzn-ErrorType"] = code
        elif "awsQueryCompatible" in model.metadata:  # __type the shape, the header its code
            document["__type"] = shape.name
            headers["x-amzn-query-error"] = f"{code};Sender"
        else:
            document["__type"] = code
        return Answer(json.dumps(document).encode(), headers, status)
    headers, _, body = (
        _http_parts(protocol, shape, members) if protocol == "rest-xml" else ({}, 0, members)
    )
    return Answer(_xml_error(model, shape, code, body), headers, status)


def _xml_error(model: Any, shape: Any, code: str, members: dict[str, Any]) -> bytes:
    error = _xml_element(shape, members, "Error")
    for tag, text in zip(ERROR_ENVELOPE, ("Sender", code, "refused"), strict=True):
        ET.SubElement(error, tag).text = text
    if model.endpoint_prefix == "s3":  # S3's envelope: Error at the root, ids beside the code
        ET.SubElement(error, "RequestId").text = "request-1"
        ET.SubElement(error, "HostId").text = "host-1"
        return ET.tostring(error)
    if model.resolved_protocol == "ec2":
        root = ET.Element("Response")
        ET.SubElement(root, "Errors").append(error)
        ET.SubElement(root, "RequestID").text = "request-1"
        return ET.tostring(root)
    root = ET.Element("ErrorResponse")
    root.append(error)
    ET.SubElement(root, "RequestId").text = "request-1"
    return ET.tostring(root)
