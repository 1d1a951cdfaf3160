"""Parse: SourceText → Document (header, section tree, recipients, signature)."""
from __future__ import annotations

from pipeline.model import Document, SourceText
from pipeline.parse.header import parse_header
from pipeline.parse.paragraphs import build_paragraphs
from pipeline.parse.sections import parse_sections
from pipeline.parse.signature import parse_tail


def parse_document(src: SourceText) -> Document:
    """Build the document structure; pure (no I/O)."""
    lines = src.lines
    header = parse_header(lines)
    recipients, signature, body_end = parse_tail(lines, header.body_start)
    body_end = max(body_end, header.body_start)
    sections = parse_sections(lines, src.line_meta, header.body_start, min(body_end, len(lines)))
    return Document(source=src, lines=lines, paragraphs=build_paragraphs(lines), header=header,
                    sections=sections, recipients=recipients, signature=signature,
                    body_end=body_end)
