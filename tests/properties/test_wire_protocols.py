"""Every protocol's wire form, judged by botocore itself.

Output draws in the wire form (the XML document a query, ec2 or rest-xml service sends, the
JSON body of the JSON protocols) are parsed by botocore's own response parser and must equal
the paired boto3 form; input draws in the boto3 form are serialized by botocore's own
serializer and the body must validate. Error shapes too: the document botocore's parser reads
as the modeled error. Labelled invalid wire bodies (XML documents, form-encoded requests) are
rejected at the labelled pointer and nowhere else.
"""

from __future__ import annotations

import io
import json
from typing import Any

import botocore.session
import pytest
from botocontract import validate
from botocontract._json_form import non_finite_as_text
from botocontract._wire.encode import serialize_request
from botocontract.strategies import Invalid, invalid_strategy, paired_strategy, strategy
from botocore import xform_name
from botocore.awsrequest import AWSResponse
from botocore.parsers import create_parser
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

SETTINGS = settings(max_examples=20, suppress_health_check=list(HealthCheck), deadline=None)
OUTPUTS = [
    ("sts", "AssumeRole"),
    ("iam", "GetAccountAuthorizationDetails"),
    ("sns", "GetTopicAttributes"),
    ("cloudformation", "DescribeStacks"),
    ("ec2", "DescribeInstances"),
    ("ec2", "DescribeSecurityGroups"),
    ("s3", "ListObjectsV2"),
    ("s3", "GetBucketAcl"),
    ("s3", "GetBucketLifecycleConfiguration"),
    ("route53", "ListResourceRecordSets"),
    ("cloudfront", "GetDistribution"),
    ("codebuild", "BatchGetBuilds"),
    ("lambda", "GetFunctionConfiguration"),
]
INPUTS = [
    ("sts", "AssumeRole"),
    ("iam", "PutRolePolicy"),
    ("sns", "Publish"),
    ("ec2", "DescribeInstances"),
    ("ec2", "RunInstances"),
    ("s3", "PutBucketAcl"),
    ("s3", "DeleteObjects"),
    ("route53", "ChangeResourceRecordSets"),
]
# IAM names NoSuchEntityException "NoSuchEntity" on the wire (its error.code).
ERRORS = [
    ("iam", "GetRole", "NoSuchEntityException"),
    ("s3", "GetObject", "NoSuchKey"),
    ("s3", "GetObject", "InvalidObjectState"),
]


def model(service: str) -> Any:
    return botocore.session.get_session().get_service_model(service)


def body_members(shape: Any) -> set[str]:
    return {
        name for name, member in shape.members.items() if "location" not in member.serialization
    }


def parsed_by_botocore(service: str, shape: Any, body: Any, status: int = 200) -> Any:
    """What botocore's parser makes of ``body`` as a response of ``shape``."""
    if not isinstance(body, (bytes, str)):  # the JSON protocols' wire form is JSON data
        body = json.dumps(body).encode()
    parser = create_parser(model(service).resolved_protocol)
    parsed = parser.parse({"body": body, "headers": {}, "status_code": status}, shape)
    parsed.pop("ResponseMetadata", None)
    return parsed


@pytest.mark.parametrize(("service", "operation"), OUTPUTS, ids=[".".join(c) for c in OUTPUTS])
def test_output_wire_bodies_parse_back_to_the_boto3_form(service: str, operation: str) -> None:
    output = model(service).operation_model(operation).output_shape
    in_body = body_members(output)

    @SETTINGS
    @given(paired_strategy(service, output.name))
    def check(pair: tuple[Any, Any]) -> None:
        boto3, wire = pair
        expected = {key: value for key, value in boto3.items() if key in in_body}
        parsed = parsed_by_botocore(service, output, wire)
        assert non_finite_as_text(parsed) == non_finite_as_text(expected)
        report = validate(wire, service, operation=operation)
        assert report.issues == ()

    check()


