"""Every labelled invalid CodeBuild payload is rejected, at the labelled place, by each judge.

The JSON Schema of the payload's form must report errors at the labelled JSON pointer and
nowhere else (one rule broken, once); the pydantic model must fail there too; and for the
rules botocore checks on the client, ParamValidator must reject the input. Every rule kind
that Build's constraints allow is drawn, and labels survive shrinking.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import botocore.session
import pytest
from botocontract.codegen.load import load_service
from botocontract.schemas import shape_validator
from botocontract.strategies import RULES, Invalid, invalid_strategy, jsonable
from botocore.validate import ParamValidator
from hypothesis import find, given, settings
from model_judge import model_places, pointer

if TYPE_CHECKING:
    from types import ModuleType

    from botocontract.codegen import ir
    from botocore.model import ServiceModel

ROOT = Path(__file__).resolve().parents[2]
SERVICE = "codebuild"
EXAMPLES = settings(max_examples=10)
OPERATIONS = list(load_service(SERVICE).operations.values())
SHAPES = sorted({name for op in OPERATIONS for name in (op.input, op.output) if name})
INPUTS = sorted({op.input for op in OPERATIONS if op.input})
# Parent-level rules: JSON Schema reports them at the object, the label names the member.
AT_PARENT = frozenset({"required", "unknown_member"})
# What botocore's ParamValidator checks on the client (null counts as a wrong type there).
BOTOCORE_CHECKS = frozenset({"required", "type", "null", "unknown_member", "too_few_items"})


@pytest.fixture(scope="module")
def service_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model(SERVICE)


def parent(path: str) -> str:
    return path.rsplit("/", 1)[0]


def schema_places(shape: str, form: str, payload: Any) -> set[str]:
    validator = shape_validator(SERVICE, shape, form)
    return {pointer(error.absolute_path) for error in validator.iter_errors(payload)}


def expected_schema_place(invalid: Invalid) -> str:
    label = invalid.violation
    return parent(label.path) if label.rule in AT_PARENT or label.on_key else label.path


def below_minimum(invalid: Invalid) -> bool:
    label = invalid.violation
    return label.rule == "out_of_range" and str(label.expected).startswith(">=")


@pytest.mark.parametrize("form", ["boto3", "wire"])
@pytest.mark.parametrize("shape", SHAPES)
def test_schema_rejects_exactly_at_the_label(shape: str, form: str) -> None:
    @EXAMPLES
    @given(invalid_strategy(SERVICE, shape, form=form))  # type: ignore[arg-type]
    def check(invalid: Invalid) -> None:
        assert invalid.violation.rule in RULES
        document = jsonable(invalid.payload) if form == "boto3" else invalid.payload
        assert schema_places(shape, form, document) == {expected_schema_place(invalid)}

    check()


@pytest.mark.parametrize("form", ["boto3", "wire"])
@pytest.mark.parametrize("shape", SHAPES)
def test_model_rejects_at_the_label(shape: str, form: str, models: ModuleType) -> None:
    @EXAMPLES
    @given(invalid_strategy(SERVICE, shape, form=form))  # type: ignore[arg-type]
    def check(invalid: Invalid) -> None:
        places = model_places(getattr(models, shape), invalid.payload, form)
        label = invalid.violation.path
        assert places, invalid
        assert any(place == label or place.startswith(label + "/") for place in places), (
            places,
            invalid,
        )

    check()


@pytest.mark.parametrize("shape", INPUTS)
def test_botocore_rejects_what_it_checks(shape: str, service_model: ServiceModel) -> None:
    input_shape = service_model.shape_for(shape)

    @EXAMPLES
    @given(invalid_strategy(SERVICE, shape))
    def check(invalid: Invalid) -> None:
        if invalid.violation.rule in BOTOCORE_CHECKS or below_minimum(invalid):
            report = ParamValidator().validate(invalid.payload, input_shape)
            assert report.has_errors(), invalid

    check()


# --- every rule kind Build's constraints allow is drawn ------------------------------------------


def allowed_kinds(service: ir.Service, root: str) -> set[str]:
    """Read from the IR: which rules the shapes reachable from ``root`` could break."""
    kinds = {"type", "null"}
    for name in service.reachable((root,)):
        kinds |= _kinds_of(service.shapes[name])
    return kinds


def _kinds_of(shape: ir.Shape) -> set[str]:
    kinds: set[str] = set()
    if shape.type == "structure" and not shape.document:
        kinds |= {"union_zero_members", "union_two_members"} if shape.union else {"unknown_member"}
        kinds |= {"required"} if shape.required else set()
    sized = {"string": ("too_short", "too_long"), "list": ("too_few_items", "too_many_items")}
    sized |= {"map": ("too_few_items", "too_many_items"), "blob": ("too_short", "too_long")}
    if shape.type in sized and shape.min:
        kinds.add(sized[shape.type][0])
    if shape.type in sized and shape.max is not None:
        kinds.add(sized[shape.type][1])
    if shape.enum:
        kinds.add("enum")
    if shape.pattern:
        kinds.add("pattern")
    if shape.type in {"integer", "long", "float", "double"} and (
        shape.min is not None or shape.max is not None
    ):
        kinds.add("out_of_range")
    return kinds


@pytest.mark.parametrize("form", ["boto3", "wire"])
@pytest.mark.parametrize("shape", ["Build", "CreateProjectInput"])
def test_every_allowed_rule_kind_is_drawn(shape: str, form: str) -> None:
    seen: set[str] = set()

    @settings(max_examples=300)
    @given(invalid_strategy(SERVICE, shape, form=form))  # type: ignore[arg-type]
    def collect(invalid: Invalid) -> None:
        seen.add(invalid.violation.rule)

    collect()
    assert seen == allowed_kinds(load_service(SERVICE), shape)


# --- labels survive shrinking ---------------------------------------------------------------


SHRINK_SHAPE = "CreateWebhookInput"  # small, with a list of lists of required enums


@pytest.mark.parametrize(("rule", "depth"), [("enum", 3), ("required", 3), ("pattern", 1)])
def test_shrunk_examples_keep_a_true_label(rule: str, depth: int) -> None:
    """Shrink to the smallest payload breaking ``rule`` below the root; the label still holds."""

    def nested(invalid: Invalid) -> bool:
        return invalid.violation.rule == rule and invalid.violation.path.count("/") >= depth

    shrunk = find(
        invalid_strategy(SERVICE, SHRINK_SHAPE), nested, settings=settings(max_examples=1000)
    )
    places = schema_places(SHRINK_SHAPE, "boto3", jsonable(shrunk.payload))
    assert places == {expected_schema_place(shrunk)}
    assert shrunk.violation.rule == rule
    assert shrunk.violation.path.count("/") >= depth
