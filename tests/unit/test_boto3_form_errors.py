"""Modeled errors of query and rest-xml services, as a real botocore client returns them."""

from __future__ import annotations

from botocontract import validate

from tests.botocore_client import answered

IAM_NO_SUCH_ENTITY = (
    b'<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>'
    b"<Code>NoSuchEntity</Code><Message>The role with name x cannot be found.</Message></Error>"
    b"<RequestId>abc</RequestId></ErrorResponse>"
)


def test_a_query_error_is_matched_to_its_shape_by_error_code() -> None:
    response = answered("iam", "GetRole", IAM_NO_SUCH_ENTITY, status=404, RoleName="x")
    assert response["Error"]["Code"] == "NoSuchEntity"
    report = validate(response, "iam", operation="GetRole")
    assert (report.shape, report.issues) == ("NoSuchEntityException", ())


def test_the_wire_document_is_matched_by_error_code_too() -> None:
    report = validate(IAM_NO_SUCH_ENTITY, "iam", operation="GetRole")
    assert (report.shape, report.issues) == ("NoSuchEntityException", ())


def test_a_code_no_error_of_the_operation_has_stays_unmodeled() -> None:
    body = IAM_NO_SUCH_ENTITY.replace(b"NoSuchEntity", b"Throttling")
    response = answered("iam", "GetRole", body, status=400, RoleName="x")
    report = validate(response, "iam", operation="GetRole")
    assert report.shape is None
    assert [issue.rule for issue in report.issues] == ["unmodeledError"]


def test_an_s3_error_envelope_keeps_its_ids_beside_error() -> None:
    body = (
        b"<Error><Code>NoSuchKey</Code><Message>gone</Message><Key>k</Key>"
        b"<RequestId>R</RequestId><HostId>H</HostId></Error>"
    )
    response = answered("s3", "GetObject", body, status=404, Bucket="b", Key="k")
    dumped = {**response, "HostId": "H", "RequestId": "R"}
    assert validate(dumped, "s3", operation="GetObject").issues == ()
    mutated = {**dumped, "HostId": 5}
    assert [issue.rule for issue in validate(mutated, "s3", operation="GetObject").errors] == [
        "type"
    ]
