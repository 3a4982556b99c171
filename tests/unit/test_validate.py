"""``botocontract.validate``: verdicts, drift policy, forms, redaction, checked against botocore."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import botocore.session
import pytest
from botocontract.errors import UnknownOperationError, UnknownShapeError
from botocontract.validation import REDACTED, member_path, pointer, validate
from botocore.parsers import create_parser
from botocore.validate import ParamValidator

SEED = Path(__file__).parents[1] / "data" / "seeds" / "batch_get_builds.example-output.json"
SERVICE = "codebuild"
SECRET = "ghp_s3cr3tT0kenValue"  # noqa: S105 - a made-up token that must never be printed


@pytest.fixture(scope="module")
def model() -> Any:
    return botocore.session.get_session().get_service_model(SERVICE)


def seed() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SEED.read_text(encoding="utf-8"))
    return document


def wire_seed() -> dict[str, Any]:
    document = seed()
    del document["ResponseMetadata"]
    return document


def rules(report: Any) -> list[tuple[str, str, str]]:
    return [(issue.severity, issue.rule, issue.member_path) for issue in report.issues]


# --- verdicts on known payloads --------------------------------------------------------------


def test_the_documented_example_is_valid_in_boto3_form() -> None:
    report = validate(seed(), SERVICE, operation="BatchGetBuilds")
    assert (report.ok, report.issues, report.form) == (True, (), "boto3")
    assert report.shape == "BatchGetBuildsOutput"


def test_a_wire_body_is_detected_as_wire() -> None:
    report = validate(wire_seed(), SERVICE, operation="BatchGetBuilds")
    assert (report.ok, report.form) == (True, "wire")


def test_shape_instead_of_operation() -> None:
    build = wire_seed()["builds"][0]
    assert validate(build, SERVICE, shape="Build").ok
    assert not validate({**build, "buildNumber": "seven"}, SERVICE, shape="Build").ok


def test_botocore_parsed_response_with_datetimes_is_valid(model: Any) -> None:
    """Oracle: botocore's own parser turns the wire body into the boto3 form (datetimes)."""
    body = json.dumps(wire_seed()).encode()
    parser = create_parser("json")
    operation = model.operation_model("BatchGetBuilds")
    http = {"status_code": 200, "headers": {}, "body": body}
    parsed = parser.parse(http, operation.output_shape)
    assert isinstance(parsed["builds"][0]["startTime"], dt.datetime)
    report = validate(parsed, SERVICE, operation="BatchGetBuilds")
    assert (report.ok, report.issues, report.form) == (True, (), "boto3")


def test_python_datetime_in_the_wrong_place_is_reported_in_boto3_form() -> None:
    payload = wire_seed()
    payload["builds"][0]["buildNumber"] = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)
    report = validate(payload, SERVICE, operation="BatchGetBuilds")
    assert report.form == "boto3"
    assert rules(report) == [("error", "type", "builds[0].buildNumber")]
    assert report.issues[0].actual == '"2020-01-01T00:00:00+00:00"'


def test_bytes_become_base64_for_blobs() -> None:
    payload = {"CiphertextBlob": b"\x00\x01binary", "KeyId": "arn:aws:kms:us-east-1:1:key/k"}
    assert validate(payload, "kms", operation="Encrypt").ok


# --- drift policy ---------------------------------------------------------------------------


def test_unlisted_enum_value_is_drift_and_error_when_strict() -> None:
    payload = wire_seed()
    payload["builds"][0]["phases"][1]["phaseStatus"] = "CLIENT_ERROR"
    report = validate(payload, SERVICE, operation="BatchGetBuilds")
    assert report.ok
    assert rules(report) == [("drift", "enum", "builds[0].phases[1].phaseStatus")]
    strict = validate(payload, SERVICE, operation="BatchGetBuilds", strict=True)
    assert rules(strict) == [("error", "enum", "builds[0].phases[1].phaseStatus")]


def test_unknown_member_is_drift_at_its_own_path() -> None:
    payload = wire_seed()
    payload["builds"][0]["brandNewMember"] = {"anything": 1}
    report = validate(payload, SERVICE, operation="BatchGetBuilds")
    assert rules(report) == [("drift", "additionalProperties", "builds[0].brandNewMember")]
    assert report.issues[0].path == "/builds/0/brandNewMember"


