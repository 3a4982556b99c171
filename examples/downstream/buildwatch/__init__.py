"""Summarise CodeBuild builds and retry the failed ones."""

from __future__ import annotations

from buildwatch.builds import BuildSummary, Summaries, retry_failed, summarise_builds

__all__ = ["BuildSummary", "Summaries", "retry_failed", "summarise_builds"]
