"""The generated pydantic models: names, what boto3 returns, the wire form, strictness.

The models under test are ``botocontract.generated.codebuild`` once generated; before that (or
for the small trap model of ``tests/data/models``) they are emitted into a temporary package. The
oracles are botocore's own: its Stubber (which runs ParamValidator on the response), its JSON
response parser, its example file, and the boto3-form JSON Schema.
"""

from __future__ import annotations

import copy
import enum
import hashlib
import json
import os
import subprocess
import sys
import typing
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from botocontract.codegen.emit.pydantic import emit_files, public_names
from botocontract.codegen.load import load_service
from botocontract.schemas import shape_validator
from pydantic import BaseModel, ValidationError
from toy_service import one_operation_model

from tests.model_packages import emit_package

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SEED = DATA / "seeds" / "batch_get_builds.example-output.json"
EXAMPLES = DATA / "seeds" / "codebuild.examples-1.json"
TRAPS = DATA / "models" / "pydantic-traps.service-2.json"
BUILD_IDS = [
    "codebuild-demo-project:9b0ac37f-d19e-4254-9079-f47e9a389eEX",
    "codebuild-demo-project:b79a46f7-1473-4636-a23f-da9c45c208EX",
]


@pytest.fixture(scope="module")
def traps(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return emit_package(str(TRAPS), tmp_path_factory.mktemp("traps"), "trap_models")


def load_json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def without_metadata(payload: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in payload.items() if key != "ResponseMetadata"}


def schema_errors(shape: str, payload: Any) -> list[str]:
    validator = shape_validator("codebuild", shape, "boto3")
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)]


def parse_wire(body: dict[str, Any]) -> dict[str, Any]:
    """What boto3 returns for a wire body: botocore's own JSON response parser."""
    import botocore.parsers  # noqa: PLC0415
    import botocore.session  # noqa: PLC0415

    model = botocore.session.get_session().get_service_model("codebuild")
    shape = model.operation_model("BatchGetBuilds").output_shape
    response = {"body": json.dumps(body).encode(), "headers": {}, "status_code": 200}
    parsed: dict[str, Any] = botocore.parsers.create_parser("json").parse(response, shape)
    return parsed


# --- botocore's own payloads ------------------------------------------------------------


def test_seed_validates_with_metadata_set_aside(models: ModuleType) -> None:
    seed = load_json(SEED)
    output = models.BatchGetBuildsOutput.model_validate(seed)
    assert output.response_metadata == seed["ResponseMetadata"]
    build = output.builds[0]
    assert build.id == BUILD_IDS[0]
    assert build.buildStatus is models.StatusType.SUCCEEDED
    assert build.phases[0].phaseStatus is models.StatusType.SUCCEEDED
    assert build.startTime == datetime.fromtimestamp(seed["builds"][0]["startTime"], timezone.utc)
    assert "ResponseMetadata" not in output.model_dump()


def test_botocore_example_validates(models: ModuleType) -> None:
    examples = load_json(EXAMPLES)["examples"]["BatchGetBuilds"]
    assert examples
    for example in examples:
        output = models.BatchGetBuildsOutput.model_validate(example["output"])
        assert output.builds
        assert models.BatchGetBuildsInput.model_validate(example["input"]).ids


def test_stubber_response_validates_with_datetimes_intact(models: ModuleType) -> None:
    import boto3  # noqa: PLC0415
    from botocore.stub import Stubber  # noqa: PLC0415

    parsed = without_metadata(parse_wire(without_metadata(load_json(SEED))))
    metadata = {"RequestId": "stubbed", "HTTPStatusCode": 200, "HTTPHeaders": {}}
    client = boto3.client(
        "codebuild",
        region_name="us-east-1",
        aws_access_key_id="x",
        aws_secret_access_key="x",
    )
    with Stubber(client) as stubber:  # Stubber itself checks the response against the model
        stubber.add_response(
            "batch_get_builds", {**parsed, "ResponseMetadata": metadata}, {"ids": BUILD_IDS}
        )
        response = client.batch_get_builds(ids=BUILD_IDS)
    assert isinstance(response["builds"][0]["startTime"], datetime)
    output = models.BatchGetBuildsOutput.model_validate(response)
    assert output.response_metadata == metadata
    for build, returned in zip(output.builds, response["builds"], strict=True):
        assert build.startTime == returned["startTime"]
        assert build.endTime == returned["endTime"]
        assert [p.startTime for p in build.phases] == [p["startTime"] for p in returned["phases"]]


