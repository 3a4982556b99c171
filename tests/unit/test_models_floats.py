"""The generated models take NaN and the infinities where the boto3-form schema does.

What a real botocore client hands user code (a JSON service: the text; an XML one: a Python
float) validates with ``botocontract.validate`` and with the generated model alike, and an
infinity beyond a bound is refused by both. Every float shape of the models is judged against
the schema on one set of values.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from botocontract import validate
from botocontract.codegen.emit.pydantic import emit_models
from botocontract.codegen.load import load_service
from pydantic import TypeAdapter, ValidationError
from toy_service import one_operation_model

from tests.botocore_client import answered
from tests.model_packages import emit_package

if TYPE_CHECKING:
    from types import ModuleType

NON_FINITE = [float("nan"), float("inf"), -float("inf"), "NaN", "Infinity", "-Infinity"]
VALUES: list[Any] = [
    *NON_FINITE,
    0,
    0.0,
    -0.0,
    100,
    99.5,
    -1e-9,
    100.000001,
    -1e308,
    1e308,
    "nan",
    "inf",
    "-inf",
    "infinity",
    "NaN ",
    "1.5",
    "",
    True,
    None,
    [],
]


def _same_float(left: float, right: float) -> bool:
    return (math.isnan(left) and math.isnan(right)) or left == right


# --- a JSON service: CodeBuild's Percentage is a double in [0, 100] -----------------------------


def _coverage_body(percentage: Any) -> str:
    coverage = {"id": "c", "lineCoveragePercentage": percentage}
    return json.dumps({"codeCoverages": [coverage]})


def _coverages(text: str) -> dict[str, Any]:
    body = _coverage_body(text)
    return answered("codebuild", "DescribeCodeCoverages", body, reportArn="arn:r")


def test_json_client_nan_validates_in_schema_and_model(models: ModuleType) -> None:
    output = _coverages("NaN")
    assert output["codeCoverages"][0]["lineCoveragePercentage"] == "NaN"  # the text, handed on
    assert validate(output, "codebuild", operation="DescribeCodeCoverages").issues == ()
    model = models.DescribeCodeCoveragesOutput.model_validate(output)
    assert math.isnan(model.codeCoverages[0].lineCoveragePercentage)
    dumped = model.model_dump(mode="json", exclude_unset=True)
    assert dumped["codeCoverages"] == [{"id": "c", "lineCoveragePercentage": "NaN"}]
    assert validate(dumped, "codebuild", operation="DescribeCodeCoverages").issues == ()


@pytest.mark.parametrize(("text", "rule"), [("Infinity", "maximum"), ("-Infinity", "minimum")])
def test_json_client_infinity_beyond_a_bound_is_refused_by_both(
    models: ModuleType, text: str, rule: str
) -> None:
    output = _coverages(text)
    [issue] = validate(output, "codebuild", operation="DescribeCodeCoverages").issues
    assert (issue.path, issue.rule) == ("/codeCoverages/0/lineCoveragePercentage", rule)
    with pytest.raises(ValidationError) as caught:
        models.DescribeCodeCoveragesOutput.model_validate(output)
    [error] = caught.value.errors()
    assert error["loc"] == ("codeCoverages", 0, "lineCoveragePercentage")
    assert error["type"] == {"maximum": "less_than_equal", "minimum": "greater_than_equal"}[rule]


@pytest.mark.parametrize("shape", ["Percentage", "WrapperDouble"])
@pytest.mark.parametrize("value", VALUES, ids=repr)
def test_every_codebuild_float_agrees_with_the_schema(
    models: ModuleType, shape: str, value: Any
) -> None:
    schema_ok = validate(value, "codebuild", shape=shape, form="boto3").ok
    adapter = TypeAdapter(getattr(models, shape))
    try:
        model_value = adapter.validate_python(value)
    except ValidationError:
        assert not schema_ok, f"{shape} model refused {value!r}"
        return
    assert schema_ok, f"{shape} model accepted {value!r}"
    assert type(model_value) is float  # text forms validated to the float they name
    assert _same_float(model_value, float(value))


def test_float_shapes_are_one_alias_each_and_use_no_pydantic_bound(models: ModuleType) -> None:
    text = Path(models.models.__file__).read_text(encoding="utf-8")
    assert "Percentage1" not in text
    assert "WrapperDouble1" not in text
    assert "FloatRange(ge=0, le=100)" in text
    assert "StrictFloat" not in text  # no float left on pydantic's own constraints


# --- an XML service: CloudFront's SamplingRate is a double in [0, 100] ------------------------


@pytest.fixture(scope="module")
def cloudfront(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    return emit_package("cloudfront", tmp_path_factory.mktemp("cloudfront"), "cloudfront_models")


def _policy_body(rate: str) -> str:
    return (
        '<?xml version="1.0"?>'
        '<ResponseHeadersPolicy xmlns="http://cloudfront.amazonaws.com/doc/2020-05-31/">'
        "<Id>p</Id><LastModifiedTime>2024-01-02T03:04:05Z</LastModifiedTime>"
        "<ResponseHeadersPolicyConfig><Name>n</Name><ServerTimingHeadersConfig>"
        f"<Enabled>true</Enabled><SamplingRate>{rate}</SamplingRate>"
        "</ServerTimingHeadersConfig></ResponseHeadersPolicyConfig></ResponseHeadersPolicy>"
    )


def _rate(output: dict[str, Any]) -> Any:
    config = output["ResponseHeadersPolicy"]["ResponseHeadersPolicyConfig"]
    return config["ServerTimingHeadersConfig"]["SamplingRate"]


def test_xml_client_nan_validates_in_schema_and_model(cloudfront: ModuleType) -> None:
    output = answered("cloudfront", "GetResponseHeadersPolicy", _policy_body("NaN"), Id="p")
    assert math.isnan(_rate(output))  # botocore's XML parser: a Python float
    report = validate(output, "cloudfront", operation="GetResponseHeadersPolicy")
    assert report.issues == ()
    assert report.form == "boto3"
    model = cloudfront.GetResponseHeadersPolicyResult.model_validate(output)
    assert math.isnan(_rate(model.model_dump(by_alias=True)))


@pytest.mark.parametrize(("text", "rule"), [("Infinity", "maximum"), ("-Infinity", "minimum")])
def test_xml_client_infinity_beyond_a_bound_is_refused_by_both(
    cloudfront: ModuleType, text: str, rule: str
) -> None:
    output = answered("cloudfront", "GetResponseHeadersPolicy", _policy_body(text), Id="p")
    assert math.isinf(_rate(output))
    [issue] = validate(output, "cloudfront", operation="GetResponseHeadersPolicy").issues
    assert issue.rule == rule
    assert issue.path.endswith("/ServerTimingHeadersConfig/SamplingRate")
    with pytest.raises(ValidationError) as caught:
        cloudfront.GetResponseHeadersPolicyResult.model_validate(output)
    [error] = caught.value.errors()
    assert error["loc"][-1] == "SamplingRate"


# --- one side bounded: the other infinity is in range -----------------------------------------

_TOY_SHAPES = {
    "Input": {
        "type": "structure",
        "members": {
            "low": {"shape": "AtLeastZero"},
            "high": {"shape": "AtMostTen"},
            "free": {"shape": "Ratio"},
        },
    },
    "AtLeastZero": {"type": "double", "min": 0},
    "AtMostTen": {"type": "float", "max": 10},
    "Ratio": {"type": "float"},
}


@pytest.fixture(scope="module")
def toy(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    directory = tmp_path_factory.mktemp("toy")
    model = directory / "floats.service-2.json"
    model.write_text(json.dumps(one_operation_model("Floats", "Go", "Input", _TOY_SHAPES)))
    return emit_package(str(model), directory, "float_models")


@pytest.mark.parametrize(
    ("member", "value", "valid"),
    [
        ("low", float("inf"), True),
        ("low", "Infinity", True),
        ("low", -float("inf"), False),
        ("low", "-Infinity", False),
        ("low", -0.5, False),
        ("low", "NaN", True),
        ("high", -float("inf"), True),
        ("high", "-Infinity", True),
        ("high", float("inf"), False),
        ("high", 10.5, False),
        ("high", float("nan"), True),
        ("free", -float("inf"), True),
        ("free", "Infinity", True),
        ("free", "nan", False),
    ],
)
def test_an_infinity_is_refused_only_beyond_its_bound(
    toy: ModuleType, member: str, value: Any, valid: bool
) -> None:
    adapter = TypeAdapter(toy.Input)
    if not valid:
        with pytest.raises(ValidationError):
            adapter.validate_python({member: value})
        return
    got = getattr(adapter.validate_python({member: value}), member)
    assert _same_float(got, float(value))


def test_float_models_are_deterministic(tmp_path: Path) -> None:
    model = tmp_path / "floats.service-2.json"
    model.write_text(json.dumps(one_operation_model("Floats", "Go", "Input", _TOY_SHAPES)))
    first, second = (emit_models(load_service(str(model))) for _ in range(2))
    assert first == second
    assert "AtLeastZero = TypeAliasType(" in first
    assert "FloatRange(ge=0)" in first
    assert "FloatRange(le=10)" in first
