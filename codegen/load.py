"""Load a botocore service model, by service name or from a file, into the IR.

botocore's own loader finds and reads the model (so search paths, API versions and SDK
extras behave as they do for boto3 clients); ``build_service`` turns the model dict into
frozen IR objects. A model that is not what botocore ships raises ``ModelFileError``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import botocore
import botocore.loaders
import botocore.model
from botocontract._files import GZIP_MAGIC, FileProblem, gunzip, read_regular
from botocontract.codegen import ir
from botocontract.codegen._doc import plain_text
from botocontract.errors import ModelFileError, UnknownServiceError
from botocore.exceptions import UnsupportedServiceProtocolsError

MODEL_TYPE = "service-2"


def load_service(name_or_path: str | Path) -> ir.Service:
    """Load a model by botocore service name, or from a ``service-2.json[.gz]`` path."""
    if isinstance(name_or_path, Path) or _looks_like_path(name_or_path):
        return load_model_file(Path(name_or_path))
    return load_installed(name_or_path)


def _looks_like_path(text: str) -> bool:
    return "/" in text or "\\" in text or text.endswith((".json", ".gz"))


@cache
def _loader() -> botocore.loaders.Loader:
    # AWS_DATA_PATH adds model folders, as it does for a boto3 session.
    return botocore.loaders.create_loader(os.environ.get("AWS_DATA_PATH"))


def installed_services() -> list[str]:
    """Every service whose model the installed botocore ships, sorted."""
    return sorted(_loader().list_available_services(MODEL_TYPE))


def load_installed(service: str) -> ir.Service:
    """Load a service model through botocore's loader, as a boto3 client would."""
    loader = _loader()
    known = installed_services()
    if service not in known:
        raise UnknownServiceError(service, difflib.get_close_matches(service, known, n=3))
    version = loader.determine_latest_version(service, MODEL_TYPE)
    model = loader.load_service_model(service, MODEL_TYPE, version)
    _, base_path = loader.load_data_with_path(f"{service}/{version}/{MODEL_TYPE}")
    raw = _read_model_bytes(_existing_model_file(Path(base_path)))
    return build_service(model, service=service, sha256=_sha256(raw), source=f"botocore:{service}")


def _existing_model_file(base_path: Path) -> Path:
    for suffix in (".json", ".json.gz"):
        candidate = base_path.with_name(base_path.name + suffix)
        if candidate.is_file():
            return candidate
    raise ModelFileError(base_path, "botocore found the model but its file is gone")


def load_model_file(path: Path, service: str | None = None) -> ir.Service:
    """Load a ``service-2.json`` or ``service-2.json.gz`` file, as for a model diff."""
    raw = _read_model_bytes(path)
    try:
        model = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ModelFileError(path, f"not a JSON service model ({error})") from None
    name = service or _service_name_from_path(path, model)
    return build_service(model, service=name, sha256=_sha256(raw), source=str(path))


def _read_model_bytes(path: Path) -> bytes:
    """The model's JSON bytes, decompressed if the file is gzip: a regular file only (a FIFO
    would block), within the same size bounds as a recording."""
    try:
        data = read_regular(path, "one model file")
        return gunzip(data) if data.startswith(GZIP_MAGIC) else data
    except FileProblem as problem:
        raise ModelFileError(path, str(problem)) from None


