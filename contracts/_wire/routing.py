"""Which service and operation a recorded request belongs to, from the request alone.

The service: the SigV4 credential scope (``Credential=AKID/20240101/us-east-1/s3/aws4_request``),
the ``X-Amz-Target`` prefix, the host (``ec2.us-east-1.amazonaws.com``); a fallback (the
command's ``--service``) is tried first and kept where the request does not contradict it.
The operation, per protocol: ``X-Amz-Target`` (json), ``Action=`` (query, ec2), the method and
URI with the model's literal query keys (rest-json, rest-xml: S3's ``GET /{Bucket}?acl``),
``/service/S/operation/Op`` (rpc-v2-cbor).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qsl, unquote, urlsplit

if TYPE_CHECKING:
    from botocontract.codegen import ir

_SCOPE = re.compile(r"Credential=[^/,\s]+/\d{8}/[^/]+/([^/]+)/aws4_request")
_CBOR_PATH = re.compile(r"^/service/[^/]+/operation/([^/?]+)")
# The operation name botocore adds to some S3 URIs: matched when present, not required.
_OPTIONAL_QUERY = frozenset({"x-id"})


@dataclass(frozen=True)
class Request:
    """What a recording says about one request."""

    method: str
    uri: str
    headers: dict[str, str]
    body: bytes

    def header(self, name: str) -> str | None:
        return self.headers.get(name.lower())

    @property
    def signing_name(self) -> str | None:
        found = _SCOPE.search(self.header("authorization") or "")
        if found is None:
            found = _SCOPE.search("Credential=" + dict(self.query).get("X-Amz-Credential", ""))
        return found.group(1) if found else None

    @property
    def target(self) -> tuple[str, str] | None:
        target = self.header("x-amz-target")
        if not target or "." not in target:
            return None
        prefix, _, operation = target.rpartition(".")
        return prefix, operation

    @property
    def host(self) -> str:
        return (self.header("host") or urlsplit(self.uri).hostname or "").split(":")[0].lower()

    @property
    def path(self) -> str:
        return urlsplit(self.uri).path or "/"

    @property
    def query(self) -> list[tuple[str, str]]:
        return parse_qsl(urlsplit(self.uri).query, keep_blank_values=True)


def service_of(request: Request, fallback: str | None) -> str | None:
    """The service whose model fits the request; ``fallback`` where nothing contradicts it."""
    candidates = [fallback, request.signing_name, *_host_labels(request.host)]
    for name in dict.fromkeys(c for c in candidates if c):
        if _fits(request, name):
            return name
    signing = request.signing_name
    for name in _services_signed_as(signing) if signing else ():
        if _fits(request, name):
            return name
    return None


_ROOT_NAMESPACE = re.compile(rb"^\s*(?:<\?xml[^>]*\?>\s*)?<[^\s>/]+[^>]*?\sxmlns=\"([^\"]+)\"")


def service_of_body(body: bytes, fallback: str) -> str:
    """The service an XML body's root namespace names (``https://sts.amazonaws.com/doc/...``),
    else ``fallback``: a directory of bodies may hold many services."""
    found = _ROOT_NAMESPACE.match(body[:2048])
    if found is None:
        return fallback
    namespace = found.group(1).decode("utf-8", "replace")
    label = (urlsplit(namespace).hostname or "").split(".")[0]
    for name in dict.fromkeys((fallback, label)):
        model = model_of(name) if name else None
        if model is not None and _names(model, namespace, label):
            return name
    return fallback


def _names(model: ir.Service, namespace: str, label: str) -> bool:
    if model.xml_namespace:
        return model.xml_namespace.rstrip("/") == namespace.rstrip("/")
    return label in (model.endpoint_prefix, model.signing_name)


def _host_labels(host: str) -> list[str]:
    """``ec2.us-east-1.amazonaws.com`` -> ec2; ``bucket.s3.amazonaws.com`` -> s3."""
    if not host.endswith((".amazonaws.com", ".amazonaws.com.cn")):
        return []
    return [label for label in host.split(".")[:3] if label and not label[0].isdigit()]


def _fits(request: Request, service: str) -> bool:
    model = model_of(service)
    if model is None:
        return False
    signing = request.signing_name
    if signing and signing not in (model.signing_name, model.endpoint_prefix):
        return False
    target = request.target
    if target is not None and target[0] != model.target_prefix:
        return False
    return operation_of(request, model) is not None


@cache
def model_of(service: str) -> ir.Service | None:
    from botocontract.codegen.load import installed_services, load_installed  # noqa: PLC0415

    return load_installed(service) if service in installed_services() else None


@cache
def _signing_index() -> dict[str, tuple[str, ...]]:
    """Every installed service by signing name (read once, and only when the request's own
    names fit no service of the same name)."""
    import botocore.loaders  # noqa: PLC0415

    loader = botocore.loaders.create_loader()
    index: dict[str, list[str]] = {}
    for name in loader.list_available_services("service-2"):
        version = loader.determine_latest_version(name, "service-2")
        metadata = loader.load_service_model(name, "service-2", version)["metadata"]
        signing = metadata.get("signingName") or metadata.get("endpointPrefix", name)
        index.setdefault(str(signing), []).append(name)
    return {key: tuple(names) for key, names in index.items()}


def _services_signed_as(signing: str) -> tuple[str, ...]:
    return _signing_index().get(signing, ())


# --- the operation ---------------------------------------------------------------------------


def operation_of(request: Request, model: ir.Service) -> str | None:
    finder = _OPERATION_FINDERS.get(model.protocol, _by_uri)
    found = finder(request, model)
    if found is None and request.header("smithy-protocol") == "rpc-v2-cbor":
        found = _by_cbor_path(request, model)
    return found if found in model.operations else None


def _by_target(request: Request, model: ir.Service) -> str | None:
    target = request.target
    if target is None or target[0] != model.target_prefix:
        return _by_cbor_path(request, model)
    return target[1]


def _by_action(request: Request, model: ir.Service) -> str | None:
    from botocontract._wire.form_read import parse_form  # noqa: PLC0415
    from botocontract._wire.xml_read import BodyProblem  # noqa: PLC0415

    action = dict(request.query).get("Action")
    if action is None and request.body:
        try:
            action = parse_form(request.body).get("Action")
        except BodyProblem:
            return None
    return action


def _by_cbor_path(request: Request, model: ir.Service) -> str | None:
    found = _CBOR_PATH.match(request.path)
    return found.group(1) if found else None


def _by_uri(request: Request, model: ir.Service) -> str | None:
    """The operation whose method and URI template fit, the most specific first."""
    path = _virtual_host_path(request, model)
    keys = {key for key, _ in request.query}
    best: tuple[tuple[int, int, int], str] | None = None
    for name, operation in model.operations.items():
        if operation.http.method != request.method.upper():
            continue
        if not _has_required_headers(request, model, operation):
            continue  # PutObject and CopyObject share a URI; only one needs x-amz-copy-source
        template = _template(operation.http.request_uri)
        score = template.score(path, keys, request.query)
        if score is not None and (best is None or score > best[0]):
            best = (score, name)
    return None if best is None else best[1]


def _has_required_headers(request: Request, model: ir.Service, operation: ir.Operation) -> bool:
    if operation.input is None:
        return True
    members = model.shapes[operation.input].members
    return all(
        request.header(str(member.location_name or member.name)) is not None
        for member in members
        if member.required and member.location == "header"
    )


def _virtual_host_path(request: Request, model: ir.Service) -> str:
    """S3's ``bucket.s3.amazonaws.com/key`` is ``/bucket/key`` to the model's URIs."""
    host = request.host
    marker = f".{model.endpoint_prefix}."
    if model.endpoint_prefix == "s3" and marker in host and not host.startswith("s3."):
        return "/" + host.split(marker, 1)[0] + request.path
    return request.path


@dataclass(frozen=True)
class _Template:
    pattern: re.Pattern[str]
    literal: int  # characters of the path outside labels: more is more specific
    greedy: int  # ``{Key+}`` labels: fewer is more specific
    query: tuple[tuple[str, str | None], ...]  # keys the URI states, with a value if it does

    def score(
        self, path: str, keys: set[str], query: list[tuple[str, str]]
    ) -> tuple[int, int, int] | None:
        if not self.pattern.match(unquote(path)):
            return None
        values = dict(query)
        for key, value in self.query:
            if key not in keys:
                if key in _OPTIONAL_QUERY:
                    continue
                return None
            if value is not None and values.get(key) != value:
                return None
        return (len(self.query), self.literal, -self.greedy)


@cache
def _template(request_uri: str) -> _Template:
    """``/{Bucket}/{Key+}?uploads`` -> a path regex and the query keys it requires."""
    path, _, query = request_uri.partition("?")
    parts = re.split(r"(\{[^}]+\})", path)
    regex = "".join(
        (".+" if part.endswith("+}") else "[^/]+") if part.startswith("{") else re.escape(part)
        for part in parts
    )
    literal = sum(len(part) for part in parts if not part.startswith("{"))
    greedy = sum(part.endswith("+}") for part in parts)
    required = tuple(
        (key, value if sep else None)
        for key, sep, value in (item.partition("=") for item in query.split("&") if item)
    )
    return _Template(re.compile(f"^{regex}/?$"), literal, greedy, required)


_OPERATION_FINDERS: dict[str, Any] = {
    "json": _by_target,
    "query": _by_action,
    "ec2": _by_action,
    "rest-json": _by_uri,
    "rest-xml": _by_uri,
    "smithy-rpc-v2-cbor": _by_cbor_path,
}
