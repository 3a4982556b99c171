"""Readable text for a validation report: one block per issue with path, rule, expected, actual.

Values of sensitive shapes are already redacted by ``botocontract.validate``; payload keys may
hold control characters, escaped here as in ``botocontract validate``'s text report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from botocontract._escape import terminal_text

if TYPE_CHECKING:
    from botocontract.validation import Issue, Report


def title(report: Report) -> str:
    what = report.operation or report.shape or "payload"
    counts = f"{len(report.errors)} error(s), {len(report.drift)} drift"
    return (
        f"{report.service} {what} {report.direction} ({report.form} form, "
        f"shape {report.shape}): {counts}"
    )


def issue_block(issue: Issue, *, strict: bool = False) -> list[str]:
    severity = "drift (strict)" if strict and issue.severity == "drift" else issue.severity
    where = issue.path or "/"
    member = f" ({issue.member_path})" if issue.member_path else ""
    return [
        f"{severity} at {where}{member}",
        f"  rule:     {issue.rule}",
        f"  expected: {issue.expected}",
        f"  actual:   {issue.actual}",
    ]


def render(report: Report, *, source: str | None = None, strict: bool = False) -> str:
    """The whole report; ``source`` (a file and label) heads it when the payload has one."""
    lines = [f"{source}: {title(report)}" if source else title(report)]
    for issue in report.issues:
        lines.extend(issue_block(issue, strict=strict))
    if report.unlisted:  # past MAX_ISSUES_PER_PAYLOAD: counted, not listed
        lines.append(report.unlisted.text())
    return "\n".join(terminal_text(line) for line in lines)
