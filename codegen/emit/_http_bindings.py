"""The HTTP parts of rest-json and rest-xml messages, as a schema beside the body's.

Members bound to a header, a header prefix (``x-amz-meta-``), the URI, the query string or
the status code are not in the body; for each operation input and output that has any, the
wire schema holds a schema of ``{"header", "headers", "uri", "querystring", "statusCode"}``
under ``x-botocontract-http``, keyed by locationName, so that an issue's JSON pointer names
the binding (``/header/x-amz-version-id``). Timestamps take their binding's format: HTTP-date
in headers, ISO-8601 in the URI and the query string, unless the shape says otherwise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocontract.constants import ISO_TIMESTAMP_PATTERN, RFC822_TIMESTAMP_PATTERN

if TYPE_CHECKING:
    from botocontract.codegen import ir

HTTP_KEY = "x-botocontract-http"
REST_PROTOCOLS = frozenset({"rest-json", "rest-xml"})
Schema = dict[str, Any]
_DEFAULT_FORMATS = {"header": "rfc822", "uri": "iso8601", "querystring": "iso8601"}
_FORMATS: dict[str, Schema] = {
    "rfc822": {"type": "string", "pattern": RFC822_TIMESTAMP_PATTERN},
    "iso8601": {"type": "string", "pattern": ISO_TIMESTAMP_PATTERN},
    "unixTimestamp": {"type": "number"},
}


def http_schemas(service: ir.Service) -> Schema:
    """``{shape name: schema of its HTTP parts}`` for every bound operation input and output."""
    if service.protocol not in REST_PROTOCOLS:
        return {}
    roots = [name for op in service.operations.values() for name in (op.input, op.output) if name]
    found: Schema = {}
    for name in dict.fromkeys(roots):
        bound = [m for m in service.shapes[name].members if not m.in_body]
        if bound:
            found[name] = _message_schema(service, bound)
    return found


def _message_schema(service: ir.Service, members: list[ir.Member]) -> Schema:
    parts: Schema = {}
    for member in members:
        location = str(member.location)
        if location == "statusCode":
            parts["statusCode"] = _value(service, member, location)
            continue
        part = parts.setdefault(location, {"type": "object", "properties": {}})
        part["properties"][member.wire_name] = _value(service, member, location)
        if member.required or location == "uri":
            part.setdefault("required", []).append(member.wire_name)
    return {"type": "object", "properties": parts}


def _value(service: ir.Service, member: ir.Member, location: str) -> Schema:
    target = service.shapes[member.target]
    schema: Schema = {"$ref": f"#/$defs/{target.name}"}
    if target.type == "timestamp":
        timestamp_format = (
            member.timestamp_format
            or target.timestamp_format
            or _DEFAULT_FORMATS.get(location, "iso8601")
        )
        schema = {"title": target.name, **_FORMATS[timestamp_format]}
    elif target.type == "list" and target.member is not None:
        item = service.shapes[target.member.target]
        if item.type == "timestamp":
            items = {"title": item.name, **_FORMATS[item.timestamp_format or "rfc822"]}
            schema = {"type": "array", "items": items}
    schema["x-member"] = member.name
    return schema
