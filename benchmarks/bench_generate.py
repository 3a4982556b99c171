"""Generation speed: schemas for CodeBuild and for every installed service.

Each figure is shown beside botocore's own time to load the same models in the same run
(a fresh loader each round, so neither side is served from a cache). Targets from the issue:
CodeBuild under 1 s; all services under 60 s on a 2-core machine.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

import botocore.loaders
import botocore.model
from botocontract.codegen import load, write
from botocontract.codegen.emit.jsonschema import emit_files

if TYPE_CHECKING:
    from collections.abc import Callable


def _botocore_load(service: str) -> None:
    loader = botocore.loaders.create_loader()
    model = loader.load_service_model(service, "service-2")
    service_model = botocore.model.ServiceModel(model, service)
    for name in service_model.shape_names:  # resolve every shape, as our loader does
        service_model.shape_for(name)


def _generate_schemas(service: str) -> None:
    load._loader.cache_clear()  # noqa: SLF001 - measure a cold loader, like botocore's side
    emit_files(load.load_installed(service))


def _best_of(repeats: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def _each(work: Callable[[str], None], services: list[str]) -> None:
    for service in services:
        work(service)


def _row(label: str, ours: float, theirs: float) -> None:
    print(
        f"{label:<34} {ours:9.3f} s   botocore load {theirs:8.3f} s   ratio {ours / theirs:5.2f}x"
    )


def main() -> None:
    ours = _best_of(5, lambda: _generate_schemas("codebuild"))
    theirs = _best_of(5, lambda: _botocore_load("codebuild"))
    _row("codebuild: load + IR + 2 schemas", ours, theirs)
    with tempfile.TemporaryDirectory() as out:
        full = _best_of(3, lambda: write.generate(["codebuild"], Path(out) / str(time.time_ns())))
    _row("codebuild: every artifact, written", full, theirs)
    services = load.installed_services()
    ours = _best_of(1, lambda: _each(_generate_schemas, services))
    theirs = _best_of(1, lambda: _each(_botocore_load, services))
    _row(f"all {len(services)} services", ours, theirs)


if __name__ == "__main__":
    main()
