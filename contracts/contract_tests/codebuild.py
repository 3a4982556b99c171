"""CodeBuild's BatchGetBuilds and RetryBuild: the contract holds against *your* botocore.

``generated/codebuild`` states the contract once; these tests check, in the repository that
runs them, that the botocore installed there still agrees with it (after an upgrade, a failure
here says to run ``botocontract generate``):

- every valid request passes botocore's own parameter validation;
- every valid response goes through a stubbed client (botocore's Stubber validates it with the
  installed model) and reaches the calling code unchanged;
- every valid wire body is parsed by botocore's JSON parser into a valid boto3-form response.

Run them as they are: ``pytest --pyargs botocontract.contract_tests.codebuild``, or import them
into a test module: ``from botocontract.contract_tests.codebuild import *``. They honour
``--contract-hypothesis-profile``.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from botocontract.pytest_plugin import assert_matches_contract, contract_test

__all__ = [
    "test_batch_get_builds_requests_pass_botocore_validation",
    "test_batch_get_builds_responses_reach_the_caller_unchanged",
    "test_batch_get_builds_wire_bodies_parse_to_valid_responses",
    "test_retry_build_requests_pass_botocore_validation",
    "test_retry_build_responses_reach_the_caller_unchanged",
    "test_retry_build_wire_bodies_parse_to_valid_responses",
]

SERVICE = "codebuild"
# A request each operation accepts, for calls whose parameters are not what is tested.
_CALLS: dict[str, dict[str, Any]] = {
    "BatchGetBuilds": {"ids": ["my-project:0c4e9a57-1d4f-4a7e-9f51-3a0e2c1b5d6f"]},
    "RetryBuild": {"id": "my-project:0c4e9a57-1d4f-4a7e-9f51-3a0e2c1b5d6f"},
}


@cache
def _operation_model(operation: str) -> Any:
    from botocontract._plugin.stub import new_client  # noqa: PLC0415 - botocore, when run

    return new_client(SERVICE).meta.service_model.operation_model(operation)


def _requests_pass(operation: str, params: dict[str, Any]) -> None:
    from botocore.validate import validate_parameters  # noqa: PLC0415

    validate_parameters(params, _operation_model(operation).input_shape)


def _responses_reach_the_caller(operation: str, response: dict[str, Any]) -> None:
    from botocontract._plugin.contract import Contract  # noqa: PLC0415

    with Contract(SERVICE, strict=True).stub() as stub:
        stub.add_response(operation, response)
        method = getattr(stub.client, stub.method_name(operation))
        received = method(**_CALLS[operation])
    received.pop("ResponseMetadata", None)
    assert received == response


def _wire_bodies_parse(operation: str, body: dict[str, Any]) -> None:
    from botocore.parsers import create_parser  # noqa: PLC0415

    model = _operation_model(operation)
    raw = {"body": json.dumps(body).encode(), "headers": {}, "status_code": 200}
    parsed = create_parser("json").parse(raw, model.output_shape)
    parsed.pop("ResponseMetadata", None)
    assert_matches_contract(parsed, SERVICE, operation, form="boto3", strict=True)


@contract_test(SERVICE, "BatchGetBuilds")
def test_batch_get_builds_requests_pass_botocore_validation(params: dict[str, Any]) -> None:
    _requests_pass("BatchGetBuilds", params)


@contract_test(SERVICE, "BatchGetBuilds")
def test_batch_get_builds_responses_reach_the_caller_unchanged(response: dict[str, Any]) -> None:
    _responses_reach_the_caller("BatchGetBuilds", response)


@contract_test(SERVICE, "BatchGetBuilds", form="wire")
def test_batch_get_builds_wire_bodies_parse_to_valid_responses(response: dict[str, Any]) -> None:
    _wire_bodies_parse("BatchGetBuilds", response)


@contract_test(SERVICE, "RetryBuild")
def test_retry_build_requests_pass_botocore_validation(params: dict[str, Any]) -> None:
    _requests_pass("RetryBuild", params)


@contract_test(SERVICE, "RetryBuild")
def test_retry_build_responses_reach_the_caller_unchanged(response: dict[str, Any]) -> None:
    _responses_reach_the_caller("RetryBuild", response)


@contract_test(SERVICE, "RetryBuild", form="wire")
def test_retry_build_wire_bodies_parse_to_valid_responses(response: dict[str, Any]) -> None:
    _wire_bodies_parse("RetryBuild", response)
