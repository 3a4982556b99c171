"""The generated pydantic models never backtrack without bound on a botocore ``pattern``.

Python's ``re`` takes seconds on some patterns and short strings (ecr's
``ScanningRepositoryFilterValue``: 4-6 s at 23 characters). Every installed pattern is checked
for the engine the models give it: Rust's regex crate (finite automata, linear in the input)
where the pattern's Rust form compiles, else fancy-regex with its backtracking counted and
capped; none is left on Python's ``re``. Then the known slow patterns run, through models
generated from botocore's own shapes, on inputs crafted to backtrack at the shapes' maximum
lengths: the model's own validator holds them on Rust's engine, and a pattern that needs
fancy-regex stops at its backtracking cap with a verdict of its own.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import TYPE_CHECKING, Any

import botocore.loaders
import pytest
from botocontract.codegen.emit._pydantic_patterns import rust_pattern
from botocontract.codegen.regex import translate, translate_for_rust
from botocontract.runtime.models import BoundedPattern, ShapeModel
from pydantic import TypeAdapter, ValidationError
from pydantic_core import SchemaError, SchemaValidator, core_schema
from toy_service import one_operation_model

from tests.model_packages import emit_package

if TYPE_CHECKING:
    from types import ModuleType

# (service, shape, adversarial input of at most the shape's max length); Python's re backtracks
# exponentially (or to a high power) on each before it fails.
SLOW = [
    ("ecr", "ScanningRepositoryFilterValue", "a" * 254 + "!"),
    ("events", "HeaderValue", "a" + " " * 510 + "\x00"),
    ("securitylake", "S3URI", "s3://bucket" + "/a" * 500 + "\n"),
]
# fsx's ResourceARN needs lookarounds (fancy-regex): `(...[a-z0-9].*(?<!-)):){4}` splits the
# colons of this input every way before it fails.
BOUNDED_SLOW = ("fsx", "ResourceARN", "arn:aws:fsx:us-east-1:123456789012:" + "a:" * 200 + "\n")
# Short probes on which Python's re is quick whatever the pattern: the Rust form must agree.
PROBES = ["", "a", "Z9", "ab-c_d.e", "x\n", "\n", "a b", "arn:aws:s3", "é", "ab\r\n"]
LOOKAROUND_OR_BACKREFERENCE = re.compile(r"\(\?<?[=!]|\\[1-9]")


@cache
def installed_patterns() -> dict[str, tuple[str, str]]:
    """Every distinct pattern of every installed botocore service -> one (service, shape)."""
    loader = botocore.loaders.Loader()
    found: dict[str, tuple[str, str]] = {}
    for service in loader.list_available_services("service-2"):
        for name, shape in loader.load_service_model(service, "service-2")["shapes"].items():
            if shape.get("type") == "string" and "pattern" in shape:
                found.setdefault(shape["pattern"], (service, name))
    return found


def botocore_shape(service: str, shape: str) -> dict[str, Any]:
    shapes = botocore.loaders.Loader().load_service_model(service, "service-2")["shapes"]
    return dict(shapes[shape])


def rust_engine_validator(pattern: str) -> SchemaValidator:
    return SchemaValidator(core_schema.str_schema(pattern=pattern, regex_engine="rust-regex"))


def test_every_installed_pattern_runs_on_a_linear_or_bounded_engine() -> None:
    patterns = installed_patterns()
    assert len(patterns) > 4000
    on_rust, bounded = 0, []
    for pattern, where in patterns.items():
        rust = rust_pattern(pattern)
        if rust is None:
            bounded.append(where)
            why = LOOKAROUND_OR_BACKREFERENCE.search(translate(pattern))
            if why is None:  # then only Rust's size limit refused it (a long counted repetition)
                with pytest.raises(SchemaError, match="size limit"):
                    rust_engine_validator(translate_for_rust(pattern))
            BoundedPattern(translate(pattern))  # fancy-regex compiles it
            continue
        on_rust += 1
        validator = rust_engine_validator(rust)
        assert "RustRegex" in repr(validator), where
        python = re.compile(translate(pattern))
        for probe in PROBES:
            assert validator.isinstance_python(probe) == bool(python.search(probe)), (where, probe)
    # Measured with botocore 1.43.11: 4,122 of 4,297 on Rust, 175 bounded. The bounded ones are
    # those Rust cannot express; a new pattern Rust runs lands in the first count.
    assert on_rust >= 0.95 * len(patterns), bounded


def test_models_compile_no_pattern_with_pythons_re() -> None:
    assert ShapeModel.model_config.get("regex_engine") == "rust-regex"


# --- the known slow patterns, through generated models ----------------------------------------


@pytest.fixture(scope="module")
def slow_models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """One structure whose members target botocore's own slow shapes (pattern, min, max)."""
    cases = [*SLOW, BOUNDED_SLOW]
    shapes: dict[str, Any] = {
        f"{service}{shape}": botocore_shape(service, shape) for service, shape, _ in cases
    }
    members = {f"{service}{shape}": {"shape": f"{service}{shape}"} for service, shape, _ in cases}
    shapes["PutInput"] = {"type": "structure", "members": members}
    model = one_operation_model("Slow", "Put", "PutInput", shapes)
    directory = tmp_path_factory.mktemp("slow")
    path = directory / "slow.service-2.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    return emit_package(str(path), directory, "slow_pattern_models")


