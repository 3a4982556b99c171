"""The survey of botocore's customizations against a real botocore client.

Every handler a client registers (outside the docs) must be in ``SURVEY``, so a botocore upgrade
that adds one fails here. Each customization that changes an output is then run: a real client,
answered in-process with a canned wire body, hands over its output; the boto3-form schema and
the generated model accept it, and a mutation of the customized member is refused.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import pytest
from botocontract import validate
from botocontract.codegen.customizations import SURVEY, boto3_output_effects
from botocontract.codegen.load import load_service

from tests.botocore_client import answered, client
from tests.model_packages import emit_package

if TYPE_CHECKING:
    from collections.abc import Iterator
    from types import ModuleType

# One client per protocol, and the services botocore's client creator adds handlers for.
_CLIENTS = (
    "s3", "s3control", "iam", "ec2", "sqs", "dynamodb", "timestream-write", "sts", "lambda",
    "cloudwatch", "codebuild", "glacier", "route53", "apigateway", "sso-oidc", "rds",
)  # fmt: skip
_SURVEYED = {entry.handler for entry in SURVEY}


def _handlers(node: dict[str, Any], path: tuple[str, ...] = ()) -> Iterator[tuple[str, Any]]:
    """(event, handler) pairs of a client's emitter. botocore has no public listing: this walks
    its prefix trie (botocore.hooks._PrefixTrie), which a botocore upgrade may change."""
    chunk = node.get("chunk")
    here = (*path, chunk) if chunk is not None else path
    values = node.get("values")
    if values:
        for handler in (*values.first, *values.middle, *values.last):
            yield ".".join(here), handler
    for child in node.get("children", {}).values():
        yield from _handlers(child, here)


def _name(handler: Any) -> str:
    function = getattr(handler, "__func__", handler)
    qualname = getattr(function, "__qualname__", type(function).__qualname__)
    return f"{function.__module__}.{qualname}"


def _registered() -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for service in _CLIENTS:
        emitter = client(service).meta.events._emitter  # noqa: SLF001 - see _handlers
        for event, handler in _handlers(emitter._handlers._root):  # noqa: SLF001
            name = _name(handler)  # botocore's own (moto, imported here, adds one too)
            if name.startswith("botocore.") and not event.startswith("docs."):
                found.setdefault(name, set()).add(event)
    return found


def test_every_handler_a_client_registers_is_in_the_survey() -> None:
    registered = _registered()
    assert len(registered) > 50  # the walk found botocore's handlers at all
    missing = {name: sorted(events)[:3] for name, events in registered.items()}
    missing = {name: events for name, events in missing.items() if name not in _SURVEYED}
    assert missing == {}, "botocore registers handlers the survey does not list"


# Special cases inside botocore's parsers and its ParamValidator: code paths, not handlers.
_NOT_HANDLERS = ("botocore.parsers.", "botocore.validate.")


def test_every_surveyed_handler_is_still_registered() -> None:
    registered = _registered()
    stale = [
        entry.handler
        for entry in SURVEY
        if not entry.handler.startswith(_NOT_HANDLERS) and entry.handler not in registered
    ]
    assert stale == []


def test_surveyed_validator_special_cases_still_exist() -> None:
    import botocore.validate  # noqa: PLC0415

    for entry in SURVEY:
        if entry.handler.startswith("botocore.validate."):
            owner, method = entry.handler.removeprefix("botocore.validate.").split(".")
            assert callable(getattr(getattr(botocore.validate, owner), method)), entry.handler


def test_customized_output_structures_are_never_inputs() -> None:
    # The boto3 form states an output customization on the structure holding the member: right
    # only while no input reaches that structure (jsonvalue headers are JSON both ways).
    for name in ("iam", "cloudformation", "s3", "lambda", "ec2"):
        service = load_service(name)
        roots = tuple(op.input for op in service.operations.values() if op.input)
        inputs = set(service.reachable(roots))
        effects = boto3_output_effects(service)
        shared = sorted(
            shape
            for (shape, member) in effects.members
            if shape in inputs and not service.shapes[shape].member_named(member).json_value
        )
        assert shared == [], name
        assert not inputs & set(effects.added), name


# --- each customization, through a real client --------------------------------------------


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ModuleType]:
    root = tmp_path_factory.mktemp("customized")
    return {
        name: emit_package(name, root, f"{name}_customized_models")
        for name in ("iam", "s3", "cloudformation", "lambda")
    }


def _model_accepts(module: ModuleType, operation: str, output: dict[str, Any]) -> None:
    service = module.__name__.split("_customized_models")[0]
    shape = client(service).meta.service_model.operation_model(operation).output_shape
    getattr(module.models, shape.name).model_validate(output)


def _ok(output: Any, service: str, operation: str) -> None:
    report = validate(output, service, operation=operation)
    assert report.issues == (), report.issues
    assert report.form == "boto3"
    dumped = json.loads(json.dumps(output, default=str))  # as users save responses
    assert validate(dumped, service, operation=operation).issues == ()


def _refused(output: Any, service: str, operation: str, pointer: str) -> None:
    report = validate(output, service, operation=operation, form="boto3")
    assert not report.ok
    assert pointer in {issue.path for issue in report.errors}


_POLICY = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D"
_IAM = (
    '<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role>'
    "<Path>/</Path><RoleName>r</RoleName><RoleId>AROAAAAAAAAAAAAAAAAAA</RoleId>"
    "<Arn>arn:aws:iam::123456789012:role/r</Arn><CreateDate>2020-01-01T00:00:00Z</CreateDate>"
    f"<AssumeRolePolicyDocument>{_POLICY}</AssumeRolePolicyDocument></Role></GetRoleResult>"
    "<ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></GetRoleResponse>"
)


def test_iam_policy_documents_are_dicts(models: dict[str, ModuleType]) -> None:
    output = answered("iam", "GetRole", _IAM, RoleName="r")
    assert output["Role"]["AssumeRolePolicyDocument"] == {"Version": "2012-10-17", "Statement": []}
    _ok(output, "iam", "GetRole")
    _model_accepts(models["iam"], "GetRole", output)
    listed = _IAM.replace("GetRole", "ListRoles").replace("<Role>", "<Roles><member>")
    listed = listed.replace("</Role>", "</member></Roles>")
    roles = answered("iam", "ListRoles", listed)
    assert isinstance(roles["Roles"][0]["AssumeRolePolicyDocument"], dict)
    _ok(roles, "iam", "ListRoles")
    _model_accepts(models["iam"], "ListRoles", roles)
    output["Role"]["AssumeRolePolicyDocument"] = ""  # text below the model's minimum length
    _refused(output, "iam", "GetRole", "/Role/AssumeRolePolicyDocument")


def test_cloudformation_template_bodies_are_dicts(models: dict[str, ModuleType]) -> None:
    body = (
        '<GetTemplateResponse xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">'
        '<GetTemplateResult><TemplateBody>{"Resources": {}}</TemplateBody></GetTemplateResult>'
        "<ResponseMetadata><RequestId>x</RequestId></ResponseMetadata></GetTemplateResponse>"
    )
    output = answered("cloudformation", "GetTemplate", body, StackName="s")
    assert output["TemplateBody"] == {"Resources": {}}
    _ok(output, "cloudformation", "GetTemplate")
    _model_accepts(models["cloudformation"], "GetTemplate", output)
    output["TemplateBody"] = ""
    _refused(output, "cloudformation", "GetTemplate", "/TemplateBody")


def test_s3_bucket_location_is_none_in_us_east_1(models: dict[str, ModuleType]) -> None:
    body = '<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"/>'
    output = answered("s3", "GetBucketLocation", body, Bucket="b")
    assert output["LocationConstraint"] is None
    _ok(output, "s3", "GetBucketLocation")
    _model_accepts(models["s3"], "GetBucketLocation", output)
    output["LocationConstraint"] = 5
    _refused(output, "s3", "GetBucketLocation", "/LocationConstraint")


def test_s3_bucket_location_bodies_are_read_as_botocore_reads_them() -> None:
    # the handler reads the root element's text: the wire form does too
    namespace = 'xmlns="http://s3.amazonaws.com/doc/2006-03-01/"'
    body = f'<?xml version="1.0"?>\n<LocationConstraint {namespace}>eu-west-1</LocationConstraint>'
    output = answered("s3", "GetBucketLocation", body, Bucket="b")
    assert output["LocationConstraint"] == "eu-west-1"
    assert validate(body.encode(), "s3", operation="GetBucketLocation").issues == ()
    assert validate(output, "s3", operation="GetBucketLocation").issues == ()
    odd = body.replace("eu-west-1", "mars-1").encode()  # no region botocore's model lists
    [issue] = validate(odd, "s3", operation="GetBucketLocation").issues
    assert (issue.path, issue.rule, issue.severity) == ("/LocationConstraint", "enum", "drift")


def test_s3_adds_expires_string(models: dict[str, ModuleType]) -> None:
    headers = {"Expires": "soon", "Content-Length": "2"}
    output = answered("s3", "HeadObject", b"", headers=headers, Bucket="b", Key="k")
    assert output["ExpiresString"] == "soon"
    assert "Expires" not in output  # no timestamp: botocore drops it
    _ok(output, "s3", "HeadObject")
    _model_accepts(models["s3"], "HeadObject", output)
    output["ExpiresString"] = 5
    _refused(output, "s3", "HeadObject", "/ExpiresString")


@pytest.mark.parametrize(
    ("service", "operation", "member", "params"),
    [
        ("s3", "GetObject", "Body", {"Bucket": "b", "Key": "k"}),
        ("lambda", "Invoke", "Payload", {"FunctionName": "f"}),
    ],
)
def test_streamed_payloads_are_streaming_bodies(
    models: dict[str, ModuleType], service: str, operation: str, member: str, params: Any
) -> None:
    output = answered(service, operation, b'{"a": 1}', **params)
    assert type(output[member]).__name__ == "StreamingBody"
    _ok(output, service, operation)
    _model_accepts(models[service], operation, output)
    output[member] = "not a stream"
    _refused(output, service, operation, f"/{member}")


def test_blobs_dumped_with_default_str_validate() -> None:
    body = json.dumps(
        {"CiphertextBlob": "AAEC", "KeyId": "k", "EncryptionAlgorithm": "SYMMETRIC_DEFAULT"}
    )
    output = answered("kms", "Encrypt", body, KeyId="k", Plaintext=b"x")
    assert output["CiphertextBlob"] == b"\x00\x01\x02"
    _ok(output, "kms", "Encrypt")
    output["CiphertextBlob"] = "not base64!"
    _refused(output, "kms", "Encrypt", "/CiphertextBlob")


def test_jsonvalue_headers_are_any_json() -> None:
    import base64  # noqa: PLC0415

    slots = base64.b64encode(json.dumps({"size": "large", "n": [1]}).encode()).decode()
    headers = {"x-amz-lex-slots": slots, "Content-Type": "text/plain"}
    output = answered(
        "lex-runtime", "PostContent", b"", headers=headers,
        botName="b", botAlias="a", userId="uu", contentType="text/plain", inputStream=b"hi",
    )  # fmt: skip
    assert output["slots"] == {"size": "large", "n": [1]}
    _ok(output, "lex-runtime", "PostContent")


def test_text_decoding_handlers_keep_the_type() -> None:
    import base64  # noqa: PLC0415

    text = base64.b64encode(b"booted").decode()
    body = (
        '<GetConsoleOutputResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">'
        f"<instanceId>i-1</instanceId><output>{text}</output></GetConsoleOutputResponse>"
    )
    output = answered("ec2", "GetConsoleOutput", body, InstanceId="i-1")
    assert output["Output"] == "booted"
    _ok(output, "ec2", "GetConsoleOutput")
    listed = (
        '<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name>'
        "<EncodingType>url</EncodingType><Contents><Key>a%20b</Key></Contents></ListBucketResult>"
    )
    output = answered("s3", "ListObjectsV2", listed, Bucket="b")
    assert output["Contents"][0]["Key"] == "a b"
    _ok(output, "s3", "ListObjectsV2")
