"""Report header, version-mismatch warning, options and ini settings."""

from __future__ import annotations

from pathlib import Path

import botocore
import pytest

from tests.plugin.projects import project_contracts

pytest_plugins = ["pytester"]

ROOT = Path(__file__).resolve().parents[2]
INSTALLED = botocore.__version__
USES_CODEBUILD = """
def test_uses_codebuild(contract):
    assert contract.service == "codebuild"

def test_uses_nothing():
    pass
"""


def test_header_names_the_installed_botocore_and_each_source(pytester: pytest.Pytester) -> None:
    pytester.makepyfile("def test_nothing():\n    pass\n")
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        [
            (
                f"botocontract: botocore {INSTALLED} installed; service codebuild, strict off, "
                "hypothesis profile (default)"
            ),
            (
                f"botocontract contracts: codebuild bundled {ROOT / 'generated' / 'codebuild'} "
                f"from botocore {INSTALLED}; any other service: the installed model"
            ),
        ]
    )
    result.stdout.no_fnmatch_line("*MISMATCH*")
    result.assert_outcomes(passed=1)


def test_the_project_folder_is_read_first(pytester: pytest.Pytester) -> None:
    folder = project_contracts(pytester, INSTALLED)
    pytester.makepyfile(USES_CODEBUILD)
    result = pytester.runpytest()
    result.stdout.fnmatch_lines(
        [f"botocontract contracts: codebuild project {folder} from botocore {INSTALLED}; *"]
    )
    result.assert_outcomes(passed=2)


# In-process runs inherit this suite's "error" filter; a downstream default shows a warning.
@pytest.mark.filterwarnings("default::botocontract.errors.ContractVersionWarning")
def test_a_mismatch_warns_only_the_tests_that_use_the_service(pytester: pytest.Pytester) -> None:
    folder = project_contracts(pytester, "1.0.0")
    pytester.makepyfile(USES_CODEBUILD)
    result = pytester.runpytest("-rw")
    message = (
        f"codebuild: the project contract {folder} was made from botocore 1.0.0 but botocore "
        f"{INSTALLED} is installed; run `botocontract generate codebuild` to update it"
    )
    result.stdout.fnmatch_lines(
        [
            (
                f"botocontract contracts: codebuild project {folder} from botocore 1.0.0 "
                "(MISMATCH: regenerate); *"
            ),
            "*test_uses_codebuild*",
            f"*ContractVersionWarning: {message}",
        ]
    )
    result.stdout.no_fnmatch_line("*test_uses_nothing*ContractVersionWarning*")
    result.assert_outcomes(passed=2, warnings=1)


def test_a_mismatch_under_error_filters_fails_only_the_tests_that_use_it(
    pytester: pytest.Pytester,
) -> None:
    project_contracts(pytester, "1.0.0")
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    pytester.makepyfile(USES_CODEBUILD)
    result = pytester.runpytest()
    result.assert_outcomes(passed=1, errors=1)  # the run completes; the other test passes
    result.stdout.fnmatch_lines(
        [
            "*ERROR at setup of test_uses_codebuild*",
            "E  *botocontract.errors.ContractVersionWarning: codebuild: the project *",
        ]
    )


def test_a_service_from_the_installed_model_never_mismatches(pytester: pytest.Pytester) -> None:
    project_contracts(pytester, "1.0.0")
    pytester.makeini("[pytest]\nfilterwarnings = error\n")
    pytester.makepyfile(
        """
        def test_sqs(contract_for):
            assert contract_for("sqs").service == "sqs"
        """
    )
    pytester.runpytest().assert_outcomes(passed=1)


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
                "botocontract: * installed; service lambda, strict on, hypothesis profile "
                "botocontract-ci"
            ),
            "botocontract contracts: codebuild bundled *; lambda from the installed model; *",
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