@pytest.mark.parametrize(("service", "shape", "value"), SLOW, ids=[s for s, _, _ in SLOW])
def test_slow_pattern_decided_by_rust_without_a_python_call(
    slow_models: ModuleType, service: str, shape: str, value: str
) -> None:
    field = f"{service}{shape}"
    botocore_max = botocore_shape(service, shape)["max"]
    assert len(value) <= botocore_max
    rust = rust_pattern(botocore_shape(service, shape)["pattern"])
    assert rust is not None
    alias = TypeAdapter(getattr(slow_models, field))
    shown = repr(alias.validator)
    assert f"pattern: {json.dumps(rust)}" in shown
    assert "RustRegex" in shown
    assert "PythonRe" not in shown
    slow_models.PutInput.model_rebuild()
    model = repr(slow_models.PutInput.__pydantic_validator__)
    assert f"pattern: {json.dumps(rust, ensure_ascii=False)}" in model
    assert "PythonRe" not in model
    # Rust's syntax has no lookaround or backreference: an automaton decides, O(pattern x input)
    with pytest.raises(ValidationError) as caught:
        slow_models.PutInput.model_validate({field: value})
    assert [e["type"] for e in caught.value.errors()] == ["string_pattern_mismatch"]


def test_pattern_rust_cannot_run_stops_at_the_backtracking_cap(slow_models: ModuleType) -> None:
    service, shape, value = BOUNDED_SLOW
    field = f"{service}{shape}"
    assert len(value) <= botocore_shape(service, shape)["max"]
    assert rust_pattern(botocore_shape(service, shape)["pattern"]) is None
    with pytest.raises(ValidationError) as caught:
        slow_models.PutInput.model_validate({field: value})
    # fancy-regex counted 1,000,000 backtracking steps and gave up: undecided, not a hang
    assert [e["type"] for e in caught.value.errors()] == ["string_pattern_undecided"]


def test_bounded_pattern_keeps_the_verdicts_of_pythons_re(slow_models: ModuleType) -> None:
    field = "fsxResourceARN"
    good = "arn:aws:fsx:us-east-1:123456789012:file-system/fs-0123456789abcdef0"
    slow_models.PutInput.model_validate({field: good})
    with pytest.raises(ValidationError) as caught:
        slow_models.PutInput.model_validate({field: "arn:aws:s3:::bucket"})
    assert [e["type"] for e in caught.value.errors()] == ["string_pattern_mismatch"]
