"""A drawn response as a botocore client hands it to user code.

The boto3 form a strategy draws is the model's text; what boto3 returns is what botocore's parser
and handlers make of the wire. This module sends a drawn response the way botocore's endpoint
receives one: the wire body (and, for rest protocols, the header members written by botocore's
own serializer) becomes an HTTP response, ``botocore.endpoint.convert_to_response_dict`` reads it,
the ``before-parse`` handlers run, the client's parser parses it and, unless a Stubber call will
run them later, the ``after-call`` handlers too. Nothing of botocore is re-stated here.
"""

from __future__ import annotations

import io
import json
from functools import cache
from typing import Any

from botocontract._json_form import to_json_value

REGION = "us-east-1"
_DUMMY = "testing"  # credentials of a client that never sends a request


@cache
def _session() -> Any:
    import botocore.session  # noqa: PLC0415

    return botocore.session.get_session()


def offline_client(service: str, region: str = REGION, config: Any = None) -> Any:
    """A new client with dummy credentials, for calls answered in-process (never sent)."""
    return _session().create_client(
        service,
        region_name=region,
        config=config,
        aws_access_key_id=_DUMMY,
        aws_secret_access_key=_DUMMY,
        aws_session_token=_DUMMY,
    )


_client = cache(offline_client)  # parsing only: one client per service serves every draw


class RawBody:
    """The body as urllib3 hands it to botocore (``read`` and ``stream``)."""

    def __init__(self, body: bytes) -> None:
        self._stream = io.BytesIO(body)

    def read(self, amt: int | None = None) -> bytes:
        return self._stream.read(amt)

    def stream(self, amt: int = 1024, decode_content: bool = True) -> Any:
        while chunk := self._stream.read(amt):
            yield chunk


def parsed_output(
    service: str, operation: str, drawn: tuple[Any, Any], *, after_call: bool = True
) -> dict[str, Any]:
    """``drawn`` (the boto3 and wire forms of one output) as the client returns it."""
    from botocore.awsrequest import AWSResponse  # noqa: PLC0415
    from botocore.endpoint import convert_to_response_dict  # noqa: PLC0415

    client = _client(service)
    model = client.meta.service_model.operation_model(operation)
    boto3, wire = drawn
    headers, status = _http_parts(client, model, boto3)
    body = _body(wire)
    http = AWSResponse("https://example.invalid/", status, headers, RawBody(body))
    http.headers["content-length"] = str(len(body))
    response = convert_to_response_dict(http, model)
    service_id = client.meta.service_model.service_id.hyphenize()
    events = client.meta.events
    customized: dict[str, Any] = {}
    events.emit(
        f"before-parse.{service_id}.{operation}",
        operation_model=model,
        response_dict=response,
        customized_response_dict=customized,
    )
    parsed: dict[str, Any] = client._response_parser.parse(response, model.output_shape)  # noqa: SLF001
    parsed.update(customized)
    if after_call:
        events.emit(
            f"after-call.{service_id}.{operation}",
            http_response=http,
            parsed=parsed,
            model=model,
            context={},
        )
    return parsed


def _body(wire: Any) -> bytes:
    if isinstance(wire, bytes):
        return wire
    if isinstance(wire, str):
        return wire.encode()
    return json.dumps(to_json_value(wire)[0]).encode()


def _http_parts(client: Any, model: Any, boto3: Any) -> tuple[dict[str, str], int]:
    """Header and status-code members, written as botocore's serializer writes headers."""
    shape = model.output_shape
    if shape is None or not isinstance(boto3, dict):
        return {}, 200
    status = 200
    partitioned: dict[str, Any] = {"headers": {}}
    serializer = _serializer(client.meta.service_model.resolved_protocol)
    for name, member in shape.members.items():
        location = member.serialization.get("location")
        if name not in boto3 or location not in ("header", "headers", "statusCode"):
            continue
        if location == "statusCode":
            status = int(boto3[name])
        else:
            serializer._partition_parameters(partitioned, name, boto3[name], shape.members)  # noqa: SLF001
    return {key: str(value) for key, value in partitioned["headers"].items()}, status


@cache
def _serializer(protocol: str) -> Any:
    import botocore.serialize  # noqa: PLC0415

    return botocore.serialize.create_serializer(protocol, include_validation=False)
