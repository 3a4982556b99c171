"""The HTTP parts of a recorded rest-json or rest-xml message, judged against the model.

Headers, header prefixes, URI labels, query-string parameters and the status code are read
into the tree the wire schema's ``x-botocontract-http`` entry describes (text typed as each
member's shape reads it), and that schema judges it: the same rules, messages and drift policy
as the body, with pointers that name the binding (``/header/Last-Modified``, ``/uri/Bucket``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

from botocontract import schemas
from botocontract._wire.layout import definitions, kind
from botocontract._wire.xml_read import typed_text

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from botocontract._verdict import Issue
    from botocontract._wire.layout import Definitions, Schema

HTTP_KEY = "x-botocontract-http"


@dataclass(frozen=True)
class HttpMessage:
    """What a recording says about one HTTP message beside its body."""

    headers: Mapping[str, str] = field(default_factory=dict)  # lower-case names
    uri: str | None = None  # a request's URI
    status: int | None = None  # a response's status code


def http_issues(service: str, shape: str, operation: str | None, http: HttpMessage) -> list[Issue]:
    """Issues of ``shape``'s HTTP-bound members in ``http`` (unclassified: the caller applies
    the drift policy)."""
    document = schemas.load_schema(service, "wire")
    bound = document.get(HTTP_KEY, {}).get(shape)
    if bound is None:
        return []
    tree = _tree(definitions(service), bound, http, _request_uri(service, operation))
    from botocontract._explain import describe  # noqa: PLC0415

    return [
        issue
        for error in _validator(service, shape).iter_errors(tree)
        for issue in describe(error, document, shape)
    ]


@cache
def _validator(service: str, shape: str) -> Any:
    import jsonschema_rs  # noqa: PLC0415

    document = schemas.load_schema(service, "wire")
    schema = {
        "$schema": document["$schema"],
        "$ref": f"#/{HTTP_KEY}/{shape}",
        "$defs": document["$defs"],
        HTTP_KEY: document[HTTP_KEY],
    }
    return jsonschema_rs.validator_for(schema)


def _request_uri(service: str, operation: str | None) -> str | None:
    if operation is None:
        return None
    from botocontract._wire.routing import model_of  # noqa: PLC0415

    model = model_of(service)
    found = model.operations.get(operation) if model is not None else None
    return None if found is None else found.http.request_uri


def _tree(found: Definitions, bound: Schema, http: HttpMessage, template: str | None) -> Any:
    tree: dict[str, Any] = {}
    for part, schema in bound.get("properties", {}).items():
        value = _PARTS[part](found, schema, http, template)
        if value is not None:
            tree[part] = value
    return tree


def _typed(found: Definitions, schema: Schema, text: str) -> Any:
    _, definition = found.resolve(schema)
    if kind(definition) == "list":
        items = definition.get("items", {})
        return [_typed(found, items, item.strip()) for item in text.split(",")]
    return typed_text(text, kind(definition))


def _header(found: Definitions, part: Schema, http: HttpMessage, template: str | None) -> Any:
    values = {}
    for name, schema in part.get("properties", {}).items():
        text = http.headers.get(name.lower())
        if text is not None:
            values[name] = _typed(found, schema, text)
    return values or None


def _prefixed(found: Definitions, part: Schema, http: HttpMessage, template: str | None) -> Any:
    """``x-amz-meta-*`` headers as the map of their suffixes."""
    values = {}
    for prefix in part.get("properties", {}):
        start = prefix.lower()
        entries = {k[len(start) :]: v for k, v in http.headers.items() if k.startswith(start)}
        if entries:
            values[prefix] = entries
    return values or None


def _uri(found: Definitions, part: Schema, http: HttpMessage, template: str | None) -> Any:
    if http.uri is None or template is None:
        return None
    matched = _label_pattern(template.split("?", 1)[0]).match(urlsplit(http.uri).path)
    if matched is None:
        return None
    schemas_by_label = part.get("properties", {})
    return {
        label: _typed(found, schemas_by_label[label], unquote(value))
        for label, value in zip(_labels(template), matched.groups(), strict=True)
        if label in schemas_by_label
    }


def _labels(template: str) -> list[str]:
    return [label.rstrip("+") for label in re.findall(r"\{([^}]+)\}", template.split("?", 1)[0])]


@cache
def _label_pattern(path: str) -> re.Pattern[str]:
    parts = re.split(r"(\{[^}]+\})", path)
    regex = "".join(
        ("(.+)" if part.endswith("+}") else "([^/]+)") if part.startswith("{") else re.escape(part)
        for part in parts
    )
    return re.compile(f"^{regex}/?$")


def _query(found: Definitions, part: Schema, http: HttpMessage, template: str | None) -> Any:
    if http.uri is None:
        return None
    given: dict[str, list[str]] = {}
    for key, value in parse_qsl(urlsplit(http.uri).query, keep_blank_values=True):
        given.setdefault(key, []).append(value)
    values: dict[str, Any] = {}
    for name, schema in part.get("properties", {}).items():
        _, definition = found.resolve(schema)
        if kind(definition) == "map":  # a map bound to the query string takes the rest
            values[name] = {k: v[0] for k, v in given.items() if k not in part["properties"]}
        elif name in given and kind(definition) == "list":
            items = definition.get("items", {})
            values[name] = [_typed(found, items, item) for item in given[name]]
        elif name in given:
            values[name] = _typed(found, schema, given[name][0])
    return values or None


def _status(found: Definitions, part: Schema, http: HttpMessage, template: str | None) -> Any:
    return http.status


_PARTS: dict[str, Callable[[Definitions, Schema, HttpMessage, str | None], Any]] = {
    "header": _header,
    "headers": _prefixed,
    "uri": _uri,
    "querystring": _query,
    "statusCode": _status,
}
