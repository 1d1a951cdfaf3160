"""Frozen dataclasses that flow between the stages.

ingest → SourceText → parse → Document → extract → Extraction → checks → Finding
→ process → Result → report.

No logic lives here beyond small helpers: a reader new to the code should be able to
see every field a stage may rely on in one file.  `line` is always the 1-based line
of the canonical text (`vanban extract --text`), as the contract defines it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal

Severity = Literal["error", "warning", "info"]
DeadlineKind = Literal["on", "by", "before", "after", "range", "period"]
Role = Literal["lead", "cooperate", "advise", "report", "attend", "assignee",
               "inspect", "recipient", "signer", "other"]


@dataclass(frozen=True, slots=True)
class LineMeta:
    """Where one canonical line came from.

    origin: human-readable provenance (`"dòng 12"`, `"đoạn 40"`, `"bảng 1, hàng 2, ô 1"`,
    `"trang 3"`).  auto_label: the label Word draws from numbering.xml for this
    paragraph, already prefixed to the line text (None for typed labels).
    """
    origin: str = ""
    page: int | None = None
    in_table: bool = False
    auto_label: str | None = None
    ocr: bool = False


@dataclass(frozen=True, slots=True)
class SourceText:
    """One document as plain text, whatever its format.

    `text` is NFC; `lines == tuple(text.split("\\n"))`; `line_meta[i]` describes line i+1.
    """
    path: str
    sha256: str | None
    format: str
    text: str
    lines: tuple[str, ...]
    line_meta: tuple[LineMeta, ...]
    encoding: str | None = None
    pages: int | None = None
    ocr: bool = False
    diagnostics: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A logical line: physical lines rejoined where the text plainly continues.

    `starts[i]` is the offset in `text` where physical line `lines[i]` begins; use
    `line_at(offset)` to report the physical line of a match.
    """
    text: str
    lines: tuple[int, ...]
    starts: tuple[int, ...]

    @property
    def line(self) -> int:
        return self.lines[0]

    def line_at(self, offset: int) -> int:
        best = self.lines[0]
        for ln, st in zip(self.lines, self.starts):
            if st <= offset:
                best = ln
            else:
                break
        return best


@dataclass(frozen=True, slots=True)
class Header:
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    issuer: str | None = None
    parent_issuer: str | None = None
    place: str | None = None
    date: date | None = None
    title: str | None = None
    urgency: str | None = None
    confidentiality: str | None = None
    # Where things were found, for checks and reports.
    symbol_text: str | None = None       # the whole "Số ..." line as written
    symbol_line: int | None = None
    date_text: str | None = None         # the place-and-date line as written
    date_line: int | None = None
    date_blank: bool = False             # "ngày   tháng 9 năm 2025": present, day left blank
    doc_type_line: int | None = None
    system: Literal["party", "state"] | None = None
    body_start: int = 1                  # first line of the body (after trích yếu)


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    label: str            # as written, without trailing punctuation: II, 2.3, a, (1), Điều 5
    style: str            # ROMAN, ARABIC, DOTTED2, DOTTED3, LETTER, UPPER, PAREN, WORD:<word>
    level: int
    line: int
    title: str | None = None
    parent: str | None = None
    marker: str = ""      # the label exactly as it opens the line: "4.", "a)", "(1)"
    auto: bool = False    # computed from Word auto-numbering


@dataclass(frozen=True, slots=True)
class Signature:
    signer: str | None = None
    title: str | None = None
    authority: str | None = None
    line: int | None = None
    collective: str | None = None        # "TM. ỦY BAN NHÂN DÂN": the body signed for


