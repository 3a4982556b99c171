"""Probe a fake AWS endpoint (moto, LocalStack, a test double) against the contract.

``probe_endpoint(["sqs"], "http://127.0.0.1:5000")`` draws valid requests for each operation,
sends them through a real botocore client (fixed dummy credentials), judges every answer
against the contract and returns a ``ProbeReport``: each distinct violation once, with the
smallest request that showed it, and how each operation was answered. Only loopback and
private addresses are probed unless ``allow_remote``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocontract._probe.findings import Coverage, Finding, ProbeReport
from botocontract._probe.render import RENDERERS, snippet
from botocontract._probe.runner import Limits, Probe

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "Coverage",
    "Finding",
    "Limits",
    "ProbeReport",
    "probe_endpoint",
    "render",
    "snippet",
]


def probe_endpoint(  # noqa: PLR0913 - the command's own options
    services: Sequence[str],
    endpoint_url: str,
    *,
    operations: Sequence[str] = (),
    max_examples: int = 10,
    max_requests: int = 2000,
    timeout: float = 10.0,
    seed: int | None = None,
    stateful: bool = False,
    allow_remote: bool = False,
    examples: dict[tuple[str, str], list[dict[str, Any]]] | None = None,
    documented_examples: bool = True,
    progress: Callable[[str, str, int, int], None] | None = None,
) -> ProbeReport:
    """Probe ``services`` at ``endpoint_url``; Ctrl-C ends it with the report of what ran."""
    limits = Limits(max_examples=max_examples, max_requests=max_requests, timeout=timeout)
    run = Probe(
        endpoint_url,
        limits=limits,
        seed=seed,
        stateful=stateful,
        allow_remote=allow_remote,
        progress=progress,
        examples=examples,
        documented_examples=documented_examples,
    )
    return run.run(list(services), list(operations))


def render(report: ProbeReport, format_name: str = "text") -> str:
    """The report as ``text``, ``json`` or ``junit``."""
    return RENDERERS[format_name](report)
