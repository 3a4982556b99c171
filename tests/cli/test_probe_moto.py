"""What a probe of moto's server finds for SQS, DynamoDB, S3 and STS: real moto defects, each
named here and replayed from the report's own boto3 snippet, and the operations moto does not
implement. Operations are few and examples small, so each probe takes seconds."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from botocontract.probe import Finding, ProbeReport, probe_endpoint, snippet
from botocore.exceptions import ClientError
from botocore.parsers import ResponseParserError

from tests.moto_server import moto_server

if TYPE_CHECKING:
    from collections.abc import Iterator

SERVER_ERROR = 500


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    with moto_server() as url:
        yield url


@pytest.fixture(autouse=True)
def one_attempt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The snippets run as a user would run them; one attempt, so a 500 is not retried."""
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")


def found(report: ProbeReport, operation: str, rule: str, path: str = "") -> Finding:
    matches = [
        f for f in report.findings if (f.operation, f.rule, f.path) == (operation, rule, path)
    ]
    assert matches, (
        f"{operation} {path} {rule} not in {[(f.operation, f.rule) for f in report.findings]}"
    )
    return matches[0]


def replay(finding: Finding, endpoint_url: str) -> tuple[int, Any]:
    """Run the report's snippet; the HTTP status and the response (or error response)."""
    namespace: dict[str, Any] = {}
    try:
        exec(snippet(finding, endpoint_url), namespace)  # noqa: S102 - our snippet, our server
    except ClientError as error:
        return error.response["ResponseMetadata"]["HTTPStatusCode"], error.response
    response = namespace["response"]
    return response["ResponseMetadata"]["HTTPStatusCode"], response


def verdicts(report: ProbeReport) -> dict[str, str]:
    return {c.operation: c.verdict for c in report.coverage}


def test_sqs_stateful_reaches_the_created_queue_and_finds_moto_defects(moto_url: str) -> None:
    report = probe_endpoint(
        ["sqs"],
        moto_url,
        operations=[
            "CreateQueue",
            "GetQueueAttributes",
            "SetQueueAttributes",
            "DeleteQueue",
            "StartMessageMoveTask",
        ],
        max_examples=3,
        seed=1,
        stateful=True,
        examples={("sqs", "CreateQueue"): [{"QueueName": "orders"}]},
    )
    coverage = {c.operation: c for c in report.coverage}
    # Creators first, destroyers last; the queue CreateQueue made is described and deleted.
    assert [c.operation for c in report.coverage] == [
        "CreateQueue",
        "StartMessageMoveTask",
        "GetQueueAttributes",
        "SetQueueAttributes",
        "DeleteQueue",
    ]
    assert coverage["GetQueueAttributes"].answered >= 1
    assert coverage["DeleteQueue"].answered >= 1
    # moto defect: SetQueueAttributes on an existing queue crashes (HTTP 500) on attribute
    # values it does not expect (moto's log: int('') and read-only Approximate* properties).
    crash = found(report, "SetQueueAttributes", "server_error")
    assert crash.request["QueueUrl"] == f"{moto_url}/123456789012/orders"  # fed by CreateQueue
    # moto defect: an invalid queue name is InvalidParameterValue, not a modeled CreateQueue
    # error (InvalidAttributeName, InvalidAttributeValue, QueueNameExists, ...).
    name = found(report, "CreateQueue", "unmodeledError")
    assert "'InvalidParameterValue'" in name.message
    assert replay(name, moto_url)[1]["Error"]["Code"] == "InvalidParameterValue"
    # moto does not implement the message move tasks.
    assert verdicts(report)["StartMessageMoveTask"] == "not implemented"


def test_sqs_set_queue_attributes_crash_replays_from_its_snippet(moto_url: str) -> None:
    report = probe_endpoint(
        ["sqs"],
        moto_url,
        operations=["CreateQueue", "SetQueueAttributes"],
        max_examples=3,
        seed=1,
        stateful=True,
        examples={("sqs", "CreateQueue"): [{"QueueName": "replayed"}]},
    )
    crash = found(report, "SetQueueAttributes", "server_error")
    assert crash.status == SERVER_ERROR
    assert replay(crash, moto_url)[0] == SERVER_ERROR


