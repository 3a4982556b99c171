"""A request's blob may be any str in the boto3 form, as botocore takes it; a response's may not.

botocore's ParamValidator takes bytes, bytearray, str or a file-like object for a blob, and its
serializers send a str as its UTF-8. Each case here is a call a real botocore client makes (its
HTTP request answered in-process) with plain text at a blob, for a JSON, a rest-json, a query
and a rest-xml service; ``validate`` and the generated model take the same request, while the
same text at a blob of a response is still refused, and a number at a request's blob too.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

import pytest
from botocontract import validate
from botocontract.codegen.customizations import request_shapes
from botocontract.codegen.load import load_service
from botocontract.constants import request_key
from botocore.exceptions import ParamValidationError
from pydantic import ValidationError

from tests.botocore_client import answered
from tests.model_packages import emit_package

if TYPE_CHECKING:
    from types import ModuleType

TEXT = "plain text, not base64 ü"

_SNS_PUBLISHED = (
    '<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>'
    "<MessageId>m</MessageId></PublishResult>"
    "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></PublishResponse>"
)


def _binary_attribute(protocol_key: str) -> dict[str, Any]:
    return {"a": {"DataType": "Binary", protocol_key: TEXT}}


# (service, operation, canned answer, the request with plain text at a blob, that blob)
CALLS = [
    pytest.param(
        "kms",
        "Encrypt",
        '{"CiphertextBlob": "QUJD", "KeyId": "k"}',
        {"KeyId": "k", "Plaintext": TEXT},
        "/Plaintext",
        id="json-kms",
    ),
    pytest.param(
        "kinesis",
        "PutRecord",
        '{"ShardId": "shardId-000000000000", "SequenceNumber": "1"}',
        {"StreamName": "s", "Data": TEXT, "PartitionKey": "p"},
        "/Data",
        id="json-kinesis",
    ),
    pytest.param(
        "sqs",
        "SendMessage",
        '{"MessageId": "m", "MD5OfMessageBody": "x"}',
        {
            "QueueUrl": "https://sqs.us-east-1.amazonaws.com/1/q",
            "MessageBody": "hi",
            "MessageAttributes": _binary_attribute("BinaryValue"),
        },
        "/MessageAttributes/a/BinaryValue",
        id="json-sqs",
    ),
    pytest.param(
        "lambda",
        "Invoke",
        "{}",
        {"FunctionName": "f", "Payload": TEXT},
        "/Payload",
        id="rest-json-lambda",
    ),
    pytest.param(
        "sns",
        "Publish",
        _SNS_PUBLISHED,
        {"Message": "hi", "TopicArn": "arn:aws:sns:us-east-1:1:t"}
        | {"MessageAttributes": _binary_attribute("BinaryValue")},
        "/MessageAttributes/a/BinaryValue",
        id="query-sns",
    ),
    pytest.param(
        "s3",
        "PutObject",
        "",
        {"Bucket": "b", "Key": "k", "Body": TEXT},
        "/Body",
        id="rest-xml-s3",
    ),
]


def _at(payload: Any, pointer: str, value: Any) -> Any:
    """A copy of ``payload`` with ``value`` at ``pointer`` (copied along the way)."""
    step, _, rest = pointer.strip("/").partition("/")
    if isinstance(payload, list):
        index = int(step)
        item = _at(payload[index], rest, value) if rest else value
        return [*payload[:index], item, *payload[index + 1 :]]
    return {**payload, step: _at(payload[step], rest, value) if rest else value}


@pytest.mark.parametrize(("service", "operation", "answer", "request_", "blob"), CALLS)
def test_a_client_takes_text_at_a_blob_and_so_does_the_boto3_form(
    service: str, operation: str, answer: str, request_: dict[str, Any], blob: str
) -> None:
    answered(service, operation, answer, **request_)  # botocore validated and sent it
    report = validate(request_, service, operation=operation, direction="request", form="boto3")
    assert report.issues == (), report.issues
    auto = validate(request_, service, operation=operation, direction="request")
    assert auto.ok, auto.issues


@pytest.mark.parametrize(("service", "operation", "answer", "request_", "blob"), CALLS)
def test_a_number_at_a_request_blob_is_still_refused(
    service: str, operation: str, answer: str, request_: dict[str, Any], blob: str
) -> None:
    bad = _at(request_, blob, 5)
    with pytest.raises(ParamValidationError):
        answered(service, operation, answer, **bad)
    report = validate(bad, service, operation=operation, direction="request", form="boto3")
    [issue] = [issue for issue in report.errors if issue.path == blob]
    if operation not in ("Invoke", "PutObject"):  # a body's member-level anyOf is not worded
        assert issue.expected.endswith(" or any text")  # what a request's blob takes


def test_bytes_in_a_request_keep_their_sizes() -> None:
    # Bytes reach the schema as base64, which bounds their sizes from outside as it did (4,097
    # bytes encode as long as 4,096); the text reading takes no more of them.
    for size, ok in ((4096, True), (4100, False), (0, False)):
        request_ = {"KeyId": "k", "Plaintext": b"x" * size}
        report = validate(request_, "kms", operation="Encrypt", direction="request", form="boto3")
        assert report.ok is ok, (size, report.issues)
    too_long = {"KeyId": "k", "Plaintext": "x" * 4097 + "!"}  # text: 4,098 bytes
    report = validate(too_long, "kms", operation="Encrypt", direction="request", form="boto3")
    assert not report.ok


def test_a_request_body_may_be_a_file_like_object() -> None:
    request_ = {"Bucket": "b", "Key": "k", "Body": io.BytesIO(b"data")}
    answered("s3", "PutObject", "", **request_)
    report = validate(request_, "s3", operation="PutObject", direction="request", form="boto3")
    assert report.issues == (), report.issues


# --- responses keep today's rule -------------------------------------------------------------


@pytest.mark.parametrize(
    ("service", "operation", "response", "blob"),
    [
        ("kms", "Decrypt", {"KeyId": "k", "Plaintext": TEXT}, "/Plaintext"),
        (
            "sqs",
            "ReceiveMessage",
            {
                "Messages": [
                    {"MessageId": "m", "MessageAttributes": _binary_attribute("BinaryValue")}
                ]
            },
            "/Messages/0/MessageAttributes/a/BinaryValue",
        ),
        (
            "kinesis",
            "GetRecords",
            {"Records": [{"SequenceNumber": "1", "Data": TEXT, "PartitionKey": "p"}]},
            "/Records/0/Data",
        ),
    ],
)
def test_text_at_a_response_blob_is_still_refused(
    service: str, operation: str, response: dict[str, Any], blob: str
) -> None:
    report = validate(response, service, operation=operation, form="boto3")
    assert blob in {issue.path for issue in report.errors}, report.issues
    for dumped in ("UExBSU4=", "b'PLAIN'"):  # base64 text, and json.dumps(default=str) of bytes
        fine = _at(response, blob, dumped)
        assert validate(fine, service, operation=operation, form="boto3").ok, dumped


def test_a_real_client_hands_over_bytes_for_a_response_blob() -> None:
    output = answered(
        "kms", "Decrypt", '{"KeyId": "k", "Plaintext": "UExBSU4="}', CiphertextBlob=b"c"
    )
    assert output["Plaintext"] == b"PLAIN"
    assert validate(output, "kms", operation="Decrypt").ok


def test_a_shape_both_directions_reach_is_defined_twice() -> None:
    # SQS's MessageAttributeValue travels in SendMessage and in ReceiveMessage's answer.
    found = request_shapes(load_service("sqs"))
    assert {"MessageAttributeValue", "Binary"} <= found.twinned
    assert "SendMessageRequest" in found.in_place  # only requests reach it: defined once
    value = {"DataType": "Binary", "BinaryValue": TEXT}
    shape = "MessageAttributeValue"
    assert not validate(value, "sqs", shape=shape, form="boto3").ok
    assert validate(value, "sqs", shape=shape, direction="request", form="boto3").ok
    report = validate(value, "sqs", shape=request_key(shape), form="boto3")
    assert report.ok  # the request definition is a key of its own in $defs


def test_issues_in_a_request_definition_name_the_shape() -> None:
    value = {"DataType": "Binary", "BinaryValue": 5, "Other": 1}
    report = validate(
        value, "sqs", shape="MessageAttributeValue", direction="request", form="boto3"
    )
    assert {issue.shape for issue in report.issues} == {"MessageAttributeValue", "Binary"}
    assert "MessageAttributeValue@request" not in " ".join(i.message for i in report.issues)


# --- the models follow the schema --------------------------------------------------------------


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    root = tmp_path_factory.mktemp("request_blobs")
    return {name: emit_package(name, root, f"{name}_request_models") for name in ("kms", "sqs")}


def test_models_of_requests_take_text_at_a_blob(models: dict[str, ModuleType]) -> None:
    kms = models["kms"].models
    encrypt = kms.EncryptRequest.model_validate({"KeyId": "k", "Plaintext": TEXT})
    assert encrypt.Plaintext == TEXT.encode()  # what botocore sends for it
    from_json = kms.EncryptRequest.model_validate_json('{"KeyId": "k", "Plaintext": "UExBSU4="}')
    assert from_json.Plaintext == b"PLAIN"  # a dump's base64 is the bytes it holds
    with pytest.raises(ValidationError):
        kms.EncryptRequest.model_validate({"KeyId": "k", "Plaintext": 5})
    with pytest.raises(ValidationError):
        kms.DecryptResponse.model_validate({"KeyId": "k", "Plaintext": TEXT})
    sqs = models["sqs"].models
    attributes = {"MessageAttributes": _binary_attribute("BinaryValue")}
    sqs.SendMessageRequest.model_validate({"QueueUrl": "q", "MessageBody": "hi", **attributes})
    with pytest.raises(ValidationError):
        sqs.Message.model_validate({"MessageId": "m", **attributes})
