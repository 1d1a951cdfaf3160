"""Parse: SourceText → Document (header, section tree, recipients, signature)."""
from __future__ import annotations

import re

from pipeline.model import Document, SourceText
from pipeline.parse.header import parse_header
from pipeline.parse.paragraphs import build_paragraphs
from pipeline.parse.sections import parse_sections
from pipeline.parse.signature import find_noi_nhan, parse_tail
from pipeline.parse.cells import cells
from pipeline.parse.header import doc_type_of_line
from pipeline.parse.sections import ANNEX_LABEL_RE
from pipeline.text import is_upper_line

# A blank form in an appendix: "Mẫu số 01/HNCT" within the first lines after PHỤ LỤC.
FORM_RE = re.compile(r"^(?:Mẫu|MẪU)(?:\s+(?:số|SỐ))?\s*\d")
FORM_LOOKAHEAD = 6


def parse_document(src: SourceText) -> Document:
    """Build the document structure; pure (no I/O)."""
    lines = src.lines
    header = parse_header(lines)
    recipients, signature, body_end = parse_tail(lines, header.body_start)
    # Never past the last line: a text that ends inside its header (a fragment, a scan
    # with pages missing) has a body_start one past its end.
    body_end = min(max(body_end, header.body_start), len(lines))
    annexes = find_annexes(lines, body_end)
    sections = parse_sections(lines, src.line_meta, header.body_start, min(body_end, len(lines)), annexes)
    return Document(source=src, lines=lines, paragraphs=build_paragraphs(lines), header=header,
                    sections=sections, recipients=recipients, signature=signature,
                    body_end=body_end, annexes=annexes)


# A regulation issued with a decision follows its signature: "QUY ĐỊNH / Về … /
# (Ban hành kèm theo Quyết định số 15/2010/QĐ-UBND …)".
ATTACHED_RE = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?kèm\s+theo\b", re.I)
ATTACHED_LOOKAHEAD = 5


def _attached_type_line(lines: tuple[str, ...], i: int) -> bool:
    text = " ".join(cells(lines[i]))
    if not text or not is_upper_line(text) or doc_type_of_line(text) is None:
        return False
    following = [" ".join(cells(ln)) for ln in lines[i + 1:i + 1 + ATTACHED_LOOKAHEAD * 2]]
    following = [t for t in following if t][:ATTACHED_LOOKAHEAD]
    return any(ATTACHED_RE.match(t) for t in following)


def find_annexes(lines: tuple[str, ...], body_end: int) -> tuple[tuple[int, int], ...]:
    """Substantive appendices after the body: "PHỤ LỤC" headings not followed by a blank form.

    An appendix that sets out steps or assignments ("PHỤ LỤC / HƯỚNG DẪN TRÌNH TỰ THỰC
    HIỆN … Phần 1.") is part of what the reader must do; blank forms ("PHỤ LỤC / Mẫu số
    01/HNCT / BIÊN BẢN …") restart their own numbering and are not.
    """
    starts = [i + 1 for i in range(body_end, len(lines))
              if ANNEX_LABEL_RE.match(" ".join(cells(lines[i]))) or _attached_type_line(lines, i)]
    out = []
    for k, start in enumerate(starts):
        end = starts[k + 1] - 1 if k + 1 < len(starts) else len(lines)
        nxt = find_noi_nhan(lines, start + 1)
        if nxt is not None and nxt <= end:
            end = nxt - 1
        head = [c for ln in lines[start:end] for c in cells(ln)][:FORM_LOOKAHEAD]
        if any(FORM_RE.match(c) for c in head):
            continue
        out.append((start, end))
    return tuple(out)
