"""Every jsonvalue, streaming, NaN-capable and error case of botocore's models, by name.

Each case (``tests/model_cases.py``) gets the smallest response its model allows with the case's
value in place, written by botocore's serializers (``tests/canned_wire.py``), and a real
botocore client answers a call of the operation with it; what the client hands back (or the
``response`` of the ClientError it raises) must validate in the boto3 form, and a JSON body in
the wire form too:

- ``jsonvalue``: a JSON object in the header (base64, as services send it) or the body (as an
  object and as JSON text); boto3 gives what was sent, a header's decoded to a dict.
- ``streaming`` / ``eventstream``: the payload is a StreamingBody or an EventStream; the output
  and its ``json.dumps(default=str)`` validate.
- ``nan``: every float position of an output holds NaN (JSON: the text ``"NaN"``; XML: ``NaN``).
- ``error``: each modeled error of each operation, with the shape's wire code (``error.code``)
  and HTTP status in its protocol's envelope: the client raises, and the report names the shape.

A case that cannot be checked says why (``Skipped``); the names checked and skipped together
must be every name enumerated. CI checks every case of every service, except errors: those of
every query, ec2 and rest-xml service and of ``JSON_ERROR_SERVICES``;
``BOTOCONTRACT_FULL_SWEEP=1`` checks the errors of every service too. With botocore 1.43 that
is 8,271 cases in CI (about 2 minutes on one core) and 86,318 in the full sweep (about 5).
"""

from __future__ import annotations

import json
import math
import os
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import Any

import pytest
from botocontract import validate
from botocore.exceptions import ClientError

from tests.botocore_client import AnsweringClient, botocore_method
from tests.canned_wire import (
    ITEM,
    VALUE,
    Answer,
    UndrawableError,
    error_answer,
    output_answer,
    smallest,
)
from tests.model_cases import KINDS, Case, cases, service_model, services

FULL = os.environ.get("BOTOCONTRACT_FULL_SWEEP") == "1"
XML_PROTOCOLS = frozenset({"query", "ec2", "rest-xml"})
# JSON services whose errors CI checks: the query-compatible ones (a code in a header) and one
# of each protocol whose errors botocore's handlers touch.
JSON_ERROR_SERVICES = frozenset({"sqs", "cloudwatch", "dynamodb", "codebuild", "lambda", "kms"})
JSON_OBJECT = {"key": ["value", 1, {"nested": True}]}
STREAMED = b"streamed \x00 bytes"


@dataclass(frozen=True)
class Skipped:
    reason: str


_IN_EVENTS = "only in event-stream events: no botocore serializer writes their frames"
# Every case that cannot be checked, and why: the cases a run skips must be exactly these (of
# the services it runs), so a new one is seen and a stale one removed.
UNCHECKABLE: dict[str, str] = {
    **dict.fromkeys(
        ("bedrock-agentcore:ToolResultStructuredContent.executionTime",),
        _IN_EVENTS,
    ),
    "cloudwatch:GetDashboard:DashboardNotFoundError": "its code ResourceNotFound is also "
    "ResourceNotFound's: botocore reads that",
    **dict.fromkeys(  # the errors' required ResourceARN
        (
            f"fsx:{operation}:{error}"
            for operation in ("ListTagsForResource", "TagResource", "UntagResource")
            for error in (
                "NotServiceResourceError",
                "ResourceDoesNotSupportTagging",
                "ResourceNotFound",
            )
        ),
        "botocontract's strategy draws no ResourceARN (look-around pattern)",
    ),
}
# botocore's endpoint discovery answers this error by discovering again and retrying, as long
# as the service keeps sending it: a canned answer would loop for ever.
_REDISCOVERED = "botocore rediscovers the endpoint and retries for as long as it is sent"


def _endless_rediscovery(model: Any, shape: Any) -> bool:
    discovered = any(
        model.operation_model(name).is_endpoint_discovery_operation
        for name in model.operation_names
    )
    status = shape.metadata.get("error", {}).get("httpStatusCode")
    return discovered and (shape.error_code == "InvalidEndpointException" or status == 421)


