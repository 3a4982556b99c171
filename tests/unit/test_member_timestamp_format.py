"""A member's own ``timestampFormat`` wins over its target's, as in botocore's protocol tests."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import botocore.model
import botocore.parsers
import jsonschema_rs
from botocontract.codegen.emit.jsonschema import emit_schema
from botocontract.codegen.load import load_service

from tests.unit.toy_service import one_operation_model

if TYPE_CHECKING:
    from pathlib import Path

_SHAPES = {
    "Input": {"type": "structure", "members": {}},
    "Output": {
        "type": "structure",
        "members": {
            "Iso": {"shape": "Stamp", "timestampFormat": "iso8601"},
            "Epoch": {"shape": "Stamp"},
        },
    },
    "Stamp": {"type": "timestamp"},
}


def _model(tmp_path: Path) -> tuple[dict, Path]:
    model = one_operation_model("Stamps", "Get", "Input", _SHAPES)
    model["operations"]["Get"]["output"] = {"shape": "Output"}
    path = tmp_path / "stamps.json"
    path.write_text(json.dumps(model), encoding="utf-8")
    return model, path


def test_a_member_timestamp_format_is_the_one_on_the_wire(tmp_path: Path) -> None:
    model, path = _model(tmp_path)
    body = {"Iso": "2020-01-02T03:04:05Z", "Epoch": 1577934245}
    # botocore's own JSON parser reads both members as the same instant
    shape = botocore.model.ServiceModel(model, "stamps").operation_model("Get").output_shape
    response = {"body": json.dumps(body).encode(), "headers": {}, "status_code": 200}
    parsed = botocore.parsers.create_parser("json").parse(response, shape)
    assert parsed["Iso"] == parsed["Epoch"]
    schema = emit_schema(load_service(str(path)), "wire")
    validator = jsonschema_rs.validator_for({**schema, "$ref": "#/$defs/Output"})
    assert validator.is_valid(body)
    assert not validator.is_valid({"Iso": 1577934245})  # the shape's default, not the member's
    assert not validator.is_valid({"Epoch": "2020-01-02T03:04:05Z"})


def test_drawn_wire_payloads_write_each_member_in_its_own_format(tmp_path: Path) -> None:
    from botocontract._strategy.budget import budgeted  # noqa: PLC0415
    from botocontract._strategy.lookup import registry_from_ir  # noqa: PLC0415
    from botocontract._strategy.valid import Compiler  # noqa: PLC0415
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415

    model, path = _model(tmp_path)
    service = load_service(str(path))
    drawn = Compiler(registry_from_ir(service), "wire").shape("Output")
    assert drawn is not None
    validator = jsonschema_rs.validator_for(
        {**emit_schema(service, "wire"), "$ref": "#/$defs/Output"}
    )
    shape = botocore.model.ServiceModel(model, "stamps").operation_model("Get").output_shape
    seen: set[tuple[str, type]] = set()

    @settings(max_examples=60, database=None, suppress_health_check=list(HealthCheck))
    @given(budgeted(drawn, None))
    def check(body: dict) -> None:
        assert validator.is_valid(body), body
        seen.update((key, type(value)) for key, value in body.items())
        response = {"body": json.dumps(body).encode(), "headers": {}, "status_code": 200}
        botocore.parsers.create_parser("json").parse(response, shape)  # botocore reads it

    check()
    assert ("Iso", str) in seen
    assert {kind for key, kind in seen if key == "Epoch"} <= {int, float}
