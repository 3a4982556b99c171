"""What validation found: an ``Issue`` per violation, a ``Report`` per payload."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from botocontract.constants import MAX_ISSUES_PER_PAYLOAD

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
class Unlisted:
    """What a report found past its list (``MAX_ISSUES_PER_PAYLOAD``): issues only counted,
    items of long arrays judged whole and failing, and how many of both are errors."""

    issues: int = 0
    items: int = 0
    errors: int = 0

    def __bool__(self) -> bool:
        return bool(self.issues or self.items)

    def __reduce__(self) -> tuple[type[Unlisted], tuple[int, int, int]]:
        return (Unlisted, (self.issues, self.items, self.errors))

    def text(self) -> str:
        """``... and 999,900 more issues (999,900 errors)``, and the items judged whole."""
        parts = [f"{self.issues:,} more issue(s)"] if self.issues else []
        if self.items:
            past = f"past the first {MAX_ISSUES_PER_PAYLOAD} of their array"
            parts.append(f"{self.items:,} more failing item(s) {past}")
        errors = f"{self.errors:,} error(s)" if self.errors else "drift only"
        return f"... and {' and '.join(parts)} ({errors})"

    def to_dict(self) -> dict[str, int]:
        return {"issues": self.issues, "items": self.items, "errors": self.errors}


NOTHING_UNLISTED = Unlisted()


@dataclass(frozen=True)
class Report:
    """The verdict on one payload; ``ok`` when it has no errors (drift alone is ok)."""

    service: str
    shape: str | None
    operation: str | None
    direction: Direction
    form: str
    issues: tuple[Issue, ...] = field(default=())
    unlisted: Unlisted = field(default=NOTHING_UNLISTED)  # past MAX_ISSUES_PER_PAYLOAD

    def __reduce__(self) -> tuple[type[Report], tuple[Any, ...]]:
        return (
            Report,
            (
                self.service,
                self.shape,
                self.operation,
                self.direction,
                self.form,
                self.issues,
                self.unlisted,
            ),
        )

    @property
    def errors(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "error"]

    @property
    def drift(self) -> list[Issue]:
        return [issue for issue in self.issues if issue.severity == "drift"]

    @property
    def error_count(self) -> int:
        """Errors listed and not (each failing item past a window counts once)."""
        return len(self.errors) + self.unlisted.errors

    @property
    def drift_count(self) -> int:
        unlisted = self.unlisted.issues + self.unlisted.items - self.unlisted.errors
        return len(self.drift) + unlisted

    @property
    def ok(self) -> bool:
        return not self.errors and not self.unlisted.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "service": self.service,
            "operation": self.operation,
            "direction": self.direction,
            "shape": self.shape,
            "form": self.form,
            "ok": self.ok,
            "issues": [issue.to_dict() for issue in self.issues],
            "more": self.unlisted.to_dict(),
        }
