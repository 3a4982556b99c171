"""Which parts of the pydantic models hold botocore ``sensitive`` values, so that none is printed.

Two places print a model's values: its ``repr()``/``str()``, and the ``input_value=...`` of a
``ValidationError``. A structure member is kept out of ``repr`` when its value shows a secret as
plain data: its target is sensitive, or a list or map (keys included) that holds one, or the
structure is itself sensitive. Nested structures are models that hide their own members.

Error messages are decided by the model validation starts from (pydantic reads
``hide_input_in_errors`` from the outermost model only), and a failing parent prints its whole
input dict; so every structure that reaches a sensitive shape, at any depth, hides its inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.codegen import ir


def hidden_members(service: ir.Service) -> dict[str, tuple[str, ...]]:
    """Structure name -> its members kept out of ``repr`` (only structures that have some)."""
    shown_secret = _plain_secrets(service)
    hidden: dict[str, tuple[str, ...]] = {}
    for name, shape in service.shapes.items():
        if shape.type != "structure":
            continue
        members = tuple(
            m.name for m in shape.members if shape.sensitive or m.target in shown_secret
        )
        if members:
            hidden[name] = members
    return hidden


def _plain_secrets(service: ir.Service) -> frozenset[str]:
    """Shapes whose value, printed as plain data, shows a sensitive value.

    Sensitive shapes, and lists and maps that hold one (as a key, a value or a member) without
    a structure in between: a structure prints itself, hiding what it must.
    """
    return _reaching(service, lambda shape: shape.type in ("list", "map"))


def input_hiding_structures(service: ir.Service) -> frozenset[str]:
    """Structures from which a sensitive shape is reachable, through any shapes."""
    reaching = _reaching(service, lambda _shape: True)
    return frozenset(n for n in reaching if service.shapes[n].type == "structure")


def _reaching(service: ir.Service, passes: Callable[[ir.Shape], bool]) -> frozenset[str]:
    """Sensitive shapes, and the shapes that reach one through shapes that ``passes`` admits."""
    referrers: dict[str, set[str]] = {}
    for name, shape in service.shapes.items():
        for target in shape.targets():
            referrers.setdefault(target, set()).add(name)
    found = {name for name, shape in service.shapes.items() if shape.sensitive}
    todo = list(found)
    while todo:
        for referrer in referrers.get(todo.pop(), ()):
            if referrer not in found and passes(service.shapes[referrer]):
                found.add(referrer)
                todo.append(referrer)
    return frozenset(found)
