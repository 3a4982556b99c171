"""Every installed botocore service: draw operation inputs and outputs, check them, report gaps.

CI draws one example of the input and of the output of the first two operations of every
service (about a minute on one core); ``BOTOCONTRACT_FULL_SWEEP=1`` draws five of every
operation. The boto3 form must pass botocore's ParamValidator and the emitted JSON Schema,
the wire form drawn with it the wire-form schema, and one labelled invalid payload of each
form must be rejected by that form's schema exactly at the label. A shape that cannot be
generated because a required string cannot be drawn (its pattern is longer than its maximum
length: the model contradicts itself), or only with look-around that random draws almost
never satisfy (generation drops look-around, which ``from_regex`` cannot honour, and filters
by the real pattern), is reported as the skip reason with the string shapes concerned; any
other failure fails the test.
"""

from __future__ import annotations

import contextlib
import os
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import botocore.session
import pytest
from botocontract._strategy.lookup import registry_from_ir
from botocontract._strategy.mutations import Context, Invalid, invalid, pointer
from botocontract._strategy.primitives import ungeneratable
from botocontract._strategy.valid import Compiler
from botocontract.codegen.emit.jsonschema import emit_schema
from botocontract.codegen.load import installed_services, load_installed
from botocontract.runtime.nodes import StringNode
from botocontract.strategies import jsonable
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from jsonschema import Draft202012Validator

if TYPE_CHECKING:
    from botocontract._strategy.forms import FormName
    from botocontract._strategy.registry import Registry

FULL = os.environ.get("BOTOCONTRACT_FULL_SWEEP") == "1"
OPERATIONS_PER_SERVICE = None if FULL else 2
SERVICES = installed_services()
EXAMPLES = 5 if FULL else 1
FORMS: tuple[FormName, ...] = ("boto3", "wire")
# Rules that JSON Schema reports at the object while the label names the member.
AT_PARENT = frozenset({"required", "unknown_member"})
SWEEP = settings(
    max_examples=EXAMPLES,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=list(HealthCheck),
)


@cache
def _session() -> botocore.session.Session:
    return botocore.session.get_session()


def _shapes(service: Any) -> list[tuple[str, str]]:
    operations = list(service.operations.values())[:OPERATIONS_PER_SERVICE]
    pairs = [(op.name, op.input) for op in operations if op.input]
    return pairs + [(op.name, op.output) for op in operations if op.output]


def _ungeneratable(service: Any, nodes: Registry, shape: str) -> list[str]:
    """Reachable strings that cannot be drawn, and why."""
    found = []
    for name in service.reachable((shape,)):
        node = nodes.node(name)
        reason = ungeneratable(node) if isinstance(node, StringNode) else None
        if reason:
            found.append(f"{name}: {reason}")
    return found


def _lookarounds(service: Any, nodes: Registry, shape: str) -> str:
    """Reachable strings whose pattern has look-around: generation drops it, then filters."""
    names = []
    for name in service.reachable((shape,)):
        node = nodes.node(name)
        if isinstance(node, StringNode) and node.pattern and LOOKAROUND.search(node.pattern):
            names.append(name)
    return ", ".join(names)


LOOKAROUND = re.compile(r"\(\?<?[=!]")


def _botocore_errors(model: Any, shape: str, payload: Any) -> str:
    report = ParamValidator().validate(payload, model.shape_for(shape))
    return report.generate_report() if report.has_errors() else ""


@pytest.mark.slow
@pytest.mark.parametrize("name", SERVICES)
def test_sweep_draws_valid_payloads(name: str) -> None:
    service = load_installed(name)
    nodes = registry_from_ir(service)
    compiler = Compiler(nodes, "pair")
    model = _session().get_service_model(name)
    schemas = (emit_schema(service, "boto3"), emit_schema(service, "wire"))
    shapes = _shapes(service)
    gaps = []
    for operation, shape in shapes:
        strategy = compiler.shape(shape)
        if strategy is None:
            reasons = _ungeneratable(service, nodes, shape)
            assert reasons, f"{operation}: {shape}: no payload"
            gaps.append(f"{operation}: {shape} ({'; '.join(reasons)})")
            continue
        try:
            _check(strategy, model, schemas, shape)
        except Unsatisfiable:
            lookarounds = _lookarounds(service, nodes, shape)
            assert lookarounds, f"{operation}: {shape}: unsatisfiable"
            gaps.append(f"{operation}: {shape} (look-around random draws miss: {lookarounds})")
            continue
        for form, schema in zip(FORMS, schemas, strict=True):
            _check_invalid(Context(nodes, form, Compiler(nodes, form)), schema, shape)
    if gaps:
        pytest.skip(f"{name}: cannot generate {', '.join(gaps)}")


def _check(
    strategy: st.SearchStrategy[Any], model: Any, schemas: tuple[Any, Any], shape: str
) -> None:
    boto3_schema, wire_schema = (
        Draft202012Validator({**schema, "$ref": f"#/$defs/{shape}"}) for schema in schemas
    )

    @SWEEP
    @given(strategy)
    def check(pair: tuple[Any, Any]) -> None:
        boto3_form, wire_form = pair
        assert _botocore_errors(model, shape, boto3_form) == ""
        assert _schema_errors(boto3_schema, jsonable(boto3_form)) == []
        assert _schema_errors(wire_schema, wire_form) == []

    check()


def _check_invalid(context: Context, schema: Any, shape: str) -> None:
    validator = Draft202012Validator({**schema, "$ref": f"#/$defs/{shape}"})

    @SWEEP
    @given(invalid(context, shape))
    def check(drawn: Invalid) -> None:
        document = jsonable(drawn.payload) if context.form == "boto3" else drawn.payload
        label = drawn.violation
        at_parent = label.rule in AT_PARENT or label.on_key  # propertyNames: the map
        place = label.path.rsplit("/", 1)[0] if at_parent else label.path
        assert {pointer(e.absolute_path) for e in validator.iter_errors(document)} == {place}

    with contextlib.suppress(Unsatisfiable):  # nothing to break: a document, a raw body
        check()


def _schema_errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(document)]
