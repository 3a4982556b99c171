"""Boto3-form responses are what a real botocore client returns, and they validate.

Each response is drawn in the wire form and parsed by a real client for the service's protocol
(``botocontract._wire.client_parse``); what comes out must validate in the boto3 form. CI runs a
sample across protocols; ``BOTOCONTRACT_FULL_SWEEP=1`` runs every operation of every installed
service.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import botocore.session
import pytest
from botocontract import validate
from botocontract._plugin.contract import Contract
from botocontract._wire.client_parse import parsed_output
from botocontract.strategies import paired_strategy
from botocontract.validation import operation_entry
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st

_SETTINGS = settings(
    max_examples=15,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

# (service, operation): each protocol, and the operations botocore customizes.
_SAMPLE = (
    ("codebuild", "BatchGetBuilds"),  # json
    ("lambda", "Invoke"),  # rest-json, streamed payload
    ("lambda", "GetFunction"),  # rest-json
    ("sqs", "ReceiveMessage"),  # json (query-compatible)
    ("sts", "AssumeRole"),  # query
    ("iam", "GetRole"),  # query, policy documents
    ("iam", "ListRoles"),
    ("cloudformation", "GetTemplate"),
    ("ec2", "DescribeInstances"),  # ec2
    ("s3", "ListObjectsV2"),  # rest-xml
    ("s3", "HeadObject"),  # header members, ExpiresString
    ("s3", "GetObject"),  # streamed body
    ("cloudwatch", "GetMetricData"),  # a client picks json, the model says cbor first
    ("dynamodb", "BatchGetItem"),
)


def _full_sweep() -> list[tuple[str, str]]:
    session = botocore.session.get_session()
    return [
        (service, operation)
        for service in session.get_available_services()
        for operation in session.get_service_model(service).operation_names
    ]


def _parsed(service: str, operation: str) -> st.SearchStrategy[dict[str, Any]]:
    """Responses as a client returns them, after-call handlers included."""
    shape = operation_entry(service, operation)["output"]
    if shape is None:
        return st.just({})
    parse = functools.partial(parsed_output, service, operation)
    return paired_strategy(service, shape).map(parse)


_CASES = _full_sweep() if os.environ.get("BOTOCONTRACT_FULL_SWEEP") == "1" else list(_SAMPLE)


@pytest.mark.parametrize(("service", "operation"), _CASES)
def test_client_parsed_responses_validate_in_the_boto3_form(service: str, operation: str) -> None:
    responses = _parsed(service, operation)

    @_SETTINGS
    @given(responses)
    def check(response: dict[str, Any]) -> None:
        report = validate(response, service, operation=operation, form="boto3")
        assert report.ok, report.errors

    check()


def test_drawn_policy_documents_go_through_botocores_json_decoding() -> None:
    # botocore's after-call handler json-decodes every IAM policy document it can: a drawn
    # document that is JSON text ("0", "{}") reaches the test decoded, never as that text
    def decoded(response: dict[str, Any]) -> bool:
        document = response.get("Role", {}).get("AssumeRolePolicyDocument")
        return document is not None and not isinstance(document, str)

    found = find(_parsed("iam", "GetRole"), decoded, settings=settings(_SETTINGS, max_examples=500))
    assert not isinstance(found["Role"]["AssumeRolePolicyDocument"], str)


@_SETTINGS
@given(st.data())
def test_a_stubbed_s3_listing_never_crashes_botocore(data: st.DataObject) -> None:
    # botocore sets EncodingType=url itself and URL-decodes every Contents[].Key after the call:
    # a drawn item without a Key would crash its handler inside the call.
    with Contract("s3").stub(draw=data.draw) as stub:
        listed = stub.client.list_objects_v2(Bucket="bucket")
    for item in listed.get("Contents", []):
        assert "Key" in item
    assert validate(listed, "s3", operation="ListObjectsV2").ok
