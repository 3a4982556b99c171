"""``botocontract probe`` against moto's server on 127.0.0.1: real moto defects are found with a
reproducing request, unimplemented operations are named, unsafe or dead endpoints refused."""

from __future__ import annotations

import json
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from botocontract.cli import main
from botocontract.probe import probe_endpoint
from click.testing import CliRunner

from tests.moto_server import moto_server

if TYPE_CHECKING:
    from collections.abc import Iterator

PROJECT = json.loads(
    (Path(__file__).parents[1] / "data" / "codebuild_create_project.json").read_text()
)


@pytest.fixture(scope="module")
def moto_url() -> Iterator[str]:
    with moto_server() as url:
        yield url


def test_codebuild_timeout_below_minimum_is_found_with_its_request(moto_url: str) -> None:
    report = probe_endpoint(
        ["codebuild"],
        moto_url,
        operations=["CreateProject", "ListCuratedEnvironmentImages"],
        max_examples=3,
        seed=1,
        examples={("codebuild", "CreateProject"): [PROJECT]},
    )
    found = {(f.operation, f.form, f.path, f.rule): f for f in report.errors}
    timeout = found[("CreateProject", "wire", "/project/timeoutInMinutes", "minimum")]
    assert timeout.request == PROJECT
    assert '"timeoutInMinutes":0' in timeout.body.replace(" ", "")
    verdicts = {c.operation: c.verdict for c in report.coverage}
    assert verdicts == {
        "CreateProject": "answered",
        "ListCuratedEnvironmentImages": "not implemented",
    }
    assert ("ListCuratedEnvironmentImages", "http", "", "server_error") in found


def test_the_command_prints_a_snippet_that_reproduces_the_finding(
    moto_url: str, tmp_path: Path
) -> None:
    examples = tmp_path / "examples.jsonl"
    project = {**PROJECT, "name": "from-the-command"}
    examples.write_text(json.dumps({"operation": "CreateProject", "request": project}) + "\n")
    result = CliRunner().invoke(
        main,
        [
            "probe",
            "codebuild",
            "--endpoint-url",
            moto_url,
            "--operation",
            "CreateProject",
            "--max-examples",
            "2",
            "--seed",
            "0",
            "--example",
            str(examples),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 1, result.output
    document = json.loads(result.output)
    finding = next(f for f in document["findings"] if f["path"] == "/project/timeoutInMinutes")
    # The snippet is real boto3 code: run it against the same server, it gets the same answer.
    namespace: dict[str, object] = {}
    exec(finding["reproduce"].replace("from-the-command", "from-the-snippet"), namespace)  # noqa: S102
    assert namespace["response"]["project"]["timeoutInMinutes"] == 0  # type: ignore[index]


def test_a_remote_endpoint_is_refused_without_the_flag() -> None:
    result = CliRunner().invoke(main, ["probe", "sqs", "--endpoint-url", "http://8.8.8.8:4566"])
    assert result.exit_code == 2
    assert "--allow-remote" in result.output
    assert "Traceback" not in result.output


def test_a_dead_endpoint_is_one_line_exit_2() -> None:
    with socket.socket() as probe_socket:
        probe_socket.bind(("127.0.0.1", 0))
        port = probe_socket.getsockname()[1]
    result = CliRunner().invoke(
        main, ["probe", "sqs", "--endpoint-url", f"http://127.0.0.1:{port}"]
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert "cannot connect" in result.output


def test_a_fifo_given_as_the_example_file_is_one_line_not_a_hang(tmp_path: Path) -> None:
    fifo = tmp_path / "examples.jsonl"
    os.mkfifo(fifo)
    result = CliRunner().invoke(
        main, ["probe", "sqs", "--endpoint-url", "http://127.0.0.1:9", "--example", str(fifo)]
    )
    assert result.exit_code == 2
    assert result.output.count("\n") == 1
    assert str(fifo) in result.output
    assert "FIFO" in result.output
