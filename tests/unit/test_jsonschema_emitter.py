"""The JSON Schema emitter: coverage of the model, validity, and every constraint enforced."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from botocontract.codegen.customizations import request_shapes
from botocontract.codegen.emit.jsonschema import (
    FORMS,
    OPERATIONS_KEY,
    dropped_patterns,
    emit_schema,
)
from botocontract.codegen.load import load_service
from botocontract.constants import request_key
from jsonschema import Draft202012Validator

if TYPE_CHECKING:
    from botocontract.codegen import ir
    from jsonschema.exceptions import ValidationError

DATA = Path(__file__).parents[1] / "data" / "seeds"


@pytest.fixture(scope="module")
def codebuild() -> ir.Service:
    return load_service("codebuild")


def seed_output() -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(
        (DATA / "batch_get_builds.example-output.json").read_text()
    )
    payload.pop("ResponseMetadata")  # boto3's, not the model's
    return payload


def errors(service: ir.Service, form: str, shape: str, payload: Any) -> list[ValidationError]:
    document = emit_schema(service, form)  # type: ignore[arg-type]
    validator = Draft202012Validator({"$ref": f"#/$defs/{shape}", "$defs": document["$defs"]})
    return list(validator.iter_errors(payload))


def pointer(error: ValidationError) -> str:
    return "".join(f"/{part}" for part in error.absolute_path)


@pytest.mark.parametrize("form", FORMS)
def test_schema_is_valid_draft_2020_12(codebuild: ir.Service, form: str) -> None:
    Draft202012Validator.check_schema(emit_schema(codebuild, form))  # type: ignore[arg-type]


@pytest.mark.parametrize("form", FORMS)
def test_every_shape_and_operation_is_emitted(codebuild: ir.Service, form: str) -> None:
    document = emit_schema(codebuild, form)  # type: ignore[arg-type]
    assert len(document["$defs"]) == 328
    assert list(document["$defs"]) == list(codebuild.shapes)
    assert {"Build", "BuildPhase", "StatusType", "BatchGetBuildsOutput"} <= document["$defs"].keys()
    operations = document[OPERATIONS_KEY]
    assert len(operations) == 59
    assert operations["BatchGetBuilds"] == {
        "input": "BatchGetBuildsInput",
        "output": "BatchGetBuildsOutput",
        "errors": ["InvalidInputException"],
    }


def test_enums_and_constrained_strings_keep_their_names(codebuild: ir.Service) -> None:
    definitions = emit_schema(codebuild, "boto3")["$defs"]
    assert definitions["StatusType"]["enum"] == [
        "SUCCEEDED",
        "FAILED",
        "FAULT",
        "TIMED_OUT",
        "IN_PROGRESS",
        "STOPPED",
    ]
    build = definitions["Build"]["properties"]
    assert build["buildStatus"]["$ref"] == "#/$defs/StatusType"
    phase = definitions["BuildPhase"]["properties"]
    assert phase["phaseStatus"]["$ref"] == "#/$defs/StatusType"


def test_documentation_is_plain_text(codebuild: ir.Service) -> None:
    definitions = emit_schema(codebuild, "boto3")["$defs"]
    description = definitions["Build"]["properties"]["phases"]["description"]
    assert description.startswith("Information about all previous build phases")
    text = json.dumps(definitions)
    for tag in ("<p>", "</p>", "<code>", "<a href", "<ul>", "<li>", "&amp;", "&lt;"):
        assert tag not in text


def test_sensitive_is_marked(codebuild: ir.Service) -> None:
    definitions = emit_schema(codebuild, "boto3")["$defs"]
    assert definitions["SensitiveString"]["x-sensitive"] is True
    assert "x-sensitive" not in definitions["String"]


def test_deprecated_is_marked() -> None:
    definitions = emit_schema(_small_service(), "boto3")["$defs"]
    assert definitions["Old"]["deprecated"] is True
    assert definitions["Old"]["x-deprecated-message"] == "use New"
    assert definitions["Choice"]["properties"]["b"]["deprecated"] is True
    assert "deprecated" not in definitions["Choice"]["properties"]["a"]


def test_codebuild_patterns_all_translate(codebuild: ir.Service) -> None:
    assert dropped_patterns(codebuild) == ()
    definitions = emit_schema(codebuild, "boto3")["$defs"]
    assert "pattern" in definitions["KeyInput"]


@pytest.mark.parametrize("form", FORMS)
def test_seed_example_validates(codebuild: ir.Service, form: str) -> None:
    assert errors(codebuild, form, "BatchGetBuildsOutput", seed_output()) == []


def test_seed_with_response_metadata_is_rejected_as_unknown_member(codebuild: ir.Service) -> None:
    payload = json.loads((DATA / "batch_get_builds.example-output.json").read_text())
    [error] = errors(codebuild, "boto3", "BatchGetBuildsOutput", payload)
    assert error.validator == "additionalProperties"
    assert "ResponseMetadata" in error.message


@pytest.mark.parametrize("form", FORMS)
def test_botocore_example_validates(codebuild: ir.Service, form: str) -> None:
    examples = json.loads((DATA / "codebuild.examples-1.json").read_text())["examples"]
    for example in examples["BatchGetBuilds"]:
        assert errors(codebuild, form, "BatchGetBuildsInput", example["input"]) == []
        assert errors(codebuild, form, "BatchGetBuildsOutput", example["output"]) == []


def test_boto3_form_accepts_str_datetime_and_iso_timestamps(codebuild: ir.Service) -> None:
    payload = seed_output()
    build = payload["builds"][0]
    build["startTime"] = "2016-11-22 16:44:41.869000+00:00"  # json.dumps(default=str)
    build["endTime"] = "2016-11-22T16:44:41Z"
    build["phases"][0]["startTime"] = "2016-11-22 16:44:41"  # naive str(datetime)
    assert errors(codebuild, "boto3", "BatchGetBuildsOutput", payload) == []
    wire = errors(codebuild, "wire", "BatchGetBuildsOutput", payload)
    assert sorted(pointer(e) for e in wire) == [
        "/builds/0/endTime",
        "/builds/0/phases/0/startTime",
        "/builds/0/startTime",
    ]


def set_at(payload: Any, path: str, value: Any) -> Any:
    """A copy of ``payload`` with the value at JSON pointer ``path`` replaced."""
    result = copy.deepcopy(payload)
    *parents, last = path.strip("/").split("/")
    target = result
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return result


def without(payload: dict[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in payload.items() if k != key}


BUILD_PATH = "/builds/0"
PROJECT = {
    "name": "demo",
    "source": {"type": "S3"},
    "artifacts": {"type": "NO_ARTIFACTS"},
    "environment": {
        "type": "LINUX_CONTAINER",
        "image": "aws/codebuild/standard:7.0",
        "computeType": "BUILD_GENERAL1_SMALL",
    },
    "serviceRole": "role",
}

# (constraint kind, shape, valid payload, mutated payload, expected error path, validator)
MUTATIONS = [
    ("required", "CreateProjectInput", PROJECT, without(PROJECT, "source"), "", "required"),
    (
        "enum",
        "BatchGetBuildsOutput",
        seed_output(),
        set_at(seed_output(), f"{BUILD_PATH}/buildStatus", "CLIENT_ERROR"),
        f"{BUILD_PATH}/buildStatus",
        "enum",
    ),
    (
        "minLength",
        "BatchGetBuildsOutput",
        seed_output(),
        set_at(seed_output(), f"{BUILD_PATH}/id", ""),
        f"{BUILD_PATH}/id",
        "minLength",
    ),
    (
        "maxLength",
        "CreateProjectInput",
        PROJECT,
        {**PROJECT, "description": "x" * 256},
        "/description",
        "maxLength",
    ),
    ("minItems", "BatchGetBuildsInput", {"ids": ["a"]}, {"ids": []}, "/ids", "minItems"),
    ("maxItems", "BatchGetBuildsInput", {"ids": ["a"]}, {"ids": ["a"] * 101}, "/ids", "maxItems"),
    (
        "minimum",
        "CreateProjectInput",
        PROJECT,
        {**PROJECT, "timeoutInMinutes": 4},
        "/timeoutInMinutes",
        "minimum",
    ),
    (
        "maximum",
        "CreateProjectInput",
        PROJECT,
        {**PROJECT, "timeoutInMinutes": 2161},
        "/timeoutInMinutes",
        "maximum",
    ),
    ("pattern", "CreateProjectInput", PROJECT, {**PROJECT, "name": "!!"}, "/name", "pattern"),
    (
        "pattern (translated \\p{L})",
        "CreateProjectInput",
        {**PROJECT, "tags": [{"key": "Ünïcode", "value": "v"}]},
        {**PROJECT, "tags": [{"key": "a\u0000b", "value": "v"}]},
        "/tags/0/key",
        "pattern",
    ),
    (
        "unknown member",
        "BatchGetBuildsOutput",
        seed_output(),
        set_at(seed_output(), f"{BUILD_PATH}/surprise", 1),
        BUILD_PATH,
        "additionalProperties",
    ),
    (
        "type",
        "BatchGetBuildsOutput",
        seed_output(),
        set_at(seed_output(), f"{BUILD_PATH}/buildComplete", "true"),
        f"{BUILD_PATH}/buildComplete",
        "type",
    ),
    (
        "null",
        "BatchGetBuildsOutput",
        seed_output(),
        set_at(seed_output(), f"{BUILD_PATH}/artifacts", None),
        f"{BUILD_PATH}/artifacts",
        "type",
    ),
    (
        "integer",
        "CreateProjectInput",
        PROJECT,
        {**PROJECT, "timeoutInMinutes": 60.5},
        "/timeoutInMinutes",
        "type",
    ),
    ("map value", "ReportStatusCounts", {"SUCCEEDED": 3}, {"SUCCEEDED": "3"}, "/SUCCEEDED", "type"),
    (
        "double range",
        "CodeCoverage",
        {"lineCoveragePercentage": 99.5},
        {"lineCoveragePercentage": 100.5},
        "/lineCoveragePercentage",
        "maximum",
    ),
]


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize(
    ("kind", "shape", "valid", "mutated", "path", "validator"),
    MUTATIONS,
    ids=[m[0] for m in MUTATIONS],
)
def test_each_constraint_kind_rejects_its_mutation(  # noqa: PLR0913, PLR0917 - one row of the table
    codebuild: ir.Service,
    form: str,
    kind: str,
    shape: str,
    valid: Any,
    mutated: Any,
    path: str,
    validator: str,
) -> None:
    assert errors(codebuild, form, shape, valid) == [], f"{kind}: the unmutated payload is valid"
    found = [(pointer(e), e.validator) for e in errors(codebuild, form, shape, mutated)]
    assert found == [(path, validator)], kind


def test_every_constraint_kind_in_codebuild_is_covered(codebuild: ir.Service) -> None:
    """The mutation table breaks each kind of constraint the CodeBuild model states."""
    present = set()
    for shape in codebuild.shapes.values():
        present |= {kind for kind, applies in _constraint_kinds(shape).items() if applies}
    covered = {m[5] for m in MUTATIONS} | {"additionalProperties"}
    assert present <= covered, present - covered


def _constraint_kinds(shape: ir.Shape) -> dict[str, bool]:
    numeric = shape.type in {"integer", "long", "double", "float"}
    return {
        "required": bool(shape.required),
        "enum": bool(shape.enum),
        "pattern": shape.pattern is not None,
        "minLength": shape.type == "string" and shape.min is not None,
        "maxLength": shape.type == "string" and shape.max is not None,
        "minItems": shape.type == "list" and bool(shape.min),
        "maxItems": shape.type == "list" and shape.max is not None,
        "minimum": numeric and shape.min is not None,
        "maximum": numeric and shape.max is not None,
        "type": True,
    }


def _small_service() -> ir.Service:
    from botocontract.codegen.load import build_service  # noqa: PLC0415

    model = {
        "metadata": {"apiVersion": "2020-01-01", "protocol": "json", "serviceId": "Demo"},
        "operations": {},
        "shapes": {
            "Choice": {
                "type": "structure",
                "union": True,
                "members": {"a": {"shape": "S"}, "b": {"shape": "S", "deprecated": True}},
            },
            "Old": {"type": "string", "deprecated": True, "deprecatedMessage": "use New"},
            "Host": {"type": "structure", "members": {"h": {"shape": "S", "hostLabel": True}}},
            "Blob": {"type": "blob", "min": 1, "max": 3},
            "S": {"type": "string"},
        },
    }
    return build_service(model, service="demo", sha256="0" * 64, source="test")


@pytest.mark.parametrize(
    ("payload", "ok"), [({"a": "x"}, True), ({}, False), ({"a": "x", "b": "y"}, False)]
)
def test_union_needs_exactly_one_member(payload: dict[str, str], ok: bool) -> None:
    assert (errors(_small_service(), "boto3", "Choice", payload) == []) is ok


@pytest.mark.parametrize(("payload", "ok"), [("QQ==", True), ("", False), ("not base64!", False)])
def test_blobs_are_base64(payload: str, ok: bool) -> None:
    assert (errors(_small_service(), "wire", "Blob", payload) == []) is ok


def test_every_installed_service_emits_valid_schemas() -> None:
    """The conformance corpus: every botocore service, both forms, against the metaschema.

    jsonschema_rs checks the metaschema here (an independent implementation, and fast enough
    for 848 documents); CodeBuild's are checked by jsonschema itself above.
    """
    import jsonschema_rs  # noqa: PLC0415
    from botocontract.codegen.load import installed_services  # noqa: PLC0415

    for name in installed_services():
        service = load_service(name)
        for form in FORMS:
            document = emit_schema(service, form)
            jsonschema_rs.meta.validate(document)
            twins = request_shapes(service).twinned if form == "boto3" else frozenset()
            keys = [*service.shapes, *(request_key(n) for n in service.shapes if n in twins)]
            assert list(document["$defs"]) == keys, name
        for dropped in dropped_patterns(service):  # listed, with the constraint it drops
            definition = emit_schema(service, "boto3")["$defs"][dropped.shape]
            assert definition["x-untranslatable-pattern"] == dropped.pattern
            assert dropped.reason


def test_wire_error_bodies_carry_type_and_message(codebuild: ir.Service) -> None:
    body = {"__type": "InvalidInputException", "message": "Invalid build ID"}
    assert errors(codebuild, "wire", "InvalidInputException", body) == []
    assert errors(codebuild, "wire", "InvalidInputException", {**body, "other": 1}) != []


def test_rest_json_error_bodies_may_name_their_type_in_code() -> None:
    """botocore's rest-json parser names an error from a body ``code``/``Code``; json's never."""
    apigateway = load_service("apigateway")
    for key in ("code", "Code"):
        body = {key: "NotFoundException", "message": "Invalid API identifier specified"}
        assert errors(apigateway, "wire", "NotFoundException", body) == []
    codebuild_body = {"code": "InvalidInputException", "message": "Invalid build ID"}
    assert errors(load_service("codebuild"), "wire", "InvalidInputException", codebuild_body)


def test_host_labels_are_never_empty() -> None:
    """botocore's ParamValidator refuses an empty hostLabel member: so does the schema."""
    assert errors(_small_service(), "boto3", "Host", {"h": "abc"}) == []
    [error] = errors(_small_service(), "boto3", "Host", {"h": ""})
    assert (pointer(error), error.validator) == ("/h", "minLength")
