"""A VCR.py cassette recorded by the test itself (boto3 -> moto's server on 127.0.0.1), validated.

The cassette is real vcrpy output: YAML, ``!!binary`` header values, the operation only in
``X-Amz-Target``. Both requests and responses are checked, by the library and the command.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import pytest
import vcr
from botocontract.cli import main
from botocontract.recordings import Options, check_file
from botocore.exceptions import ClientError
from click.testing import CliRunner

from tests.moto_server import moto_server

# CreateProject parameters shared by the tests that drive a fake CodeBuild.
PROJECT = json.loads(
    (Path(__file__).parents[1] / "data" / "codebuild_create_project.json").read_text()
)


def _text_headers(request: Any) -> Any:
    """vcrpy's JSON serializer cannot store boto3's bytes header values: decode them first."""
    for name, value in list(request.headers.items()):
        if isinstance(value, bytes):
            request.headers[name] = value.decode("latin-1")
    return request


@pytest.fixture(scope="module", params=["yaml", "json"])
def cassette(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same session recorded with each of vcrpy's serializers."""
    serializer = request.param
    path = tmp_path_factory.mktemp("cassettes") / f"codebuild.{serializer}"
    with moto_server() as url:
        client: Any = boto3.client(
            "codebuild",
            region_name="us-east-1",
            endpoint_url=url,
            aws_access_key_id="testing",
            aws_secret_access_key="testing",
        )
        hooks = {"before_record_request": _text_headers} if serializer == "json" else {}
        with vcr.use_cassette(str(path), record_mode="all", serializer=serializer, **hooks):
            name = f"{PROJECT['name']}-{serializer}"  # moto's state outlives one server
            client.create_project(**{**PROJECT, "name": name})
            build_id = client.start_build(projectName=name)["build"]["id"]
            client.batch_get_builds(ids=[build_id])
            client.list_projects()
            with pytest.raises(ClientError):
                client.start_build(projectName="no-such-project")
    return path


def test_the_cassette_is_vcrpy_output(cassette: Path) -> None:
    text = cassette.read_text()
    if cassette.suffix == ".yaml":
        assert text.startswith("interactions:")
        assert "!!binary" in text
        assert "CreateProject" not in text.split("body:")[0]  # the target is base64, not plain
    else:
        assert json.loads(text)["interactions"][0]["request"]["method"] == "POST"


def test_every_request_and_response_is_validated(cassette: Path) -> None:
    result = check_file(cassette, Options())
    assert result.problem is None
    assert [(item.label, item.report.operation, item.report.shape) for item in result.checked] == [
        ("/interactions/0/request", "CreateProject", "CreateProjectInput"),
        ("/interactions/0/response", "CreateProject", "CreateProjectOutput"),
        ("/interactions/1/request", "StartBuild", "StartBuildInput"),
        ("/interactions/1/response", "StartBuild", "StartBuildOutput"),
        ("/interactions/2/request", "BatchGetBuilds", "BatchGetBuildsInput"),
        ("/interactions/2/response", "BatchGetBuilds", "BatchGetBuildsOutput"),
        ("/interactions/3/request", "ListProjects", "ListProjectsInput"),
        ("/interactions/3/response", "ListProjects", "ListProjectsOutput"),
        ("/interactions/4/request", "StartBuild", "StartBuildInput"),
        ("/interactions/4/response", "StartBuild", "ResourceNotFoundException"),
    ]
    broken = {item.label: [i.member_path for i in item.report.errors] for item in result.checked}
    assert {label: paths for label, paths in broken.items() if paths} == {
        "/interactions/0/response": ["project.queuedTimeoutInMinutes", "project.timeoutInMinutes"]
    }


def test_the_command_on_the_cassette(cassette: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(cassette)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("1 file(s), 10 payload(s): 2 error(s), ")
    assert (
        "    error /project/timeoutInMinutes: project.timeoutInMinutes: minimum: expected >= 5, "
        "got 0" in result.output.splitlines()
    )
