"""Requests sent before the drawn ones: botocore's documented examples, and the user's own.

Random requests rarely pass a fake's business rules (a CodeBuild project needs a service role
ARN and a source location), so the answers to realistic requests would go unjudged. botocore
ships ``examples-1.json`` for many services; each example input the contract accepts is sent
as it is. A user adds theirs with ``--example FILE`` (JSON Lines of ``{"operation",
"request"}``, or ``{"service", ...}`` too) or ``examples=`` from Python. An example the
contract rejects is not sent (a probe sends only valid requests).
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any

from botocontract._files import FileProblem, read_regular
from botocontract.errors import RecordingError

if TYPE_CHECKING:
    from pathlib import Path

Examples = dict[tuple[str, str], list[dict[str, Any]]]


@cache
def documented(service: str) -> dict[str, tuple[str, ...]]:
    """botocore's example inputs per operation (as JSON text: cached, never shared mutably)."""
    import botocore.loaders  # noqa: PLC0415
    from botocore.exceptions import DataNotFoundError  # noqa: PLC0415

    try:
        data = botocore.loaders.create_loader().load_service_model(service, "examples-1")
    except DataNotFoundError:
        return {}
    found: dict[str, tuple[str, ...]] = {}
    for operation, entries in sorted(data.get("examples", {}).items()):
        inputs = [entry.get("input") for entry in entries if isinstance(entry, dict)]
        found[operation] = tuple(
            json.dumps(item, sort_keys=True) for item in inputs if isinstance(item, dict)
        )
    return found


def valid(service: str, operation: str, request: dict[str, Any]) -> bool:
    from botocontract.validation import validate  # noqa: PLC0415

    return validate(request, service, operation=operation, direction="request", form="boto3").ok


def examples_for(service: str, operation: str, extra: Examples) -> list[dict[str, Any]]:
    """The user's examples first, then botocore's, each once and only if the contract accepts
    it."""
    candidates = [*extra.get((service, operation), [])]
    candidates += [json.loads(text) for text in documented(service).get(operation, ())]
    seen: set[str] = set()
    chosen = []
    for request in candidates:
        text = json.dumps(request, sort_keys=True, default=repr)
        if text in seen or not valid(service, operation, request):
            continue
        seen.add(text)
        chosen.append(request)
    return chosen


def read_examples(path: Path, services: tuple[str, ...]) -> Examples:
    """``--example FILE``: one ``{"operation", "request"[, "service"]}`` per line."""
    found: Examples = {}
    try:  # a regular file only, bounded: a FIFO here would hang the probe
        lines = read_regular(path, "an example file").decode("utf-8").splitlines()
    except FileProblem as problem:
        raise RecordingError(path, str(problem)) from None
    except UnicodeDecodeError as error:
        raise RecordingError(path, f"cannot read: {error}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise RecordingError(path, f"line {number}: not JSON ({error.msg})") from None
        if not (
            isinstance(record, dict)
            and isinstance(record.get("operation"), str)
            and isinstance(record.get("request", {}), dict)
        ):
            raise RecordingError(path, f"line {number}: not an {{operation, request}} record")
        service = record.get("service", services[0] if len(services) == 1 else None)
        if not isinstance(service, str):
            raise RecordingError(path, f"line {number}: name the service (several are probed)")
        key = (service, record["operation"])
        found.setdefault(key, []).append(record.get("request", {}))
    return found
