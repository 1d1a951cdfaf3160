"""Tasks (placeholder until the extraction work lands)."""
from __future__ import annotations

from pipeline.model import Body, Deadline, Document, Task


def build_tasks(doc: Document, deadlines: tuple[Deadline, ...], bodies: tuple[Body, ...]) -> tuple[Task, ...]:
    return ()
