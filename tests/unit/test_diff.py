"""The contract diff: every classification rule on small hand-made models, then two real ones.

The toy service has shapes that travel only in requests (``Name``, ``Size``), only in responses
(``Thing``, ``Note``) and in both (``Color``, ``Id``), so each rule is checked for direction:
who a change breaks depends on where the shape travels in the *old* model.
"""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import botocore.model
import pytest
from botocontract.codegen.diff import Change, Diff, diff_services, render_json, render_markdown
from botocontract.codegen.load import build_service, load_model_file

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.codegen import ir

MODELS = Path(__file__).parents[1] / "data" / "models"
OLD_MODEL = MODELS / "codebuild-1.31.0.service-2.json.gz"
NEW_MODEL = MODELS / "codebuild-1.34.100.service-2.json.gz"

Model = dict[str, Any]


def _toy() -> Model:
    structure = {"type": "structure"}
    return {
        "version": "2.0",
        "metadata": {
            "apiVersion": "2020-01-01",
            "protocol": "json",
            "jsonVersion": "1.1",
            "serviceId": "Toy",
            "targetPrefix": "Toy_20200101",
            "endpointPrefix": "toy",
            "signatureVersion": "v4",
        },
        "operations": {
            "PutThing": _op("PutThing", errors=["ThingFault"]),
            "GetThing": _op("GetThing"),
        },
        "shapes": {
            "PutThingInput": {
                **structure,
                "required": ["name"],
                "members": {
                    "name": {"shape": "Name"},
                    "color": {"shape": "Color"},
                    "size": {"shape": "Size"},
                },
            },
            "PutThingOutput": {**structure, "members": {"thing": {"shape": "Thing"}}},
            "GetThingInput": {**structure, "required": ["id"], "members": {"id": {"shape": "Id"}}},
            "GetThingOutput": {
                **structure,
                "members": {"thing": {"shape": "Thing"}, "note": {"shape": "Note"}},
            },
            "Thing": {
                **structure,
                "required": ["id"],
                "members": {
                    "id": {"shape": "Id"},
                    "color": {"shape": "Color"},
                    "tags": {"shape": "TagList"},
                },
            },
            "TagList": {"type": "list", "member": {"shape": "Tag"}},
            "Tag": {"type": "string", "max": 20},
            "Name": {"type": "string", "min": 1, "max": 10, "pattern": "[a-z]+"},
            "Size": {"type": "integer", "min": 1, "max": 100},
            "Note": {"type": "string", "max": 50, "documentation": "<p>A note.</p>"},
            "Color": {"type": "string", "enum": ["RED", "GREEN"]},
            "Id": {"type": "string", "min": 1},
            "Orphan": {"type": "string", "max": 5},
            "ThingFault": {
                **structure,
                "members": {"message": {"shape": "Note"}},
                "exception": True,
                "error": {"code": "ThingFault", "httpStatusCode": 400, "senderFault": True},
            },
        },
    }


def _op(name: str, errors: list[str] | None = None) -> Model:
    return {
        "name": name,
        "http": {"method": "POST", "requestUri": "/"},
        "input": {"shape": f"{name}Input"},
        "output": {"shape": f"{name}Output"},
        "errors": [{"shape": error} for error in errors or []],
    }


def _service(model: Model) -> ir.Service:
    return build_service(model, service="toy", sha256="0" * 64, source="toy")


def _diff(mutate: Callable[[Model], None]) -> Diff:
    old = _toy()
    new = copy.deepcopy(old)
    mutate(new)
    return diff_services(_service(old), _service(new))


def _facts(diff: Diff) -> set[tuple[str, str, str, tuple[str, ...]]]:
    """(kind, path, severity, breaks) of every change that is not documentation."""
    return {
        (c.kind, c.path, c.severity, c.breaks)
        for c in diff.changes
        if c.severity != "documentation"
    }


def _shapes(model: Model) -> dict[str, Any]:
    shapes: dict[str, Any] = model["shapes"]
    return shapes


BREAKS_BOTH = ("responses", "requests")
RESPONSES = ("responses",)
REQUESTS = ("requests",)


def test_the_same_model_has_no_changes() -> None:
    diff = _diff(lambda _: None)
    assert diff.changes == ()
    assert not diff.breaking
    assert "No contract changes." in render_markdown(diff)


# --- operations -----------------------------------------------------------------------------


