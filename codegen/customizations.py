"""What a botocore client does to payloads beyond its model: the survey, kept as data.

botocore registers handlers on each client's events (``botocore.handlers.BUILTIN_HANDLERS``)
and its parsers have special cases; some change what boto3 returns or accepts. Every handler
botocore registers on an event that can touch a payload is listed in ``SURVEY`` with what it
does to the contract, so a botocore upgrade that adds one fails
``tests/unit/test_customizations.py`` instead of being misjudged. ``boto3_output_effects``
applies the entries that change the boto3 form of an output to one service's IR; the schema
emitter writes them into the boto3 form, and the models and strategies follow from there.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract.codegen import ir

# What an entry does to the contract:
#   json-document   an output string member is handed over as the JSON it holds (a dict)
#   nullable        an output member may be None
#   added-member    a member the model does not declare is added to the output
#   text-decoded    an output string is decoded (URL or base64) into other text: same type
#   readable        an output member is a file-like object (StreamingBody, EventStream)
#   error-code      how an error response's code or message is read
#   input-more      boto3 accepts more for an input member than the model's type says
#   input-filled    botocore fills a required input member the caller may leave out
#   input-checked   botocore refuses inputs the model allows (client-side checks)
#   removed         the operation is taken off the client: boto3 cannot call it
#   none            the request's transport only (headers, signing, endpoints, retries)
Effect = Literal[
    "json-document",
    "nullable",
    "added-member",
    "text-decoded",
    "readable",
    "error-code",
    "input-more",
    "input-filled",
    "input-checked",
    "removed",
    "none",
]


@dataclass(frozen=True)
class Customization:
    """One botocore handler (or parser special case) and what it does to payloads."""

    handler: str  # module.qualname of botocore's callable, or the parser method
    effect: Effect
    touches: str  # the services, operations and members, as botocore decides them
    note: str = ""


def _h(name: str, effect: Effect, touches: str, note: str = "") -> Customization:
    return Customization(f"botocore.handlers.{name}", effect, touches, note)


SURVEY: tuple[Customization, ...] = (
    # --- outputs ---------------------------------------------------------------------------
    _h(
        "json_decode_policies",
        "json-document",
        "iam, every output: members targeting the string shape policyDocumentType, found "
        "through structures and lists",
        "URL-decoded, then json.loads; text that is no JSON stays text",
    ),
    _h(
        "json_decode_template_body",
        "json-document",
        "cloudformation GetTemplate: TemplateBody",
        "json.loads; a YAML template stays text",
    ),
    _h(
        "parse_get_bucket_location",
        "nullable",
        "s3 GetBucketLocation: LocationConstraint",
        "the root element's text: None for us-east-1's empty element",
    ),
    _h(
        "handle_expires_header",
        "added-member",
        "s3, outputs with an Expires header member: ExpiresString",
        "the raw Expires header; Expires itself is dropped when it is no timestamp",
    ),
    _h(
        "decode_list_object",
        "text-decoded",
        "s3 ListObjects: Delimiter, Marker, NextMarker, "
        "Contents[].Key, CommonPrefixes[].Prefix, when botocore set EncodingType=url itself",
    ),
    _h(
        "decode_list_object_v2",
        "text-decoded",
        "s3 ListObjectsV2: Delimiter, Prefix, "
        "StartAfter, Contents[].Key, CommonPrefixes[].Prefix, when botocore set EncodingType",
    ),
    _h(
        "decode_list_object_versions",
        "text-decoded",
        "s3 ListObjectVersions: KeyMarker, "
        "NextKeyMarker, Prefix, Delimiter, Versions[].Key, DeleteMarkers[].Key, "
        "CommonPrefixes[].Prefix, when botocore set EncodingType",
    ),
    _h(
        "decode_console_output",
        "text-decoded",
        "ec2 GetConsoleOutput: Output",
        "base64-decoded to text (errors replaced)",
    ),
    _h(
        "_handle_200_error",
        "error-code",
        "s3, every operation",
        "a 200 response whose body is <Error> is an error",
    ),
    _h(
        "_handle_sqs_compatible_error",
        "error-code",
        "sqs, every error",
        "the QueryErrorCode names the error",
    ),
    _h(
        "_map_oauth2_errors",
        "error-code",
        "sso-oidc, every error",
        "error_description becomes Message",
    ),
    _h(
        "_update_status_code",
        "error-code",
        "s3, every operation",
        "the status code of a 200 error is 500 for retries",
    ),
    Customization(
        "botocore.parsers.ResponseParser (streaming payload)",
        "readable",
        "every rest service: an output payload member targeting a blob",
        "a botocore.response.StreamingBody",
    ),
    Customization(
        "botocore.parsers.ResponseParser (event stream)",
        "readable",
        "every service: an output member targeting an eventstream structure",
        "a botocore.eventstream.EventStream",
    ),
    Customization(
        "botocore.parsers.BaseRestParser._handle_string",
        "json-document",
        "rest-json and rest-xml: header members with the jsonvalue trait",
        "base64-decoded, then json.loads: any JSON value",
    ),
    # --- inputs ----------------------------------------------------------------------------
    Customization(
        "botocore.validate.ParamValidator._validate_blob",
        "input-more",
        "every input: members targeting a blob",
        "bytes, bytearray, any str (serialized as its UTF-8) or, where the blob is the "
        "request's body, a file-like object",
    ),
    _h(
        "convert_body_to_file_like_object",
        "input-more",
        "s3 PutObject, UploadPart: Body",
        "bytes or str become a file-like object",
    ),
    _h(
        "base64_encode_user_data",
        "input-more",
        "ec2 RunInstances, autoscaling CreateLaunchConfiguration: UserData",
        "plain text, base64-encoded by botocore",
    ),
    _h(
        "handle_copy_source_param",
        "input-more",
        "s3 CopyObject, UploadPartCopy: CopySource",
        "a dict of Bucket, Key, VersionId as well as text",
    ),
    _h(
        "fix_route53_ids",
        "input-more",
        "route53, every input: members named Id, HostedZoneId, "
        "ResourceId, DelegationSetId, ChangeId",
        "a /hostedzone/ID path is cut to its ID",
    ),
    _h(
        "ParameterAlias.alias_parameter_in_call",
        "input-more",
        "ec2 (Filter -> Filters...), logs CreateExportTask, cloudsearchdomain Search",
        "another name for the same member",
    ),
    _h(
        "generate_idempotent_uuid",
        "input-filled",
        "every input: idempotencyToken members",
        "a uuid4 when left out",
    ),
    _h("inject_account_id", "input-filled", "glacier, every input: accountId", "'-'"),
    _h(
        "sse_md5",
        "input-filled",
        "s3 operations with SSECustomerKey: SSECustomerKeyMD5",
        "computed from the key",
    ),
    _h(
        "copy_source_sse_md5",
        "input-filled",
        "s3 CopyObject, UploadPartCopy: CopySourceSSECustomerKeyMD5",
        "computed from the key",
    ),
    _h(
        "set_list_objects_encoding_type_url",
        "input-filled",
        "s3 ListObjects, ListObjectsV2, ListObjectVersions: EncodingType",
        "'url'",
    ),
    _h(
        "_handle_request_validation_mode_member",
        "input-filled",
        "operations with a requestValidationModeMember (flexible checksums)",
        "'ENABLED'",
    ),
    _h(
        "validate_bucket_name",
        "input-checked",
        "s3, every input: Bucket",
        "refused unless a bucket name or an ARN",
    ),
    _h(
        "validate_ascii_metadata",
        "input-checked",
        "s3 PutObject, CopyObject, CreateMultipartUpload: Metadata",
        "ASCII only",
    ),
    # --- transport only --------------------------------------------------------------------
    _h("remove_bucket_from_url_paths_from_model", "none", "s3 request URIs"),
    _h("remove_accid_host_prefix_from_model", "none", "s3-control host prefixes"),
    _h("add_expect_header", "none", "s3 request headers"),
    _h("add_glacier_version", "none", "glacier request headers"),
    _h("add_accept_header", "none", "apigateway request headers"),
    _h("add_glacier_checksums", "none", "glacier request headers"),
    _h("escape_xml_payload", "none", "s3 request bodies: XML character references"),
    _h("inject_presigned_url_ec2", "none", "ec2 CopySnapshot: PresignedUrl, signed by botocore"),
    _h("inject_presigned_url_rds", "none", "rds, neptune, docdb: PreSignedUrl"),
    _h("inject_api_version_header_if_needed", "none", "request headers"),
    _h("add_recursion_detection_header", "none", "request headers"),
    _h("customize_endpoint_resolver_builtins", "none", "s3 endpoints"),
    _h("enable_millisecond_timestamp_precision", "none", "bedrock-agentcore request timestamps"),
    _h("add_retry_headers", "none", "request headers"),
    _h("change_get_to_post", "none", "cloudsearchdomain Search: the HTTP method"),
    _h("switch_host_machinelearning", "none", "machinelearning Predict: the endpoint"),
    _h("check_openssl_supports_tls_version_1_2", "none", "iot-data: a warning"),
    _h("disable_signing", "none", "cognito-identity: unsigned operations"),
    _h("handle_service_name_alias", "none", "service names given to create_client"),
    _h("remove_arn_from_signing_path", "none", "s3 signing"),
    _h("remove_content_type_header_for_presigning", "none", "polly presigned URLs"),
    _h("_set_extra_headers_for_unsigned_request", "none", "s3 unsigned requests"),
    _h("_set_auth_scheme_preference_signer", "none", "signing"),
    _h("set_operation_specific_signer", "none", "signing"),
    _h("ClientMethodAlias", "none", "old method names of a few operations (cloudwatch, mturk)"),
    _h(
        "remove_bedrock_runtime_invoke_model_with_bidirectional_stream",
        "removed",
        "bedrock-runtime InvokeModelWithBidirectionalStream",
    ),
    _h(
        "remove_connecthealth_start_medical_scribe_listening_session",
        "removed",
        "connecthealth StartMedicalScribeListeningSession",
    ),
    _h("remove_lex_v2_start_conversation", "removed", "lexv2-runtime StartConversation"),
    _h("remove_polly_start_speech_synthesis_stream", "removed", "polly StartSpeechSynthesisStream"),
    _h("remove_qbusiness_chat", "removed", "qbusiness Chat"),
    Customization(
        "botocore.client.ClientCreator._default_s3_presign_to_sigv2", "none", "s3 presigning"
    ),
    Customization(
        "botocore.client.ClientCreator._inject_s3_input_parameters",
        "none",
        "s3: endpoint-rule parameters from the input",
    ),
    Customization(
        "botocore.discovery.EndpointDiscoveryHandler.discover_endpoint",
        "none",
        "services with endpoint discovery: the endpoint",
    ),
    Customization(
        "botocore.discovery.EndpointDiscoveryHandler.gather_identifiers",
        "none",
        "services with endpoint discovery: the endpoint",
    ),
    Customization(
        "botocore.discovery.EndpointDiscoveryHandler.handle_retries",
        "none",
        "services with endpoint discovery: retries",
    ),
    Customization(
        "botocore.discovery.block_endpoint_discovery_required_operations",
        "input-checked",
        "operations that require endpoint discovery, when it is off",
    ),
    Customization("botocore.retryhandler.RetryHandler", "none", "retries"),
    Customization("botocore.signers.RequestSigner.handler", "none", "signing"),
    Customization("botocore.signers.add_generate_presigned_url", "none", "client methods"),
    Customization("botocore.signers.add_generate_presigned_post", "none", "s3 client methods"),
    Customization("botocore.signers.add_generate_db_auth_token", "none", "rds client methods"),
    Customization(
        "botocore.signers.add_dsql_generate_db_auth_token_methods", "none", "dsql client methods"
    ),
    Customization(
        "botocore.useragent.UserAgentString.rebuild_and_replace_user_agent_handler",
        "none",
        "request headers",
    ),
    Customization(
        "botocore.utils.S3ControlArnParamHandler.handle_arn",
        "input-more",
        "s3control: Name and Bucket may be ARNs (AccountId then comes from the ARN)",
    ),
    Customization(
        "botocore.utils.S3ExpressIdentityResolver.apply_signing_cache_key",
        "none",
        "s3 express signing",
    ),
    Customization(
        "botocore.utils.S3ExpressIdentityResolver.resolve_s3express_identity",
        "none",
        "s3 express signing",
    ),
    Customization(
        "botocore.utils.S3RegionRedirectorv2.annotate_request_context",
        "none",
        "s3 region redirects",
    ),
    Customization(
        "botocore.utils.S3RegionRedirectorv2.redirect_from_cache", "none", "s3 region redirects"
    ),
    Customization(
        "botocore.utils.S3RegionRedirectorv2.redirect_from_error", "none", "s3 region redirects"
    ),
)


# --- the boto3 form of outputs --------------------------------------------------------------


@dataclass(frozen=True)
class OutputEffects:
    """Where a service's outputs differ in the boto3 form from the model text."""

    # (structure, member) -> effect, for members botocore hands over changed
    members: dict[tuple[str, str], Effect]
    # structure -> names of members botocore adds (text)
    added: dict[str, tuple[str, ...]]


