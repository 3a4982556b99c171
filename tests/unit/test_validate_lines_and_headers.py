"""JSON Lines with bad lines: each bad line is its own input error, the good lines still checked.

The rest-json error naming from ``x-amzn-ErrorType`` is below, with botocore's parser as oracle.
"""

from __future__ import annotations

import json
import pickle
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING, Any

import botocore.session
import pytest
import yaml
from botocontract._cli.validate import exit_code
from botocontract._report import render
from botocontract.recordings import BadLine, Options, RecordingError, check_file, read_recording
from botocontract.validation import operation_entry, validate
from botocore.awsrequest import HeadersDict
from botocore.parsers import create_parser

if TYPE_CHECKING:
    from botocontract._report import Checked, FileResult

SERVICE = "codebuild"
WANTED = '{"service", "operation", "response"}'
GOOD = {"service": SERVICE, "operation": "ListProjects", "response": {"projects": ["a-project"]}}
BROKEN = {"service": SERVICE, "operation": "ListProjects", "response": {"projects": [5]}}

# Line -> its text and the input error it must get (None: a good line, validated as usual).
LINES: dict[int, tuple[str, str | None]] = {
    1: (json.dumps(GOOD), None),
    2: (
        '{"service": "codebuild", "operation": "ListProjects", "response": {"pro',
        ("truncated JSON (the line ends before the value is complete)"),
    ),
    3: (
        '{"operation": "ListProjects", "response": {}} trailing',
        ("invalid JSON (more text after the JSON value at column 47)"),
    ),
    4: ("[1, 2]", f"not a {WANTED} record (a JSON array, not an object)"),
    5: ('"a string"', f"not a {WANTED} record (a JSON string, not an object)"),
    6: ('{"service": "codebuild", "response": {}}', f'not a {WANTED} record (missing "operation")'),
    7: ('{"operation": "ListProjects"}', f'not a {WANTED} record (missing "response")'),
    8: ("{}", f'not a {WANTED} record (missing "operation" and "response")'),
    9: (
        '{"service": "codebuild", "operation": "NoSuchOperation", "request": {}, "response": {}}',
        "codebuild: unknown operation 'NoSuchOperation'",
    ),
    10: (json.dumps(BROKEN), None),
    12: (
        json.dumps({**GOOD, "service": "codebuld"}),
        "unknown service 'codebuld'; did you mean codebuild?",
    ),
}


@pytest.fixture
def records(tmp_path: Path) -> Path:
    """A JSON Lines file with the lines above; line 11 is blank (skipped, as before)."""
    path = tmp_path / "records.jsonl"
    text = [LINES[number][0] if number in LINES else "" for number in range(1, 13)]
    path.write_text("\n".join(text) + "\n")
    return path


def _bad() -> tuple[BadLine, ...]:
    return tuple(BadLine(number, reason) for number, (_, reason) in LINES.items() if reason)


def test_each_bad_line_is_its_own_input_error(records: Path) -> None:
    result = check_file(records, Options())
    assert result.problem is None
    assert result.bad_lines == _bad()
    assert result.input_errors == len(_bad())


def test_the_good_lines_of_the_same_file_are_validated_as_usual(records: Path) -> None:
    result = check_file(records, Options())
    assert [(item.label, item.report.shape) for item in result.checked] == [
        ("line 1 response", "ListProjectsOutput"),
        ("line 10 response", "ListProjectsOutput"),
    ]
    assert result.checked[0].report.issues == ()
    (issue,) = result.checked[1].report.errors
    assert (issue.path, issue.rule) == ("/projects/0", "type")


def test_the_json_errors_are_the_lines_json_cannot_read(records: Path) -> None:
    """Oracle: the standard library's parser fails on exactly the lines called invalid JSON."""
    lines = enumerate(records.read_text().splitlines(), start=1)
    unreadable = {number for number, line in lines if line.strip() and not _is_json(line)}
    said = {bad.number for bad in check_file(records, Options()).bad_lines}
    assert unreadable == {
        number
        for number in said
        if "JSON (" in LINES[number][1]  # type: ignore[operator]
    }


def test_a_bad_line_of_another_encoding_says_which_byte(tmp_path: Path) -> None:
    path = tmp_path / "records.ndjson"
    path.write_bytes(json.dumps(GOOD).encode() + b'\n{"operation": "caf\xe9"}\n')
    result = check_file(path, Options())
    assert result.bad_lines == (BadLine(2, "not UTF-8 text (invalid byte 0xe9 at column 19)"),)
    assert len(result.checked) == 1


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


def test_read_recording_still_refuses_the_whole_file(records: Path) -> None:
    """The pytest plugin and ``diff`` read through ``read_recording``: one line, as before."""
    with pytest.raises(RecordingError) as caught:
        read_recording(records, service=SERVICE)
    assert str(caught.value) == (
        f"{records}: line 2: truncated JSON (the line ends before the value is complete)"
    )


