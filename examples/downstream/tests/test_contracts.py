"""botocontract's ready CodeBuild contract tests, run as they are in this repository."""

from __future__ import annotations

from botocontract.contract_tests.codebuild import *  # noqa: F403
