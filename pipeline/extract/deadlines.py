"""Deadlines (placeholder until the extraction work lands)."""
from __future__ import annotations

from pipeline.model import Citation, Deadline, Document


def extract_deadlines(doc: Document, citations: tuple[Citation, ...] = ()) -> tuple[Deadline, ...]:
    return ()