UNCHECKABLE.update(
    dict.fromkeys(
        (
            case.name
            for service in ("timestream-query", "timestream-write")
            for case in cases(service)
            if case.error
            and _endless_rediscovery(
                service_model(service), service_model(service).shape_for(case.error)
            )
        ),
        _REDISCOVERED,
    )
)
# The operations botocore takes off the client (the survey's "removed"): every case of theirs.
REMOVED = (
    ("bedrock-runtime", "InvokeModelWithBidirectionalStream"),
    ("connecthealth", "StartMedicalScribeListeningSession"),
    ("lexv2-runtime", "StartConversation"),
    ("polly", "StartSpeechSynthesisStream"),
    ("qbusiness", "Chat"),
)
UNCHECKABLE.update(
    {
        case.name: f"botocore takes {operation} off the client: boto3 cannot call it"
        for service, operation in REMOVED
        for case in cases(service)
        if case.operation == operation
    }
)
# Real bugs found here and not fixed yet, by name; each must still fail, so a fix takes it off.
KNOWN_FAILURES: dict[str, str] = {}


def _errors_checked(service: str) -> bool:
    protocol = service_model(service).resolved_protocol
    return FULL or protocol in XML_PROTOCOLS or service in JSON_ERROR_SERVICES


def _selected(service: str) -> list[Case]:
    found = cases(service)
    return found if _errors_checked(service) else [c for c in found if c.kind != "error"]


@cache
def _answering(service: str) -> AnsweringClient:
    return AnsweringClient(service)


# Inputs a handler reads beyond the model: the smallest string is no URL.
# Inputs a handler or an endpoint rule reads beyond the model: the smallest string is no URL
# or ARN. Per service, for the operations whose input has the member.
INPUTS = {
    "machinelearning": {"PredictEndpoint": "https://predict.example.invalid"},
    "kinesis": {
        "StreamARN": "arn:aws:kinesis:us-east-1:123456789012:stream/a",
        "ResourceARN": "arn:aws:kinesis:us-east-1:123456789012:stream/a",
        "ConsumerARN": "arn:aws:kinesis:us-east-1:123456789012:stream/a/consumer/c:1",
    },
    "cloudfront-keyvaluestore": {
        "KvsARN": "arn:aws:cloudfront::123456789012:key-value-store/a1b2c3d4-5678-90ab-cdef-0123"
    },
}


def _params(case: Case) -> dict[str, Any]:
    shape = service_model(case.service).operation_model(case.operation).input_shape
    if shape is None:
        return {}
    params = smallest(case.service, shape, for_input=True)
    given = INPUTS.get(case.service, {})
    return {**params, **{name: value for name, value in given.items() if name in shape.members}}


def _at(output: Any, path: tuple[str, ...]) -> Any:
    for step in path:
        if step == ITEM:
            output = output[0]
        elif step == VALUE:
            output = next(iter(output.values()))
        else:
            output = output[step]
    return output


def _issues(payload: Any, case: Case, form: str, error_type: str | None = None) -> list[str]:
    report = validate(
        payload, case.service, operation=case.operation, form=form, error_type=error_type
    )
    problems = [f"{form}: {issue.path} {issue.rule}: {issue.message}" for issue in report.issues]
    expected = case.error or _output_name(case)
    if report.shape != expected:
        problems.append(f"{form}: judged as {report.shape}, not {expected}")
    return problems


def _output_name(case: Case) -> str:
    return service_model(case.service).operation_model(case.operation).output_shape.name


def _answered(case: Case, answer: Answer) -> Any:
    call = (answer.status, answer.headers, answer.body)
    return _answering(case.service).call(case.operation, call, _params(case))


def _json_body(case: Case, answer: Answer) -> Any:
    """The body as JSON data, when the protocol's body is JSON (None: it is not)."""
    protocol = service_model(case.service).resolved_protocol
    if protocol not in {"json", "rest-json"} or not answer.body:
        return None
    return json.loads(answer.body)


def _output_case(case: Case, leaf: Any, expected: Any) -> list[str]:
    model = service_model(case.service)
    shape = model.operation_model(case.operation).output_shape
    answer = output_answer(
        model, case.operation, smallest(case.service, shape, path=case.path, leaf=leaf)
    )
    output = _answered(case, answer)
    got = _at(output, case.path)
    problems = [] if expected(got) else [f"the client returned {got!r} at {case.path}"]
    problems += _issues(output, case, "boto3")
    wire = _json_body(case, answer)
    if wire is not None and shape.serialization.get("payload") is None:
        problems += _issues(wire, case, "wire")
    return problems


def _check_jsonvalue(case: Case) -> list[str]:
    member = _member(case)
    if member.serialization.get("location") == "header":  # base64 JSON, decoded by botocore
        return _output_case(case, JSON_OBJECT, lambda got: got == JSON_OBJECT)
    as_text = json.dumps(JSON_OBJECT)
    problems = _output_case(case, JSON_OBJECT, lambda got: got == JSON_OBJECT)
    return problems + _output_case(case, as_text, lambda got: got == as_text)


