"""What judging costs a probe: ``botocontract probe`` against moto's server, side by side with
the same requests sent as plain boto3 calls to the same server.

One moto server on 127.0.0.1 for the run, reset before each probe and before its replay (the
same requests meet the same state). The probe runs once cold (a fresh process's first
probe: contracts loaded, strategies built) and then warm with another seed; every request it
sent is recorded and sent again through a plain botocore client (the client boto3 hands out,
one attempt, errors caught). Warm figures are the best of ``--repeat`` runs of each (moto's
answer times vary from run to run on a shared machine). Printed per run: the plain calls'
seconds, the probe's, their ratio; the time the probe spent judging answers and what it adds
to the plain calls; and the probe's time outside its requests (Hypothesis drawing and
shrinking, start-up). Target from the issue: judging adds at most 25% over the calls.

Run: ``python -m benchmarks probe`` or ``python -m benchmarks.bench_probe [--max-examples N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from botocontract._probe import exchange
from botocontract._probe.exchange import DUMMY_KEY
from botocontract._probe.runner import Probe, ProbeSettings

if TYPE_CHECKING:
    from botocontract._probe.exchange import Answer, ProbeClient, RawResponse
    from botocontract._probe.findings import Coverage, FindingKey

CASES = (
    ("codebuild", ("ListProjects", "BatchGetProjects", "ListBuilds", "BatchGetBuilds")),
    ("sqs", ("ListQueues", "GetQueueUrl", "GetQueueAttributes", "CreateQueue")),
)


@dataclass
class Timed:
    """Where one probe's time went."""

    recorded: list[tuple[str, str, Any]] = field(default_factory=list)
    total: float = 0.0  # the whole run
    sending: float = 0.0  # inside send: the call, then judging its answer
    judging: float = 0.0  # inside judge


class RecordingProbe(Probe):
    """A probe that keeps every request it sent, to send them again without it."""

    def __init__(self, *args: Any, timed: Timed, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.timed = timed

    def _send(
        self, client: ProbeClient, coverage: Coverage, request: Any, *, counted: bool = False
    ) -> list[FindingKey]:
        self.timed.recorded.append((coverage.service, coverage.operation, request))
        start = time.perf_counter()
        try:
            return super()._send(client, coverage, request, counted=counted)
        finally:
            self.timed.sending += time.perf_counter() - start


def probe_once(url: str, service: str, operations: tuple[str, ...], **options: Any) -> Timed:
    settings = ProbeSettings(operations=operations, documented_examples=False, **options)
    timed = Timed()
    judge = exchange.judge

    def timed_judge(service: str, operation: str, http: RawResponse, parsed: Any) -> Answer:
        start = time.perf_counter()
        try:
            return judge(service, operation, http, parsed)
        finally:
            timed.judging += time.perf_counter() - start

    exchange.judge = timed_judge  # send looks it up at each call
    try:
        start = time.perf_counter()
        RecordingProbe(url, settings, timed=timed).run([service])
        timed.total = time.perf_counter() - start
    finally:
        exchange.judge = judge
    return timed


@cache
def _plain_session() -> Any:
    """A session of its own, kept across runs as the probe keeps its one."""
    import botocore.session  # noqa: PLC0415

    return botocore.session.Session()


def plain_calls(url: str, recorded: list[tuple[str, str, Any]]) -> float:
    """Seconds to send the recorded requests through plain botocore clients."""
    from botocore import xform_name  # noqa: PLC0415
    from botocore.config import Config  # noqa: PLC0415
    from botocore.exceptions import BotoCoreError, ClientError  # noqa: PLC0415

    session = _plain_session()
    config = Config(retries={"total_max_attempts": 1, "mode": "standard"})
    clients: dict[str, Any] = {}
    start = time.perf_counter()
    for service, operation, request in recorded:
        if service not in clients:
            clients[service] = session.create_client(
                service,
                region_name="us-east-1",
                endpoint_url=url,
                aws_access_key_id=DUMMY_KEY,
                aws_secret_access_key=DUMMY_KEY,
                config=config,
            )
        with contextlib.suppress(ClientError, BotoCoreError):
            getattr(clients[service], xform_name(operation))(**request)
    return time.perf_counter() - start


def measure(  # noqa: PLR0913, PLR0917 - one row's parameters
    url: str, service: str, operations: tuple[str, ...], examples: int, seed: int, repeat: int
) -> tuple[Timed, float]:
    """The fastest of ``repeat`` probes (one seed: the same requests each time) and the
    fastest of as many plain replays; moto reset before each, so every run meets one state."""
    probes, plains = [], []
    for _ in range(repeat):
        reset(url)
        probes.append(probe_once(url, service, operations, max_examples=examples, seed=seed))
        reset(url)
        plains.append(plain_calls(url, probes[-1].recorded))
    return min(probes, key=lambda timed: timed.total), min(plains)


def reset(url: str) -> None:
    """Forget every resource: moto's own endpoint for it."""
    request = urllib.request.Request(f"{url}/moto-api/reset", method="POST")  # noqa: S310
    urllib.request.urlopen(request, timeout=10).close()  # noqa: S310 - our loopback server


def main(argv: list[str] | None = None) -> None:
    from moto.server import ThreadedMotoServer  # noqa: PLC0415 - a test dependency

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs: the best of N")
    args = parser.parse_args(argv if argv is not None else [])
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        print(
            f"{'':<18} {'requests':>8} {'plain':>7} {'probe':>7} {'ratio':>6}   "
            f"{'judging':>7} {'ratio':>6}   {'drawing':>7} {'probe/s':>7}"
        )
        for run, seed, repeat in (("cold", 0, 1), ("warm", 1, args.repeat)):
            for service, operations in CASES:
                timed, plain = measure(url, service, operations, args.max_examples, seed, repeat)
                requests = len(timed.recorded)
                drawing = timed.total - timed.sending  # Hypothesis, start-up, the loop
                print(
                    f"{service + ' (' + run + ')':<18} {requests:8d} {plain:6.2f}s "
                    f"{timed.total:6.2f}s {timed.total / plain:5.2f}x   "
                    f"{timed.judging:6.2f}s {(plain + timed.judging) / plain:5.2f}x   "
                    f"{drawing:6.2f}s {requests / timed.total:7.0f}"
                )
        print(
            "ratio: probe / plain calls; judging ratio: (plain + judging) / plain; "
            "drawing: the probe's time outside its requests"
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main(sys.argv[1:])
