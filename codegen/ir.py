"""The intermediate representation: what a botocore service model says a payload is.

Frozen dataclasses built once per model by ``botocontract.codegen.load``. Emitters read only these
classes, never botocore, so every trait that changes what a valid payload is lives here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

ShapeType = Literal[
    "structure",
    "list",
    "map",
    "string",
    "integer",
    "long",
    "float",
    "double",
    "boolean",
    "timestamp",
    "blob",
]
Location = Literal["header", "headers", "uri", "querystring", "statusCode"]

SCALAR_TYPES = frozenset(
    {"string", "integer", "long", "float", "double", "boolean", "timestamp", "blob"}
)


@dataclass(frozen=True)
class Deprecation:
    """botocore's ``deprecated`` trait with its optional message and date."""

    message: str = ""
    since: str = ""


@dataclass(frozen=True)
class ErrorInfo:
    """An exception shape's error metadata (``error`` trait plus ``fault``)."""

    code: str
    http_status: int | None
    sender_fault: bool
    fault: bool
    retryable: bool


@dataclass(frozen=True)
class XmlNamespace:
    """botocore's ``xmlNamespace`` trait: the URI, and the prefix it is declared with (if any)."""

    uri: str
    prefix: str = ""


@dataclass(frozen=True)
class Member:
    """A reference from a structure, list or map to a shape, with the reference's traits."""

    name: str
    target: str
    documentation: str = ""
    location_name: str | None = None
    location: Location | None = None
    required: bool = False
    deprecated: Deprecation | None = None
    idempotency_token: bool = False
    host_label: bool = False
    json_value: bool = False
    timestamp_format: str | None = None  # a member-level timestampFormat wins over the shape's
    event_payload: bool = False
    streaming: bool = False
    box: bool = False
    # XML and query protocols: how the member is laid out in an XML or form-encoded body.
    query_name: str | None = None
    flattened: bool = False
    xml_attribute: bool = False
    xml_namespace: XmlNamespace | None = None

    @property
    def wire_name(self) -> str:
        """The key of this member in a JSON wire body."""
        return self.location_name or self.name

    @property
    def in_body(self) -> bool:
        """Whether the member travels in the body (not a header, URI or status code)."""
        return self.location is None


@dataclass(frozen=True)
class Shape:
    """A named botocore shape with every constraint the model states about it."""

    name: str
    type: ShapeType
    documentation: str = ""
    members: tuple[Member, ...] = ()
    member: Member | None = None
    key: Member | None = None
    value: Member | None = None
    enum: tuple[str, ...] = ()
    min: int | float | None = None
    max: int | float | None = None
    pattern: str | None = None
    timestamp_format: str | None = None
    sensitive: bool = False
    deprecated: Deprecation | None = None
    union: bool = False
    document: bool = False
    streaming: bool = False
    eventstream: bool = False
    event: bool = False
    sparse: bool = False
    box: bool = False
    payload: str | None = None
    error: ErrorInfo | None = None
    flattened: bool = False
    xml_namespace: XmlNamespace | None = None

    @property
    def required(self) -> tuple[str, ...]:
        """Names of the structure's required members, in model order."""
        return tuple(m.name for m in self.members if m.required)

    @property
    def is_exception(self) -> bool:
        return self.error is not None

    def member_named(self, name: str) -> Member:
        for member in self.members:
            if member.name == name:
                return member
        raise KeyError(name)

    def targets(self) -> tuple[str, ...]:
        """Names of the shapes this shape refers to directly, in model order."""
        refs = (*self.members, self.member, self.key, self.value)
        return tuple(ref.target for ref in refs if ref is not None)


@dataclass(frozen=True)
class Http:
    method: str
    request_uri: str
    response_code: int | None = None


@dataclass(frozen=True)
class Operation:
    """One API operation and the shapes of its input, output and errors."""

    name: str
    http: Http
    input: str | None
    output: str | None
    errors: tuple[str, ...] = ()
    documentation: str = ""
    deprecated: Deprecation | None = None
    idempotent: bool = False
    readonly: bool = False
    result_wrapper: str | None = None  # query: the element the output is wrapped in
    input_xml_name: str | None = None  # rest-xml: the request body's root element
    input_xml_namespace: XmlNamespace | None = None


@dataclass(frozen=True, eq=False)
class Service:
    """A whole service model, its provenance, and its shapes in model order.

    Compared and hashed by identity: one object per loaded model, so emitters can cache on it.
    """

    name: str
    api_version: str
    protocol: str
    protocols: tuple[str, ...]
    full_name: str
    service_id: str
    json_version: str | None
    target_prefix: str | None
    botocore_version: str
    model_sha256: str
    source: str
    documentation: str
    operations: dict[str, Operation] = field(default_factory=dict)
    shapes: dict[str, Shape] = field(default_factory=dict)
    # Where requests go and how they are signed: what tells a recorded request's service.
    endpoint_prefix: str = ""
    signing_name: str = ""
    xml_namespace: str | None = None  # query and ec2: the response documents' namespace

    @property
    def default_timestamp_format(self) -> str:
        """The format botocore uses for body timestamps without an explicit trait."""
        return DEFAULT_TIMESTAMP_FORMATS.get(self.protocol, "iso8601")

    def timestamp_format(self, shape: Shape) -> str:
        return shape.timestamp_format or self.default_timestamp_format

    def reachable(self, roots: tuple[str, ...]) -> tuple[str, ...]:
        """Shape names reachable from ``roots``, in model order."""
        seen: set[str] = set()
        stack = list(roots)
        while stack:
            name = stack.pop()
            if name not in seen:
                seen.add(name)
                stack.extend(self.shapes[name].targets())
        return tuple(name for name in self.shapes if name in seen)


# Body timestamp formats by protocol, as botocore's serializers and parsers use them.
DEFAULT_TIMESTAMP_FORMATS = {
    "json": "unixTimestamp",
    "rest-json": "unixTimestamp",
    "smithy-rpc-v2-cbor": "unixTimestamp",
    "rest-xml": "iso8601",
    "query": "iso8601",
    "ec2": "iso8601",
}
