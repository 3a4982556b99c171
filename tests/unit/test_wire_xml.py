"""XML, form and error bodies read member by member: what the schema and the reader find,
word for word, and hostile XML refused in one line with nothing fetched or expanded."""

from __future__ import annotations

import http.server
import threading
from typing import TYPE_CHECKING

import pytest
from botocontract import validate

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from botocontract.validation import Report


def found(report: Report) -> list[tuple[str, str, str, str]]:
    return [(i.severity, i.path, i.rule, i.message) for i in report.issues]


EC2_INSTANCES = b"""<DescribeInstancesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">
<requestId>r</requestId><reservationSet><item><reservationId>r-1</reservationId><instancesSet>
<item><instanceId>i-1</instanceId><amiLaunchIndex>zero</amiLaunchIndex><instanceState><code>16</code>
<name>running</name></instanceState></item></instancesSet></item><member><reservationId>r-2
</reservationId></member></reservationSet><nextToken>t</nextToken><nextToken>u</nextToken>
<surprise>1</surprise></DescribeInstancesResponse>"""


def test_an_ec2_response_is_read_member_by_member() -> None:
    assert found(validate(EC2_INSTANCES, "ec2", operation="DescribeInstances")) == [
        (
            "error",
            "/nextToken",
            "type",
            "nextToken: wrong type: expected string, got an array of 2 item(s)",
        ),
        (
            "error",
            "/reservationSet/0/instancesSet/0/amiLaunchIndex",
            "type",
            (
                "reservationSet[0].instancesSet[0].amiLaunchIndex: wrong type: expected integer, "
                'got "zero"'
            ),
        ),
        (
            "drift",
            "/reservationSet/1",
            "additionalProperties",
            "reservationSet[1]: element <member> in a list whose items the model names <item>",
        ),
        (
            "drift",
            "/surprise",
            "additionalProperties",
            "surprise: member 'surprise' is not in the model's DescribeInstancesResult",
        ),
    ]


def test_a_query_response_needs_its_result_wrapper() -> None:
    body = b"<AssumeRoleResponse><AssumeRoleResult/></AssumeRoleResponse>"
    assert found(validate(body, "sts", operation="GetCallerIdentity")) == [
        (
            "drift",
            "",
            "additionalProperties",
            (
                "payload: element <AssumeRoleResult> beside <GetCallerIdentityResult> is not in "
                "the query protocol's response"
            ),
        ),
        (
            "error",
            "",
            "required",
            (
                "payload: missing element <GetCallerIdentityResult>, the query protocol's result "
                "wrapper"
            ),
        ),
        (
            "error",
            "",
            "xmlRoot",
            (
                "payload: root element <AssumeRoleResponse> where the response is "
                "<GetCallerIdentityResponse>"
            ),
        ),
    ]


def test_attributes_are_members_with_their_namespace() -> None:
    body = b"""<AccessControlPolicy><Owner><ID>o</ID></Owner><AccessControlList><Grant><Grantee
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Nobody"><ID>x</ID></Grantee>
    <Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>"""
    assert found(validate(body, "s3", operation="GetBucketAcl")) == [
        (
            "drift",
            "/AccessControlList/0/Grantee/xsi:type",
            "enum",
            (
                "AccessControlList[0].Grantee.xsi:type: value not in the enum: expected one of "
                'Type\'s values (CanonicalUser, AmazonCustomerByEmail, Group), got "Nobody"'
            ),
        )
    ]


@pytest.mark.parametrize(
    ("service", "operation", "body", "shape"),
    [
        (
            "s3",
            "GetObject",
            (
                b"<Error><Code>NoSuchKey</Code><Message>m</Message><RequestId>1</RequestId>"
                b"<HostId>h</HostId></Error>"
            ),
            "NoSuchKey",
        ),
        (
            "sts",
            "AssumeRole",
            (
                b"<ErrorResponse><Error><Type>Sender</Type><Code>MalformedPolicyDocument</Code>"
                b"<Message>m</Message></Error><RequestId>1</RequestId></ErrorResponse>"
            ),
            "MalformedPolicyDocumentException",
        ),
    ],
    ids=["s3", "query"],
)
def test_error_documents_name_their_error(
    service: str, operation: str, body: bytes, shape: str
) -> None:
    report = validate(body, service, operation=operation)
    assert (report.shape, report.issues) == (shape, ())  # query: matched by error.code