@lru_cache(maxsize=8)  # every structure of the service asks
def boto3_output_effects(service: ir.Service) -> OutputEffects:
    effects = OutputEffects({}, {})
    by_service = _BY_SERVICE.get(service.name)
    if by_service is not None:
        by_service(service, effects)
    for op in service.operations.values():
        if op.output:
            _readable_members(service, service.shapes[op.output], effects.members)
    _json_values(service, effects.members)
    return effects


def _json_values(service: ir.Service, found: dict[tuple[str, str], Effect]) -> None:
    """``jsonvalue`` members: a header's is base64 JSON botocore decodes (both ways); a body's
    is JSON text, or the JSON itself where a service inlines it, which botocore hands over as
    it came. A structure only inputs reach keeps the text (botocore sends an input's as text);
    one both directions reach is twinned (``request_shapes``), its request side the text."""
    inputs, responses = _reached(service)
    for shape in service.shapes.values():
        for member in shape.members:
            answered = shape.name not in inputs or shape.name in responses
            body_of_output = member.location is None and answered
            if member.json_value and (member.location == "header" or body_of_output):
                found[shape.name, member.name] = "json-document"


def _outputs(service: ir.Service) -> list[str]:
    return [op.output for op in service.operations.values() if op.output]


def _iam(service: ir.Service, effects: OutputEffects) -> None:
    for output in _outputs(service):
        _policy_documents(service, output, effects.members, set())