def test_dynamodb_moto_defects_and_unimplemented_operations(moto_url: str) -> None:
    report = probe_endpoint(
        ["dynamodb"],
        moto_url,
        operations=["CreateTable", "DescribeTimeToLive", "DescribeExport"],
        max_examples=3,
        seed=1,
    )
    # moto defect: CreateTable without a KeySchema crashes (HTTP 500) instead of answering
    # a ValidationException.
    crash = found(report, "CreateTable", "server_error")
    assert "KeySchema" not in crash.request
    assert replay(crash, moto_url)[0] == SERVER_ERROR
    # moto defect: DescribeTimeToLive of a missing table answers the code 'ResourceNotFound';
    # DynamoDB's modeled error is ResourceNotFoundException.
    missing = found(report, "DescribeTimeToLive", "unmodeledError")
    assert "'ResourceNotFound'" in missing.message
    assert replay(missing, moto_url)[1]["Error"]["Code"] == "ResourceNotFound"
    # botocore's documented CreateTable example ("Music") answers NumberOfDecreasesToday 0,
    # below the model's minimum of 1 (real DynamoDB answers 0 too: the model is stricter).
    decreases = found(
        report,
        "CreateTable",
        "minimum",
        "/TableDescription/ProvisionedThroughput/NumberOfDecreasesToday",
    )
    assert decreases.request["TableName"] == "Music"
    assert verdicts(report) == {
        "CreateTable": "answered",
        "DescribeTimeToLive": "only errors",
        "DescribeExport": "not implemented",
    }


def test_sts_moto_defects_and_unimplemented_operations(moto_url: str) -> None:
    report = probe_endpoint(
        ["sts"],
        moto_url,
        operations=["GetCallerIdentity", "AssumeRoleWithSAML", "DecodeAuthorizationMessage"],
        max_examples=2,
        seed=1,
    )
    # moto defect: AssumeRoleWithSAML crashes (HTTP 500, an HTML page to an XML service) on
    # an assertion that is not base64 of UTF-8 text (moto's log: UnicodeDecodeError).
    crash = found(report, "AssumeRoleWithSAML", "server_error")
    assert crash.body.startswith("<!doctype html>")
    with pytest.raises(ResponseParserError, match="500 Internal Server Error"):
        replay(crash, moto_url)  # botocore itself cannot read the page
    assert verdicts(report) == {
        "GetCallerIdentity": "answered",
        # Every request crashed, so it reads as unimplemented (moto answers both with a 500).
        "AssumeRoleWithSAML": "not implemented",
        "DecodeAuthorizationMessage": "not implemented",
    }
    assert not [f for f in report.findings if f.operation == "GetCallerIdentity"]


def test_s3_moto_defects_and_unimplemented_operations(moto_url: str) -> None:
    report = probe_endpoint(
        ["s3"],
        moto_url,
        operations=[
            "CreateBucket",
            "CreateSession",
            "PutBucketOwnershipControls",
            "CreateBucketMetadataConfiguration",
        ],
        max_examples=2,
        seed=1,
        documented_examples=False,
        examples={
            ("s3", "CreateBucket"): [{"Bucket": "probed"}],
            ("s3", "CreateSession"): [{"Bucket": "probed"}],
        },
    )
    # moto defect: CreateSession (GET /bucket?session) is routed to ListObjects: a
    # ListBucketResult comes back, with no Credentials, the one required member.
    session = found(report, "CreateSession", "required", "/Credentials")
    assert "<ListBucketResult" in session.body
    assert replay(session, moto_url)[1].get("Credentials") is None
    # moto defect: PutBucketOwnershipControls with two rules crashes (HTTP 500) reading them
    # (moto's log: 'list' object has no attribute 'get'), before it looks for the bucket.
    crash = found(report, "PutBucketOwnershipControls", "server_error")
    assert len(crash.request["OwnershipControls"]["Rules"]) > 1
    assert replay(crash, moto_url)[0] == SERVER_ERROR
    found_verdicts = verdicts(report)
    # PutBucketOwnershipControls is implemented: one rule on an existing bucket is answered,
    # on a missing one NoSuchBucket (which, depends on the names drawn), never only 5xx.
    assert found_verdicts.pop("PutBucketOwnershipControls") in {"answered", "only errors"}
    assert found_verdicts == {
        "CreateBucket": "answered",
        "CreateSession": "answered",
        "CreateBucketMetadataConfiguration": "not implemented",
    }


def test_s3_requests_botocore_would_refuse_are_made_sendable(moto_url: str) -> None:
    """Header values with line breaks, non-ASCII metadata, host labels, bucket names: the
    model allows them, botocore or http.client refuse them; drawn ones still reach moto."""
    report = probe_endpoint(
        ["s3"],
        moto_url,
        operations=["PutObjectTagging", "PutBucketLifecycleConfiguration", "CopyObject"],
        max_examples=6,
        seed=1,
        documented_examples=False,
    )
    assert [c.unsent for c in report.coverage] == [0, 0, 0]
    assert [f.operation for f in report.findings if f.form == "request"] == []
