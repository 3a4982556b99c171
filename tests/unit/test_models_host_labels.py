"""hostLabel members: the models reject "" as the JSON Schema and botocore's validator do.

botocore gives a member bound to the endpoint host an implicit minimum length of 1
(``botocore.validate.range_check``); the schema states it as ``minLength: 1`` beside the
member's ``$ref``. Oracles: the emitted JSON Schema, and botocore's ``ParamValidator`` for what
it checks (lengths and required members, not patterns).
"""

from __future__ import annotations

import json
import re
import typing
from typing import TYPE_CHECKING, Any, NamedTuple

import botocontract
import botocore.session
import pytest
from botocontract.codegen.emit.jsonschema import emit_schema
from botocontract.codegen.emit.pydantic import public_names
from botocontract.codegen.load import load_service
from botocontract.schemas import shape_validator
from botocore.model import ServiceModel
from botocore.validate import ParamValidator
from hypothesis import given, settings
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from toy_service import one_operation_model

from tests.model_packages import emit_package
from tests.unit.test_models import _digests

if TYPE_CHECKING:
    from pathlib import Path
    from types import ModuleType

ABSENT = object()  # the member left out of the payload


class Case(NamedTuple):
    service: str
    operation: str
    shape: str
    member: str
    payload: dict[str, Any]  # valid, host label included


CASES = [
    Case(
        "s3",
        "WriteGetObjectResponse",
        "WriteGetObjectResponseRequest",
        "RequestRoute",
        {"RequestRoute": "route-1", "RequestToken": "token"},
    ),
    Case(
        "s3control",
        "GetAccessPoint",
        "GetAccessPointRequest",
        "AccountId",
        {"AccountId": "123456789012", "Name": "my-access-point"},
    ),
    Case(
        "s3control",
        "CreateAccessPoint",
        "CreateAccessPointRequest",
        "AccountId",
        {"AccountId": "123456789012", "Name": "my-access-point", "Bucket": "bucket"},
    ),
    Case(
        "neptune-graph",
        "CancelQuery",
        "CancelQueryInput",
        "graphIdentifier",
        {"graphIdentifier": "g-0123456789", "queryId": "q"},
    ),
    Case(
        "neptune-graph",
        "GetGraphSummary",
        "GetGraphSummaryInput",
        "graphIdentifier",
        {"graphIdentifier": "g-0123456789"},
    ),
]
VALUES = ["", "x", ABSENT, "valid"]


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    directory = tmp_path_factory.mktemp("host_labels")
    services = sorted({case.service for case in CASES})
    return {s: emit_package(s, directory, f"host_{s.replace('-', '_')}") for s in services}


def with_value(case: Case, value: Any) -> dict[str, Any]:
    payload = dict(case.payload)
    if value is ABSENT:
        del payload[case.member]
    elif value != "valid":
        payload[case.member] = value
    return payload


