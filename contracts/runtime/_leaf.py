"""Markers of the runtime's types: ``Leaf`` for a leaf type (timestamps, blobs, floats, readable
bodies), the core schema pydantic validates with and the JSON Schema it shows; ``AfterCheck``
for a check run once a value's own type has validated it (float bounds, bounded patterns)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pydantic_core import core_schema

if TYPE_CHECKING:
    from collections.abc import Callable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue


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


class AfterCheck:
    """``Annotated[T, ..., check]``: ``check._check`` runs on the value ``T`` validated."""

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self._check, handler(source))

    def _check(self, value: Any) -> Any:
        raise NotImplementedError
