"""A size budget per drawn payload: how many members and list or map items it may hold.

Left to themselves, a coin flip per optional member and Hypothesis's list sizes multiply down
a wide, deep shape: a first EC2 ``DescribeInstancesResult`` is tens of kilobytes, and
shrinking it takes minutes. One budget is shared by every draw of one payload; each member
and item spends one unit, and once it is spent optional members stay absent and lists stop at
their minimum (what the model requires is always drawn, so the payload stays valid).
"""

from __future__ import annotations

from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st


@dataclass
class Budget:
    remaining: float

    def left(self) -> bool:
        return self.remaining > 0

    def spend(self, units: int = 1) -> None:
        self.remaining -= units


UNLIMITED = Budget(float("inf"))
# The budget of the payload being drawn; outside ``budgeted`` (a node drawn on its own), none.
_CURRENT: ContextVar[Budget] = ContextVar("botocontract_budget", default=UNLIMITED)


def current() -> Budget:
    return _CURRENT.get()


def budgeted(strategy: st.SearchStrategy[Any], size: int | None) -> st.SearchStrategy[Any]:
    """``strategy`` with a fresh budget of ``size`` units for each payload (None: no limit)."""
    if size is not None and size < 0:
        raise ValueError(f"budget must be a non-negative number of members and items, not {size}")
    if strategy.is_empty:
        return strategy  # Hypothesis tells an empty strategy apart only unwrapped
    units = float("inf") if size is None else size

    @st.composite
    def within_budget(draw: st.DrawFn) -> Any:
        token = _CURRENT.set(Budget(units))
        try:
            return draw(strategy)
        finally:
            _CURRENT.reset(token)

    return within_budget()
