"""Mistakes ``mypy --strict`` must report on the generated models (so they are not ``Any``).

``tests/unit/test_models_mypy.py`` expects exactly the errors marked ``# E:`` below.
"""

from __future__ import annotations

from botocontract.generated.codebuild import Build, StatusType


def status_lowercase(build: Build) -> str:
    return build.buildStatus.value.lower()  # E: union-attr


def build_number_text(build: Build) -> str:
    return build.buildNumber  # E: return-value


def wrong_status() -> Build:
    return Build(buildStatus="SUCCEEDED")  # E: arg-type


def known_status(build: Build) -> bool:
    return build.buildStatus is StatusType.SUCCEEDED
