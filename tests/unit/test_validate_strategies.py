"""The validator and the strategies agree: drawn payloads pass, labelled invalid ones fail there.

Both read the same model through different code (the schema vs the strategy compiler), so a
disagreement is a bug in one of them. The boto3 form is drawn with real ``datetime`` objects,
which the validator must convert itself.
"""

from __future__ import annotations

from typing import Any, Literal

from botocontract.strategies import Invalid, invalid_strategy, strategy
from botocontract.validation import validate
from hypothesis import given

SERVICE = "codebuild"
SHAPE = "BatchGetBuildsOutput"
# Rules the validator reports as drift in a response, by the strategies' names.
DRIFT_RULES = {"enum", "unknown_member", "too_few_items"}


@given(strategy(SERVICE, SHAPE, form="boto3"))
def test_drawn_boto3_payloads_pass(payload: Any) -> None:
    report = validate(payload, SERVICE, shape=SHAPE)
    assert report.issues == (), report.issues


@given(strategy(SERVICE, SHAPE, form="wire"))
def test_drawn_wire_payloads_pass(payload: Any) -> None:
    report = validate(payload, SERVICE, shape=SHAPE, form="wire")
    assert report.issues == (), report.issues


@given(invalid_strategy(SERVICE, SHAPE, form="wire"))
def test_invalid_payloads_fail_where_the_violation_says(invalid: Invalid) -> None:
    assert_fails_where_labelled(invalid, "wire")


@given(invalid_strategy(SERVICE, SHAPE, form="boto3"))
def test_invalid_boto3_payloads_fail_where_the_violation_says(invalid: Invalid) -> None:
    assert_fails_where_labelled(invalid, "boto3")


def assert_fails_where_labelled(invalid: Invalid, form: Literal["wire", "boto3"]) -> None:
    report = validate(invalid.payload, SERVICE, shape=SHAPE, form=form, strict=True)
    assert not report.ok
    paths = {issue.path for issue in report.errors}
    violation = invalid.violation
    assert any(path == violation.path or path.startswith(violation.path + "/") for path in paths), (
        violation,
        report.errors,
    )