def test_an_ec2_error_names_its_code() -> None:
    body = (
        b"<Response><Errors><Error><Code>InvalidInstanceID.NotFound</Code><Message>m</Message>"
        b"</Error></Errors><RequestID>x</RequestID></Response>"
    )
    assert found(validate(body, "ec2", operation="DescribeInstances")) == [
        (
            "drift",
            "",
            "unmodeledError",
            "error 'InvalidInstanceID.NotFound' is not one of DescribeInstances's modeled errors",
        )
    ]


def test_a_form_encoded_request_is_read_member_by_member() -> None:
    body = (
        "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole"
        "%2Fx&RoleSessionName=s&DurationSeconds=abc&PolicyArns.member.1.arn=arn:aws:iam::1234567"
        "89012:policy/p&Bogus=1"
    )
    report = validate(body, "sts", operation="AssumeRole", direction="request")
    assert found(report) == [
        (
            "drift",
            "/Bogus",
            "additionalProperties",
            "Bogus: member 'Bogus' is not in the model's AssumeRoleRequest",
        ),
        (
            "error",
            "/DurationSeconds",
            "type",
            'DurationSeconds: wrong type: expected integer, got "abc"',
        ),
        (
            "error",
            "/RoleSessionName",
            "minLength",
            'RoleSessionName: minLength: expected length >= 2, got "s"',
        ),
    ]


# --- bodies that are not the protocol's, and hostile XML ------------------------------------

NOT_XML = "payload: not an XML document as the query protocol sends: "


def body_problem(body: bytes) -> list[str]:
    report = validate(body, "sts", operation="GetCallerIdentity")
    assert not report.ok
    return [issue.message for issue in report.issues]


def test_an_html_page_is_one_finding() -> None:
    assert body_problem(b"<html><body><h1>500 Internal Server Error</h1><br></body></html>") == [
        NOT_XML + "not well-formed XML (line 1, column 53) (an HTML page)"
    ]


def test_entity_expansion_is_refused() -> None:
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
            for i in range(1, 10)
        )
        + b"]><GetCallerIdentityResponse>&lol9;</GetCallerIdentityResponse>"
    )
    assert body_problem(laughs) == [
        NOT_XML + "XML with a DTD or entity declarations refused (never expanded)"
    ]


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server that records every request it gets."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/evil.dtd", seen
    finally:
        server.shutdown()
        server.server_close()


def test_external_entities_are_never_fetched(
    listener: tuple[str, list[str]], tmp_path: Path
) -> None:
    url, seen = listener
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET")
    bodies = [
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "%s">]><x>&e;</x>' % url.encode(),
        b'<!DOCTYPE x SYSTEM "%s"><x/>' % url.encode(),
        b'<!DOCTYPE x [<!ENTITY e SYSTEM "file://%s">]><x>&e;</x>' % str(secret).encode(),
    ]
    for body in bodies:
        (message,) = body_problem(body)
        assert message == NOT_XML + "XML with a DTD or entity declarations refused (never expanded)"
        assert "TOP-SECRET" not in message
    assert seen == []


def test_deep_nesting_and_huge_attributes_are_one_line() -> None:
    deep = b"<a>" * 5000 + b"</a>" * 5000
    assert body_problem(deep) == [NOT_XML + "XML nested more than 100 elements deep"]
    huge = b'<GetCallerIdentityResponse a="' + b"x" * 5_000_000 + b'"/>'
    assert body_problem(huge) == [
        "payload: missing element <GetCallerIdentityResult>, the query protocol's result wrapper"
    ]


def test_a_sensitive_value_in_a_form_body_is_never_shown() -> None:
    password = "S3cr3t-" + "x" * 200
    body = f"Action=CreateLoginProfile&Version=2010-05-08&UserName=alice&Password={password}"
    report = validate(body, "iam", operation="CreateLoginProfile", direction="request")
    assert found(report) == [
        (
            "error",
            "/Password",
            "maxLength",
            "Password: maxLength: expected length <= 128, got <redacted: sensitive>",
        )
    ]
    assert "S3cr3t" not in repr(report)