def _cloudformation(service: ir.Service, effects: OutputEffects) -> None:
    _mark_top(service, "GetTemplate", "TemplateBody", "json-document", effects.members)


def _s3(service: ir.Service, effects: OutputEffects) -> None:
    _mark_top(service, "GetBucketLocation", "LocationConstraint", "nullable", effects.members)
    for output in _outputs(service):
        if _has_expires_header(service.shapes[output]):
            effects.added[output] = ("ExpiresString",)


def _policy_documents(
    service: ir.Service, name: str, found: dict[tuple[str, str], Effect], seen: set[str]
) -> None:
    """botocore's own walk: structures and lists, not maps, to policyDocumentType strings."""
    if name in seen:
        return
    seen.add(name)
    shape = service.shapes[name]
    if shape.type == "list" and shape.member is not None:
        _policy_documents(service, shape.member.target, found, seen)
    for member in shape.members if shape.type == "structure" else ():
        target = service.shapes[member.target]
        if target.type == "string" and target.name == "policyDocumentType":
            found[name, member.name] = "json-document"
        else:
            _policy_documents(service, member.target, found, seen)


def _mark_top(
    service: ir.Service,
    operation: str,
    member: str,
    effect: Effect,
    found: dict[tuple[str, str], Effect],
) -> None:
    op = service.operations.get(operation)
    if op is None or op.output is None:
        return
    if any(m.name == member for m in service.shapes[op.output].members):
        found[op.output, member] = effect


