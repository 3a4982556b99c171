"""The plugin on XML services: the stub draws what S3, EC2 and STS may answer, and a queued
response is judged in the boto3 form (a dict is never an XML protocol's wire body)."""

from __future__ import annotations

from typing import Any

import pytest
from botocontract._plugin.contract import Contract
from botocontract.pytest_plugin import ContractMismatch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

CALLS = [
    ("sts", "get_caller_identity", {}),
    ("s3", "list_buckets", {}),
    ("ec2", "describe_security_groups", {}),
]


@pytest.mark.parametrize(("service", "method", "params"), CALLS, ids=[c[0] for c in CALLS])
def test_drawn_responses_of_xml_services_reach_the_code(
    service: str, method: str, params: dict[str, Any]
) -> None:
    @settings(max_examples=10, suppress_health_check=list(HealthCheck), deadline=None)
    @given(data=st.data())
    def check(data: st.DataObject) -> None:
        contract = Contract(service)
        with contract.stub(draw=data.draw) as stub:
            answer = getattr(stub.client, method)(**params)
        assert stub.calls[0].response == answer
        assert contract.validate_response(answer, stub.calls[0].operation, form="boto3").ok

    check()


def test_a_queued_xml_service_response_is_checked() -> None:
    with Contract("ec2").stub() as stub, pytest.raises(ContractMismatch) as raised:
        stub.add_response("DescribeSecurityGroups", {"SecurityGroups": [{"IpPermissions": "x"}]})
    assert str(raised.value) == (
        "ec2 DescribeSecurityGroups response (boto3 form, shape DescribeSecurityGroupsResult): "
        "1 error(s), 0 drift\n"
        "error at /SecurityGroups/0/IpPermissions (SecurityGroups[0].IpPermissions)\n"
        "  rule:     type\n"
        "  expected: array\n"
        '  actual:   "x"'
    )
