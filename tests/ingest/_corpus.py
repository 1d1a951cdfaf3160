"""Where ../shared/corpus is, and skip markers for the ingest tests."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus"
REAL = CORPUS / "real"

needs_corpus = pytest.mark.skipif(not REAL.is_dir(), reason="../shared/corpus không có (bản sao ngoài nhóm)")
needs_tesseract = pytest.mark.skipif(shutil.which("tesseract") is None,
                                     reason="chưa cài tesseract-ocr và tesseract-ocr-vie")
needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None and shutil.which("libreoffice") is None,
                                   reason="chưa cài libreoffice")


def original(name: str) -> Path:
    return REAL / "original" / name
