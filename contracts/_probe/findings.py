"""What a probe found: each distinct violation once, with the smallest request that showed it,
and per operation how the endpoint answered."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocontract._probe.exchange import Answer
    from botocontract.validation import Issue

_INDEX = re.compile(r"/\d+(?=/|$)")


@dataclass
class Finding:
    """One distinct violation: (service, operation, path, rule). ``form`` is the first form
    that showed it: a JSON member out of bounds is one violation, though both the wire and the
    boto3 form of the answer break it."""

    service: str
    operation: str
    form: str  # wire, boto3, http (a crash) or request (botocore refused the drawn request)
    path: str
    rule: str
    severity: str
    message: str
    expected: str
    actual: str
    request: dict[str, Any]
    status: int | None
    body: str
    seen: int = 1

    @property
    def key(self) -> FindingKey:
        return finding_key(self.service, self.operation, self.path, self.rule)


FindingKey = tuple[str, str, str, str]


def finding_key(service: str, operation: str, path: str, rule: str) -> FindingKey:
    """List indexes do not make a violation distinct: ``/projects/3/x`` is ``/projects/*/x``."""
    return (service, operation, _INDEX.sub("/*", path), rule)


def request_size(request: dict[str, Any]) -> tuple[int, str]:
    text = json.dumps(request, default=repr, sort_keys=True)
    return (len(text), text)


@dataclass
class Coverage:
    """How one operation was answered."""

    service: str
    operation: str
    answered: int = 0
    errors: int = 0
    crashes: int = 0
    unsent: int = 0
    error_codes: dict[str, int] = field(default_factory=dict)

    @property
    def sent(self) -> int:
        return self.answered + self.errors + self.crashes

    @property
    def verdict(self) -> str:
        if self.answered:
            return "answered"
        if self.errors:
            return "only errors"
        if self.crashes:
            return "not implemented"
        return "not reached"

    def count(self, answer: Answer) -> None:
        if answer.outcome == "answered":
            self.answered += 1
        elif answer.outcome == "error":
            self.errors += 1
            code = answer.error_code or str(answer.status)
            self.error_codes[code] = self.error_codes.get(code, 0) + 1
        elif answer.outcome == "crash":
            self.crashes += 1
        else:
            self.unsent += 1


@dataclass
class ProbeReport:
    """Everything one probe run found."""

    endpoint_url: str
    services: tuple[str, ...]
    findings: list[Finding] = field(default_factory=list)
    coverage: list[Coverage] = field(default_factory=list)
    requests: int = 0
    seconds: float = 0.0
    interrupted: bool = False
    stopped_by_budget: bool = False
    seed: int | None = None

    @property
    def errors(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity == "error"]

    @property
    def drift(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.severity != "error"]

    @property
    def ok(self) -> bool:
        return not self.errors


class Findings:
    """Findings by key; each keeps the smallest request that reproduced it."""

    def __init__(self) -> None:
        self.by_key: dict[FindingKey, Finding] = {}

    def add(
        self, service: str, operation: str, request: dict[str, Any], answer: Answer
    ) -> list[FindingKey]:
        """The keys this answer showed, each counted once however many forms showed it."""
        keys: list[FindingKey] = []
        for form, issue in answer.issues:
            key = finding_key(service, operation, issue.path, issue.rule)
            if key in keys:
                continue
            keys.append(key)
            known = self.by_key.get(key)
            if known is None:
                self.by_key[key] = _finding(service, operation, form, issue, request, answer)
                continue
            known.seen += 1
            if request_size(request) < request_size(known.request):
                replacement = _finding(service, operation, form, issue, request, answer)
                replacement.seen = known.seen
                self.by_key[key] = replacement
        return keys

    def sorted(self) -> list[Finding]:
        return [self.by_key[key] for key in sorted(self.by_key)]


def _finding(  # noqa: PLR0913, PLR0917 - a finding's parts
    service: str, operation: str, form: str, issue: Issue, request: dict[str, Any], answer: Answer
) -> Finding:
    return Finding(
        service,
        operation,
        form,
        issue.path,
        issue.rule,
        issue.severity,
        issue.message,
        issue.expected,
        issue.actual,
        request,
        answer.status,
        answer.body,
    )
