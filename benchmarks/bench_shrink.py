"""Time to a planted bug's reported failure, and the size of what is reported, side by side.

For one planted bug in an output of each of eight services (an optional member read
unconditionally, inside a list item where the output has a list), in the same run, with the
same Hypothesis settings (``max_examples=100``, no database, no deadline) and the same seeds:

- ``botocontract.strategy`` (boto3 form, the default budget);
- ``st.from_type`` on types-boto3's ``TypedDict`` of the output (which knows no constraint);
- ``hypothesis_jsonschema.from_schema`` on the emitted boto3-form JSON Schema, where it can
  express it (it cannot set up recursive or some very large schemas: reported as such).

Figures per bug and generator: the median over the seeds of the seconds from the start of
the test to the end of shrinking, and of the size in bytes of the example Hypothesis reports
(compact JSON, UTF-8, without the ``ResponseMetadata`` the stubs require and no model
describes); then the ratios to ``from_type``. Targets from the issue: median time at most
``from_type``'s, reported example no larger. Then the examples-per-second comparison of
``bench_strategies`` on CodeBuild's ``Build`` and ``BatchGetBuildsOutput`` (at least 3x
hypothesis-jsonschema).

Run: ``python -m benchmarks.bench_shrink [--seeds K] [--limit SECONDS] [--examples N]``
(``make bench`` installs the peers: the ``bench`` dependency group).
"""

from __future__ import annotations

import argparse
import json
import signal
import statistics
import sys
import time
from dataclasses import dataclass
from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from hypothesis import strategies as st

DEFAULT_SEEDS = 3
DEFAULT_LIMIT = 300  # seconds one generator may take on one bug and seed
DEFAULT_EXAMPLES = 100  # per seed, for the examples-per-second part


@dataclass(frozen=True)
class PlantedBug:
    service: str
    shape: str
    lists: tuple[str, ...]  # the list members walked down to the item read
    member: str  # the optional member read unconditionally

    def fires(self, response: dict[str, Any]) -> bool:
        try:
            for item in self._items(response, self.lists):
                item[self.member]
        except KeyError:
            return True
        return False

    def _items(self, value: dict[str, Any], lists: tuple[str, ...]) -> Iterator[dict[str, Any]]:
        if not lists:
            yield value
            return
        for item in value.get(lists[0], []):
            yield from self._items(item, lists[1:])


class StsBug(PlantedBug):
    """STS outputs have no lists: ``SourceIdentity`` read wherever ``Credentials`` came back."""

    def fires(self, response: dict[str, Any]) -> bool:
        return "Credentials" in response and self.member not in response


BUGS = (
    PlantedBug("ec2", "DescribeInstancesResult", ("Reservations", "Instances"), "PublicIpAddress"),
    PlantedBug("s3", "ListObjectsV2Output", ("Contents",), "Size"),
    PlantedBug("iam", "GetAccountAuthorizationDetailsResponse", ("UserDetailList",), "UserName"),
    PlantedBug("dynamodb", "ListBackupsOutput", ("BackupSummaries",), "BackupArn"),
    PlantedBug("lambda", "ListFunctionsResponse", ("Functions",), "Runtime"),
    PlantedBug("sqs", "ReceiveMessageResult", ("Messages",), "Body"),
    StsBug("sts", "AssumeRoleResponse", (), "SourceIdentity"),
    PlantedBug("codebuild", "BatchGetBuildsOutput", ("builds",), "buildStatus"),
)


# --- the generators -------------------------------------------------------------------------


def _ours(bug: PlantedBug) -> st.SearchStrategy[Any]:
    from botocontract.strategies import strategy  # noqa: PLC0415

    return strategy(bug.service, bug.shape)


def _from_type(bug: PlantedBug) -> st.SearchStrategy[Any]:
    from hypothesis import strategies as st  # noqa: PLC0415

    module = import_module(f"types_boto3_{bug.service}.type_defs")
    return st.from_type(getattr(module, f"{bug.shape}TypeDef"))


def _from_schema(bug: PlantedBug) -> st.SearchStrategy[Any]:
    from botocontract.schemas import shape_schema  # noqa: PLC0415

    from_schema = import_module("hypothesis_jsonschema").from_schema
    schema = shape_schema(bug.service, bug.shape, "boto3")
    found: st.SearchStrategy[Any] = from_schema(
        {**schema, "$schema": "http://json-schema.org/draft-07/schema#"}
    )
    return found


GENERATORS: dict[str, Callable[[PlantedBug], st.SearchStrategy[Any]]] = {
    "botocontract": _ours,
    "from_type(types-boto3)": _from_type,
    "hypothesis-jsonschema": _from_schema,
}


# --- one run --------------------------------------------------------------------------------


class TimeLimitError(Exception):
    pass


_LIMIT_REACHED: list[bool] = []  # Hypothesis may wrap the error (Flaky...): this tells it apart


