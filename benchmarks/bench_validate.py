"""Validation speed on 10,000 generated BatchGetBuilds responses (valid and invalid mixed).

Printed side by side in one run:
- ``botocontract validate`` end to end (a fresh process: start-up included), ``-j 1`` and ``-j 2``;
- the floor: a fresh Python process that only reads and parses the same files with orjson;
- per payload, in process: ``botocontract.validate`` against botocore's ``ParamValidator`` on the
  same parsed payloads (ParamValidator checks far less: no enums, no maximums, no patterns).
Targets from the issue: end to end within 3x of the floor; per payload at least 20x faster than
ParamValidator; ``-j 2`` faster than ``-j 1``.

Run: ``python -m benchmarks.bench_validate [--files N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from collections.abc import Callable

SERVICE = "codebuild"
FLOOR_LABEL = "floor (python + orjson parse)"
OPERATION = "BatchGetBuilds"
SEED = Path(__file__).resolve().parents[1] / "tests" / "data" / "seeds"
SEED_FILE = SEED / "batch_get_builds.example-output.json"
STATUSES = ["SUCCEEDED", "FAILED", "FAULT", "TIMED_OUT", "IN_PROGRESS", "STOPPED"]
FLOOR = """
import os, sys, orjson
for root, _, names in os.walk(sys.argv[1]):
    for name in names:
        with open(os.path.join(root, name), "rb") as handle:
            orjson.loads(handle.read())
