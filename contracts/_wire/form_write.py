"""Member trees written as form-encoded query and ec2 request bodies, key by key as botocore's
``QuerySerializer`` and ``EC2Serializer`` lay them out (the mirror of ``form_read``). Valid
requests are serialized by botocore itself; this writes the labelled invalid ones."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from botocontract._wire.layout import entry_names, item_element, kind
from botocontract._wire.xml_write import scalar_text

if TYPE_CHECKING:
    from botocontract._wire.layout import Definitions, Schema


def form_body(found: Definitions, operation: str, api_version: str, shape: str, tree: Any) -> str:
    writer = _FormWriter(found, [("Action", operation), ("Version", api_version)])
    writer.write("", tree, {"$ref": f"#/$defs/{shape}"})
    return urlencode(writer.fields)


def _join(prefix: str, part: str) -> str:
    return f"{prefix}.{part}" if prefix else part


@dataclass
class _FormWriter:
    found: Definitions
    fields: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ec2(self) -> bool:
        return self.found.protocol == "ec2"

    def write(self, prefix: str, value: Any, schema: Schema) -> None:
        _, definition = self.found.resolve(schema)
        shape_kind = kind(definition)
        if shape_kind == "structure" and isinstance(value, dict):
            self.structure(prefix, value, definition)
        elif shape_kind == "list" and isinstance(value, list):
            wrapper = prefix if self.ec2 else _join(prefix, item_element(definition))
            self.items(prefix, wrapper, value, definition.get("items", {}))
        elif shape_kind == "map" and isinstance(value, dict):
            self.entries(_join(prefix, "entry"), value, definition)
        elif isinstance(value, dict):  # members where the model has text: keys of their own
            for key, item in value.items():
                self.write(_join(prefix, str(key)), item, {})
        elif isinstance(value, list):
            self.items(prefix, prefix, value, {})
        else:
            self.fields.append((prefix, scalar_text(value)))

    def structure(self, prefix: str, value: dict[str, Any], definition: Schema) -> None:
        elements, _ = self.found.slots(definition)
        by_key = {slot.key: slot for slot in elements.values()}
        for key, item in value.items():
            slot = by_key.get(key)
            if slot is None:
                self.write(_join(prefix, key), item, {})
                continue
            name = _join(prefix, slot.query_name if self.ec2 else slot.element)
            if slot.flattened and not self.ec2 and isinstance(item, list):
                _, target = self.found.resolve(slot.schema)
                self.items(name, name, item, target.get("items", {}))
            else:
                self.write(name, item, slot.schema)

    def items(self, key: str, prefix: str, items: list[Any], schema: Schema) -> None:
        if not items and not self.ec2:
            self.fields.append((key, ""))  # the query protocol sends an empty list as key=
        for number, item in enumerate(items, 1):
            self.write(f"{prefix}.{number}", item, schema)

    def entries(self, prefix: str, value: dict[str, Any], definition: Schema) -> None:
        key_name, value_name = entry_names(definition)
        value_schema = definition.get("additionalProperties", {})
        for number, (key, item) in enumerate(value.items(), 1):
            self.fields.append((f"{prefix}.{number}.{key_name}", str(key)))
            self.write(f"{prefix}.{number}.{value_name}", item, value_schema)
