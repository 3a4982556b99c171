"""JSON Schema (Draft 2020-12) emitter: one document per service and payload form.

Every named botocore shape becomes a ``$defs`` entry under its exact name; members refer to
their target with ``$ref`` and carry the member's own documentation beside it. Each trait of
the IR that changes what a valid payload is becomes a keyword; traits JSON Schema has no
keyword for (sensitive, exact blob sizes) become ``x-`` annotations that validators ignore
and botocontract's runtime reads.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal

from botocontract.codegen.customizations import (
    boto3_output_effects,
    is_body_json_value,
    request_shapes,
    root_text_members,
)
from botocontract.codegen.emit._http_bindings import HTTP_KEY, REST_PROTOCOLS, http_schemas
from botocontract.codegen.emit._xml_layout import (
    BODY_FORMATS,
    XML_PROTOCOLS,
    collection_layout,
    member_layout,
    structure_layout,
)
from botocontract.codegen.regex import UntranslatablePattern, translate
from botocontract.constants import (
    BASE64_PATTERN,
    BYTES_REPR_PATTERN,
    ISO_TIMESTAMP_PATTERN,
    READABLE_REPR_PATTERN,
    RFC822_TIMESTAMP_PATTERN,
    non_finite_pattern,
    request_key,
)
from botocontract.errors import ModelFileError

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.codegen import ir

Form = Literal["wire", "boto3"]
FORMS: tuple[Form, ...] = ("wire", "boto3")
DRAFT = "https://json-schema.org/draft/2020-12/schema"
OPERATIONS_KEY = "x-botocontract-operations"
Schema = dict[str, Any]


@dataclass(frozen=True)
class DroppedPattern:
    """A pattern the emitter could not translate, and so does not enforce."""

    shape: str
    pattern: str
    reason: str


@dataclass
class _Context:
    service: ir.Service
    form: Form
    dropped: list[DroppedPattern] = field(default_factory=list)
    request: bool = False  # a request's boto3 form: its blobs take any str

    def ref(self, shape_name: str) -> Schema:
        """A reference to the definition this context reads ``shape_name`` by."""
        if self.request and shape_name in request_shapes(self.service).twinned:
            return ref(request_key(shape_name))
        return ref(shape_name)

    def as_request(self) -> _Context:
        return _Context(self.service, self.form, self.dropped, request=True)


def emit_files(service: ir.Service) -> dict[str, bytes]:
    """The emitter the writer runs: both forms, as canonical JSON bytes."""
    return {f"schema.{form}.json": dump(emit_schema(service, form)) for form in FORMS}


def dump(document: Schema) -> bytes:
    """Canonical bytes: insertion order is the model's order, so no key sorting is needed."""
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode()


def emit_schema(service: ir.Service, form: Form) -> Schema:
    return _emit(service, form)[0]


def dropped_patterns(service: ir.Service) -> tuple[DroppedPattern, ...]:
    """Patterns of ``service`` that could not be translated (the same in both forms)."""
    return _emit(service, "boto3")[1]


def emit_warnings(service: ir.Service) -> list[str]:
    """One line per pattern the schemas do not enforce, naming the constraint dropped."""
    return [
        f"{service.name}: shape {d.shape}: pattern {d.pattern!r} is not enforced ({d.reason})"
        for d in dropped_patterns(service)
    ]


@lru_cache(maxsize=8)  # several emitters read the same service's schema in one run
def _emit(service: ir.Service, form: Form) -> tuple[Schema, tuple[DroppedPattern, ...]]:
    context = _Context(service, form)
    definitions = _definitions(service, context)
    document: Schema = {
        "$schema": DRAFT,
        "$id": f"urn:botocontract:{service.name}:{service.api_version}:{form}",
        "title": f"{service.full_name} ({form} form)",
        "description": _form_description(service, form),
        "x-botocontract": _provenance(service, form),
        OPERATIONS_KEY: _operations(service),
        "$defs": definitions,
    }
    if form == "wire" and service.protocol in REST_PROTOCOLS:
        document[HTTP_KEY] = http_schemas(service)
    return document, tuple(context.dropped)


