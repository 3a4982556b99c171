"""What generated code builds on: the one runtime module ``botocontract generate`` output imports.

- ``botocontract.runtime.models``: the base classes and field types of generated pydantic
  models (``models.py``); pydantic only.
- ``botocontract.runtime.nodes``: the strategy nodes generated ``strategies.py`` calls, one
  frozen dataclass per construct; standard library only.

These names are public and kept stable across botocontract releases, so that contracts a
repository generated and committed keep importing. Nothing here imports the generator.
"""

from __future__ import annotations

__all__: list[str] = []
