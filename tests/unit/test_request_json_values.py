"""A body ``jsonvalue`` member in a structure both directions reach (SageMaker's
``HumanLoopActivationConditionsConfig``): a request carries it as text, as botocore's
ParamValidator demands, while a response may hand over the JSON a service inlined."""

from __future__ import annotations

import botocore.session
import pytest
from botocontract import validate
from botocore.exceptions import ParamValidationError
from botocore.validate import validate_parameters

CONDITIONS = {"Conditions": [{"ConditionType": "Sampling"}]}
ROLE = "arn:aws:iam::123456789012:role/flows"
REQUEST = {
    "FlowDefinitionName": "flow",
    "OutputConfig": {"S3OutputPath": "s3://bucket/out"},
    "RoleArn": ROLE,
}


def _request(conditions: object) -> dict[str, object]:
    config = {"HumanLoopActivationConditions": conditions}
    return {**REQUEST, "HumanLoopActivationConfig": {"HumanLoopActivationConditionsConfig": config}}


def _botocore_accepts(params: dict[str, object]) -> bool:
    model = botocore.session.get_session().get_service_model("sagemaker")
    shape = model.operation_model("CreateFlowDefinition").input_shape
    try:
        validate_parameters(params, shape)  # what a client runs before it serializes
    except ParamValidationError:
        return False
    return True


@pytest.mark.parametrize("conditions", ['{"Conditions": []}', CONDITIONS])
def test_a_request_carries_the_json_value_as_text(conditions: object) -> None:
    params = _request(conditions)
    report = validate(
        params, "sagemaker", operation="CreateFlowDefinition", direction="request", form="boto3"
    )
    assert report.ok == _botocore_accepts(params) == isinstance(conditions, str)


def test_a_response_may_inline_the_json() -> None:
    config = {"HumanLoopActivationConditions": CONDITIONS}
    response = {
        "FlowDefinitionArn": "arn:aws:sagemaker:us-east-1:123456789012:flow-definition/flow",
        "FlowDefinitionName": "flow",
        "FlowDefinitionStatus": "Active",
        "CreationTime": "2026-12-07T00:00:00Z",
        "OutputConfig": {"S3OutputPath": "s3://bucket/out"},
        "RoleArn": ROLE,
        "HumanLoopActivationConfig": {"HumanLoopActivationConditionsConfig": config},
    }
    report = validate(response, "sagemaker", operation="DescribeFlowDefinition", form="boto3")
    assert report.ok, report.issues
