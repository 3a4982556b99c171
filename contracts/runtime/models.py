"""Runtime pieces the generated pydantic models build on.

The generated ``models.py`` files import these by name; each keeps a model's verdict equal to
the JSON Schema's (boto3 form) while accepting what boto3 itself returns:

- ``ShapeModel``: the base of every structure (member names or aliases both populate;
  patterns run on pydantic's ``rust-regex``, linear in the input).
- ``BoundedPattern``: a pattern Rust's regex crate cannot run (lookarounds, backreferences), on
  fancy-regex with its backtracking counted and capped, as ``botocontract.validate`` runs it.
- ``OperationOutput``: an operation's output; sets boto3's ``ResponseMetadata`` aside.
- ``SensitiveShape``: the added base of a structure holding a sensitive value at any depth;
  its validation errors print no input (members holding one have ``Field(repr=False)``).
- ``NOT_NULL``: an optional member may be absent, never an explicit ``null``.
- ``BotocoreTimestamp``: ``datetime`` objects, epoch numbers, or ISO-8601 strings.
- ``BotocoreBlob``: ``bytes``, or base64 text (the JSON forms); ``bytes`` once valid.
- ``BotocoreFloat``, ``FloatRange``: numbers, NaN and the infinities (as floats or the JSON
  forms' text; floats once valid), within bounds that NaN is always within (``_floats``).
- ``BotocoreRequestBlob``: a request's blob, which botocore takes as ``bytes``, ``bytearray``
  or any ``str``, sent as its UTF-8 (so it is held); in JSON input, base64 and b'...' text are
  the bytes a dump wrote. ``BotocoreRequestBody``: a request's body blob, a file-like object
  too.

The checks are pydantic-core schemas rather than Python validators, so they cost no Python
call per field (base64 text aside, which has to be decoded).
"""

from __future__ import annotations

import ast
import base64
import binascii
import re
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Annotated, Any

import jsonschema_rs
from botocontract.constants import (
    BASE64_PATTERN,
    BYTES_REPR_PATTERN,
    ISO_TIMESTAMP_PATTERN,
    READABLE_REPR_PATTERN,
    RESPONSE_METADATA,
)
from botocontract.runtime._floats import BotocoreFloat, FloatRange
from botocontract.runtime._leaf import AfterCheck, Leaf
from botocontract.runtime._redact import redacted
from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, model_validator
from pydantic_core import PydanticCustomError, SchemaValidator, core_schema
from typing_extensions import Self

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidatorFunctionWrapHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "NOT_NULL",
    "RESPONSE_METADATA",
    "BotocoreBlob",
    "BotocoreError",
    "BotocoreFloat",
    "BotocoreReadable",
    "BotocoreRequestBlob",
    "BotocoreRequestBody",
    "BotocoreTimestamp",
    "BoundedPattern",
    "FloatRange",
    "OperationOutput",
    "SensitiveShape",
    "ShapeModel",
    "UnionShape",
]


class _NotNull:
    """An optional member's type without its ``None``: absent is fine, explicit null is not.

    The attribute stays typed ``X | None`` (an absent member reads as ``None``); defaults are
    never validated, so only an explicit ``null`` in a payload fails.
    """

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        schema = handler(source)
        if schema["type"] == "nullable":
            inner: core_schema.CoreSchema = schema["schema"]
            return inner
        return schema

    def __repr__(self) -> str:
        return "NOT_NULL"


NOT_NULL = _NotNull()


class ShapeModel(BaseModel):
    """Base of every generated structure."""

    model_config = ConfigDict(populate_by_name=True, regex_engine="rust-regex")

    def __repr_args__(self) -> Iterable[tuple[str | None, Any]]:
        # A structure built inside its parent's validation may still hold its fields' forward
        # references unresolved, and with them the Field(repr=False) of a sensitive member.
        cls = type(self)
        if not cls.__pydantic_complete__:
            cls.model_rebuild()
        return super().__repr_args__()


