"""Recording formats and bad input: each bad file gets one clear line, the others still run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocontract.recordings import (
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


# --- bad input (the full list runs in tests/cli/test_validate_bad_input.py) -------------------

# A VCR.py cassette of another service (DynamoDB), shared with the recordings unit tests.
OTHER_SERVICE = json.loads((DATA.parent / "cassettes" / "dynamodb_describe_table.json").read_text())


def test_recording_error_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "BatchGetBuilds.json"
    path.write_text("{")
    with pytest.raises(RecordingError) as caught:
        read_recording(path, service=SERVICE)
    assert (
        str(caught.value)
        == f"{path}: truncated JSON (the text ends at line 1 column 2 before the value is complete)"
    )


def test_a_cassette_of_two_services_judges_each_against_its_own(tmp_path: Path) -> None:
    mixed = json.loads(json.dumps(OTHER_SERVICE))
    mixed["interactions"].append(
        json.loads((DATA / "cassette_gzip_base64.json").read_text())["interactions"][0]
    )
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(mixed))
    found = read_recording(path, service=SERVICE)
    assert [(item.label, item.service, item.operation) for item in found] == [
        ("/interactions/0/request", "dynamodb", "DescribeTable"),
        ("/interactions/0/response", "dynamodb", "DescribeTable"),
        ("/interactions/1/request", "codebuild", "BatchGetBuilds"),
        ("/interactions/1/response", "codebuild", "BatchGetBuilds"),
    ]


def test_gzip_bomb_is_refused(tmp_path: Path) -> None:
    import gzip  # noqa: PLC0415

    path = tmp_path / "BatchGetBuilds.json.gz"
    path.write_bytes(gzip.compress(b" " * (MAX_BYTES + 10)))
    with pytest.raises(RecordingError, match="gzip data expands past"):
        read_recording(path, service=SERVICE)


def test_an_unexpected_failure_is_one_line_not_a_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import botocontract.recordings  # noqa: PLC0415

    def explode(*_: Any, **__: Any) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(botocontract.recordings, "validate", explode)
    path = tmp_path / "ListProjects_1.json"
    path.write_text('{"projects": ["p"]}')
    assert check_file(path, Options()).problem == "cannot be checked (KeyError: 'surprise')"


def test_cassette_operation_comes_from_the_traffic_not_the_option() -> None:
    found = labels(DATA / "cassette_gzip_base64.json", operation="ListProjects")
    assert {operation for _, operation, _, _ in found} == {"BatchGetBuilds"}


def test_yaml_error_says_where_but_not_what(tmp_path: Path) -> None:
    path = tmp_path / "cassette.yaml"
    path.write_text('interactions:\n- request: {token: "ghp_hush": x}\n')
    with pytest.raises(RecordingError) as caught:
        read_recording(path, service=SERVICE)
    assert caught.value.reason.startswith("invalid YAML (")
    assert "line 2 column" in caught.value.reason
    assert "ghp_hush" not in str(caught.value)


def test_a_vcrpy_file_body_is_read_as_its_bytes(tmp_path: Path) -> None:
    """vcrpy writes a request body that was a file (S3 PutObject) as a Python BytesIO: its
    bytes are read, and nothing is constructed."""
    path = tmp_path / "put.yaml"
    path.write_text(
        "interactions:\n"
        "- request:\n"
        "    body: !!python/object/new:_io.BytesIO\n"
        "      state: !!python/tuple\n"
        "      - !!binary |\n"
        "        aGVsbG8=\n"
        "      - 0\n"
        "      - null\n"
        "    headers: {}\n"
        "    method: PUT\n"
        "    uri: https://bucket.s3.amazonaws.com/k.txt\n"
        "  response: {status: {code: 200}, headers: {}, body: {string: ''}}\n"
    )
    found = read_recording(path, service=SERVICE)
    assert [(item.service, item.operation, item.payload) for item in found] == [
        ("s3", "PutObject", b"hello"),
        ("s3", "PutObject", b""),
    ]


def _interaction(uri: str, headers: dict[str, list[str]], body: str) -> dict[str, Any]:
    return {
        "request": {"method": "POST", "uri": uri, "headers": headers, "body": body},
        "response": {"status": {"code": 200}, "headers": {}, "body": {"string": ""}},
    }


def test_the_host_and_the_signature_name_the_service(tmp_path: Path) -> None:
    signed = "AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/sts/aws4_request, Signature=x"
    cassette = {
        "interactions": [
            _interaction(
                "https://ec2.us-east-1.amazonaws.com/", {}, "Action=DescribeVpcs&Version=2016-11-15"
            ),
            _interaction(
                "http://127.0.0.1:5000/",
                {"Authorization": [signed]},
                "Action=GetCallerIdentity&Version=2011-06-15",
            ),
            _interaction("http://127.0.0.1:5000/latest/meta-data/", {}, ""),
        ]
    }
    path = tmp_path / "mixed.json"
    path.write_text(json.dumps(cassette))
    found = read_recording(path, service=SERVICE)
    assert [(item.label, item.service, item.operation, item.problem) for item in found] == [
        ("/interactions/0/request", "ec2", "DescribeVpcs", None),
        ("/interactions/0/response", "ec2", "DescribeVpcs", None),
        ("/interactions/1/request", "sts", "GetCallerIdentity", None),
        ("/interactions/1/response", "sts", "GetCallerIdentity", None),
        (
            "/interactions/2/request",
            "codebuild",
            None,
            "POST /latest/meta-data/ matches no operation of a botocore service (host 127.0.0.1)",
        ),
    ]
