"""Validation speed per document: the pydantic models beside the other validators.

The standard document is the seed's two-build ``BatchGetBuilds`` response. Each validator
gets the form it is made for: the models and botocore's ParamValidator the boto3 form
(``datetime`` values, as botocore's parser returns it), ``model_validate_json`` the wire
bytes, the JSON Schema validators the JSON form. Every one is checked to accept the document
before it is timed. Figures are µs per document, min and median of the repeats; the ratio is
each one's min over ``model_validate``'s.

    python -m benchmarks.bench_models
"""

from __future__ import annotations

import importlib
import json
import statistics
import sys
import tempfile
import timeit
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import ModuleType

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "tests" / "data" / "seeds" / "batch_get_builds.example-output.json"
SHAPE = "BatchGetBuildsOutput"
REPEATS = 7
TARGET_SECONDS = 0.2  # per repeat


@dataclass(frozen=True)
class Contestant:
    label: str
    check: Callable[[], bool]  # True when the document is accepted


def load_models() -> ModuleType:
    """The bundled CodeBuild models if generated, else the emitter's output in a temporary dir."""
    if (ROOT / "generated" / "codebuild" / "models.py").is_file():
        return importlib.import_module("botocontract.generated.codebuild")
    from botocontract.codegen.emit.pydantic import emit_files  # noqa: PLC0415
    from botocontract.codegen.load import load_service  # noqa: PLC0415

    directory = Path(tempfile.mkdtemp(prefix="bench-models-"))
    (directory / "bench_codebuild_models").mkdir()
    for name, data in emit_files(load_service("codebuild")).items():
        (directory / "bench_codebuild_models" / name).write_bytes(data)
    sys.path.insert(0, str(directory))
    return importlib.import_module("bench_codebuild_models")


def documents() -> tuple[bytes, dict[str, Any], dict[str, Any]]:
    """The wire bytes, the JSON form, and the boto3 form (botocore's parser on the wire)."""
    import botocore.parsers  # noqa: PLC0415
    import botocore.session  # noqa: PLC0415

    seed = json.loads(SEED.read_text(encoding="utf-8"))
    json_form = {key: value for key, value in seed.items() if key != "ResponseMetadata"}
    wire = json.dumps(json_form).encode()
    model = botocore.session.get_session().get_service_model("codebuild")
    shape = model.operation_model("BatchGetBuilds").output_shape
    response = {"body": wire, "headers": {}, "status_code": 200}
    boto3_form = botocore.parsers.create_parser("json").parse(response, shape)
    boto3_form.pop("ResponseMetadata", None)
    return wire, json_form, boto3_form


def contestants() -> list[Contestant]:
    import jsonschema_rs  # noqa: PLC0415
    from botocontract.schemas import shape_schema, shape_validator  # noqa: PLC0415
    from botocore.session import get_session  # noqa: PLC0415
    from botocore.validate import ParamValidator  # noqa: PLC0415

    model = load_models().BatchGetBuildsOutput
    wire, json_form, boto3_form = documents()
    python_validator = shape_validator("codebuild", SHAPE, "boto3")
    rust_validator = jsonschema_rs.validator_for(
        shape_schema("codebuild", SHAPE, "boto3"), validate_formats=False
    )
    output_shape = get_session().get_service_model("codebuild").shape_for(SHAPE)
    param_validator = ParamValidator()
    return [
        Contestant("model_validate (boto3 form)", lambda: bool(model.model_validate(boto3_form))),
        Contestant("model_validate (JSON form)", lambda: bool(model.model_validate(json_form))),
        Contestant(
            "model_validate_json (wire bytes)", lambda: bool(model.model_validate_json(wire))
        ),
        Contestant("jsonschema Draft 2020-12", lambda: python_validator.is_valid(json_form)),
        Contestant("jsonschema_rs", lambda: bool(rust_validator.is_valid(json_form))),
        Contestant(
            "botocore ParamValidator",
            lambda: not param_validator.validate(boto3_form, output_shape).has_errors(),
        ),
    ]


def measure(work: Callable[[], bool]) -> list[float]:
    """Seconds per call, one figure per repeat."""
    timer = timeit.Timer(work)
    number, _ = timer.autorange()
    number = max(1, int(number * TARGET_SECONDS / 0.2))
    return [total / number for total in timer.repeat(repeat=REPEATS, number=number)]


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")


def main() -> None:
    entries = contestants()
    rejected = [entry.label for entry in entries if not entry.check()]
    if rejected:
        raise SystemExit(f"bench_models: the standard document is rejected by {rejected}")
    results = [(entry.label, measure(entry.check)) for entry in entries]
    baseline = min(results[0][1])
    _say(f"{SHAPE}: the seed's two-build response, µs per document ({REPEATS} repeats)")
    _say(f"{'validator':<34} {'min':>9} {'median':>9} {'ratio':>8}")
    for label, times in results:
        best, median = min(times) * 1e6, statistics.median(times) * 1e6
        _say(f"{label:<34} {best:9.1f} {median:9.1f} {min(times) / baseline:7.2f}x")


if __name__ == "__main__":
    main()
