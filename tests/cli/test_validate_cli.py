"""``botocontract validate``: report formats, exit codes, one line per bad file, ``-j``."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from botocontract import sources
from botocontract.cli import main
from click.testing import CliRunner, Result

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "recordings"
EXAMPLES = ROOT / "examples" / "recordings"
SECRET = "ghp_n0tForPr1nting"  # noqa: S105 - a made-up token that must never be printed


def run(*args: str) -> Result:
    return CliRunner().invoke(main, ["validate", *args])


@pytest.fixture
def drifted(tmp_path: Path) -> Path:
    """A clean wire body and one with a CLIENT_ERROR phase status (drift)."""
    clean = json.loads((DATA / "BatchGetBuilds_wire.json").read_text())
    (tmp_path / "BatchGetBuilds_clean.json").write_text(json.dumps(clean))
    clean["builds"][0]["buildStatus"] = "CLIENT_ERROR"
    (tmp_path / "BatchGetBuilds_drift.json").write_text(json.dumps(clean))
    return tmp_path


@pytest.fixture
def broken(drifted: Path) -> Path:
    payload = json.loads((drifted / "BatchGetBuilds_clean.json").read_text())
    payload["builds"][0]["buildComplete"] = "yes"
    (drifted / "BatchGetBuilds_broken.json").write_text(json.dumps(payload))
    return drifted


def test_clean_and_drift_exit_0_with_summary(drifted: Path) -> None:
    result = run(str(drifted))
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        f"{drifted / 'BatchGetBuilds_drift.json'}",
        "  BatchGetBuilds response (wire form, BatchGetBuildsOutput): 0 error(s), 1 drift",
        (
            "    drift /builds/0/buildStatus: builds[0].buildStatus: value not in the enum: "
            "expected one of StatusType's values (SUCCEEDED, FAILED, FAULT, TIMED_OUT, "
            'IN_PROGRESS, STOPPED), got "CLIENT_ERROR"'
        ),
        "2 file(s), 2 payload(s): 0 error(s), 1 drift",
    ]


def test_strict_turns_drift_into_exit_1(drifted: Path) -> None:
    result = run("--strict", str(drifted))
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == "2 file(s), 2 payload(s): 1 error(s), 0 drift"


def test_errors_exit_1(broken: Path) -> None:
    result = run(str(broken))
    assert result.exit_code == 1
    assert (
        "    error /builds/0/buildComplete: builds[0].buildComplete: wrong type: expected "
        'boolean, got "yes"' in result.output.splitlines()
    )


def test_json_format(broken: Path) -> None:
    result = run("--format", "json", str(broken))
    document = json.loads(result.output)
    assert document["summary"] == {
        "files": 3,
        "payloads": 3,
        "errors": 1,
        "drift": 1,
        "input_errors": 0,
    }
    by_name = {Path(item["path"]).name: item for item in document["files"]}
    (issue,) = by_name["BatchGetBuilds_broken.json"]["payloads"][0]["issues"]
    assert (issue["path"], issue["member_path"], issue["rule"], issue["severity"]) == (
        "/builds/0/buildComplete",
        "builds[0].buildComplete",
        "type",
        "error",
    )


def test_junit_format(broken: Path, tmp_path: Path) -> None:
    (tmp_path / "unreadable.json").write_text("{")
    result = run("--format", "junit", str(broken))
    suite = ET.fromstring(result.output)  # noqa: S314 - our own output
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == ("4", "1", "1")
    failures = suite.findall("testcase/failure")
    assert [failure.get("type") for failure in failures] == ["type"]
    assert "CLIENT_ERROR" in "".join(suite.itertext())
    assert result.exit_code == 2


def test_examples_validate_clean() -> None:
    """``make run`` validates examples/recordings: clean and drifted ones, exit 0."""
    result = run(str(EXAMPLES))
    assert result.exit_code == 0, result.output
    assert " 0 error(s), " in result.output.splitlines()[-1]
    assert " 0 drift" not in result.output.splitlines()[-1]


def test_unknown_operation_option_is_a_usage_error(drifted: Path) -> None:
    result = run("--operation", "BatchGetBuild", str(drifted))
    assert result.exit_code == 2
    assert result.output.strip() == (
        "botocontract: error: codebuild: unknown operation 'BatchGetBuild'; "
        "did you mean BatchGetBuilds, BatchDeleteBuilds, BatchGetBuildBatches?"
    )


def test_unknown_service_is_a_usage_error(drifted: Path) -> None:
    result = run("--service", "codebuld", str(drifted))
    assert result.exit_code == 2
    assert (
        "botocontract: error: unknown service 'codebuld'; did you mean codebuild?" in result.output
    )


def test_sensitive_values_stay_out_of_every_format(tmp_path: Path) -> None:
    path = tmp_path / "ImportSourceCredentials_1.json"
    path.write_text(json.dumps({"token": [SECRET], "serverType": "GITHUB", "authType": "OAUTH"}))
    for output_format in ("text", "json", "junit"):
        result = run("--direction", "request", "--format", output_format, str(path))
        assert result.exit_code == 1
        assert "token" in result.output
        assert SECRET not in result.output


def test_jobs_give_the_same_report(broken: Path) -> None:
    for index in range(30):
        shutil.copy(broken / "BatchGetBuilds_drift.json", broken / f"BatchGetBuilds_{index}.json")
    one = run("--format", "json", str(broken))
    two = run("--format", "json", "-j", "2", str(broken))
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output


def test_console_script_end_to_end() -> None:
    script = Path(sys.executable).parent / "botocontract"
    result = subprocess.run(  # noqa: S603 - our own console script
        [str(script), "validate", str(DATA)], capture_output=True, text=True, check=False
    )
    # the sample cassette holds one bad request on purpose; its error response (with
    # __type and message) is modeled, so nothing drifts
    assert result.returncode == 1
    assert result.stdout.splitlines()[-1] == "6 file(s), 11 payload(s): 1 error(s), 0 drift"
    assert result.stderr == ""


def test_pre_commit_hooks_run_the_command() -> None:
    """Each hook's entry, given files as pre-commit passes them, is a working command line."""
    import re  # noqa: PLC0415

    import yaml  # noqa: PLC0415

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert [hook["id"] for hook in hooks] == [
        "botocontract-validate",
        "botocontract-validate-strict",
    ]
    files = sorted(
        str(path) for path in EXAMPLES.iterdir() if re.search(hooks[0]["files"], path.name)
    )
    assert len(files) == 4  # the README is not handed over
    codes = []
    for hook in hooks:
        program, *args = hook["entry"].split()
        assert hook["language"] == "python"
        script = Path(sys.executable).parent / program
        result = subprocess.run([str(script), *args, *files], capture_output=True, check=False)  # noqa: S603
        codes.append(result.returncode)
    assert codes == [0, 1]  # the drifted example passes, and fails only under --strict


