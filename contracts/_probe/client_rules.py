"""Rules botocore's client and HTTP enforce beyond the model, applied to drawn requests so they
are sent. A request botocore refuses never reaches the fake, so it tests nothing.

- A member sent in an HTTP header cannot hold a line break (http.client refuses the request):
  CR and LF become spaces, keeping the value's length.
- A member that fills the host prefix (``hostLabel``) must match ``[A-Za-z0-9.-]+``
  (botocore's serializer checks it even when the prefix is not injected): redrawn.
- S3: a bucket name outside ``[a-zA-Z0-9.\\-_]{1,255}`` is refused before sending (botocore's
  ``validate_bucket_name``): redrawn among the names S3 itself accepts; user metadata must be
  ASCII (``validate_ascii_metadata``): other characters become ``?``; a ``ChecksumAlgorithm``
  botocore computes only with its optional CRT extension (CRC32C, CRC64NVME, XXHASH...) is
  redrawn among the ones it always computes.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis import strategies as st

_SENDABLE_BUCKET = re.compile(r"^[a-zA-Z0-9.\-_]{1,255}$")
_HOST_LABEL = re.compile(r"^[A-Za-z0-9.\-]+$")
_LINE_BREAK = re.compile(r"[\r\n]")
_ALWAYS_COMPUTED = ("CRC32", "SHA1", "SHA256")  # botocore's checksums without awscrt


def sendable(service: str, operation: str, request: Any, data: st.DataObject) -> Any:
    """``request`` with what botocore would refuse replaced (a copy when changed)."""
    if not isinstance(request, dict):
        return request
    changed = dict(request)
    for name, (location, host_label) in _bound_members(service, operation).items():
        value = changed.get(name)
        if host_label and isinstance(value, str) and not _HOST_LABEL.match(value):
            changed[name] = data.draw(_names(), label=name)
        elif location == "header" and isinstance(value, str):
            changed[name] = _LINE_BREAK.sub(" ", value)
        elif location == "headers" and isinstance(value, dict):
            changed[name] = {_header(service, k): _header(service, v) for k, v in value.items()}
    if service == "s3":
        _s3_rules(changed, data)
    return changed if changed != request else request


def _header(service: str, text: Any) -> Any:
    if not isinstance(text, str):
        return text
    text = _LINE_BREAK.sub(" ", text)
    return text.encode("ascii", "replace").decode("ascii") if service == "s3" else text


def _s3_rules(request: dict[str, Any], data: st.DataObject) -> None:
    from hypothesis import strategies as st  # noqa: PLC0415

    bucket = request.get("Bucket")
    if isinstance(bucket, str) and not _SENDABLE_BUCKET.match(bucket):
        request["Bucket"] = data.draw(_names(), label="Bucket")
    checksum = request.get("ChecksumAlgorithm")
    if isinstance(checksum, str) and checksum not in _ALWAYS_COMPUTED:
        request["ChecksumAlgorithm"] = data.draw(st.sampled_from(_ALWAYS_COMPUTED))


@cache
def _bound_members(service: str, operation: str) -> dict[str, tuple[str, bool]]:
    """Top-level input members bound to a header, a header map or the host prefix."""
    from botocontract._probe.exchange import service_model  # noqa: PLC0415

    shape = service_model(service).operation_model(operation).input_shape
    if shape is None:
        return {}
    bound = {}
    for name, member in shape.members.items():
        location = str(member.serialization.get("location", ""))
        host_label = bool(member.serialization.get("hostLabel"))
        if location in {"header", "headers"} or host_label:
            bound[name] = (location, host_label)
    return bound


@cache
def _names() -> st.SearchStrategy[str]:
    """Names every rule above accepts: S3's bucket names, host labels."""
    from hypothesis import strategies as st  # noqa: PLC0415

    return st.from_regex(r"[a-z0-9][a-z0-9-]{1,20}[a-z0-9]", fullmatch=True)
