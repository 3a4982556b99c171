"""botocontract's pytest plugin (entry point ``pytest11: botocontract``).

Import-light on purpose: pytest loads it in every run of every downstream repository.
"""

from __future__ import annotations
