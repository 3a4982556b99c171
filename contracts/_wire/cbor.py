"""smithy-rpc-v2-cbor bodies: decoded with cbor2 into the wire tree, and written from a payload.

The tree is the JSON protocols' wire form (the model's member names as keys), so one wire
schema judges both: byte strings become base64 text and tag-1 timestamps epoch seconds, as a
JSON body carries them.
"""

from __future__ import annotations

import base64
import datetime as dt
import math
from typing import Any

from botocontract._json_form import non_finite_text
from botocontract._wire.xml_read import BodyProblem

MAX_DEPTH = 100


def cbor_tree(data: bytes) -> Any:
    import cbor2  # noqa: PLC0415

    try:
        document = cbor2.loads(data)
    except (cbor2.CBORDecodeError, RecursionError, ValueError, OverflowError, MemoryError):
        raise BodyProblem("not a well-formed CBOR document") from None
    return _json_value(document, 0)


def _json_value(value: Any, depth: int) -> Any:
    if depth > MAX_DEPTH:
        raise BodyProblem(f"CBOR nested more than {MAX_DEPTH} levels deep")
    if isinstance(value, dict):
        return {str(key): _json_value(item, depth + 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_value(item, depth + 1) for item in value]
    return _scalar(value)


def _scalar(value: Any) -> Any:
    if isinstance(value, (bytes, bytearray)):
        return base64.b64encode(bytes(value)).decode("ascii")
    if isinstance(value, dt.datetime):
        return (
            value.timestamp() if value.tzinfo else value.replace(tzinfo=dt.timezone.utc).timestamp()
        )
    if isinstance(value, float) and not math.isfinite(value):
        return non_finite_text(value)  # as the JSON form writes it: JSON has no such number
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return repr(value)  # an undefined value or a tag the protocol does not use: no JSON type fits


def cbor_body(payload: Any) -> bytes:
    """A boto3-form payload (member names, ``datetime``, ``bytes``) as an rpc-v2-cbor body:
    timestamps as tag-1 epoch seconds, as botocore's CBOR serializer writes them."""
    import cbor2  # noqa: PLC0415

    return bytes(cbor2.dumps(payload, datetime_as_timestamp=True, timezone=dt.timezone.utc))
