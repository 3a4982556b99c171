"""``--stateful``: identifiers an endpoint returned feed the requests of later operations.

Every text value of a successful response is kept under its member name (a list's items under
the singular: ``names`` -> ``name``); a later request member of the same name (or a list of
them) takes one of the kept values instead of a random one, so ``DeleteQueue`` gets the
``QueueUrl`` that ``CreateQueue`` returned. The filled request is judged by the contract
before it is sent: a kept value that breaks the request's own rules is not used. Operations
run creators first and destroyers last.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

MAX_VALUES = 16  # per member name: the newest ones
MAX_TEXT = 2048
_CREATES = re.compile(r"^(Create|Put|Register|Start|Run|Import|Add|Send|Allocate|Issue)")
_DESTROYS = re.compile(r"^(Delete|Remove|Deregister|Stop|Terminate|Purge|Untag|Release)")


def operation_order(operation: str) -> tuple[int, str]:
    """Creators first, destroyers last, the rest between (by name within each)."""
    if _CREATES.match(operation):
        return (0, operation)
    if _DESTROYS.match(operation):
        return (2, operation)
    return (1, operation)


def _singular(name: str) -> str:
    return name[:-1] if len(name) > 1 and name.endswith("s") else name


class Pool:
    """Values seen in responses, by lower-case member name."""

    def __init__(self) -> None:
        self.values: dict[str, list[str]] = {}

    def _keep(self, name: str, value: str) -> None:
        if not value or len(value) > MAX_TEXT:
            return
        kept = self.values.setdefault(name.lower(), [])
        if value in kept:
            return
        kept.append(value)
        del kept[:-MAX_VALUES]

    def harvest(self, payload: Any, name: str = "") -> None:
        if isinstance(payload, dict):
            for key, value in payload.items():
                if key != "ResponseMetadata":
                    self.harvest(value, str(key))
        elif isinstance(payload, list):
            for item in payload:
                self.harvest(item, _singular(name))
        elif isinstance(payload, str) and name:
            self._keep(name, payload)

    def fill(self, request: Any, choose: Callable[[list[str]], str]) -> Any:
        """``request`` with kept values where a member's name matches (a copy)."""
        if not isinstance(request, dict):
            return request
        filled: dict[str, Any] = {}
        for key, value in request.items():
            kept = self.values.get(str(key).lower())
            if isinstance(value, str) and kept:
                filled[key] = choose(kept)
                continue
            kept = self.values.get(_singular(str(key)).lower())
            if isinstance(value, list) and kept and all(isinstance(v, str) for v in value):
                filled[key] = [choose(kept) for _ in value] or [choose(kept)]
                continue
            if isinstance(value, dict):
                filled[key] = self.fill(value, choose)
            elif isinstance(value, list):
                filled[key] = [self.fill(item, choose) for item in value]
            else:
                filled[key] = value
        return filled
