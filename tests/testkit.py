"""Paths and small builders shared by the tests (imported as `testkit`; conftest stays fixtures only)."""
from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SHARED_CORPUS = SHARED / "corpus"
SEED = REPO / "corpora" / "inbox" / "ke-hoach-01-KH-BCD-bau-cu-2021.txt"
SEED_GOLD = REPO / "corpora" / "gold" / "ke-hoach-01-KH-BCD-bau-cu-2021.gold.json"


def make_doc(tmp_path: Path, text: str, name: str = "doc.txt"):
    """Write `text` to a .txt file and run it through ingest → parse."""
    from pipeline.ingest import read_source
    from pipeline.parse import parse_document
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return parse_document(read_source(p))
