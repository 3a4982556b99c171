"""Reports of hostile payloads and file names: secrets stay hidden, every format stays whole."""

from __future__ import annotations

import html
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from botocontract import validate
from botocontract.cli import main
from botocontract.errors import ContractMismatch
from botocontract.pytest_plugin import assert_matches_contract
from botocontract.validation import REDACTED
from click.testing import CliRunner

# A made-up environment variable name: in Lambda's model the names are sensitive too.
SECRET_KEY = "DB_PASSWORD_hunter2"  # noqa: S105 - made up, must never be printed
BAD_SECRET_KEY = "%%-7-%%"  # noqa: S105 - breaks the key pattern (a letter, then more)
FORMATS = ("text", "json", "junit")


def lambda_config(variables: dict[str, Any]) -> dict[str, Any]:
    return {"FunctionName": "f", "Environment": {"Variables": variables}}


def run(*args: str) -> str:
    result = CliRunner().invoke(main, ["validate", *args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.output


def parse(output_format: str, output: str) -> Any:
    """Each format's own reader: a report that breaks its format fails here."""
    if output_format == "json":
        return json.loads(output)
    if output_format == "junit":
        return ET.fromstring(output.encode())  # noqa: S314 - our own output
    return output


# --- 1. sensitive map keys ----------------------------------------------------------------


def test_a_sensitive_map_key_is_redacted_in_pointer_path_and_message() -> None:
    report = validate(
        lambda_config({SECRET_KEY: 5, BAD_SECRET_KEY: "x"}),
        "lambda",
        operation="GetFunctionConfiguration",
    )
    assert len(report.errors) == 2
    for issue in report.issues:
        assert SECRET_KEY not in json.dumps(issue.to_dict())
        assert BAD_SECRET_KEY not in json.dumps(issue.to_dict())
    wrong_type = next(issue for issue in report.issues if issue.rule == "type")
    assert wrong_type.path == f"/Environment/Variables/{REDACTED}"
    assert wrong_type.member_path == f"Environment.Variables.{REDACTED}"
    bad_key = next(issue for issue in report.issues if issue.rule == "propertyNames")
    assert bad_key.expected == "keys of EnvironmentVariableName (matching [a-zA-Z]([a-zA-Z0-9_])+)"


@pytest.mark.parametrize("output_format", FORMATS)
def test_no_report_format_shows_a_sensitive_map_key(tmp_path: Path, output_format: str) -> None:
    recording = tmp_path / "GetFunctionConfiguration_1.json"
    recording.write_text(json.dumps(lambda_config({SECRET_KEY: 5, BAD_SECRET_KEY: "x"})))
    output = run(str(recording), "--service", "lambda", "--format", output_format)
    parsed = parse(output_format, output)
    assert SECRET_KEY not in output
    assert BAD_SECRET_KEY not in output
    text = ET.tostring(parsed, encoding="unicode") if output_format == "junit" else output
    assert f"/Environment/Variables/{REDACTED}" in html.unescape(text)


def test_assert_matches_contract_does_not_show_a_sensitive_map_key() -> None:
    with pytest.raises(ContractMismatch) as raised:
        assert_matches_contract(
            lambda_config({SECRET_KEY: 5}), "lambda", "GetFunctionConfiguration"
        )
    assert SECRET_KEY not in str(raised.value)
    assert f"Environment.Variables.{REDACTED}" in str(raised.value)


def test_a_map_of_sensitive_values_keeps_its_plain_keys() -> None:
    """SSM's task parameters: values sensitive, names (the key shape) not."""
    payload = {"WindowId": "mw-0123456789abcdef0", "TaskParameters": {"commands": 5}}
    report = validate(payload, "ssm", operation="GetMaintenanceWindowTask")
    assert [issue.path for issue in report.errors] == ["/TaskParameters/commands"]
    assert report.errors[0].actual == REDACTED


def test_a_shown_copy_hides_sensitive_values_and_keys_and_keeps_the_rest() -> None:
    from botocontract._explain import redacted  # noqa: PLC0415 - the plugin's printing of draws
    from botocontract.schemas import load_schema  # noqa: PLC0415

    lambda_form = load_schema("lambda", "boto3")
    payload = lambda_config({SECRET_KEY: "v1", "OTHER": "v2"})
    assert redacted(payload, lambda_form, "FunctionConfiguration") == {
        "FunctionName": "f",
        "Environment": {"Variables": REDACTED},  # the map itself is sensitive
    }
    ssm_form = load_schema("ssm", "boto3")
    task = {"WindowId": "mw-0123456789abcdef0", "TaskParameters": {"commands": {"Values": ["x"]}}}
    assert redacted(task, ssm_form, "GetMaintenanceWindowTaskResult") == {
        "WindowId": "mw-0123456789abcdef0",
        "TaskParameters": REDACTED,
    }


# A plain map keyed by a sensitive shape, and one of sensitive values under plain keys.
TOY_SCHEMA = {
    "$id": "toy-report-hostile",
    "$defs": {
        "Root": {
            "type": "object",
            "properties": {
                "ByName": {"$ref": "#/$defs/ByName"},
                "Tokens": {"$ref": "#/$defs/Tokens"},
            },
        },
        "ByName": {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/SecretName"},
            "additionalProperties": {"$ref": "#/$defs/Count"},
        },
        "Tokens": {
            "type": "object",
            "propertyNames": {"$ref": "#/$defs/Name"},
            "additionalProperties": {"$ref": "#/$defs/Token"},
        },
        "SecretName": {"type": "string", "x-sensitive": True},
        "Token": {"type": "string", "x-sensitive": True},
        "Name": {"type": "string"},
        "Count": {"type": "integer"},
    },
}


def test_only_keys_of_a_sensitive_key_shape_are_hidden() -> None:
    from botocontract._explain import redacted, without_secret_keys  # noqa: PLC0415

    payload = {"ByName": {SECRET_KEY: 1, "b": 2}, "Tokens": {"github": "t0ken"}}
    assert redacted(payload, TOY_SCHEMA, "Root") == {
        "ByName": {f"{REDACTED} #1": 1, f"{REDACTED} #2": 2},
        "Tokens": {"github": REDACTED},
    }
    assert without_secret_keys(TOY_SCHEMA, "Root", ("ByName", SECRET_KEY)) == ("ByName", REDACTED)
    assert without_secret_keys(TOY_SCHEMA, "Root", ("Tokens", "github")) == ("Tokens", "github")


# --- 3. hostile file names and keys, every format ---------------------------------------------

HOSTILE_KEY = "Bad\x01\x1b[2J\u202ekey"  # an unknown member: drift, named in the report
HOSTILE_NAMES = (
    b"GetFunctionConfiguration_\x01.json",
    b"GetFunctionConfiguration_\x1b[31m.json",
    b"GetFunctionConfiguration_\xff.json",  # not UTF-8
    b"GetFunctionConfiguration_a\nb.json",
)
UNREADABLE = b"bad\x1b[2J\nline\xfe.json"
# What a terminal acts on, besides the newlines that end the report's own lines.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\ud800-\udfff]")


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = os.fsencode(tmp_path)
    payload = json.dumps({"FunctionName": "f", HOSTILE_KEY: 1, "MemorySize": "x"})
    for name in HOSTILE_NAMES:
        Path(os.fsdecode(folder + b"/" + name)).write_text(payload)
    Path(os.fsdecode(folder + b"/" + UNREADABLE)).write_text("{not json")
    return tmp_path


def validate_bytes(*args: str) -> bytes:
    result = CliRunner().invoke(main, ["validate", *args])
    assert isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 2  # the unreadable file
    return result.stdout_bytes


def test_junit_stays_well_formed_xml(hostile: Path) -> None:
    output = validate_bytes(str(hostile), "--service", "lambda", "--format", "junit")
    suite = ET.fromstring(output)  # noqa: S314 - our own output
    names = sorted(case.get("classname", "") for case in suite.iter("testcase"))
    assert [name.rsplit("/", 1)[-1] for name in names] == [
        "GetFunctionConfiguration_\\x01.json",
        "GetFunctionConfiguration_\\x1b[31m.json",
        "GetFunctionConfiguration_\\xff.json",
        "GetFunctionConfiguration_a\nb.json",  # an attribute keeps its newline as &#10;
        "bad\\x1b[2J\nline\\xfe.json",
    ]
    failures = [failure.get("message", "") for failure in suite.iter("failure")]
    assert len(failures) == len(HOSTILE_NAMES)
    drift = "".join(out.text or "" for out in suite.iter("system-out"))
    assert "Bad\\x01\\x1b[2J\\u202ekey" in drift


def test_json_is_valid_utf8_with_the_names_escaped(hostile: Path) -> None:
    output = validate_bytes(str(hostile), "--service", "lambda", "--format", "json")
    document = json.loads(output.decode("utf-8"))  # strict: a raw \xff byte fails here
    paths = sorted(entry["path"].rsplit("/", 1)[-1] for entry in document["files"])
    assert "GetFunctionConfiguration_\\xff.json" in paths
    assert "bad\x1b[2J\nline\\xfe.json" in paths  # json's own escapes carry controls
    issues = [
        issue for entry in document["files"] for p in entry["payloads"] for issue in p["issues"]
    ]
    assert f"/{HOSTILE_KEY}" in [issue["path"] for issue in issues]


def test_text_prints_no_raw_control_character_and_one_line_per_error(hostile: Path) -> None:
    output = validate_bytes(str(hostile), "--service", "lambda").decode("utf-8")
    assert not RAW_CONTROL.search(output)
    errors = [line for line in output.splitlines() if "input error" in line]
    reason = "invalid JSON (a quoted member name was expected at line 1 column 2)"
    assert errors == [f"{hostile}/bad\\x1b[2J\\nline\\xfe.json: input error: {reason}"]
    assert f"{hostile}/GetFunctionConfiguration_a\\nb.json" in output.splitlines()
    assert "drift /Bad\\x01\\x1b[2J\\u202ekey:" in output


def test_assert_matches_contract_escapes_control_characters_in_keys() -> None:
    payload = {"FunctionName": "f", HOSTILE_KEY: 1, "MemorySize": "x"}
    with pytest.raises(ContractMismatch) as raised:
        assert_matches_contract(payload, "lambda", "GetFunctionConfiguration", strict=True)
    assert not RAW_CONTROL.search(str(raised.value))
    assert "Bad\\x01\\x1b[2J\\u202ekey" in str(raised.value)


# --- 5. wording -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [(float("nan"), "NaN"), (float("inf"), "Infinity"), (float("-inf"), "-Infinity")],
)
def test_a_non_finite_float_is_named_not_called_null(value: float, shown: str) -> None:
    # In the JSON form a non-finite float is its JSON-protocol text, which a float accepts and
    # an integer does not.
    report = validate({"MemorySize": value}, "lambda", operation="GetFunctionConfiguration")
    assert [issue.message for issue in report.errors] == [
        f'MemorySize: wrong type: expected integer, got "{shown}"'
    ]


def test_a_regex_engine_failure_names_the_pattern_and_why() -> None:
    """ECR's filter pattern exceeds the engine's backtracking limit on this value."""
    pattern = "^[a-z0-9*](?:[._\\-/a-z0-9*]?[a-z0-9*]+)*(?!\\n)$"
    gives_up = {"filter": "a" * 40 + "!", "filterType": "WILDCARD"}
    fails = {"filter": "A", "filterType": "WILDCARD"}
    expected = [
        validate(payload, "ecr", shape="ScanningRepositoryFilter").errors[0].expected
        for payload in (gives_up, fails, gives_up)
    ]
    assert expected[1] == f"a string matching {pattern}"
    assert expected[0] == expected[2]
    assert expected[0].startswith(f"a string matching {pattern} (not decided: ")
    assert "backtracking" in expected[0]
    assert "None" not in expected[0]


def test_a_usage_error_prints_no_control_character() -> None:
    result = CliRunner().invoke(main, ["validate", ".", "--service", "code\x1b[2J\nbuild"])
    assert result.exit_code == 2  # a usage error
    assert result.output.splitlines() == [
        "botocontract: error: code\\x1b[2J\\nbuild: is not a botocore service name"
    ]