def _has_expires_header(shape: ir.Shape) -> bool:
    return any(m.name == "Expires" and m.wire_name == "Expires" for m in shape.members)


def _readable_members(
    service: ir.Service, output: ir.Shape, found: dict[tuple[str, str], Effect]
) -> None:
    for member in output.members:
        target = service.shapes[member.target]
        # botocore streams any blob payload, with or without the streaming trait
        streamed = target.type == "blob" and output.payload == member.name
        if streamed or target.eventstream:
            found[output.name, member.name] = "readable"


_BY_SERVICE: dict[str, Callable[[ir.Service, OutputEffects], None]] = {
    "iam": _iam,
    "cloudformation": _cloudformation,
    "s3": _s3,
}


# --- members botocore's handlers read unconditionally ---------------------------------------

# s3's URL-decoding handlers (decode_list_object*) index these child members of every list
# item: optional in the model, always present in real responses, a KeyError when absent.
_S3_DECODED_ITEMS = {
    "ListObjects": (("Contents", "Key"), ("CommonPrefixes", "Prefix")),
    "ListObjectsV2": (("Contents", "Key"), ("CommonPrefixes", "Prefix")),
    "ListObjectVersions": (
        ("Versions", "Key"),
        ("DeleteMarkers", "Key"),
        ("CommonPrefixes", "Prefix"),
    ),
}


