"""How members are laid out in XML and form-encoded bodies, as the wire schema states it.

botocore's XML parsers and query serializers read these traits (``locationName`` of list
members and map keys, ``flattened``, ``xmlAttribute``, ``xmlNamespace``, ec2's ``queryName``);
the schema carries them as ``x-xml`` and ``x-query-name`` annotations, which validators ignore
and botocontract's readers and writers follow. Only the XML protocols get them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from botocontract.constants import BODY_FORMATS, XML_PROTOCOLS

if TYPE_CHECKING:
    from botocontract.codegen import ir

__all__ = [
    "BODY_FORMATS",
    "XML_PROTOCOLS",
    "collection_layout",
    "member_layout",
    "structure_layout",
]

Schema = dict[str, Any]
LIST_MEMBER = "member"
MAP_KEY = "key"
MAP_VALUE = "value"


def member_layout(service: ir.Service, member: ir.Member) -> Schema:
    """``x-xml`` (element name, flattened, attribute, namespace) and ``x-query-name``."""
    if service.protocol not in XML_PROTOCOLS:
        return {}
    target = service.shapes[member.target]
    flattened = (member.flattened or target.flattened) and target.type in ("list", "map")
    xml: Schema = {}
    element = _element_name(member, target, flattened)
    if element != member.wire_name:
        xml["name"] = element
    if flattened:
        xml["flattened"] = True
    if member.xml_attribute:
        xml["attribute"] = True
    namespace = member.xml_namespace or target.xml_namespace
    if namespace is not None:
        xml["namespace"] = _namespace(namespace)
    layout: Schema = {"x-xml": xml} if xml else {}
    query_name = _query_name(service, member)
    if query_name != member.wire_name:
        layout["x-query-name"] = query_name
    return layout


def _element_name(member: ir.Member, target: ir.Shape, flattened: bool) -> str:
    """botocore's ``_member_key_name``: a flattened list's items are named by its member."""
    if flattened and target.member is not None and target.member.location_name:
        return target.member.location_name
    return member.wire_name


def _query_name(service: ir.Service, member: ir.Member) -> str:
    """ec2 requests use ``queryName``, else the ``locationName`` capitalized."""
    if service.protocol != "ec2":
        return member.wire_name
    if member.query_name:
        return member.query_name
    if member.location_name:
        return member.location_name[:1].upper() + member.location_name[1:]
    return member.name


def collection_layout(service: ir.Service, shape: ir.Shape) -> Schema:
    """A list's item element name; a map's key and value element names; flattened."""
    if service.protocol not in XML_PROTOCOLS:
        return {}
    names = (
        [("member", shape.member, LIST_MEMBER)]
        if shape.type == "list"
        else [("key", shape.key, MAP_KEY), ("value", shape.value, MAP_VALUE)]
    )
    xml: Schema = {
        role: ref.location_name
        for role, ref, default in names
        if ref is not None and ref.location_name and ref.location_name != default
    }
    if shape.flattened:
        xml["flattened"] = True
    return {"x-xml": xml} if xml else {}


def structure_layout(service: ir.Service, shape: ir.Shape) -> Schema:
    if service.protocol not in XML_PROTOCOLS or shape.xml_namespace is None:
        return {}
    return {"x-xml": {"namespace": _namespace(shape.xml_namespace)}}


def _namespace(namespace: ir.XmlNamespace) -> Schema:
    found: Schema = {"uri": namespace.uri}
    if namespace.prefix:
        found["prefix"] = namespace.prefix
    return found
