"""Every real recorded payload in ../shared/corpus gets the verdict it deserves.

The corpus is what outsiders recorded (never edited to make a test pass). The verdicts below
were decided per file from its provenance notes and content, not from the validator's output:
real captures whose only disagreement with the model is drift pass by default and fail with
``strict``; hand-written fixtures with nonsense fail; files that are not JSON are input errors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from botocontract.recordings import RecordingError, read_recording
from botocontract.validation import Report, validate

CORPUS = (Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus").resolve()
SERVICE = "codebuild"

OK, DRIFT, ERRORS, INPUT = "ok", "drift only", "errors", "input error"

# folder/file -> (verdict, why it deserves it)
EXPECTED: dict[str, tuple[str, str]] = {
    # Cloud Custodian placebo recordings of real AWS calls (payload at /data, placebo datetimes)
    "github/BatchGetProjects__1.json": (DRIFT, "real AWS: projectsNotFound: [] under min 1"),
    "github/BatchGetProjects__2.json": (DRIFT, "real AWS: projectsNotFound: []"),
    "github/BatchGetProjects__3.json": (DRIFT, "real AWS: projectsNotFound: []"),
    "github/BatchGetProjects__4.json": (DRIFT, "real AWS: projectsNotFound: []"),
    "github/BatchGetProjects__5.json": (DRIFT, "real AWS: projectsNotFound: []"),
    "github/ListProjects__1.json": (OK, "real AWS list"),
    "github/ListProjects__2.json": (OK, "real AWS list"),
    "github/ListProjects__3.json": (OK, "real AWS list"),
    "github/ListProjects__4.json": (OK, "real AWS list"),
    "github/ListProjects__5.json": (OK, "real AWS list"),
    "github/ListProjects__6.json": (OK, "real AWS list"),
    "github/ListProjects__7.json": (DRIFT, "real AWS: projects: [] under min 1"),
    "github/ListProjects__8.json": (DRIFT, "real AWS: projects: [] under min 1"),
    "github/DeleteProject__1.json": (OK, "real AWS: empty output plus ResponseMetadata"),
    "github/ListSourceCredentials__1.json": (OK, "real AWS"),
    # Elastic Beanstalk CLI fixtures: sanitized real captures, epoch timestamps (wire shape)
    "github/BatchGetBuilds__1.json": (DRIFT, "real AWS: phaseStatus CLIENT_ERROR"),
    "github/ListCuratedEnvironmentImages__1.json": (DRIFT, "real AWS: language 'Java' etc."),
    # aws-meerkat: AWS CLI v2 output, ISO-8601 strings with +10:00 offsets (boto3 form)
    "github/BatchGetBuilds__2.json": (DRIFT, "real build: buildsNotFound: []"),
    # async-aws: expected request bodies (wire), valid
    "github/BatchGetBuilds__3.json": (OK, "request body"),
    "github/BatchGetBuilds__4.yaml": (OK, "raw HTTP request, operation from X-Amz-Target"),
    "github/StartBuild__1.json": (OK, "request body (duplicate key: the last wins)"),
    "github/StartBuild__2.yaml": (OK, "raw HTTP request"),
    "github/StopBuild__1.json": (OK, "request body"),
    "github/StopBuild__2.yaml": (OK, "raw HTTP request"),
    # async-aws: responses hand-derived from the Response Syntax: "string" in every enum slot
    "github/BatchGetBuilds__5.json": (DRIFT, "placeholder 'string' in enum slots"),
    "github/StartBuild__3.json": (DRIFT, "placeholder 'string' in enum slots"),
    "github/StopBuild__3.json": (DRIFT, "placeholder 'string' in enum slots"),
    # aws-codebuild-run-build: hand-written mock with "endTime": "endTime"
    "github/BatchGetBuilds__6.json": (ERRORS, "endTime is the string 'endTime'"),
    # prowler: hand-written boto3-form mocks
    "github/ListProjects__9.json": (OK, "boto3-form mock"),
    "github/ListBuildsForProject__1.json": (OK, "boto3-form mock"),
    "github/BatchGetBuilds__7.json": (OK, "naive str(datetime) endTime is a boto3-form timestamp"),
    "github/BatchGetProjects__6.json": (OK, "boto3-form mock"),
    "github/ListReportGroups__1.json": (OK, "boto3-form mock"),
    "github/BatchGetReportGroups__1.json": (OK, "boto3-form mock"),
    # cartography: the "projects" list alone (wrapped as the provenance says)
    "github/BatchGetProjects__7.json": (OK, "projects list wrapped as {'projects': [...]}"),
    # aws-samples workshop README: a real capture, and an elided one
    "github/StartBuild__4.json": (OK, "real capture, epoch timestamps"),
    "github/BatchGetBuilds__8.json": (INPUT, "elided with '...': not JSON"),
    # CodeBuild User Guide samples
    "aws_docs/ImportSourceCredentials__1.json": (ERRORS, "shouldOverwrite is a placeholder string"),
    "aws_docs/ImportSourceCredentials__2.json": (OK, "arn only"),
    "aws_docs/ListSourceCredentials__1.json": (DRIFT, "authType/serverType values not listed"),
    "aws_docs/DeleteSourceCredentials__1.json": (OK, "arn only"),
    "aws_docs/ImportSourceCredentials__3.json": (ERRORS, "shouldOverwrite is a placeholder string"),
    "aws_docs/ImportSourceCredentials__4.json": (OK, "arn only"),
    "aws_docs/ListSourceCredentials__2.json": (DRIFT, "authType value not listed"),
    "aws_docs/DeleteSourceCredentials__2.json": (OK, "arn only"),
    "aws_docs/UpdateProject__1.json": (OK, "valid input file"),
    "aws_docs/CreateProject__1.json": (INPUT, "not JSON as written"),
    "aws_docs/BatchDeleteBuilds__1.json": (OK, "valid"),
    "aws_docs/CreateProject__2.json": (OK, "valid input"),
    "aws_docs/CreateProject__3.json": (OK, "valid output"),
    "aws_docs/BatchGetBuilds__1.json": (INPUT, "not JSON as written"),
    "aws_docs/StartBuild__1.json": (OK, "valid output"),
    "aws_docs/BatchGetProjects__1.json": (DRIFT, "a 'tags' member the output does not have"),
    "aws_docs/ListReportGroups__1.json": (OK, "valid"),
    "aws_docs/BatchGetReportGroups__1.json": (INPUT, "not JSON as written"),
    "aws_docs/PutResourcePolicy__1.json": (DRIFT, "a 'resources' member the output lacks"),
    "aws_docs/DescribeTestCases__1.json": (OK, "valid"),
    "aws_docs/DescribeTestCases__2.json": (OK, "valid"),
    "aws_docs/CreateWebhook__1.json": (OK, "valid"),
    "aws_docs/StartBuild__2.json": (ERRORS, "placeholders such as gitCloneDepthOverride string"),
    "aws_docs/CreateReportGroup__1.json": (OK, "valid input"),
    "aws_docs/CreateReportGroup__2.json": (OK, "valid output"),
    "aws_docs/CreateProject__4.json": (DRIFT, "enum values not listed"),
    "aws_docs/BatchGetReports__1.json": (DRIFT, "reportsNotFound: [] under min 1"),
    "aws_docs/ListBuilds__1.json": (DRIFT, "ids: [] under min 1"),
    "aws_docs/CreateReportGroup__3.json": (ERRORS, 'encryptionDisabled is the string "false"'),
    "aws_docs/CreateReportGroup__4.json": (OK, "valid input"),
    "aws_docs/UpdateReportGroup__1.json": (ERRORS, "empty arn, string boolean"),
    "aws_docs/UpdateReportGroup__2.json": (ERRORS, "fragment without the required arn"),
    "aws_docs/ListBuilds__2.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListBuilds__3.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListBuildBatches__1.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListBuildBatches__2.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListBuildsForProject__1.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListBuildsForProject__2.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListBuildBatchesForProject__1.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListBuildBatchesForProject__2.json": (INPUT, "elided: not JSON"),
    "aws_docs/BatchGetProjects__2.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListProjects__1.json": (INPUT, "elided: not JSON"),
    "aws_docs/ListProjects__2.json": (INPUT, "elided: not JSON"),
    "aws_docs/BatchGetBuilds__2.json": (OK, "request syntax template: ids ['string']"),
    "aws_docs/RetryBuild__1.json": (OK, "request syntax template"),
}

needs_corpus = pytest.mark.skipif(
    not CORPUS.is_dir(), reason=f"the shared corpus is not checked out beside the repo ({CORPUS})"
)


def _provenance() -> list[tuple[str, dict[str, Any]]]:
    if not CORPUS.is_dir():
        return []
    entries: list[tuple[str, dict[str, Any]]] = []
    for folder in sorted(path for path in CORPUS.iterdir() if path.is_dir()):
        listed = json.loads((folder / "_provenance.json").read_text(encoding="utf-8"))
        entries.extend((f"{folder.name}/{entry['file']}", entry) for entry in listed)
    return entries


ENTRIES = _provenance()


def _direction(entry: dict[str, Any]) -> str:
    return "request" if "request" in entry["direction"] else "response"


def _reports(name: str, entry: dict[str, Any], *, strict: bool) -> list[Report]:
    """Read the file as a recording, apply the provenance's payload pointer, validate."""
    if entry.get("validate_as") == "projects-list":  # a fragment: the provenance says to wrap it
        projects = json.loads((CORPUS / name).read_text(encoding="utf-8"))
        return [
            validate({"projects": projects}, SERVICE, operation=entry["operation"], strict=strict)
        ]
    found = read_recording(CORPUS / name, service=SERVICE, direction=_direction(entry))  # type: ignore[arg-type]
    reports = []
    for recorded in found:
        if entry.get("payload_pointer"):
            assert recorded.label == entry["payload_pointer"]
        assert recorded.operation == entry["operation"]
        reports.append(
            validate(
                recorded.payload,
                SERVICE,
                operation=recorded.operation,
                direction=recorded.direction,
                form=recorded.form,
                strict=strict,
            )
        )
    return reports