def _definitions(service: ir.Service, context: _Context) -> Schema:
    """One definition per shape; in the boto3 form, a shape only requests reach and read
    differently (it holds a blob) is defined as requests read it, and one both directions
    reach gets a second definition for requests, ``<shape>@request``, after all the others."""
    if context.form != "boto3":
        return {name: shape_schema(shape, context) for name, shape in service.shapes.items()}
    found = request_shapes(service)
    request = context.as_request()
    definitions = {
        name: shape_schema(shape, request if name in found.in_place else context)
        for name, shape in service.shapes.items()
    }
    twins = {request_key(name): name for name in service.shapes if name in found.twinned}
    taken = sorted(twins.keys() & definitions.keys())
    if taken:  # a model naming a shape like a request definition: refused, never overwritten
        raise ModelFileError(service.source, f"shapes {taken} are named like request definitions")
    for key, name in twins.items():
        definitions[key] = shape_schema(service.shapes[name], request)
    return definitions


def _form_description(service: ir.Service, form: Form) -> str:
    if form == "boto3":
        return (
            "Payloads as boto3 takes and returns them, serialized to JSON: member names as keys, "
            "timestamps as ISO-8601 / str(datetime) strings or epoch numbers, blobs as base64 "
            "(or the b'...' text json.dumps(default=str) writes). A request's blob may be any "
            "text too, which botocore sends as its UTF-8: a shape that responses reach as well "
            "is defined for requests a second time, as <shape>@request."
        )
    if service.protocol in XML_PROTOCOLS:
        return _XML_DESCRIPTION.format(protocol=service.protocol)
    return (
        f"Payloads as the {service.protocol} protocol puts them in the HTTP body: locationName "
        "keys, protocol timestamps, base64 blobs; header, URI and status-code members absent."
    )


_XML_DESCRIPTION = (
    "The {protocol} protocol sends no JSON: responses are XML documents and requests are "
    "form-encoded (query, ec2) or XML (rest-xml). This schema judges the member tree "
    "botocontract reads from such a body: one property per element (its locationName), lists "
    "and maps as arrays and objects whatever their XML wrapping, element text as the member's "
    "type reads it (numbers, true/false, ISO-8601 timestamps, base64 blobs); x-xml says how "
    "each member is laid out (element names, flattened lists, attributes, namespaces) and "
    "x-query-name the form key where it differs. Header, URI and status-code members absent."
)


def _provenance(service: ir.Service, form: Form) -> Schema:
    provenance: Schema = {
        "service": service.name,
        "apiVersion": service.api_version,
        "form": form,
        "protocol": service.protocol,
        "botocoreVersion": service.botocore_version,
        "modelSha256": service.model_sha256,
    }
    if form == "wire" and service.protocol in BODY_FORMATS:
        provenance["body"] = BODY_FORMATS[service.protocol]
        if service.xml_namespace:
            provenance["xmlNamespace"] = service.xml_namespace
    return provenance


def _operations(service: ir.Service) -> Schema:
    return {name: _operation_entry(op, service) for name, op in service.operations.items()}


def _operation_entry(op: ir.Operation, service: ir.Service) -> Schema:
    entry: Schema = {"input": op.input, "output": op.output, "errors": list(op.errors)}
    codes = _error_codes(op, service)
    if codes:
        entry["errorCodes"] = codes
    if op.result_wrapper:
        entry["resultWrapper"] = op.result_wrapper
    return entry


def _error_codes(op: ir.Operation, service: ir.Service) -> Schema:
    """The code a body names an error by, where it is not the shape's name: query, ec2 and
    rest-xml services (and JSON ones compatible with query) send the shape's ``error.code``
    (IAM's ``NoSuchEntityException`` is ``NoSuchEntity`` on the wire)."""
    codes: Schema = {}
    for name in op.errors:
        shape = service.shapes.get(name)
        code = shape.error.code if shape is not None and shape.error is not None else ""
        if code and code != name and code not in op.errors:
            codes.setdefault(code, name)
    return codes


def ref(shape_name: str) -> Schema:
    return {"$ref": f"#/$defs/{shape_name}"}


# --- shapes -------------------------------------------------------------------------------


def shape_schema(shape: ir.Shape, context: _Context) -> Schema:
    """The ``$defs`` entry of one shape: its annotations, then its constraints."""
    schema: Schema = {"title": shape.name}
    if shape.documentation:
        schema["description"] = shape.documentation
    schema.update(_annotations(shape))
    schema.update(_BY_TYPE[shape.type](shape, context))
    return schema


