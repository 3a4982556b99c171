"""Payload generation speed and validity: botocontract's strategies against the alternatives.

Side by side in one run, with the same Hypothesis settings (generate phase only, no
database, the same fixed seeds, the same number of examples per seed), for ``Build`` and
``BatchGetBuildsOutput``:

- ``botocontract.strategy`` (boto3 form);
- ``hypothesis_jsonschema.from_schema`` on the emitted boto3-form JSON Schema of the shape;
- ``st.from_type`` on types-boto3-codebuild's ``TypedDict`` (``BuildTypeDef``, ...).

Figures: examples per second, KiB of JSON (UTF-8) per second, and the share of examples
that the emitted JSON Schema (and botocore's ParamValidator) accept, over all seeds; and
the lowest and highest per-seed ratio. One seed's examples/s swings by a third with the
sizes it happens to draw (Hypothesis's mutator grows some runs more than others), so the
figure sums several seeds. Targets from the issue: at least 3x hypothesis-jsonschema's
speed and at least ``from_type``'s, with every payload valid.

hypothesis-jsonschema needs an older Hypothesis, so this runs in its own environment; see
``benchmarks/requirements-strategies.txt``. Run: ``python -m benchmarks.bench_strategies
[--examples N] [--seeds K]``. Peers that are not installed are reported as such.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from hypothesis import strategies as st

SERVICE = "codebuild"
SHAPES = {"Build": "BuildTypeDef", "BatchGetBuildsOutput": "BatchGetBuildsOutputTypeDef"}
DEFAULT_EXAMPLES = 300
DEFAULT_SEEDS = 3
WARM_UP = 5


@dataclass(frozen=True)
class Figures:
    generator: str
    examples: int
    seconds: tuple[float, ...]  # one per seed, the same examples each
    kib: float
    schema_valid: int
    botocore_valid: int

    @property
    def rate(self) -> float:
        return self.examples / sum(self.seconds)

    def row(self, shape: str, ours: Figures | None) -> str:
        ratio = ""
        if ours is not None and ours is not self:
            pairs = zip(ours.seconds, self.seconds, strict=True)
            per_seed = [theirs / mine for mine, theirs in pairs]
            ratio = f"{ours.rate / self.rate:.1f}x ({min(per_seed):.1f}-{max(per_seed):.1f})"
        return (
            f"{shape:<22} {self.generator:<24} {self.rate:>10.1f} "
            f"{self.kib / sum(self.seconds):>9.1f} "
            f"{100 * self.schema_valid / self.examples:>7.1f}% "
            f"{100 * self.botocore_valid / self.examples:>7.1f}% {ratio:>15}"
        )


def _draw(strategy: st.SearchStrategy[Any], count: int, seed: int) -> tuple[list[Any], float]:
    """``count`` examples under one fixed set of Hypothesis settings, and the seconds taken."""
    from hypothesis import HealthCheck, Phase, given, settings  # noqa: PLC0415
    from hypothesis import seed as fixed_seed  # noqa: PLC0415

    drawn: list[Any] = []

    @fixed_seed(seed)
    @settings(
        max_examples=count,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def collect(example: Any) -> None:
        drawn.append(example)

    start = time.perf_counter()
    collect()
    return drawn, time.perf_counter() - start


def _measure(
    name: str, shape: str, strategy: st.SearchStrategy[Any], count: int, seeds: int
) -> Figures:
    from botocontract.strategies import jsonable  # noqa: PLC0415

    _draw(strategy, WARM_UP, 0)  # strategy set-up (regex compilation, resolution) is not timed
    drawn: list[Any] = []
    seconds: list[float] = []
    for seed in range(seeds):
        examples, taken = _draw(strategy, count, seed)
        drawn += examples
        seconds.append(taken)
    documents = [_without_metadata(jsonable(example)) for example in drawn]
    size = sum(len(json.dumps(d, default=str, ensure_ascii=False).encode()) for d in documents)
    return Figures(
        name,
        len(drawn),
        tuple(seconds),
        size / 1024,
        sum(_schema_valid(shape, d) for d in documents),
        sum(_botocore_valid(shape, _without_metadata(e)) for e in drawn),
    )


def _without_metadata(document: Any) -> Any:
    """types-boto3 output TypedDicts require boto3's ResponseMetadata; the model has none."""
    if isinstance(document, dict):
        return {k: v for k, v in document.items() if k != "ResponseMetadata"}
    return document


def _schema_valid(shape: str, document: Any) -> bool:
    from botocontract.schemas import shape_validator  # noqa: PLC0415

    return bool(shape_validator(SERVICE, shape, "boto3").is_valid(document))


def _botocore_valid(shape: str, payload: Any) -> bool:
    import botocore.session  # noqa: PLC0415
    from botocore.validate import ParamValidator  # noqa: PLC0415

    model = botocore.session.get_session().get_service_model(SERVICE).shape_for(shape)
    try:
        return not ParamValidator().validate(payload, model).has_errors()
    except Exception:  # noqa: BLE001 - a payload botocore cannot even walk is not valid
        return False


# --- the generators -------------------------------------------------------------------------------


def _ours(shape: str) -> st.SearchStrategy[Any]:
    from botocontract.strategies import strategy  # noqa: PLC0415

    return strategy(SERVICE, shape)


def _from_schema(shape: str) -> st.SearchStrategy[Any]:
    from botocontract.schemas import shape_schema  # noqa: PLC0415

    from_schema = import_module("hypothesis_jsonschema").from_schema
    # It reads Draft 7; the emitted schema uses no 2020-12 keyword that Draft 7 lacks.
    schema = shape_schema(SERVICE, shape, "boto3")
    found: st.SearchStrategy[Any] = from_schema(
        {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}
    )
    return found


def _from_type(shape: str) -> st.SearchStrategy[Any]:
    from hypothesis import strategies as st  # noqa: PLC0415

    type_defs = import_module("types_boto3_codebuild.type_defs")
    return st.from_type(getattr(type_defs, SHAPES[shape]))


GENERATORS: dict[str, Callable[[str], st.SearchStrategy[Any]]] = {
    "botocontract": _ours,
    "hypothesis-jsonschema": _from_schema,
    "from_type(types-boto3)": _from_type,
}


def _run(shape: str, name: str, count: int, seeds: int) -> Figures | str:
    try:
        return _measure(name, shape, GENERATORS[name](shape), count, seeds)
    except ImportError as error:
        return f"not installed ({error.name}): use benchmarks/requirements-strategies.txt"
    except Exception as error:  # noqa: BLE001 - a peer that crashes is a result too
        return f"failed: {type(error).__name__}: {str(error).splitlines()[0][:120]}"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES, help="per seed")
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS)
    options = parser.parse_args(argv or [])
    import hypothesis  # noqa: PLC0415

    out = sys.stdout
    out.write(
        f"hypothesis {hypothesis.__version__}, {options.examples} examples for each of "
        f"{options.seeds} seeds\n"
    )
    out.write(
        f"{'shape':<22} {'generator':<24} {'examples/s':>10} {'KiB/s':>9} "
        f"{'schema':>8} {'botocore':>8} {'ours vs (seeds)':>15}\n"
    )
    for shape in SHAPES:
        ours: Figures | None = None
        for name in GENERATORS:
            result = _run(shape, name, options.examples, options.seeds)
            if isinstance(result, str):
                out.write(f"{shape:<22} {name:<24} {result}\n")
                continue
            ours = ours or result
            out.write(result.row(shape, ours) + "\n")
        out.flush()


if __name__ == "__main__":
    main(sys.argv[1:])