def test_validate_json_takes_the_wire_form(models: ModuleType) -> None:
    wire = without_metadata(load_json(SEED))
    output = models.BatchGetBuildsOutput.model_validate_json(json.dumps(wire))
    assert output.builds[1].endTime == parse_wire(wire)["builds"][1]["endTime"]


@pytest.mark.parametrize("source", ["seed", "stubbed", "example"])
def test_json_dump_validates_against_the_schema(models: ModuleType, source: str) -> None:
    payloads = {
        "seed": lambda: load_json(SEED),
        "stubbed": lambda: parse_wire(without_metadata(load_json(SEED))),
        "example": lambda: load_json(EXAMPLES)["examples"]["BatchGetBuilds"][0]["output"],
    }
    output = models.BatchGetBuildsOutput.model_validate(payloads[source]())
    dumped = output.model_dump(mode="json", by_alias=True, exclude_unset=True)
    assert schema_errors("BatchGetBuildsOutput", dumped) == []
    again = models.BatchGetBuildsOutput.model_validate(dumped)
    assert again.model_dump() == output.model_dump()


# --- names -----------------------------------------------------------------------------------


def test_every_shape_has_its_name(models: ModuleType) -> None:
    service = load_service("codebuild")
    missing = [name for name in service.shapes if not hasattr(models, name)]
    assert missing == []
    for name, shape in service.shapes.items():
        value = getattr(models, name)
        if shape.type == "structure":
            assert isinstance(value, type)
            assert issubclass(value, BaseModel), name
            assert value.__name__ == name
        elif shape.enum:
            assert issubclass(value, enum.Enum), name
            assert [member.value for member in value] == list(shape.enum)


def test_one_enum_shared_by_every_member_targeting_it(models: ModuleType) -> None:
    hints = typing.get_type_hints(models.Build) | typing.get_type_hints(models.BuildPhase)
    status = [hints["buildStatus"], hints["phaseStatus"]]
    assert all(models.StatusType in _flatten(hint) for hint in status)
    assert [cls.__name__ for cls in vars(models.models).values() if _is_status_enum(cls)] == [
        "StatusType"
    ]


def _flatten(hint: Any) -> set[Any]:
    found = {hint}
    for argument in typing.get_args(hint):
        found |= _flatten(argument)
    origin_value = getattr(hint, "__value__", None)  # a TypeAliasType
    if origin_value is not None:
        found |= _flatten(origin_value)
    return found


def _is_status_enum(value: Any) -> bool:
    is_enum = isinstance(value, type) and issubclass(value, enum.Enum)
    return is_enum and {member.value for member in value} == {
        "SUCCEEDED",
        "FAILED",
        "FAULT",
        "TIMED_OUT",
        "IN_PROGRESS",
        "STOPPED",
    }


def test_documentation_becomes_descriptions(models: ModuleType) -> None:
    schema = models.Build.model_json_schema(by_alias=True)
    description = schema["properties"]["buildStatus"]["description"]
    assert description.startswith("The current status of the build.")
    assert models.Build.__doc__.strip() == "Information about a build."


def test_package_exports_every_public_name_sorted(models: ModuleType) -> None:
    source = Path(models.models.__file__).read_text(encoding="utf-8")
    assert models.__all__ == sorted(models.__all__)
    assert models.__all__ == public_names(source)
    assert all(getattr(models, name) is getattr(models.models, name) for name in models.__all__)


# --- strictness ------------------------------------------------------------------------------

VALID_BUILD: dict[str, Any] = {"id": "p:1", "buildNumber": 1, "buildComplete": True}


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("buildNumber", "1"),  # no coercion from text
        ("buildNumber", True),
        ("buildComplete", 1),  # 1 is not a boolean
        ("buildComplete", "true"),
        ("id", None),  # an optional member may be absent, not null
        ("id", 5),
        ("buildStatus", "succeeded"),
        ("startTime", "2016-11-17"),  # lax datetime would take these two
        ("startTime", "1479400000"),
        ("startTime", True),
        ("phases", {}),
    ],
)
def test_rejected_like_the_schema(models: ModuleType, member: str, value: Any) -> None:
    build = {**VALID_BUILD, member: value}
    assert schema_errors("Build", build) != []
    with pytest.raises(ValidationError) as caught:
        models.Build.model_validate(build)
    assert caught.value.errors()[0]["loc"][0] == member