@SETTINGS
@given(strategy("sts", "GetCallerIdentityResponse", form="wire"))
def test_xml_protocols_wire_form_is_the_document(body: bytes) -> None:
    assert body.startswith(b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/')


@pytest.mark.parametrize(("service", "operation"), INPUTS, ids=[".".join(c) for c in INPUTS])
def test_input_serialized_by_botocore_validates_in_the_wire_form(
    service: str, operation: str
) -> None:
    shape = model(service).operation_model(operation).input_shape

    @SETTINGS
    @given(strategy(service, shape.name))
    def check(params: dict[str, Any]) -> None:
        body = serialize_request(service, operation, params)["body"]
        if isinstance(body, dict):
            from botocore.utils import percent_encode_sequence  # noqa: PLC0415

            body = percent_encode_sequence(body)
        report = validate(body, service, operation=operation, direction="request", form="wire")
        assert report.issues == (), body

    check()


@pytest.mark.parametrize(
    ("service", "operation", "error"),
    ERRORS,
    ids=["NoSuchEntity", "NoSuchKey", "InvalidObjectState"],
)
def test_error_documents_parse_as_the_modeled_error(
    service: str, operation: str, error: str
) -> None:
    shape = model(service).shape_for(error)

    @SETTINGS
    @given(paired_strategy(service, error), st.just(None))
    def check(pair: tuple[Any, Any], _: None) -> None:
        boto3, wire = pair
        parsed = parsed_by_botocore(service, shape, wire, status=400)
        parsed.pop("Error", None)
        assert non_finite_as_text(parsed) == non_finite_as_text(boto3)
        report = validate(wire, service, operation=operation)
        assert (report.shape, report.issues) == (error, ())

    check()


INVALID = [
    ("sts", "AssumeRole", "response"),
    ("sts", "AssumeRole", "request"),
    ("iam", "CreateRole", "request"),
    ("ec2", "DescribeInstances", "response"),
    ("ec2", "CreateLaunchTemplate", "request"),
    ("s3", "GetBucketAcl", "response"),
    ("s3", "PutBucketAcl", "request"),
    ("route53", "ChangeResourceRecordSets", "request"),
    ("cloudfront", "GetDistribution", "response"),
]


def rejected_at(invalid: Invalid) -> str:
    """Where the validator reports the one broken rule: a broken map key at its map."""
    label = invalid.violation
    return label.path.rsplit("/", 1)[0] if label.on_key else label.path


@pytest.mark.parametrize(
    ("service", "operation", "direction"), INVALID, ids=["-".join(c) for c in INVALID]
)
def test_labelled_invalid_wire_bodies_are_rejected_at_the_label(
    service: str, operation: str, direction: str
) -> None:
    operation_model = model(service).operation_model(operation)
    shape = operation_model.input_shape if direction == "request" else operation_model.output_shape

    @SETTINGS
    @given(invalid_strategy(service, shape.name, form="wire"))
    def check(invalid: Invalid) -> None:
        assert isinstance(invalid.payload, (bytes, str))  # the body the protocol carries
        # jsonschema_rs loses an empty map key from its instance path (a JSON protocol has
        # the same gap): such a label cannot be compared.
        assume("//" not in invalid.violation.path)
        report = validate(invalid.payload, service, operation=operation, direction=direction)
        assert {issue.path for issue in report.issues} == {rejected_at(invalid)}

    check()


class _Raw(io.BytesIO):
    """urllib3's response as botocore reads it: ``read`` for streams, ``stream`` for content."""

    def stream(self, amt: int = 1024) -> Any:
        while chunk := self.read(amt):
            yield chunk


def client_answering(service: str, body: bytes) -> Any:
    """A real botocore client whose every request is answered in-process with ``body``."""
    client = botocore.session.get_session().create_client(
        service, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )

    def answer(request: Any, **_: Any) -> AWSResponse:
        return AWSResponse(request.url, 200, {}, _Raw(body))

    client.meta.events.register("before-send", answer)
    return client


RAW_PAYLOADS = [("GetObject", "Body", {"Key": "k"}), ("GetBucketPolicy", "Policy", {})]


@pytest.mark.parametrize(("operation", "member", "params"), RAW_PAYLOADS)
def test_a_raw_payload_is_the_whole_wire_body(
    operation: str, member: str, params: dict[str, Any]
) -> None:
    """GetObject's Body, GetBucketPolicy's Policy: the body is the payload itself (no XML
    around it), and a real client hands user code exactly the drawn boto3 value."""
    output = model("s3").operation_model(operation).output_shape

    @SETTINGS
    @given(paired_strategy("s3", output.name))
    def check(pair: tuple[Any, Any]) -> None:
        boto3, wire = pair
        value = boto3.get(member, b"" if member == "Body" else "")
        assert wire == (value if isinstance(value, bytes) else value.encode("utf-8"))
        got = getattr(client_answering("s3", wire), xform_name(operation))(Bucket="b", **params)
        assert (got[member].read() if member == "Body" else got[member]) == value
        assert validate(wire, "s3", operation=operation).issues == ()

    check()


@SETTINGS
@given(st.binary())
def test_a_rest_json_raw_payload_is_any_bytes(body: bytes) -> None:
    """Lambda Invoke's response body is the function's output, whatever its bytes: a real
    client hands it over as Payload, and the validator judges no JSON in it."""
    got = client_answering("lambda", body).invoke(FunctionName="f")
    assert got["Payload"].read() == body
    assert validate(body, "lambda", operation="Invoke").issues == ()


def test_a_json_body_that_is_not_json_is_still_an_error() -> None:
    (issue,) = validate(b"\x00\x01", "lambda", operation="GetFunction").issues
    assert (issue.rule, issue.path) == ("body", "")