def _verdict(reports: list[Report]) -> str:
    if any(not report.ok for report in reports):
        return ERRORS
    return DRIFT if any(report.drift for report in reports) else OK


@needs_corpus
def test_every_corpus_file_has_an_expected_verdict() -> None:
    assert sorted(name for name, _ in ENTRIES) == sorted(EXPECTED)


@needs_corpus
@pytest.mark.parametrize(("name", "entry"), ENTRIES, ids=[name for name, _ in ENTRIES])
def test_corpus_verdict(name: str, entry: dict[str, Any]) -> None:
    expected, why = EXPECTED[name]
    if expected == INPUT:
        with pytest.raises(RecordingError, match="JSON"):
            _reports(name, entry, strict=False)
        return
    assert _verdict(_reports(name, entry, strict=False)) == expected, why
    strict_verdict = _verdict(_reports(name, entry, strict=True))
    assert strict_verdict == (OK if expected == OK else ERRORS), why


@needs_corpus
def test_placebo_datetimes_are_understood() -> None:
    """BatchGetProjects__1 has placebo {"__class__": "datetime"} objects: no timestamp issue."""
    name = "github/BatchGetProjects__1.json"
    raw = (CORPUS / name).read_text(encoding="utf-8")
    assert '"__class__": "datetime"' in raw
    (report,) = _reports(name, dict(ENTRIES)[name], strict=False)
    assert report.form == "boto3"
    assert [issue.rule for issue in report.issues] == ["minItems"]