@pytest.mark.parametrize(
    ("member", "value"),
    [
        ("buildStatus", "SUCCEEDED"),  # enum members from plain strings
        ("startTime", "2016-11-17 16:44:41.869000+00:00"),  # json.dumps(default=str)
        ("startTime", "2016-11-17T16:44:41Z"),
        ("startTime", 1479400000),
        ("startTime", 1479400000.5),
        ("startTime", datetime(2016, 11, 17, tzinfo=timezone.utc)),
        ("queuedTimeoutInMinutes", 0),
    ],
)
def test_accepted(models: ModuleType, member: str, value: Any) -> None:
    build = models.Build.model_validate({**VALID_BUILD, member: value})
    assert getattr(build, member) == value or isinstance(getattr(build, member), datetime)


def test_timestamps_parse_to_the_same_instant(models: ModuleType) -> None:
    instant = datetime(2016, 11, 17, 16, 44, 41, 869000, tzinfo=timezone.utc)
    forms = [instant, instant.timestamp(), str(instant), instant.isoformat()]
    assert {models.Build.model_validate({"startTime": form}).startTime for form in forms} == {
        instant
    }


def test_absent_members_dump_to_json_as_none(models: ModuleType) -> None:
    # Timestamps, blobs and floats serialize through the runtime's own functions, which see an
    # absent member's None too (NOT_NULL takes the nullable schema off the field).
    dumped = models.Build.model_validate({"id": "p:1"}).model_dump(mode="json")
    assert dumped["startTime"] is None
    coverage = models.CodeCoverage.model_validate({}).model_dump(mode="json")
    assert coverage["expired"] is None
    assert coverage["lineCoveragePercentage"] is None


def test_absent_members_read_as_none_and_stay_unset(models: ModuleType) -> None:
    build = models.Build.model_validate(VALID_BUILD)
    assert build.buildStatus is None
    assert build.model_dump(exclude_unset=True) == VALID_BUILD


# --- traps: keywords, pydantic names, blobs, unions, exceptions ------------------------------


def test_keyword_and_pydantic_names_are_aliased(traps: ModuleType) -> None:
    payload = {"json": "a", "schema": "b", "copy": 1, "dict": True, "model_config": "c"}
    output = traps.GetThingOutput.model_validate(payload)
    assert (output.json_, output.schema_, output.copy_, output.dict_) == ("a", "b", 1, True)
    assert output.model_config_ == "c"
    assert output.model_dump(by_alias=True, exclude_unset=True) == payload
    by_name = traps.GetThingOutput.model_validate({"json_": "a"})
    assert by_name.json_ == "a"
    assert traps.GetThingInput.model_validate({"in": "x"}).in_ == "x"


def test_type_keeps_its_name(traps: ModuleType) -> None:
    """``type`` shadows a builtin, not a pydantic attribute: it needs no alias."""
    output = traps.GetThingOutput.model_validate({"type": "small"})
    assert output.type is traps.Kind.small
    assert output.model_dump(mode="json", exclude_unset=True) == {"type": "small"}


def test_member_named_like_its_shape(traps: ModuleType) -> None:
    output = traps.GetThingOutput.model_validate({"Name": "abc"})
    assert output.model_dump(by_alias=True, exclude_unset=True) == {"Name": "abc"}


@pytest.mark.parametrize(
    ("value", "expected"), [(b"ab", b"ab"), ("YWI=", b"ab"), (b"abcd", b"abcd")]
)
def test_blobs_take_bytes_or_base64(traps: ModuleType, value: Any, expected: bytes) -> None:
    output = traps.GetThingOutput.model_validate({"payload": value})
    assert output.payload == expected
    dumped = output.model_dump(mode="json", exclude_unset=True)
    assert dumped == {"payload": json.loads(json.dumps(dumped))["payload"]}
    assert traps.GetThingOutput.model_validate_json(json.dumps(dumped)).payload == expected


@pytest.mark.parametrize("value", [b"", b"abcde", "Y", "not base64!", 12])
def test_blobs_reject(traps: ModuleType, value: Any) -> None:
    with pytest.raises(ValidationError):
        traps.GetThingOutput.model_validate({"payload": value})


@pytest.mark.parametrize(
    ("choice", "valid"),
    [({"left": "a"}, True), ({"right": 1}, True), ({}, False), ({"left": "a", "right": 1}, False)],
)
def test_union_takes_exactly_one_member(traps: ModuleType, choice: Any, valid: bool) -> None:
    payload = {"in": "x", "choice": choice}
    if valid:
        assert traps.GetThingInput.model_validate(payload).choice is not None
    else:
        with pytest.raises(ValidationError):
            traps.GetThingInput.model_validate(payload)


