"""Cited documents (placeholder until the extraction work lands)."""
from __future__ import annotations

from pipeline.model import Citation, Document


def extract_citations(doc: Document) -> tuple[Citation, ...]:
    return ()
