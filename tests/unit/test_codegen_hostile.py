"""Model text never becomes code: generate from hostile models, import the output elsewhere.

Every slot of a model that reaches a generated ``.py`` file (shape and member names,
documentation, patterns, enum values, metadata, bounds) gets text built to end a comment,
close a string or docstring, or run code. The generated packages are then imported in a
subprocess, every model rebuilt and every strategy built: a canary file that the injected code
would write must never appear, and every service must import.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from botocontract.codegen import write
from botocontract.codegen.emit import _python
from botocontract.codegen.emit.strategies import function_names
from botocontract.codegen.load import build_service
from botocontract.errors import ModelFileError

from tests.unit.toy_service import one_operation_model


def _payloads(canary: Path) -> list[str]:
    code = f"__import__('pathlib').Path({str(canary)!r}).write_text('ran')"
    return [
        f"\n{code}\n#",
        f"\r{code}\r",
        f'"""\n{code}\n"""',
        f"'''\n{code}\n'''",
        f'"); {code}; ("',
        f"'); {code}; ('",
        f"\\\n{code}",
        f"{{{{ {code} }}}}",
        f"\u2028{code}\u2029\x0c\x0b\x85",
        '\\N{"',
        "\\",
        '"',
        "\x00",
        f'<p>{code}</p>\n<code>"""</code>',
    ]


def _hostile_model(service_id: str, texts: list[str], rng: random.Random) -> dict[str, Any]:
    """A model with a hostile text in every slot: names, docs, patterns, enum values, metadata."""
    pick = rng.choice
    members: dict[str, Any] = {}
    shapes: dict[str, Any] = {}
    for index, text in enumerate(texts):
        string = f"S{index}{text}" if index % 2 else f"_s{text}"
        shapes[string] = {
            "type": "string",
            "pattern": f"^a{text}",
            "documentation": pick(texts),
            "sensitive": bool(index % 3),
            "min": 1,
            "max": 2**63 - 1,
        }
        shapes[f"E{index}{text}"] = {"type": "string", "enum": [text, pick(texts) + "x", "A"]}
        shapes[f"L{index}{text}"] = {"type": "list", "member": {"shape": string}, "max": 10**18}
        shapes[f"M{index}{text}"] = {
            "type": "map",
            "key": {"shape": string},
            "value": {"shape": f"E{index}{text}"},
        }
        for prefix in ("", "E", "L", "M"):
            target = string if not prefix else f"{prefix}{index}{text}"
            members[f"{prefix}m{index}{pick(texts)}"] = {
                "shape": target,
                "documentation": pick(texts),
            }
    shapes["Input"] = {"type": "structure", "members": members, "documentation": pick(texts)}
    for name in ("_settings", "_s", "class", "None", "1st", "Field", "_"):
        shapes[name] = {"type": "string", "documentation": pick(texts)}
        members[f"x{name}"] = {"shape": name}
    model = one_operation_model(service_id, "Do", "Input", shapes)
    model["metadata"]["apiVersion"] = f"2024-01-01{pick(texts)}"
    model["metadata"]["serviceFullName"] = pick(texts)
    model["documentation"] = pick(texts)
    return model


def test_hostile_model_text_is_never_executed(tmp_path: Path) -> None:
    canary = tmp_path / "canary"
    texts = _payloads(canary)
    rng = random.Random(16)  # noqa: S311 - a fixed fuzz seed, not a secret
    paths = []
    for number in range(3):
        model = _hostile_model(f"Hostile{number}", rng.sample(texts, len(texts)), rng)
        path = tmp_path / f"hostile{number}.service-2.json"
        path.write_text(json.dumps(model), encoding="utf-8")
        paths.append(str(path))
    out = tmp_path / "out"
    result = write.generate(paths, out)
    assert result.failures == [], result.failures
    assert not canary.exists()
    script = (
        "import importlib, sys\n"
        "for name in sys.argv[1:]:\n"
        "    models = importlib.import_module(name + '.models')\n"
        "    strategies = importlib.import_module(name + '.strategies')\n"
        "    for value in vars(models).values():\n"
        "        if hasattr(value, 'model_rebuild'):\n"
        "            value.model_rebuild(force=True)\n"
        "    for build in strategies.SHAPES.values():\n"
        "        build()\n"
        "print('imported', len(sys.argv) - 1)\n"
    )
    names = [f"hostile{number}" for number in range(3)]
    run = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script, *names],
        cwd=out,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-3000:]
    assert run.stdout.strip() == "imported 3"
    assert not canary.exists()


@pytest.mark.parametrize("text", _payloads(Path("/nonexistent/canary")))
def test_escapes_round_trip(text: str) -> None:
    """Each context gives back the very text (docstrings: with ``\\r\\n`` as ``\\n``)."""
    assert eval(_python.string(text)) == text  # noqa: S307 - the point of the test
    assert eval(f'"""{_python.docstring(text)}"""') == text.replace("\r\n", "\n")  # noqa: S307
    assert len(_python.comment(text).splitlines()) <= 1
    name = _python.identifier(text)
    assert name.isidentifier()
    assert name.isascii()


def test_shape_names_starting_with_s_get_functions(tmp_path: Path) -> None:
    """``_settings`` once looped forever: any name reaches a unique function name."""

    shapes = {name: {"type": "string"} for name in ("_settings", "shape_settings", "_s", "s")}
    shapes["Input"] = {"type": "structure", "members": {}}
    model = one_operation_model("Names", "Do", "Input", shapes)
    service = build_service(model, service="names", sha256="0", source="test")
    names = function_names(service)
    assert len(set(names.values())) == len(names)
    assert not any(name.startswith("_") for name in names.values())


@pytest.mark.parametrize(
    ("bound", "reason"),
    [(10**30, "not a 64-bit number"), ("5", "not a 64-bit number"), (1.5, "not a whole number")],
)
def test_insane_bounds_are_refused_at_load(bound: Any, reason: str) -> None:

    shapes = {
        "Many": {"type": "list", "member": {"shape": "Text"}, "min": bound},
        "Text": {"type": "string"},
        "Input": {"type": "structure", "members": {"Items": {"shape": "Many"}}},
    }
    model = one_operation_model("Bounds", "Do", "Input", shapes)
    with pytest.raises(ModelFileError) as caught:
        build_service(model, service="bounds", sha256="0", source="bounds.json")
    message = str(caught.value)
    assert reason in message
    assert "bounds.json" in message
    assert "\n" not in message
