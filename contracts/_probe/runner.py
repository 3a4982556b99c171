"""The probe loop: for each operation a Hypothesis run draws valid requests, sends them, and
turns each distinct violation into a failure of its own, so Hypothesis shrinks every one to a
small reproducing request. Nothing the endpoint says stops the loop; the budgets do.

Each distinct finding raises its own exception type: Hypothesis tells failures apart by type
and place, shrinks each, and the smallest request that showed a finding is kept whatever
Hypothesis reports at the end (``Findings``).
"""

from __future__ import annotations

import contextlib
import random
import time
from dataclasses import dataclass, field, replace
from functools import cache
from typing import TYPE_CHECKING, Any

from botocontract._probe.client_rules import sendable
from botocontract._probe.examples import examples_for
from botocontract._probe.exchange import ProbeClient, make_client, send
from botocontract._probe.findings import Coverage, FindingKey, Findings, ProbeReport
from botocontract._probe.safety import check_endpoint, check_reachable
from botocontract._probe.stateful import Pool, operation_order

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from botocontract._probe.examples import Examples
    from hypothesis import strategies as st


@dataclass(frozen=True)
class ProbeSettings:
    """What to probe and how far to go: the command's options, one object from the command
    line through ``probe_endpoint`` to the run."""

    operations: tuple[str, ...] = ()  # none: every operation of each service
    max_examples: int = 10  # about this many drawn requests per operation (before shrinking)
    max_requests: int = 2000  # in the whole run, shrinking included
    per_operation: int = 0  # requests per operation, shrinking included (0: 5 x max_examples)
    timeout: float = 10.0  # seconds per request (connect and read)
    seed: int | None = None  # none: a random one, named in the report
    stateful: bool = False
    allow_remote: bool = False
    examples: Examples = field(default_factory=dict)  # (service, operation) -> requests
    documented_examples: bool = True  # botocore's examples-1.json

    @property
    def operation_budget(self) -> int:
        return self.per_operation or max(5 * self.max_examples, self.max_examples + 10)


BATCH = 8  # requests drawn in one Hypothesis example, at most


def examples_for_requests(requests: int, batch_cap: int) -> int:
    """Hypothesis examples that draw about ``requests`` requests in batches of 1 to
    ``batch_cap`` (their mean length is the middle of the range)."""
    return max(1, round(2 * requests / (batch_cap + 1)))


class _Finding(Exception):  # noqa: N818 - never shown: it tells Hypothesis one finding apart
    pass


@cache
def _finding_type(key: tuple[str, ...]) -> type[_Finding]:
    return type(f"Finding{abs(hash(key))}", (_Finding,), {})


def operations_of(service: str, wanted: Sequence[str] = ()) -> list[str]:
    """The service's operations, or the wanted ones (an unknown name is an error)."""
    from botocontract._wire.routing import model_of  # noqa: PLC0415
    from botocontract.errors import UnknownOperationError, UnknownServiceError  # noqa: PLC0415

    model = model_of(service)
    if model is None:
        raise UnknownServiceError(service, [])
    names = list(model.operations)
    if not wanted:
        return sorted(names)
    missing = [name for name in wanted if name not in names]
    mine = [name for name in wanted if name in names]
    if missing and not mine:
        raise UnknownOperationError(service, missing[0], _near(missing[0], names))
    return mine


def _near(name: str, names: list[str]) -> list[str]:
    import difflib  # noqa: PLC0415

    return difflib.get_close_matches(name, names, n=3)


@cache
def request_strategy(service: str, operation: str) -> st.SearchStrategy[Any]:
    from botocontract._wire.routing import model_of  # noqa: PLC0415
    from botocontract.strategies import strategy  # noqa: PLC0415
    from hypothesis import strategies as st  # noqa: PLC0415

    model = model_of(service)
    shape = None if model is None else model.operations[operation].input
    return st.just({}) if shape is None else strategy(service, shape, form="boto3")