def test_progress_bar_only_on_a_terminal_and_a_long_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from botocontract._cli import validate as _cli_validate  # noqa: PLC0415
    from botocontract._report import FileResult  # noqa: PLC0415

    results = [FileResult(f"f{index}.json") for index in range(_cli_validate.PROGRESS_MIN_FILES)]
    assert list(_cli_validate._progress(iter(results[:3]), 3)) == results[:3]  # noqa: SLF001
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    shown = list(_cli_validate._progress(iter(results), len(results)))  # noqa: SLF001
    assert shown == results
    assert capsys.readouterr().out == ""  # the bar never touches the report on stdout


def test_rest_json_cassette_operation_from_method_and_uri(tmp_path: Path) -> None:
    """rest-json services name the operation by method and URI (no X-Amz-Target)."""
    from botocontract.recordings import read_recording  # noqa: PLC0415

    cassette = {
        "interactions": [
            {
                "request": {
                    "method": "GET",
                    "uri": "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/my-fn?Qualifier=1",
                    "body": None,
                    "headers": {},
                },
                "response": {"status": {"code": 200}, "headers": {}, "body": {"string": "{}"}},
            },
            {
                "request": {
                    "method": "GET",
                    "uri": "https://lambda.us-east-1.amazonaws.com/2015-03-31/functions/",
                    "body": None,
                    "headers": {},
                },
                "response": {"status": {"code": 200}, "headers": {}, "body": {"string": "{}"}},
            },
        ]
    }
    path = tmp_path / "lambda.json"
    path.write_text(json.dumps(cassette))
    found = read_recording(path, service="lambda")
    assert [(item.label, item.operation) for item in found] == [
        ("/interactions/0/request", "GetFunction"),  # a rest request: its URI is judged too
        ("/interactions/0/response", "GetFunction"),
        ("/interactions/1/request", "ListFunctions"),
        ("/interactions/1/response", "ListFunctions"),
    ]


