"""``botocontract probe`` against a few lines of fake CodeBuild on 127.0.0.1: ListProjects is
answered as the contract says, ListBuilds with one planted violation. Exactly that violation is
reported, once, with a boto3 snippet that reproduces it; the report's formats, ``--out`` and
Ctrl-C are driven through the real command."""

from __future__ import annotations

import json
import os
import pty
import select
import signal
import subprocess
import sys
import threading
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

import pytest
from botocontract.probe import probe_endpoint, snippet

if TYPE_CHECKING:
    from collections.abc import Iterator

ANSWERS = {
    "ListProjects": {"projects": ["web", "api"]},
    "ListBuilds": {"ids": ["web:1", ""]},  # planted: a build id is a NonEmptyString
}
OPERATIONS = ["--operation", "ListProjects", "--operation", "ListBuilds"]
COMMAND = [str(Path(sys.executable).with_name("botocontract")), "probe", "codebuild"]


class FakeCodeBuild(BaseHTTPRequestHandler):
    """Answers by the operation named in X-Amz-Target; ``hold`` blocks the Nth request."""

    hold_at = 0
    reached = threading.Event()
    release = threading.Event()
    count = 0

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        type(self).count += 1
        if type(self).count == self.hold_at:
            self.reached.set()
            self.release.wait(60)  # the test releases it; 60 s only so a failed test ends
        operation = self.headers["X-Amz-Target"].rsplit(".", 1)[-1]
        body = json.dumps(ANSWERS[operation]).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base's name
        pass


@contextmanager
def fake(hold_at: int = 0) -> Iterator[tuple[str, type[FakeCodeBuild]]]:
    handler = type("Handler", (FakeCodeBuild,), {"hold_at": hold_at, "count": 0})
    handler.reached, handler.release = threading.Event(), threading.Event()
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler
    finally:
        handler.release.set()
        server.shutdown()
        server.server_close()


def test_exactly_the_planted_violation_is_reported_once_with_its_snippet() -> None:
    with fake() as (url, _):
        report = probe_endpoint(
            ["codebuild"],
            url,
            operations=["ListProjects", "ListBuilds"],
            max_examples=3,
            seed=0,
            documented_examples=False,
        )
        assert [(f.operation, f.path, f.rule) for f in report.findings] == [
            ("ListBuilds", "/ids/1", "minLength")
        ]
        finding = report.findings[0]
        namespace: dict[str, Any] = {}
        exec(snippet(finding, url), namespace)  # noqa: S102 - our own snippet, our own fake
    assert namespace["response"]["ids"] == ["web:1", ""]
    coverage = {c.operation: c for c in report.coverage}
    assert finding.seen == coverage["ListBuilds"].answered  # every ListBuilds answer showed it
    assert {name: c.verdict for name, c in coverage.items()} == {
        "ListBuilds": "answered",
        "ListProjects": "answered",
    }


def run(url: str, *options: str) -> subprocess.CompletedProcess[str]:
    arguments = [*COMMAND, "--endpoint-url", url, *OPERATIONS, "--max-examples", "2"]
    return subprocess.run(  # noqa: S603 - our own command
        [*arguments, "--seed", "0", "--no-documented-examples", *options],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def fake_url() -> Iterator[str]:
    with fake() as (url, _):
        yield url


def test_text_report_names_the_finding_its_snippet_and_the_coverage(fake_url: str) -> None:
    result = run(fake_url)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ERROR codebuild.ListBuilds [wire] /ids/1: minLength")
    assert "    response = client.list_builds(**{})" in lines
    assert any(line.split()[:2] == ["codebuild.ListProjects", "answered"] for line in lines)
    assert lines[-1].startswith(f"probe {fake_url}: 1 errors, 0 drift; 2 operations")


def test_junit_report_is_one_case_per_operation_and_fails_the_planted_one(fake_url: str) -> None:
    result = run(fake_url, "--format", "junit")
    suite = ET.fromstring(result.stdout)  # noqa: S314 - our own output
    cases = {case.get("name"): case for case in suite.iter("testcase")}
    assert sorted(cases) == ["ListBuilds", "ListProjects"]
    assert suite.get("failures") == "1"
    failure = cases["ListBuilds"].find("failure")
    assert failure is not None
    assert "client.list_builds(**{})" in (failure.text or "")
    assert cases["ListProjects"].find("failure") is None


def test_out_writes_the_report_to_the_file_and_the_summary_to_stderr(
    fake_url: str, tmp_path: Path
) -> None:
    out = tmp_path / "probe.json"
    result = run(fake_url, "--format", "json", "--out", str(out))
    assert result.returncode == 1
    assert result.stdout == ""
    document = json.loads(out.read_text())
    assert [f["path"] for f in document["findings"]] == ["/ids/1"]
    assert result.stderr.startswith(f"probe {fake_url}: 1 errors")
    assert result.stderr.count("\n") == 1


def test_out_in_a_missing_folder_is_one_line_exit_2(fake_url: str, tmp_path: Path) -> None:
    result = run(fake_url, "--out", str(tmp_path / "missing" / "probe.txt"))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "cannot write the report" in result.stderr


def test_ctrl_c_mid_run_prints_the_report_of_what_ran() -> None:
    with fake(hold_at=2) as (url, handler):
        arguments = [*COMMAND, "--endpoint-url", url, *OPERATIONS, "--max-examples", "5"]
        process = subprocess.Popen(  # noqa: S603 - our own command
            [*arguments, "--no-documented-examples", "--format", "json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert handler.reached.wait(120), "the probe never reached its second request"
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr  # ListBuilds, the planted one, never ran
    assert "Traceback" not in stderr
    document = json.loads(stdout)
    assert document["interrupted"] is True
    assert [(c["operation"], c["answered"]) for c in document["coverage"]] == [
        ("ListProjects", 1),
        ("ListBuilds", 0),
    ]
    assert document["findings"] == []


def test_a_terminal_gets_a_progress_bar_naming_the_operation(fake_url: str) -> None:
    leader, follower = pty.openpty()
    arguments = [*COMMAND, "--endpoint-url", fake_url, *OPERATIONS, "--max-examples", "2"]
    process = subprocess.Popen(  # noqa: S603 - our own command
        [*arguments, "--no-documented-examples"],
        stdout=subprocess.DEVNULL,
        stderr=follower,
        env={**os.environ, "TERM": "xterm", "COLUMNS": "100"},
    )
    os.close(follower)
    drawn = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 120)
        try:
            chunk = os.read(leader, 4096) if ready else b""
        except OSError:  # the terminal closed with the process
            chunk = b""
        if not chunk:
            break
        drawn += chunk
    os.close(leader)
    assert process.wait(120) == 1
    assert b"codebuild.List" in drawn


def test_a_request_left_unanswered_past_the_timeout_is_a_finding() -> None:
    with fake(hold_at=1) as (url, _):
        report = probe_endpoint(
            ["codebuild"],
            url,
            operations=["ListProjects"],
            max_examples=2,
            timeout=0.5,
            seed=0,
            documented_examples=False,
        )
    assert [(f.form, f.rule, f.status) for f in report.findings] == [("http", "no_answer", None)]
    assert "Read timeout" in report.findings[0].message
    coverage = report.coverage[0]
    assert (coverage.crashes, coverage.answered > 0) == (1, True)  # the others were answered
