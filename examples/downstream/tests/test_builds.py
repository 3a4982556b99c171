"""buildwatch against CodeBuild's contract: every response the API may give, not one example."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from buildwatch import retry_failed, summarise_builds
from buildwatch.builds import FAILED, summarise

from contracts.pytest_plugin import ContractMismatch, contract_test

RECORDING = Path(__file__).parents[1] / "recordings" / "BatchGetBuilds_failed_build.json"
FAILED_ID = "buildwatch:4f0c9a57-1d4f-4a7e-9f51-3a0e2c1b5d6f"


@contract_test("codebuild", "BatchGetBuilds")
def test_every_build_the_api_may_return_is_summarised(response: dict[str, Any]) -> None:
    for build in response.get("builds", []):
        summary = summarise(build)
        assert summary.id == build.get("id")
        assert (summary.duration is None) == ("startTime" not in build or "endTime" not in build)


@contract_test("codebuild")
def test_retry_failed_retries_exactly_the_failed_builds(stub: Any) -> None:
    ids = [f"buildwatch:{n}" for n in range(101)]  # two BatchGetBuilds calls (100 ids per call)
    retried = retry_failed(stub.client, ids)
    assert [call.operation for call in stub.calls[:2]] == ["BatchGetBuilds", "BatchGetBuilds"]
    retries = [call.params["id"] for call in stub.calls if call.operation == "RetryBuild"]
    assert retries == list(retried)


def test_a_recorded_response_summarised(contract_stub: Any) -> None:
    # The recording is a wire body (epoch timestamps); the stub takes the boto3 form.
    contract_stub.add_response("BatchGetBuilds", _boto3_form(json.loads(RECORDING.read_text())))
    summaries = summarise_builds(contract_stub.client, [FAILED_ID, "buildwatch:gone"])
    (build,) = summaries.builds
    assert (build.status, build.failed_phase) == ("FAILED", "BUILD")
    assert build.duration == timedelta(seconds=125.5)
    assert summaries.not_found == ["buildwatch:00000000-0000-4000-8000-000000000000"]


def test_retry_answers_are_checked_before_the_code_sees_them(contract_stub: Any) -> None:
    with pytest.raises(ContractMismatch, match=r"/build/buildNumber"):
        contract_stub.add_response("RetryBuild", {"build": {"id": "b:2", "buildNumber": "two"}})


def test_no_ids_no_call(contract_stub: Any) -> None:
    assert summarise_builds(contract_stub.client, []).builds == []
    assert contract_stub.calls == []


def test_failed_statuses_are_the_models() -> None:
    from generated.codebuild.models import StatusType

    assert {status.value for status in StatusType} >= FAILED


def _boto3_form(body: dict[str, Any]) -> dict[str, Any]:
    """Epoch numbers -> aware datetimes, as boto3's parser gives them."""
    from datetime import datetime, timezone

    def convert(value: Any, key: str = "") -> Any:
        if isinstance(value, dict):
            return {k: convert(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [convert(v) for v in value]
        if key.endswith("Time") and isinstance(value, float):
            return datetime.fromtimestamp(value, tz=timezone.utc)
        return value

    return convert(body)
