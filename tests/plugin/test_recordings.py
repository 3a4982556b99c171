"""--contract-recordings: one item per recorded interaction; pass, warn on drift, fail."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

pytest_plugins = ["pytester"]

BUILD: dict[str, Any] = {
    "id": "demo:1",
    "buildNumber": 7,
    "buildStatus": "SUCCEEDED",
    "startTime": 1700000000.0,
    "phases": [{"phaseType": "BUILD", "phaseStatus": "SUCCEEDED"}],
}


def _body(**build: Any) -> str:
    return json.dumps({"builds": [{**BUILD, **build}]})


@pytest.fixture
def recordings(pytester: pytest.Pytester) -> Path:
    folder = pytester.mkdir("recordings")
    files = {
        "BatchGetBuilds_good.json": _body(),
        # What real AWS sends and the model does not list yet: drift.
        "BatchGetBuilds_drifted.json": _body(
            phases=[{"phaseType": "BUILD", "phaseStatus": "CLIENT_ERROR"}]
        ),
        "BatchGetBuilds_broken.json": _body(buildNumber="seven"),
        "BatchGetBuilds_unreadable.json": '{"builds": [',
        "README.md": "not a recording: skipped",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    pytester.makepyfile("def test_unrelated():\n    pass\n")
    return folder


# In-process runs inherit this suite's warning filters ("error"): let drift be a warning, as in a
# downstream repository without filterwarnings = error.
@pytest.mark.filterwarnings("default::botocontract.pytest_plugin.ContractDriftWarning")
def test_items_pass_warn_and_fail_with_readable_reports(
    pytester: pytest.Pytester, recordings: Path
) -> None:
    result = pytester.runpytest("--contract-recordings", str(recordings), "-rA")
    result.assert_outcomes(passed=3, failed=2, warnings=1)
    result.stdout.fnmatch_lines_random(
        [
            "collected 5 items",
            "PASSED recordings/BatchGetBuilds_good.json::BatchGetBuilds response",
            "PASSED recordings/BatchGetBuilds_drifted.json::BatchGetBuilds response",
            "FAILED recordings/BatchGetBuilds_broken.json::BatchGetBuilds response - *",
            "FAILED recordings/BatchGetBuilds_unreadable.json::read - unreadable*",
        ]
    )
    result.stdout.fnmatch_lines(
        [
            (
                "*: codebuild BatchGetBuilds response (wire form, shape BatchGetBuildsOutput):"
                " 1 error(s), 0 drift"
            ),
            "error at /builds/0/buildNumber (builds[0].buildNumber)",
            "  rule:     type",
            "  expected: *integer*",
            '  actual:   "seven"',
        ]
    )
    result.stdout.fnmatch_lines(
        ["*BatchGetBuilds_unreadable.json: truncated JSON (the text ends at line 1 column 13*"]
    )
    result.stdout.fnmatch_lines(
        [
            (
                "*BatchGetBuilds_drifted.json:0: ContractDriftWarning: codebuild BatchGetBuilds "
                "response (wire form, shape BatchGetBuildsOutput): 0 error(s), 1 drift"
            ),
            "  drift at /builds/0/phases/0/phaseStatus (builds[0].phases[0].phaseStatus)",
            "    rule:     enum",
            '    actual:   "CLIENT_ERROR"',
        ]
    )
    result.stdout.fnmatch_lines(
        ["botocontract: 1 recorded payload(s) passed with drift (1 issue(s)); --contract-strict*"]
    )


def test_strict_fails_drift_and_selection_applies(
    pytester: pytest.Pytester, recordings: Path
) -> None:
    pytester.makeini(f"[pytest]\ncontract_recordings = {recordings.name}\ncontract_strict = true\n")
    result = pytester.runpytest("-k", "drifted or good")
    result.assert_outcomes(passed=1, failed=1, deselected=3)
    result.stdout.fnmatch_lines(
        [
            "*BatchGetBuilds_drifted.json: codebuild BatchGetBuilds response * 0 error(s), 1 drift",
            "drift (strict) at /builds/0/phases/0/phaseStatus (builds[0].phases[0].phaseStatus)",
        ]
    )


@pytest.mark.filterwarnings("default::botocontract.pytest_plugin.ContractDriftWarning")
def test_each_bad_json_lines_line_is_its_own_failing_item(pytester: pytest.Pytester) -> None:
    record = {"service": "codebuild", "operation": "BatchGetBuilds", "response": {"builds": []}}
    lines = [json.dumps(record), '{"service": "codebuild", "operation"', json.dumps(record)]
    folder = pytester.mkdir("recordings")
    (folder / "records.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = pytester.runpytest("--contract-recordings", str(folder), "-rA")
    result.assert_outcomes(passed=2, failed=1)
    result.stdout.fnmatch_lines_random(
        ["FAILED recordings/records.jsonl::read line 2 - unreadable recording: line 2: *"]
    )


@pytest.mark.filterwarnings("default::botocontract.pytest_plugin.ContractDriftWarning")
def test_errors_named_by_the_header_are_judged_as_validate_judges_them(
    pytester: pytest.Pytester,
) -> None:
    """The 404 is a modeled NotFoundException (named only by x-amzn-ErrorType): it passes;
    the 403 names an error GetRestApi does not model: drift. The three GET requests are items
    too (their URI labels are checked)."""
    cassette = Path(__file__).parents[1] / "data" / "cassettes" / "apigateway_rest_json_errors.yaml"
    folder = pytester.mkdir("cassettes")
    (folder / cassette.name).write_bytes(cassette.read_bytes())
    result = pytester.runpytest(
        "--contract-recordings", str(folder), "--contract-service", "apigateway", "-rA"
    )
    result.assert_outcomes(passed=6, warnings=1)
    result.stdout.fnmatch_lines(
        ["*rule:     unmodeledError", "*actual:   UnrecognizedClientException"]
    )