"""


def _base() -> dict[str, Any]:
    document: dict[str, Any] = json.loads(SEED_FILE.read_text(encoding="utf-8"))
    document.pop("ResponseMetadata", None)
    return document


def _variant(base: dict[str, Any], rng: random.Random, index: int) -> dict[str, Any]:
    """A wire body; about 1 in 5 breaks the contract, 1 in 10 only drifts."""
    payload = copy.deepcopy(base)
    for build in payload["builds"]:
        build["id"] = f"codebuild-demo-project:{index:08d}-{rng.randrange(16**8):08x}"
        build["buildNumber"] = index
        build["startTime"] = 1_479_832_341.854 + index
        build["buildStatus"] = rng.choice(STATUSES)
        for phase in build.get("phases", []):
            phase["durationInSeconds"] = rng.randrange(0, 600)
    _MUTATIONS[index % len(_MUTATIONS)](payload, rng)
    return payload


def _keep(payload: dict[str, Any], _rng: random.Random) -> None:
    pass


def _wrong_type(payload: dict[str, Any], rng: random.Random) -> None:
    payload["builds"][0]["buildNumber"] = str(rng.randrange(1000))


def _null_structure(payload: dict[str, Any], _rng: random.Random) -> None:
    payload["builds"][0]["artifacts"] = None


def _drift(payload: dict[str, Any], _rng: random.Random) -> None:
    payload["builds"][0]["phases"][-1]["phaseStatus"] = "CLIENT_ERROR"
    payload["buildsNotFound"] = []


# 10 slots: 7 clean, 2 errors, 1 drift
_MUTATIONS: list[Callable[[dict[str, Any], random.Random], None]] = [
    _keep,
    _keep,
    _wrong_type,
    _keep,
    _keep,
    _drift,
    _keep,
    _null_structure,
    _keep,
    _keep,
]


def make_corpus(directory: Path, count: int) -> list[bytes]:
    rng = random.Random(20161006)  # noqa: S311 - reproducible test data, not security
    base = _base()
    contents = []
    for index in range(count):
        data = orjson.dumps(_variant(base, rng, index))
        (directory / f"{OPERATION}_{index:05d}.json").write_bytes(data)
        contents.append(data)
    return contents


def _best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_best_of(repeat: int, command: list[str]) -> tuple[float, float]:
    """Best wall time and best CPU time (user + sys, worker processes included) of a command.

    CPU time is what to compare on a shared machine: wall time also counts waiting for a core.
    """
    walls, cpus = [], []
    for _ in range(repeat):
        cpu, start = _cpu_of_children(), time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, check=False)  # noqa: S603
        walls.append(time.perf_counter() - start)
        cpus.append(_cpu_of_children() - cpu)
    return min(walls), min(cpus)


def _botocontract() -> str:
    return str(Path(sys.executable).with_name("botocontract"))


def end_to_end(directory: Path, repeat: int) -> dict[str, tuple[float, float]]:
    validate = [_botocontract(), "validate", str(directory)]
    return {
        FLOOR_LABEL: _process_best_of(repeat, [sys.executable, "-c", FLOOR, str(directory)]),
        "botocontract validate -j 1": _process_best_of(repeat, [*validate, "-j", "1"]),
        "botocontract validate -j 2": _process_best_of(repeat, [*validate, "-j", "2"]),
    }


def per_payload(contents: list[bytes], repeat: int) -> tuple[float, float, int]:
    import botocore.session  # noqa: PLC0415
    from botocontract.validation import validate  # noqa: PLC0415
    from botocore.validate import ParamValidator  # noqa: PLC0415

    payloads = [orjson.loads(data) for data in contents]
    shape = botocore.session.get_session().get_service_model(SERVICE)
    output_shape = shape.operation_model(OPERATION).output_shape
    checker = ParamValidator()
    failing = sum(not validate(p, SERVICE, operation=OPERATION).ok for p in payloads)  # warm up
    ours = _best_of(repeat, lambda: [validate(p, SERVICE, operation=OPERATION) for p in payloads])
    sample = payloads[: max(1, len(payloads) // 10)]  # ParamValidator is slow: a tenth suffices
    theirs = _best_of(repeat, lambda: [checker.validate(p, output_shape) for p in sample])
    return ours / len(payloads), theirs / len(sample), failing


def _burn(count: int) -> int:
    total = 0
    for index in range(count):
        total += index
    return total


def parallel_headroom(count: int = 5_000_000) -> float:
    """How much faster 2 processes run 2 pure-CPU tasks than 1 process does, right now.

    On a shared machine the second core may be busy with others' work; then no ``-j 2`` can
    be faster, and this figure says so.
    """
    import multiprocessing  # noqa: PLC0415

    serial = _best_of(3, lambda: [_burn(count), _burn(count)])
    with multiprocessing.get_context("fork").Pool(2) as pool:
        parallel = _best_of(3, lambda: pool.map(_burn, [count, count]))
    return serial / parallel


def _note_generated() -> None:
    import botocontract.generated  # noqa: PLC0415

    schema = Path(botocontract.generated.__file__).parent / SERVICE / "schema.wire.json"
    if not schema.is_file():
        print(
            f"note: {schema} is missing: start-up includes emitting the schema from the "
            "installed model (run `botocontract generate` first)"
        )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv if argv is not None else [])
    with tempfile.TemporaryDirectory(prefix="bench-validate-") as temp:
        directory = Path(temp)
        contents = make_corpus(directory, args.files)
        headroom = parallel_headroom()
        times = end_to_end(directory, args.repeat)
        ours, theirs, failing = per_payload(contents, args.repeat)
    floor_wall, floor_cpu = times[FLOOR_LABEL]
    print(f"{args.files} BatchGetBuilds files ({failing} with errors), best of {args.repeat}")
    _note_generated()
    print(f"{'':<32} {'wall':>9}   {'x floor':>7}   {'cpu':>9}   {'x floor':>7}")
    for label, (wall, cpu) in times.items():
        print(
            f"{label:<32} {wall:7.3f} s   {wall / floor_wall:6.2f}x   {cpu:7.3f} s   "
            f"{cpu / floor_cpu:6.2f}x"
        )
    one, two = times["botocontract validate -j 1"][0], times["botocontract validate -j 2"][0]
    print(
        f"{'-j 2 wall-time speed-up over -j 1':<32} {one / two:7.2f}x   (the machine "
        f"offers {headroom:.2f}x to 2 processes now)"
    )
    print(f"{'botocontract.validate per payload':<32} {ours * 1e6:7.1f} us")
    print(f"{'botocore ParamValidator':<32} {theirs * 1e6:7.1f} us   {theirs / ours:5.1f}x slower")


if __name__ == "__main__":
    main(sys.argv[1:])
