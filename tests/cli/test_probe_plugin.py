"""The ``contract_probe`` fixture in a downstream suite that already runs moto's server: a real
moto defect fails the test with its reproducing snippet, a declared known one does not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pytest

pytest_plugins = ["pytester"]

PROJECT = json.loads(
    (Path(__file__).parents[1] / "data" / "codebuild_create_project.json").read_text()
)
CONFTEST = """
import pytest
from moto.server import ThreadedMotoServer

@pytest.fixture(scope="session")
def moto_url():
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()
"""
TESTS = """
PROJECT = {project!r}
OPTIONS = dict(operations=["CreateProject"], max_examples=2, documented_examples=False)

def test_moto_keeps_the_contract(contract_probe, moto_url):
    examples = {{("codebuild", "CreateProject"): [{{**PROJECT, "name": "strict-one"}}]}}
    contract_probe("codebuild", moto_url, examples=examples, **OPTIONS)

def test_a_known_defect_is_tolerated(contract_probe, moto_url):
    examples = {{("codebuild", "CreateProject"): [{{**PROJECT, "name": "tolerant-one"}}]}}
    known = [
        ("CreateProject", "/project/queuedTimeoutInMinutes", "minimum"),
        ("CreateProject", "/project/timeoutInMinutes", "minimum"),
    ]
    report = contract_probe("codebuild", moto_url, examples=examples, known=known, **OPTIONS)
    assert report.coverage[0].answered == 1
    assert sorted(f.path for f in report.errors) == [path for _, path, _ in known]
"""


def test_contract_probe_fails_on_moto_defects_and_accepts_known_ones(
    pytester: pytest.Pytester,
) -> None:
    pytester.makeconftest(CONFTEST)
    pytester.makepyfile(TESTS.format(project=PROJECT))
    result = pytester.runpytest_inprocess("-p", "no:cacheprovider", "-q")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(
        [
            "*test_moto_keeps_the_contract*",
            "ERROR codebuild.CreateProject ?wire? /project/queuedTimeoutInMinutes: minimum*",
            "*response = client.create_project(*",
            "ERROR codebuild.CreateProject ?wire? /project/timeoutInMinutes: minimum*",
            "*response = client.create_project(*",
        ]
    )
    assert "_plugin/probe.py" not in result.stdout.str()  # the report, not our traceback
