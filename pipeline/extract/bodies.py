"""Bodies with roles (placeholder until the extraction work lands)."""
from __future__ import annotations

from pipeline.model import Body, Document


def extract_bodies(doc: Document) -> tuple[Body, ...]:
    return ()
