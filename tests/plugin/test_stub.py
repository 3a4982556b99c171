"""The stubbed client: drawn responses boto3 accepts, checked queues and calls, beside moto."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import boto3
import pytest
from botocontract._plugin.contract import Contract
from botocontract.errors import UnansweredCallError
from botocontract.pytest_plugin import ContractDriftWarning, ContractMismatch
from botocontract.validation import validate
from botocore.stub import Stubber
from hypothesis import given, settings
from hypothesis import strategies as st

if TYPE_CHECKING:
    from botocontract._plugin.stub import ContractStub

BUILD_ID = "demo:0c4e9a57-1d4f-4a7e-9f51-3a0e2c1b5d6f"


@cache
def _boto3_client() -> Any:
    return boto3.client(
        "codebuild",
        region_name="eu-west-1",
        aws_access_key_id="testing",
        aws_secret_access_key="testing",
    )


@settings(max_examples=30)
@given(data=st.data())
def test_drawn_responses_go_through_a_boto3_client(data: st.DataObject) -> None:
    client = _boto3_client()
    with Contract("codebuild").stub(client=client, draw=data.draw) as stub:
        builds = client.batch_get_builds(ids=[BUILD_ID])
        retried = client.retry_build(id=BUILD_ID)
    # botocore's Stubber validated each drawn response with the installed model (the oracle);
    # the caller got exactly what was drawn, with boto3's ResponseMetadata.
    assert [call.response for call in stub.calls] == [builds, retried]
    assert builds["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert validate(builds, "codebuild", operation="BatchGetBuilds", form="boto3").ok


def test_the_stubber_would_refuse_what_the_contract_refuses() -> None:
    # The oracle can fail: botocore's own Stubber rejects a response of the wrong type.
    with pytest.raises(Exception, match="Invalid type for parameter builds"):
        Stubber(_boto3_client()).add_response("batch_get_builds", {"builds": "none"})


def test_queued_responses_are_checked_before_the_code_sees_them(
    contract_stub: ContractStub,
) -> None:
    with pytest.raises(ContractMismatch) as raised:
        contract_stub.add_response("RetryBuild", {"build": {"id": "b:1", "buildNumber": "two"}})
    assert str(raised.value) == (
        "codebuild RetryBuild response (boto3 form, shape RetryBuildOutput): 1 error(s), 0 drift\n"
        "error at /build/buildNumber (build.buildNumber)\n"
        "  rule:     type\n"
        "  expected: integer\n"
        '  actual:   "two"'
    )
    with pytest.raises(UnansweredCallError, match=r"codebuild.RetryBuild was called with no"):
        contract_stub.client.retry_build(id=BUILD_ID)


def test_queued_responses_answer_in_order(contract_stub: ContractStub) -> None:
    contract_stub.add_response("batch_get_builds", {"builds": [{"id": BUILD_ID}]})
    contract_stub.add_client_error("RetryBuild", "ResourceNotFoundException", "gone")
    assert contract_stub.client.batch_get_builds(ids=[BUILD_ID])["builds"] == [{"id": BUILD_ID}]
    with pytest.raises(contract_stub.client.exceptions.ResourceNotFoundException):
        contract_stub.client.retry_build(id=BUILD_ID)
    assert [call.operation for call in contract_stub.calls] == ["BatchGetBuilds", "RetryBuild"]
    contract_stub.assert_no_pending_responses()


def test_call_parameters_are_checked_against_the_contract(contract_stub: ContractStub) -> None:
    contract_stub.add_response("ListBuilds", {"ids": [BUILD_ID]})
    # botocore checks no enums: the contract does (an unknown value is drift, a warning).
    with pytest.warns(ContractDriftWarning, match=r"/sortOrder"):
        contract_stub.client.list_builds(sortOrder="SIDEWAYS")
    with pytest.raises(
        ContractMismatch,
        match=(
            r"request \(boto3 form, shape BatchGetBuildsInput\): 1 error\(s\), 0 drift\n"
            r"error at /ids \(ids\)\n  rule:     minItems"
        ),
    ):
        contract_stub.client.batch_get_builds(ids=[])


def test_strict_contract_fails_drift_in_calls() -> None:
    stub = Contract("codebuild", strict=True).stub()
    with stub, pytest.raises(ContractMismatch, match=r"drift \(strict\) at /sortOrder"):
        stub.client.list_builds(sortOrder="SIDEWAYS")


def test_beside_motos_mock_aws(contract_stub: ContractStub) -> None:
    from moto import mock_aws  # noqa: PLC0415

    with mock_aws():
        moto_client = boto3.client("codebuild", region_name="us-east-1")
        moto_client.create_project(
            name="demo",
            source={"type": "S3", "location": "bucket/source.zip"},
            artifacts={"type": "NO_ARTIFACTS"},
            environment={
                "type": "LINUX_CONTAINER",
                "image": "aws/codebuild/standard:7.0",
                "computeType": "BUILD_GENERAL1_SMALL",
            },
            serviceRole="arn:aws:iam::123456789012:role/demo",
        )
        contract_stub.add_response("RetryBuild", {"build": {"id": "demo:2"}})
        assert contract_stub.client.retry_build(id="demo:1")["build"]["id"] == "demo:2"
        assert moto_client.list_projects()["projects"] == ["demo"]
