"""HTTP bindings of rest protocols: header, header-prefix, URI, query-string and status-code
members judged from the recorded message, at pointers that name the binding."""

from __future__ import annotations

from botocontract import validate
from botocontract._wire.bindings import HttpMessage

RFC822 = r"^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$"


def found(report: object) -> list[tuple[str, str, str]]:
    return [(i.severity, i.path, i.message) for i in report.issues]  # type: ignore[attr-defined]


def test_response_headers_are_typed_and_timestamps_are_http_dates() -> None:
    headers = {
        "content-length": "abc",
        "last-modified": "2020-01-01T00:00:00Z",
        "x-amz-server-side-encryption": "nope",
        "x-amz-meta-owner": "me",
    }
    report = validate(b"", "s3", operation="HeadObject", http=HttpMessage(headers, status=200))
    assert found(report) == [
        (
            "error",
            "/header/Content-Length",
            'header.Content-Length: wrong type: expected integer, got "abc"',
        ),
        (
            "error",
            "/header/Last-Modified",
            (
                f"header.Last-Modified: pattern: expected a string matching {RFC822}, got "
                '"2020-01-01T00:00:00Z"'
            ),
        ),
        (
            "drift",
            "/header/x-amz-server-side-encryption",
            (
                "header.x-amz-server-side-encryption: value not in the enum: expected one of "
                "ServerSideEncryption's values (AES256, aws:fsx, aws:kms, aws:kms:dsse), "
                'got "nope"'
            ),
        ),
    ]


def test_a_valid_response_has_no_binding_issue() -> None:
    headers = {
        "content-length": "5",
        "last-modified": "Fri, 04 Dec 2026 03:50:17 GMT",
        "etag": '"abc"',
        "x-amz-meta-owner": "me",
    }
    report = validate(b"", "s3", operation="HeadObject", http=HttpMessage(headers, status=200))
    assert report.issues == ()


def test_request_uri_labels_and_query_parameters() -> None:
    uri = "http://127.0.0.1/bucket?list-type=2&max-keys=ten&encoding-type=url"
    http = HttpMessage({"x-amz-request-payer": "someone"}, uri=uri)
    report = validate(b"", "s3", operation="ListObjectsV2", direction="request", http=http)
    assert found(report) == [
        (
            "drift",
            "/header/x-amz-request-payer",
            (
                "header.x-amz-request-payer: value not in the enum: expected one of "
                'RequestPayer\'s values (requester), got "someone"'
            ),
        ),
        (
            "error",
            "/querystring/max-keys",
            'querystring.max-keys: wrong type: expected integer, got "ten"',
        ),
    ]


def test_a_uri_label_is_checked_against_its_shape() -> None:
    uri = "https://route53.amazonaws.com/2013-04-01/hostedzone/" + "Z" * 40
    http = HttpMessage({}, uri=uri)
    report = validate(b"", "route53", operation="GetHostedZone", direction="request", http=http)
    assert [(issue.path, issue.rule) for issue in report.issues] == [("/uri/Id", "maxLength")]


def test_the_status_code_member() -> None:
    http = HttpMessage({"x-amz-executed-version": "$LATEST"}, status=200)
    assert validate(b"{}", "lambda", operation="Invoke", http=http).issues == ()
