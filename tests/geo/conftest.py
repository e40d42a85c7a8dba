"""Hypothesis's profiles, beside the property-based tests (test_fuzz.py, test_pieces.py) rather
than in tests/conftest.py, which every process of a run imports (xdist's controller too)."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=25, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("fuzz", max_examples=3000, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
