"""Tasks: one per section (or schedule-table row) that assigns work.

A section assigns work when its own text — from its heading to its first subsection, or
to the next section at the same or a higher level when it has none — holds a body with a
lead, assignee or report role, or a deadline.  A schedule table gives one task per row
with a deadline or a body.  A document without sections gives one task per paragraph
that assigns work.

Ids are stable across runs of the same file: `<section id>#<n>` (n counts the tasks of
that section: 1 for the section itself, one per table row otherwise), `L<line>` outside
sections.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from pipeline.model import Body, Deadline, Document, Section, Task
from pipeline.parse.cells import TABLE_ROW_RE

# Roles that make a stretch of text a task (attend/advise/inspect alone do not).
ASSIGNING = {"lead", "assignee", "report", "cooperate"}
# Roles that go to Task.others.
OTHER_ROLES = ("report", "advise", "attend", "inspect", "other")

TITLE_MAX = 160
DESCRIPTION_MAX = 400

# The end of a title's first sentence: ". " before a capital, ";", or ":" ending a heading.
# "Ban Tổ chức Tỉnh ủy chủ trì … thực hiện Kế hoạch này. Trong quá trình …" → cut at ". ".
SENTENCE_END = re.compile(r"""(?<=[.;])\s+(?=\S)|;""", re.X)


# A table's header row: "|STT |Ngày |Công việc |", "|TT|Nội dung|Thời gian|…|".
HEADER_ROW = re.compile(r"""^\s*\|\s*(?:STT|TT|Số\s+TT)\s*\|""", re.X | re.I)


def _one_space(text: str) -> str:
    """Blank runs to one space, stripped: re.sub(r"\\s+", " ", text).strip() without the
    regex (split() and strip() take the same blanks as re's \\s: every code point checked).
    Most texts are so already (no blank but single spaces inside): they are kept as they
    are, which split() and join() would rebuild unchanged."""
    if "  " not in text and not text[:1].isspace() and not text[-1:].isspace() \
            and OTHER_BLANK.search(text) is None:
        return text
    return " ".join(text.split())


# A blank other than the space.
OTHER_BLANK = re.compile(r"[^\S ]")


def _short(text: str, limit: int) -> str:
    text = _one_space(text)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_title(text: str) -> str:
    """First sentence, at most TITLE_MAX characters."""
    text = _one_space(text)
    m = SENTENCE_END.search(text)
    if m and m.start() > 0:
        text = text[: m.start()].rstrip(" ;")
    return _short(text.rstrip(":"), TITLE_MAX)


def _range_end(doc: Document, line: int) -> int:
    """Last line of the body or of the appendix that holds `line`."""
    for a, b in doc.annexes:
        if a <= line <= b:
            return b
    return doc.body_last


def section_spans(doc: Document) -> dict[str, tuple[int, int]]:
    """Own span of each section: heading line to the line before its first subsection or,
    for a leaf, before the next section at the same or a higher level."""
    secs = list(doc.sections)
    spans = {}
    body_last = doc.body_last
    for i, sec in enumerate(secs):
        last = _range_end(doc, sec.line) if doc.annexes else body_last   # (no annex: the body's)
        nxt = secs[i + 1].line - 1 if i + 1 < len(secs) else last
        spans[sec.id] = (sec.line, max(sec.line, min(nxt, last)))
    return spans


def _is_row(doc: Document, line: int) -> bool:
    text = doc.lines[line - 1]
    meta = doc.source.line_meta[line - 1] if line - 1 < len(doc.source.line_meta) else None
    return bool(TABLE_ROW_RE.match(text) or (meta and meta.in_table)) and not HEADER_ROW.match(text)


def _row_title(text: str) -> str:
    cells = [c.strip() for c in text.strip().strip("|").split("|")]
    cells = [c for c in cells if c and not re.fullmatch(r"\d{1,3}\.?", c)]
    return _short(" — ".join(cells), TITLE_MAX)


def _roles(bodies: list[Body]) -> tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]]:
    def uniq(names):
        return tuple(dict.fromkeys(names))
    lead = uniq(b.name for b in bodies if b.role == "lead")
    assignees = uniq(b.name for b in bodies if b.role == "assignee")
    coop = uniq(b.name for b in bodies if b.role == "cooperate" and b.name not in lead)
    others = [(b.role, b.name) for b in bodies if b.role in OTHER_ROLES]
    if not lead:
        lead = assignees
    else:
        others += [("assignee", n) for n in assignees if n not in lead]
    return lead, coop, tuple(dict.fromkeys(others))


def _assigns(bodies: list[Body], deadlines: list[Deadline]) -> bool:
    return bool(deadlines) or any(b.role in ASSIGNING for b in bodies)


def _text(doc: Document, first: int, last: int) -> str:
    return " ".join(doc.lines[i - 1].strip() for i in range(first, last + 1) if doc.lines[i - 1].strip())


def _make(doc, tid, section, title, line, first, last, bodies, deadlines) -> Task:
    lead, coop, others = _roles(bodies)
    return Task(id=tid, section=section, title=title, line=line,
                description=_short(_text(doc, first, last), DESCRIPTION_MAX),
                lead=lead, cooperate=coop, others=others, deadlines=tuple(deadlines))


class _ByLine:
    """Items (bodies or deadlines) by line, for the filters below: "the items on lines
    first..last, in their order", without a pass over all items for every section."""

    def __init__(self, items):
        self.items = items
        self.index: dict[int, list[int]] = {}      # line → positions in items
        for i, x in enumerate(items):
            self.index.setdefault(x.line, []).append(i)
        self.lines = sorted(self.index)

    def on(self, line: int) -> list:
        return [self.items[i] for i in self.index.get(line, ())]

    def any_within(self, first: int, last: int) -> bool:
        i = bisect_left(self.lines, first)
        return i < len(self.lines) and self.lines[i] <= last

    def lines_within(self, first: int, last: int) -> list[int]:
        """The lines first..last that hold items, in order."""
        return self.lines[bisect_left(self.lines, first):bisect_right(self.lines, last)]

    def within(self, first: int, last: int) -> list:
        lines = self.lines_within(first, last)
        if len(lines) == 1:
            return self.on(lines[0])
        idx = sorted(i for ln in lines for i in self.index[ln])
        return [self.items[i] for i in idx]


def _section_tasks(doc: Document, sec: Section, span: tuple[int, int],
                   deadlines: _ByLine, bodies: _ByLine) -> list[Task]:
    first, last = span
    if not bodies.any_within(first, last) and not deadlines.any_within(first, last):
        return []          # no body and no deadline here: neither a row nor the section assigns
    # A row gives a task only with a body or a deadline on it: only lines with either are
    # looked at (in order, so the tasks are numbered as before).
    lines = sorted(set(bodies.lines_within(first + 1, last)) | set(deadlines.lines_within(first + 1, last)))
    row_tasks = []
    for ln in lines:
        if not _is_row(doc, ln):
            continue
        r_bodies = bodies.on(ln)
        r_dls = deadlines.on(ln)
        if _assigns(r_bodies, r_dls):
            row_tasks.append(_make(doc, f"{sec.id}#{len(row_tasks) + 1}", sec.id,
                                   _row_title(doc.lines[ln - 1]), ln, ln, ln, r_bodies, r_dls))
    if row_tasks:
        return row_tasks
    s_bodies = bodies.within(first, last)
    s_dls = deadlines.within(first, last)
    if not _assigns(s_bodies, s_dls):
        return []
    title = short_title(sec.title or sec.label)
    return [_make(doc, f"{sec.id}#1", sec.id, title, sec.line, first, last, s_bodies, s_dls)]


def _paragraph_tasks(doc: Document, deadlines, bodies) -> list[Task]:
    """Documents without sections: one task per paragraph that assigns work."""
    out = []
    by_line_dls, by_line_bodies = _ByLine(deadlines), _ByLine(bodies)
    for para in doc.paragraphs:
        if para.line < doc.header.body_start or para.line > doc.body_last:
            continue
        first, last = para.lines[0], para.lines[-1]
        p_bodies = by_line_bodies.within(first, last)
        p_dls = by_line_dls.within(first, last)
        if _assigns(p_bodies, p_dls):
            out.append(_make(doc, f"L{para.line}", None, short_title(para.text), para.line,
                             first, last, p_bodies, p_dls))
    return out


def build_tasks(doc: Document, deadlines: tuple[Deadline, ...], bodies: tuple[Body, ...]) -> tuple[Task, ...]:
    deadlines = tuple(d for d in deadlines if d.line >= doc.header.body_start)
    if not doc.sections:
        return tuple(_paragraph_tasks(doc, deadlines, bodies))
    out = []
    spans = section_spans(doc)
    by_line_dls, by_line_bodies = _ByLine(deadlines), _ByLine(bodies)
    # The lines that hold a body or a deadline: a section whose span holds none of them
    # gives no task (_section_tasks would find nothing), and is passed over at once.
    item_lines = sorted(set(by_line_dls.lines) | set(by_line_bodies.lines))
    for sec in doc.sections:
        first, last = spans[sec.id]
        i = bisect_left(item_lines, first)
        if i == len(item_lines) or item_lines[i] > last:
            continue
        # Text between the trích yếu and the first section (a preamble) is no task.
        if not doc.in_body(sec.line):
            continue
        out.extend(_section_tasks(doc, sec, (first, last), by_line_dls, by_line_bodies))
    return tuple(out)
