"""Labelled invalid payloads in the wire form of XML and CBOR protocols: the mutated tree
written as the body the protocol carries, for the mutations that body can carry.

XML has no null and no types of its own: a number written where text belongs is text that
reads back as valid, an empty flattened list is no element at all, and XML 1.0 cannot hold
every character. Those mutations are left out (by what was done, never by a verdict); every
other one is written, and the validator must reject the body at the labelled pointer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocontract._wire.layout import Definitions, definitions, kind
from botocontract.constants import is_xml_text

if TYPE_CHECKING:
    from botocontract._strategy.mutations import Invalid

TEXT_KINDS = frozenset({"string", "any", "raw"})  # text reads back as text: no type to break


def carried(service: str, shape: str, invalid: Invalid) -> bool:
    """Whether an XML or form body can carry ``invalid``'s one broken rule."""
    found = definitions(service)
    if not _all_xml_text(invalid.payload):
        return False
    label = invalid.violation
    if label.rule == "null":
        return False
    steps = _steps(label.path)
    at, flattened = _schema_at(found, shape, steps[:-1] if label.on_key else steps)
    if label.rule == "type":  # the root is the document itself: its wrappers stay
        empty = _value_at(invalid.payload, steps) in ([], {})  # an empty element either way
        return bool(steps) and kind(at) not in TEXT_KINDS and not flattened and not empty
    if label.rule == "too_few_items":
        return not flattened  # an empty flattened list is the member left out
    if _form_encoded(found, service, shape):  # an empty structure sends no key at all
        parent = steps[:-1] if label.rule == "required" else steps
        return not _holds_empty_structure(_value_at(invalid.payload, parent))
    return True


def _holds_empty_structure(value: Any) -> bool:
    if isinstance(value, dict):
        return not value or any(_holds_empty_structure(item) for item in value.values())
    if isinstance(value, list):
        return any(_holds_empty_structure(item) for item in value)
    return False


def _form_encoded(found: Definitions, service: str, shape: str) -> bool:
    from botocontract._wire.encode import role_of  # noqa: PLC0415

    return found.protocol in ("query", "ec2") and role_of(service, shape)[0] == "input"


def _steps(path: str) -> list[str]:
    return [part.replace("~1", "/").replace("~0", "~") for part in path.split("/")[1:]]


def _schema_at(found: Definitions, shape: str, steps: list[str]) -> tuple[dict[str, Any], bool]:
    """The definition at a pointer into a tree of ``shape``, and whether a flattened member
    holds it."""
    _, definition = found.resolve({"$ref": f"#/$defs/{shape}"})
    flattened = False
    for step in steps:
        shape_kind = kind(definition)
        if shape_kind == "structure":
            elements, attributes = found.slots(definition)
            slot = next(
                (s for s in (*elements.values(), *attributes.values()) if s.key == step), None
            )
            if slot is None:
                return {}, False
            flattened = slot.flattened
            _, definition = found.resolve(slot.schema)
        elif shape_kind == "list":
            _, definition = found.resolve(definition.get("items", {}))
            flattened = False
        elif shape_kind == "map":
            _, definition = found.resolve(definition.get("additionalProperties", {}))
            flattened = False
        else:
            return {}, False
    return definition, flattened


def _value_at(payload: Any, steps: list[str]) -> Any:
    for step in steps:
        payload = payload[int(step)] if isinstance(payload, list) else payload[step]
    return payload


def _all_xml_text(value: Any) -> bool:
    if isinstance(value, str):
        return is_xml_text(value)
    if isinstance(value, dict):
        return all(_all_xml_text(k) and _all_xml_text(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_all_xml_text(item) for item in value)
    return True


def invalid_body(service: str, shape: str, tree: Any) -> Any:
    """The mutated tree as the body: XML for responses (and rest-xml requests), form-encoded
    for query and ec2 requests, CBOR for rpc-v2-cbor."""
    from botocontract._wire import xml_write  # noqa: PLC0415
    from botocontract._wire.encode import error_code, role_of  # noqa: PLC0415

    found = definitions(service)
    role, operation = role_of(service, shape)
    if found.protocol == "smithy-rpc-v2-cbor":
        import cbor2  # noqa: PLC0415

        return bytes(cbor2.dumps(tree))
    if role == "input" and found.protocol in ("query", "ec2"):
        from botocontract._wire.form_write import form_body  # noqa: PLC0415

        return form_body(found, operation, _api_version(service), shape, tree)
    if role == "output":
        return xml_write.response_document(found, operation, tree)
    if role == "error":
        return xml_write.error_document(found, shape, error_code(service, shape), tree)
    return xml_write.element_document(found, shape, tree)


def _api_version(service: str) -> str:
    from botocontract import schemas  # noqa: PLC0415

    return str(schemas.load_schema(service, "wire")["x-botocontract"]["apiVersion"])