def test_removed_operation_breaks_requests_and_responses() -> None:
    diff = _diff(lambda m: m["operations"].pop("GetThing"))
    assert _facts(diff) == {("operation-removed", "GetThing", "breaking", BREAKS_BOTH)}


def test_new_operation_is_additive() -> None:
    def add(m: Model) -> None:
        m["operations"]["ListThings"] = _op("ListThings")
        _shapes(m)["ListThingsInput"] = {"type": "structure", "members": {}}
        _shapes(m)["ListThingsOutput"] = {"type": "structure", "members": {}}

    diff = _diff(add)
    assert _facts(diff) == {("operation-added", "ListThings", "additive", ())}
    assert not diff.breaking


def test_output_that_stops_being_sent_breaks_responses() -> None:
    diff = _diff(lambda m: m["operations"]["GetThing"].pop("output"))
    assert _facts(diff) == {("output-removed", "GetThing", "breaking", RESPONSES)}


def test_input_that_goes_away_breaks_requests() -> None:
    diff = _diff(lambda m: m["operations"]["GetThing"].pop("input"))
    assert _facts(diff) == {("input-removed", "GetThing", "breaking", REQUESTS)}


def test_errors_added_and_removed_break_nothing() -> None:
    def move(m: Model) -> None:
        m["operations"]["PutThing"]["errors"] = []
        m["operations"]["GetThing"]["errors"] = [{"shape": "ThingFault"}]

    assert _facts(_diff(move)) == {
        ("error-removed", "PutThing", "compatible", ()),
        ("error-added", "GetThing", "additive", ()),
    }


def test_removed_exception_breaks_code_that_catches_it() -> None:
    def remove(m: Model) -> None:
        m["operations"]["PutThing"]["errors"] = []
        del _shapes(m)["ThingFault"]

    facts = _facts(_diff(remove))
    assert ("exception-removed", "ThingFault", "breaking", RESPONSES) in facts


def test_http_change_is_compatible() -> None:
    def move(m: Model) -> None:
        m["operations"]["GetThing"]["http"]["requestUri"] = "/things"

    diff = _diff(move)
    assert _facts(diff) == {("http-changed", "GetThing", "compatible", ())}
    assert diff.changes[0].old == "POST /"
    assert diff.changes[0].new == "POST /things"


# --- members --------------------------------------------------------------------------------


def test_member_removed_from_a_response_shape_breaks_only_responses() -> None:
    diff = _diff(lambda m: _shapes(m)["Thing"]["members"].pop("tags"))
    assert _facts(diff) == {("member-removed", "Thing.tags", "breaking", RESPONSES)}
    assert diff.changes[0].old == "TagList"
    assert diff.changes[0].operations == ("GetThing", "PutThing")


def test_member_removed_from_a_request_shape_breaks_only_requests() -> None:
    diff = _diff(lambda m: _shapes(m)["PutThingInput"]["members"].pop("size"))
    assert _facts(diff) == {("member-removed", "PutThingInput.size", "breaking", REQUESTS)}


def test_new_optional_member_is_additive() -> None:
    def add(m: Model) -> None:
        _shapes(m)["PutThingInput"]["members"]["weight"] = {"shape": "Size"}

    diff = _diff(add)
    assert _facts(diff) == {("member-added", "PutThingInput.weight", "additive", ())}
    assert diff.changes[0].new == "Size"


def test_new_required_member_breaks_requests() -> None:
    def add(m: Model) -> None:
        _shapes(m)["PutThingInput"]["members"]["weight"] = {"shape": "Size"}
        _shapes(m)["PutThingInput"]["required"].append("weight")

    assert _facts(_diff(add)) == {
        ("required-member-added", "PutThingInput.weight", "breaking", REQUESTS)
    }


def test_new_required_member_of_a_response_breaks_nothing() -> None:
    def add(m: Model) -> None:
        _shapes(m)["GetThingOutput"]["members"]["count"] = {"shape": "Size"}
        _shapes(m)["GetThingOutput"]["required"] = ["count"]

    assert _facts(_diff(add)) == {("required-member-added", "GetThingOutput.count", "additive", ())}


def test_member_becoming_required_breaks_requests_not_responses() -> None:
    def require(m: Model) -> None:
        _shapes(m)["PutThingInput"]["required"].append("color")
        _shapes(m)["Thing"]["required"].append("color")

    assert _facts(_diff(require)) == {
        ("member-now-required", "PutThingInput.color", "breaking", REQUESTS),
        ("member-now-required", "Thing.color", "compatible", ()),
    }


