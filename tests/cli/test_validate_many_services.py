"""One cassette, seven services: real boto3 calls to moto's server on 127.0.0.1, recorded by
vcrpy, validated in one run. Each interaction names its own service and operation; moto's
real defects are found and named; no body AWS would send is called an error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import boto3
import botocore
import pytest
import vcr
from botocontract.cli import main
from botocontract.recordings import Options, check_file
from botocore.config import Config
from botocore.exceptions import ClientError
from click.testing import CliRunner

from tests.moto_server import moto_server

PROJECT = json.loads(
    (Path(__file__).parents[1] / "data" / "codebuild_create_project.json").read_text()
)
SERVICES = ("sts", "iam", "s3", "ec2", "sns", "dynamodb", "codebuild")


def _session(clients: dict[str, Any]) -> None:
    sts, iam, s3, ec2, sns, dynamodb, codebuild = (clients[name] for name in SERVICES)
    sts.get_caller_identity()
    iam.create_user(UserName="alice")
    iam.get_user(UserName="alice")
    with pytest.raises(ClientError):
        iam.get_user(UserName="nobody")
    s3.create_bucket(Bucket="bucket")
    s3.put_object(Bucket="bucket", Key="k.txt", Body=b"hello")
    s3.list_objects_v2(Bucket="bucket")
    s3.get_bucket_acl(Bucket="bucket")
    s3.head_object(Bucket="bucket", Key="k.txt")
    with pytest.raises(ClientError):
        s3.get_object(Bucket="bucket", Key="missing")
    ec2.describe_vpcs()
    ec2.describe_security_groups()
    with pytest.raises(ClientError):
        ec2.describe_instances(InstanceIds=["i-00000000000000000"])
    topic = sns.create_topic(Name="topic")["TopicArn"]
    sns.get_topic_attributes(TopicArn=topic)
    dynamodb.create_table(
        TableName="table",
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.describe_table(TableName="table")
    codebuild.create_project(**PROJECT)
    codebuild.list_projects()
    with pytest.raises(ClientError):  # moto does not implement it: an HTML 500 page
        codebuild.list_curated_environment_images()


@pytest.fixture(scope="module")
def cassette(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("cassettes") / "seven_services.yaml"
    no_retries = Config(retries={"total_max_attempts": 1, "mode": "standard"})
    with moto_server() as url:
        clients = {
            name: boto3.client(
                name,
                region_name="us-east-1",
                endpoint_url=url,
                aws_access_key_id="testing",
                aws_secret_access_key="testing",
                config=no_retries,
            )
            for name in SERVICES
        }
        with vcr.use_cassette(str(path), record_mode="all"):
            _session(clients)
    return path


# Every interaction, as the recording names it (a json or query request without a body has
# nothing to judge; a rest request has its URI, headers and query string).
JUDGED = [
    ("/interactions/0/request", "sts", "GetCallerIdentity"),
    ("/interactions/0/response", "sts", "GetCallerIdentity"),
    ("/interactions/1/request", "iam", "CreateUser"),
    ("/interactions/1/response", "iam", "CreateUser"),
    ("/interactions/2/request", "iam", "GetUser"),
    ("/interactions/2/response", "iam", "GetUser"),
    ("/interactions/3/request", "iam", "GetUser"),
    ("/interactions/3/response", "iam", "GetUser"),
    ("/interactions/4/request", "s3", "CreateBucket"),
    ("/interactions/4/response", "s3", "CreateBucket"),
    ("/interactions/5/request", "s3", "PutObject"),
    ("/interactions/5/response", "s3", "PutObject"),
    ("/interactions/6/request", "s3", "ListObjectsV2"),
    ("/interactions/6/response", "s3", "ListObjectsV2"),
    ("/interactions/7/request", "s3", "GetBucketAcl"),
    ("/interactions/7/response", "s3", "GetBucketAcl"),
    ("/interactions/8/request", "s3", "HeadObject"),
    ("/interactions/8/response", "s3", "HeadObject"),
    ("/interactions/9/request", "s3", "GetObject"),
    ("/interactions/9/response", "s3", "GetObject"),
    ("/interactions/10/request", "ec2", "DescribeVpcs"),
    ("/interactions/10/response", "ec2", "DescribeVpcs"),
    ("/interactions/11/request", "ec2", "DescribeSecurityGroups"),
    ("/interactions/11/response", "ec2", "DescribeSecurityGroups"),
    ("/interactions/12/request", "ec2", "DescribeInstances"),
    ("/interactions/12/response", "ec2", "DescribeInstances"),
    ("/interactions/13/request", "sns", "CreateTopic"),
    ("/interactions/13/response", "sns", "CreateTopic"),
    ("/interactions/14/request", "sns", "GetTopicAttributes"),
    ("/interactions/14/response", "sns", "GetTopicAttributes"),
    ("/interactions/15/request", "dynamodb", "CreateTable"),
    ("/interactions/15/response", "dynamodb", "CreateTable"),
    ("/interactions/16/request", "dynamodb", "DescribeTable"),
    ("/interactions/16/response", "dynamodb", "DescribeTable"),
    ("/interactions/17/request", "codebuild", "CreateProject"),
    ("/interactions/17/response", "codebuild", "CreateProject"),
    ("/interactions/18/request", "codebuild", "ListProjects"),
    ("/interactions/18/response", "codebuild", "ListProjects"),
    ("/interactions/19/request", "codebuild", "ListCuratedEnvironmentImages"),
    ("/interactions/19/response", "codebuild", "ListCuratedEnvironmentImages"),
]


def test_every_interaction_is_judged_against_its_own_service(cassette: Path) -> None:
    result = check_file(cassette, Options(service="codebuild"))
    assert result.problem is None
    judged = [(item.label, item.report.service, item.report.operation) for item in result.checked]
    assert judged == JUDGED


def test_moto_defects_are_found_and_no_valid_body_is_an_error(cassette: Path) -> None:
    result = check_file(cassette, Options(service="codebuild"))
    errors = {
        item.label: [issue.message for issue in item.report.errors]
        for item in result.checked
        if item.report.errors
    }
    assert errors == {
        # moto sends 0 where the model says at least 1 (real DynamoDB does the same for an
        # on-demand table: the model's min 1 is what real traffic breaks, and the drift policy
        # has no rule for it, so it is an error).
        "/interactions/15/response": [
            (
                "TableDescription.ProvisionedThroughput.NumberOfDecreasesToday: minimum: "
                "expected >= 1, got 0"
            )
        ],
        "/interactions/16/response": [
            "Table.ProvisionedThroughput.NumberOfDecreasesToday: minimum: expected >= 1, got 0"
        ],
        # moto's defaults break CodeBuild's minimum of 5 minutes (AWS defaults to 60 and 480).
        "/interactions/17/response": [
            "project.queuedTimeoutInMinutes: minimum: expected >= 5, got 0",
            "project.timeoutInMinutes: minimum: expected >= 5, got 0",
        ],
        # moto's HTML 500 page for an operation it does not implement: its own finding.
        "/interactions/19/response": [
            (
                "payload: not a JSON document as the json protocol sends: not a JSON document "
                "(an HTML page)"
            )
        ],
    }


def test_xml_services_are_read_as_xml(cassette: Path) -> None:
    result = check_file(cassette, Options(service="codebuild"))
    by_label = {item.label: item.report for item in result.checked}
    assert by_label["/interactions/6/response"].shape == "ListObjectsV2Output"
    assert by_label["/interactions/9/response"].shape == "NoSuchKey"
    drift = {
        label: [issue.message for issue in report.drift]
        for label, report in by_label.items()
        if report.drift and report.service != "iam"  # query error codes: issue 12
    }
    assert drift == {
        "/interactions/9/response": ["Key: member 'Key' is not in the model's NoSuchKey"],
        "/interactions/12/response": [
            "error 'InvalidInstanceID.NotFound' is not one of DescribeInstances's modeled errors"
        ],
    }


def test_the_command_validates_every_service_in_one_run(cassette: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(cassette)])
    assert result.exit_code == 1
    assert result.output.splitlines()[-1].startswith("1 file(s), 40 payload(s): 5 error(s), ")


BODIES = {
    "identity.xml": (
        b'<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">'
        b"<GetCallerIdentityResult><Account>123456789012</Account></GetCallerIdentityResult>"
        b"</GetCallerIdentityResponse>"
    ),
    "regions.xml": (
        b'<?xml version="1.0" encoding="UTF-8"?>\n<DescribeRegionsResponse '
        b'xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>r</requestId><regionInfo>'
        b"<item><regionName>us-east-1</regionName></item></regionInfo></DescribeRegionsResponse>"
    ),
    "topics.xml": (
        b'<ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><ListTopicsResult>'
        b"<Topics><member><TopicArn>arn:aws:sns:us-east-1:123456789012:t</TopicArn></member>"
        b"</Topics><Surprise/></ListTopicsResult></ListTopicsResponse>"
    ),
}


def test_a_directory_of_bodies_of_many_services_in_one_run(tmp_path: Path) -> None:
    """Each XML body names its service by its root namespace, and its operation by its root."""
    for name, body in BODIES.items():
        (tmp_path / name).write_bytes(body)
    result = CliRunner().invoke(main, ["validate", str(tmp_path), "-v"])
    assert result.exit_code == 0, result.output
    model = f"installed model (botocore {botocore.__version__})"
    assert result.output.splitlines() == [
        f"{tmp_path}/identity.xml",
        "  GetCallerIdentity response (wire form, GetCallerIdentityResponse): ok",
        f"{tmp_path}/regions.xml",
        "  DescribeRegions response (wire form, DescribeRegionsResult): ok",
        f"{tmp_path}/topics.xml",
        "  ListTopics response (wire form, ListTopicsResponse): 0 error(s), 1 drift",
        "    drift /Surprise: Surprise: member 'Surprise' is not in the model's ListTopicsResponse",
        f"contracts: ec2: {model}; sns: {model}; sts: {model}",
        "3 file(s), 3 payload(s): 0 error(s), 1 drift",
    ]
