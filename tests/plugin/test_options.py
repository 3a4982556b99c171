"""Report header, version-mismatch warning, options and ini settings."""

from __future__ import annotations

import json
from importlib import resources

import botocore
import pytest

pytest_plugins = ["pytester"]

REGENERATE = "run `botocontract generate codebuild` to update the contract"


def _generated_from() -> str:
    manifest = resources.files("generated").joinpath("codebuild", "manifest.json").read_text()
    version: str = json.loads(manifest)["botocore_version"]
    return version


def test_header_names_both_botocore_versions(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        [
            (
                f"botocontract: botocore {botocore.__version__} installed, generated/codebuild "
                f"from botocore {_generated_from()}; service codebuild, strict off, "
                "hypothesis profile (default)"
            )
        ]
    )
    result.stdout.no_fnmatch_line("*botocontract WARNING*")
    result.assert_outcomes(passed=1)


# In-process runs inherit this suite's "error" filter; a downstream default shows a warning.
@pytest.mark.filterwarnings("default::botocontract.pytest_plugin.ContractVersionWarning")
def test_a_mismatch_warns_naming_the_command(pytester: pytest.Pytester) -> None:
    old = pytester.makefile(".json", manifest=json.dumps({"botocore_version": "1.0.0"}))
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest("--contract-manifest", str(old))
    message = (
        f"generated/codebuild was made from botocore 1.0.0 but botocore "
        f"{botocore.__version__} is installed: {REGENERATE}"
    )
    result.stdout.fnmatch_lines([f"botocontract WARNING: {message}"])
    result.stdout.fnmatch_lines([f"*ContractVersionWarning: {message}"])
    result.assert_outcomes(passed=1, warnings=1)


def test_a_mismatch_under_error_filters_stops_in_one_line(pytester: pytest.Pytester) -> None:
    old = pytester.makefile(".json", manifest=json.dumps({"botocore_version": "1.0.0"}))
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    result = pytester.runpytest("--contract-manifest", str(old))
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines(["ERROR: ContractVersionWarning: generated/codebuild was made *"])
    assert "Traceback" not in result.stderr.str() + result.stdout.str()


def test_ini_settings_and_the_command_line_over_them(pytester: pytest.Pytester) -> None:
    pytester.makeini(
        "[pytest]\ncontract_service = s3\ncontract_strict = true\n"
        "contract_hypothesis_profile = botocontract-ci\n"
    )
    pytester.makepyfile(
        """
        def test_service(contract, contract_for):
            assert (contract.service, contract.strict) == ("lambda", True)
            assert contract_for("s3").service == "s3"
        """
    )
    result = pytester.runpytest("--contract-service", "lambda")
    result.stdout.fnmatch_lines(
        [
            (
                "botocontract: * generated/lambda: none (built from the installed model); "
                "service lambda, strict on, hypothesis profile botocontract-ci"
            )
        ]
    )
    result.assert_outcomes(passed=1)


@pytest.mark.parametrize(
    ("args", "ini", "message"),
    [
        (
            ["--contract-service", "S3"],
            "",
            "*argument --contract-service: 'S3' is not a botocore service name*",
        ),
        (
            ["--contract-recordings", "nowhere"],
            "",
            "*argument --contract-recordings: nowhere: no such file or directory",
        ),
        ([], "contract_service = Code Build", "ERROR: ini contract_service: 'Code Build' is not*"),
        (
            ["--contract-service", "codebiuld"],
            "",
            "ERROR: botocontract: unknown service 'codebiuld'; did you mean codebuild*",
        ),
    ],
)
def test_bad_settings_are_usage_errors(
    pytester: pytest.Pytester, args: list[str], ini: str, message: str
) -> None:
    pytester.makeini(f"[pytest]\n{ini}\n")
    result = pytester.runpytest(*args)
    assert result.ret == pytest.ExitCode.USAGE_ERROR
    result.stderr.fnmatch_lines([message])


def test_help_lists_the_group(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest("--help")
    result.stdout.fnmatch_lines(
        [
            "botocontract: contracts from botocore's service models:",
            "*--contract-service=CONTRACT_SERVICE*",
            "*--contract-strict*",
            "*--contract-recordings=PATH*",
            "*--contract-hypothesis-profile=NAME*",
        ]
    )
    result.stdout.fnmatch_lines(["*contract_service (string):*", "*contract_recordings (paths):*"])
    result.stdout.no_fnmatch_line("*--contract-manifest*")


def test_the_marker_is_registered(pytester: pytest.Pytester) -> None:
    pytester.runpytest("--markers").stdout.fnmatch_lines(["@pytest.mark.botocontract(service*"])
