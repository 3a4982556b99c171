"""One probe request: sent through a real botocore client, its HTTP answer captured and judged.

The client is the one boto3 hands out (boto3 only wraps botocore's), with fixed dummy
credentials (never the user's), one attempt, and a timeout. The raw response is judged as
``validate`` judges a cassette's: its body and HTTP bindings in the wire form, an error body
against the operation's modeled errors; a success's parsed response also in the boto3 form. A
5xx answer is a server crash, judged no further.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from botocontract._cassettes import _error_type, _message
from botocontract.recordings import validate_recorded
from botocontract.validation import Issue, validate

if TYPE_CHECKING:
    from collections.abc import Mapping

    from botocontract.validation import Report

DUMMY_KEY = "testing"
REGION = "us-east-1"
SERVER_ERROR = 500
ERROR = 300
BODY_SHOWN = 600  # characters of a response body kept for the report

Outcome = Literal["answered", "error", "crash", "unsent"]


@dataclass(frozen=True)
class Answer:
    """What the endpoint said to one request, and what the contract says about it."""

    outcome: Outcome
    status: int | None
    body: str  # the start of the body, for the report
    issues: tuple[tuple[str, Issue], ...]  # (form judged: wire, boto3 or http, the issue)
    parsed: Any = None  # the boto3-form response of a success (for stateful probing)
    error_code: str | None = None


@dataclass
class RawResponse:
    """The HTTP answer as the endpoint sent it, before botocore parsed it."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes


class Capture:
    """The last HTTP answer one client received. Taken before botocore parses it, so a body
    botocore cannot parse (an HTML 500 to an XML service) is still judged."""

    def __init__(self) -> None:
        self.response_dict: dict[str, Any] | None = None
        self.http: Any = None

    def clear(self) -> None:
        self.response_dict = None
        self.http = None

    def before_parse(self, response_dict: dict[str, Any] | None = None, **_: Any) -> None:
        self.response_dict = response_dict

    def after_call(self, http_response: Any = None, **_: Any) -> None:
        self.http = http_response

    def raw(self) -> RawResponse | None:
        if self.response_dict is None:
            return None
        body = self.response_dict.get("body", b"")
        if not isinstance(body, bytes):  # a streamed success: read now, the caller drops it
            body = b"" if self.http is None else self.http.content or b""
        status = int(self.response_dict["status_code"])
        return RawResponse(status, self.response_dict.get("headers", {}), body)


@dataclass(frozen=True)
class ProbeClient:
    """A botocore client and what it last received."""

    client: Any
    capture: Capture


@cache
def _session() -> Any:
    """One botocore session for every probe of the process: it caches the models it loaded, so
    a probe's clients are made in milliseconds, not a quarter second each. Clients (and their
    captures) stay per probe."""
    import botocore.session  # noqa: PLC0415 - loads only when probing

    return botocore.session.Session()


def service_model(service: str) -> Any:
    """botocore's model of ``service``, as the probe's clients see it."""
    return _session().get_service_model(service)


def make_client(service: str, endpoint_url: str, timeout: float) -> ProbeClient:
    from botocore.config import Config  # noqa: PLC0415

    config = Config(
        retries={"total_max_attempts": 1, "mode": "standard"},
        connect_timeout=timeout,
        read_timeout=timeout,
        inject_host_prefix=False,  # a fake answers on one host
        s3={"addressing_style": "path"},
        parameter_validation=True,
    )
    client = _session().create_client(
        service,
        region_name=REGION,
        endpoint_url=endpoint_url,
        aws_access_key_id=DUMMY_KEY,
        aws_secret_access_key=DUMMY_KEY,
        aws_session_token=None,
        config=config,
    )
    capture = Capture()
    client.meta.events.register("before-parse", capture.before_parse)
    client.meta.events.register("after-call", capture.after_call)
    return ProbeClient(client, capture)


def send(probe_client: ProbeClient, service: str, operation: str, params: dict[str, Any]) -> Answer:
    """Call ``operation`` with ``params`` and judge what came back."""
    from botocore import xform_name  # noqa: PLC0415
    from botocore.exceptions import (  # noqa: PLC0415
        BotoCoreError,
        ClientError,
        ConnectionClosedError,
        EndpointConnectionError,
        ParamValidationError,
        ReadTimeoutError,
    )
    from botocore.parsers import ResponseParserError  # noqa: PLC0415

    method = getattr(probe_client.client, xform_name(operation))
    capture = probe_client.capture
    capture.clear()
    parsed: Any = None
    try:
        parsed = method(**params)
    except ClientError as error:
        parsed = error.response
    except ResponseParserError:
        parsed = None  # judged from the raw answer below
    except (ReadTimeoutError, ConnectionClosedError, EndpointConnectionError) as error:
        issue = Issue("", "", "no_answer", "an answer", "none", str(error))
        return Answer("crash", None, "", (("http", issue),))
    except (ParamValidationError, BotoCoreError) as error:
        if capture.response_dict is not None:  # refused what it received: judged below
            parsed = None
        else:  # the contract drew what botocore refuses to send (a rule outside the model)
            refusal = str(error)
            issue = Issue("", "", "unsendable", "a request botocore sends", "refused", refusal)
            return Answer("unsent", None, "", (("request", issue),))
    http = capture.raw()
    if http is None:
        raise RuntimeError(f"{operation}: no HTTP response was captured")
    return judge(service, operation, http, parsed)


def judge(service: str, operation: str, http: RawResponse, parsed: Any) -> Answer:
    status = int(http.status_code)
    raw = http.content or b""
    shown = raw[:BODY_SHOWN].decode("utf-8", "replace")
    if status >= SERVER_ERROR:
        first = shown.strip().splitlines()[0][:200] if shown.strip() else "(no body)"
        issue = Issue("", "", "server_error", "an answer or a modeled error", str(status), first)
        return Answer("crash", status, shown, (("http", issue),))
    headers = {str(key).lower(): str(value) for key, value in http.headers.items()}
    response = {"status": {"code": status}, "headers": {k: [v] for k, v in headers.items()}}
    error_type = _error_type(response, raw, _protocol(service))
    item = _message(
        raw,
        "probe/response",
        (service, operation),
        error_type,
        http=_http(service, headers, status),
    )
    wire = validate_recorded(item, operation)
    issues = [*_tagged(wire, "wire")]
    if status < ERROR:
        boto3 = validate(parsed, service, operation=operation, form="boto3")
        issues.extend(_tagged(boto3, "boto3"))
        return Answer("answered", status, shown, tuple(issues), parsed)
    code = parsed_code(parsed)
    return Answer("error", status, shown, tuple(issues), error_code=code)


def parsed_code(parsed: Any) -> str | None:
    return None if not isinstance(parsed, dict) else parsed.get("Error", {}).get("Code")


def _tagged(report: Report, form: str) -> list[tuple[str, Issue]]:
    return [(form, issue) for issue in report.issues]


def _protocol(service: str) -> str:
    from botocontract._wire.routing import model_of  # noqa: PLC0415

    model = model_of(service)
    return "" if model is None else str(model.protocol)


def _http(service: str, headers: dict[str, str], status: int) -> Any:
    from botocontract._cassettes import REST_PROTOCOLS  # noqa: PLC0415
    from botocontract._wire.bindings import HttpMessage  # noqa: PLC0415

    return HttpMessage(headers, status=status) if _protocol(service) in REST_PROTOCOLS else None
