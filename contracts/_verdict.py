"""What validation found: an ``Issue`` per violation, a ``Report`` per payload."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Direction = Literal["request", "response"]
Severity = Literal["error", "drift"]


@dataclass(frozen=True)
class Issue:
    """One violation: where (JSON pointer and botocore member path), which rule, what was found."""

    path: str
    member_path: str
    rule: str
    expected: str
    actual: str
    message: str
    severity: Severity = "error"
    shape: str | None = None

    def __reduce__(self) -> tuple[type[Issue], tuple[Any, ...]]:
        # Positional state: pickles smaller and loads faster than a state dict (-j workers).
        return (
            Issue,
            (
                self.path,
                self.member_path,
                self.rule,
                self.expected,
                self.actual,
                self.message,
                self.severity,
                self.shape,
            ),
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "member_path": self.member_path,
            "rule": self.rule,
            "severity": self.severity,
            "shape": self.shape,
            "expected": self.expected,
            "actual": self.actual,
            "message": self.message,
        }


@dataclass(frozen=True)
class Report:
    """The verdict on one payload; ``ok`` when it has no errors (drift alone is ok)."""

    service: str
    shape: str | None
    operation: str | None
    direction: Direction
    form: str
    issues: tuple[Issue, ...] = field(default=())

    def __reduce__(self) -> tuple[type[Report], tuple[Any, ...]]:
        return (
            Report,
            (self.service, self.shape, self.operation, self.direction, self.form, self.issues),
        )

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def drift(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "drift"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "direction": self.direction,
            "shape": self.shape,
            "form": self.form,
            "ok": self.ok,
            "issues": [issue.to_dict() for issue in self.issues],
        }