def test_empty_output_list_is_drift_but_empty_input_list_is_an_error() -> None:
    output = validate({"builds": [], "buildsNotFound": []}, SERVICE, operation="BatchGetBuilds")
    assert rules(output) == [("drift", "minItems", "buildsNotFound")]
    request = validate({"ids": []}, SERVICE, operation="BatchGetBuilds", direction="request")
    assert rules(request) == [("error", "minItems", "ids")]


def test_everything_else_is_an_error() -> None:
    payload = wire_seed()
    payload["builds"][0]["artifacts"] = None
    payload["builds"][0]["id"] = ""
    report = validate(payload, SERVICE, operation="BatchGetBuilds")
    assert not report.ok
    assert rules(report) == [
        ("error", "type", "builds[0].artifacts"),
        ("error", "minLength", "builds[0].id"),
    ]


def test_wrong_type_shadows_the_enum_failure_at_the_same_path() -> None:
    payload = wire_seed()
    payload["builds"][0]["buildStatus"] = 5
    assert rules(validate(payload, SERVICE, operation="BatchGetBuilds")) == [
        ("error", "type", "builds[0].buildStatus")
    ]


# --- error responses ---------------------------------------------------------------------------


def test_wire_error_response_is_checked_against_the_error_shape() -> None:
    body = {"__type": "com.amazonaws.codebuild#ResourceNotFoundException", "message": "gone"}
    report = validate(body, SERVICE, operation="StopBuild")
    assert report.shape == "ResourceNotFoundException"
    assert report.form == "wire"


def test_error_the_operation_does_not_model_is_drift() -> None:
    report = validate({"__type": "ThrottlingException"}, SERVICE, operation="BatchGetBuilds")
    assert rules(report) == [("drift", "unmodeledError", "")]
    strict = validate({"__type": "Nope"}, SERVICE, operation="BatchGetBuilds", strict=True)
    assert not strict.ok


def test_boto3_error_response_uses_error_code() -> None:
    body = {"Error": {"Code": "InvalidInputException", "Message": "bad"}, "ResponseMetadata": {}}
    report = validate(body, SERVICE, operation="BatchGetBuilds")
    assert (report.shape, report.form) == ("InvalidInputException", "boto3")
    assert report.ok


# --- requests, against botocore's ParamValidator as the oracle ---------------------------------

BASE_REQUEST: dict[str, Any] = {
    "name": "my-project",
    "source": {"type": "GITHUB", "location": "https://github.com/o/r"},
    "artifacts": {"type": "NO_ARTIFACTS"},
    "environment": {
        "type": "LINUX_CONTAINER",
        "image": "aws/codebuild/standard:7.0",
        "computeType": "BUILD_GENERAL1_SMALL",
    },
    "serviceRole": "arn:aws:iam::123456789012:role/r",
}
# (mutation, what ParamValidator's report names, the member path our issue names)
REQUEST_MUTATIONS: list[tuple[dict[str, Any], str, str]] = [
    ({"name": 7}, "name", "name"),
    ({"name": "x"}, "name", "name"),
    ({"timeoutInMinutes": "30"}, "timeoutInMinutes", "timeoutInMinutes"),
    ({"timeoutInMinutes": 1}, "timeoutInMinutes", "timeoutInMinutes"),
    ({"source": {"location": "https://github.com/o/r"}}, 'source: "type"', "source.type"),
    ({"tags": [{"key": 1}]}, "tags[0].key", "tags[0].key"),
    ({"badgeEnabled": "yes"}, "badgeEnabled", "badgeEnabled"),
]


@pytest.mark.parametrize(("mutation", "theirs", "ours"), REQUEST_MUTATIONS)
def test_request_rejected_where_param_validator_rejects(
    model: Any, mutation: dict[str, Any], theirs: str, ours: str
) -> None:
    payload = {**copy.deepcopy(BASE_REQUEST), **mutation}
    input_shape = model.operation_model("CreateProject").input_shape
    oracle = ParamValidator().validate(payload, input_shape)
    assert oracle.has_errors()
    assert theirs in oracle.generate_report()
    report = validate(payload, SERVICE, operation="CreateProject", direction="request")
    assert not report.ok
    assert ours in {issue.member_path for issue in report.errors}


