"""A downstream module using the generated CodeBuild models, as a user's code would.

``tests/unit/test_models_mypy.py`` runs ``mypy --strict`` on it: it must pass with no error.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from botocontract.generated.codebuild import (
    BatchGetBuildsOutput,
    Build,
    BuildPhase,
    BuildPhaseType,
    ProjectSource,
    SourceType,
    StatusType,
)


def failed_phases(response: dict[str, Any]) -> list[BuildPhaseType]:
    """The phases that failed in a ``batch_get_builds`` response."""
    output = BatchGetBuildsOutput.model_validate(response)
    failed: list[BuildPhaseType] = []
    for build in output.builds or []:
        for phase in build.phases or []:
            if phase.phaseStatus is StatusType.FAILED and phase.phaseType is not None:
                failed.append(phase.phaseType)
    return failed


def duration(build: Build) -> float | None:
    if build.startTime is None or build.endTime is None:
        return None
    return (build.endTime - build.startTime).total_seconds()


def status_text(build: Build) -> str:
    status: StatusType | None = build.buildStatus
    return "unknown" if status is None else status.value


def first_phase_started(build: Build) -> datetime | None:
    phases: list[BuildPhase] = build.phases or []
    return phases[0].startTime if phases else None


def new_build() -> Build:
    source = ProjectSource(type=SourceType.GITHUB, location="https://github.com/o/r")
    return Build(
        id="demo:1",
        buildNumber=1,
        buildComplete=False,
        buildStatus=StatusType.IN_PROGRESS,
        startTime=datetime.now(tz=timezone.utc),
        source=source,
    )


def request_ids(response: dict[str, Any]) -> str | None:
    metadata = BatchGetBuildsOutput.model_validate(response).response_metadata
    return None if metadata is None else str(metadata.get("RequestId"))