def model_errors(model: Any, payload: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    try:
        model.model_validate(payload)
    except ValidationError as error:
        return [(e["loc"], e["type"]) for e in error.errors()]
    return []


def schema_errors(validator: Any, payload: dict[str, Any]) -> list[tuple[list[Any], str]]:
    return [(list(e.absolute_path), str(e.validator)) for e in validator.iter_errors(payload)]


def botocore_report(model: ServiceModel, operation: str, payload: dict[str, Any]) -> str:
    shape = model.operation_model(operation).input_shape
    report: str = ParamValidator().validate(payload, shape).generate_report()
    return report


@pytest.mark.parametrize("value", VALUES, ids=["empty", "one-char", "absent", "valid"])
@pytest.mark.parametrize("case", CASES, ids=[f"{c.service}.{c.shape}" for c in CASES])
def test_model_and_schema_agree_at_the_member(
    packages: dict[str, ModuleType], case: Case, value: Any
) -> None:
    payload = with_value(case, value)
    by_model = model_errors(getattr(packages[case.service], case.shape), payload)
    by_schema = schema_errors(shape_validator(case.service, case.shape, "boto3"), payload)
    assert bool(by_model) == bool(by_schema)
    if by_model:
        assert {loc for loc, _ in by_model} == {(case.member,)}
        where = {tuple(path) for path, _ in by_schema}
        assert where == ({()} if value is ABSENT else {(case.member,)})


@pytest.mark.parametrize("case", CASES, ids=[f"{c.service}.{c.shape}" for c in CASES])
def test_empty_is_too_short_for_all_three(packages: dict[str, ModuleType], case: Case) -> None:
    """Rejected for its length, not only for a pattern that "" happens to miss."""
    payload = with_value(case, "")
    model = getattr(packages[case.service], case.shape)
    assert ((case.member,), "string_too_short") in model_errors(model, payload)
    validator = shape_validator(case.service, case.shape, "boto3")
    assert ([case.member], "minLength") in schema_errors(validator, payload)
    service = botocore.session.get_session().get_service_model(case.service)
    report = botocore_report(service, case.operation, payload)
    assert f"Invalid length for parameter {case.member}, value: 0, valid min length: 1" in report


def botocore_checked() -> list[Any]:
    """(case, value) pairs botocore can judge: it checks lengths and required members, not
    patterns, so a one-character value of a patterned member is the schema's to judge."""
    session = botocore.session.get_session()
    pairs = []
    for case in CASES:
        operation = session.get_service_model(case.service).operation_model(case.operation)
        patterned = "pattern" in operation.input_shape.members[case.member].metadata
        for value, name in zip(VALUES, ["empty", "one-char", "absent", "valid"], strict=True):
            if not (patterned and value == "x"):
                pairs.append(pytest.param(case, value, id=f"{case.service}.{case.shape}-{name}"))
    return pairs


@pytest.mark.parametrize(("case", "value"), botocore_checked())
def test_botocore_agrees_where_it_checks(
    packages: dict[str, ModuleType], case: Case, value: Any
) -> None:
    service = botocore.session.get_session().get_service_model(case.service)
    payload = with_value(case, value)
    accepted_by_botocore = not botocore_report(service, case.operation, payload)
    model = getattr(packages[case.service], case.shape)
    assert accepted_by_botocore == (not model_errors(model, payload))


def test_a_one_character_route_is_valid_where_no_pattern_applies(
    packages: dict[str, ModuleType],
) -> None:
    """The rule is a minimum of 1, not more: all three accept "x" for s3's RequestRoute."""
    case = CASES[0]
    payload = with_value(case, "x")
    assert model_errors(packages["s3"].WriteGetObjectResponseRequest, payload) == []
    service = botocore.session.get_session().get_service_model("s3")
    assert botocore_report(service, case.operation, payload) == ""


@pytest.mark.parametrize("service", sorted({c.service for c in CASES}))
def test_no_alias_is_added_for_host_labels(packages: dict[str, ModuleType], service: str) -> None:
    """The target's own name stays the target's alias; no merged copy gets a name."""
    ir = load_service(service)
    targets = {m.target for s in ir.shapes.values() for m in s.members if m.host_label}
    extra = set(packages[service].__all__) - set(ir.shapes)
    assert not {n for n in extra for t in targets if re.fullmatch(rf"{t}(\d+|Model)", n)}
    for target in targets:  # the alias holds the shape's rules: "" passes its own length
        assert "min_length=1" not in str(getattr(packages[service], target).__value__)


# --- a hand-written model: each kind of target a host label can have ---------------------

SYNTHETIC = one_operation_model(
    "Hosts",
    "Put",
    "PutInput",
    {
        "PutInput": {
            "type": "structure",
            "required": ["plain"],
            "members": {
                "plain": {"shape": "Plain", "hostLabel": True, "documentation": "<p>Host.</p>"},
                "bounded": {"shape": "Bounded", "hostLabel": True},
                "kind": {"shape": "Kind", "hostLabel": True},
                "other": {"shape": "Plain"},
            },
        },
        "Plain": {"type": "string", "max": 8, "pattern": "^[a-z]*$"},
        "Bounded": {"type": "string", "min": 3, "max": 8},
        "Kind": {"type": "string", "enum": ["a", "bb"]},
    },
)
BOTOCORE_CHECKS = ("string_too_short", "missing")
SYNTHETIC_PAYLOADS = [
    {"plain": ""},
    {"plain": "a"},
    {"plain": "abcdefghi"},
    {"plain": "A"},
    {},
    {"plain": "a", "other": ""},
    {"plain": "a", "bounded": ""},
    {"plain": "a", "bounded": "ab"},
    {"plain": "a", "bounded": "abc"},
    {"plain": "a", "kind": ""},
    {"plain": "a", "kind": "a"},
    {"plain": "a", "kind": "c"},
]


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ModuleType]:
    directory = tmp_path_factory.mktemp("synthetic")
    path = directory / "hosts.service-2.json"
    path.write_text(json.dumps(SYNTHETIC), encoding="utf-8")
    return path, emit_package(str(path), directory, "host_synthetic")