def _annotations(shape: ir.Shape) -> Schema:
    notes: Schema = {}
    if shape.deprecated:
        notes["deprecated"] = True
        if shape.deprecated.message:
            notes["x-deprecated-message"] = shape.deprecated.message
    if shape.sensitive:
        notes["x-sensitive"] = True
    return notes


def _structure(shape: ir.Shape, context: _Context) -> Schema:
    if shape.document:
        return {"x-document": True}  # any JSON value
    if context.form == "wire" and shape.payload:
        return _payload_body(shape, context)
    members = [m for m in shape.members if context.form == "boto3" or m.in_body]
    key = _member_key(context.form)
    schema: Schema = {
        "type": "object",
        "properties": {key(m): _property(shape, m, context) for m in members},
    }
    schema["properties"].update(_error_extras(shape, context.form, context.service.protocol))
    if context.form == "boto3":
        schema["properties"].update(_added_members(shape, context))
    required = [key(m) for m in members if m.required]
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    if shape.union:  # exactly one member set
        schema.update(_union_bounds(schema, context))
    if context.form == "wire":
        schema.update(structure_layout(context.service, shape))
        text_member = root_text_members(context.service).get(shape.name)
        if text_member is not None:  # the element's own text is this member (a handler reads it)
            schema["x-xml-text"] = text_member
    return schema


def _union_bounds(schema: Schema, context: _Context) -> Schema:
    """Exactly one member set. A JSON or CBOR union on the wire may also name its member in
    ``__type``, which botocore's parsers drop before counting."""
    one: Schema = {"minProperties": 1, "maxProperties": 1}
    if context.form != "wire" or context.service.protocol in XML_PROTOCOLS:
        return one
    schema["properties"]["__type"] = {"type": "string", "description": "Ignored by botocore."}
    two: Schema = {"minProperties": 2, "maxProperties": 2}
    return {"if": {"required": ["__type"]}, "then": two, "else": one}


def _property(shape: ir.Shape, member: ir.Member, context: _Context) -> Schema:
    schema = _member_schema(member, context) | _layout(member, context)
    effect = boto3_output_effects(context.service).members.get((shape.name, member.name))
    if context.form != "boto3":
        if _inlined_json_value(member, effect, context):
            return _json_document(schema)
        return _member_timestamp_format(member, schema)
    if context.request and (shape.name, member.name) in request_shapes(context.service).bodies:
        return _readable(schema)  # the request's body: a file-like object too
    if context.request and is_body_json_value(member):
        return schema  # botocore sends it as the text it is given
    return schema if effect is None else _BOTO3_EFFECTS[effect](schema)


def _inlined_json_value(member: ir.Member, effect: str | None, context: _Context) -> bool:
    """A JSON body's jsonvalue member of an output: its text, or the JSON inlined (as boto3)."""
    inlined = member.json_value and member.location is None and effect == "json-document"
    return inlined and context.service.protocol not in XML_PROTOCOLS


def _member_timestamp_format(member: ir.Member, schema: Schema) -> Schema:
    """A member's own ``timestampFormat`` replaces its target's on the wire."""
    if member.timestamp_format not in _TIMESTAMP_FORMATS:
        return schema
    inline = {key: value for key, value in schema.items() if key != "$ref"}
    return {"title": member.target, **inline, **_TIMESTAMP_FORMATS[str(member.timestamp_format)]}


def _json_document(schema: Schema) -> Schema:
    """Handed over as the JSON the text holds (any JSON value); text that is none stays text."""
    decoded = {"type": ["object", "array", "number", "boolean", "null"]}
    return {"anyOf": [decoded, schema], "x-boto3": "json-document"}


def _nullable_member(schema: Schema) -> Schema:
    return {"anyOf": [schema, {"type": "null"}], "x-boto3": "nullable"}


def _readable(schema: Schema) -> Schema:
    """A file-like object (a StreamingBody, an EventStream): its repr in the JSON form."""
    handle = {"type": "string", "pattern": READABLE_REPR_PATTERN, "x-readable": True}
    return {"anyOf": [handle, schema], "x-boto3": "readable"}


_BOTO3_EFFECTS: dict[str, Callable[[Schema], Schema]] = {
    "json-document": _json_document,
    "nullable": _nullable_member,
    "readable": _readable,
}


