"""What ``botocontract validate`` found, per file, and its renderings: text, JSON, JUnit XML."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from botocontract import sources
from botocontract._escape import json_document, terminal_text, xml_attribute, xml_text

if TYPE_CHECKING:
    from collections.abc import Callable

    from botocontract._safe_load import BadLine
    from botocontract.validation import Issue, Report


@dataclass(frozen=True)
class Checked:
    """One payload of a file and its verdict."""

    label: str
    report: Report

    def __reduce__(self) -> tuple[type[Checked], tuple[Any, ...]]:
        return (Checked, (self.label, self.report))

    @property
    def name(self) -> str:
        report = self.report
        where = f" {self.label}" if self.label else ""
        return f"{report.operation or report.shape} {report.direction}{where}"


@dataclass(frozen=True)
class FileResult:
    """A file: the payloads checked in it, or the one problem that stopped it being read.

    A JSON Lines file may have both: payloads from its good lines, and an input error per bad
    line in ``bad_lines``.
    """

    path: str
    checked: tuple[Checked, ...] = ()
    problem: str | None = None
    bad_lines: tuple[BadLine, ...] = ()

    def __reduce__(self) -> tuple[type[FileResult], tuple[Any, ...]]:
        return (FileResult, (self.path, self.checked, self.problem, self.bad_lines))

    @property
    def input_errors(self) -> int:
        """What could not be checked: the file, or its bad lines."""
        return (self.problem is not None) + len(self.bad_lines)

    @property
    def errors(self) -> int:
        return sum(item.report.error_count for item in self.checked)

    @property
    def drift(self) -> int:
        return sum(item.report.drift_count for item in self.checked)


@dataclass
class Summary:
    files: int = 0
    payloads: int = 0
    errors: int = 0
    drift: int = 0
    unreadable_files: int = 0
    bad_lines: int = 0
    failed_files: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, results: list[FileResult]) -> Summary:
        summary = cls(files=len(results))
        for result in results:
            summary.payloads += len(result.checked)
            summary.errors += result.errors
            summary.drift += result.drift
            summary.unreadable_files += result.problem is not None
            summary.bad_lines += len(result.bad_lines)
        return summary

    @property
    def input_errors(self) -> int:
        return self.unreadable_files + self.bad_lines

    def line(self) -> str:
        text = (
            f"{self.files} file(s), {self.payloads} payload(s): {self.errors} error(s), "
            f"{self.drift} drift"
        )
        if self.unreadable_files:
            text += f", {self.unreadable_files} unreadable file(s)"
        return text + (f", {self.bad_lines} unreadable line(s)" if self.bad_lines else "")

    def to_dict(self) -> dict[str, int]:
        return {
            "files": self.files,
            "payloads": self.payloads,
            "errors": self.errors,
            "drift": self.drift,
            "input_errors": self.input_errors,
        }


def contract_sources(results: list[FileResult]) -> list[sources.Source]:
    """Where the contract of each service the payloads were judged by came from."""
    services = {item.report.service for result in results for item in result.checked}
    return [sources.source(service) for service in sorted(services)]


# --- text ------------------------------------------------------------------------------------


def render_text(results: list[FileResult], *, verbose: bool = False) -> str:
    """Files with findings (all files with ``verbose``), grouped, then the summary line."""
    lines: list[str] = []
    for result in results:
        if verbose or result.problem or any(item.report.issues for item in result.checked):
            lines.extend(_file_lines(result))
        lines.extend(_bad_lines(result))
    if verbose and (used := contract_sources(results)):
        lines.append("contracts: " + "; ".join(source.describe() for source in used))
    lines.append(Summary.of(results).line())
    return "\n".join(terminal_text(line) for line in lines) + "\n"


def _bad_lines(result: FileResult) -> list[str]:
    """An input error per bad line, named ``file:LINE`` as compilers and linters do."""
    return [f"{result.path}:{bad.number}: input error: {bad.reason}" for bad in result.bad_lines]


def _file_lines(result: FileResult) -> list[str]:
    if result.problem is not None:
        return [f"{result.path}: input error: {result.problem}"]
    lines = [result.path]
    for item in result.checked:
        lines.append(
            f"  {item.name} ({item.report.form} form, {item.report.shape}): {_verdict(item.report)}"
        )
        lines.extend(
            f"    {issue.severity:<5} {issue.path or '/'}: {issue.message}"
            for issue in item.report.issues
        )
        if item.report.unlisted:
            lines.append(f"    {item.report.unlisted.text()}")
    return lines


def _verdict(report: Report) -> str:
    if not report.issues and not report.unlisted:
        return "ok"
    return f"{report.error_count} error(s), {report.drift_count} drift"


# --- JSON ------------------------------------------------------------------------------------


def render_json(results: list[FileResult]) -> str:
    document = {
        "summary": Summary.of(results).to_dict(),
        "contracts": [_source_dict(source) for source in contract_sources(results)],
        "files": [_file_dict(result) for result in results],
    }
    return json_document(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"


def _source_dict(source: sources.Source) -> dict[str, Any]:
    return {
        "service": source.service,
        "source": source.kind,
        "directory": None if source.directory is None else str(source.directory),
        "botocore": source.made_from or sources.installed_botocore(),
    }


def _file_dict(result: FileResult) -> dict[str, Any]:
    return {
        "path": result.path,
        "input_error": result.problem,
        "bad_lines": [{"line": bad.number, "input_error": bad.reason} for bad in result.bad_lines],
        "payloads": [{"label": item.label, **item.report.to_dict()} for item in result.checked],
    }


# --- JUnit XML -----------------------------------------------------------------------------


def render_junit(results: list[FileResult]) -> str:
    """One testcase per payload (per unreadable file or line); errors fail, drift goes to
    system-out."""
    cases = [case for result in results for case in _cases(result)]
    summary = Summary.of(results)
    failures = sum(1 for result in results for item in result.checked if not item.report.ok)
    head = (
        f'<testsuite name="botocontract validate" tests="{len(cases)}" '
        f'failures="{failures}" errors="{summary.input_errors}">'
    )
    lines = ['<?xml version="1.0" encoding="utf-8"?>', head, *_properties(results), *cases]
    return "\n".join([*lines, "</testsuite>"]) + "\n"


def _properties(results: list[FileResult]) -> list[str]:
    """The contract source of each service, as JUnit properties CI dashboards show."""
    used = contract_sources(results)
    if not used:
        return []
    properties = [
        f"    <property name={xml_attribute('contract.' + source.service)} "
        f"value={xml_attribute(source.describe())}/>"
        for source in used
    ]
    return ["  <properties>", *properties, "  </properties>"]


def _cases(result: FileResult) -> list[str]:
    if result.problem is not None:
        return [_input_error(result.path, "read", result.problem)]
    cases = [_case(result.path, item) for item in result.checked]
    return cases + [
        _input_error(result.path, f"read line {bad.number}", bad.reason) for bad in result.bad_lines
    ]


def _input_error(path: str, name: str, problem: str) -> str:
    error = f"<error message={xml_attribute(problem)}/>"
    return _testcase(path, name, error)


def _testcase(path: str, name: str, body: str) -> str:
    return (
        f"  <testcase classname={xml_attribute(path)} name={xml_attribute(name)}>{body}</testcase>"
    )


def _case(path: str, item: Checked) -> str:
    body = "".join(_failure(issue) for issue in item.report.errors)
    unlisted = item.report.unlisted
    if unlisted.errors:  # past the list, errors among them: one failure says how many
        body += f'<failure type="more" message={xml_attribute(unlisted.text())}/>'
    drift = [f"drift {issue.path or '/'}: {issue.message}" for issue in item.report.drift]
    if unlisted and not unlisted.errors:
        drift.append(unlisted.text())
    if drift:
        body += f"<system-out>{xml_text(chr(10).join(drift))}</system-out>"
    return _testcase(path, item.name, body)


def _failure(issue: Issue) -> str:
    return (
        f"<failure type={xml_attribute(issue.rule)} message={xml_attribute(issue.message)}>"
        f"{xml_text(issue.path or '/')}</failure>"
    )


def render(output_format: str, results: list[FileResult], *, verbose: bool = False) -> str:
    if output_format == "text":
        return render_text(results, verbose=verbose)
    return RENDERERS[output_format](results)


RENDERERS: dict[str, Callable[[list[FileResult]], str]] = {
    "text": render_text,
    "json": render_json,
    "junit": render_junit,
}
