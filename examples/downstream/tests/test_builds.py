"""buildwatch against CodeBuild's contract: every response the API may give, not one example."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from botocontract.generated.codebuild.models import StatusType
from botocontract.pytest_plugin import ContractMismatch, ContractStub, contract_test
from botocore.parsers import create_parser
from buildwatch import retry_failed, summarise_builds
from buildwatch.builds import FAILED, summarise

RECORDING = Path(__file__).parents[1] / "recordings" / "BatchGetBuilds_failed_build.json"
FAILED_ID = "buildwatch:4f0c9a57-1d4f-4a7e-9f51-3a0e2c1b5d6f"


@contract_test("codebuild", "BatchGetBuilds")
def test_every_build_the_api_may_return_is_summarised(response: dict[str, Any]) -> None:
    for build in response.get("builds", []):
        summary = summarise(build)
        assert summary.id == build.get("id")
        assert (summary.duration is None) == ("startTime" not in build or "endTime" not in build)


@contract_test("codebuild")
def test_retry_failed_retries_exactly_the_failed_builds(stub: ContractStub) -> None:
    ids = [f"buildwatch:{n}" for n in range(101)]  # two BatchGetBuilds calls (100 ids per call)
    retried = retry_failed(stub.client, ids)
    assert [call.operation for call in stub.calls[:2]] == ["BatchGetBuilds", "BatchGetBuilds"]
    retries = [call.params["id"] for call in stub.calls if call.operation == "RetryBuild"]
    assert retries == list(retried)


def test_a_recorded_response_summarised(contract_stub: ContractStub) -> None:
    # The recording is a wire body (epoch timestamps); the stub takes what boto3 returns.
    recorded = _as_boto3_returns_it(contract_stub.client, "BatchGetBuilds", RECORDING.read_bytes())
    contract_stub.add_response("BatchGetBuilds", recorded)
    summaries = summarise_builds(contract_stub.client, [FAILED_ID, "buildwatch:gone"])
    (build,) = summaries.builds
    assert (build.status, build.failed_phase) == ("FAILED", "BUILD")
    assert build.duration == timedelta(seconds=125.5)
    assert summaries.not_found == ["buildwatch:00000000-0000-4000-8000-000000000000"]


def test_retry_answers_are_checked_before_the_code_sees_them(contract_stub: ContractStub) -> None:
    with pytest.raises(ContractMismatch, match=r"/build/buildNumber"):
        contract_stub.add_response("RetryBuild", {"build": {"id": "b:2", "buildNumber": "two"}})


def test_no_ids_no_call(contract_stub: ContractStub) -> None:
    assert summarise_builds(contract_stub.client, []).builds == []
    assert contract_stub.calls == []


def test_failed_statuses_are_the_models() -> None:
    assert {status.value for status in StatusType} >= FAILED


def _as_boto3_returns_it(client: Any, operation: str, body: bytes) -> dict[str, Any]:
    """A recorded wire body through botocore's own parser: datetimes, as boto3 returns them."""
    shape = client.meta.service_model.operation_model(operation).output_shape
    raw = {"body": body, "headers": {}, "status_code": 200}
    parsed: dict[str, Any] = create_parser("json").parse(raw, shape)
    parsed.pop("ResponseMetadata", None)
    return parsed