def _added_members(shape: ir.Shape, context: _Context) -> Schema:
    added = boto3_output_effects(context.service).added.get(shape.name, ())
    return {
        name: {"type": "string", "description": "Added by botocore.", "x-boto3": "added-member"}
        for name in added
    }


def _layout(member: ir.Member, context: _Context) -> Schema:
    if context.form != "wire":
        return {}
    return member_layout(context.service, member)


def _member_key(form: Form) -> Callable[[ir.Member], str]:
    return (lambda m: m.wire_name) if form == "wire" else (lambda m: m.name)


def _payload_body(shape: ir.Shape, context: _Context) -> Schema:
    """rest protocols send the ``payload`` member's value as the whole body."""
    target = context.service.shapes[shape.member_named(str(shape.payload)).target]
    if target.type == "structure" and not target.streaming:
        return context.ref(target.name)
    return {"x-raw-body": target.type}  # a raw blob or string body is not JSON


def _member_schema(member: ir.Member, context: _Context) -> Schema:
    schema = context.ref(member.target)
    if member.documentation:
        schema["description"] = member.documentation
    if member.deprecated:
        schema["deprecated"] = True
    if member.idempotency_token:
        schema["x-idempotency-token"] = True
    if member.host_label:  # it becomes part of the endpoint's host name: never empty
        schema["minLength"] = 1
    return schema


def _error_extras(shape: ir.Shape, form: Form, protocol: str) -> Schema:
    """Members every error response carries beside the modeled ones."""
    if shape.error is None:
        return {}
    if form == "wire" and protocol in XML_PROTOCOLS:
        xml_extras = {name: {"type": "string"} for name in _XML_ERROR_EXTRAS[protocol]}
        return {key: value for key, value in xml_extras.items() if key not in _member_keys(shape)}
    if form == "wire":  # JSON protocols: the error's type, and a message in either case
        extras: Schema = {
            "__type": {"type": "string", "description": "The error's type."},
            "message": {"type": "string"},
            "Message": {"type": "string"},
        }
        if protocol == "rest-json":  # botocore's rest-json parser also reads the type here
            extras |= {
                name: {"type": "string", "description": "The error's type."}
                for name in ("code", "Code")
            }
        return {key: value for key, value in extras.items() if key not in _member_keys(shape)}
    extras = {
        "Error": {
            "type": "object",
            "description": "botocore's parsed error: Code, Message and protocol extras.",
            "properties": {"Code": {"type": "string"}, "Message": {"type": "string"}},
        }
    }
    if protocol == "rest-xml":  # S3's error envelope: its ids sit beside Error in real dumps
        extras |= {
            name: {"type": "string", "description": f"The error envelope's {name}."}
            for name in ("RequestId", "HostId")
            if name not in _member_keys(shape)
        }
    return extras


# The elements botocore's parsers read from an XML error beside the modeled members: S3 also
# repeats its request and host ids inside <Error>.
_XML_ERROR_EXTRAS = {
    "query": ("Code", "Message", "Type"),
    "ec2": ("Code", "Message", "Type"),
    "rest-xml": ("Code", "Message", "Type", "RequestId", "HostId"),
}


def _member_keys(shape: ir.Shape) -> set[str]:
    return {key for member in shape.members for key in (member.name, member.wire_name)}


def _list(shape: ir.Shape, context: _Context) -> Schema:
    assert shape.member is not None
    items = _nullable(context.ref(shape.member.target), shape.sparse)
    schema: Schema = {"type": "array", "items": items}
    schema.update(_bounds(shape, "minItems", "maxItems"))
    if context.form == "wire":
        schema.update(collection_layout(context.service, shape))
    return schema


def _map(shape: ir.Shape, context: _Context) -> Schema:
    assert shape.key is not None
    assert shape.value is not None
    schema: Schema = {
        "type": "object",
        "propertyNames": ref(shape.key.target),
        "additionalProperties": _nullable(context.ref(shape.value.target), shape.sparse),
    }
    schema.update(_bounds(shape, "minProperties", "maxProperties"))
    if context.form == "wire":
        schema.update(collection_layout(context.service, shape))
    return schema


def _nullable(schema: Schema, sparse: bool) -> Schema:
    return {"anyOf": [schema, {"type": "null"}]} if sparse else schema