@lru_cache(maxsize=8)
def assumed_present(service: ir.Service) -> frozenset[tuple[str, str]]:
    """(structure, member) pairs a botocore handler reads without checking they are there."""
    if service.name != "s3":
        return frozenset()
    found: set[tuple[str, str]] = set()
    for operation, items in _S3_DECODED_ITEMS.items():
        op = service.operations.get(operation)
        if op is None or op.output is None:
            continue
        output = service.shapes[op.output]
        for list_member, child in items:
            item = _list_item(service, output, list_member)
            if item is not None and any(m.name == child for m in item.members):
                found.add((item.name, child))
    return frozenset(found)


def _list_item(service: ir.Service, shape: ir.Shape, member: str) -> ir.Shape | None:
    ref = next((m for m in shape.members if m.name == member), None)
    target = service.shapes[ref.target] if ref is not None else None
    if target is None or target.type != "list" or target.member is None:
        return None
    return service.shapes[target.member.target]


# --- wire bodies botocore reads by hand -------------------------------------------------------


def root_text_members(service: ir.Service) -> dict[str, str]:
    """Output structures whose XML body is one element with text, read by a handler into a
    member (s3 GetBucketLocation: ``<LocationConstraint>eu-west-1</LocationConstraint>``)."""
    if service.name != "s3":
        return {}
    op = service.operations.get("GetBucketLocation")
    if op is None or op.output is None:
        return {}
    members = [m.name for m in service.shapes[op.output].members]
    return {op.output: "LocationConstraint"} if "LocationConstraint" in members else {}


# --- the boto3 form of inputs ---------------------------------------------------------------


@dataclass(frozen=True)
class RequestShapes:
    """Shapes a request's boto3 form reads differently from a response's: those reachable from
    an operation input that hold a blob (botocore's ParamValidator takes any str for one) or a
    body ``jsonvalue`` member (a request's is text; a response may inline the JSON).

    ``in_place``: no output or error reaches them, so their one definition is the request's.
    ``twinned``: responses reach them too; they get a second, request-only definition.
    ``bodies``: (input structure, member) pairs whose blob is the request's body, which may
    also be a file-like object.
    """

    in_place: frozenset[str]
    twinned: frozenset[str]
    bodies: frozenset[tuple[str, str]]

    def reads_differently(self, name: str) -> bool:
        return name in self.in_place or name in self.twinned


@lru_cache(maxsize=8)
def request_shapes(service: ir.Service) -> RequestShapes:
    inputs, responses = _reached(service)
    differing = inputs & _holding(service, _request_read_shapes(service))
    bodies = frozenset(
        (op.input, payload)
        for op in service.operations.values()
        if op.input is not None
        and (payload := service.shapes[op.input].payload) is not None
        and service.shapes[service.shapes[op.input].member_named(payload).target].type == "blob"
    )
    return RequestShapes(frozenset(differing - responses), frozenset(differing & responses), bodies)


def _reached(service: ir.Service) -> tuple[set[str], set[str]]:
    """Shapes an operation input reaches, and shapes an output or error reaches."""
    requests = tuple(op.input for op in service.operations.values() if op.input)
    answers = tuple(
        name
        for op in service.operations.values()
        for name in (op.output, *op.errors)
        if name is not None
    )
    return set(service.reachable(requests)), set(service.reachable(answers))


def _request_read_shapes(service: ir.Service) -> set[str]:
    """Shapes a request reads unlike a response: blobs (any str) and structures holding a body
    ``jsonvalue`` member (text, where a response may inline the JSON)."""
    return {
        name
        for name, shape in service.shapes.items()
        if shape.type == "blob" or any(is_body_json_value(m) for m in shape.members)
    }


def is_body_json_value(member: ir.Member) -> bool:
    return bool(member.json_value) and member.location is None


def _holding(service: ir.Service, seeds: set[str]) -> set[str]:
    """``seeds`` and every shape that refers to one, through any number of shapes."""
    referrers: dict[str, set[str]] = {}
    for name, shape in service.shapes.items():
        for target in shape.targets():
            referrers.setdefault(target, set()).add(name)
    found = set(seeds)
    todo = list(found)
    while todo:
        for referrer in referrers.get(todo.pop(), ()):
            if referrer not in found:
                found.add(referrer)
                todo.append(referrer)
    return found
