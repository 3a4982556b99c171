"""Recording formats and bad input: each bad file gets one clear line, the others still run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from contracts.recordings import (
    MAX_BYTES,
    Options,
    RecordingError,
    check_file,
    operation_from_name,
    read_recording,
)

DATA = Path(__file__).parents[1] / "data" / "recordings"
SERVICE = "codebuild"


def labels(path: Path, **kwargs: Any) -> list[tuple[str, str | None, str, str]]:
    found = read_recording(path, service=SERVICE, **kwargs)
    return [(item.label, item.operation, item.direction, item.form) for item in found]


# --- formats ---------------------------------------------------------------------------------


def test_vcr_yaml_cassette_with_binary_headers() -> None:
    assert labels(DATA / "cassette_batch_get_builds.yaml") == [
        ("/interactions/0/request", "BatchGetBuilds", "request", "wire"),
        ("/interactions/0/response", "BatchGetBuilds", "response", "wire"),
        ("/interactions/1/request", "BatchGetBuilds", "request", "wire"),
        ("/interactions/1/response", "BatchGetBuilds", "response", "wire"),
    ]


def test_cassette_error_response_is_checked_against_its_error_shape() -> None:
    result = check_file(DATA / "cassette_batch_get_builds.yaml", Options())
    shapes = [item.report.shape for item in result.checked]
    assert shapes[-1] == "InvalidInputException"
    assert [issue.member_path for issue in result.checked[2].report.errors] == ["ids[0]"]


def test_json_cassette_with_base64_gzip_body() -> None:
    (request, response) = read_recording(DATA / "cassette_gzip_base64.json", service=SERVICE)
    assert request.payload["ids"][1] == "codebuild-demo-project:missing"
    assert response.payload["builds"][0]["buildStatus"] == "SUCCEEDED"


def test_placebo_recording() -> None:
    (found,) = read_recording(DATA / "codebuild.BatchGetBuilds_1.json", service=SERVICE)
    assert (found.label, found.operation, found.form) == ("/data", "BatchGetBuilds", "boto3")
    result = check_file(DATA / "codebuild.BatchGetBuilds_1.json", Options())
    assert result.checked[0].report.issues == ()


def test_json_lines_records() -> None:
    assert labels(DATA / "records.jsonl") == [
        ("line 1 response", "BatchGetBuilds", "response", "auto"),
        ("line 2 response", "ListProjects", "response", "auto"),
    ]


@pytest.mark.parametrize(
    ("name", "form"),
    [("BatchGetBuilds_wire.json", "wire"), ("BatchGetBuilds_boto3_dump.json", "boto3")],
)
def test_bare_dumps_detected_per_file(name: str, form: str) -> None:
    (checked,) = check_file(DATA / name, Options()).checked
    assert (checked.report.form, checked.report.ok, checked.report.issues) == (form, True, ())


@pytest.mark.parametrize(
    ("file_name", "operation"),
    [
        ("BatchGetBuilds__1.json", "BatchGetBuilds"),
        ("BatchGetBuilds-clean.json", "BatchGetBuilds"),
        ("codebuild.ListProjects_2.json", "ListProjects"),
        ("batch_get_builds.example-output.json", "BatchGetBuilds"),
        ("ListBuildsForProject_1.json", "ListBuildsForProject"),
        ("ListBuilds_1.json", "ListBuilds"),
        ("ListBuildsx.json", None),
        ("response.json", None),
    ],
)
def test_operation_from_file_name(file_name: str, operation: str | None) -> None:
    assert operation_from_name(SERVICE, file_name) == operation


def test_operation_option_overrides_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "anything.json"
    path.write_text('{"projects": ["p1"]}')
    assert labels(path, operation="ListProjects") == [("", "ListProjects", "response", "auto")]


# --- bad input -------------------------------------------------------------------------------

ALIAS_BOMB = "\n".join(
    ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    + [
        f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} ["
        + ",".join([f"*{chr(ord('a') + i - 1)}"] * 9)
        + "]"
        for i in range(1, 9)
    ]
    + ["interactions: [*i]"]
)
OTHER_SERVICE = {
    "interactions": [
        {
            "request": {
                "method": "POST",
                "uri": "https://dynamodb.us-east-1.amazonaws.com/",
                "body": '{"TableName": "t"}',
                "headers": {"X-Amz-Target": ["DynamoDB_20120810.DescribeTable"]},
            },
            "response": {"status": {"code": 200}, "headers": {}, "body": {"string": "{}"}},
        }
    ],
    "version": 1,
}


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as handle:
        handle.truncate(size)


def bad_files(directory: Path) -> dict[str, str]:
    """File name -> the message its one line must carry; written into ``directory``."""
    marker = directory / "executed"
    files: dict[str, tuple[bytes, str]] = {
        "BatchGetBuilds_invalid.json": (
            b'{"builds": [}',
            "invalid JSON (Expecting value at line 1 column 13)",
        ),
        "BatchGetBuilds_truncated.json": (
            b'{"builds": [{"id": "a"',
            "truncated JSON (the text ends at line 1 column 23 before the value is complete)",
        ),
        "BatchGetBuilds_empty.json": (b"", "empty file"),
        "BatchGetBuilds_binary.json": (
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "binary file (NUL bytes), not a recording",
        ),
        "BatchGetBuilds_latin1.json": (
            b'{"builds": [{"id": "caf\xe9"}]}',
            "not UTF-8 text (invalid byte 0xe9 at offset 23)",
        ),
        "python_object.yaml": (
            f'interactions: !!python/object/apply:os.system ["touch {marker}"]\n'.encode(),
            "YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' refused (only plain data is loaded)",
        ),
        "alias_bomb.yaml": (
            ALIAS_BOMB.encode(),
            "YAML aliases expand past the size limit (an alias bomb?)",
        ),
        "BatchGetBuilds_deep.json": (
            b"[" * 10_000 + b"]" * 10_000,
            "JSON nested too deeply to be a recording",
        ),
        "deep.yaml": (b"[" * 10_000 + b"]" * 10_000, "YAML nested more than 100 levels deep"),
        "other_service.json": (
            json.dumps(OTHER_SERVICE).encode(),
            "a cassette of another service (X-Amz-Target DynamoDB_20120810.DescribeTable), not codebuild",
        ),
        "records.jsonl": (
            b'{"service": "codebuild", "operation": "NoSuchOperation", "response": {}}\n',
            "codebuild: unknown operation 'NoSuchOperation'",
        ),
        "no_operation_here.json": (
            b'{"builds": []}',
            "cannot tell the operation: name the file after it (BatchGetBuilds*.json) or pass --operation",
        ),
    }
    for name, (content, _) in files.items():
        (directory / name).write_bytes(content)
    _sparse(directory / "BatchGetBuilds_huge.json", 100 * 1024 * 1024)
    expected = {name: message for name, (_, message) in files.items()}
    limit = f"{MAX_BYTES / 1024 / 1024:.1f} MB"
    expected["BatchGetBuilds_huge.json"] = (
        f"file is 100.0 MB, over the {limit} limit for one recording"
    )
    return expected


def test_each_bad_file_gets_its_message(tmp_path: Path) -> None:
    expected = bad_files(tmp_path)
    for name, message in expected.items():
        result = check_file(tmp_path / name, Options())
        assert (name, result.problem) == (name, message)
        assert result.checked == ()
    assert not (tmp_path / "executed").exists()


def test_recording_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "BatchGetBuilds.json"
    path.write_text("{")
    with pytest.raises(RecordingError) as caught:
        read_recording(path, service=SERVICE)
    assert (
        str(caught.value)
        == f"{path}: truncated JSON (the text ends at line 1 column 2 before the value is complete)"
    )


def test_cassette_skips_other_services_beside_codebuild(tmp_path: Path) -> None:
    mixed = json.loads(json.dumps(OTHER_SERVICE))
    mixed["interactions"].append(
        json.loads((DATA / "cassette_gzip_base64.json").read_text())["interactions"][0]
    )
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(mixed))
    assert [label for label, *_ in labels(path)] == [
        "/interactions/1/request",
        "/interactions/1/response",
    ]


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    import gzip  # noqa: PLC0415

    path = tmp_path / "BatchGetBuilds.json.gz"
    path.write_bytes(gzip.compress(b" " * (MAX_BYTES + 10)))
    with pytest.raises(RecordingError, match="gzip data expands past"):
        read_recording(path, service=SERVICE)
