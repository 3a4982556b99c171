"""Every drawn CodeBuild payload is valid for every independent judge.

For the input and output of all 59 operations: the JSON Schema of the payload's form, the
pydantic model, and botocore itself (ParamValidator for inputs, Stubber for outputs) accept
what ``botocontract.strategy`` draws; and a wire-form response body, parsed by botocore's own
parser for the protocol, equals the boto3 form of the same draw.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import boto3
import botocore.session
import pytest
from botocontract._json_form import non_finite_as_text
from botocontract.codegen.load import load_service
from botocontract.schemas import shape_validator
from botocontract.strategies import jsonable, paired_strategy, strategy
from botocore.parsers import create_parser
from botocore.stub import Stubber
from botocore.validate import ParamValidator
from hypothesis import given, settings
from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from types import ModuleType

    from botocore.client import BaseClient
    from botocore.model import ServiceModel

ROOT = Path(__file__).resolve().parents[2]
SERVICE = "codebuild"
EXAMPLES = settings(max_examples=8)
OPERATIONS = list(load_service(SERVICE).operations.values())
INPUTS = sorted({op.input for op in OPERATIONS if op.input})
OUTPUTS = sorted({op.output for op in OPERATIONS if op.output})
OPERATION_OF_OUTPUT = {op.output: op.name for op in OPERATIONS if op.output}


@pytest.fixture(scope="module")
def service_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model(SERVICE)


@pytest.fixture(scope="module")
def client() -> BaseClient:
    return boto3.client(
        SERVICE, region_name="us-east-1", aws_access_key_id="x", aws_secret_access_key="x"
    )


def test_every_operation_is_covered() -> None:
    assert len(OPERATIONS) == 59
    assert "BatchGetBuildsOutput" in OUTPUTS
    assert "RetryBuildInput" in INPUTS


def schema_errors(shape: str, form: str, payload: Any) -> list[str]:
    validator = shape_validator(SERVICE, shape, form)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(payload)]


def model_rejects(models: ModuleType, shape: str, payload: Any) -> str | None:
    model: type[BaseModel] = getattr(models, shape)
    try:
        model.model_validate(payload)
    except ValidationError as error:
        return str(error)
    return None


def model_rejects_wire(models: ModuleType, shape: str, body: Any) -> str | None:
    """The wire form is JSON text: the model reads it as a recorded response would be read."""
    model: type[BaseModel] = getattr(models, shape)
    try:
        model.model_validate_json(json.dumps(body))
    except ValidationError as error:
        return str(error)
    return None


@pytest.mark.parametrize("shape", INPUTS)
def test_inputs_are_valid_for_schema_model_and_botocore(
    shape: str, service_model: ServiceModel, models: ModuleType
) -> None:
    input_shape = service_model.shape_for(shape)

    @EXAMPLES
    @given(paired_strategy(SERVICE, shape))
    def check(pair: tuple[Any, Any]) -> None:
        boto3_form, wire_form = pair
        assert schema_errors(shape, "boto3", jsonable(boto3_form)) == []
        assert schema_errors(shape, "wire", wire_form) == []
        report = ParamValidator().validate(boto3_form, input_shape)
        assert not report.has_errors(), report.generate_report()
        assert model_rejects(models, shape, boto3_form) is None
        assert model_rejects_wire(models, shape, wire_form) is None

    check()


@pytest.mark.parametrize("shape", OUTPUTS)
def test_outputs_are_valid_and_parse_back_from_the_wire(
    shape: str, service_model: ServiceModel, client: BaseClient, models: ModuleType
) -> None:
    operation = service_model.operation_model(OPERATION_OF_OUTPUT[shape])
    parser = create_parser(service_model.metadata["protocol"])
    method = botocore.xform_name(operation.name)

    @EXAMPLES
    @given(paired_strategy(SERVICE, shape))
    def check(pair: tuple[Any, Any]) -> None:
        boto3_form, wire_form = pair
        assert schema_errors(shape, "boto3", jsonable(boto3_form)) == []
        assert schema_errors(shape, "wire", wire_form) == []
        assert model_rejects(models, shape, boto3_form) is None
        assert model_rejects_wire(models, shape, wire_form) is None
        with Stubber(client) as stubber:
            stubber.add_response(method, boto3_form)  # raises if botocore disagrees
        response = {"body": json.dumps(wire_form).encode(), "headers": {}, "status_code": 200}
        parsed = parser.parse(response, operation.output_shape)
        parsed.pop("ResponseMetadata", None)
        assert non_finite_as_text(parsed) == non_finite_as_text(boto3_form)

    check()


@pytest.mark.parametrize("form", ["boto3", "wire"])
@pytest.mark.parametrize("shape", ["Build", "BatchGetBuildsOutput", "RetryBuildInput"])
def test_each_form_alone_is_valid(shape: str, form: str) -> None:
    @EXAMPLES
    @given(strategy(SERVICE, shape, form=form))  # type: ignore[arg-type]
    def check(payload: Any) -> None:
        document = jsonable(payload) if form == "boto3" else payload
        assert schema_errors(shape, form, document) == []
        json.dumps(document)  # JSON-ready

    check()


def test_boto3_form_has_python_types_and_wire_form_json_types() -> None:
    @settings(max_examples=30)
    @given(paired_strategy(SERVICE, "Build"))
    def check(pair: tuple[Any, Any]) -> None:
        boto3_form, wire_form = pair
        if "startTime" in boto3_form:
            start = boto3_form["startTime"]
            assert start.utcoffset() is not None
            assert start.utcoffset().total_seconds() == 0
            assert isinstance(wire_form["startTime"], int | float)
            assert wire_form["startTime"] == pytest.approx(start.timestamp())

    check()