def test_valid_request_passes_both(model: Any) -> None:
    input_shape = model.operation_model("CreateProject").input_shape
    assert not ParamValidator().validate(BASE_REQUEST, input_shape).has_errors()
    assert validate(BASE_REQUEST, SERVICE, operation="CreateProject", direction="request").ok


def test_what_param_validator_misses_is_caught() -> None:
    """ParamValidator checks no enums and no maximums; the contract does."""
    payload = {**BASE_REQUEST, "timeoutInMinutes": 100_000}
    report = validate(payload, SERVICE, operation="CreateProject", direction="request")
    assert rules(report) == [("error", "maximum", "timeoutInMinutes")]


# --- secrets ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "token", [12345, {"nested": SECRET}, [SECRET], True], ids=["int", "obj", "list", "bool"]
)
def test_sensitive_values_never_appear(token: Any) -> None:
    payload = {"token": token, "serverType": "GITHUB", "authType": "PERSONAL_ACCESS_TOKEN"}
    report = validate(payload, SERVICE, operation="ImportSourceCredentials", direction="request")
    dumped = json.dumps(report.to_dict())
    assert report.issues
    assert SECRET not in dumped
    assert "12345" not in dumped
    assert all(issue.actual == REDACTED for issue in report.issues if issue.path == "/token")


def test_non_sensitive_values_are_shown() -> None:
    payload = {"token": "t", "serverType": "GITHUB", "authType": "PAT"}
    report = validate(payload, SERVICE, operation="ImportSourceCredentials", direction="request")
    assert [issue.actual for issue in report.issues] == ['"PAT"']


# --- names and errors -----------------------------------------------------------------------


def test_missing_member_is_reported_where_it_belongs() -> None:
    request = {key: value for key, value in BASE_REQUEST.items() if key != "serviceRole"}
    (issue,) = validate(request, SERVICE, operation="CreateProject", direction="request").issues
    assert (issue.path, issue.member_path, issue.rule, issue.actual) == (
        "/serviceRole",
        "serviceRole",
        "required",
        "absent",
    )
    assert (
        issue.message == "serviceRole: missing required member 'serviceRole' of CreateProjectInput"
    )


def test_issues_in_document_order() -> None:
    payload = {"builds": [{"id": "x", "buildStatus": "NOPE"} for _ in range(12)]}
    paths = [issue.path for issue in validate(payload, SERVICE, operation="BatchGetBuilds").issues]
    assert paths == [f"/builds/{index}/buildStatus" for index in range(12)]


def test_pointer_and_member_path() -> None:
    assert pointer(("builds", 0, "a/b~c")) == "/builds/0/a~1b~0c"
    assert (
        member_path(("builds", 0, "phases", 1, "phaseStatus")) == "builds[0].phases[1].phaseStatus"
    )
    assert pointer(()) == ""


def test_unknown_operation_and_shape() -> None:
    with pytest.raises(UnknownOperationError, match="BatchGetBuild'; did you mean BatchGetBuilds"):
        validate({}, SERVICE, operation="BatchGetBuild")
    with pytest.raises(UnknownShapeError):
        validate({}, SERVICE, shape="Buildd")
    with pytest.raises(ValueError, match="needs a shape or an operation"):
        validate({}, SERVICE)


def test_message_reads_like_a_sentence() -> None:
    payload = wire_seed()
    payload["builds"][0]["phases"][0]["phaseStatus"] = "CLIENT_ERROR"
    (issue,) = validate(payload, SERVICE, operation="BatchGetBuilds").issues
    assert issue.message == (
        "builds[0].phases[0].phaseStatus: value not in the enum: expected one of StatusType's "
        'values (SUCCEEDED, FAILED, FAULT, TIMED_OUT, IN_PROGRESS, STOPPED), got "CLIENT_ERROR"'
    )


def test_placebo_datetimes_in_auto_form() -> None:
    stamp = {"__class__": "datetime", "year": 2017, "month": 1, "day": 3, "hour": 6,
             "minute": 35, "second": 28, "microsecond": 0}  # fmt: skip
    payload = {"builds": [{"id": "p:1", "startTime": stamp}], "ResponseMetadata": {}}
    report = validate(payload, SERVICE, operation="BatchGetBuilds")
    assert (report.ok, report.issues, report.form) == (True, (), "boto3")
    broken = {"builds": [{"id": "p:1", "startTime": {**stamp, "month": 13}}]}
    (issue,) = validate(broken, SERVICE, operation="BatchGetBuilds").issues
    assert (issue.member_path, issue.severity) == ("builds[0].startTime", "error")