@needs_corpus
def test_iso_string_timestamps_are_the_boto3_form() -> None:
    name = "github/BatchGetBuilds__2.json"
    (report,) = _reports(name, dict(ENTRIES)[name], strict=False)
    assert report.form == "boto3"
    assert [(issue.path, issue.severity) for issue in report.issues] == [
        ("/buildsNotFound", "drift")
    ]


@needs_corpus
def test_client_error_phase_status_is_drift_with_its_member_path() -> None:
    name = "github/BatchGetBuilds__1.json"
    (report,) = _reports(name, dict(ENTRIES)[name], strict=False)
    (first, *_) = report.drift
    assert first.member_path == "builds[0].phases[1].phaseStatus"
    assert first.path == "/builds/0/phases/1/phaseStatus"
    assert first.rule == "enum"
    assert first.actual == '"CLIENT_ERROR"'
    assert first.shape == "StatusType"


@needs_corpus
def test_nonsense_timestamp_is_an_error() -> None:
    name = "github/BatchGetBuilds__6.json"
    (report,) = _reports(name, dict(ENTRIES)[name], strict=False)
    assert [(issue.member_path, issue.severity) for issue in report.issues] == [
        ("builds[0].endTime", "error")
    ]


@needs_corpus
def test_the_command_over_the_whole_corpus() -> None:
    """Every file gets its line (-v lists clean ones too); nothing stops the run."""
    from botocontract.cli import main  # noqa: PLC0415
    from click.testing import CliRunner  # noqa: PLC0415

    result = CliRunner().invoke(main, ["validate", "-v", str(CORPUS)])
    lines = result.output.splitlines()
    for name in EXPECTED:
        path = str(CORPUS / name)
        assert path in lines or any(line.startswith(f"{path}: input error: ") for line in lines)
    unreadable = sum(verdict == INPUT for verdict, _ in EXPECTED.values())
    # + both _provenance.json files and the bare projects list: not recordings
    assert lines[-1].endswith(f", {unreadable + 3} unreadable file(s)")
    assert result.exit_code == 2
