"""One marker for the runtime's leaf types (timestamps, blobs, floats, readable bodies): the
core schema pydantic validates with, and the JSON Schema it shows for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue
    from pydantic_core import core_schema


@dataclass(frozen=True, eq=False)  # hashed by identity: Annotated metadata must hash
class Leaf:
    """``Annotated[T, Leaf(core, shown)]``: validated by ``core()``, shown as ``shown``."""

    core: Callable[[], core_schema.CoreSchema]
    shown: JsonSchemaValue

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return self.core()

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(self.shown)