def test_missing_path_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "nope.json"
    result = run(str(missing))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"{missing}: input error: no such file or directory",
        "1 file(s), 0 payload(s): 0 error(s), 0 drift, 1 unreadable file(s)",
    ]


def test_reports_are_byte_identical_across_hash_seeds() -> None:
    import os  # noqa: PLC0415

    script = Path(sys.executable).parent / "botocontract"
    outputs = set()
    for seed in ("0", "1", "12345"):
        for output_format in ("text", "json", "junit"):
            result = subprocess.run(  # noqa: S603 - our own console script
                [str(script), "validate", "--format", output_format, str(DATA), str(EXAMPLES)],
                capture_output=True,
                check=False,
                env={**os.environ, "PYTHONHASHSEED": seed},
            )
            outputs.add((output_format, result.stdout))
    assert len(outputs) == 3


def test_every_format_names_the_contract_each_service_used(drifted: Path) -> None:
    bundled = ROOT / "generated" / "codebuild"
    described = f"codebuild: bundled {bundled} (botocore 1.43.11)"
    text = run("--verbose", str(drifted)).stdout.splitlines()
    assert text[-2:] == [f"contracts: {described}", "2 file(s), 2 payload(s): 0 error(s), 1 drift"]
    document = json.loads(run("--format", "json", str(drifted)).stdout)
    assert document["contracts"] == [
        {
            "service": "codebuild",
            "source": "bundled",
            "directory": str(bundled),
            "botocore": "1.43.11",
        }
    ]
    suite = ET.fromstring(run("--format", "junit", str(drifted)).stdout)  # noqa: S314 - ours
    properties = {item.get("name"): item.get("value") for item in suite.iter("property")}
    assert properties == {"contract.codebuild": described}


def test_a_contract_from_another_botocore_warns_in_one_line(
    drifted: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Run from a project whose own CodeBuild contract was made from another botocore: judged
    by it, and said once on stderr; the verdict and exit status are the contract's."""
    project = tmp_path_factory.mktemp("project")
    (project / "pyproject.toml").write_text('[tool.botocontract]\ngenerated = "contracts"\n')
    folder = project / "contracts" / "codebuild"
    shutil.copytree(ROOT / "generated" / "codebuild", folder)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "botocore_version": "1.0.0"}))
    script = Path(sys.executable).parent / "botocontract"
    result = subprocess.run(  # noqa: S603 - our own console script
        [str(script), "validate", "--verbose", str(drifted)],
        capture_output=True,
        text=True,
        check=False,
        cwd=project,
    )
    assert result.returncode == 0, result.stderr
    assert f"contracts: codebuild: project {folder} (botocore 1.0.0)" in result.stdout
    installed = sources.installed_botocore()
    assert result.stderr.splitlines() == [
        (
            f"botocontract: warning: codebuild: the project contract {folder} was made from "
            f"botocore 1.0.0 but botocore {installed} is installed; run `botocontract generate "
            "codebuild` to update it"
        )
    ]
