"""Hypothesis settings profiles of contract tests: ``botocontract-ci`` and the check that a
chosen profile exists. Imports Hypothesis, so only when a profile is chosen or used."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis.errors import InvalidArgument

CI_PROFILE = "botocontract-ci"


def register_profiles() -> None:
    """``botocontract-ci``: replayable runs (no database, derandomized, no deadline)."""
    try:
        settings.get_profile(CI_PROFILE)
    except InvalidArgument:
        settings.register_profile(
            CI_PROFILE,
            # from Hypothesis's defaults, not from whatever profile the run has loaded
            parent=settings.get_profile("default"),
            database=None,
            derandomize=True,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        )


def unknown_profile(name: str) -> str | None:
    """Why ``name`` cannot be loaded (the profiles registered so far), or None when it can."""
    register_profiles()
    try:
        settings.get_profile(name)
    except InvalidArgument:
        # Hypothesis has no public list of its profiles; its registry is a class attribute.
        known = sorted(getattr(settings, "_profiles", {}))
        listed = f" (known: {', '.join(known)})" if known else ""
        return (
            f"unknown Hypothesis profile {name!r}{listed}; register it with "
            "hypothesis.settings.register_profile in a conftest.py pytest loads at start-up"
        )
    return None
