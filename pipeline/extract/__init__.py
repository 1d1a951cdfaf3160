"""Extract: Document → Extraction (deadlines, citations, bodies, tasks)."""
from __future__ import annotations

from pipeline.model import Document, Extraction


def extract_all(doc: Document) -> Extraction:
    """Run every extractor; pure (no I/O)."""
    from pipeline.extract.bodies import extract_bodies
    from pipeline.extract.citations import extract_citations
    from pipeline.extract.deadlines import extract_deadlines
    from pipeline.extract.tasks import build_tasks

    citations = extract_citations(doc)
    deadlines = extract_deadlines(doc, citations)
    bodies = extract_bodies(doc)
    tasks = build_tasks(doc, deadlines, bodies)
    return Extraction(deadlines=deadlines, citations=citations, bodies=bodies, tasks=tasks)
