from __future__ import annotations

import os
from typing import TYPE_CHECKING

import pytest
import yaml  # noqa: F401 - see below
from hypothesis import HealthCheck, settings

if TYPE_CHECKING:
    from types import ModuleType

# yaml is imported before any pytester test runs inline: pytester drops the modules an inline
# run imported, and a yaml imported again beside the loader botocontract built on the first one
# fails ("could not determine a constructor for the tag None").

# CI runs derandomized so a red run can be replayed; locally, `--hypothesis-profile=dev`
# explores more.
settings.register_profile(
    "ci",
    database=None,
    derandomize=True,
    deadline=None,
    max_examples=50,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", deadline=None, max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def models(tmp_path_factory: pytest.TempPathFactory) -> ModuleType:
    """CodeBuild's pydantic models: the committed ones if generated, else freshly emitted."""
    from tests.model_packages import committed_or_emitted  # noqa: PLC0415 - heavy: on demand

    return committed_or_emitted("codebuild", tmp_path_factory.mktemp("models"))
