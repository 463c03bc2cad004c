"""Fuzzing every reader, cleaning and ``extract_document`` (issue 9 §6): only the project's own errors.

A modest number of examples per target keeps the suite fast; ``bench/fuzz.py``
runs 10,000 or more per target with the same targets (``tests/fuzz_targets.py``).
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import fuzz_targets  # noqa: E402

SAMPLES = fuzz_targets.samples()
inputs = fuzz_targets.inputs
EXAMPLES = {"extract": 15, "manifest": 30, "sources": 30}


@pytest.mark.parametrize("target", sorted(fuzz_targets.TARGETS))
def test_fuzz_only_project_errors_escape(target: str) -> None:
    run = fuzz_targets.TARGETS[target]

    @settings(max_examples=EXAMPLES.get(target, 40), deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(inputs(target))
    def check(data: bytes) -> None:
        try:
            run(data)
        except fuzz_targets.PROJECT_ERRORS:
            pass

    check()


@pytest.mark.parametrize("target", sorted(fuzz_targets.TARGETS))
def test_fuzz_samples_are_accepted(target: str) -> None:
    """The seed inputs themselves run cleanly (the fuzzer starts from working inputs)."""
    for sample in SAMPLES[target]:
        try:
            fuzz_targets.TARGETS[target](sample)
        except fuzz_targets.PROJECT_ERRORS:
            pass
