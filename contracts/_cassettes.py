"""VCR.py cassettes: every interaction's request and response, with its service and operation.

Each interaction names its own service and operation (``botocontract._wire.routing``: SigV4
scope, ``X-Amz-Target``, host; ``Action=``, method and URI), so one cassette may hold many
services; the command's ``--service`` is only the fallback. Bodies may be text, ``!!binary``
bytes, base64, or gzip. JSON bodies are decoded here; the others (XML, form-encoded, CBOR, and
a JSON body that is not JSON) go to the validator as bytes, which reads them per protocol, so
an HTML error page is a finding of its own interaction and the others are still judged. An
error response is named as botocore's parser names it, per protocol (``_ERROR_NAMING``).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

from botocontract._files import GZIP_MAGIC, FileProblem, gunzip
from botocontract._wire.bindings import HttpMessage
from botocontract._wire.messages import json_document
from botocontract._wire.routing import Request, model_of, operation_of, service_of
from botocontract._wire.xml_read import BodyProblem
from botocontract.errors import RecordingError
from botocontract.recordings import Recorded

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from botocontract.recordings import Context
    from botocontract.validation import Direction

JSON_PROTOCOLS = frozenset({"json", "rest-json"})
REST_PROTOCOLS = frozenset({"rest-json", "rest-xml"})


# --- bodies ----------------------------------------------------------------------------------


def decode_body(raw: Any) -> bytes:
    """A recorded HTTP body as bytes: text, ``!!binary`` bytes or base64; gunzipped if needed
    (``FileProblem`` when it inflates past the size limit: a gzip bomb)."""
    if isinstance(raw, dict):  # VCR.py: {"string": ...}; some tools: {"base64_string": ...}
        if "base64_string" in raw:
            return _maybe_gunzip(base64.b64decode(str(raw["base64_string"])))
        raw = raw.get("string", "")
    if raw is None:
        return b""
    data = raw if isinstance(raw, bytes) else str(raw).encode("utf-8")
    return _maybe_gunzip(data)


def _maybe_gunzip(data: bytes) -> bytes:
    return gunzip(data) if data.startswith(GZIP_MAGIC) else data


def _body(message: dict[str, Any], label: str, context: Context) -> bytes:
    """A message's body; one that cannot be inflated makes the whole file an input error."""
    try:
        return decode_body(message.get("body"))
    except FileProblem as problem:
        raise RecordingError(context.path, f"{label} body: {problem}") from None


def headers_of(raw: Any) -> dict[str, str]:
    """VCR.py's ``{name: [values]}`` as ``{lower-case name: first value}`` (bytes or text)."""
    if not isinstance(raw, dict):
        return {}
    found: dict[str, str] = {}
    for key, value in raw.items():
        first = value[0] if isinstance(value, list) and value else value
        found[str(key).lower()] = (
            first.decode("latin-1") if isinstance(first, bytes) else str(first)
        )
    return found


def header(headers: Any, name: str) -> str | None:
    """A header's value from VCR.py's ``{name: [values]}`` (any case; bytes or text)."""
    return headers_of(headers).get(name)


# --- cassettes -------------------------------------------------------------------------------


def cassette_payloads(
    interactions: list[Any], context: Context, prefix: str | None
) -> Iterator[Recorded]:
    """Request and response of every interaction, each judged against its own service."""
    for index, interaction in enumerate(interactions):
        label = "" if prefix is None else f"{prefix}{index}"
        yield from _interaction_payloads(interaction, label, context)


def _interaction_payloads(interaction: Any, label: str, context: Context) -> list[Recorded]:
    if not isinstance(interaction, dict) or not isinstance(interaction.get("request"), dict):
        return [_unjudged(label or "interaction", context, "an interaction without a request")]
    recorded = interaction["request"]
    request = Request(
        str(recorded.get("method", "")),
        str(recorded.get("uri", "")),
        headers_of(recorded.get("headers")),
        _body(recorded, f"{label}/request", context),
    )
    service = service_of(request, context.service)
    model = model_of(service) if service is not None else None
    if service is None or model is None:
        return [_unjudged(f"{label}/request", context, _unknown_request(request))]
    operation = operation_of(request, model)
    rest = model.protocol in REST_PROTOCOLS
    found = []
    if request.body or rest:  # rest requests have URI, header and query members too
        http = HttpMessage(request.headers, uri=request.uri) if rest else None
        found.append(_message(request.body, f"{label}/request", (service, operation), http=http))
    response = interaction.get("response")
    if isinstance(response, dict):
        body = _body(response, f"{label}/response", context)
        error_type = _error_type(response, body, model.protocol)
        http = HttpMessage(headers_of(response.get("headers")), status=_status(response))
        found.append(
            _message(
                body,
                f"{label}/response",
                (service, operation),
                error_type,
                http=http if rest else None,
            )
        )
    return found


