"""Run every benchmark in turn: ``python -m benchmarks [NAME ...]``.

Each benchmark is a module ``benchmarks/bench_<name>.py`` with a ``main()`` that prints its
figures; peers are measured side by side in the same run, so ratios are what to read.
"""

from __future__ import annotations

import sys
from importlib import import_module
from pathlib import Path


def main(argv: list[str]) -> None:
    available = sorted(
        p.stem.removeprefix("bench_") for p in Path(__file__).parent.glob("bench_*.py")
    )
    names = argv or available
    sys.argv = sys.argv[:1]  # each benchmark parses its own options: here, the defaults
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        import_module(f"benchmarks.bench_{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
