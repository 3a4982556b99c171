"""moto's server on 127.0.0.1, as the tests that record or probe real boto3 calls start it."""

from __future__ import annotations

import urllib.request
from contextlib import contextmanager
from typing import TYPE_CHECKING

from moto.server import ThreadedMotoServer

if TYPE_CHECKING:
    from collections.abc import Iterator


@contextmanager
def moto_server() -> Iterator[str]:
    """A fresh moto server's URL. moto's backends are per process, so what other tests in this
    pytest worker created is forgotten first."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        url = f"http://{host}:{port}"
        reset = urllib.request.Request(f"{url}/moto-api/reset", method="POST")  # noqa: S310
        urllib.request.urlopen(reset, timeout=10).close()  # noqa: S310 - our loopback server
        yield url
    finally:
        server.stop()
