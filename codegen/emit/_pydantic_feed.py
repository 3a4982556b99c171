"""The JSON Schema that datamodel-code-generator reads to write the pydantic models.

It is the boto3-form schema of ``codegen.emit.jsonschema`` with the few definitions that
pydantic should hold as Python values rather than JSON text swapped for the runtime types of
``contracts._model_types``: timestamps become ``datetime``, blobs ``bytes``, and the ``Error``
object of modeled exceptions a shared model. Everything else, constraints included, is fed
through unchanged, so the models and the schema state one set of rules.
"""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING, Any

from codegen.emit.jsonschema import emit_schema

if TYPE_CHECKING:
    from collections.abc import Callable

    from codegen import ir

Schema = dict[str, Any]

RUNTIME = "contracts._model_types"
TIMESTAMP_TYPE = f"{RUNTIME}.BotocoreTimestamp"
BLOB_TYPE = f"{RUNTIME}.BotocoreBlob"
ERROR_DETAILS_TYPE = f"{RUNTIME}.BotocoreError"
ERROR_MEMBER = "Error"  # the key botocore's parser adds to every error response
CUSTOM_TYPE_KEY = "customTypePath"  # datamodel-code-generator's own extension keyword


def feed(service: ir.Service) -> Schema:
    """The document handed to datamodel-code-generator: only ``$defs``, no root model."""
    source = emit_schema(service, "boto3")
    definitions = copy.deepcopy(source["$defs"])
    for name, shape in service.shapes.items():
        rewrite = _REWRITES.get(shape.type)
        if rewrite is not None:
            definitions[name] = rewrite(shape, definitions[name])
        if shape.error is not None:
            _use_error_details(definitions[name])
        # pydantic can mark a field deprecated, not a type: an alias holding Field(deprecated=)
        # draws a warning at import. Members that target the shape keep their own mark.
        definitions[name].pop("deprecated", None)
    return {"$schema": source["$schema"], "$defs": definitions}


def _keep_annotations(schema: Schema) -> Schema:
    return {key: schema[key] for key in ("title", "description") if key in schema}


def _timestamp(_shape: ir.Shape, schema: Schema) -> Schema:
    return {**_keep_annotations(schema), "type": "string", CUSTOM_TYPE_KEY: TIMESTAMP_TYPE}


def _blob(shape: ir.Shape, schema: Schema) -> Schema:
    """Size bounds count bytes, which is what a ``bytes`` value's length is."""
    rewritten: Schema = {**_keep_annotations(schema), "type": "string", CUSTOM_TYPE_KEY: BLOB_TYPE}
    if shape.min is not None:
        rewritten["minLength"] = shape.min
    if shape.max is not None:
        rewritten["maxLength"] = shape.max
    return rewritten


def _use_error_details(schema: Schema) -> None:
    properties = schema.get("properties", {})
    if ERROR_MEMBER in properties:
        description = properties[ERROR_MEMBER].get("description", "")
        properties[ERROR_MEMBER] = {CUSTOM_TYPE_KEY: ERROR_DETAILS_TYPE, "description": description}


_REWRITES: dict[str, Callable[[ir.Shape, Schema], Schema]] = {
    "timestamp": _timestamp,
    "blob": _blob,
}
