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
from botocontract._probe.runner import Probe, ProbeSettings

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = [
    "Coverage",
    "Finding",
    "ProbeReport",
    "ProbeSettings",
    "probe_endpoint",
    "render",
    "snippet",
]


def probe_endpoint(
    services: Sequence[str],
    endpoint_url: str,
    settings: ProbeSettings | None = None,
    *,
    progress: Callable[[str, str, int, int], None] | None = None,
    **options: Any,
) -> ProbeReport:
    """Probe ``services`` at ``endpoint_url``; Ctrl-C ends it with the report of what ran.

    ``options`` are ``ProbeSettings``'s fields (``operations``, ``max_examples``, ``seed``,
    ``stateful``, ``examples``, ...) when no ``settings`` is given.
    """
    if settings is None:
        if "operations" in options:
            options["operations"] = tuple(options["operations"])
        settings = ProbeSettings(**options)
    elif options:
        raise TypeError("probe_endpoint: give settings or options, not both")
    return Probe(endpoint_url, settings, progress).run(list(services))


def render(report: ProbeReport, format_name: str = "text") -> str:
    """The report as ``text``, ``json`` or ``junit``."""
    return RENDERERS[format_name](report)
