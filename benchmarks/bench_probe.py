"""What judging costs a probe: ``botocontract probe`` against moto's server, side by side with
the same requests sent as plain boto3 calls to the same server.

One moto server on 127.0.0.1 for the run, in a process of its own (as CI runs a fake), reset
before each probe and before its replay (the same requests meet the same state). The probe runs
once cold (a fresh process's first probe: contracts loaded, strategies built) and then warm
with another seed; every request it sent is recorded and sent again through a plain botocore
client (the client boto3 hands out, one attempt, errors caught). Warm figures are the best of
``--repeat`` runs of each (moto's answer times vary from run to run on a shared machine).
Printed per run: the plain calls' seconds, the probe's, their ratio; the probe's time judging
answers, and outside its requests (Hypothesis drawing and shrinking, start-up); and what those
two add to the plain calls. Target from the issue: at most 25%.

Run: ``python -m benchmarks probe`` or ``python -m benchmarks.bench_probe [--max-examples N]``.
"""

from __future__ import annotations

import argparse
import contextlib
import socket
import subprocess
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
    from collections.abc import Iterator

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


@contextlib.contextmanager
def moto_process() -> Iterator[str]:
    """moto's server in a process of its own, as CI runs a fake (``moto_server``, a container):
    in this process it would share the interpreter lock with the probe it answers."""
    with socket.socket() as probe_port:  # a free port, handed to moto
        probe_port.bind(("127.0.0.1", 0))
        port = probe_port.getsockname()[1]
    command = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):  # up to 20 s for moto to import and listen
            with contextlib.suppress(OSError):
                reset(url)
                break
            time.sleep(0.1)
        else:
            raise RuntimeError(f"moto's server did not answer at {url}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3, help="warm runs: the best of N")
    args = parser.parse_args(argv if argv is not None else [])
    with moto_process() as url:
        print(
            f"{'':<18} {'requests':>8} {'plain':>7} {'probe':>7} {'ratio':>6}   "
            f"{'judging':>7} {'drawing':>7} {'adds':>6}"
        )
        for run, seed, repeat in (("cold", 0, 1), ("warm", 1, args.repeat)):
            for service, operations in CASES:
                timed, plain = measure(url, service, operations, args.max_examples, seed, repeat)
                drawing = timed.total - timed.sending  # Hypothesis, start-up, the loop
                adds = (drawing + timed.judging) / plain
                print(
                    f"{service + ' (' + run + ')':<18} {len(timed.recorded):8d} {plain:6.2f}s "
                    f"{timed.total:6.2f}s {timed.total / plain:5.2f}x   "
                    f"{timed.judging:6.2f}s {drawing:6.2f}s {adds:6.0%}"
                )
        print(
            "ratio: probe / plain calls (both wait on the same fake: its answer times vary by "
            "more than the probe's own work); adds: the probe's own work (drawing, judging) over "
            "the plain calls, the issue's target (at most 25%)"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
