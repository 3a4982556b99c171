"""The loader: botocore's models into the IR, by name or from a file, with provenance."""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

import botocore
import botocore.session
import pytest
from botocontract.codegen.load import installed_services, load_model_file, load_service
from botocontract.errors import ModelFileError, UnknownServiceError

if TYPE_CHECKING:
    from botocontract.codegen import ir


@pytest.fixture(scope="module")
def codebuild() -> ir.Service:
    return load_service("codebuild")


@pytest.fixture(scope="module")
def model_json() -> bytes:
    loader = botocore.session.get_session().get_component("data_loader")
    _, path = loader.load_data_with_path("codebuild/2016-10-06/service-2")
    return gzip.decompress(Path(path + ".json.gz").read_bytes())


def test_codebuild_is_complete(codebuild: ir.Service) -> None:
    assert len(codebuild.operations) == 59
    assert len(codebuild.shapes) == 328
    assert codebuild.protocol == "json"
    assert codebuild.api_version == "2016-10-06"
    assert codebuild.target_prefix == "CodeBuild_20161006"
    assert codebuild.botocore_version == botocore.__version__


def test_provenance_is_the_sha256_of_the_model(codebuild: ir.Service, model_json: bytes) -> None:
    assert codebuild.model_sha256 == hashlib.sha256(model_json).hexdigest()


def test_ir_agrees_with_botocore_service_model(codebuild: ir.Service) -> None:
    """botocore's own ServiceModel is the oracle for members, required and constraints."""
    model = botocore.session.get_session().get_service_model("codebuild")
    assert sorted(codebuild.operations) == sorted(model.operation_names)
    for name in model.shape_names:
        theirs = model.shape_for(name)
        ours = codebuild.shapes[name]
        assert ours.type == theirs.type_name
        assert ours.enum == tuple(getattr(theirs, "enum", ()))
        assert ours.min == theirs.metadata.get("min")
        assert ours.max == theirs.metadata.get("max")
        assert ours.pattern == theirs.metadata.get("pattern")
        assert ours.sensitive == bool(theirs.metadata.get("sensitive"))
        if theirs.type_name == "structure":
            assert [m.name for m in ours.members] == list(theirs.members)
            assert set(ours.required) == set(theirs.required_members)


def test_traits_are_kept(codebuild: ir.Service) -> None:
    build = codebuild.shapes["Build"]
    assert build.member_named("buildStatus").target == "StatusType"
    assert build.documentation == "Information about a build."
    assert codebuild.shapes["StatusType"].enum[:2] == ("SUCCEEDED", "FAILED")
    assert codebuild.shapes["SensitiveString"].sensitive
    assert codebuild.shapes["BuildIds"].min == 1
    assert codebuild.shapes["TimeOut"].max == 480
    start = codebuild.shapes["StartBuildInput"]
    assert start.member_named("idempotencyToken").target == "String"
    invalid_input = codebuild.shapes["InvalidInputException"]
    assert invalid_input.error is not None
    assert invalid_input.error.sender_fault is False or invalid_input.error.code == ""
    operation = codebuild.operations["BatchGetBuilds"]
    assert (operation.input, operation.output) == ("BatchGetBuildsInput", "BatchGetBuildsOutput")
    assert operation.http.method == "POST"


def test_load_from_json_and_gzip_files_agree(
    codebuild: ir.Service, model_json: bytes, tmp_path: Path
) -> None:
    plain = tmp_path / "codebuild" / "2016-10-06" / "service-2.json"
    plain.parent.mkdir(parents=True)
    plain.write_bytes(model_json)
    packed = tmp_path / "service-2.json.gz"
    packed.write_bytes(gzip.compress(model_json))
    from_plain = load_service(str(plain))
    from_packed = load_model_file(packed)
    assert from_plain.name == "codebuild"  # from botocore's <service>/<version>/ layout
    assert from_packed.name == "codebuild"  # from metadata.serviceId
    for loaded in (from_plain, from_packed):
        assert loaded.model_sha256 == codebuild.model_sha256
        assert loaded.shapes == codebuild.shapes
        assert loaded.operations == codebuild.operations


def test_unknown_service_names_the_closest() -> None:
    with pytest.raises(UnknownServiceError) as caught:
        load_service("codebuld")
    assert str(caught.value) == "unknown service 'codebuld'; did you mean codebuild?"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"\x1f\x8b\x08garbage", "corrupt gzip data"),
        (b"{not json", "not a JSON service model"),
        (b"\xff\xfe\x00", "not a JSON service model"),
        (b"[1, 2]", "not a botocore service model"),
        (
            json.dumps({"metadata": {}, "operations": {}, "shapes": {}}).encode(),
            "no metadata.serviceId",
        ),
        (
            json.dumps({"metadata": {"serviceId": "X"}, "operations": {}, "shapes": {}}).encode(),
            "malformed service model (KeyError: 'apiVersion')",
        ),
        (
            json.dumps(
                {
                    "metadata": {"apiVersion": "1", "protocol": "json", "serviceId": "X"},
                    "operations": {},
                    "shapes": {"A": {"type": "list", "member": {"shape": "Missing"}}},
                }
            ).encode(),
            "refers to undefined shape 'Missing'",
        ),
    ],
)
def test_bad_model_files_get_one_clear_error(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "service-2.json"
    path.write_bytes(content)
    with pytest.raises(ModelFileError) as caught:
        load_service(str(path))
    message = str(caught.value)
    assert message.startswith(f"{path}: ")
    assert reason in message
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ModelFileError, match="no such file or directory"):
        load_service(str(tmp_path / "nope" / "service-2.json"))


def test_every_installed_service_loads() -> None:
    services = installed_services()
    assert len(services) >= 400
    operations = shapes = 0
    for name in services:
        service = load_service(name)
        assert service.name == name
        operations += len(service.operations)
        shapes += len(service.shapes)
    assert operations > 15_000
    assert shapes > 100_000


def test_xml_traits_are_in_the_ir() -> None:
    from botocontract.codegen import ir  # noqa: PLC0415 - the module, not only its types
    from botocontract.codegen.load import load_installed  # noqa: PLC0415

    s3 = load_installed("s3")
    grantee_type = s3.shapes["Grantee"].member_named("Type")
    assert (grantee_type.location_name, grantee_type.xml_attribute) == ("xsi:type", True)
    assert s3.shapes["Grantee"].xml_namespace == ir.XmlNamespace(
        "http://www.w3.org/2001/XMLSchema-instance", "xsi"
    )
    assert s3.shapes["ObjectList"].flattened
    ec2 = load_installed("ec2")
    dry_run = ec2.shapes["DescribeInstancesRequest"].member_named("DryRun")
    assert (dry_run.location_name, dry_run.query_name) == ("dryRun", None)
    assert ec2.shapes["InstanceList"].member is not None
    assert ec2.shapes["InstanceList"].member.location_name == "item"
    sts = load_installed("sts")
    assert sts.operations["AssumeRole"].result_wrapper == "AssumeRoleResult"
    assert sts.xml_namespace == "https://sts.amazonaws.com/doc/2011-06-15/"
    assert (sts.signing_name, sts.endpoint_prefix) == ("sts", "sts")
    route53 = load_installed("route53").operations["ChangeResourceRecordSets"]
    assert route53.input_xml_name == "ChangeResourceRecordSetsRequest"
    assert route53.input_xml_namespace == ir.XmlNamespace(
        "https://route53.amazonaws.com/doc/2013-04-01/"
    )
