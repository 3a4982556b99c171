"""smithy-rpc-v2-cbor on the wire, judged by botocore's own CBOR parser and serializer.

No installed service resolves to rpc-v2-cbor yet (CloudWatch lists it beside json), so the
property run uses CloudWatch's model declared as rpc-v2-cbor only, found through
AWS_DATA_PATH as a boto3 session finds it (in a fresh process: loaders are made once).
Recorded CBOR traffic of the real CloudWatch model is read in process.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

import botocore.loaders
import cbor2
from botocontract import validate
from botocontract.recordings import Options, check_file

if TYPE_CHECKING:
    from pathlib import Path

CHECK = """
from botocontract import validate
from botocontract._json_form import non_finite_as_text
from botocontract._wire.encode import serialize_request
from botocontract.strategies import invalid_strategy, paired_strategy, strategy
from botocore.parsers import create_parser
import botocore.session
from hypothesis import HealthCheck, given, settings

model = botocore.session.get_session().get_service_model("cborwatch")
assert model.resolved_protocol == "smithy-rpc-v2-cbor"
op = model.operation_model("GetMetricData")
SETTINGS = settings(max_examples=25, database=None, suppress_health_check=list(HealthCheck),
                    deadline=None, derandomize=True)

@SETTINGS
@given(paired_strategy("cborwatch", op.output_shape.name))
def outputs(pair):
    boto3, wire = pair
    response = {"body": wire, "headers": {}, "status_code": 200}
    parsed = create_parser("smithy-rpc-v2-cbor").parse(response, op.output_shape)
    parsed.pop("ResponseMetadata", None)
    assert non_finite_as_text(parsed) == non_finite_as_text(boto3), (parsed, boto3)
    assert validate(wire, "cborwatch", operation="GetMetricData").issues == ()

@SETTINGS
@given(strategy("cborwatch", op.input_shape.name))
def inputs(params):
    body = serialize_request("cborwatch", "GetMetricData", params)["body"]
    report = validate(body, "cborwatch", operation="GetMetricData", direction="request")
    assert report.issues == (), report.issues

@SETTINGS
@given(invalid_strategy("cborwatch", op.output_shape.name, form="wire"))
def invalid(found):
    assert isinstance(found.payload, bytes)
    label = found.violation
    at = label.path.rsplit("/", 1)[0] if label.on_key else label.path
    report = validate(found.payload, "cborwatch", operation="GetMetricData")
    assert {issue.path for issue in report.issues} == {at}, (label, report.issues)

outputs()
inputs()
invalid()
print("checked")
"""


def test_cbor_bodies_round_trip_through_botocore(tmp_path: Path) -> None:
    model = botocore.loaders.create_loader().load_service_model("cloudwatch", "service-2")
    model["metadata"].update(
        protocol="smithy-rpc-v2-cbor", protocols=["smithy-rpc-v2-cbor"], serviceId="CborWatch"
    )
    folder = tmp_path / "cborwatch" / model["metadata"]["apiVersion"]
    folder.mkdir(parents=True)
    (folder / "service-2.json").write_text(json.dumps(model))
    environment = {**os.environ, "AWS_DATA_PATH": str(tmp_path)}
    result = subprocess.run(  # noqa: S603 - this interpreter, this script
        [sys.executable, "-c", CHECK], env=environment, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.strip() == "checked"


def metric_data(value: Any) -> bytes:
    stamp = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    results = [{"Id": "m1", "Timestamps": [stamp], "Values": [value], "StatusCode": "Complete"}]
    return bytes(cbor2.dumps({"MetricDataResults": results}, datetime_as_timestamp=True))


def test_a_cbor_body_of_a_json_service_is_read_as_cbor() -> None:
    assert validate(metric_data(1.5), "cloudwatch", operation="GetMetricData").issues == ()
    report = validate(metric_data("high"), "cloudwatch", operation="GetMetricData")
    assert [(issue.path, issue.rule) for issue in report.issues] == [
        ("/MetricDataResults/0/Values/0", "type")
    ]


def test_a_recorded_cbor_interaction_names_its_operation(tmp_path: Path) -> None:
    request = {
        "method": "POST",
        "uri": "https://monitoring.us-east-1.amazonaws.com/service/GraniteServiceVersion20100801/operation/GetMetricData",
        "headers": {"smithy-protocol": ["rpc-v2-cbor"], "Content-Type": ["application/cbor"]},
        "body": None,
    }
    response = {"status": {"code": 200}, "headers": {}, "body": {"string": ""}}
    cassette = {"interactions": [{"request": request, "response": response}], "version": 1}
    path = tmp_path / "cloudwatch.yaml"
    import yaml  # noqa: PLC0415

    response["body"]["string"] = metric_data("high")  # type: ignore[index]
    path.write_text(yaml.safe_dump(cassette))
    (checked,) = check_file(path, Options(service="cloudwatch")).checked
    assert (checked.report.operation, [issue.path for issue in checked.report.errors]) == (
        "GetMetricData",
        ["/MetricDataResults/0/Values/0"],
    )


def test_hostile_cbor_is_one_line() -> None:
    nested = b"\xa1\x61a" + b"\x81" * 100_000 + b"\x00"
    huge = b"\xa1\x61a\x5b" + (2**60).to_bytes(8, "big") + b"xx"  # a byte string of 2^60 bytes
    for body in (nested, huge):
        report = validate(body, "cloudwatch", operation="GetMetricData")
        assert [issue.message for issue in report.issues] == [
            (
                "payload: not a CBOR document as the smithy-rpc-v2-cbor protocol sends: not a "
                "well-formed CBOR document"
            )
        ]
