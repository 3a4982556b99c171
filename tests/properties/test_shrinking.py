"""A planted bug is reported as the smallest response that triggers it.

Each bug reads an optional member unconditionally (inside a list item, where the output has
a list): the code a downstream suite tests with ``botocontract.strategy``. Hypothesis's
``find`` draws until the bug fires and shrinks what it found, derandomized, as
``@given`` reports it; the result must be the known minimal response, or within a few bytes of
it (a leaf value shrunk less far than it could be).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import pytest
from botocontract._strategy import primitives as prim
from botocontract._strategy.lookup import registry
from botocontract.constants import DEFAULT_BUDGET
from botocontract.runtime.nodes import StringNode
from botocontract.strategies import jsonable, strategy
from hypothesis import HealthCheck, Phase, find, given, settings

if TYPE_CHECKING:
    from collections.abc import Callable

# As a downstream suite runs it in CI: the same examples every run, nothing remembered.
SETTINGS = settings(
    derandomize=True,
    database=None,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SLACK_BYTES = 4


def reads_each(key: str, member: str) -> Callable[[dict[str, Any]], None]:
    def summarise(response: dict[str, Any]) -> None:
        for item in response.get(key, []):
            item[member]  # the bug: an optional member read as if it were always there

    return summarise


def public_ips(response: dict[str, Any]) -> None:
    for reservation in response.get("Reservations", []):
        for instance in reservation.get("Instances", []):
            instance["PublicIpAddress"]


def source_identity(response: dict[str, Any]) -> None:
    if "Credentials" in response:  # STS outputs have no lists: a nested optional member
        response["SourceIdentity"]


@dataclass(frozen=True)
class PlantedBug:
    service: str
    shape: str
    code: Callable[[dict[str, Any]], None]
    minimal: dict[str, Any]

    def fires(self, response: dict[str, Any]) -> bool:
        try:
            self.code(response)
        except KeyError:
            return True
        return False


SHRUNK_INSTANT = datetime(2020, 9, 13, 12, 26, 40, tzinfo=timezone.utc)
BUGS = [
    PlantedBug(
        "ec2", "DescribeInstancesResult", public_ips, {"Reservations": [{"Instances": [{}]}]}
    ),
    PlantedBug(
        "s3",
        "ListObjectsV2Output",
        reads_each("Contents", "Size"),
        {"Contents": [{"Key": ""}]},  # drawn always: botocore's URL-decoding handler reads it
    ),
    PlantedBug(
        "iam",
        "GetAccountAuthorizationDetailsResponse",
        reads_each("UserDetailList", "UserName"),
        {"UserDetailList": [{}]},
    ),
    PlantedBug(
        "dynamodb",
        "ListBackupsOutput",
        reads_each("BackupSummaries", "BackupArn"),
        {"BackupSummaries": [{}]},
    ),
    PlantedBug(
        "lambda", "ListFunctionsResponse", reads_each("Functions", "Runtime"), {"Functions": [{}]}
    ),
    PlantedBug("sqs", "ReceiveMessageResult", reads_each("Messages", "Body"), {"Messages": [{}]}),
    PlantedBug(
        "sts",
        "AssumeRoleResponse",
        source_identity,
        {
            "Credentials": {
                "AccessKeyId": "a" * 16,  # min 16, pattern [\w]*
                "SecretAccessKey": "",
                "SessionToken": "",
                "Expiration": SHRUNK_INSTANT,
            }
        },
    ),
    PlantedBug(
        "codebuild",
        "BatchGetBuildsOutput",
        reads_each("builds", "buildStatus"),
        {"builds": [{}]},
    ),
]


def size(response: Any) -> int:
    return len(json.dumps(jsonable(response), ensure_ascii=False).encode())


def skeleton(value: Any) -> Any:
    """The response with its leaves blanked: which members and items are there."""
    if isinstance(value, dict):
        return {key: skeleton(item) for key, item in value.items()}
    if isinstance(value, list):
        return [skeleton(item) for item in value]
    return None


@pytest.mark.parametrize("bug", BUGS, ids=[bug.service for bug in BUGS])
def test_planted_bug_is_reported_as_the_minimal_response(bug: PlantedBug) -> None:
    reported = find(strategy(bug.service, bug.shape), bug.fires, settings=SETTINGS)
    assert skeleton(reported) == skeleton(bug.minimal)
    assert size(reported) <= size(bug.minimal) + SLACK_BYTES, reported


# --- the size budget ------------------------------------------------------------------------


def members_and_items(value: Any) -> int:
    if isinstance(value, dict):
        return len(value) + sum(members_and_items(item) for item in value.values())
    if isinstance(value, list):
        return len(value) + sum(members_and_items(item) for item in value)
    return 0


WIDE = ("ec2", "DescribeInstancesResult")  # nothing in it is required: all of it is optional


@settings(SETTINGS, max_examples=40)
@given(strategy(*WIDE, budget=30))
def test_a_payload_holds_at_most_its_budget(response: dict[str, Any]) -> None:
    assert members_and_items(response) <= 30


def test_a_larger_budget_reaches_larger_payloads() -> None:
    sizes = []

    @settings(SETTINGS, max_examples=40, phases=[Phase.generate])
    @given(strategy(*WIDE, budget=10 * DEFAULT_BUDGET))
    def collect(response: dict[str, Any]) -> None:
        sizes.append(members_and_items(response))

    collect()
    assert max(sizes) > DEFAULT_BUDGET


# --- readable strings -----------------------------------------------------------------------


def non_empty(text: str) -> bool:
    return len(text) >= 1


@pytest.mark.parametrize("service", ["sts", "codebuild"])
def test_pattern_strings_shrink_to_printable_ascii(service: str) -> None:
    """Where the pattern allows it, the shortest string reported is plain ASCII."""
    found = registry(service)
    patterned = {
        node.pattern: node
        for node in map(found.node, found.factories)
        if isinstance(node, StringNode) and node.pattern and not node.enum
    }
    for node in patterned.values():
        shrunk = find(prim.strings(node), non_empty, settings=SETTINGS)
        assert shrunk.isascii(), (node.pattern, shrunk)
        assert shrunk.isprintable(), (node.pattern, shrunk)


def test_full_unicode_stays_reachable() -> None:
    text = StringNode()
    assert not find(
        prim.strings(text), lambda value: not value.isascii(), settings=SETTINGS
    ).isascii()
