"""moto's CodeBuild fake, checked against the contract: the report finds real bugs in a fake.

Every HTTP body boto3 sends to and receives from moto (in process) is captured through
botocore's own events, before any parsing drops what the model does not know, and validated
in the wire form with ``strict``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import orjson
import pytest
from botocontract.validation import Report, validate
from moto import mock_aws

SERVICE = "codebuild"
# CreateProject parameters shared by the tests that drive a fake CodeBuild.
PROJECT = json.loads(
    (Path(__file__).parents[1] / "data" / "codebuild_create_project.json").read_text()
)


@pytest.fixture(scope="module")
def traffic() -> list[tuple[str, str, Any]]:
    """(operation, direction, wire body) for a small session against moto."""
    captured: list[tuple[str, str, Any]] = []

    def on_send(request: Any, **_: Any) -> None:
        operation = request.headers["X-Amz-Target"].decode().rpartition(".")[2]
        captured.append((operation, "request", orjson.loads(request.body or b"{}")))

    def on_parse(operation_model: Any, response_dict: Any, **_: Any) -> None:
        captured.append((operation_model.name, "response", orjson.loads(response_dict["body"])))

    with mock_aws():
        client = boto3.client(
            SERVICE,
            region_name="us-east-1",
            aws_access_key_id="x",
            aws_secret_access_key="x",
        )
        client.meta.events.register("before-send.codebuild", on_send)
        client.meta.events.register("before-parse.codebuild", on_parse)
        client.create_project(**PROJECT)
        build_id = client.start_build(projectName=PROJECT["name"])["build"]["id"]
        client.batch_get_builds(ids=[build_id])
        client.stop_build(id=build_id)
        client.batch_get_projects(names=[PROJECT["name"]])
    return captured


def reports(traffic: list[tuple[str, str, Any]]) -> dict[tuple[str, str], Report]:
    return {
        (operation, direction): validate(
            body,
            SERVICE,
            operation=operation,
            direction=direction,  # type: ignore[arg-type]
            form="wire",
            strict=True,
        )
        for operation, direction, body in traffic
    }


def found(report: Report) -> list[tuple[str, str, str, str]]:
    return [(issue.path, issue.rule, issue.expected, issue.actual) for issue in report.issues]


def test_every_call_was_captured(traffic: list[tuple[str, str, Any]]) -> None:
    assert [(operation, direction) for operation, direction, _ in traffic] == [
        (operation, direction)
        for operation in (
            "CreateProject",
            "StartBuild",
            "BatchGetBuilds",
            "StopBuild",
            "BatchGetProjects",
        )
        for direction in ("request", "response")
    ]


def test_boto3_requests_are_valid(traffic: list[tuple[str, str, Any]]) -> None:
    for (operation, direction), report in reports(traffic).items():
        if direction == "request":
            assert report.issues == (), operation


def test_moto_project_timeouts_break_the_model_minimum(traffic: list[tuple[str, str, Any]]) -> None:
    """moto answers timeoutInMinutes: 0 and queuedTimeoutInMinutes: 0; the model says 5..."""
    checked = reports(traffic)
    assert found(checked["CreateProject", "response"]) == [
        ("/project/queuedTimeoutInMinutes", "minimum", ">= 5", "0"),
        ("/project/timeoutInMinutes", "minimum", ">= 5", "0"),
    ]
    assert found(checked["BatchGetProjects", "response"]) == [
        ("/projects/0/queuedTimeoutInMinutes", "minimum", ">= 5", "0"),
        ("/projects/0/timeoutInMinutes", "minimum", ">= 5", "0"),
    ]


def test_moto_builds_pass(traffic: list[tuple[str, str, Any]]) -> None:
    checked = reports(traffic)
    for operation in ("StartBuild", "BatchGetBuilds", "StopBuild"):
        assert checked[operation, "response"].issues == (), operation


def test_botocore_parses_the_defect_silently(traffic: list[tuple[str, str, Any]]) -> None:
    """What botocontract adds: botocore's parser hands the 0 to the caller without a word."""
    import botocore.session  # noqa: PLC0415
    from botocore.parsers import create_parser  # noqa: PLC0415

    body = next(
        body for op, direction, body in traffic if (op, direction) == ("CreateProject", "response")
    )
    model = botocore.session.get_session().get_service_model(SERVICE)
    shape = model.operation_model("CreateProject").output_shape
    http = {"status_code": 200, "headers": {}, "body": orjson.dumps(body)}
    parsed = create_parser("json").parse(http, shape)
    assert parsed["project"]["timeoutInMinutes"] == 0