def test_a_result_with_bad_lines_crosses_a_process_boundary(records: Path) -> None:
    """``-j`` workers send results by pickle."""
    result = check_file(records, Options())
    assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - our own bytes


# --- the three report formats and the exit status -------------------------------------------


def test_text_names_file_and_line(records: Path) -> None:
    text = render("text", [check_file(records, Options())]).splitlines()
    assert text[0] == str(records)
    assert [line for line in text if ": input error: " in line] == [
        f"{records}:{bad.number}: input error: {bad.reason}" for bad in _bad()
    ]
    assert text[-1] == (
        f"1 file(s), 2 payload(s): 1 error(s), 0 drift, {len(_bad())} unreadable line(s)"
    )


def test_text_shows_bad_lines_even_when_the_good_lines_are_clean(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(GOOD) + "\n[]\n")
    assert render("text", [check_file(path, Options())]).splitlines() == [
        f"{path}:2: input error: not a {WANTED} record (a JSON array, not an object)",
        "1 file(s), 1 payload(s): 0 error(s), 0 drift, 1 unreadable line(s)",
    ]


def test_json_lists_the_bad_lines_and_counts_them(records: Path) -> None:
    document = json.loads(render("json", [check_file(records, Options())]))
    assert document["summary"]["input_errors"] == len(_bad())
    (entry,) = document["files"]
    assert entry["input_error"] is None
    assert entry["bad_lines"] == [{"line": bad.number, "input_error": bad.reason} for bad in _bad()]
    assert [payload["label"] for payload in entry["payloads"]] == [
        "line 1 response",
        "line 10 response",
    ]


def test_junit_has_an_error_case_per_bad_line(records: Path) -> None:
    suite = ET.fromstring(render("junit", [check_file(records, Options())]))  # noqa: S314
    assert (suite.get("tests"), suite.get("failures"), suite.get("errors")) == (
        str(2 + len(_bad())),
        "1",
        str(len(_bad())),
    )
    errors = [
        (case.get("name"), case.find("error").get("message"))  # type: ignore[union-attr]
        for case in suite.findall("testcase")
        if case.find("error") is not None
    ]
    assert errors == [(f"read line {bad.number}", bad.reason) for bad in _bad()]


def test_a_bad_line_makes_the_run_incomplete(tmp_path: Path) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text(json.dumps(GOOD) + "\n{\n")
    assert exit_code([check_file(path, Options())]) == 2
    path.write_text(json.dumps(GOOD) + "\n")
    assert exit_code([check_file(path, Options())]) == 0


# --- rest-json errors named by the x-amzn-ErrorType header ----------------------------------

CASSETTES = Path(__file__).parents[1] / "data" / "cassettes"
RECORDINGS = Path(__file__).parents[1] / "data" / "recordings"
API_GATEWAY = CASSETTES / "apigateway_rest_json_errors.yaml"
CORAL = ":http://internal.amazon.com/coral/com.amazonaws.backplane.controlplane/"


