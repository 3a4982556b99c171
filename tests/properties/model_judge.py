"""Where a pydantic model rejects a payload, as JSON pointers (shared by the strategy tests)."""

from __future__ import annotations

import json
from typing import Any

from pydantic import TypeAdapter, ValidationError


def pointer(path: Any) -> str:
    return "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in path)


def model_places(model: Any, payload: Any, form: str = "boto3") -> set[str]:
    """Where ``model`` (a model class or a type alias) reports errors; a wire-form payload is
    read as the JSON text it is."""
    adapter: TypeAdapter[Any] = TypeAdapter(model)
    try:
        if form == "wire":
            adapter.validate_json(json.dumps(payload))
        else:
            adapter.validate_python(payload)
    except ValidationError as error:
        return {pointer(detail["loc"]) for detail in error.errors()}
    return set()
