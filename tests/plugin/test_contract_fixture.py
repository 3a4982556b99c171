"""The `contract` fixtures and assert_matches_contract, used from this suite (the plugin is on)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from botocontract.pytest_plugin import (
    ContractDriftWarning,
    ContractMismatch,
    assert_matches_contract,
)
from hypothesis import given, settings
from hypothesis import strategies as st

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract._plugin.contract import Contract

pytest_plugins = ["pytester"]

DRIFTED: dict[str, Any] = {"builds": [{"id": "b:1", "buildStatus": "CLIENT_ERROR"}]}


def test_validate_returns_reports(contract: Contract) -> None:
    assert contract.service == "codebuild"
    assert contract.validate_response({"builds": [{"id": "b:1"}]}, "BatchGetBuilds").ok
    report = contract.validate_request({"ids": "b:1"}, "BatchGetBuilds")
    assert [(issue.path, issue.rule) for issue in report.errors] == [("/ids", "type")]


def test_assert_matches_contract_reads_path_rule_expected_actual() -> None:
    with pytest.raises(ContractMismatch) as raised:
        assert_matches_contract({"builds": [{"id": 3}]}, "codebuild", "BatchGetBuilds")
    assert str(raised.value) == (
        "codebuild BatchGetBuilds response (boto3 form, shape BatchGetBuildsOutput): "
        "1 error(s), 0 drift\n"
        "error at /builds/0/id (builds[0].id)\n"
        "  rule:     type\n"
        "  expected: string\n"
        "  actual:   3"
    )
    assert raised.value.report.errors[0].path == "/builds/0/id"


def test_drift_warns_and_fails_when_strict(contract: Contract) -> None:
    with pytest.warns(ContractDriftWarning, match=r"drift at /builds/0/buildStatus"):
        assert assert_matches_contract(DRIFTED, "codebuild", "BatchGetBuilds").ok
    with pytest.raises(ContractMismatch, match=r"drift \(strict\) at /builds/0/buildStatus"):
        assert_matches_contract(DRIFTED, "codebuild", "BatchGetBuilds", strict=True)
    with pytest.warns(ContractDriftWarning):
        contract.assert_response(DRIFTED, "BatchGetBuilds")


def test_pytest_shows_the_report_under_the_failing_line(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        from botocontract.pytest_plugin import assert_matches_contract

        def test_fixture_file():
            fixture = {"build": {"id": "b:1", "buildStatus": "DONE", "startTime": "yesterday"}}
            assert_matches_contract(fixture, "codebuild", "RetryBuild", form="boto3")
        """
    )
    result = pytester.runpytest()
    result.assert_outcomes(failed=1)
    result.stdout.fnmatch_lines(
        [
            '>       assert_matches_contract(fixture, "codebuild", "RetryBuild", form="boto3")',
            (
                "E       botocontract.errors.ContractMismatch: codebuild RetryBuild response "
                "(boto3 form, shape RetryBuildOutput): 1 error(s), 1 drift"
            ),
            "E       drift at /build/buildStatus (build.buildStatus)",
            "E         rule:     enum",
            "E       error at /build/startTime (build.startTime)",
            "E         rule:     *",
            'E         actual:   "yesterday"',
        ]
    )
    # The helper's own frames are hidden: the failure points at the test's line.
    result.stdout.no_fnmatch_line("*_plugin_contract.py*")


def test_contract_for_any_service(contract_for: Callable[[str], Contract]) -> None:
    lambda_contract = contract_for("lambda")
    report = lambda_contract.validate_request({"FunctionName": ""}, "GetFunction")
    # In the wire form FunctionName is in the URI, not the body: requests are checked as boto3.
    assert ("/FunctionName", "minLength") in [(issue.path, issue.rule) for issue in report.errors]
    assert lambda_contract.validate_request({"FunctionName": "f"}, "GetFunction").ok


@settings(max_examples=20)
@given(data=st.data())
def test_strategies_by_operation_and_shape(data: st.DataObject) -> None:
    from botocontract._plugin.contract import Contract  # noqa: PLC0415 - no fixture under @given

    contract = Contract("codebuild")
    params = data.draw(contract.request_strategy("RetryBuild"))
    assert contract.validate_request(params, "RetryBuild", form="boto3").ok
    invalid = data.draw(contract.invalid_strategy("Build"))
    report = contract.validate_response({"builds": [invalid.payload]}, "BatchGetBuilds")
    assert report.issues, invalid.violation
    assert data.draw(contract.response_strategy("DeleteSourceCredentials")) is not None


def test_assertions_judge_the_boto3_form_unless_told_otherwise() -> None:
    """A guessed form can be the one that hides an error: assertions never guess."""
    body = (
        "<GetCallerIdentityResponse><GetCallerIdentityResult><Account>123456789012</Account>"
        "</GetCallerIdentityResult></GetCallerIdentityResponse>"
    )
    with pytest.raises(ContractMismatch, match=r"response \(boto3 form"):
        assert_matches_contract(body, "sts", "GetCallerIdentity")  # text is no boto3 response
    assert assert_matches_contract(body, "sts", "GetCallerIdentity", form="wire").form == "wire"
