"""Member trees written as form-encoded query and ec2 request bodies, key by key as botocore's
``QuerySerializer`` and ``EC2Serializer`` lay them out (the mirror of ``form_read``). Valid
requests are serialized by botocore itself; this writes the labelled invalid ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from botocontract._wire.layout import entry_names, item_element, kind
from botocontract._wire.xml_write import _scalar_text

if TYPE_CHECKING:
    from botocontract._wire.layout import Definitions, Schema


def form_body(found: Definitions, operation: str, api_version: str, shape: str, tree: Any) -> str:
    fields: list[tuple[str, str]] = [("Action", operation), ("Version", api_version)]
    _write(found, fields, "", tree, {"$ref": f"#/$defs/{shape}"})
    return urlencode(fields)


def _join(prefix: str, part: str) -> str:
    return f"{prefix}.{part}" if prefix else part


def _write(
    found: Definitions, fields: list[tuple[str, str]], prefix: str, value: Any, schema: Schema
) -> None:
    _, definition = found.resolve(schema)
    shape_kind = kind(definition)
    if shape_kind == "structure" and isinstance(value, dict):
        _structure(found, fields, prefix, value, definition)
    elif shape_kind == "list" and isinstance(value, list):
        name = "" if found.protocol == "ec2" else item_element(definition)
        _items(
            found,
            fields,
            _join(prefix, name) if name else prefix,
            value,
            definition.get("items", {}),
        )
    elif shape_kind == "map" and isinstance(value, dict):
        _entries(found, fields, _join(prefix, "entry"), value, definition)
    elif isinstance(value, dict):  # members where the model has text: keys of their own
        for key, item in value.items():
            _write(found, fields, _join(prefix, str(key)), item, {})
    elif isinstance(value, list):
        _items(found, fields, prefix, value, {})
    else:
        fields.append((prefix, _scalar_text(value)))


def _structure(
    found: Definitions,
    fields: list[tuple[str, str]],
    prefix: str,
    value: dict[str, Any],
    definition: Schema,
) -> None:
    elements, _ = found.slots(definition)
    by_key = {slot.key: slot for slot in elements.values()}
    for key, item in value.items():
        slot = by_key.get(key)
        if slot is None:
            _write(found, fields, _join(prefix, key), item, {})
            continue
        name = slot.query_name if found.protocol == "ec2" else slot.element
        if slot.flattened and found.protocol != "ec2" and isinstance(item, list):
            _, target = found.resolve(slot.schema)
            _items(found, fields, _join(prefix, name), item, target.get("items", {}))
        else:
            _write(found, fields, _join(prefix, name), item, slot.schema)


def _items(
    found: Definitions, fields: list[tuple[str, str]], prefix: str, items: list[Any], schema: Schema
) -> None:
    if not items and found.protocol != "ec2":
        fields.append((prefix.rsplit(".", 1)[0], ""))  # the query protocol sends empty lists
    for number, item in enumerate(items, 1):
        _write(found, fields, f"{prefix}.{number}", item, schema)


def _entries(
    found: Definitions,
    fields: list[tuple[str, str]],
    prefix: str,
    value: dict[str, Any],
    definition: Schema,
) -> None:
    key_name, value_name = entry_names(definition)
    for number, (key, item) in enumerate(value.items(), 1):
        fields.append((f"{prefix}.{number}.{key_name}", str(key)))
        _write(
            found,
            fields,
            f"{prefix}.{number}.{value_name}",
            item,
            definition.get("additionalProperties", {}),
        )
