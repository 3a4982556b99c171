"""A real botocore client whose HTTP requests are answered in-process with a canned body.

What the client returns (or the ``response`` of the ClientError it raises) is what boto3 hands
user code: botocore's parser and every handler registered on the client's events ran on it.
"""

from __future__ import annotations

from typing import Any

from botocontract._wire.client_parse import REGION, RawBody, _session, offline_client
from botocore import UNSIGNED
from botocore.awsrequest import AWSResponse
from botocore.config import Config
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


_SIGV4A = frozenset({"cloudfront-keyvaluestore"})  # its endpoint rules pick SigV4a (crt)


class AnsweringClient:
    """One client for many calls, each answered with the body set for it. It never retries: an
    error a service would be retried on (throttling, 5xx) is raised at once, without sleeping.
    Endpoint discovery (botocore asks the service first, for some services) gets an endpoint."""

    def __init__(self, service: str) -> None:
        config = Config(retries={"total_max_attempts": 1})
        signing = _session().get_service_model(service).metadata.get("signatureVersion")
        if signing == "bearer" or service in _SIGV4A:  # no SSO token, no crt offline
            config = config.merge(Config(signature_version=UNSIGNED))
        self.client = offline_client(service, REGION, config)
        self._answer: tuple[int, dict[str, str], bytes] = (200, {}, b"")
        self._discovery = _discovery_target(self.client.meta.service_model)
        self._calling = ""  # the X-Amz-Target of the operation called: its answer is canned
        self.client.meta.events.register("before-send", self._send)

    def _send(self, request: Any, **_: Any) -> AWSResponse:
        status, headers, body = self._answer
        target = request.headers.get("X-Amz-Target", b"")
        if self._discovery and target.decode() == self._discovery != self._calling:
            status, headers, body = 200, {}, _DISCOVERED
        return AWSResponse(request.url, status, dict(headers), RawBody(body))  # type: ignore[arg-type]

    def call(
        self, operation: str, answer: tuple[int, dict[str, str], bytes], params: dict[str, Any]
    ) -> Any:
        """The client's output of ``operation`` (or the ClientError it raises)."""
        self._answer = answer
        self._calling = f"{self.client.meta.service_model.metadata.get('targetPrefix')}.{operation}"
        return getattr(self.client, botocore_method(self.client, operation))(**params)


_DISCOVERED = (
    b'{"Endpoints": [{"Address": "discovered.example.invalid", "CachePeriodInMinutes": 9}]}'
)


def _discovery_target(model: Any) -> str | None:
    """The X-Amz-Target of the service's endpoint-discovery operation, if it has one."""
    for name in model.operation_names:
        if model.operation_model(name).is_endpoint_discovery_operation:
            return f"{model.metadata['targetPrefix']}.{name}"
    return None


def botocore_method(the_client: Any, operation: str) -> str:
    names = {value: key for key, value in the_client.meta.method_to_api_mapping.items()}
    return names[operation]