class Probe:
    """One run against one endpoint."""

    def __init__(
        self,
        endpoint_url: str,
        settings: ProbeSettings | None = None,
        progress: Callable[[str, str, int, int], None] | None = None,
    ) -> None:
        self.endpoint_url = endpoint_url
        settings = settings or ProbeSettings()
        if settings.seed is None:
            settings = replace(settings, seed=random.randrange(2**32))  # noqa: S311 - not secret
        self.limits = settings
        self.seed = settings.seed
        self.stateful = settings.stateful
        self.progress = progress
        self.findings = Findings()
        self.pool = Pool()
        self.clients: dict[str, ProbeClient] = {}
        self.sent = 0

    def run(self, services: Sequence[str]) -> ProbeReport:
        check_endpoint(self.endpoint_url, allow_remote=self.limits.allow_remote)
        wanted = self.limits.operations
        plan = [(service, op) for service in services for op in operations_of(service, wanted)]
        if self.stateful:
            plan.sort(key=lambda item: (item[0], operation_order(item[1])))
        check_reachable(self.endpoint_url, self.limits.timeout)
        report = ProbeReport(self.endpoint_url, tuple(services), seed=self.seed)
        report.coverage = [Coverage(service, op) for service, op in plan]
        started = time.perf_counter()
        try:
            for index, coverage in enumerate(report.coverage):
                if self.sent >= self.limits.max_requests:
                    report.stopped_by_budget = True
                    break
                if self.progress is not None:
                    self.progress(coverage.service, coverage.operation, index, len(plan))
                self._operation(coverage)
        except KeyboardInterrupt:
            report.interrupted = True
        report.findings = self.findings.sorted()
        report.requests = self.sent
        report.seconds = time.perf_counter() - started
        return report

    def _operation(self, coverage: Coverage) -> None:
        from hypothesis import HealthCheck, Phase, Verbosity, given, settings  # noqa: PLC0415
        from hypothesis import seed as seeded  # noqa: PLC0415
        from hypothesis import strategies as st  # noqa: PLC0415

        service, operation = coverage.service, coverage.operation
        client = self._client(service)
        for request in self._examples(service, operation):
            if self.sent >= self.limits.max_requests:
                return
            self._send(client, coverage, request)
        requests = request_strategy(service, operation)
        budget = min(self.limits.operation_budget, self.limits.max_requests - self.sent)
        spent = [0]
        internal: list[BaseException] = []

        batch_cap = min(BATCH, self.limits.max_examples)

        @seeded(self.seed)
        @settings(
            max_examples=examples_for_requests(self.limits.max_examples, batch_cap),
            database=None,
            deadline=None,
            phases=[Phase.generate, Phase.shrink],
            suppress_health_check=list(HealthCheck),
            verbosity=Verbosity.quiet,
            report_multiple_bugs=True,
        )
        @given(st.data())
        def probe_batch(data: st.DataObject) -> None:
            # A batch of requests per example: Hypothesis's own cost per example (more than a
            # request's drawing) is shared; shrinking deletes the requests a finding needs not.
            for _ in range(data.draw(st.integers(1, batch_cap), label="batch")):
                request = sendable(service, operation, data.draw(requests, label="request"), data)
                if self.stateful:
                    request = self._filled(service, operation, request, data)
                if spent[0] >= budget or internal:
                    return
                spent[0] += 1
                self.sent += 1
                try:
                    keys = self._send(client, coverage, request, counted=True)
                except Exception as error:  # noqa: BLE001 - ours, not the endpoint's: re-raised below
                    internal.append(error)
                    return
                if keys:
                    raise _finding_type(min(keys))

        # Hypothesis re-raises the shrunk findings: every one is already kept in self.findings.
        with contextlib.suppress(Exception):
            probe_batch()
        if internal:
            raise internal[0]

    def _client(self, service: str) -> ProbeClient:
        if service not in self.clients:
            self.clients[service] = make_client(service, self.endpoint_url, self.limits.timeout)
        return self.clients[service]

    def _examples(self, service: str, operation: str) -> list[dict[str, Any]]:
        extra = self.limits.examples
        if not self.limits.documented_examples:
            return extra.get((service, operation), [])
        return examples_for(service, operation, extra)

    def _send(
        self, client: ProbeClient, coverage: Coverage, request: Any, *, counted: bool = False
    ) -> list[FindingKey]:
        if not counted:
            self.sent += 1
        answer = send(client, coverage.service, coverage.operation, request)
        coverage.count(answer)
        if self.stateful and answer.outcome == "answered":
            self.pool.harvest(answer.parsed)
        return self.findings.add(coverage.service, coverage.operation, request, answer)

    def _filled(self, service: str, operation: str, request: Any, data: st.DataObject) -> Any:
        from botocontract.validation import validate  # noqa: PLC0415
        from hypothesis import strategies as st  # noqa: PLC0415

        def choose(values: list[str]) -> str:
            return data.draw(st.sampled_from(values))

        filled = self.pool.fill(request, choose)
        if filled == request:
            return request
        verdict = validate(filled, service, operation=operation, direction="request", form="boto3")
        return filled if verdict.ok else request