@pytest.mark.parametrize("payload", SYNTHETIC_PAYLOADS, ids=json.dumps)
def test_every_kind_of_target_agrees_with_schema_and_botocore(
    synthetic: tuple[Path, ModuleType], payload: dict[str, Any]
) -> None:
    path, package = synthetic
    document = emit_schema(load_service(str(path)), "boto3")
    validator = Draft202012Validator({**document, "$ref": "#/$defs/PutInput"})
    by_model = model_errors(package.PutInput, payload)
    by_schema = schema_errors(validator, payload)
    assert bool(by_model) == bool(by_schema)
    assert {loc for loc, _ in by_model} == {tuple(p) or ("plain",) for p, _ in by_schema}
    # botocore checks minimum lengths and required members only (no max, enum or pattern).
    report = botocore_report(ServiceModel(SYNTHETIC), "Put", payload)
    by_botocore = {a or b for a, b in re.findall(r'parameter (\w+),|input: "(\w+)"', report)}
    # What botocore rejects the model rejects, for the same rule or another ("" is no enum value).
    assert {loc[0] for loc, kind in by_model if kind in BOTOCORE_CHECKS} <= by_botocore
    assert by_botocore <= {loc[0] for loc, _ in by_model}


def test_synthetic_fields_keep_their_aliases_where_the_target_rules_out_empty(
    synthetic: tuple[Path, ModuleType],
) -> None:
    _, package = synthetic
    source = (synthetic[0].parent / "host_synthetic" / "models.py").read_text(encoding="utf-8")
    assert public_names(source) == sorted(["Bounded", "Kind", "Plain", "PutInput"])
    fields = package.PutInput.model_fields
    for member, alias in [("bounded", "Bounded"), ("kind", "Kind"), ("other", "Plain")]:
        assert typing.get_args(fields[member].annotation) == (getattr(package, alias), type(None))


def test_host_label_models_are_byte_identical_across_hash_seeds() -> None:
    first, second = _digests("neptune-graph", "0"), _digests("neptune-graph", "1")
    assert first == second
    assert first.count("\n") == 2


@pytest.mark.parametrize("case", CASES, ids=[f"{c.service}.{c.shape}" for c in CASES])
def test_valid_strategy_draws_are_valid_models(packages: dict[str, ModuleType], case: Case) -> None:
    """The strategies draw non-empty host labels; the model and the schema accept each draw."""
    model = getattr(packages[case.service], case.shape)
    validator = shape_validator(case.service, case.shape, "boto3")

    @settings(database=None, derandomize=True, deadline=None, max_examples=25)
    @given(botocontract.strategy(case.service, case.shape))
    def check(payload: dict[str, Any]) -> None:
        assert payload[case.member] != ""
        parsed = model.model_validate(payload)
        # The schema reads JSON: bytes (a streaming Body) as the model dumps them, base64 text.
        dumped = parsed.model_dump(mode="json", by_alias=True, exclude_unset=True)
        assert schema_errors(validator, dumped) == []

    check()