def _load(path: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load(path.read_text())
    return document


def _error_response(
    status: int, body: dict[str, Any], error_type: str | None = None
) -> dict[str, Any]:
    """A recorded GetRestApi error, in vcrpy's form."""
    headers = {"Content-Type": ["application/json"]}
    if error_type is not None:
        headers["x-amzn-ErrorType"] = [error_type]
    return {
        "request": {"body": None, "headers": {}, "method": "GET", "uri": "/restapis/nosuchapi1"},
        "response": {
            "body": {"string": json.dumps(body)},
            "headers": headers,
            "status": {"code": status, "message": ""},
        },
    }


def _write(tmp_path: Path, interactions: list[dict[str, Any]]) -> Path:
    path = tmp_path / "cassette.yaml"
    path.write_text(yaml.safe_dump({"interactions": interactions, "version": 1}))
    return path


def _botocore_code(service: str, operation: str, interaction: dict[str, Any]) -> str:
    """The oracle: the error code botocore's own parser reads from the recorded response."""
    response = interaction["response"]
    model = botocore.session.get_session().get_service_model(service)
    headers = HeadersDict(
        {
            name: value[0].decode() if isinstance(value[0], bytes) else value[0]
            for name, value in response["headers"].items()
        }
    )
    raw = {
        "status_code": response["status"]["code"],
        "headers": headers,
        "body": str(response["body"]["string"]).encode(),
    }
    parser = create_parser(model.resolved_protocol)
    parsed = parser.parse(raw, model.operation_model(operation).output_shape)
    return str(parsed["Error"]["Code"])


def _named(checked: Checked) -> str | None:
    """The error our verdict names: the modeled error's shape, or the unmodeled name."""
    entry = operation_entry(checked.report.service, str(checked.report.operation))
    if checked.report.shape in entry["errors"]:
        return checked.report.shape
    unmodeled = [issue.actual for issue in checked.report.issues if issue.rule == "unmodeledError"]
    return unmodeled[0] if unmodeled else None


def responses(result: FileResult) -> list[Checked]:
    """A rest cassette's requests are judged too (URI, headers): these tests are on responses."""
    return [item for item in result.checked if not item.label.endswith("/request")]


def test_the_header_names_the_modeled_error_and_its_shape_checks_the_body() -> None:
    result = check_file(API_GATEWAY, Options(service="apigateway"))
    assert result.problem is None
    not_found = responses(result)[1]
    assert (not_found.label, not_found.report.shape, not_found.report.issues) == (
        "/interactions/1/response",
        "NotFoundException",
        (),
    )


def test_an_unmodeled_name_in_the_header_is_drift() -> None:
    checked = responses(check_file(API_GATEWAY, Options(service="apigateway")))[2]
    (issue,) = checked.report.issues
    assert (checked.report.shape, issue.rule, issue.severity, issue.actual) == (
        None,
        "unmodeledError",
        "drift",
        "UnrecognizedClientException",
    )
    strict = responses(check_file(API_GATEWAY, Options(service="apigateway", strict=True)))[2]
    assert [issue.severity for issue in strict.report.issues] == ["error"]


def test_the_cassette_names_errors_as_botocore_does() -> None:
    cassette = _load(API_GATEWAY)
    result = check_file(API_GATEWAY, Options(service="apigateway"))
    for index in (1, 2):
        interaction = cassette["interactions"][index]
        assert _named(responses(result)[index]) == _botocore_code(
            "apigateway", "GetRestApi", interaction
        )


def test_the_error_body_is_validated_against_the_named_error(tmp_path: Path) -> None:
    path = _write(tmp_path, [_error_response(404, {"message": 42}, f"NotFoundException{CORAL}")])
    (checked,) = responses(check_file(path, Options(service="apigateway")))
    assert checked.report.shape == "NotFoundException"
    assert [(issue.path, issue.rule, issue.shape) for issue in checked.report.errors] == [
        ("/message", "type", "String")
    ]


@pytest.mark.parametrize(
    ("status", "body", "error_type"),
    [
        pytest.param(404, {"message": "m"}, f"NotFoundException{CORAL}", id="header"),
        pytest.param(
            404,
            {"__type": "BadRequestException", "message": "m"},
            "NotFoundException",
            id="header-wins-over-type",
        ),
        pytest.param(
            429, {"code": "TooManyRequestsException", "message": "m"}, None, id="body-code"
        ),
        pytest.param(400, {"__type": "BadRequestException"}, None, id="type-without-header"),
        pytest.param(404, {"message": "m"}, None, id="status-alone"),
        pytest.param(
            404,
            {"message": "m"},
            "com.amazonaws.apigateway#NotFoundException:http://a#b",
            id="namespace-and-uri",
        ),
    ],
)
def test_rest_json_naming_matches_botocore(
    tmp_path: Path, status: int, body: dict[str, Any], error_type: str | None
) -> None:
    interaction = _error_response(status, body, error_type)
    (checked,) = responses(
        check_file(_write(tmp_path, [interaction]), Options(service="apigateway"))
    )
    assert _named(checked) == _botocore_code("apigateway", "GetRestApi", interaction)


def test_json_protocol_ignores_the_header_as_botocore_does(tmp_path: Path) -> None:
    """botocore's json parser reads ``__type`` or the status, never ``x-amzn-ErrorType``."""
    cassette = _load(RECORDINGS / "cassette_batch_get_builds.yaml")
    error = cassette["interactions"][1]
    error["response"]["body"]["string"] = '{"message": "Invalid build ID"}'
    error["response"]["headers"] = {"x-amzn-ErrorType": ["InvalidInputException"]}
    path = tmp_path / "cassette.yaml"
    path.write_text(yaml.safe_dump(cassette))
    checked = check_file(path, Options()).checked[3]
    assert _named(checked) == _botocore_code("codebuild", "BatchGetBuilds", error) == "400"


def test_validate_takes_the_error_type_from_python() -> None:
    report = validate(
        {"message": "m"},
        "apigateway",
        operation="GetRestApi",
        error_type=f"NotFoundException{CORAL}",
    )
    assert (report.shape, report.issues) == ("NotFoundException", ())


def test_a_success_response_is_never_an_error() -> None:
    """A 200 with the header is a success, as botocore parses it: checked against the output."""
    first = responses(check_file(API_GATEWAY, Options(service="apigateway")))[0]
    assert (first.report.shape, first.report.issues) == ("RestApis", ())


def test_an_error_named_by_nothing_but_its_status_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path, [_error_response(404, {"message": "m"})])
    (checked,) = responses(check_file(path, Options(service="apigateway")))
    assert [issue.message for issue in checked.report.issues] == [
        "error '404' (only the HTTP status names it) is not one of GetRestApi's modeled errors"
    ]