def test_member_that_may_stop_being_sent_breaks_responses() -> None:
    def relax(m: Model) -> None:
        _shapes(m)["Thing"]["required"] = []
        _shapes(m)["PutThingInput"]["required"] = []

    assert _facts(_diff(relax)) == {
        ("member-now-optional", "Thing.id", "breaking", RESPONSES),
        ("member-now-optional", "PutThingInput.name", "additive", ()),
    }


def test_wire_name_change_is_compatible() -> None:
    def rename(m: Model) -> None:
        _shapes(m)["Thing"]["members"]["id"]["locationName"] = "thingId"

    diff = _diff(rename)
    assert _facts(diff) == {("wire-changed", "Thing.id", "compatible", ())}
    assert (diff.changes[0].trait, diff.changes[0].new) == ("location_name", "thingId")


# --- types and constraints ------------------------------------------------------------------


def test_type_change_breaks_the_directions_the_shape_travels_in() -> None:
    def retype(m: Model) -> None:
        _shapes(m)["Size"] = {"type": "string"}  # requests only
        _shapes(m)["Color"] = {"type": "integer"}  # both

    assert _facts(_diff(retype)) == {
        ("type-changed", "Size", "breaking", REQUESTS),
        ("type-changed", "Color", "breaking", BREAKS_BOTH),
    }


def test_integer_to_long_is_a_range_change_not_a_type_change() -> None:
    def widen(m: Model) -> None:
        _shapes(m)["Size"]["type"] = "long"

    diff = _diff(widen)
    assert _facts(diff) == {("constraint-loosened", "Size", "additive", ())}
    assert (diff.changes[0].trait, diff.changes[0].old, diff.changes[0].new) == (
        "type",
        "integer",
        "long",
    )
    old, new = _toy(), _toy()
    _shapes(old)["Size"]["type"] = "long"
    back = diff_services(_service(old), _service(new))
    assert _facts(back) == {("constraint-narrowed", "Size", "breaking", REQUESTS)}


def test_service_metadata_change_is_compatible() -> None:
    diff = _diff(lambda m: m["metadata"].__setitem__("targetPrefix", "Toy_2021"))
    assert _facts(diff) == {("service-changed", "service", "compatible", ())}
    assert diff.changes[0].trait == "target_prefix"


def test_new_enum_value_is_additive() -> None:
    diff = _diff(lambda m: _shapes(m)["Color"]["enum"].append("BLUE"))
    assert _facts(diff) == {("enum-value-added", "Color", "additive", ())}
    assert diff.changes[0].new == "BLUE"


def test_removed_enum_value_breaks_both_directions() -> None:
    diff = _diff(lambda m: _shapes(m)["Color"]["enum"].remove("GREEN"))
    assert _facts(diff) == {("enum-value-removed", "Color", "breaking", BREAKS_BOTH)}
    assert diff.changes[0].old == "GREEN"


def test_enum_appearing_narrows_and_disappearing_loosens() -> None:
    def swap(m: Model) -> None:
        _shapes(m)["Name"]["enum"] = ["a", "b"]
        del _shapes(m)["Color"]["enum"]

    assert _facts(_diff(swap)) == {
        ("constraint-narrowed", "Name", "breaking", REQUESTS),
        ("constraint-loosened", "Color", "additive", ()),
    }


@pytest.mark.parametrize(
    ("shape", "trait", "value"),
    [
        ("Name", "max", 5),  # lowered
        ("Name", "min", 2),  # raised
        ("Size", "max", 50),
        ("Id", "max", 64),  # a bound appears
        ("Name", "pattern", "[a-z]{2,}"),  # changed: not provably wider, so narrowed
        ("Id", "pattern", "[0-9]+"),  # a pattern appears
    ],
)
def test_narrowed_constraint_on_a_request_shape_breaks_requests(
    shape: str, trait: str, value: Any
) -> None:
    diff = _diff(lambda m: _shapes(m)[shape].__setitem__(trait, value))
    assert _facts(diff) == {("constraint-narrowed", shape, "breaking", REQUESTS)}
    assert diff.changes[0].trait == trait


def test_narrowed_constraint_on_a_response_only_shape_breaks_nothing() -> None:
    diff = _diff(lambda m: _shapes(m)["Note"].__setitem__("max", 20))
    assert _facts(diff) == {("constraint-narrowed", "Note", "compatible", ())}
    assert not diff.breaking