@dataclass(frozen=True, slots=True)
class Document:
    source: SourceText
    lines: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    header: Header
    sections: tuple[Section, ...]
    recipients: tuple[str, ...] = ()
    signature: Signature | None = None
    body_end: int | None = None           # last line of the body (before Nơi nhận / signature)
    annexes: tuple[tuple[int, int], ...] = ()  # substantive appendices after the signature

    @property
    def body_last(self) -> int:
        """Last line of the body proper (the whole text when no tail was found)."""
        return self.body_end or len(self.lines)

    def in_table(self, line: int) -> bool:
        """True for a line of a table: a .docx/.htm table cell, or a text row "| … |"."""
        if 1 <= line <= len(self.source.line_meta) and self.source.line_meta[line - 1].in_table:
            return True
        return 1 <= line <= len(self.lines) and self.lines[line - 1].lstrip().startswith("|")

    def in_body(self, line: int) -> bool:
        """True for a line of the body proper or of a substantive appendix."""
        if self.header.body_start <= line <= self.body_last:
            return True
        return any(a <= line <= b for a, b in self.annexes)

    def section_at(self, line: int) -> Section | None:
        """Return the innermost section whose heading is at or above `line`."""
        found = None
        for sec in self.sections:
            if sec.line <= line:
                found = sec
            else:
                break
        return found

    def children(self, parent_id: str | None) -> tuple[Section, ...]:
        return tuple(s for s in self.sections if s.parent == parent_id)


@dataclass(frozen=True, slots=True)
class Deadline:
    text: str
    kind: DeadlineKind
    start: date | None
    end: date | None
    line: int
    year_inferred: bool = False
    constraint: bool = False
    authority: str | None = None
    section: str | None = None
    time: str | None = None
    exclusive: bool = False
    invalid: bool = False                 # a date that does not exist: start/end None
    relative: str | None = None           # "trước ngày bầu cử 95 ngày" kept when unresolved
    weekday: str | None = None            # weekday written beside the date: "thứ 2", "chủ nhật"

    def latest_day(self) -> date | None:
        """The last day on which the deadline is still met."""
        from datetime import timedelta
        if self.end is None:
            return None
        if self.kind == "before":
            # "trước 17h00 ngày 27/7" is met on the 27th itself, before the hour.
            return self.end if self.time else self.end - timedelta(days=1)
        if self.kind == "after":
            return None
        return self.end


@dataclass(frozen=True, slots=True)
class Citation:
    text: str
    line: int
    doc_type: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: date | None = None
    issuer: str | None = None
    section: str | None = None
    invalid_date: bool = False


@dataclass(frozen=True, slots=True)
class Body:
    text: str
    name: str
    role: Role
    line: int
    section: str | None = None


@dataclass(frozen=True, slots=True)
class Task:
    id: str
    section: str | None
    title: str
    line: int
    description: str | None = None
    lead: tuple[str, ...] = ()
    cooperate: tuple[str, ...] = ()
    others: tuple[tuple[str, str], ...] = ()   # (role, name) for advise/report/attend/assignee …
    deadlines: tuple[Deadline, ...] = ()

    @property
    def deadline(self) -> Deadline | None:
        """The governing deadline: the one with the earliest end (constraints excluded)."""
        own = [d for d in self.deadlines if not d.constraint and d.end is not None]
        if not own:
            return None
        return min(own, key=lambda d: d.end)


@dataclass(frozen=True, slots=True)
class Extraction:
    deadlines: tuple[Deadline, ...] = ()
    citations: tuple[Citation, ...] = ()
    bodies: tuple[Body, ...] = ()
    tasks: tuple[Task, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    line: int | None
    section: str | None = None
    evidence: str | None = None
    source: str | None = None

    def key(self) -> tuple[str, int | None]:
        return (self.rule, self.line)


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    component: str
    message: str


@dataclass(frozen=True, slots=True)
class ErrorInfo:
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Result:
    path: str
    status: Literal["ok", "failed"]
    format: str
    sha256: str | None = None
    source: SourceText | None = None
    document: Document | None = None
    extraction: Extraction | None = None
    findings: tuple[Finding, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    error: ErrorInfo | None = None
    elapsed_ms: float | None = field(default=None, compare=False)
