"""The trait cases of botocore's installed models, each by name.

A case is one place a response carries something a plain reading of the model gets wrong:
a ``jsonvalue`` member, a streamed or event-stream payload, a float (which may be NaN), or a
modeled error. Names are ``service:Operation:Member`` for operation-level cases,
``service:Shape.member`` (``Shape[]`` a list's items, ``Shape{}`` a map's values) for members
that many outputs share, and ``service:Operation:ErrorShape`` for errors.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from functools import cache
from typing import Any, Literal

import botocore.session

Kind = Literal["jsonvalue", "streaming", "eventstream", "nan", "error"]
KINDS: tuple[Kind, ...] = ("jsonvalue", "streaming", "eventstream", "nan", "error")
ITEM = "[]"  # a path step into a list's items
VALUE = "{}"  # a path step into a map's values
FLOATS = frozenset({"float", "double"})


@dataclass(frozen=True)
class Case:
    name: str
    kind: Kind
    service: str
    operation: str
    path: tuple[str, ...] = ()  # from the output shape to the member
    error: str | None = None  # the error shape of an error case
    through_event_stream: bool = False  # only reachable inside an event stream's events


@cache
def session() -> botocore.session.Session:
    return botocore.session.get_session()


@cache
def service_model(service: str) -> Any:
    return session().get_service_model(service)


def services() -> list[str]:
    return list(session().get_available_services())


def cases(service: str) -> list[Case]:
    model = service_model(service)
    found = [*_payload_cases(service, model), *_member_cases(service, model)]
    return found + _error_cases(service, model)


def _payload_cases(service: str, model: Any) -> list[Case]:
    found = []
    for operation in model.operation_names:
        output = model.operation_model(operation).output_shape
        name = output.serialization.get("payload") if output is not None else None
        if name is None:
            continue
        member = output.members[name]
        if member.serialization.get("eventstream"):
            found.append(Case(f"{service}:{operation}:{name}", "eventstream", service, operation))
        elif member.serialization.get("streaming"):
            found.append(Case(f"{service}:{operation}:{name}", "streaming", service, operation))
    return found


def _member_cases(service: str, model: Any) -> list[Case]:
    """jsonvalue and float members, each at its first operation's shortest path; those only an
    event stream's events hold are found in a second walk that enters event streams."""
    found: dict[str, Case] = {}
    for into_streams in (False, True):
        for operation in model.operation_names:
            output = model.operation_model(operation).output_shape
            if output is None:
                continue
            for label, kind, path in _walk(output, into_streams=into_streams):
                if label not in found:
                    name = f"{service}:{label}"
                    found[label] = Case(name, kind, service, operation, path, None, into_streams)
    return sorted(found.values(), key=lambda case: case.name)


def _walk(root: Any, *, into_streams: bool) -> list[tuple[str, Kind, tuple[str, ...]]]:
    """Breadth first: every jsonvalue and float position under ``root`` at its shortest path."""
    seen = {root.name}
    queue: deque[tuple[Any, tuple[str, ...]]] = deque([(root, ())])
    found: list[tuple[str, Kind, tuple[str, ...]]] = []
    while queue:
        shape, path = queue.popleft()
        for step, child in _children(shape):
            if child.serialization.get("eventstream") and not into_streams:
                continue
            here = (*path, step)
            label = f"{shape.name}.{step}" if step not in {ITEM, VALUE} else shape.name + step
            if child.type_name in FLOATS:
                found.append((label, "nan", here))
            elif step not in {ITEM, VALUE} and child.serialization.get("jsonvalue"):
                found.append((label, "jsonvalue", here))
            if child.name not in seen:
                seen.add(child.name)
                queue.append((child, here))
    return found


def _children(shape: Any) -> list[tuple[str, Any]]:
    if shape.type_name == "structure":
        return list(shape.members.items())
    if shape.type_name == "list":
        return [(ITEM, shape.member)]
    if shape.type_name == "map":
        return [(VALUE, shape.value)]
    return []


def _error_cases(service: str, model: Any) -> list[Case]:
    found = {  # an operation may list an error twice (docdb, neptune): one case
        f"{service}:{operation}:{error.name}": Case(
            f"{service}:{operation}:{error.name}", "error", service, operation, (), error.name
        )
        for operation in model.operation_names
        for error in model.operation_model(operation).error_shapes
    }
    return list(found.values())
