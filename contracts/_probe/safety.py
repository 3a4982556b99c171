"""Where a probe may go: loopback and private addresses only, unless the user says otherwise.

A probe creates and deletes resources, so a typo in ``--endpoint-url`` must never reach a real
account. The endpoint is also tried once before the run, so a dead one is one line, not a
thousand connection errors.
"""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from botocontract.errors import EndpointError


def host_and_port(endpoint_url: str) -> tuple[str, int]:
    parts = urlsplit(endpoint_url)
    if parts.scheme not in {"http", "https"} or not parts.hostname:
        raise EndpointError(f"{endpoint_url}: not an http(s) URL with a host")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise EndpointError(f"{endpoint_url}: {error}") from None
    return parts.hostname, port


def _addresses(host: str, port: int) -> list[str]:
    try:
        found = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except OSError as error:
        raise EndpointError(f"{host}: cannot resolve ({error})") from None
    return sorted({str(info[4][0]) for info in found})


def _is_local(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", maxsplit=1)[0])
    return ip.is_loopback or ip.is_private


def check_endpoint(endpoint_url: str, *, allow_remote: bool = False) -> None:
    """Raise ``EndpointError`` unless every address of the endpoint is loopback or private
    (or ``allow_remote``)."""
    host, port = host_and_port(endpoint_url)
    if allow_remote:
        return
    remote = [address for address in _addresses(host, port) if not _is_local(address)]
    if remote:
        raise EndpointError(
            f"{endpoint_url}: {host} is not a loopback or private address ({remote[0]}); "
            "a probe creates and deletes resources: pass --allow-remote to probe it anyway"
        )


def check_reachable(endpoint_url: str, timeout: float) -> None:
    """One TCP connection, so a dead endpoint is one line before anything is drawn."""
    host, port = host_and_port(endpoint_url)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            pass
    except OSError as error:
        reason = error.strerror or str(error) or type(error).__name__
        raise EndpointError(f"{endpoint_url}: cannot connect ({reason})") from None