def test_exception_carries_botocore_error(traps: ModuleType) -> None:
    error = {"Code": "ThingNotFound", "Message": "gone", "QueryErrorCode": "x"}
    parsed = traps.ThingNotFound.model_validate({"message": "gone", "Error": error})
    assert parsed.Error is not None
    assert parsed.Error.Code == "ThingNotFound"
    with pytest.raises(ValidationError):
        traps.ThingNotFound.model_validate({"Error": {"Code": None}})


# --- determinism -----------------------------------------------------------------------------

_DIGEST = """
import hashlib, sys
from botocontract.codegen.emit.pydantic import emit_files
from botocontract.codegen.load import load_service
for name, data in sorted(emit_files(load_service(sys.argv[1])).items()):
    print(name, hashlib.sha256(data).hexdigest())
"""


def _digests(service: str, seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", _DIGEST, service],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    return done.stdout


def test_models_are_byte_identical_across_hash_seeds() -> None:
    first, second = _digests("codebuild", "0"), _digests("codebuild", "1")
    assert first == second
    assert first.count("\n") == 2


def test_models_are_byte_identical_across_runs() -> None:
    service = load_service("codebuild")
    once = emit_files(service)
    assert once == emit_files(copy.copy(service))
    digest = hashlib.sha256(once["models.py"]).hexdigest()
    assert len(digest) == 64


def test_generate_and_check_cover_the_models(tmp_path: Path) -> None:
    from botocontract.codegen import write  # noqa: PLC0415

    written = write.generate(["codebuild"], tmp_path)
    assert written.ok
    directory = tmp_path / "codebuild"
    manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
    models_file = directory / "models.py"
    digest = hashlib.sha256(models_file.read_bytes()).hexdigest()
    assert manifest["files"]["models.py"] == digest
    assert "__init__.py" in manifest["files"]
    assert write.generate(["codebuild"], tmp_path, check=True).ok
    models_file.write_text(models_file.read_text(encoding="utf-8") + "# hand edit\n")
    checked = write.generate(["codebuild"], tmp_path, check=True)
    assert [(c.path, c.kind) for c in checked.changes] == [("codebuild/models.py", "stale")]


def test_a_shape_named_like_a_runtime_name_stops_generation(tmp_path: Path) -> None:
    from botocontract.errors import ModelFileError  # noqa: PLC0415

    model = load_json(TRAPS)
    model["shapes"]["BotocoreTimestamp"] = {"type": "timestamp"}
    path = tmp_path / "clash.service-2.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    with pytest.raises(ModelFileError) as caught:
        emit_files(load_service(str(path)))
    assert str(caught.value) == (
        f"{path}: shapes ['BotocoreTimestamp'] clash with names the pydantic models import"
    )


def test_deprecated_members_are_marked_without_warnings_at_import(traps: ModuleType) -> None:
    schema = traps.GetThingOutput.model_json_schema()
    assert schema["properties"]["legacy"]["deprecated"] is True
    output = traps.GetThingOutput.model_validate({"legacy": "old"})
    with pytest.warns(DeprecationWarning, match="deprecated"):
        assert output.legacy == "old"


# --- class names: each shape's own name wherever Python allows it ---------------------------

NAMES_MODEL: dict[str, Any] = one_operation_model(
    "Names",
    "Get",
    "GetInput",
    {
        "GetInput": {
            "type": "structure",
            "members": {
                "deployment": {"shape": "Deployment"},
                "problem": {"shape": "EnvironmentError"},
                "field": {"shape": "Field"},
                "message": {"shape": "errorMessage"},
                "longMessage": {"shape": "ErrorMessage"},
                "flag": {"shape": "boolean"},
                "text": {"shape": "__string"},
                "ratio": {"shape": "float"},
                "none": {"shape": "None"},
                "model": {"shape": "BaseModel"},
            },
        },
        # Classes come in name order: Deployment's reference to EnvironmentError is a forward
        # one, which would find Python's own EnvironmentError (OSError) under that name.
        "Deployment": {"type": "structure", "members": {"error": {"shape": "EnvironmentError"}}},
        "EnvironmentError": {"type": "structure", "members": {"code": {"shape": "__string"}}},
        "Field": {"type": "structure", "members": {"name": {"shape": "__string"}}},
        "BaseModel": {"type": "string", "enum": ["a", "b"]},
        "errorMessage": {"type": "string", "max": 5},
        "ErrorMessage": {"type": "string", "max": 50},
        "boolean": {"type": "boolean"},
        "__string": {"type": "string"},
        "float": {"type": "float"},
        "None": {"type": "string", "min": 2},
    },
)
NAMES_EXPECTED = {  # shape -> class name in models.py
    "GetInput": "GetInput",
    "Deployment": "Deployment",
    "EnvironmentError": "EnvironmentErrorModel",
    "Field": "FieldModel",
    "BaseModel": "BaseModelModel",
    "errorMessage": "ErrorMessageModel",  # ErrorMessage is another shape's name
    "ErrorMessage": "ErrorMessage",
    "boolean": "Boolean",
    "__string": "FieldString",
    "float": "Float",
    "None": "None_1",
}


@pytest.fixture(scope="module")
def awkward(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    directory = tmp_path_factory.mktemp("names")
    path = directory / "names.service-2.json"
    path.write_text(json.dumps(NAMES_MODEL), encoding="utf-8")
    return emit_package(str(path), directory, "awkward_models")


def test_class_names_are_shape_names_where_python_allows(awkward: ModuleType) -> None:
    source = Path(awkward.models.__file__).read_text(encoding="utf-8")
    assert public_names(source) == sorted(NAMES_EXPECTED.values())


def test_renamed_shapes_are_exported_under_their_own_names(awkward: ModuleType) -> None:
    for shape, name in NAMES_EXPECTED.items():
        if shape != "None":  # no Python name can hold it
            assert getattr(awkward, shape) is getattr(awkward.models, name), shape
    # In __all__, except names of builtins: a star import must not shadow Python's float.
    aliases = {"Field", "BaseModel", "__string", "errorMessage", "boolean"}
    assert awkward.__all__ == sorted({*NAMES_EXPECTED.values(), *aliases})


def test_awkward_names_validate_as_their_shapes(awkward: ModuleType) -> None:
    payload = {
        "deployment": {"error": {"code": "E2"}},
        "problem": {"code": "E1"},
        "field": {"name": "n"},
        "message": "short",
        "longMessage": "not that short",
        "flag": True,
        "text": "t",
        "ratio": 0.5,
        "none": "ok",
        "model": "a",
    }
    parsed = awkward.GetInput.model_validate(payload)
    assert isinstance(parsed.problem, awkward.EnvironmentError)
    assert isinstance(parsed.deployment.error, awkward.EnvironmentError)
    assert isinstance(parsed.field, awkward.Field)
    assert parsed.model_dump(mode="json", exclude_unset=True) == payload
    for member, value in [("message", "toolong"), ("none", "x"), ("model", "c"), ("flag", 1)]:
        with pytest.raises(ValidationError) as caught:
            awkward.GetInput.model_validate({**payload, member: value})
        assert [e["loc"] for e in caught.value.errors()] == [(member,)]


@pytest.mark.parametrize("service", ["cloudhsmv2", "backup-gateway", "iot-jobs-data"])
def test_real_services_export_every_shape_by_name(tmp_path: Path, service: str) -> None:
    """Structures by their members, enums by their values: each name is bound to its shape."""
    package = emit_package(service, tmp_path, f"names_{service.replace('-', '_')}")
    for name, shape in load_service(service).shapes.items():
        target = getattr(package, name)
        if shape.type == "structure":
            target.model_rebuild()  # fields read before the first validation lack their aliases
            fields = {f.alias or key for key, f in target.model_fields.items()}
            assert fields - {"Error"} == {m.name for m in shape.members} - {"Error"}, name
        elif shape.enum:
            assert [item.value for item in target] == list(shape.enum), name


# --- the package loads its models on first use ------------------------------------------------

_LAZY = """
import sys
import botocontract.generated.codebuild.strategies
print("botocontract.generated.codebuild.models" in sys.modules)
from botocontract.generated.codebuild import Build
print(Build.__module__)
"""


def test_importing_the_strategies_builds_no_model() -> None:
    """The probe and the plugin draw from strategies.py: pydantic's class building (most of a
    cold start) waits for the first model asked for."""
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", _LAZY], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.split() == ["False", "botocontract.generated.codebuild.models"]


def test_the_package_serves_every_public_name_of_its_models() -> None:
    import botocontract.generated.codebuild as package  # noqa: PLC0415

    namespace: dict[str, Any] = {}
    exec("from botocontract.generated.codebuild import *", namespace)  # noqa: S102 - our own text
    assert sorted(set(namespace) - {"__builtins__"}) == sorted(package.__all__)
    assert namespace["Build"] is package.models.Build
    assert set(package.__all__) <= set(dir(package))
    with pytest.raises(AttributeError, match="no attribute 'Bulid'"):
        _ = package.Bulid
