"""What a team's tooling does with CodeBuild: summarise builds, retry the failed ones.

Written against what the API *may* return, not what one example showed: every member of a
``Build`` is optional, a build still IN_PROGRESS has no ``endTime``, ``RetryBuild`` may answer
without a build id, and ``BatchGetBuilds`` takes 1 to 100 ids per call.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from datetime import timedelta

FAILED = frozenset({"FAILED", "FAULT", "TIMED_OUT"})
MAX_IDS_PER_CALL = 100  # BatchGetBuilds' `ids` list: 1 to 100 items


@dataclass(frozen=True)
class BuildSummary:
    id: str | None
    project: str | None
    status: str
    duration: timedelta | None  # None until the build has both a start and an end
    failed_phase: str | None  # the first phase that did not succeed

    @property
    def failed(self) -> bool:
        return self.status in FAILED


@dataclass(frozen=True)
class Summaries:
    builds: list[BuildSummary] = field(default_factory=list)
    not_found: list[str] = field(default_factory=list)


def summarise(build: dict[str, Any]) -> BuildSummary:
    start, end = build.get("startTime"), build.get("endTime")
    return BuildSummary(
        id=build.get("id"),
        project=build.get("projectName"),
        status=build.get("buildStatus", "UNKNOWN"),
        duration=end - start if start is not None and end is not None else None,
        failed_phase=_failed_phase(build.get("phases", [])),
    )


def _failed_phase(phases: list[dict[str, Any]]) -> str | None:
    for phase in phases:
        if phase.get("phaseStatus") in FAILED:
            return str(phase.get("phaseType", "<unnamed phase>"))
    return None


def _chunks(ids: Sequence[str]) -> Iterator[list[str]]:
    for start in range(0, len(ids), MAX_IDS_PER_CALL):
        yield list(ids[start : start + MAX_IDS_PER_CALL])


def summarise_builds(client: Any, ids: Sequence[str]) -> Summaries:
    """One summary per build found, in the order CodeBuild returns them."""
    found: list[BuildSummary] = []
    missing: list[str] = []
    for chunk in _chunks(ids):  # an empty `ids` makes no call at all (the API refuses [])
        response = client.batch_get_builds(ids=chunk)
        found.extend(summarise(build) for build in response.get("builds", []))
        missing.extend(response.get("buildsNotFound", []))
    return Summaries(found, missing)


def retry_failed(client: Any, ids: Sequence[str]) -> dict[str, str | None]:
    """Retry every failed build; old id -> id of the new build (None if CodeBuild gave none)."""
    retried: dict[str, str | None] = {}
    for summary in summarise_builds(client, ids).builds:
        if summary.failed and summary.id is not None and summary.id not in retried:
            response = client.retry_build(id=summary.id)
            retried[summary.id] = response.get("build", {}).get("id")
    return retried