def _sha256(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


def _service_name_from_path(path: Path, model: Any) -> str:
    """botocore's layout is ``<service>/<api-version>/service-2.json[.gz]``."""
    version_dir = path.parent
    if version_dir.name[:4].isdigit() and version_dir.parent.name:
        return version_dir.parent.name
    try:
        service_id = str(model["metadata"]["serviceId"])
    except (KeyError, TypeError):
        raise ModelFileError(path, "not a botocore service model (no metadata.serviceId)") from None
    return service_id.lower().replace(" ", "-")


def build_service(model: Any, *, service: str, sha256: str, source: str) -> ir.Service:
    """Turn a botocore model dict into the IR, or raise ``ModelFileError`` naming ``source``."""
    if not isinstance(model, dict) or not {"metadata", "operations", "shapes"} <= model.keys():
        raise ModelFileError(
            source, "not a botocore service model (needs metadata, operations, shapes)"
        )
    try:
        return _build(model, service, sha256, source)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise ModelFileError(
            source, f"malformed service model ({type(error).__name__}: {error})"
        ) from None


def _build(model: dict[str, Any], service: str, sha256: str, source: str) -> ir.Service:
    metadata = model["metadata"]
    shapes = {name: _shape(name, spec) for name, spec in model["shapes"].items()}
    operations = {name: _operation(name, spec) for name, spec in model["operations"].items()}
    _check_references(shapes, operations)
    return ir.Service(
        name=service,
        api_version=str(metadata["apiVersion"]),
        protocol=_resolved_protocol(model, service),
        protocols=tuple(metadata.get("protocols") or (metadata["protocol"],)),
        full_name=str(metadata.get("serviceFullName", service)),
        service_id=str(metadata.get("serviceId", service)),
        json_version=metadata.get("jsonVersion"),
        target_prefix=metadata.get("targetPrefix"),
        botocore_version=botocore.__version__,
        model_sha256=sha256,
        source=source,
        documentation=plain_text(model.get("documentation", "")),
        operations=operations,
        shapes=shapes,
        endpoint_prefix=str(metadata.get("endpointPrefix", service)),
        signing_name=str(metadata.get("signingName") or metadata.get("endpointPrefix", service)),
        xml_namespace=_namespace_uri(metadata.get("xmlNamespace")),
    )


def _namespace_uri(value: Any) -> str | None:
    """metadata ``xmlNamespace`` is a URI string, or ``{"uri": ...}`` in some models."""
    if isinstance(value, dict):
        return str(value["uri"]) if "uri" in value else None
    return None if value is None else str(value)


def _xml_namespace(spec: dict[str, Any]) -> ir.XmlNamespace | None:
    value = spec.get("xmlNamespace")
    if value is None:
        return None
    if isinstance(value, str):
        return ir.XmlNamespace(value)
    return ir.XmlNamespace(str(value.get("uri", "")), str(value.get("prefix", "")))


def _resolved_protocol(model: dict[str, Any], service: str) -> str:
    """The protocol botocore's clients actually speak for this model."""
    try:
        return str(botocore.model.ServiceModel(model, service).resolved_protocol)
    except UnsupportedServiceProtocolsError as error:
        raise ValueError(str(error)) from None


def _check_references(shapes: dict[str, ir.Shape], operations: dict[str, ir.Operation]) -> None:
    for shape in shapes.values():
        for target in shape.targets():
            if target not in shapes:
                raise ValueError(f"shape {shape.name!r} refers to undefined shape {target!r}")
    for operation in operations.values():
        targets = (operation.input, operation.output, *operation.errors)
        for target in filter(None, targets):
            if target not in shapes:
                raise ValueError(
                    f"operation {operation.name!r} refers to undefined shape {target!r}"
                )


def _deprecation(spec: dict[str, Any]) -> ir.Deprecation | None:
    if not spec.get("deprecated"):
        return None
    return ir.Deprecation(
        message=str(spec.get("deprecatedMessage", "")), since=str(spec.get("deprecatedSince", ""))
    )


def _member(name: str, spec: dict[str, Any], *, required: bool = False) -> ir.Member:
    return ir.Member(
        name=name,
        target=str(spec["shape"]),
        documentation=plain_text(spec.get("documentation", "")),
        location_name=spec.get("locationName"),
        location=spec.get("location"),
        required=required,
        deprecated=_deprecation(spec),
        idempotency_token=bool(spec.get("idempotencyToken")),
        host_label=bool(spec.get("hostLabel")),
        json_value=bool(spec.get("jsonvalue")),
        timestamp_format=spec.get("timestampFormat"),
        event_payload=bool(spec.get("eventpayload")),
        streaming=bool(spec.get("streaming")),
        box=bool(spec.get("box")),
        query_name=spec.get("queryName"),
        flattened=bool(spec.get("flattened")),
        xml_attribute=bool(spec.get("xmlAttribute")),
        xml_namespace=_xml_namespace(spec),
    )


def _optional_ref(spec: dict[str, Any], key: str) -> ir.Member | None:
    return _member(key, spec[key]) if key in spec else None


def _error_info(spec: dict[str, Any]) -> ir.ErrorInfo | None:
    if not spec.get("exception"):
        return None
    error = spec.get("error", {})
    return ir.ErrorInfo(
        code=str(error.get("code", "")),
        http_status=error.get("httpStatusCode"),
        sender_fault=bool(error.get("senderFault")),
        fault=bool(spec.get("fault")),
        retryable=bool(spec.get("retryable")),
    )


def _shape(name: str, spec: dict[str, Any]) -> ir.Shape:
    required = set(spec.get("required", ()))
    members = tuple(
        _member(member_name, member_spec, required=member_name in required)
        for member_name, member_spec in spec.get("members", {}).items()
    )
    missing = required - {member.name for member in members}
    if missing:
        raise ValueError(f"shape {name!r} requires undefined members {sorted(missing)}")
    return ir.Shape(
        name=name,
        type=_shape_type(name, spec["type"]),
        documentation=plain_text(spec.get("documentation", "")),
        members=members,
        member=_optional_ref(spec, "member"),
        key=_optional_ref(spec, "key"),
        value=_optional_ref(spec, "value"),
        enum=tuple(str(value) for value in spec.get("enum", ())),
        min=_bound(name, spec, "min"),
        max=_bound(name, spec, "max"),
        pattern=_pattern(name, spec),
        timestamp_format=spec.get("timestampFormat"),
        sensitive=bool(spec.get("sensitive")),
        deprecated=_deprecation(spec),
        union=bool(spec.get("union")),
        document=bool(spec.get("document")),
        streaming=bool(spec.get("streaming")),
        eventstream=bool(spec.get("eventstream")),
        event=bool(spec.get("event")),
        sparse=bool(spec.get("sparse")),
        box=bool(spec.get("box")),
        payload=spec.get("payload"),
        error=_error_info(spec),
        flattened=bool(spec.get("flattened")),
        xml_namespace=_xml_namespace(spec),
    )


# Bounds beyond a 64-bit integer cannot be stated by pydantic-core or Hypothesis (importing the
# models would raise OverflowError); no botocore model comes near.
BOUND_LIMIT = 2**63 - 1


def _bound(name: str, spec: dict[str, Any], key: str) -> int | float | None:
    value = spec.get(key)
    if value is None:
        return None
    numeric = isinstance(value, (int, float)) and not isinstance(value, bool)
    if not numeric or not -BOUND_LIMIT <= value <= BOUND_LIMIT:
        raise ValueError(f"shape {name!r} has {key} {str(value)[:40]}, not a 64-bit number")
    if spec.get("type") not in ("double", "float") and value != int(value):
        raise ValueError(f"shape {name!r} has {key} {value}, not a whole number")
    bound: int | float = value
    return bound


def _pattern(name: str, spec: dict[str, Any]) -> str | None:
    value = spec.get("pattern")
    if value is not None and not isinstance(value, str):
        raise ValueError(f"shape {name!r} has a pattern that is not a string")
    return value


_SHAPE_TYPES = frozenset({"structure", "list", "map"}) | ir.SCALAR_TYPES


def _shape_type(name: str, value: Any) -> ir.ShapeType:
    if value == "character":  # a legacy type botocore's parsers and serializers read as text
        return "string"
    if value not in _SHAPE_TYPES:
        raise ValueError(f"shape {name!r} has unknown type {value!r}")
    return value  # type: ignore[no-any-return]


def _operation(name: str, spec: dict[str, Any]) -> ir.Operation:
    http = spec.get("http", {})
    output = spec.get("output", {})
    request = spec.get("input", {})
    return ir.Operation(
        name=name,
        http=ir.Http(
            method=str(http.get("method", "POST")),
            request_uri=str(http.get("requestUri", "/")),
            response_code=http.get("responseCode"),
        ),
        input=spec["input"]["shape"] if "input" in spec else None,
        output=spec["output"]["shape"] if "output" in spec else None,
        errors=tuple(error["shape"] for error in spec.get("errors", ())),
        documentation=plain_text(spec.get("documentation", "")),
        deprecated=_deprecation(spec),
        idempotent=bool(spec.get("idempotent")),
        readonly=bool(spec.get("readonly")),
        result_wrapper=output.get("resultWrapper"),
        input_xml_name=request.get("locationName"),
        input_xml_namespace=_xml_namespace(request),
    )
