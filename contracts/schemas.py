"""The emitted JSON Schemas at run time: the generated files, or emitted from the IR.

A service with generated files (the project's folder, else the bundled ones) uses those exact
files: what was reviewed is what runs. Any other botocore service is emitted on first use from
the installed model (``botocontract.sources`` decides which).
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from botocontract.constants import request_key
from botocontract.sources import source

if TYPE_CHECKING:
    from jsonschema.protocols import Validator

Form = Literal["wire", "boto3"]
Schema = dict[str, Any]
OPERATIONS_KEY = "x-botocontract-operations"


@cache
def load_schema(service: str, form: Form) -> Schema:
    """The schema document of ``service`` in ``form``."""
    found = source(service)
    if found.directory is not None:
        path = found.directory / f"schema.{form}.json"
        document: Schema = json.loads(path.read_text(encoding="utf-8"))
        return document
    return _emit_from_installed(service, form)


def _emit_from_installed(service: str, form: Form) -> Schema:
    # Only for services that were not generated: the schema emitter, never the heavy ones.
    from botocontract.codegen.emit.jsonschema import emit_schema  # noqa: PLC0415
    from botocontract.codegen.load import load_installed  # noqa: PLC0415

    return emit_schema(load_installed(service), form)


def shape_names(service: str) -> list[str]:
    return list(load_schema(service, "boto3")["$defs"])


def operations(service: str) -> dict[str, dict[str, Any]]:
    """Operation name -> {"input", "output", "errors"} shape names."""
    table: dict[str, dict[str, Any]] = load_schema(service, "boto3")[OPERATIONS_KEY]
    return table


def request_definition(service: str, shape: str) -> str:
    """The boto3 form's ``$defs`` key of ``shape`` in a request: ``<shape>@request`` where
    requests read it differently from responses that reach it too, else the shape's own."""
    twin = request_key(shape)
    return twin if twin in load_schema(service, "boto3")["$defs"] else shape


def shape_schema(service: str, shape: str, form: Form) -> Schema:
    """A standalone schema for one shape: a ``$ref`` into the service document's ``$defs``."""
    from botocontract.errors import UnknownShapeError  # noqa: PLC0415

    document = load_schema(service, form)
    if shape not in document["$defs"]:
        import difflib  # noqa: PLC0415

        close = difflib.get_close_matches(shape, list(document["$defs"]), n=3)
        raise UnknownShapeError(service, shape, close)
    return {"$schema": document["$schema"], "$ref": f"#/$defs/{shape}", "$defs": document["$defs"]}


@cache
def shape_validator(service: str, shape: str, form: Form) -> Validator:
    """A jsonschema Draft 2020-12 validator for one shape (cached: building one costs)."""
    from jsonschema import Draft202012Validator  # noqa: PLC0415

    return Draft202012Validator(shape_schema(service, shape, form))