def _member(case: Case) -> Any:
    shape = service_model(case.service).operation_model(case.operation).output_shape
    for step in case.path:
        if step == ITEM:
            shape = shape.member
        elif step == VALUE:
            shape = shape.value
        else:
            shape = shape.members[step]
    return shape


def _check_nan(case: Case) -> list[str] | Skipped:
    if case.through_event_stream:
        return Skipped("only in event-stream events: no botocore serializer writes their frames")
    return _output_case(case, math.nan, _is_nan)


def _is_nan(got: Any) -> bool:
    return got == "NaN" or (isinstance(got, float) and math.isnan(got))


def _check_payload(case: Case) -> list[str]:
    model = service_model(case.service)
    shape = model.operation_model(case.operation).output_shape
    payload = shape.serialization["payload"]
    tree = smallest(case.service, shape)
    if case.kind == "streaming":
        tree[payload] = STREAMED
    answer = output_answer(model, case.operation, tree)
    output = _answered(case, answer)
    got = output.get(payload)
    wanted = "read" if case.kind == "streaming" else "__iter__"
    problems = [] if hasattr(got, wanted) else [f"the client returned {got!r} as {payload}"]
    problems += _issues(output, case, "boto3")
    dumped = json.loads(json.dumps(output, default=str))
    return problems + [f"dumped: {problem}" for problem in _issues(dumped, case, "boto3")]


def _check_error(case: Case) -> list[str] | Skipped:
    model = service_model(case.service)
    shape = model.shape_for(case.error)
    owner = model.shape_for_error_code(shape.error_code)
    if owner is not None and owner.name != case.error:
        return Skipped(f"its code {shape.error_code} is also {owner.name}'s: botocore reads that")
    if _endless_rediscovery(model, shape):
        return Skipped(_REDISCOVERED)
    answer = error_answer(model, shape, smallest(case.service, shape))
    try:
        _answered(case, answer)
    except ClientError as error:
        problems = _issues(error.response, case, "boto3")
    else:
        return [f"no ClientError for status {answer.status}"]
    wire = _json_body(case, answer)
    if wire is not None:
        problems += _issues(wire, case, "wire", answer.headers.get("x-amzn-ErrorType"))
    return problems


CHECKS = {
    "jsonvalue": _check_jsonvalue,
    "streaming": _check_payload,
    "eventstream": _check_payload,
    "nan": _check_nan,
    "error": _check_error,
}


def _verdict(case: Case) -> list[str] | Skipped:
    the_client = _answering(case.service).client
    if not hasattr(the_client, botocore_method(the_client, case.operation)):
        return Skipped(f"botocore takes {case.operation} off the client: boto3 cannot call it")
    try:
        return CHECKS[case.kind](case)
    except UndrawableError as error:
        return Skipped(str(error))
    except Exception as error:  # noqa: BLE001 - a crash is that case's failure, not the service's
        return [f"crashed: {type(error).__name__}: {error}"]


@pytest.mark.parametrize("service", services())
def test_every_case_of_the_service_validates(service: str) -> None:
    selected = _selected(service)
    names = [case.name for case in selected]
    assert len(set(names)) == len(names)  # one name, one case
    verdicts = {case.name: _verdict(case) for case in selected}
    skipped = {name: found.reason for name, found in verdicts.items() if isinstance(found, Skipped)}
    checked = {name for name, found in verdicts.items() if not isinstance(found, Skipped)}
    assert checked | set(skipped) == set(names)
    assert skipped == {name: UNCHECKABLE[name] for name in names if name in UNCHECKABLE}
    failed = {name: found for name, found in verdicts.items() if name in checked and found}
    known = {name for name in names if name in KNOWN_FAILURES}
    unexpected = {name: problems for name, problems in failed.items() if name not in known}
    assert unexpected == {}, "\n".join(
        f"{name}: {problems}" for name, problems in unexpected.items()
    )
    assert known <= set(failed), "these pass now: take them off KNOWN_FAILURES"


def test_the_models_hold_cases_of_every_kind() -> None:
    # floors from botocore 1.43: an enumeration that stops finding a kind cannot pass quietly
    found = Counter(case.kind for service in services() for case in cases(service))
    floors = {"jsonvalue": 20, "streaming": 20, "eventstream": 15, "nan": 1400, "error": 80_000}
    assert {kind: found[kind] >= floor for kind, floor in floors.items()} == dict.fromkeys(
        KINDS, True
    ), found