def _string(shape: ir.Shape, context: _Context) -> Schema:
    schema: Schema = {"type": "string"}
    if shape.enum:
        schema["enum"] = list(shape.enum)
    schema.update(_bounds(shape, "minLength", "maxLength"))
    if shape.pattern is not None:
        schema.update(_pattern(shape, shape.pattern, context))
    return schema


def _pattern(shape: ir.Shape, pattern: str, context: _Context) -> Schema:
    try:
        return {"pattern": translate(pattern)}
    except UntranslatablePattern as error:
        context.dropped.append(DroppedPattern(shape.name, pattern, error.reason))
        return {"x-untranslatable-pattern": pattern}


def _integer(shape: ir.Shape, context: _Context) -> Schema:
    schema: Schema = {"type": "integer"}
    schema.update(_bounds(shape, "minimum", "maximum"))
    return schema


def _float(shape: ir.Shape, context: _Context) -> Schema:
    # NaN and the infinities are legal in both forms, as text (JSON has no number for them);
    # ``pattern`` binds only strings and the bounds only numbers, so one schema says both.
    pattern = non_finite_pattern(shape.min is not None, shape.max is not None)
    number: Schema = {"type": ["number", "string"], "pattern": pattern}
    number.update(_bounds(shape, "minimum", "maximum"))
    return number


def _boolean(shape: ir.Shape, context: _Context) -> Schema:
    return {"type": "boolean"}


def _timestamp(shape: ir.Shape, context: _Context) -> Schema:
    if context.form == "boto3":
        return {"anyOf": [_TIMESTAMP_FORMATS["iso8601"], _TIMESTAMP_FORMATS["unixTimestamp"]]}
    return dict(_TIMESTAMP_FORMATS[context.service.timestamp_format(shape)])


def _blob(shape: ir.Shape, context: _Context) -> Schema:
    schema: Schema = {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN}
    sizes = _bounds(shape, "min", "max")
    if sizes:  # sizes count decoded bytes; base64 length bounds them from outside
        schema["x-byte-length"] = sizes
        schema.update(_base64_length_bounds(shape))
    if context.form != "boto3":
        return schema
    # bytes dumped with json.dumps(default=str): b'...'
    branches = [schema, {"type": "string", "pattern": BYTES_REPR_PATTERN}]
    if context.request:
        branches.append(_request_text(shape))
    return {"anyOf": branches}


def _request_text(shape: ir.Shape) -> Schema:
    """Any text, which botocore sends as its UTF-8: 1 to 4 bytes a character, so the length
    bounds the byte sizes from outside. Bytes reach the schema as base64 text, 4/3 as long as
    they are: past the maximum, neither branch takes them."""
    text: Schema = {"type": "string", "description": "Text, sent as its UTF-8."}
    if shape.min is not None and shape.min > 0:
        text["minLength"] = -(-int(shape.min) // 4)
    if shape.max is not None:
        text["maxLength"] = int(shape.max)
    return text


def _base64_length_bounds(shape: ir.Shape) -> Schema:
    def encoded(size: float) -> int:
        return 4 * ((int(size) + 2) // 3)

    bounds: Schema = {}
    if shape.min is not None:
        bounds["minLength"] = encoded(shape.min)
    if shape.max is not None:
        bounds["maxLength"] = encoded(shape.max)
    return bounds


def _bounds(shape: ir.Shape, low: str, high: str) -> Schema:
    bounds: Schema = {}
    if shape.min is not None:
        bounds[low] = shape.min
    if shape.max is not None:
        bounds[high] = shape.max
    return bounds


_TIMESTAMP_FORMATS: dict[str, Schema] = {
    "unixTimestamp": {"type": "number", "description": "Seconds since the epoch."},
    "iso8601": {"type": "string", "format": "date-time", "pattern": ISO_TIMESTAMP_PATTERN},
    "rfc822": {"type": "string", "pattern": RFC822_TIMESTAMP_PATTERN},
}
_BY_TYPE: dict[str, Callable[[ir.Shape, _Context], Schema]] = {
    "structure": _structure,
    "list": _list,
    "map": _map,
    "string": _string,
    "integer": _integer,
    "long": _integer,
    "float": _float,
    "double": _float,
    "boolean": _boolean,
    "timestamp": _timestamp,
    "blob": _blob,
}
