"""botocontract's runtime: validate payloads, draw valid and invalid ones, run contract tests.

Kept import-light (the pytest plugin loads it in every downstream test run): the public names
resolve on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Invalid", "Report", "invalid_strategy", "strategy", "validate"]

_LAZY = {
    "validate": "botocontract.validation",
    "Report": "botocontract.validation",
    "strategy": "botocontract.strategies",
    "invalid_strategy": "botocontract.strategies",
    "Invalid": "botocontract.strategies",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'contracts' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)
