"""Facts that build time and run time share, in one dependency-free module.

The schema emitter writes these patterns into every schema, the generated models check them,
and the validator and the plugin name the same defaults: one place, so they cannot drift.
"""

from __future__ import annotations

import re

__all__ = [
    "BASE64_PATTERN",
    "BODY_FORMATS",
    "BYTES_REPR_PATTERN",
    "DEFAULT_BUDGET",
    "DEFAULT_SERVICE",
    "ISO_TIMESTAMP_PATTERN",
    "MAX_BYTES",
    "MAX_ISSUES_PER_PAYLOAD",
    "NON_FINITE_FLOATS",
    "NON_FINITE_PATTERNS",
    "READABLE_REPR_PATTERN",
    "REQUEST_SUFFIX",
    "RESPONSE_METADATA",
    "RFC822_TIMESTAMP_PATTERN",
    "XML_PROTOCOLS",
    "is_xml_text",
    "non_finite_pattern",
    "request_key",
    "shape_of_key",
]

# The service every command and the plugin use when none is named.
DEFAULT_SERVICE = "codebuild"

# The most bytes one input file (a recording, a model file) may hold, and the most any
# compressed data in one may inflate to: past it, a file is refused in one line.
MAX_BYTES = 50 * 1024 * 1024
# The most issues one payload's report lists; the rest are counted ("... and 900 more issues").
MAX_ISSUES_PER_PAYLOAD = 100

# How many members and list or map items one drawn payload holds at most (``strategy(...,
# budget=)``): a real CodeBuild Build holds about 140, a wide EC2 or S3 response drawn without
# a limit holds thousands, and a failing one that big takes minutes to shrink.
DEFAULT_BUDGET = 200

# What boto3 adds to every response beside the modeled members; the model does not describe it.
RESPONSE_METADATA = "ResponseMetadata"

# ISO-8601 as services send it, and as json.dumps(default=str) prints a datetime
# ("2016-11-17 16:44:41.869000+00:00"); the offset is optional because naive
# str(datetime) dumps are common in recorded fixtures.
ISO_TIMESTAMP_PATTERN = r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(\.\d+)?(Z|z|[+-]\d{2}:?\d{2})?$"
# RFC 822 / HTTP-date, as botocore writes header timestamps.
RFC822_TIMESTAMP_PATTERN = r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"
# Standard base64 with padding, as the JSON protocols carry blobs.
BASE64_PATTERN = r"^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$"
# Floats that JSON has no number for: the JSON protocols send them as these strings (and
# botocore hands the string on), XML as this text, boto3 as float("nan") / float("inf").
# Under a bound, an infinity beyond it is out of range (botocore's ParamValidator says so) while
# NaN, which compares false with every bound, is in range.
NON_FINITE_FLOATS = ("NaN", "Infinity", "-Infinity")
NON_FINITE_PATTERNS = {
    (False, False): r"^(?:NaN|-?Infinity)$",
    (True, False): r"^(?:NaN|Infinity)$",
    (False, True): r"^(?:NaN|-Infinity)$",
    (True, True): r"^NaN$",
}


def non_finite_pattern(has_min: bool, has_max: bool) -> str:
    """The text a float bounded so may be beside its numbers."""
    return NON_FINITE_PATTERNS[has_min, has_max]


# How ``json.dumps(response, default=str)`` writes what JSON has no form for: bytes as their
# Python repr (b'...'), and botocore's StreamingBody / EventStream (and any file-like object
# botocontract is handed) as object.__repr__.
BYTES_REPR_PATTERN = r"^b(?:'.*'|\".*\")$"
READABLE_REPR_PATTERN = r"^<[A-Za-z_][\w.]* object at 0x[0-9a-fA-F]+>$"

# The boto3 form's second definition of a shape that requests and responses both reach and
# read differently (a blob inside: a request takes any str for it): "$defs/<shape>@request".
# botocore shape names never hold "@".
REQUEST_SUFFIX = "@request"


def request_key(shape: str) -> str:
    return shape + REQUEST_SUFFIX


def shape_of_key(key: str) -> str:
    """The shape a ``$defs`` key defines (a request definition's shape, or the key itself)."""
    return key.removesuffix(REQUEST_SUFFIX)


# Protocols whose bodies are not JSON, and what they are (responses; query and ec2 requests are
# form-encoded). The wire schema of these describes the member tree read from such a body.
XML_PROTOCOLS = frozenset({"query", "ec2", "rest-xml"})
BODY_FORMATS = {"query": "xml", "ec2": "xml", "rest-xml": "xml", "smithy-rpc-v2-cbor": "cbor"}
# The characters an XML 1.0 document can hold (a query or rest-xml body carries no others).
_XML_TEXT = re.compile("[\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*")


def is_xml_text(text: str) -> bool:
    return _XML_TEXT.fullmatch(text) is not None
