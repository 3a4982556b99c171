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
