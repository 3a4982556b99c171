"""NaN and the infinities are legal floats: what a real botocore client hands user code for them
validates, in each protocol family, and text that is no float is still a wrong type."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest
from botocontract import validate
from botocontract._json_form import to_json_value
from botocontract._wire.cbor import cbor_tree

from tests.botocore_client import answered

_SCALING = {
    "PolicyARN": "arn:aws:autoscaling:us-east-1:1:scalingPolicy:p",
    "PolicyName": "p",
    "ServiceNamespace": "ecs",
    "ResourceId": "service/c/s",
    "ScalableDimension": "ecs:service:DesiredCount",
    "PolicyType": "TargetTrackingScaling",
    "CreationTime": 1,
}


def _json_body(target: object) -> str:
    policy = {**_SCALING, "TargetTrackingScalingPolicyConfiguration": {"TargetValue": target}}
    return json.dumps({"ScalingPolicies": [policy]})


def _xml_body(text: str) -> str:
    return (
        '<DescribePoliciesResponse xmlns="http://autoscaling.amazonaws.com/doc/2011-01-01/">'
        "<DescribePoliciesResult><ScalingPolicies><member><TargetTrackingConfiguration>"
        f"<TargetValue>{text}</TargetValue>"
        "</TargetTrackingConfiguration></member></ScalingPolicies></DescribePoliciesResult>"
        "</DescribePoliciesResponse>"
    )


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity"])
def test_json_protocol_non_finite_floats_validate_in_both_forms(text: str) -> None:
    body = _json_body(text)
    output = answered(
        "application-autoscaling", "DescribeScalingPolicies", body, ServiceNamespace="ecs"
    )
    value = output["ScalingPolicies"][0]["TargetTrackingScalingPolicyConfiguration"]
    assert value == {"TargetValue": text}  # botocore's JSON parser hands the text on
    op = "DescribeScalingPolicies"
    assert validate(output, "application-autoscaling", operation=op).issues == ()
    wire = validate(json.loads(body), "application-autoscaling", operation=op, form="wire")
    assert wire.issues == ()


@pytest.mark.parametrize("text", ["NaN", "Infinity", "-Infinity"])
def test_xml_protocol_non_finite_floats_validate_in_both_forms(text: str) -> None:
    output = answered("autoscaling", "DescribePolicies", _xml_body(text))
    value = output["ScalingPolicies"][0]["TargetTrackingConfiguration"]["TargetValue"]
    assert isinstance(value, float)
    assert not math.isfinite(value)  # botocore's XML parser makes a Python float of it
    report = validate(output, "autoscaling", operation="DescribePolicies")
    assert report.issues == ()
    assert report.form == "boto3"
    wire = validate(_xml_body(text).encode(), "autoscaling", operation="DescribePolicies")
    assert wire.issues == ()


def test_non_finite_floats_are_their_json_text_not_null() -> None:
    converted, changed = to_json_value({"a": [float("nan"), float("inf"), -float("inf"), 1.5]})
    assert changed
    assert converted == {"a": ["NaN", "Infinity", "-Infinity", 1.5]}


def test_non_finite_floats_beside_datetimes_and_bytes_convert_all_three() -> None:
    when = dt.datetime(2020, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    converted, changed = to_json_value({"v": float("nan"), "t": when, "b": b"\x00", "n": None})
    assert changed
    assert converted == {"v": "NaN", "t": "2020-01-02T03:04:05+00:00", "b": "AA==", "n": None}


def test_cbor_non_finite_floats_read_as_their_text() -> None:
    import cbor2  # noqa: PLC0415 - a codegen-free runtime dependency, imported where used

    tree = cbor_tree(cbor2.dumps({"Average": float("nan"), "Maximum": float("-inf")}))
    assert tree == {"Average": "NaN", "Maximum": "-Infinity"}


def test_text_that_is_no_float_is_a_wrong_type() -> None:
    output = answered(
        "application-autoscaling",
        "DescribeScalingPolicies",
        _json_body("nan-ish"),
        ServiceNamespace="ecs",
    )
    report = validate(output, "application-autoscaling", operation="DescribeScalingPolicies")
    [issue] = report.issues
    assert issue.rule == "type"
    assert issue.severity == "error"
    assert issue.message.endswith(
        "TargetValue: wrong type: expected number (or NaN, Infinity, -Infinity as text), "
        'got "nan-ish"'
    )


def test_an_infinity_beyond_a_bound_is_out_of_range_and_nan_is_not() -> None:
    # CodeBuild's Percentage is a double in [0, 100]. botocore's ParamValidator checks the
    # minimum only (NaN compares false with it): it is the oracle for that side.
    from botocore.session import get_session  # noqa: PLC0415
    from botocore.validate import ParamValidator  # noqa: PLC0415

    coverage = get_session().get_service_model("codebuild").shape_for("CodeCoverage")
    for value, text in ((float("nan"), "NaN"), (-float("inf"), "-Infinity")):
        botocore_errors = ParamValidator().validate({"lineCoveragePercentage": value}, coverage)
        payload = {"lineCoveragePercentage": text}
        ours = validate(payload, "codebuild", shape="CodeCoverage", form="wire")
        assert botocore_errors.has_errors() == (not ours.ok), text
        assert all(issue.rule == "minimum" for issue in ours.issues), text
    boto3 = {"lineCoveragePercentage": float("inf")}
    [issue] = validate(boto3, "codebuild", shape="CodeCoverage").issues
    assert (issue.path, issue.rule, issue.expected) == (
        "/lineCoveragePercentage",
        "maximum",
        "<= 100",
    )
