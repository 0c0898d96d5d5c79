"""Hypothesis profiles of the fuzz tests: bounded in `make test`, longer with FUZZ_PROFILE=long."""

import os

from hypothesis import HealthCheck, settings

__all__ = ["PROFILE", "settings"]

# The fuzz tests share one seeded database per test (function-scoped fixtures), on purpose.
_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
}
# Derandomized in the suite: the same examples on every run, so a failure reproduces.
settings.register_profile(
    "ci", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "60")), derandomize=True, **_COMMON
)
settings.register_profile("long", max_examples=int(os.environ.get("FUZZ_EXAMPLES", "2000")), **_COMMON)
PROFILE = os.environ.get("FUZZ_PROFILE", "ci")
settings.load_profile(PROFILE)
