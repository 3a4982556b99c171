"""Under pytest-xdist (-n 2), and the shipped downstream example, in fresh processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

from tests.plugin.projects import project_contracts

pytest_plugins = ["pytester"]

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "downstream"


def test_xdist_runs_contract_tests_and_recordings(pytester: pytest.Pytester) -> None:
    recordings = pytester.mkdir("recordings")
    (recordings / "RetryBuild_ok.json").write_text(json.dumps({"build": {"id": "b:2"}}))
    (recordings / "RetryBuild_bad.json").write_text(json.dumps({"build": {"id": 2}}))
    drifted = {"build": {"id": "b:3", "buildStatus": "PAUSED"}}
    (recordings / "RetryBuild_drifted.json").write_text(json.dumps(drifted))
    project_contracts(pytester, "1.0.0")  # committed before a botocore upgrade
    # Fresh worker processes: each contract test finds its strategies built before Hypothesis
    # times the first draws (else a cold start can trip too_slow or a deadline).
    pytester.makeconftest(
        """
        import sys

        def pytest_runtest_call(item):
            if item.get_closest_marker("botocontract"):
                assert "botocontract._project.codebuild.strategies" in sys.modules
        """
    )
    pytester.makepyfile(
        """
        from botocontract.pytest_plugin import contract_test

        @contract_test("codebuild", "RetryBuild")
        def test_retry_response(response):
            assert response.get("build", {}).get("id", "") is not None

        @contract_test("codebuild")
        def test_stubbed_calls(stub):
            stub.client.batch_get_builds(ids=["b:1"])
            assert [call.operation for call in stub.calls] == ["BatchGetBuilds"]
        """
    )
    result = pytester.runpytest_subprocess(
        "-n",
        "2",
        "--contract-recordings",
        str(recordings),
        "--contract-hypothesis-profile=botocontract-ci",
        "-W",
        "default::botocontract.errors.ContractVersionWarning",
        "-W",
        "default::botocontract.errors.ContractDriftWarning",
    )
    # One version warning per test that used codebuild (5), and the drift.
    result.assert_outcomes(passed=4, failed=1, warnings=6)
    result.stdout.fnmatch_lines(
        ["*RetryBuild_bad.json: codebuild RetryBuild response *", "error at /build/id (build.id)"]
    )
    # Drift found on a worker is counted by the controller.
    result.stdout.fnmatch_lines(["botocontract: 1 recorded payload(s) passed with drift *"])
    # Each worker's warnings reach the controller's summary, attached to the tests.
    result.stdout.fnmatch_lines(["*ContractVersionWarning: codebuild: the project contract *"])


def test_the_downstream_example_passes_through_the_plugin() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--contract-strict"],
        cwd=EXAMPLE,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "recordings/BatchGetBuilds_failed_build.json ." in result.stdout
    assert " 13 passed" in result.stdout
