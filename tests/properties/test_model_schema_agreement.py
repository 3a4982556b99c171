"""The pydantic models and the boto3-form JSON Schema give the same verdict on a payload.

Two corpora: a labelled one, where each constraint kind of CodeBuild's model is broken once on
purpose (and both must reject, at the same place), and Hypothesis-drawn single-point mutations
of the seed response (both must agree, whatever the verdict). Every disagreement is listed in
the assertion message; the documented ones (integral floats, numbers past the year 9999; see
docs/models.md) are kept out of the drawn values and pinned by tests of their own, so that a
change either way is noticed.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from botocontract.schemas import load_schema, shape_validator
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seeds" / "batch_get_builds.example-output.json"
Path_ = tuple[str | int, ...]


# --- valid documents, one per shape the corpus breaks ----------------------------------------


def seed_output() -> dict[str, Any]:
    seed = json.loads(SEED.read_text(encoding="utf-8"))
    return {key: value for key, value in seed.items() if key != "ResponseMetadata"}


PROJECT: dict[str, Any] = {
    "name": "demo-project",
    "description": "builds the demo",
    "source": {"type": "GITHUB", "location": "https://github.com/o/r", "gitCloneDepth": 1},
    "artifacts": {"type": "NO_ARTIFACTS"},
    "environment": {
        "type": "LINUX_CONTAINER",
        "image": "aws/codebuild/standard:7.0",
        "computeType": "BUILD_GENERAL1_SMALL",
        "environmentVariables": [{"name": "STAGE", "value": "ci"}],
    },
    "timeoutInMinutes": 60,
    "queuedTimeoutInMinutes": 480,
    "tags": [{"key": "team", "value": "ci"}],
    "created": 1479832474.764,
}
DOCUMENTS: dict[str, Any] = {
    "BatchGetBuildsOutput": seed_output,
    "BatchGetBuildsInput": lambda: {"ids": ["p:1", "p:2"]},
    "Project": lambda: copy.deepcopy(PROJECT),
}


# --- the labelled corpus -------------------------------------------------------------------

_DELETE = object()


@dataclass(frozen=True)
class Mutation:
    """One constraint broken once: ``value`` put at ``path`` (or the key deleted)."""

    kind: str  # the JSON Schema keyword (or trait) it breaks
    shape: str
    path: Path_
    value: Any

    @property
    def label(self) -> str:
        where = "/".join(str(step) for step in self.path)
        shown = "<deleted>" if self.value is _DELETE else json.dumps(self.value)[:40]
        return f"{self.kind}: {self.shape}/{where} = {shown}"

    def apply(self) -> Any:
        document = DOCUMENTS[self.shape]()
        return put(document, self.path, self.value)


def put(document: Any, path: Path_, value: Any) -> Any:
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    if value is _DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return document


B0 = ("builds", 0)
CORPUS = [
    Mutation("required", "BatchGetBuildsInput", ("ids",), _DELETE),
    Mutation("required", "Project", ("environment", "image"), _DELETE),
    Mutation("required", "Project", ("environment", "environmentVariables", 0, "value"), _DELETE),
    Mutation("enum", "BatchGetBuildsOutput", (*B0, "buildStatus"), "DONE"),
    Mutation("enum", "BatchGetBuildsOutput", (*B0, "phases", 0, "phaseStatus"), "succeeded"),
    Mutation("enum", "Project", ("source", "type"), "SVN"),
    Mutation("minLength", "BatchGetBuildsOutput", (*B0, "id"), ""),
    Mutation("minLength", "Project", ("name",), "d"),
    Mutation("maxLength", "Project", ("description",), "d" * 256),
    Mutation("maxLength", "Project", ("tags", 0, "key"), "k" * 128),
    Mutation("minItems", "BatchGetBuildsInput", ("ids",), []),
    Mutation("maxItems", "BatchGetBuildsInput", ("ids",), [f"p:{i}" for i in range(101)]),
    Mutation("maxItems", "Project", ("tags",), [{"key": f"k{i}", "value": ""} for i in range(51)]),
    Mutation("minimum", "Project", ("timeoutInMinutes",), 4),
    Mutation("minimum", "Project", ("source", "gitCloneDepth"), -1),
    Mutation("maximum", "Project", ("timeoutInMinutes",), 2161),
    Mutation("maximum", "Project", ("queuedTimeoutInMinutes",), 481),
    Mutation("pattern", "Project", ("name",), "!!"),
    Mutation("additionalProperties", "BatchGetBuildsOutput", (*B0, "buildState"), "x"),
    Mutation("additionalProperties", "BatchGetBuildsOutput", ("nextToken",), "x"),
    Mutation("additionalProperties", "Project", ("environment", "gpu"), True),
    Mutation("type", "BatchGetBuildsOutput", (*B0, "buildNumber"), "1"),
    Mutation("type", "BatchGetBuildsOutput", (*B0, "buildComplete"), 1),
    Mutation("type", "BatchGetBuildsOutput", (*B0, "phases", 1, "durationInSeconds"), 1.5),
    Mutation("type", "BatchGetBuildsOutput", (*B0, "phases"), {}),
    Mutation("type", "BatchGetBuildsOutput", (*B0, "logs"), "logs"),
    Mutation("type", "Project", ("name",), 7),
    Mutation("null", "BatchGetBuildsOutput", (*B0, "initiator"), None),
    Mutation("null", "BatchGetBuildsOutput", (*B0, "environment"), None),
    Mutation("null", "BatchGetBuildsInput", ("ids", 0), None),
    Mutation("timestamp", "BatchGetBuildsOutput", (*B0, "startTime"), "2016-11-22"),
    Mutation("timestamp", "BatchGetBuildsOutput", (*B0, "endTime"), "1479832474"),
    Mutation("timestamp", "BatchGetBuildsOutput", (*B0, "phases", 0, "endTime"), "yesterday"),
    Mutation("timestamp", "BatchGetBuildsOutput", (*B0, "phases", 0, "startTime"), False),
]
# Keywords of the boto3-form schema that a JSON payload can break. ``propertyNames`` (map keys
# of the unconstrained ``String`` shape) cannot be broken by JSON, whose keys are strings.
BREAKABLE = frozenset(
    {
        "required",
        "enum",
        "minLength",
        "maxLength",
        "minItems",
        "maxItems",
        "minimum",
        "maximum",
        "pattern",
        "additionalProperties",
        "type",
    }
)


def model_of(models: ModuleType, shape: str) -> type[BaseModel]:
    model: type[BaseModel] = getattr(models, shape)
    return model


def model_errors(models: ModuleType, shape: str, payload: Any) -> list[Path_]:
    try:
        model_of(models, shape).model_validate(payload)
    except ValidationError as error:
        return [tuple(detail["loc"]) for detail in error.errors()]
    return []


def schema_errors(shape: str, payload: Any) -> list[Path_]:
    validator = shape_validator("codebuild", shape, "boto3")
    return [tuple(error.absolute_path) for error in validator.iter_errors(payload)]


def keywords_in_use() -> set[str]:
    found: set[str] = set()

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            found.update(key for key in node if key != "properties")
            for key, value in node.items():
                walk(list(value.values()) if key == "properties" else value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(load_schema("codebuild", "boto3")["$defs"])
    return found


def test_corpus_breaks_every_constraint_kind_in_the_model() -> None:
    in_model = keywords_in_use() & BREAKABLE
    assert in_model == BREAKABLE  # CodeBuild uses every one of them
    covered = {mutation.kind for mutation in CORPUS}
    assert in_model - covered == set()
    assert {"null", "timestamp"} <= covered


@pytest.mark.parametrize("shape", sorted(DOCUMENTS))
def test_unmutated_documents_are_valid_for_both(models: ModuleType, shape: str) -> None:
    document = DOCUMENTS[shape]()
    assert schema_errors(shape, document) == []
    assert model_errors(models, shape, document) == []


def test_labelled_corpus_same_verdict_same_place(models: ModuleType) -> None:
    disagreements = []
    for mutation in CORPUS:
        payload = mutation.apply()
        by_schema = schema_errors(mutation.shape, payload)
        by_model = model_errors(models, mutation.shape, payload)
        if not by_schema or not by_model:
            disagreements.append(f"{mutation.label}: schema {by_schema}, model {by_model}")
        elif not _same_place(mutation.path, by_schema, by_model):
            disagreements.append(f"{mutation.label}: at {by_schema} vs {by_model}")
    assert disagreements == [], "\n".join(disagreements)


def _same_place(path: Path_, by_schema: list[Path_], by_model: list[Path_]) -> bool:
    """Both point at the mutated member or (missing/unknown member) at its parent."""
    places = {path, path[:-1]}
    model_places = {loc[: len(path)] for loc in by_model} | {
        loc[: len(path) - 1] for loc in by_model
    }
    return any(loc in places for loc in by_schema) and bool(places & model_places)


# --- drawn single-point mutations of the seed --------------------------------------------


def all_paths(node: Any, prefix: Path_ = ()) -> list[Path_]:
    paths = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            paths.extend(all_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths.extend(all_paths(value, (*prefix, index)))
    return paths


SEED_PATHS = all_paths(seed_output())
# JSON values of every type, near misses of CodeBuild's constraints, and valid lookalikes.
VALUES = st.sampled_from(
    [
        None,
        True,
        False,
        0,
        -1,
        7,
        2.5,
        "",
        "x",
        "1",
        "SUCCEEDED",
        "CLIENT_ERROR",
        "2016-11-17",
        "2016-11-17T16:44:41Z",
        "2016-11-17 16:44:41.869000+00:00",
        1479832474.764,
        [],
        ["x"],
        [{}],
        {},
        {"x": 1},
        "a" * 300,
    ]
)
EDITS = st.one_of(
    st.tuples(st.sampled_from(SEED_PATHS), VALUES),
    st.tuples(st.sampled_from(SEED_PATHS), st.just(_DELETE)),
    st.tuples(st.sampled_from(SEED_PATHS), st.just("unknown member")),
)


def edit(path: Path_, value: Any) -> Any:
    document = seed_output()
    if value == "unknown member":
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if isinstance(parent, dict):
            parent["notInTheModel"] = 1
            return document
        value = {"notInTheModel": 1}
    if value is _DELETE and isinstance(path[-1], int):
        value = None  # a list item cannot be left out; put a null instead
    return put(document, path, value)


@given(EDITS)
def test_drawn_mutations_same_verdict(models: ModuleType, change: tuple[Path_, Any]) -> None:
    payload = edit(*change)
    by_schema = schema_errors("BatchGetBuildsOutput", payload)
    by_model = model_errors(models, "BatchGetBuildsOutput", payload)
    assert bool(by_schema) == bool(by_model), f"{change}: schema {by_schema}, model {by_model}"


# --- the documented disagreements -----------------------------------------------------------


def test_integral_floats_are_integers_only_for_the_schema(models: ModuleType) -> None:
    """JSON Schema counts 2.0 as an integer; the model (and botocore's validator) do not."""
    payload = put(seed_output(), (*B0, "buildNumber"), 2.0)
    assert schema_errors("BatchGetBuildsOutput", payload) == []
    assert model_errors(models, "BatchGetBuildsOutput", payload) == [(*B0, "buildNumber")]


def test_timestamps_beyond_datetime_are_numbers_only_for_the_schema(models: ModuleType) -> None:
    """Any number is epoch seconds to the schema; a ``datetime`` ends in the year 9999."""
    payload = put(seed_output(), (*B0, "endTime"), 1e300)
    assert schema_errors("BatchGetBuildsOutput", payload) == []
    assert model_errors(models, "BatchGetBuildsOutput", payload) == [(*B0, "endTime")]
