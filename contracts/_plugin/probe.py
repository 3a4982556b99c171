"""The ``contract_probe`` fixture: probe the fake a suite already talks to (moto's server,
LocalStack, a test double) and fail the test on every violation not declared known.

Runs with seed 0 unless told otherwise, so a failure in CI replays locally. ``known`` lists
the fake's defects a project has accepted, as ``(operation, path, rule)``; the test still fails
on any other, and drift fails too under ``--contract-strict``.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from botocontract._probe.findings import Finding, ProbeReport


class ContractProbe:
    """``contract_probe(services, endpoint_url, known=(), **options)`` -> ``ProbeReport``;
    ``options`` are ``botocontract.probe.ProbeSettings``'s fields."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self.reports: list[ProbeReport] = []

    def __call__(
        self,
        services: str | Sequence[str],
        endpoint_url: str,
        *,
        known: Iterable[tuple[str, str, str]] = (),
        **options: Any,
    ) -> ProbeReport:
        __tracebackhide__ = True
        from botocontract.probe import probe_endpoint, render  # noqa: PLC0415

        names = [services] if isinstance(services, str) else list(services)
        report = probe_endpoint(names, endpoint_url, **{"seed": 0, **options})
        self.reports.append(report)
        accepted = {_known_key(*entry) for entry in known}
        unexpected = [f for f in report.findings if self._fails(f, accepted)]
        if unexpected:
            pytest.fail(render(replace(report, findings=unexpected), "text"), pytrace=False)
        return report

    def _fails(self, finding: Finding, accepted: set[tuple[str, str, str]]) -> bool:
        if finding.severity != "error" and not self.strict:
            return False
        return _known_key(finding.operation, finding.path, finding.rule) not in accepted


def _known_key(operation: str, path: str, rule: str) -> tuple[str, str, str]:
    from botocontract._probe.findings import finding_key  # noqa: PLC0415

    _, name, where, what = finding_key("", operation, path, rule)
    return (name, where, what)
