"""VCR.py cassettes: every interaction's request and response body, with its operation.

The operation comes from the traffic: ``X-Amz-Target`` for JSON protocols, the method and URI
for rest-json. Interactions with another service are skipped; a cassette with nothing else is
refused. Bodies may be text, ``!!binary`` bytes, base64, or gzip. An error response is named
as botocore's parser names it, per protocol (``_ERROR_NAMING``): rest-json reads the
``x-amzn-ErrorType`` header first.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import orjson
from botocontract._safe_load import GZIP_MAGIC
from botocontract.errors import RecordingError
from botocontract.recordings import Recorded

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from botocontract.recordings import Context
    from botocontract.validation import Direction


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
    error_type = None if direction == "request" else _error_type(message, payload, context)
    return Recorded(
        label, payload, context.service, operation, direction, "wire", error_type=error_type
    )


# --- naming an error response as botocore's parsers do -------------------------------------

# botocore's ResponseParser.parse: a status from here on is parsed as an error.
ERROR_STATUS = 301


def _error_type(response: dict[str, Any], payload: Any, context: Context) -> str | None:
    """The error's name as found outside the body's ``__type`` (raw: ``Name:uri`` as sent),
    or None where the body alone says (a success, or a ``__type`` botocore reads first)."""
    status = _status(response)
    if status is None or status < ERROR_STATUS:
        return None
    naming = _ERROR_NAMING.get(_model(context.service).protocol)
    return None if naming is None else naming(response, payload, status)


def _status(response: dict[str, Any]) -> int | None:
    """VCR.py's ``status: {code: 404}``; other recorders write the number alone."""
    status = response.get("status", response.get("status_code"))
    code = status.get("code") if isinstance(status, dict) else status
    if isinstance(code, int):
        return code
    return int(code) if isinstance(code, str) and code.isdigit() else None


def _json_error(_response: dict[str, Any], payload: Any, status: int) -> str | None:
    """``BaseJSONParser._do_error_parse``: the body's ``__type``, else the HTTP status; no
    header is read."""
    if isinstance(payload, dict) and "__type" in payload:
        return None
    return str(status)


def _rest_json_error(response: dict[str, Any], payload: Any, status: int) -> str | None:
    """``RestJSONParser._inject_error_code``: the ``x-amzn-ErrorType`` header, else the body's
    ``code`` (or ``Code``), else as for json."""
    named = header(response.get("headers"), "x-amzn-errortype")
    if named is not None:
        return named
    if isinstance(payload, dict) and ("code" in payload or "Code" in payload):
        code = payload.get("code", payload.get("Code"))
        if code is not None:
            return str(code)
    return _json_error(response, payload, status)


_ERROR_NAMING: dict[str, Callable[[dict[str, Any], Any, int], str | None]] = {
    "json": _json_error,
    "rest-json": _rest_json_error,
}


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
    from botocontract.codegen.load import load_installed  # noqa: PLC0415 - only cassettes need the model

    return load_installed(service)
