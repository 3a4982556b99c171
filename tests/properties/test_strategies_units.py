"""The strategies' building blocks: the emitted module, lookup, recursion, unions, documents,
blobs and timestamps, each checked against botocore or the JSON Schema."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import types
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import botocontract
import botocore.session
import pytest
from botocontract._strategy import primitives as prim
from botocontract._strategy.lookup import registry, registry_from_ir
from botocontract._strategy.valid import MAX_DEPTH
from botocontract.codegen.emit.strategies import render_module
from botocontract.codegen.load import load_installed
from botocontract.errors import UnknownShapeError
from botocontract.runtime.nodes import StringNode
from botocontract.schemas import shape_validator
from botocontract.strategies import (
    RULES,
    Invalid,
    invalid_strategy,
    jsonable,
    paired_strategy,
    strategy,
)
from botocore.parsers import create_parser
from botocore.utils import parse_timestamp
from botocore.validate import ParamValidator
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable


def test_public_names_resolve_from_the_package() -> None:
    assert botocontract.strategy is strategy
    assert botocontract.invalid_strategy is invalid_strategy
    assert botocontract.Invalid is Invalid


# --- the emitted module -----------------------------------------------------------------------


def test_emitted_module_builds_the_same_nodes_as_the_ir() -> None:
    """One fact in one place: exec the rendered source, compare with the run-time path."""
    service = load_installed("codebuild")
    namespace: dict[str, Any] = {}
    exec(compile(render_module(service), "strategies.py", "exec"), namespace)  # noqa: S102
    from_ir = registry_from_ir(service)
    assert list(namespace["SHAPES"]) == list(service.shapes)
    for name, function in namespace["SHAPES"].items():
        assert function() == from_ir.node(name), name


def test_emitted_module_shows_each_constraint() -> None:
    source = render_module(load_installed("codebuild"))
    project_name = re.compile(
        r"def ProjectName\(\) -> _s.Node:\n(    # botocore pattern: .*\n)?"
        r'    return _s.string\(min_size=2, max_size=150, pattern=r"[^"]+\{1,149\}"\)\n'
    )
    assert project_name.search(source)
    assert (
        "def BuildTimeOut() -> _s.Node:\n    return _s.integer(min_value=5, max_value=2160)\n"
        in (source)
    )
    assert '        _s.member("projectName", "NonEmptyString", required=True),\n' in source
    assert 'def StatusType() -> _s.Node:\n    return _s.enum("SUCCEEDED",' in source


@pytest.mark.parametrize("seed", ["0", "1"])
def test_emitted_module_is_deterministic(seed: str) -> None:
    code = (
        "import sys; from botocontract.codegen.load import load_installed; "
        "from botocontract.codegen.emit.strategies import emit_files; "
        "sys.stdout.buffer.write(emit_files(load_installed('codebuild'))['strategies.py'])"
    )
    env = {**os.environ, "PYTHONHASHSEED": seed}
    output = subprocess.run(  # noqa: S603 - our own interpreter, a fixed script
        [sys.executable, "-c", code], capture_output=True, check=True, env=env
    ).stdout
    assert output == render_module(load_installed("codebuild")).encode()


# --- lookup -----------------------------------------------------------------------------------


def test_unknown_shape_names_close_matches() -> None:
    with pytest.raises(UnknownShapeError, match="did you mean Build"):
        strategy("codebuild", "Buidl")


def test_unknown_form_is_refused() -> None:
    with pytest.raises(ValueError, match="form must be one of boto3, wire"):
        strategy("codebuild", "Build", form="json")  # type: ignore[arg-type]


# --- recursion, unions, documents, blobs --------------------------------------------------------


def depth(value: Any) -> int:
    if isinstance(value, dict):
        return 1 + max((depth(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return 1 + max((depth(v) for v in value), default=0)
    return 0


def test_recursive_shapes_are_found() -> None:
    dynamodb = registry("dynamodb")
    assert dynamodb.is_recursive("AttributeValue")
    assert dynamodb.is_recursive("ListAttributeValue")
    assert not dynamodb.is_recursive("GetItemInput")
    assert not registry("codebuild").is_recursive("Build")


@settings(max_examples=40)
@given(strategy("dynamodb", "AttributeValue"))
def test_recursion_is_bounded_and_valid(value: dict[str, Any]) -> None:
    # AttributeValue -> L/M -> AttributeValue: two levels of nesting per recursion step
    assert depth(value) <= 2 * (MAX_DEPTH + 1)
    model = botocore.session.get_session().get_service_model("dynamodb")
    report = ParamValidator().validate(value, model.shape_for("AttributeValue"))
    assert not report.has_errors(), report.generate_report()


# --- structures -----------------------------------------------------------------------------


def member_order(shape: str) -> list[str]:
    model = botocore.session.get_session().get_service_model("codebuild")
    return list(model.shape_for(shape).members)


@settings(max_examples=60)
@given(strategy("codebuild", "Build"))
def test_members_come_in_the_model_order(build: dict[str, Any]) -> None:
    """Readable examples: a drawn Build lists its members as the model (and the docs) do."""
    order = member_order("Build")
    assert list(build) == sorted(build, key=order.index)


def test_optional_members_shrink_away() -> None:
    """A failing Build shrinks to the members the failure needs and nothing else."""
    shrunk = find(
        strategy("codebuild", "Build"),
        lambda build: build.get("buildStatus") == "FAILED" and len(build.get("phases", [])) > 0,
        settings=settings(database=None, derandomize=True, max_examples=500),
    )
    assert shrunk == {"buildStatus": "FAILED", "phases": [{}]}


UNION_SERVICE = "bedrock-agent-runtime"


def union_and_document_shapes() -> list[str]:
    service = load_installed(UNION_SERVICE)
    unions = [name for name, shape in service.shapes.items() if shape.union][:3]
    documents = [name for name, shape in service.shapes.items() if shape.document][:2]
    return unions + documents


@pytest.mark.parametrize("shape", union_and_document_shapes())
def test_unions_have_one_member_and_documents_are_json(shape: str) -> None:
    node = registry(UNION_SERVICE).node(shape)
    validator = shape_validator(UNION_SERVICE, shape, "boto3")

    @settings(max_examples=15)
    @given(strategy(UNION_SERVICE, shape))
    def check(value: Any) -> None:
        if node.kind == "structure":
            assert len(value) == 1
        json.dumps(jsonable(value))
        assert list(validator.iter_errors(jsonable(value))) == []

    check()


@pytest.mark.parametrize("shape", union_and_document_shapes()[:3])
def test_union_violations_are_drawn_and_rejected(shape: str) -> None:
    validator = shape_validator(UNION_SERVICE, shape, "boto3")
    seen: set[str] = set()

    @settings(max_examples=60)
    @given(invalid_strategy(UNION_SERVICE, shape))
    def check(invalid: Invalid) -> None:
        seen.add(invalid.violation.rule)
        assert list(validator.iter_errors(jsonable(invalid.payload)))

    check()
    assert "union_zero_members" in seen


def test_documents_have_no_invalid_payloads() -> None:
    document = union_and_document_shapes()[-1]
    assert registry(UNION_SERVICE).node(document).kind == "document"
    with pytest.raises(Unsatisfiable, match="empty strategy"):
        settings(max_examples=5)(given(invalid_strategy(UNION_SERVICE, document))(lambda _: None))()


@settings(max_examples=20)
@given(paired_strategy("kms", "GenerateDataKeyResponse"))
def test_blobs_are_bytes_and_base64_and_parse_back(pair: tuple[Any, Any]) -> None:
    boto3_form, wire_form = pair
    model = botocore.session.get_session().get_service_model("kms")
    operation = model.operation_model("GenerateDataKey")
    if "Plaintext" in boto3_form:
        assert isinstance(boto3_form["Plaintext"], bytes)
        assert 1 <= len(boto3_form["Plaintext"]) <= 4096
        assert isinstance(wire_form["Plaintext"], str)
    body = {"body": json.dumps(wire_form).encode(), "headers": {}, "status_code": 200}
    parsed = create_parser("json").parse(body, operation.output_shape)
    parsed.pop("ResponseMetadata", None)
    assert parsed == boto3_form


@settings(max_examples=40)
@given(invalid_strategy("kms", "GenerateDataKeyResponse", form="wire"))
def test_blob_size_violations_are_seen_by_the_schema(invalid: Invalid) -> None:
    validator = shape_validator("kms", "GenerateDataKeyResponse", "wire")
    assert list(validator.iter_errors(invalid.payload)), invalid


@given(prim.timestamps())
def test_timestamps_are_utc_milliseconds_and_parse_back_in_every_format(value: datetime) -> None:
    assert value.tzinfo is timezone.utc
    assert value.microsecond % 1000 == 0
    for render in (prim.epoch_seconds, prim.iso8601):
        assert parse_timestamp(render(value)) == value


@given(prim.timestamps(whole_seconds=True))
def test_rfc822_timestamps_have_whole_seconds(value: datetime) -> None:
    assert parse_timestamp(prim.rfc822(value)) == value


@given(st.sampled_from(["KeyInput", "ValueInput", "ProjectName", "FleetName"]), st.data())
def test_pattern_strings_match_and_fit_their_bounds(shape: str, data: st.DataObject) -> None:
    node = registry("codebuild").node(shape)
    value = data.draw(strategy("codebuild", shape))
    assert getattr(node, "regex").search(value)  # noqa: B009
    assert getattr(node, "min_size") <= len(value) <= getattr(node, "max_size")  # noqa: B009


def test_lookup_prefers_the_generated_module(monkeypatch: pytest.MonkeyPatch) -> None:
    """What was generated (and reviewed) is what runs; the IR is only the fallback."""
    module = types.ModuleType("botocontract.generated.codebuild.strategies")
    exec(compile(render_module(load_installed("codebuild")), "strategies.py", "exec"), vars(module))  # noqa: S102
    marker = StringNode(min_size=3, max_size=3, pattern="[a-z]+")
    namespace = vars(module)
    namespace["SHAPES"] = {**namespace["SHAPES"], "ProjectName": lambda: marker}
    monkeypatch.setitem(sys.modules, "botocontract.generated.codebuild.strategies", module)
    registry.cache_clear()
    try:
        assert registry("codebuild").node("ProjectName") is marker
        assert registry("codebuild").node("Build") == registry_from_ir(
            load_installed("codebuild")
        ).node("Build")
    finally:
        registry.cache_clear()


def test_public_surface_is_exactly_all() -> None:
    import botocontract.strategies as module  # noqa: PLC0415

    public = {
        name
        for name, value in vars(module).items()
        if not name.startswith("_") and getattr(value, "__module__", None) == module.__name__
    }
    assert public <= set(module.__all__)
    assert set(module.__all__) == {
        "RULES",
        "Invalid",
        "Violation",
        "invalid_strategy",
        "jsonable",
        "paired_strategy",
        "strategy",
    }
    assert all(hasattr(module, name) for name in module.__all__)


def test_readme_names_every_rule_kind() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if f"`{rule}`" not in readme] == []
