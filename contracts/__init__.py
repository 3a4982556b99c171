"""botocontract: executable contracts from botocore's service models.

Validate payloads, draw valid and invalid ones, load a service's generated models; the pytest
plugin's helpers are in ``botocontract.pytest_plugin``, every error and warning in
``botocontract.errors``.

Kept import-light (the pytest plugin loads it in every downstream test run): the public names
resolve on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["Invalid", "Report", "invalid_strategy", "models", "strategy", "validate"]

_LAZY = {
    "validate": "botocontract.validation",
    "Report": "botocontract.validation",
    "strategy": "botocontract.strategies",
    "invalid_strategy": "botocontract.strategies",
    "Invalid": "botocontract.strategies",
    "models": "botocontract.sources",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'botocontract' has no attribute {name!r}")
    return getattr(import_module(_LAZY[name]), name)
