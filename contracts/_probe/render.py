"""A probe's report as text, JSON or JUnit XML; each finding with a ready-to-run boto3 snippet."""

from __future__ import annotations

import json
import pprint
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from botocontract._probe.exchange import DUMMY_KEY, REGION

if TYPE_CHECKING:
    from botocontract._probe.findings import Finding, ProbeReport


def snippet(finding: Finding, endpoint_url: str) -> str:
    """A boto3 script that sends the finding's request to the endpoint again."""
    from botocore import xform_name  # noqa: PLC0415

    arguments = pprint.pformat(finding.request, indent=4, width=88, sort_dicts=True)
    needs_datetime = "datetime.datetime(" in arguments
    lines = [
        "import boto3",
        *(["import datetime"] if needs_datetime else []),
        "",
        f"client = boto3.client({finding.service!r}, endpoint_url={endpoint_url!r},",
        (
            f"    region_name={REGION!r}, aws_access_key_id={DUMMY_KEY!r},"
            f" aws_secret_access_key={DUMMY_KEY!r})"
        ),
        f"response = client.{xform_name(finding.operation)}(**{arguments})",
    ]
    return "\n".join(lines)


def _where(finding: Finding) -> str:
    path = finding.path or "(the whole response)"
    return f"{finding.service}.{finding.operation} [{finding.form}] {path}: {finding.rule}"


def text(report: ProbeReport) -> str:
    out: list[str] = []
    for finding in report.findings:
        out.append(f"{finding.severity.upper()} {_where(finding)} (seen {finding.seen}x)")
        out.append(f"  {finding.message}")
        body = " ".join(finding.body.split())[:300]
        out.append(f"  answer: HTTP {finding.status} {body}")
        out.append("  reproduce:")
        out.extend(f"    {line}" for line in snippet(finding, report.endpoint_url).splitlines())
        out.append("")
    out.append(coverage_table(report))
    out.append(summary(report))
    return "\n".join(out) + "\n"


def coverage_table(report: ProbeReport) -> str:
    rows = [("operation", "verdict", "sent", "2xx", "errors", "5xx", "error codes")]
    for item in report.coverage:
        codes = ", ".join(f"{code} x{n}" for code, n in sorted(item.error_codes.items()))
        rows.append(
            (
                f"{item.service}.{item.operation}",
                item.verdict,
                str(item.sent),
                str(item.answered),
                str(item.errors),
                str(item.crashes),
                codes,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]) - 1)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
        + "  "
        + row[-1]
        for row in rows
    ]
    return "\n".join(line.rstrip() for line in lines)


def summary(report: ProbeReport) -> str:
    verdicts: dict[str, int] = {}
    for item in report.coverage:
        verdicts[item.verdict] = verdicts.get(item.verdict, 0) + 1
    counts = ", ".join(f"{n} {verdict}" for verdict, n in sorted(verdicts.items()))
    rate = report.requests / report.seconds if report.seconds else 0.0
    stopped = ""
    if report.interrupted:
        stopped = "; interrupted: the report covers what ran"
    elif report.stopped_by_budget:
        stopped = "; stopped at the request budget (--max-requests)"
    return (
        f"probe {report.endpoint_url}: {len(report.errors)} errors, {len(report.drift)} drift; "
        f"{len(report.coverage)} operations ({counts}); {report.requests} requests in "
        f"{report.seconds:.1f}s ({rate:.0f}/s); seed {report.seed}{stopped}"
    )


def as_json(report: ProbeReport) -> str:
    document: dict[str, Any] = {
        "endpoint_url": report.endpoint_url,
        "services": list(report.services),
        "ok": report.ok,
        "interrupted": report.interrupted,
        "stopped_by_budget": report.stopped_by_budget,
        "requests": report.requests,
        "seed": report.seed,
        "findings": [
            {
                "service": f.service,
                "operation": f.operation,
                "form": f.form,
                "path": f.path,
                "rule": f.rule,
                "severity": f.severity,
                "message": f.message,
                "expected": f.expected,
                "actual": f.actual,
                "seen": f.seen,
                "status": f.status,
                "response": f.body,
                "request": json.loads(json.dumps(f.request, default=repr)),
                "reproduce": snippet(f, report.endpoint_url),
            }
            for f in report.findings
        ],
        "coverage": [
            {
                "service": c.service,
                "operation": c.operation,
                "verdict": c.verdict,
                "answered": c.answered,
                "errors": c.errors,
                "crashes": c.crashes,
                "error_codes": dict(sorted(c.error_codes.items())),
            }
            for c in report.coverage
        ],
    }
    return json.dumps(document, indent=2) + "\n"


def junit(report: ProbeReport) -> str:
    """One test case per operation; each error finding of it is a failure."""
    suite = ET.Element("testsuite", name="botocontract.probe", tests=str(len(report.coverage)))
    failures = 0
    by_operation: dict[tuple[str, str], list[Finding]] = {}
    for finding in report.errors:
        by_operation.setdefault((finding.service, finding.operation), []).append(finding)
    for item in report.coverage:
        case = ET.SubElement(
            suite, "testcase", classname=f"probe.{item.service}", name=item.operation
        )
        found = by_operation.get((item.service, item.operation), [])
        if found:
            failures += 1
            failure = ET.SubElement(case, "failure", message=_where(found[0]))
            failure.text = "\n\n".join(
                f"{_where(f)}\n{f.message}\n{snippet(f, report.endpoint_url)}" for f in found
            )
        elif item.verdict in {"not implemented", "not reached"}:
            ET.SubElement(case, "skipped", message=item.verdict)
    suite.set("failures", str(failures))
    return ET.tostring(suite, encoding="unicode") + "\n"


RENDERERS = {"text": text, "json": as_json, "junit": junit}
