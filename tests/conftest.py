"""Shared fixtures.  One conftest for the whole suite (spaCy's convention)."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
SEED = REPO / "corpora" / "inbox" / "ke-hoach-01-KH-BCD-bau-cu-2021.txt"
SEED_GOLD = REPO / "corpora" / "gold" / "ke-hoach-01-KH-BCD-bau-cu-2021.gold.json"


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


def make_doc(tmp_path: Path, text: str, name: str = "doc.txt"):
    """Write `text` to a .txt file and run it through ingest → parse."""
    from pipeline.ingest import read_source
    from pipeline.parse import parse_document
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return parse_document(read_source(p))
