"""Models the loader accepts generate, even unusual ones: a model with no shapes (an API whose
operations take and return nothing) and the legacy ``character`` type, which botocore's parsers
and serializers read as text."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import TYPE_CHECKING

from botocontract.cli import main
from click.testing import CliRunner

if TYPE_CHECKING:
    from pathlib import Path

_METADATA = {
    "apiVersion": "2020-01-01",
    "jsonVersion": "1.1",
    "protocol": "json",
    "signatureVersion": "v4",
}


def _model(tmp_path: Path, name: str, operations: dict, shapes: dict) -> Path:
    metadata = {
        **_METADATA,
        "endpointPrefix": name,
        "serviceFullName": name.title(),
        "serviceId": name.title(),
        "targetPrefix": name.title(),
        "uid": f"{name}-2020-01-01",
    }
    path = tmp_path / f"{name}.json"
    model = {"version": "2.0", "metadata": metadata, "operations": operations, "shapes": shapes}
    path.write_text(json.dumps(model), encoding="utf-8")
    return path


def _generate_and_import(tmp_path: Path, model: Path, package: str, script: str) -> str:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["generate", str(model), "--out", str(out)])
    assert result.exit_code == 0, result.output
    code = f"import {package}.models, {package}.strategies\n{script}"
    done = subprocess.run(  # noqa: S603 - our own interpreter, our own code
        [sys.executable, "-c", code], cwd=out, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_model_without_shapes_generates_an_importable_package(tmp_path: Path) -> None:
    ping = {"Ping": {"name": "Ping", "http": {"method": "POST", "requestUri": "/"}}}
    model = _model(tmp_path, "noshapes", ping, {})
    out = _generate_and_import(tmp_path, model, "noshapes", "print(noshapes.__all__)")
    assert out.strip() == "[]"
    schema = json.loads((tmp_path / "out" / "noshapes" / "schema.boto3.json").read_text())
    assert schema["$defs"] == {}
    assert schema["x-botocontract-operations"]["Ping"]["output"] is None


def test_the_legacy_character_type_is_text(tmp_path: Path) -> None:
    operations = {
        "Get": {
            "name": "Get",
            "http": {"method": "POST", "requestUri": "/"},
            "output": {"shape": "Out"},
        }
    }
    shapes = {
        "Out": {"type": "structure", "members": {"Initial": {"shape": "Letter"}}},
        "Letter": {"type": "character"},
    }
    model = _model(tmp_path, "legacychar", operations, shapes)
    script = (
        "from pydantic import ValidationError\n"
        "print(legacychar.models.Out.model_validate({'Initial': 'A'}).Initial)\n"
        "try:\n"
        "    legacychar.models.Out.model_validate({'Initial': 5})\n"
        "except ValidationError:\n"
        "    print('refused')\n"
    )
    out = _generate_and_import(tmp_path, model, "legacychar", script)
    assert out.split() == ["A", "refused"]
    schema = json.loads((tmp_path / "out" / "legacychar" / "schema.boto3.json").read_text())
    assert schema["$defs"]["Letter"]["type"] == "string"
