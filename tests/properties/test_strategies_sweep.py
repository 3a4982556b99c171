"""Installed botocore services: draw operation inputs and outputs, check them, report gaps.

Loading a model into the IR costs about a second of CPU per service, so CI sweeps a fixed
sample (every ``STRIDE``-th service, plus services whose models exercise recursion, unions,
documents, blobs and rest protocols) and draws one example of the input and output of two
operations each; ``BOTOCONTRACT_FULL_SWEEP=1`` sweeps every installed service, every
operation, five examples each. The boto3 form must pass botocore's ParamValidator and the emitted
JSON Schema, the wire form drawn with it the wire-form schema. A shape that cannot be
generated only because its pattern needs look-around (which Hypothesis's ``from_regex`` does
not support) is a known gap, reported as the skip reason; any other failure fails the test.
"""

from __future__ import annotations

import contextlib
import os
import re
from functools import cache
from typing import Any, Literal

import botocore.session
import pytest
from botocore.validate import ParamValidator
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from jsonschema import Draft202012Validator

from codegen.emit.jsonschema import emit_schema
from codegen.load import installed_services, load_installed
from contracts._strategy_lookup import registry_from_ir
from contracts._strategy_mutations import Context, Invalid, invalid, pointer
from contracts._strategy_valid import Compiler
from contracts.strategies import jsonable

FULL = os.environ.get("BOTOCONTRACT_FULL_SWEEP") == "1"
OPERATIONS_PER_SERVICE = None if FULL else 2
STRIDE = 12
# Services with recursion (dynamodb), unions and documents (bedrock-agent-runtime), blobs
# and rest-json (lambda), rest-xml (s3), query (sqs), and the biggest model (ec2).
ALWAYS = ("dynamodb", "bedrock-agent-runtime", "lambda", "s3", "sqs", "ec2", "codebuild")
SERVICES = installed_services()
SWEPT = SERVICES if FULL else sorted(set(SERVICES[::STRIDE]) | (set(ALWAYS) & set(SERVICES)))
EXAMPLES = 5 if FULL else 1
FORMS: tuple[Literal["boto3"], Literal["wire"]] = ("boto3", "wire")
# Rules that JSON Schema reports at the object while the label names the member.
AT_PARENT = frozenset({"required", "unknown_member"})
LOOKAROUND = re.compile(r"\(\?<?[=!]")
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


def _needs_lookaround(service: Any, shape: str) -> bool:
    return any(
        service.shapes[name].pattern and LOOKAROUND.search(_translated(service, name))
        for name in service.reachable((shape,))
    )


def _translated(service: Any, name: str) -> str:
    node = registry_from_ir(service).node(name)
    return getattr(node, "pattern", None) or ""


def _botocore_errors(model: Any, shape: str, payload: Any) -> str:
    report = ParamValidator().validate(payload, model.shape_for(shape))
    return report.generate_report() if report.has_errors() else ""


@pytest.mark.slow
@pytest.mark.parametrize("name", SWEPT)
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
        assert strategy is not None, f"{operation}: {shape} has no finite payload"
        try:
            _check(strategy, model, schemas, shape)
            for form, schema in zip(FORMS, schemas, strict=True):
                _check_invalid(Context(nodes, form, Compiler(nodes, form)), schema, shape)
        except Unsatisfiable:
            if not _needs_lookaround(service, shape):
                raise
            gaps.append(f"{operation}: {shape}")
    if gaps:
        pytest.skip(f"{name}: patterns with look-around, cannot generate {', '.join(gaps)}")


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
        place = label.path.rsplit("/", 1)[0] if label.rule in AT_PARENT else label.path
        assert {pointer(e.absolute_path) for e in validator.iter_errors(document)} == {place}

    with contextlib.suppress(Unsatisfiable):  # nothing to break (a document), or a known gap
        check()


def _schema_errors(validator: Draft202012Validator, document: Any) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message[:200]}" for e in validator.iter_errors(document)]