def _alarm(signum: int, frame: Any) -> None:
    _LIMIT_REACHED.append(True)
    raise TimeLimitError


def _warm_up(strategy: st.SearchStrategy[Any]) -> None:
    """A few draws first, untimed: set-up (regex compilation, type resolution) is not shrinking."""
    from hypothesis import HealthCheck, Phase, given, settings  # noqa: PLC0415

    @settings(
        max_examples=5,
        database=None,
        deadline=None,
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def draw(example: Any) -> None:
        pass

    draw()


def _reported(strategy: st.SearchStrategy[Any], bug: PlantedBug, seed: int) -> tuple[float, Any]:
    """Seconds until Hypothesis reports the bug, and the example it reports (the last failing
    one it ran: after shrinking, it replays the shrunk example)."""
    from hypothesis import HealthCheck, given, settings  # noqa: PLC0415
    from hypothesis import seed as fixed_seed  # noqa: PLC0415

    failing: list[Any] = []

    @fixed_seed(seed)
    @settings(
        max_examples=100, database=None, deadline=None, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def contract_test(response: Any) -> None:
        if bug.fires(_without_metadata(response)):
            failing.append(response)
            raise AssertionError("planted bug")

    start = time.perf_counter()
    try:
        contract_test()
    except AssertionError:
        return time.perf_counter() - start, failing[-1]
    raise RuntimeError("the bug was not found in 100 examples")


def _without_metadata(response: Any) -> Any:
    if isinstance(response, dict):
        return {k: v for k, v in response.items() if k != "ResponseMetadata"}
    return response


def _size(example: Any) -> int:
    from botocontract.strategies import jsonable  # noqa: PLC0415

    text = json.dumps(jsonable(_without_metadata(example)), default=str, ensure_ascii=False)
    return len(text.encode())


@dataclass(frozen=True)
class Figures:
    seconds: float  # median over the seeds
    size: int  # median bytes reported

    def ratios(self, baseline: Figures | None) -> str:
        if baseline is None or baseline is self:
            return ""
        return (
            f"{self.seconds / baseline.seconds:>6.2f}x {self.size / max(baseline.size, 1):>6.2f}x"
        )


def _measure(name: str, bug: PlantedBug, seeds: int, limit: int) -> Figures | str:
    try:
        strategy = GENERATORS[name](bug)
    except ImportError as error:
        return f"not installed ({error.name}): make bench installs it"
    except Exception as error:  # noqa: BLE001 - a peer that cannot express the shape is a result
        return f"cannot express it: {type(error).__name__}: {str(error).splitlines()[0][:70]}"
    seconds, sizes = [], []
    previous = signal.signal(signal.SIGALRM, _alarm)
    _LIMIT_REACHED.clear()
    try:
        signal.alarm(limit)
        _warm_up(strategy)
        for seed in range(seeds):
            signal.alarm(limit)
            taken, example = _reported(strategy, bug, seed)
            signal.alarm(0)
            seconds.append(taken)
            sizes.append(_size(example))
    except Exception as error:  # noqa: BLE001 - a peer that crashes is a result too
        if _LIMIT_REACHED:
            return f"no report within {limit} s (seed {len(seconds)})"
        return f"failed: {type(error).__name__}: {str(error).splitlines()[0][:80]}"
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return Figures(statistics.median(seconds), int(statistics.median(sizes)))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=DEFAULT_SEEDS)
    parser.add_argument("--limit", type=int, default=DEFAULT_LIMIT, help="seconds per run")
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES, help="examples/s part")
    parser.add_argument("--only", nargs="*", default=None, help="services to run")
    options = parser.parse_args(argv or [])
    import hypothesis  # noqa: PLC0415

    out = sys.stdout
    out.write(f"hypothesis {hypothesis.__version__}, max_examples=100, {options.seeds} seeds\n")
    out.write(
        f"{'service':<10} {'generator':<24} {'median s':>9} {'bytes':>7} "
        f"{'vs from_type: time size':>24}\n"
    )
    for bug in BUGS:
        if options.only and bug.service not in options.only:
            continue
        baseline: Figures | None = None
        rows = []
        for name in GENERATORS:
            result = _measure(name, bug, options.seeds, options.limit)
            if name.startswith("from_type") and isinstance(result, Figures):
                baseline = result
            rows.append((name, result))
        for name, result in rows:
            if isinstance(result, str):
                out.write(f"{bug.service:<10} {name:<24} {result}\n")
            else:
                out.write(
                    f"{bug.service:<10} {name:<24} {result.seconds:>9.2f} {result.size:>7} "
                    f"{result.ratios(baseline):>24}\n"
                )
        out.flush()
    out.write("\nexamples per second (benchmarks/bench_strategies.py):\n")
    out.flush()
    import_module("benchmarks.bench_strategies").main(["--examples", str(options.examples)])


if __name__ == "__main__":
    main(sys.argv[1:])
