"""The JSON Schema that datamodel-code-generator reads to write the pydantic models.

It is the boto3-form schema of ``botocontract.codegen.emit.jsonschema`` with the few definitions
that pydantic should hold as Python values rather than JSON text swapped for the runtime types of
``botocontract.runtime.models``: timestamps become ``datetime``, blobs ``bytes``, floats the
runtime's float (NaN and the infinities as floats or text; the bounds placed by
``botocontract.codegen.emit._pydantic_floats``), and the ``Error`` object of modeled exceptions a
shared model. Members that hold a sensitive value get
``repr: false`` (``botocontract.codegen.emit._secrets``); patterns that Rust's regex crate runs
are written in its syntax (``botocontract.codegen.emit._pydantic_patterns``). Everything else,
constraints included, is fed through unchanged, so the models and the schema state one set of
rules.

One rule is restated, not changed: a ``hostLabel`` member's ``minLength: 1`` beside its ``$ref``.
datamodel-code-generator would merge the two into a new alias named after the target's title
(``AccountId1``, ``AccountId10``...; one per member) and could even give the target's own name to
a merged copy, so the feed states the rule in a form it renders on the field alone.
"""

from __future__ import annotations

import copy
import re
from typing import TYPE_CHECKING, Any

from botocontract.codegen.customizations import request_shapes
from botocontract.codegen.emit._pydantic_patterns import rust_pattern
from botocontract.codegen.emit._secrets import hidden_members
from botocontract.codegen.emit.jsonschema import emit_schema
from botocontract.constants import request_key

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.codegen import ir

Schema = dict[str, Any]

RUNTIME = "botocontract.runtime.models"
TIMESTAMP_TYPE = f"{RUNTIME}.BotocoreTimestamp"
BLOB_TYPE = f"{RUNTIME}.BotocoreBlob"
READABLE_TYPE = f"{RUNTIME}.BotocoreReadable"
FLOAT_TYPE = f"{RUNTIME}.BotocoreFloat"
REQUEST_BLOB_TYPE = f"{RUNTIME}.BotocoreRequestBlob"
REQUEST_BODY_TYPE = f"{RUNTIME}.BotocoreRequestBody"
ERROR_DETAILS_TYPE = f"{RUNTIME}.BotocoreError"
ERROR_MEMBER = "Error"  # the key botocore's parser adds to every error response
CUSTOM_TYPE_KEY = "customTypePath"  # datamodel-code-generator's own extension keyword
REPR_KEY = "repr"  # passed on as Field(repr=...): the emitter names it in field_extra_keys


def feed(service: ir.Service, class_names: dict[str, str]) -> Schema:
    """The document handed to datamodel-code-generator: only ``$defs``, no root model."""
    source = emit_schema(service, "boto3")
    definitions = copy.deepcopy(source["$defs"])
    _patterns_for_rust(service, definitions)
    requests = request_keys(service)
    for key, shape in _defined_shapes(service, requests):
        request = key in requests
        rewrite = (_REQUEST_REWRITES if request else _REWRITES).get(shape.type)
        if rewrite is not None:
            definitions[key] = rewrite(shape, definitions[key])
        if shape.error is not None:
            _use_error_details(definitions[key])
        _restate_host_labels(shape, definitions[key], definitions)
        _use_customized(definitions[key], REQUEST_BODY_TYPE if request else READABLE_TYPE)
        # pydantic can mark a field deprecated, not a type: an alias holding Field(deprecated=)
        # draws a warning at import. Members that target the shape keep their own mark.
        definitions[key].pop("deprecated", None)
    _hide_secrets(service, definitions)
    return {"$schema": source["$schema"], "$defs": _plain_keys(definitions, class_names)}


def request_keys(service: ir.Service) -> dict[str, str]:
    """The ``$defs`` keys that define a shape as requests read it -> that shape."""
    found = request_shapes(service)
    keys = {name: name for name in service.shapes if name in found.in_place}
    return keys | {request_key(name): name for name in service.shapes if name in found.twinned}


def _defined_shapes(service: ir.Service, requests: dict[str, str]) -> list[tuple[str, ir.Shape]]:
    """Every ``$defs`` key with its shape: the shapes', then the request definitions'."""
    twins = [(key, service.shapes[name]) for key, name in requests.items() if key != name]
    return [*service.shapes.items(), *twins]


_PLAIN_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_DEFS = "#/$defs/"


def _plain_keys(definitions: Schema, class_names: dict[str, str]) -> Schema:
    """Definitions keyed (and titled) by plain words where a shape name is not one.

    datamodel-code-generator reads a ``$ref`` as a URL and rewrites a title that is no
    identifier before naming its class, so a shape name with a newline, ``#`` or a quote would
    neither resolve nor keep the class name chosen for it: such a definition is keyed and
    titled by that class name (unique, and never another shape's name)."""
    keys = {name: name if _PLAIN_KEY.fullmatch(name) else class_names[name] for name in definitions}
    rekeyed: Schema = {}
    for name, schema in definitions.items():
        rekeyed[keys[name]] = _rekeyed(schema, keys)
        if keys[name] != name:
            rekeyed[keys[name]]["title"] = keys[name]
    return rekeyed