class SensitiveShape(ShapeModel):
    """A structure from which a botocore ``sensitive`` shape is reachable.

    pydantic reads ``hide_input_in_errors`` from the model validation starts at, and a failing
    parent prints its whole input (secrets nested in it too): so every such structure hides
    the inputs of its errors, which still name the location and the rule broken. Map keys
    under a member holding a secret are redacted in those locations (``_redact``).
    """

    model_config = ConfigDict(hide_input_in_errors=True)

    @model_validator(mode="wrap")
    @classmethod
    def _redact_secret_keys(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(data)
        except ValidationError as error:
            raise redacted(cls, error) from None


class OperationOutput(ShapeModel):
    """An operation's output: boto3 adds ``ResponseMetadata``, which the model sets aside."""

    _response_metadata: dict[str, Any] | None = PrivateAttr(default=None)

    @model_validator(mode="wrap")
    @classmethod
    def _set_aside_metadata(cls, data: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        if not (isinstance(data, dict) and RESPONSE_METADATA in data):
            return handler(data)
        rest = {key: value for key, value in data.items() if key != RESPONSE_METADATA}
        model = handler(rest)
        if isinstance(model, OperationOutput):
            model._response_metadata = data[RESPONSE_METADATA]  # noqa: SLF001 - our own
        return model

    @property
    def response_metadata(self) -> dict[str, Any] | None:
        """boto3's ``ResponseMetadata`` (request id, HTTP status...), if the payload had it."""
        return self._response_metadata


class BotocoreError(ShapeModel):
    """botocore's parsed ``Error`` of a modeled exception: code, message, protocol extras."""

    model_config = ConfigDict(extra="allow", strict=True)

    Code: Annotated[str | None, NOT_NULL] = None
    Message: Annotated[str | None, NOT_NULL] = None


# --- patterns Rust's regex crate cannot run ---------------------------------------------------


class BoundedPattern(AfterCheck):
    """``Annotated[str, ..., BoundedPattern(pattern)]``: ``pattern`` searched by fancy-regex.

    The generated models give this only to patterns that need lookarounds or backreferences
    (``botocontract.codegen.emit._pydantic_patterns``); it runs after the length checks, so on
    at most the shape's maximum length. fancy-regex counts its backtracking steps and gives up
    at jsonschema_rs's limit (1,000,000): such a value is rejected as undecided, never hangs.
    The JSON Schema validator uses the same engine and limit, so both give the same verdict.
    """

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._validator = jsonschema_rs.validator_for({"pattern": pattern})

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {**handler(schema), "pattern": self.pattern}

    def _check(self, value: str) -> str:
        if self._validator.is_valid(value):
            return value
        context = {"pattern": self.pattern}
        for error in self._validator.iter_errors(value):
            if "pattern" not in error.kind.as_dict():  # the engine gave up, no verdict
                message = "String could not be matched against pattern '{pattern}' (too complex)"
                raise PydanticCustomError("string_pattern_undecided", message, context)
        # pydantic's own error for a pattern, so that both engines fail alike
        message = "String should match pattern '{pattern}'"
        raise PydanticCustomError("string_pattern_mismatch", message, context)

    def __repr__(self) -> str:
        return f"BoundedPattern({self.pattern!r})"


# --- timestamps ----------------------------------------------------------------------------


def _timestamp_schema() -> core_schema.CoreSchema:
    """A datetime from a ``datetime``, an epoch number, or text matching the schema's pattern.

    Plain lax ``datetime`` would also take ``"2016-11-17"`` or ``"1479400000"``, which the JSON
    Schema rejects; so text must match ``ISO_TIMESTAMP_PATTERN`` first.
    """
    parse = core_schema.datetime_schema()
    from_text = core_schema.chain_schema(
        [
            core_schema.str_schema(
                strict=True, pattern=ISO_TIMESTAMP_PATTERN, regex_engine="python-re"
            ),
            parse,
        ]
    )
    from_number = core_schema.chain_schema([core_schema.float_schema(strict=True), parse])
    return core_schema.json_or_python_schema(
        json_schema=core_schema.union_schema([from_number, from_text], **_TIMESTAMP_ERROR),
        python_schema=core_schema.union_schema(
            [core_schema.is_instance_schema(datetime), from_number, from_text], **_TIMESTAMP_ERROR
        ),
        serialization=core_schema.plain_serializer_function_ser_schema(
            _timestamp_to_json, when_used="json"
        ),
    )


_TIMESTAMP_ERROR: dict[str, Any] = {
    "custom_error_type": "timestamp_type",
    "custom_error_message": "Input should be a datetime, epoch seconds or an ISO-8601 timestamp",
}


# The JSON serializers below see an absent optional member's None too: NOT_NULL took the nullable
# schema, and with it the serializer that would have passed None on, off the field.


def _timestamp_to_json(value: datetime | None) -> str | None:
    return None if value is None else value.isoformat()


_TIMESTAMP_TEXT = {"type": "string", "format": "date-time", "pattern": ISO_TIMESTAMP_PATTERN}
_Timestamp = Leaf(_timestamp_schema, {"anyOf": [_TIMESTAMP_TEXT, {"type": "number"}]})


BotocoreTimestamp = Annotated[datetime, _Timestamp]


# --- blobs ---------------------------------------------------------------------------------


def _decode_base64(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        raise PydanticCustomError("base64", "Input is not valid base64 text") from None


def _bytes_from_repr(text: str) -> bytes:
    """``json.dumps(default=str)``'s b'...' text back as the bytes (a literal, never run)."""
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        value = None
    if not isinstance(value, bytes):
        raise PydanticCustomError("bytes_repr", "Input is not a bytes literal")
    return value


def _blob_to_json(value: bytes | None) -> str | None:
    return None if value is None else base64.b64encode(value).decode("ascii")


def _blob_schema() -> core_schema.CoreSchema:
    from_text = core_schema.chain_schema(
        [
            core_schema.str_schema(strict=True, pattern=BASE64_PATTERN, regex_engine="python-re"),
            core_schema.no_info_plain_validator_function(_decode_base64),
        ]
    )
    from_repr = core_schema.chain_schema(
        [
            core_schema.str_schema(
                strict=True, pattern=BYTES_REPR_PATTERN, regex_engine="python-re"
            ),
            core_schema.no_info_plain_validator_function(_bytes_from_repr),
        ]
    )
    text = core_schema.union_schema([from_text, from_repr], mode="left_to_right")
    return core_schema.json_or_python_schema(
        json_schema=text,
        python_schema=core_schema.union_schema(
            [core_schema.bytes_schema(strict=True), text],
            custom_error_type="blob_type",
            custom_error_message="Input should be bytes or base64 text",
        ),
        serialization=core_schema.plain_serializer_function_ser_schema(
            _blob_to_json, when_used="json"
        ),
    )


_Blob = Leaf(
    _blob_schema, {"type": "string", "contentEncoding": "base64", "pattern": BASE64_PATTERN}
)


BotocoreBlob = Annotated[bytes, _Blob]


def _text_as_sent(text: str) -> bytes:
    """The bytes botocore's serializers send for a str: its UTF-8."""
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: botocore's serializer would fail on it
        raise PydanticCustomError("utf8", "Input is text UTF-8 cannot encode") from None


def _request_blob_schema() -> core_schema.CoreSchema:
    """Python values as a boto3 call takes them: a str is the text botocore sends. JSON input
    is a dump: a response's blob (base64, b'...'), else text."""
    blob = _blob_schema()
    any_text = core_schema.chain_schema(
        [
            core_schema.str_schema(strict=True),
            core_schema.no_info_plain_validator_function(_text_as_sent),
        ]
    )
    from_bytearray = core_schema.chain_schema(
        [
            core_schema.is_instance_schema(bytearray),
            core_schema.no_info_plain_validator_function(bytes),
        ]
    )
    return core_schema.json_or_python_schema(
        json_schema=core_schema.union_schema([blob["json_schema"], any_text], mode="left_to_right"),
        python_schema=core_schema.union_schema(
            [core_schema.bytes_schema(strict=True), from_bytearray, any_text],
            mode="left_to_right",
            custom_error_type="blob_type",
            custom_error_message="Input should be bytes, bytearray or text",
        ),
        serialization=blob.get("serialization"),
    )


_RequestBlob = Leaf(_request_blob_schema, {"type": "string"})


BotocoreRequestBlob = Annotated[bytes, _RequestBlob]


# --- file-like outputs ---------------------------------------------------------------------


def _readable_value(value: Any) -> Any:
    """A StreamingBody or EventStream as botocore hands it over, the bytes read from one, or the
    repr ``json.dumps(default=str)`` writes of one."""
    if isinstance(value, (bytes, bytearray)):
        return bytes(value)
    if isinstance(value, str):
        if re.fullmatch(READABLE_REPR_PATTERN, value):
            return value
        raise PydanticCustomError("readable", "Input is text, not a file-like object's repr")
    if callable(getattr(value, "read", None)) or callable(getattr(value, "close", None)):
        return value
    raise PydanticCustomError("readable", "Input should be a file-like object or bytes")


def _readable_to_json(value: Any) -> str | None:
    if value is None or isinstance(value, bytes):
        return _blob_to_json(value)
    return object.__repr__(value)


def _streamed_schema(validate: Callable[[Any], Any]) -> core_schema.CoreSchema:
    """A body botocore streams: ``validate`` reads what is given, JSON shows its repr text."""
    return core_schema.no_info_plain_validator_function(
        validate,
        serialization=core_schema.plain_serializer_function_ser_schema(
            _readable_to_json, when_used="json"
        ),
    )


_Readable = Leaf(
    partial(_streamed_schema, _readable_value),
    {"type": "string", "pattern": READABLE_REPR_PATTERN},
)


BotocoreReadable = Annotated[Any, _Readable]


_REQUEST_BLOB = SchemaValidator(_request_blob_schema())


def _request_body_value(value: Any) -> Any:
    """A request's body: a file-like object as botocore streams it, else a request's blob."""
    if not isinstance(value, (str, bytes, bytearray)) and callable(getattr(value, "read", None)):
        return value
    return _REQUEST_BLOB.validate_python(value)


_RequestBody = Leaf(partial(_streamed_schema, _request_body_value), {"type": "string"})


BotocoreRequestBody = Annotated[Any, _RequestBody]


# --- unions --------------------------------------------------------------------------------


class UnionShape(ShapeModel):
    """A botocore union: exactly one member present (the schema's min/maxProperties 1)."""

    @model_validator(mode="after")
    def _exactly_one_member(self) -> Self:
        if len(self.model_fields_set) != 1:
            raise PydanticCustomError(
                "union_members",
                "A union takes exactly one member, got {count}",
                {"count": len(self.model_fields_set)},
            )
        return self
