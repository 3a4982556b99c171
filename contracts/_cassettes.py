"""VCR.py cassettes: every interaction's request and response body, with its operation.

The operation comes from the traffic: ``X-Amz-Target`` for JSON protocols, the method and URI
for rest-json. Interactions with another service are skipped; a cassette with nothing else is
refused. Bodies may be text, ``!!binary`` bytes, base64, or gzip.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import orjson

from contracts._safe_load import GZIP_MAGIC
from contracts.errors import RecordingError
from contracts.recordings import Recorded

if TYPE_CHECKING:
    from collections.abc import Iterator

    from contracts.recordings import Context
    from contracts.validation import Direction


# --- bodies (shared with the cassette reader) -----------------------------------------------


def decode_body(raw: Any) -> bytes:
    """A recorded HTTP body as bytes: text, ``!!binary`` bytes or base64; gunzipped if needed."""
    if isinstance(raw, dict):  # VCR.py: {"string": ...}; some tools: {"base64_string": ...}
        if "base64_string" in raw:
            return _maybe_gunzip(base64.b64decode(str(raw["base64_string"])))
        raw = raw.get("string", "")
    if raw is None:
        return b""
    data = raw if isinstance(raw, bytes) else str(raw).encode("utf-8")
    return _maybe_gunzip(data)


def _maybe_gunzip(data: bytes) -> bytes:
    return gzip.decompress(data) if data.startswith(GZIP_MAGIC) else data


def body_json(data: bytes) -> Any:
    """The JSON in a body; a body that is base64 of JSON (or of gzip'd JSON) is decoded."""
    if not data.strip():
        return {}
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        pass
    try:
        decoded = _maybe_gunzip(base64.b64decode(data, validate=True))
    except (binascii.Error, ValueError, OSError, EOFError):
        decoded = None
    if decoded is None:
        raise ValueError("body is not JSON")
    return orjson.loads(decoded)


# --- cassettes -------------------------------------------------------------------------------


def cassette_payloads(
    interactions: list[Any], context: Context, prefix: str | None
) -> Iterator[Recorded]:
    """Request and response of every interaction with ``service``; others are skipped."""
    found: list[Recorded] = []
    foreign: list[str] = []
    for index, interaction in enumerate(interactions):
        label = "" if prefix is None else f"{prefix}{index}"
        found.extend(_interaction_payloads(interaction, label, context, foreign))
    if not found and foreign:
        raise RecordingError(
            context.path, f"a cassette of another service ({foreign[0]}), not {context.service}"
        )
    return iter(found)


def _interaction_payloads(
    interaction: Any, label: str, context: Context, foreign: list[str]
) -> list[Recorded]:
    if not isinstance(interaction, dict) or not isinstance(interaction.get("request"), dict):
        raise RecordingError(context.path, f"{label or 'interaction'}: no request")
    request = interaction["request"]
    operation = _cassette_operation(request, context, foreign)  # the traffic says, not --operation
    if operation is None:
        return []
    found = [_cassette_body(request, f"{label}/request", "request", operation, context)]
    response = interaction.get("response")
    if isinstance(response, dict):
        found.append(_cassette_body(response, f"{label}/response", "response", operation, context))
    return [recorded for recorded in found if recorded is not None]


def _cassette_body(
    message: dict[str, Any], label: str, direction: Direction, operation: str, context: Context
) -> Recorded | None:
    try:
        payload = body_json(decode_body(message.get("body")))
    except (ValueError, OSError, EOFError) as error:
        raise RecordingError(context.path, f"{label}: body is not JSON ({error})") from None
    if direction == "request" and payload == {} and not message.get("body"):
        return None  # no body at all: nothing to check
    return Recorded(label, payload, context.service, operation, direction, "wire")


def header(headers: Any, name: str) -> str | None:
    """A header's value from VCR.py's ``{name: [values]}`` (any case; bytes or text)."""
    if not isinstance(headers, dict):
        return None
    for key, value in headers.items():
        if str(key).lower() == name:
            first = value[0] if isinstance(value, list) and value else value
            return first.decode("latin-1") if isinstance(first, bytes) else str(first)
    return None


def _cassette_operation(
    request: dict[str, Any], context: Context, foreign: list[str]
) -> str | None:
    """The operation from ``X-Amz-Target`` (json) or the method and URI (rest-json)."""
    model = _model(context.service)
    target = header(request.get("headers"), "x-amz-target")
    if target is not None:
        prefix, _, operation = target.rpartition(".")
        if prefix == model.target_prefix and operation in model.operations:
            return operation
        foreign.append(f"X-Amz-Target {target}")
        return None
    rest = _rest_operation(model, str(request.get("method", "")), str(request.get("uri", "")))
    if rest is None:
        foreign.append(f"{request.get('method')} {request.get('uri')}")
    return rest


def _rest_operation(model: Any, method: str, uri: str) -> str | None:
    from urllib.parse import urlsplit  # noqa: PLC0415

    path = urlsplit(uri).path or "/"
    for name, operation in model.operations.items():
        if operation.http.method == method.upper() and _uri_pattern(
            operation.http.request_uri
        ).match(path):
            return str(name)
    return None


@cache
def _uri_pattern(template: str) -> re.Pattern[str]:
    """``/projects/{name}`` -> a regex; ``{key+}`` spans slashes. Query part ignored."""
    path = template.split("?", 1)[0]
    parts = re.split(r"(\{[^}]+\})", path)
    regex = "".join(
        (".+" if part.endswith("+}") else "[^/]+") if part.startswith("{") else re.escape(part)
        for part in parts
    )
    return re.compile(f"^{regex}/?$")


@cache
def _model(service: str) -> Any:
    from codegen.load import load_installed  # noqa: PLC0415 - only cassettes need the model

    return load_installed(service)