def _rekeyed(schema: Any, keys: dict[str, str]) -> Any:
    if isinstance(schema, dict):
        out = {key: _rekeyed(value, keys) for key, value in schema.items()}
        ref = out.get("$ref")
        if isinstance(ref, str) and ref.startswith(_DEFS):
            out["$ref"] = _DEFS + keys[ref[len(_DEFS) :]]
        return out
    if isinstance(schema, list):
        return [_rekeyed(item, keys) for item in schema]
    return schema


def _keep_annotations(schema: Schema) -> Schema:
    return {key: schema[key] for key in ("title", "description") if key in schema}


def _timestamp(_shape: ir.Shape, schema: Schema) -> Schema:
    return {**_keep_annotations(schema), "type": "string", CUSTOM_TYPE_KEY: TIMESTAMP_TYPE}


def _blob(shape: ir.Shape, schema: Schema, custom_type: str = BLOB_TYPE) -> Schema:
    """Size bounds count bytes, which is what a ``bytes`` value's length is."""
    rewritten: Schema = {**_keep_annotations(schema), "type": "string"}
    rewritten[CUSTOM_TYPE_KEY] = custom_type
    if shape.min is not None:
        rewritten["minLength"] = shape.min
    if shape.max is not None:
        rewritten["maxLength"] = shape.max
    return rewritten


def _float(shape: ir.Shape, schema: Schema) -> Schema:
    """One runtime type, not the schema's number-or-text union, which datamodel-code-generator
    would split into two aliases; its ``ge``/``le`` become ``FloatRange`` afterwards."""
    rewritten: Schema = {**_keep_annotations(schema), "type": "number", CUSTOM_TYPE_KEY: FLOAT_TYPE}
    if shape.min is not None:
        rewritten["minimum"] = shape.min
    if shape.max is not None:
        rewritten["maximum"] = shape.max
    return rewritten


def _patterns_for_rust(service: ir.Service, definitions: dict[str, Schema]) -> None:
    """Each pattern Rust's regex crate runs in its Rust spelling; the others stay as the schema
    writes them (``botocontract.codegen.emit._pydantic_patterns`` places both)."""
    for name, shape in service.shapes.items():
        if shape.pattern is not None and "pattern" in definitions[name]:
            rust = rust_pattern(shape.pattern)
            if rust is not None:
                definitions[name]["pattern"] = rust


def _request_blob(shape: ir.Shape, schema: Schema) -> Schema:
    return _blob(shape, schema, REQUEST_BLOB_TYPE)


def _hide_secrets(service: ir.Service, definitions: dict[str, Schema]) -> None:
    """``repr: false`` on members that hold a sensitive value: Field(repr=False) in the model
    (and in a structure's request definition)."""
    for name, members in hidden_members(service).items():
        for key in (name, request_key(name)):
            properties = definitions.get(key, {}).get("properties", {})
            for member in members:
                if member in properties:
                    properties[member] = {**properties[member], REPR_KEY: False}


def _use_error_details(schema: Schema) -> None:
    properties = schema.get("properties", {})
    if ERROR_MEMBER in properties:
        description = properties[ERROR_MEMBER].get("description", "")
        properties[ERROR_MEMBER] = {CUSTOM_TYPE_KEY: ERROR_DETAILS_TYPE, "description": description}


def _use_customized(schema: Schema, readable_type: str) -> None:
    """Members botocore hands over (or a request takes) as a file-like object hold the
    runtime's type for one; members it may hand over as None are nullable."""
    properties = schema.get("properties", {})
    for key, member in properties.items():
        if member.get("x-boto3") == "readable":
            properties[key] = {CUSTOM_TYPE_KEY: readable_type}


def _restate_host_labels(
    shape: ir.Shape, definition: Schema, definitions: dict[str, Schema]
) -> None:
    properties = definition.get("properties", {})
    for member in shape.members:
        if member.host_label and member.name in properties:
            target = definitions[member.target]
            properties[member.name] = _host_label(properties[member.name], target)


def _host_label(schema: Schema, target: Schema) -> Schema:
    """The member's schema with ``minLength: 1`` where datamodel-code-generator keeps it apart.

    Where the target already rules out "" (or is no string, which ``minLength`` ignores), the
    plain ``$ref`` says the same. A plain string target is restated inline without its title,
    so the field holds the target's constraints with ``min_length=1`` and no alias is added.
    Anything else (an enum listing "") keeps the schema as it is: the right verdict, an extra
    alias.
    """
    if _never_empty(target):
        return {key: value for key, value in schema.items() if key != "minLength"}
    if target.get("type") != "string" or "enum" in target or CUSTOM_TYPE_KEY in target:
        return schema
    inline = {key: value for key, value in target.items() if key not in _SHAPE_ANNOTATIONS}
    siblings = {key: value for key, value in schema.items() if key != "$ref"}
    least = max(schema.get("minLength", 1), inline.get("minLength", 0))
    return {**inline, **siblings, "minLength": least}


_SHAPE_ANNOTATIONS = frozenset({"title", "description", "deprecated", "x-deprecated-message"})


def _never_empty(target: Schema) -> bool:
    if target.get("type") != "string":
        return True
    if "enum" in target:
        return "" not in target["enum"]
    return bool(target.get("minLength", 0) >= 1)


_REWRITES: dict[str, Callable[[ir.Shape, Schema], Schema]] = {
    "timestamp": _timestamp,
    "blob": _blob,
    "float": _float,
    "double": _float,
}
_REQUEST_REWRITES = {**_REWRITES, "blob": _request_blob}
