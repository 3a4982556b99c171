"""JSON Lines with bad lines: each bad line is its own input error, the good lines still checked.

The rest-json error naming from ``x-amzn-ErrorType`` is below, with botocore's parser as oracle.
"""

from __future__ import annotations

import json
import pickle
import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

import pytest

from contracts._cli_validate import exit_code
from contracts._report import render
from contracts.recordings import BadLine, Options, RecordingError, check_file, read_recording

if TYPE_CHECKING:
    from pathlib import Path

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
        ("invalid JSON (unexpected content after document at column 47)"),
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
