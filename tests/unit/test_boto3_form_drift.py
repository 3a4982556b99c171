"""Drift that real AWS responses show, and what stays an error.

DynamoDB answers ``"UnprocessedKeys": {}`` when every key was processed, though the map's
``min`` is 1: an empty output map is drift, as an empty output list is. A union with no member
set is no empty map: it stays an error.
"""

from __future__ import annotations

import json

from botocontract import validate

from tests.botocore_client import answered


def test_an_empty_output_map_under_min_1_is_drift() -> None:
    body = json.dumps({"Responses": {}, "UnprocessedKeys": {}})
    output = answered("dynamodb", "BatchGetItem", body, RequestItems={"t": {"Keys": [{}]}})
    assert output["UnprocessedKeys"] == {}
    report = validate(output, "dynamodb", operation="BatchGetItem")
    assert report.ok
    assert [(issue.rule, issue.path, issue.severity) for issue in report.issues] == [
        ("minProperties", "/UnprocessedKeys", "drift")
    ]
    strict = validate(output, "dynamodb", operation="BatchGetItem", strict=True)
    assert [issue.path for issue in strict.errors] == ["/UnprocessedKeys"]


def test_an_empty_map_in_a_request_is_an_error() -> None:
    report = validate(
        {"RequestItems": {}}, "dynamodb", operation="BatchGetItem", direction="request"
    )
    assert [(issue.rule, issue.path) for issue in report.errors] == [
        ("minProperties", "/RequestItems")
    ]


def test_an_empty_output_union_is_an_error() -> None:
    report = validate({"ExecutionPreview": {}}, "ssm", operation="GetExecutionPreview")
    assert [(issue.rule, issue.path) for issue in report.errors] == [
        ("minProperties", "/ExecutionPreview")
    ]


def test_a_member_dict_is_never_judged_as_a_raw_wire_body() -> None:
    # Lambda Invoke's wire body is the raw payload, which takes any bytes: a dict of members
    # is the boto3 form, and StatusCode "x" is an error there.
    report = validate({"StatusCode": "x"}, "lambda", operation="Invoke")
    assert report.form == "boto3"
    assert [(issue.rule, issue.path) for issue in report.errors] == [("type", "/StatusCode")]


def test_a_member_outside_the_body_says_the_payload_is_boto3_form() -> None:
    # EBS PutSnapshotBlock answers in headers only: a dict holding them is what boto3 returned,
    # and judged as a (memberless) wire body its type error would hide behind drift.
    report = validate(
        {"Checksum": 5, "ChecksumAlgorithm": "SHA256"}, "ebs", operation="PutSnapshotBlock"
    )
    assert report.form == "boto3"
    assert [(issue.rule, issue.path) for issue in report.errors] == [("type", "/Checksum")]


def test_a_location_name_key_says_the_payload_is_wire_form() -> None:
    # API Gateway's GetApiKeys body names its list "item" (the member is "items"): a body
    # holding "item" is the wire form, judged there, not called an unknown member of the other
    body = {"item": [{"id": 5}], "position": "p"}
    report = validate(body, "apigateway", operation="GetApiKeys")
    assert report.form == "wire"
    assert [(issue.rule, issue.path) for issue in report.errors] == [("type", "/item/0/id")]
    boto3 = {"items": [{"id": 5}], "position": "p"}
    report = validate(boto3, "apigateway", operation="GetApiKeys")
    assert report.form == "boto3"
    assert [(issue.rule, issue.path) for issue in report.errors] == [("type", "/items/0/id")]
