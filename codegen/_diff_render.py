"""Render a contract diff: markdown for a pull-request description, JSON for tooling.

Both are deterministic: the diff's changes are already sorted, and every set is sorted here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from botocontract.codegen.diff import Change, Diff

MAX_OPERATIONS_SHOWN = 4
_SECTIONS = (
    ("Breaking for code reading responses", lambda c: "responses" in c.breaks),
    ("Breaking for code sending requests", lambda c: "requests" in c.breaks),
    (
        "Compatible (observable, nothing that worked stops working)",
        lambda c: c.severity == "compatible",
    ),
    ("Additive", lambda c: c.severity == "additive"),
)


# --- JSON -----------------------------------------------------------------------------------


def summary(diff: Diff) -> dict[str, int]:
    return {
        "breaking_responses": len(diff.breaking_for("responses")),
        "breaking_requests": len(diff.breaking_for("requests")),
        "compatible": len(diff.of_severity("compatible")),
        "additive": len(diff.of_severity("additive")),
        "documentation": len(diff.of_severity("documentation")),
    }


def to_json(diff: Diff) -> dict[str, Any]:
    return {
        "service": diff.service,
        "from": diff.old.to_json(),
        "to": diff.new.to_json(),
        "breaking": diff.breaking,
        "summary": summary(diff),
        "changes": [change.to_json() for change in diff.changes],
    }


def render_json(diff: Diff, extra: dict[str, Any] | None = None) -> str:
    document = {**to_json(diff), **(extra or {})}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- markdown -------------------------------------------------------------------------------


def render_markdown(diff: Diff) -> str:
    lines = [f"# Contract changes: {diff.service}", "", _header(diff), "", _headline(diff)]
    for title, wanted in _SECTIONS:
        changes = sorted((c for c in diff.changes if wanted(c)), key=_by_kind)
        if changes:
            lines += ["", f"## {title} ({len(changes)})", "", *map(_bullet, changes)]
    lines += _documentation(diff.of_severity("documentation"))
    return "\n".join(lines) + "\n"


def _by_kind(change: Change) -> tuple[str, str]:
    return (change.kind, change.path)


def _header(diff: Diff) -> str:
    old, new = diff.old, diff.new
    return (
        f"From **{old.label}** (model sha256 `{old.model_sha256[:12]}`) "
        f"to **{new.label}** (model sha256 `{new.model_sha256[:12]}`)."
    )


def _headline(diff: Diff) -> str:
    if not diff.changes:
        return "No contract changes."
    counts = summary(diff)
    verdict = "**Breaking**" if diff.breaking else "**Nothing breaks**"
    return (
        f"{verdict}: {counts['breaking_responses']} change(s) break code reading responses, "
        f"{counts['breaking_requests']} break code sending requests; "
        f"{counts['compatible']} compatible, {counts['additive']} additive, "
        f"{counts['documentation']} documentation only."
    )


def _bullet(change: Change) -> str:
    label = change.kind.replace("-", " ")
    trait = f" {change.trait}" if change.trait and change.trait not in change.kind else ""
    return f"- {label}{trait}: `{change.path}`{_values(change)}{_operations(change)}"


def _values(change: Change) -> str:
    if (change.old is None and change.new is None) or change.path in (change.old, change.new):
        return ""
    if change.kind.endswith("-removed"):
        return f" — {_code(change.old)}"
    if change.kind.endswith("-added"):
        return f" — {_code(change.new)}"
    return f" — {_code(change.old)} → {_code(change.new)}"


def _code(value: Any) -> str:
    if value is None:
        return "none"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    fence = "``" if "`" in text else "`"
    pad = " " if fence == "``" else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _operations(change: Change) -> str:
    if change.operation is not None:
        return ""
    if not change.operations:
        return " (in no operation)"
    shown = ", ".join(change.operations[:MAX_OPERATIONS_SHOWN])
    more = len(change.operations) - MAX_OPERATIONS_SHOWN
    return f" (in {shown}{f', +{more} more' if more > 0 else ''})"


def _documentation(changes: tuple[Change, ...]) -> list[str]:
    """Deprecations as bullets; changed texts (often most of a diff) as one collapsed list."""
    if not changes:
        return []
    texts = [c.path for c in changes if c.kind == "documentation-changed"]
    lines = ["", f"## Documentation only ({len(changes)})"]
    bullets = [
        _bullet(c) for c in sorted(changes, key=_by_kind) if c.kind != "documentation-changed"
    ]
    lines += ["", *bullets] if bullets else []
    if texts:
        places = ", ".join(f"`{path}`" for path in texts)
        summary_line = f"<details><summary>{len(texts)} documentation text(s) changed</summary>"
        lines += ["", summary_line, "", places, "", "</details>"]
    return lines