def test_narrowed_constraint_on_an_unused_shape_breaks_nothing() -> None:
    diff = _diff(lambda m: _shapes(m)["Orphan"].__setitem__("max", 1))
    assert _facts(diff) == {("constraint-narrowed", "Orphan", "compatible", ())}
    assert diff.changes[0].operations == ()


@pytest.mark.parametrize(
    ("shape", "trait", "value"),
    [("Name", "max", 20), ("Name", "min", 0), ("Name", "min", None), ("Name", "pattern", None)],
)
def test_loosened_constraint_is_additive(shape: str, trait: str, value: Any) -> None:
    def loosen(m: Model) -> None:
        if value is None:
            del _shapes(m)[shape][trait]
        else:
            _shapes(m)[shape][trait] = value

    diff = _diff(loosen)
    assert _facts(diff) == {("constraint-loosened", shape, "additive", ())}


def test_retargeted_member_compares_the_two_shapes_where_the_member_is() -> None:
    def retarget(m: Model) -> None:
        _shapes(m)["ShortName"] = {"type": "string", "min": 1, "max": 4, "pattern": "[a-z]+"}
        _shapes(m)["PutThingInput"]["members"]["name"]["shape"] = "ShortName"

    diff = _diff(retarget)
    assert _facts(diff) == {
        ("shape-renamed", "PutThingInput.name", "compatible", ()),
        ("constraint-narrowed", "PutThingInput.name", "breaking", REQUESTS),
    }
    narrowed = next(c for c in diff.changes if c.kind == "constraint-narrowed")
    assert (narrowed.trait, narrowed.old, narrowed.new) == ("max", 10, 4)


def test_retargeting_a_recursive_shape_terminates() -> None:
    def recurse(m: Model) -> None:
        node = {"type": "structure", "members": {"child": {"shape": "Node"}}}
        _shapes(m)["Node"] = node
        _shapes(m)["Thing"]["members"]["node"] = {"shape": "Node"}

    old = _toy()
    recurse(old)
    new = copy.deepcopy(old)
    _shapes(new)["Node2"] = {"type": "structure", "members": {"child": {"shape": "Node2"}}}
    _shapes(new)["Thing"]["members"]["node"]["shape"] = "Node2"
    diff = diff_services(_service(old), _service(new))
    renamed = {c.path for c in diff.changes if c.kind == "shape-renamed"}
    assert renamed == {"Thing.node", "Thing.node.child"}


def test_list_member_retarget_is_compared() -> None:
    def retarget(m: Model) -> None:
        _shapes(m)["ShortTag"] = {"type": "string", "max": 5}
        _shapes(m)["TagList"]["member"]["shape"] = "ShortTag"

    facts = _facts(_diff(retarget))
    # TagList only travels in responses: a shorter tag breaks no request.
    assert ("constraint-narrowed", "TagList.member", "compatible", ()) in facts


# --- documentation --------------------------------------------------------------------------


def test_documentation_and_deprecation_are_documentation_only() -> None:
    def document(m: Model) -> None:
        _shapes(m)["Note"]["documentation"] = "<p>A longer note.</p>"
        m["operations"]["GetThing"]["deprecated"] = True
        _shapes(m)["Thing"]["members"]["tags"]["documentation"] = "<p>Labels.</p>"

    diff = _diff(document)
    assert {(c.kind, c.path) for c in diff.changes} == {
        ("documentation-changed", "Note"),
        ("deprecated", "GetThing"),
        ("documentation-changed", "Thing.tags"),
    }
    assert {c.severity for c in diff.changes} == {"documentation"}
    assert not diff.breaking
    markdown = render_markdown(diff)
    assert "- deprecated: `GetThing`" in markdown
    assert "`Note`, `Thing.tags`" in markdown


# --- rendering ------------------------------------------------------------------------------


def test_a_change_breaking_both_sides_is_listed_under_both() -> None:
    markdown = render_markdown(_diff(lambda m: _shapes(m)["Color"]["enum"].remove("GREEN")))
    responses = markdown.index("## Breaking for code reading responses (1)")
    requests = markdown.index("## Breaking for code sending requests (1)")
    line = "- enum value removed: `Color` — `GREEN` (in GetThing, PutThing)"
    assert markdown.count(line) == 2
    assert responses < markdown.index(line) < requests < markdown.rindex(line)