def test_contracts_validate_is_the_function_after_every_module_is_loaded() -> None:
    """The library lives in ``botocontract.validation``, so no submodule shadows ``validate``."""
    import botocontract.recordings  # noqa: PLC0415 - loads the validation module

    payload = {"projects": ["p1"]}
    first = botocontract.validate(payload, SERVICE, operation="ListProjects")
    second = botocontract.validate(payload, SERVICE, operation="ListProjects")
    assert first == second
    assert first.ok
    assert botocontract.Report is type(first)
    assert callable(botocontract.validate)
    assert botocontract.validate.__module__ == "botocontract.validation"


# --- rest-json requests: URI members are in the boto3 form, not in the body ------------------

REST_JSON_REQUESTS = [
    ("lambda", "UpdateFunctionConfiguration", {"FunctionName": "f", "Timeout": 30}),
    ("apigateway", "UpdateRestApi", {"restApiId": "a1b2c3", "patchOperations": []}),
]


@pytest.mark.parametrize(("service", "operation", "params"), REST_JSON_REQUESTS)
def test_rest_json_requests_are_read_in_the_form_they_come_in(
    service: str, operation: str, params: dict[str, Any]
) -> None:
    """What the caller passes to boto3 is the boto3 form (ParamValidator agrees); what
    botocore's serializer puts in the body is the wire form. Auto detection finds each."""
    from botocore.serialize import create_serializer  # noqa: PLC0415

    model = botocore.session.get_session().get_service_model(service)
    operation_model = model.operation_model(operation)
    assert not ParamValidator().validate(params, operation_model.input_shape).has_errors()
    report = validate(params, service, operation=operation, direction="request")
    assert (report.form, report.issues) == ("boto3", ())
    request = create_serializer(model.metadata["protocol"]).serialize_to_request(
        params, operation_model
    )
    body = json.loads(request["body"] or b"{}")
    assert set(body) < set(params)  # the URI member is not in the body
    report = validate(body, service, operation=operation, direction="request")
    assert (report.form, report.issues) == ("wire", ())


def test_a_query_compatible_error_is_matched_by_the_name_botocore_matches() -> None:
    """SQS on JSON: botocore's parser gives Code the old query code and QueryErrorCode the
    modeled name (and its SQS handler matches exceptions by the latter)."""
    model = botocore.session.get_session().get_service_model("sqs")
    operation = model.operation_model("GetQueueUrl")
    body = {"__type": "com.amazonaws.sqs#QueueDoesNotExist", "message": "no such queue"}
    response = {
        "status_code": 400,
        "headers": {"x-amzn-query-error": "AWS.SimpleQueueService.NonExistentQueue;Sender"},
        "body": json.dumps(body).encode(),
    }
    parsed = create_parser("json").parse(response, operation.output_shape)
    assert parsed["Error"]["Code"] == "AWS.SimpleQueueService.NonExistentQueue"
    report = validate(parsed, "sqs", operation="GetQueueUrl")
    assert (report.shape, report.issues) == ("QueueDoesNotExist", ())


@pytest.mark.parametrize("form", ["wire", "boto3"])
def test_an_empty_map_key_is_named_in_the_path(form: str) -> None:
    """JSON allows "" as a key and so do botocore's maps; the failing entry is named, not its
    map (jsonschema_rs drops "" from instance paths: the validator puts it back)."""
    counts: dict[str, Any] = {"": "seven", "PASSED": 1, "x": {"": 2}}
    summary = {"total": 1, "durationInNanoSeconds": 1, "statusCounts": counts}
    response = {"reports": [{"arn": "a", "testSummary": summary}]}
    report = validate(response, "codebuild", operation="BatchGetReports", form=form)
    where = "/reports/0/testSummary/statusCounts"
    assert [(issue.path, issue.member_path, issue.rule) for issue in report.issues] == [
        (f"{where}/", 'reports[0].testSummary.statusCounts[""]', "type"),
        (f"{where}/x", "reports[0].testSummary.statusCounts.x", "type"),
    ]
