"""Rules broken by a map key: each judge rejects the key, and the label says which key.

CodeBuild's one map has unconstrained keys, so these use services whose keys have a
pattern (Lambda's environment variable names), an enum (SQS queue attribute names) or
length bounds (SSM target keys). The JSON Schema reports a bad key at the map
(``propertyNames``), the pydantic model at the key, botocore's ParamValidator only for a
key below its minimum length (it checks no key pattern or enum).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import botocore.session
import pytest
from botocontract._explain import REDACTED
from botocontract._strategy.lookup import registry
from botocontract.runtime.nodes import StringNode
from botocontract.schemas import shape_validator
from botocontract.strategies import Invalid, invalid_strategy, jsonable
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, given, settings
from model_judge import model_places, pointer

from tests.model_packages import emit_package


@dataclass(frozen=True)
class KeyCase:
    service: str
    shape: str
    member: str  # the map member of ``shape``, or "" when ``shape`` is the map
    rules: frozenset[str]  # the rules its keys' shape allows


CASES = [
    KeyCase("lambda", "Environment", "Variables", frozenset({"pattern"})),
    KeyCase("sqs", "SetQueueAttributesRequest", "Attributes", frozenset({"enum"})),
    KeyCase("ssm", "TargetMap", "", frozenset({"too_short", "too_long"})),
]
# Key rules are one of the several kinds an invalid payload draws from; the rest are filtered.
KEY_EXAMPLES = settings(max_examples=60, suppress_health_check=[HealthCheck.filter_too_much])


def parent(path: str) -> str:
    return path.rsplit("/", 1)[0]


def last_key(path: str) -> str:
    return path.rsplit("/", 1)[1].replace("~1", "/").replace("~0", "~")


def resolve(document: Any, path: str) -> Any:
    for part in filter(None, path.split("/")):
        document = document[part.replace("~1", "/").replace("~0", "~")]
    return document


def key_node(service: str, shape: str, member: str) -> StringNode:
    nodes = registry(service)
    node: Any = nodes.node(shape)
    map_shape = node.by_name[member].target if member else shape
    found = nodes.node(nodes.node(map_shape).key)
    assert isinstance(found, StringNode)
    return found


def breaks(node: StringNode, rule: str, key: str) -> bool:
    """Read the key against the model's own constraint, independently of the label."""
    if rule == "pattern":
        return node.regex is not None and node.regex.search(key) is None
    if rule == "enum":
        return key not in node.enum
    if rule == "too_short":
        return len(key) < node.min_size
    return node.max_size is not None and len(key) > node.max_size


@pytest.mark.parametrize("form", ["boto3", "wire"])
@pytest.mark.parametrize("case", CASES, ids=lambda case: case.service)
def test_bad_map_keys_are_drawn_labelled_and_rejected(
    case: KeyCase, form: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    node = key_node(case.service, case.shape, case.member)
    validator = shape_validator(case.service, case.shape, form)
    models = emit_package(case.service, tmp_path_factory.mktemp(form), f"{case.service}_key_models")
    model = getattr(models, case.shape)
    service_model = botocore.session.get_session().get_service_model(case.service)
    botocore_shape = service_model.shape_for(case.shape)
    map_shape = botocore_shape.members[case.member] if case.member else botocore_shape
    secret_keys = bool(map_shape.key.metadata.get("sensitive"))
    seen: set[str] = set()
    drawn = invalid_strategy(case.service, case.shape, form=form)  # type: ignore[arg-type]

    @KEY_EXAMPLES
    @given(drawn.filter(lambda invalid: invalid.violation.on_key))
    def check(invalid: Invalid) -> None:
        label = invalid.violation
        document = jsonable(invalid.payload) if form == "boto3" else invalid.payload
        key = last_key(label.path)
        assert key in resolve(document, parent(label.path)), "the label names a key that is there"
        assert key == label.actual or label.rule in {"too_short", "too_long"}
        assert breaks(node, label.rule, key)
        errors = {pointer(e.absolute_path) for e in validator.iter_errors(document)}
        assert errors == {parent(label.path)}
        model_errors = model_places(model, invalid.payload, form)
        # a key of a sensitive key shape is itself the secret: the model's location hides it
        at = parent(label.path) + "/" + (REDACTED if secret_keys else key)
        assert any(place.startswith(at + "/") for place in model_errors), model_errors
        if label.rule == "too_short" and form == "boto3":
            assert ParamValidator().validate(invalid.payload, botocore_shape).has_errors()
        seen.add(label.rule)

    check()
    assert seen == case.rules


def test_keys_of_codebuild_maps_are_never_broken() -> None:
    """An unconstrained key (ReportStatusCounts' String) has no rule to break."""

    @settings(max_examples=40)
    @given(invalid_strategy("codebuild", "ReportStatusCounts"))
    def check(invalid: Invalid) -> None:
        assert not invalid.violation.on_key

    check()