def test_json_is_stable_and_complete() -> None:
    def many(m: Model) -> None:
        _shapes(m)["Color"]["enum"] = ["GREEN", "BLUE"]
        _shapes(m)["Name"]["max"] = 5
        _shapes(m)["Note"]["documentation"] = "changed"

    first, second = render_json(_diff(many)), render_json(_diff(many))
    assert first == second
    document = json.loads(first)
    assert document["breaking"] is True
    assert document["summary"] == {
        "breaking_responses": 1,
        "breaking_requests": 2,
        "compatible": 0,
        "additive": 1,
        "documentation": 1,
    }
    kinds = [change["kind"] for change in document["changes"]]
    assert kinds == [
        "enum-value-removed",
        "constraint-narrowed",
        "enum-value-added",
        "documentation-changed",
    ]
    assert set(document["changes"][0]) == set(Change("k", "additive", (), "p").to_json())


# --- two real CodeBuild models ---------------------------------------------------------------


@pytest.fixture(scope="module")
def real() -> Diff:
    old = load_model_file(OLD_MODEL, service="codebuild")
    new = load_model_file(NEW_MODEL, service="codebuild")
    return diff_services(old, new, old_label="botocore 1.31.0", new_label="botocore 1.34.100")


def _botocore_model(path: Path) -> botocore.model.ServiceModel:
    return botocore.model.ServiceModel(json.loads(gzip.decompress(path.read_bytes())))


def _of_kind(diff: Diff, kind: str) -> set[tuple[str, Any]]:
    return {(c.path, c.new if c.new is not None else c.old) for c in diff.changes if c.kind == kind}


def test_real_upgrade_adds_fleet_operations_enum_values_and_members(real: Diff) -> None:
    assert {"CreateFleet", "ListFleets", "BatchGetFleets"} <= {
        path for path, _ in _of_kind(real, "operation-added")
    }
    assert ("ComputeType", "BUILD_LAMBDA_1GB") in _of_kind(real, "enum-value-added")
    assert ("WebhookFilterType", "RELEASE_NAME") in _of_kind(real, "enum-value-added")
    assert ("StartBuildInput.fleetOverride", "ProjectFleet") in _of_kind(real, "member-added")
    assert ("ProjectEnvironment.fleet", "ProjectFleet") in _of_kind(real, "member-added")
    assert not real.breaking


def test_real_upgrade_agrees_with_botocore_on_operations_and_enums(real: Diff) -> None:
    """botocore's own ServiceModel of each file is the oracle for what was added."""
    old, new = _botocore_model(OLD_MODEL), _botocore_model(NEW_MODEL)
    added_ops = set(new.operation_names) - set(old.operation_names)
    assert {path for path, _ in _of_kind(real, "operation-added")} == added_ops
    expected_enums = {
        (name, value)
        for name in set(old.shape_names) & set(new.shape_names)
        for value in set(getattr(new.shape_for(name), "enum", []))
        - set(getattr(old.shape_for(name), "enum", []))
    }
    assert _of_kind(real, "enum-value-added") == expected_enums


def test_real_downgrade_breaks_both_directions() -> None:
    old = load_model_file(NEW_MODEL, service="codebuild")
    new = load_model_file(OLD_MODEL, service="codebuild")
    back = diff_services(old, new)
    assert back.breaking
    removed = {c.path: c.breaks for c in back.changes if c.kind == "operation-removed"}
    assert removed["CreateFleet"] == BREAKS_BOTH
    member = next(c for c in back.changes if c.path == "StartBuildInput.fleetOverride")
    assert (member.kind, member.breaks) == ("member-removed", REQUESTS)
    enum = {(c.path, c.old): c.breaks for c in back.changes if c.kind == "enum-value-removed"}
    assert enum["ComputeType", "BUILD_LAMBDA_1GB"] == BREAKS_BOTH


def test_real_markdown_reads_as_a_pull_request_description(real: Diff) -> None:
    markdown = render_markdown(real)
    assert markdown.startswith("# Contract changes: codebuild\n")
    assert "From **botocore 1.31.0**" in markdown
    assert "**Nothing breaks**" in markdown
    assert "- operation added: `CreateFleet`\n" in markdown
    assert "- member added: `StartBuildInput.fleetOverride` — `ProjectFleet` (in StartBuild)" in (
        markdown
    )
    assert "Breaking for" not in markdown
