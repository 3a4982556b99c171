"""XML validation per response against botocore's own parser, on the same bodies.

Bodies of EC2 DescribeInstances, S3 ListObjectsV2, IAM ListRoles and STS AssumeRole responses:
drawn in the wire form by botocontract's strategies (small, varied), and DescribeInstances
documents of 100 drawn instances each (about 200 KB, the size real fleets return). Printed side
by side in one run, per body: ``botocontract.validate`` (parse safely with defusedxml, read
member by member, judge with the wire schema) against botocore's ``create_parser(protocol)
.parse`` (parses and validates nothing). Target from the issue: within 2x of botocore's time.

Run: ``python -m benchmarks xml`` or ``python -m benchmarks.bench_xml [--bodies N]``.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from benchmarks.bench_validate import _best_of  # the same timing as its peers

CASES = (
    ("ec2", "DescribeInstances"),
    ("s3", "ListObjectsV2"),
    ("iam", "ListRoles"),
    ("sts", "AssumeRole"),
)
SEED = 0


def drawn_bodies(service: str, operation: str, count: int) -> list[bytes]:
    from botocontract._cli.sample import draw_examples  # noqa: PLC0415
    from botocontract.strategies import strategy  # noqa: PLC0415

    shape = _output(service, operation).name
    return list(draw_examples(strategy(service, shape, form="wire"), count, SEED))


def fleet_bodies(count: int, instances: int = 100) -> list[bytes]:
    """DescribeInstances documents of ``instances`` drawn instances, ten per reservation."""
    from botocontract._cli.sample import draw_examples  # noqa: PLC0415
    from botocontract._wire import xml_write  # noqa: PLC0415
    from botocontract._wire.layout import definitions  # noqa: PLC0415
    from botocontract.strategies import _drawn  # noqa: PLC0415 - the wire tree, before XML

    trees = [wire for _, wire in draw_examples(_drawn("ec2", "Instance", "pair"), instances, SEED)]
    bodies = []
    for number in range(count):
        reservations = [
            {
                "reservationId": f"r-{number:08x}{start:04x}",
                "instancesSet": trees[start : start + 10],
            }
            for start in range(0, instances, 10)
        ]
        tree = {"reservationSet": reservations}
        bodies.append(xml_write.response_document(definitions("ec2"), "DescribeInstances", tree))
    return bodies


def _output(service: str, operation: str) -> Any:
    import botocore.session  # noqa: PLC0415

    model = botocore.session.get_session().get_service_model(service)
    return model.operation_model(operation).output_shape


def measure(service: str, operation: str, bodies: list[bytes], repeat: int) -> tuple[float, float]:
    """Seconds per body: botocontract.validate, botocore's parser."""
    import botocore.session  # noqa: PLC0415
    from botocontract import validate  # noqa: PLC0415
    from botocore.parsers import create_parser  # noqa: PLC0415

    protocol = botocore.session.get_session().get_service_model(service).resolved_protocol
    parser = create_parser(protocol)
    shape = _output(service, operation)
    unclean = [body for body in bodies if not validate(body, service, operation=operation).ok]
    if unclean:  # warmed up; and a drawn body that fails would time the error path
        raise SystemExit(f"{service} {operation}: {len(unclean)} drawn body(ies) rejected")

    def ours() -> None:
        for body in bodies:
            validate(body, service, operation=operation)

    def theirs() -> None:
        for body in bodies:
            parser.parse({"body": body, "headers": {}, "status_code": 200}, shape)

    return _best_of(repeat, ours) / len(bodies), _best_of(repeat, theirs) / len(bodies)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bodies", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv if argv is not None else [])
    rows = [
        (
            f"{service} {operation}",
            service,
            operation,
            drawn_bodies(service, operation, args.bodies),
        )
        for service, operation in CASES
    ]
    rows.append(
        ("ec2 DescribeInstances (100 instances)", "ec2", "DescribeInstances", fleet_bodies(20))
    )
    print(f"per response body, best of {args.repeat}")
    print(f"{'':<40} {'bytes':>8} {'botocontract':>13} {'botocore':>10} {'ratio':>7}")
    for label, service, operation, bodies in rows:
        ours, theirs = measure(service, operation, bodies, args.repeat)
        size = sum(map(len, bodies)) / len(bodies)
        print(
            f"{label:<40} {size:8.0f} {ours * 1e6:10.0f} us {theirs * 1e6:7.0f} us "
            f"{ours / theirs:6.2f}x"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