def _unknown_request(request: Request) -> str:
    clues = [
        f"signed for {request.signing_name!r}" if request.signing_name else "",
        f"X-Amz-Target {request.header('x-amz-target')}" if request.target else "",
        f"host {request.host}" if request.host else "",
    ]
    said = "; ".join(clue for clue in clues if clue) or "no signature, target or AWS host"
    return f"{request.method} {request.path} matches no operation of a botocore service ({said})"


def _unjudged(label: str, context: Context, problem: str) -> Recorded:
    return Recorded(label, None, context.service, None, "request", "wire", problem=problem)


def _message(
    body: bytes,
    label: str,
    target: tuple[str, str | None],
    error_type: str | None = None,
    *,
    http: HttpMessage | None = None,
) -> Recorded:
    service, operation = target
    direction: Direction = "request" if label.endswith("/request") else "response"
    model = model_of(service)
    payload: Any = body
    if model is not None and model.protocol in JSON_PROTOCOLS:
        try:  # decoded here, so that every reader of recordings sees the JSON
            payload = json_document(body)
        except BodyProblem:
            payload = body  # the validator says what is wrong with it, for this payload only
    return Recorded(
        label, payload, service, operation, direction, "wire", error_type=error_type, http=http
    )


# --- naming an error response as botocore's parsers do -------------------------------------

# botocore's ResponseParser.parse: a status from here on is parsed as an error.
ERROR_STATUS = 301


def _error_type(response: dict[str, Any], body: bytes, protocol: str) -> str | None:
    """The error's name as found outside the body (raw: ``Name:uri`` as sent), or None where
    the body alone says (a success, a ``__type`` or an XML ``<Code>`` botocore reads first)."""
    status = _status(response)
    if status is None or status < ERROR_STATUS:
        return None
    naming = _ERROR_NAMING.get(protocol, _status_if_empty)
    return naming(response, body, status)


def _status(response: dict[str, Any]) -> int | None:
    """VCR.py's ``status: {code: 404}``; other recorders write the number alone."""
    status = response.get("status", response.get("status_code"))
    code = status.get("code") if isinstance(status, dict) else status
    if isinstance(code, int):
        return code
    return int(code) if isinstance(code, str) and code.isdigit() else None


def _parsed(body: bytes) -> Any:
    try:
        return json_document(body)
    except BodyProblem:
        return None


def _json_error(_response: dict[str, Any], body: bytes, status: int) -> str | None:
    """``BaseJSONParser._do_error_parse``: the body's ``__type``, else the HTTP status; no
    header is read."""
    payload = _parsed(body)
    if isinstance(payload, dict) and "__type" in payload:
        return None
    return str(status)


def _rest_json_error(response: dict[str, Any], body: bytes, status: int) -> str | None:
    """``RestJSONParser._inject_error_code``: the ``x-amzn-ErrorType`` header, else the body's
    ``code`` (or ``Code``), else as for json."""
    named = header(response.get("headers"), "x-amzn-errortype")
    if named is not None:
        return named
    payload = _parsed(body)
    if isinstance(payload, dict) and ("code" in payload or "Code" in payload):
        code = payload.get("code", payload.get("Code"))
        if code is not None:
            return str(code)
    return _json_error(response, body, status)


def _status_if_empty(_response: dict[str, Any], body: bytes, status: int) -> str | None:
    """XML protocols name the error in the body (``<Code>``); a body-less error response
    (S3's HEAD 404) is named by its status, as botocore names it."""
    return None if body.strip() else str(status)


_ERROR_NAMING: dict[str, Callable[[dict[str, Any], bytes, int], str | None]] = {
    "json": _json_error,
    "rest-json": _rest_json_error,
}
