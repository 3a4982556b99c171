"""Rules botocore's client enforces beyond the model, applied to drawn requests so they are sent.

S3's model lets a bucket name be any text, but botocore refuses one outside
``[a-zA-Z0-9.\\-_]{1,255}`` before sending (its ``validate_bucket_name`` handler), so nearly every
drawn S3 request would stay unsent. A drawn name botocore would refuse is replaced with one
drawn from the names S3 itself accepts (lower case letters, digits and dashes). Likewise a
``ChecksumAlgorithm`` botocore computes only with its optional CRT extension (CRC32C,
CRC64NVME, XXHASH...) is redrawn among the ones it always computes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis import strategies as st

_SENDABLE_BUCKET = re.compile(r"^[a-zA-Z0-9.\-_]{1,255}$")
_BUCKET_SERVICES = frozenset({"s3"})
_ALWAYS_COMPUTED = ("CRC32", "SHA1", "SHA256")  # botocore's checksums without awscrt


def sendable(service: str, request: Any, data: st.DataObject) -> Any:
    """``request`` with the members botocore would refuse redrawn (a copy when changed)."""
    if service not in _BUCKET_SERVICES or not isinstance(request, dict):
        return request
    from hypothesis import strategies as st  # noqa: PLC0415

    changed = dict(request)
    bucket = request.get("Bucket")
    if isinstance(bucket, str) and not _SENDABLE_BUCKET.match(bucket):
        changed["Bucket"] = data.draw(_bucket_names(), label="Bucket")
    checksum = request.get("ChecksumAlgorithm")
    if isinstance(checksum, str) and checksum not in _ALWAYS_COMPUTED:
        changed["ChecksumAlgorithm"] = data.draw(st.sampled_from(_ALWAYS_COMPUTED))
    return changed if changed != request else request


def _bucket_names() -> st.SearchStrategy[str]:
    from hypothesis import strategies as st  # noqa: PLC0415

    return st.from_regex(r"[a-z0-9][a-z0-9-]{1,20}[a-z0-9]", fullmatch=True)
