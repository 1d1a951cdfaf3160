"""Shared fixtures.  One conftest for the whole suite (spaCy's convention); plain helpers
live in `testkit.py` so that no test imports a conftest by name."""
from __future__ import annotations

from pathlib import Path

import pytest

from testkit import SEED, SHARED_CORPUS


@pytest.fixture(scope="session")
def shared_corpus() -> Path:
    """The team's shared corpus; tests that need it skip cleanly when it is absent."""
    if not SHARED_CORPUS.is_dir():
        pytest.skip("../shared/corpus is absent (fresh clone outside the team)")
    return SHARED_CORPUS


@pytest.fixture(scope="session")
def seed_result():
    """The seed processed once through the whole pipeline, as the JSON dict."""
    from pipeline.process import process_file
    from pipeline.report.json_out import result_dict
    return result_dict(process_file(SEED, strict=True))
