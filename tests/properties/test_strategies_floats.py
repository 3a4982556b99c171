"""Strategies draw NaN and the infinities for float members, within the members' bounds.

The boto3 form holds the Python float; the wire form what the protocol carries (JSON: the text;
XML: the text in the element), which a real botocore client parses back to the same value.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from botocontract import validate
from botocontract._strategy import primitives as prim
from botocontract._wire.client_parse import parsed_output
from botocontract.runtime.nodes import number
from botocontract.strategies import paired_strategy, strategy
from hypothesis import HealthCheck, find, given, settings

FIND = settings(database=None, max_examples=2000, suppress_health_check=list(HealthCheck))


def _is_nan(value: Any) -> bool:
    return isinstance(value, float) and math.isnan(value)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (None, None, {"NaN", "Infinity", "-Infinity"}),
        (0, None, {"NaN", "Infinity"}),
        (None, 10, {"NaN", "-Infinity"}),
        (0, 100, {"NaN"}),
    ],
)
def test_each_non_finite_value_within_the_bounds_is_reached(
    low: float | None, high: float | None, expected: set[str]
) -> None:
    drawn = prim.floats(number(min_value=low, max_value=high))
    for text in sorted(expected):
        found = find(drawn, lambda v, t=text: prim.float_wire(v) == t, settings=FIND)
        assert prim.float_wire(found) == text
    assert set(map(prim.float_wire, prim.non_finite_within(low, high))) == expected


@settings(max_examples=300, database=None)
@given(prim.floats(number(min_value=0, max_value=100)))
def test_a_bounded_float_never_goes_beyond_its_bounds(value: float) -> None:
    assert math.isnan(value) or 0 <= value <= 100


def test_a_failing_float_shrinks_to_a_finite_number() -> None:
    found = find(prim.floats(number()), lambda _: True, settings=FIND)
    assert math.isfinite(found)


# --- CodeBuild (JSON): Percentage in [0, 100], WrapperDouble unbounded ------------------------


def _line_coverage(pair: tuple[Any, Any]) -> tuple[Any, Any]:
    boto3, wire = pair
    return boto3.get("lineCoveragePercentage"), wire.get("lineCoveragePercentage")


def test_json_nan_is_the_float_in_boto3_and_the_text_on_the_wire() -> None:
    pair = find(
        paired_strategy("codebuild", "CodeCoverage"),
        lambda p: _is_nan(_line_coverage(p)[0]),
        settings=FIND,
    )
    assert _line_coverage(pair)[1] == "NaN"
    assert validate(pair[0], "codebuild", shape="CodeCoverage", form="boto3").issues == ()
    assert validate(pair[1], "codebuild", shape="CodeCoverage", form="wire").issues == ()


@settings(max_examples=100, database=None, suppress_health_check=list(HealthCheck))
@given(paired_strategy("codebuild", "CodeCoverage"))
def test_a_bounded_member_draws_no_infinity(pair: tuple[Any, Any]) -> None:
    boto3, wire = _line_coverage(pair)
    assert boto3 is None or not math.isinf(boto3)
    assert wire not in ("Infinity", "-Infinity")


def _in_fleets(config: dict[str, Any]) -> dict[str, Any]:
    scaling = {"targetTrackingScalingConfigs": [config]}
    return {"fleets": [{"arn": "arn:f", "scalingConfiguration": scaling}]}


def test_an_unbounded_member_draws_an_infinity_which_a_client_parses_as_text() -> None:
    boto3, wire = find(
        paired_strategy("codebuild", "TargetTrackingScalingConfiguration"),
        lambda p: p[0].get("targetValue") == -math.inf,
        settings=FIND,
    )
    assert wire["targetValue"] == "-Infinity"
    response = parsed_output("codebuild", "BatchGetFleets", (_in_fleets(boto3), _in_fleets(wire)))
    [fleet] = response["fleets"]
    [config] = fleet["scalingConfiguration"]["targetTrackingScalingConfigs"]
    assert config["targetValue"] == "-Infinity"  # botocore's JSON parser hands the text on
    assert validate(response, "codebuild", operation="BatchGetFleets").issues == ()


# --- CloudFront (rest-xml): SamplingRate in [0, 100] ------------------------------------------


def _sampling_rate(response: dict[str, Any]) -> Any:
    config = response.get("ResponseHeadersPolicy", {}).get("ResponseHeadersPolicyConfig", {})
    return config.get("ServerTimingHeadersConfig", {}).get("SamplingRate")


def test_xml_nan_goes_through_the_body_and_a_client_parses_the_float() -> None:
    pair = find(
        paired_strategy("cloudfront", "GetResponseHeadersPolicyResult"),
        lambda p: _is_nan(_sampling_rate(p[0])),
        settings=FIND,
    )
    assert b"<SamplingRate>NaN</SamplingRate>" in pair[1]
    response = parsed_output("cloudfront", "GetResponseHeadersPolicy", pair)
    assert _is_nan(_sampling_rate(response))  # botocore's XML parser: the float again
    report = validate(response, "cloudfront", operation="GetResponseHeadersPolicy")
    assert report.issues == ()


@settings(max_examples=60, database=None, suppress_health_check=list(HealthCheck))
@given(strategy("cloudfront", "ResponseHeadersPolicyServerTimingHeadersConfig"))
def test_the_xml_bounded_member_draws_no_infinity(config: dict[str, Any]) -> None:
    rate = config.get("SamplingRate")
    assert rate is None or not math.isinf(rate)


@pytest.mark.parametrize(("form", "infinity"), [("boto3", math.inf), ("wire", "Infinity")])
def test_an_infinity_beyond_a_bound_is_drawn_as_out_of_range(form: str, infinity: Any) -> None:
    from botocontract.strategies import invalid_strategy  # noqa: PLC0415

    def beyond(found: Any) -> bool:
        return found.violation.rule == "out_of_range" and found.violation.actual == infinity

    found = find(
        invalid_strategy("codebuild", "CodeCoverage", form=form),  # type: ignore[arg-type]
        beyond,
        settings=settings(max_examples=2000, database=None),
    )
    report = validate(found.payload, "codebuild", shape="CodeCoverage", form=form)  # type: ignore[arg-type]
    assert [issue.rule for issue in report.issues] == ["maximum"], report.issues
