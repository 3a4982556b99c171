"""A real botocore client whose HTTP requests are answered in-process with a canned body.

What the client returns (or the ``response`` of the ClientError it raises) is what boto3 hands
user code: botocore's parser and every handler registered on the client's events ran on it.
"""

from __future__ import annotations

from typing import Any

from botocontract._wire.client_parse import REGION, RawBody, offline_client
from botocore.awsrequest import AWSResponse
from botocore.exceptions import ClientError


def client(service: str, region: str = REGION) -> Any:
    return offline_client(service, region)


def answered(  # noqa: PLR0913 - a call and its canned answer
    service: str,
    operation: str,
    body: bytes | str,
    *,
    status: int = 200,
    headers: dict[str, str] | None = None,
    region: str = REGION,
    **params: Any,
) -> dict[str, Any]:
    """The client's output of ``operation`` when the service answers ``body``."""
    raw = body.encode() if isinstance(body, str) else body
    the_client = client(service, region)

    def on_send(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, status, dict(headers or {}), RawBody(raw))  # type: ignore[arg-type]

    the_client.meta.events.register(f"before-send.{service}", on_send)
    method = getattr(the_client, botocore_method(the_client, operation))
    try:
        output: dict[str, Any] = method(**params)
    except ClientError as error:
        return dict(error.response)
    return output


def botocore_method(the_client: Any, operation: str) -> str:
    names = {value: key for key, value in the_client.meta.method_to_api_mapping.items()}
    return names[operation]
