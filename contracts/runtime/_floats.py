"""Floats as botocore hands them over: numbers, NaN and the infinities, bounds that NaN passes.

botocore's parsers give ``float("nan")`` / ``float("inf")`` for XML, query and CBOR bodies and
hand JSON's text (``"NaN"``, ``"Infinity"``, ``"-Infinity"``) on as it is; the boto3-form JSON
Schema takes both. pydantic's own ``ge``/``le`` reject NaN, which compares false with every
bound, so the generated models state a float shape's bounds with ``FloatRange`` instead: an
infinity beyond a bound is out of range, NaN is in range (botocore's ParamValidator agrees).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Annotated

from botocontract.constants import NON_FINITE_PATTERNS, non_finite_pattern
from botocontract.runtime._leaf import AfterCheck, Leaf
from pydantic_core import PydanticKnownError, core_schema

if TYPE_CHECKING:
    from pydantic import GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

NON_FINITE_TEXT = NON_FINITE_PATTERNS[False, False]  # every text form; bounds are FloatRange's


def _text_to_json(value: float | None) -> float | str | None:
    """JSON has no number for NaN or the infinities: their text, as the schema takes it (an
    absent optional member's None comes here too: ``NOT_NULL`` took the nullable off)."""
    if value is None or math.isfinite(value):
        return value
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _float_schema() -> core_schema.CoreSchema:
    from_text = core_schema.chain_schema(
        [
            core_schema.str_schema(strict=True, pattern=NON_FINITE_TEXT, regex_engine="python-re"),
            core_schema.no_info_plain_validator_function(float),
        ]
    )
    return core_schema.union_schema(
        [core_schema.float_schema(strict=True), from_text],
        mode="left_to_right",
        custom_error_type="float_or_non_finite_text",
        custom_error_message="Input should be a number, or NaN, Infinity, -Infinity as text",
        serialization=core_schema.plain_serializer_function_ser_schema(
            _text_to_json, when_used="json"
        ),
    )


_Float = Leaf(_float_schema, {"type": ["number", "string"], "pattern": NON_FINITE_TEXT})


BotocoreFloat = Annotated[float, _Float]


class FloatRange(AfterCheck):
    """``Annotated[BotocoreFloat, FloatRange(ge=..., le=...)]``: bounds that NaN is within."""

    def __init__(self, *, ge: float | None = None, le: float | None = None) -> None:
        self.ge = ge
        self.le = le

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        bounds = {"minimum": self.ge, "maximum": self.le}
        pattern = non_finite_pattern(self.ge is not None, self.le is not None)
        kept = {key: value for key, value in bounds.items() if value is not None}
        return {**handler(schema), **kept, "pattern": pattern}

    def _check(self, value: float) -> float:
        # pydantic's own errors, so that a bound reads alike on every type
        if self.ge is not None and value < self.ge:
            raise PydanticKnownError("greater_than_equal", {"ge": self.ge})
        if self.le is not None and value > self.le:
            raise PydanticKnownError("less_than_equal", {"le": self.le})
        return value  # NaN compares false with both bounds: in range

    def __repr__(self) -> str:
        return f"FloatRange(ge={self.ge!r}, le={self.le!r})"
