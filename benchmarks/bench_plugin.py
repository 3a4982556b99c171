"""What the pytest plugin adds to pytest's start-up, on an empty project.

Runs ``python -m pytest`` in a fresh process on a folder with one empty test, alternately with
the plugin (the default: it is an installed entry point) and without it (``-p no:botocontract``),
so both see the same machine load; prints the median wall time and the median CPU time (user +
system of the child: steadier than wall time on a shared machine) of each, and the differences.
Target from the issue: under 150 ms added.

Run: ``python -m benchmarks.bench_plugin [--repeat N]``.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARGET_MS = 150.0
VARIANTS = {
    "with the plugin": [],
    "without (-p no:botocontract)": ["-p", "no:botocontract"],
}
COMMON = ["-p", "no:cacheprovider", "-q"]


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run_once(folder: Path, extra: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of one pytest run."""
    command = [sys.executable, "-m", "pytest", *COMMON, *extra]
    cpu, started = _cpu(), time.perf_counter()
    subprocess.run(command, cwd=folder, capture_output=True, check=True)  # noqa: S603
    return time.perf_counter() - started, _cpu() - cpu


def measure(repeat: int) -> dict[str, list[tuple[float, float]]]:
    times: dict[str, list[tuple[float, float]]] = {name: [] for name in VARIANTS}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        (folder / "test_empty.py").write_text("def test_nothing():\n    pass\n")
        for extra in VARIANTS.values():  # warm the OS caches once, unmeasured
            _run_once(folder, extra)
        for _ in range(repeat):
            for name, extra in VARIANTS.items():
                times[name].append(_run_once(folder, extra))
    return times


def _line(name: str, values: list[float]) -> float:
    milliseconds = [value * 1000 for value in values]
    median = statistics.median(milliseconds)
    low, _, high = statistics.quantiles(milliseconds, n=4)
    print(f"  {name:30} median {median:7.1f} ms  (quartiles {low:.1f}-{high:.1f})")
    return median


def report(times: dict[str, list[tuple[float, float]]]) -> dict[str, float]:
    added = {}
    for index, clock in enumerate(("wall", "CPU")):
        print(f"{clock} time")
        with_plugin, without = (
            _line(name, [run[index] for run in runs]) for name, runs in times.items()
        )
        added[clock] = with_plugin - without
        verdict = "within" if added[clock] < TARGET_MS else "OVER"
        print(f"  {'added by the plugin':30} {added[clock]:+7.1f} ms  ({verdict} the target)")
    return added


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    options = parser.parse_args(argv if argv is not None else sys.argv[1:])
    print(
        f"pytest start-up on an empty project, {options.repeat} runs each, interleaved; "
        f"target: under {TARGET_MS:.0f} ms added"
    )
    report(measure(options.repeat))


if __name__ == "__main__":
    main()
