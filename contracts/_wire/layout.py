"""The wire schema as the readers and writers walk it: which kind each definition is, and
the ``x-xml`` / ``x-query-name`` layout the emitter wrote beside it."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from botocontract import schemas

Schema = dict[str, Any]
Kind = Literal["structure", "list", "map", "integer", "number", "boolean", "string", "any", "raw"]
LIST_MEMBER = "member"
MAP_KEY = "key"
MAP_VALUE = "value"


@dataclass(frozen=True)
class Slot:
    """One member of a structure as the body lays it out."""

    key: str  # the member's key in the tree (its wire name)
    schema: Schema  # the property schema: a ``$ref`` plus annotations
    element: str  # the element name (or attribute name, or form key part)
    flattened: bool = False
    attribute: bool = False
    query_name: str = ""
    namespace: Schema | None = None


@dataclass
class Definitions:
    """One service's wire ``$defs``, with per-definition lookups computed once."""

    service: str
    defs: dict[str, Schema]
    protocol: str
    xml_namespace: str | None = None
    operations: dict[str, Schema] = field(default_factory=dict)
    _slots: dict[int, tuple[dict[str, Slot], dict[str, Slot]]] = field(default_factory=dict)

    def resolve(self, schema: Schema) -> tuple[str | None, Schema]:
        """Follow ``$ref``s (and the ``[ref, null]`` of sparse items) to a definition."""
        name: str | None = None
        for _ in range(64):  # payload definitions are a $ref to their target: follow the chain
            if "$ref" in schema:
                name = str(schema["$ref"]).rsplit("/", 1)[-1]
                schema = self.defs.get(name, {})
            elif "anyOf" in schema and "type" not in schema:
                branches = [b for b in schema["anyOf"] if b.get("type") != "null"]
                if len(branches) != 1:
                    return name, schema
                schema = branches[0]
            else:
                return name, schema
        return name, schema

    def definition(self, shape: str) -> Schema:
        return self.resolve({"$ref": f"#/$defs/{shape}"})[1]

    def slots(self, definition: Schema) -> tuple[dict[str, Slot], dict[str, Slot]]:
        """A structure's members by element name, and its attribute members by name."""
        found = self._slots.get(id(definition))
        if found is None:
            elements: dict[str, Slot] = {}
            attributes: dict[str, Slot] = {}
            for key, prop in definition.get("properties", {}).items():
                slot = _slot(key, prop)
                (attributes if slot.attribute else elements)[slot.element] = slot
            found = self._slots[id(definition)] = (elements, attributes)
        return found


def _slot(key: str, prop: Schema) -> Slot:
    xml = prop.get("x-xml", {})
    return Slot(
        key,
        prop,
        str(xml.get("name", key)),
        bool(xml.get("flattened")),
        bool(xml.get("attribute")),
        str(prop.get("x-query-name", key)),
        xml.get("namespace"),
    )


def kind(definition: Schema) -> Kind:
    """What a definition describes, as the readers need to know it."""
    if "x-raw-body" in definition:
        return "raw"
    json_type = definition.get("type")
    if isinstance(json_type, list):  # a float: a number, or NaN/Infinity as text
        json_type = json_type[0]
    if json_type == "object":
        return "structure" if "properties" in definition else "map"
    if json_type == "array":
        return "list"
    return _SCALARS.get(str(json_type), "any")


_SCALARS: dict[str, Kind] = {
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "string": "string",
}


def item_element(definition: Schema) -> str:
    return str(definition.get("x-xml", {}).get("member", LIST_MEMBER))


def entry_names(definition: Schema) -> tuple[str, str]:
    xml = definition.get("x-xml", {})
    return str(xml.get("key", MAP_KEY)), str(xml.get("value", MAP_VALUE))


def is_flattened(definition: Schema) -> bool:
    return bool(definition.get("x-xml", {}).get("flattened"))


@cache
def definitions(service: str) -> Definitions:
    """The installed contract's wire layout of ``service``."""
    return definitions_of(service, schemas.load_schema(service, "wire"))


def definitions_of(service: str, document: Schema) -> Definitions:
    """The wire layout of any emitted wire schema (``diff --recordings`` reads two models)."""
    provenance = document.get("x-botocontract", {})
    return Definitions(
        service,
        document["$defs"],
        str(provenance.get("protocol", "json")),
        provenance.get("xmlNamespace"),
        document.get(schemas.OPERATIONS_KEY, {}),
    )
