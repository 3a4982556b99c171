"""Facts that build time and run time share, in one dependency-free module.

The schema emitter writes these patterns into every schema, the generated models check them,
and the validator and the plugin name the same defaults: one place, so they cannot drift.
"""

from __future__ import annotations

__all__ = [
    "BASE64_PATTERN",
    "DEFAULT_SERVICE",
    "ISO_TIMESTAMP_PATTERN",
    "RESPONSE_METADATA",
    "RFC822_TIMESTAMP_PATTERN",
]

# The service every command and the plugin use when none is named.
DEFAULT_SERVICE = "codebuild"

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
