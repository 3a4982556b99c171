"""Payloads from Python and from placebo, as the boto3 form's JSON.

``botocontract.validate`` is called with what boto3 returns (``datetime``, ``bytes``) and with
placebo recordings (``{"__class__": "datetime", "year": ...}``); the schema speaks JSON.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from collections.abc import Callable


def to_json_value(value: Any) -> tuple[Any, bool]:
    """``value`` as boto3's JSON form, and whether anything had to be converted.

    ``datetime`` -> ISO-8601 string, ``bytes`` -> base64, a StreamingBody -> its repr, NaN
    and infinities -> their JSON protocol text (``"NaN"``), placebo's
    ``{"__class__": "datetime", "year": ...}`` -> ISO-8601 string. One orjson round trip finds
    and converts Python objects (a Python walk costs ten times more); only placebo's objects,
    seen in the dumped bytes, need the walk.
    """
    converted: list[bool] = []
    try:
        data = _dumps(value, converted)
        if b"null" in data:  # orjson writes NaN and inf as null: put their text in first
            value, changed = _non_finite_as_text(value)
            if changed:
                converted.append(True)
                data = _dumps(value, converted)
    except orjson.JSONEncodeError:  # a value JSON has no form for, or absurd nesting
        return value, False
    if _PLACEBO_MARK in data:
        return _walk(orjson.loads(data) if converted else value)[0], True
    return (orjson.loads(data), True) if converted else (value, False)


def _dumps(value: Any, converted: list[bool]) -> bytes:
    return orjson.dumps(value, default=_json_default(converted), option=_DUMP_OPTIONS)


def non_finite_as_text(value: Any) -> Any:
    """``value`` with each NaN or infinity as its JSON text: so payloads holding them compare
    equal (NaN is unequal to itself), whether botocore handed on the text or made a float."""
    return _non_finite_as_text(value)[0]


def _non_finite_as_text(value: Any) -> tuple[Any, bool]:
    """``value`` with each NaN or infinity replaced by its text, and whether there was one."""
    if isinstance(value, float):
        return (value, False) if math.isfinite(value) else (non_finite_text(value), True)
    if isinstance(value, dict):
        items = {key: _non_finite_as_text(item) for key, item in value.items()}
        if any(changed for _, changed in items.values()):
            return {key: item for key, (item, _) in items.items()}, True
    if isinstance(value, (list, tuple)):
        found = [_non_finite_as_text(item) for item in value]
        if any(changed for _, changed in found):
            return [item for item, _ in found], True
    return value, False


def _json_default(converted: list[bool]) -> Callable[[Any], Any]:
    def default(value: Any) -> Any:
        for kind, convert in _CONVERTERS.items():
            if isinstance(value, kind):
                converted.append(True)
                return convert(value)
        if _readable(value):  # as json.dumps(default=str) writes a StreamingBody
            converted.append(True)
            return object.__repr__(value)
        raise TypeError(type(value).__name__)

    return default


def _readable(value: Any) -> bool:
    """A file-like object, or botocore's EventStream (iterable, closable, no read)."""
    return callable(getattr(value, "read", None)) or (
        callable(getattr(value, "close", None)) and hasattr(value, "__iter__")
    )


def _walk(value: Any) -> tuple[Any, bool]:
    walker = _WALKERS.get(type(value))
    return walker(value) if walker is not None else (value, False)


def _convert_dict(value: dict[Any, Any]) -> tuple[Any, bool]:
    if value.get("__class__") == "datetime":
        placebo = _placebo_datetime(value)
        if placebo is not None:
            return placebo, True
    items = {key: _walk(item) for key, item in value.items()}
    if not any(changed for _, changed in items.values()):
        return value, False
    return {key: converted for key, (converted, _) in items.items()}, True


def non_finite_text(value: float) -> str:
    """NaN and the infinities as the JSON protocols write them."""
    if math.isnan(value):
        return "NaN"
    return "Infinity" if value > 0 else "-Infinity"


def _convert_list(value: list[Any]) -> tuple[Any, bool]:
    items = [_walk(item) for item in value]
    if not any(changed for _, changed in items):
        return value, False
    return [converted for converted, _ in items], True


def _placebo_datetime(value: dict[str, Any]) -> str | None:
    fields = ("year", "month", "day", "hour", "minute", "second", "microsecond")
    try:
        year, month, day, hour, minute, second, micro = (int(value.get(n, 0)) for n in fields)
        # placebo stores naive UTC; the boto3 form's pattern takes an offset-less time
        return dt.datetime(year, month, day, hour, minute, second, micro).isoformat()  # noqa: DTZ001
    except (TypeError, ValueError):
        return None


_DUMP_OPTIONS = orjson.OPT_PASSTHROUGH_DATETIME | orjson.OPT_NON_STR_KEYS
_PLACEBO_MARK = b'"__class__":"datetime"'
_CONVERTERS: dict[type, Callable[[Any], Any]] = {
    dt.datetime: lambda value: value.isoformat(),
    dt.date: lambda value: value.isoformat(),
    bytes: lambda value: base64.b64encode(value).decode("ascii"),
    bytearray: lambda value: base64.b64encode(bytes(value)).decode("ascii"),
}
_WALKERS: dict[type, Callable[[Any], tuple[Any, bool]]] = {
    dict: _convert_dict,
    list: _convert_list,
}
