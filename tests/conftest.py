from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

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
