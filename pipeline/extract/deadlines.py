"""Deadlines: which dates in a body schedule work, and what kind of limit each sets.

The calendar grammar lives in `pipeline.dates`; this module reads each body paragraph,
classifies every date expression by the cue written before it (data in
`lexicon/deadline_cues.yaml`), drops dates that are not deadlines (cited documents'
dates, birth dates, past events told as facts, slogans), infers missing years, marks
requirements of other bodies as constraints and resolves offsets from election day.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from pipeline import dates
from pipeline.dates import Expr, lowered, may_hold
from pipeline.lexicon import load
from pipeline.model import Citation, Deadline, Document, Paragraph
from pipeline.parse.header import is_normative
from pipeline.text import fold

# Election days by the term they open (PRIMER.md, Elections).
# The law whose offsets ("N ngày trước ngày bầu cử") a plan's bracketed limits restate.
ELECTION_LAW = "Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân"

# "bầu cử đại biểu Quốc hội khóa XVI": the election a plan is about.
ELECTION_PHRASES = (
    (re.compile(r"bầu\s+cử\s+(?:đại\s+biểu\s+)?quốc\s+hội\s+khoá\s+xvi\b"), date(2026, 3, 15)),
    (re.compile(r"bầu\s+cử\s+(?:đại\s+biểu\s+)?quốc\s+hội\s+khoá\s+xv\b"), date(2021, 5, 23)),
)
# A document issued in the run-up to (or soon after) an election is about that one.
ELECTION_WINDOWS = (
    (date(2025, 5, 1), date(2026, 8, 31), date(2026, 3, 15)),
    (date(2020, 5, 1), date(2021, 8, 31), date(2021, 5, 23)),
)

ELECTION_DAYS = (
    (re.compile(r"khoá\s+xvi\b|2026\s*[-–—]\s*2031"), date(2026, 3, 15)),
    (re.compile(r"khoá\s+xv\b|2021\s*[-–—]\s*2026"), date(2021, 5, 23)),
)

# Bodies whose requirements a plan must meet, by the short forms documents use.  Used
# when lexicon/abbreviations.yaml is absent or does not know the form.
AUTHORITY_NAMES = {
    "hđbcqg": "Hội đồng bầu cử Quốc gia",
    "hội đồng bầu cử quốc gia": "Hội đồng bầu cử Quốc gia",
    "ubtvqh": "Ủy ban Thường vụ Quốc hội",
    "ủy ban thường vụ quốc hội": "Ủy ban Thường vụ Quốc hội",
    "ubbc": "Ủy ban bầu cử",
    "ttg": "Thủ tướng Chính phủ",
    "cp": "Chính phủ",
    "btctw": "Ban Tổ chức Trung ương",
    "ubmttqvn": "Ủy ban Mặt trận Tổ quốc Việt Nam",
}

# A cited document's symbol right before its date: "Chỉ thị số 45-CT/TU ngày 20/6/2020",
# "Luật số 85/2015/QH13, ngày 25/6/2015", "Chỉ thị số số 46 - CT/TW ngày 16/5/2025",
# "Nghị quyết số 16/NQ-UBBC ngày 24 tháng 12 năm 2025".
CITED_SYMBOL_RE = re.compile(r"""
    \d[\w.]* (?: \s*[-–]\s* [\wĐđ.]+ )? / [\wĐđ./\-]* [A-ZĐ] [\wĐđ./\-]*
    \s* ,? \s* (?: của \s+ [^,;:()]{1,80}? \s+ )? (?: ban \s+ hành \s+ | ký \s+ )?
    (?: ngày \s* )? $
""", re.X)

# "(Hội đồng bầu cử Quốc gia yêu cầu …", "HĐBCQG yêu cầu tổng kết …", "theo yêu cầu của …"
REQUIRES_RE = re.compile(r"""
    (?: (?P<body>[^\s,;:()*][^,;:()*]{1,70}?) \s+ (?:đã\s+|cũng\s+)? yêu \s+ cầu
      | theo \s+ yêu \s+ cầu \s+ của \s+ (?P<body2>[^,;:()*]{2,70}) )
""", re.X | re.I)

# Where a clause begins: a colon, a semicolon, an opening bracket, a spaced dash.
CLAUSE_START_RE = re.compile(r"[:;(]|\s[-–—]\s|\.\s")
# What may stand between a clause start and a date that opens it: bullets, labels, "Ngày".
CLAUSE_OPENER_RE = re.compile(r"""
    ^ \s* (?: [-+•*]+ \s* )? (?: (?:\d+(?:\.\d+)*|[a-zđ]|[IVX]+)[.)]\s* )?
    (?: (?:đợt|bước|lần)\s+\w+\s*:?\s* )?
    (?: ngày \s+ | thứ \s+ \S+ \s*,?\s* (?:ngày\s+)? | chủ\s+nhật\s*,?\s*(?:ngày\s+)? )?
    (?: \d{1,2}\s*(?:giờ|h)\s*\d{0,2}\s*(?:phút\s*)?
        (?: [-–]\s*\d{1,2}\s*(?:giờ|h)\s*\d{0,2}\s*(?:phút\s*)? )? (?:,\s*)? )?
    (?: (?:sáng|chiều|trưa|tối|cả) \s+ )? (?: ngày \s+ )?
    [*_]* \s* $
""", re.X | re.I)
# Between two days of one list: "28/12 và cả ngày 29/12", "5/2, ngày 6/2"
LIST_JOIN_RE = re.compile(r"^\s*(?:,|và|hoặc)\s*(?:cả\s+)?(?:(?:sáng|chiều)\s+)?(?:ngày\s+)?$", re.I)
SENTENCE_END_RE = re.compile(r"[.!?;]\s")


@dataclass(frozen=True)
class Cue:
    kind: str
    exclusive: bool
    regex: re.Pattern
    period_kind: str | None = None     # what the cue makes of a named period, when not `kind`


@lru_cache(maxsize=1)
def _lexicon() -> tuple[tuple[Cue, ...], tuple[re.Pattern, ...], re.Pattern]:
    data = load("deadline_cues")
    cues = tuple(Cue(c["kind"], bool(c.get("exclusive")), re.compile(f"(?:{c['pattern']})$", re.I),
                     c.get("period_kind"))
                 for c in data["cues"])
    never = tuple(re.compile(f"(?:{p})$", re.I) for p in data["not_deadline"])
    past = re.compile(data["past_markers"], re.I)
    return cues, never, past


@lru_cache(maxsize=1)
def _recurring() -> re.Pattern:
    return re.compile(load("deadline_cues")["recurring"], re.I)


@lru_cache(maxsize=1)
def _skip_paragraph() -> re.Pattern:
    return re.compile(load("deadline_cues")["skip_paragraph"], re.I)


@lru_cache(maxsize=1)
def _year_cues() -> re.Pattern:
    return re.compile(load("deadline_cues")["year_cues"], re.I)


# ---------------------------------------------------------------------------
# Context of one expression
# ---------------------------------------------------------------------------

def _clause_prefix(text: str, start: int) -> str:
    """The text from the last clause start up to the expression."""
    head = text[:start]
    last = 0
    for m in CLAUSE_START_RE.finditer(head):
        last = m.end()
    return head[last:]


def _strip_decorations(prefix: str) -> str:
    """Drop a clock time or weekday written between the cue and the date."""
    prefix = dates.CLOCK_BEFORE_RE.sub("", prefix)
    prefix = dates.WEEKDAY_BEFORE_RE.sub("", prefix)
    prefix = dates.CLOCK_BEFORE_RE.sub("", prefix)
    return prefix


def _cue(prefix: str) -> Cue | None:
    tail = _strip_decorations(prefix[-80:])
    for cue in _lexicon()[0]:
        if cue.regex.search(tail):
            return cue
    return None


def _sentence(text: str, e: Expr) -> str:
    start = 0
    for m in SENTENCE_END_RE.finditer(text[:e.start_off]):
        start = m.end()
    m = SENTENCE_END_RE.search(text, e.end_off)
    return text[start:m.start() if m else len(text)]


def _paren_scope(text: str, e: Expr) -> str | None:
    """The bracketed aside holding the expression, from its "(" up to the expression."""
    depth, open_at = 0, None
    for i in range(e.start_off - 1, -1, -1):
        ch = text[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            if depth == 0:
                open_at = i
                break
            depth -= 1
    return None if open_at is None else text[open_at + 1:e.start_off]


def _is_cited(prefix_full: str, e: Expr, line: int, citations: tuple[Citation, ...]) -> bool:
    if CITED_SYMBOL_RE.search(prefix_full[-120:]):
        return True
    for c in citations:
        if c.date is not None and c.date == e.start and abs(c.line - line) <= 1 \
                and e.text.strip() in c.text:
            return True
    return False


# ---------------------------------------------------------------------------
# Authorities (constraints)
# ---------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    """Short form (folded) → canonical name: the team's lexicon/abbreviations.yaml first
    (`entries: [{canonical, variants}]`), our small AUTHORITY_NAMES where it is silent."""
    names = dict(AUTHORITY_NAMES)
    try:
        data = load("abbreviations")
    except (FileNotFoundError, OSError, ValueError):
        return names
    entries = data.get("entries", []) if isinstance(data, dict) else []
    for entry in entries:
        if not isinstance(entry, dict) or not entry.get("canonical"):
            continue
        for variant in [entry["canonical"], *entry.get("variants", [])]:
            names[fold(variant)] = entry["canonical"]
    return names


def canonical_body(name: str) -> str:
    name = name.strip(" *_-–")
    return _abbreviations().get(fold(name), name)


def _authority(scope: str, issuer: str | None) -> str | None:
    """The body whose requirement `scope` states, unless it is the document's own issuer."""
    found = None
    if not may_hold(lowered(scope), "yêu"):
        return None       # both forms of REQUIRES_RE say "yêu cầu" (its scan is slow)
    for m in REQUIRES_RE.finditer(scope):
        found = m["body"] or m["body2"]
    if not found:
        return None
    body = canonical_body(found)
    if not body[:1].isupper():
        return None       # "cần yêu cầu", "được yêu cầu" — not a named body
    if issuer and (fold(issuer) in fold(body) or fold(body) in fold(issuer)):
        return None       # "Sở … yêu cầu các trường …": the issuer's own instruction
    return body


# ---------------------------------------------------------------------------
# Year inference
# ---------------------------------------------------------------------------

def _explicit_refs(exprs: list[Expr]) -> list[tuple[int, date]]:
    return [(e.start_off, e.start or e.end) for e in exprs
            if e.year_written and not e.invalid and (e.start or e.end)]


def _reference(e: Expr, para_refs: list[tuple[int, date]], section_ref: date | None,
               doc_date: date | None, earlier: date | None) -> date | None:
    """Context for a year-less date: its paragraph, its section, the document, the text before."""
    if para_refs:
        return min(para_refs, key=lambda r: abs(r[0] - e.start_off))[1]
    return section_ref or doc_date or earlier


# ---------------------------------------------------------------------------
# Classification
# ---------------------------------------------------------------------------

def _kind_and_span(e: Expr, cue: Cue | None) -> tuple[str, date | None, date | None, bool]:
    """(kind, start, end, exclusive) for an expression under a cue."""
    if e.kind == "range":
        return "range", e.start, e.end, False
    kind = cue.kind if cue else ("on" if e.kind == "day" else "period")
    if e.kind == "period":
        if cue is not None and cue.period_kind:
            kind = cue.period_kind
        if kind in ("on", "period"):
            return "period", e.start, e.end, False
        if kind == "before":
            return "before", None, e.start, False
        if kind == "by":
            return "by", None, e.end, False
        if kind == "after":
            return "after", (e.end if cue.exclusive else e.start), None, cue.exclusive
    if kind == "on":
        return "on", e.start, e.end, False
    if kind in ("by", "before"):
        return kind, None, e.end, False
    return "after", e.start, None, bool(cue and cue.exclusive)


def _cue_text(text: str, e: Expr, prefix: str, cue: Cue | None) -> str:
    """The deadline as written: the cue (and clock) with the date."""
    if cue is None:
        m = re.search(r"(?:ngày\s+)?$", prefix, re.I)
        begin = e.start_off - (len(m[0]) if m else 0)
    else:
        tail = prefix[-80:]
        stripped = _strip_decorations(tail)
        m = cue.regex.search(stripped)
        begin = e.start_off - len(tail) + (m.start() if m else len(stripped))
    return text[begin:e.end_off].strip()


def _at_clause_start(prefix: str) -> bool:
    return bool(CLAUSE_OPENER_RE.match(prefix))


def _schedules(e: Expr, cue: Cue | None, prefix: str, in_table: bool) -> bool:
    """Does this expression set a time for work (as opposed to mentioning a date)?"""
    if e.kind == "period" and re.match(r"năm", e.text, re.I):
        # "năm 2021" alone only when scheduled: "trong năm 2026", "Thời gian: năm 2026"
        return bool(_year_cues().search(prefix)) or (cue is None and _at_clause_start(prefix))
    if cue is not None:
        return True
    if e.kind == "range":
        return True
    return in_table or _at_clause_start(prefix)


# "từ ngày 01/3/2026 đến hết ngày bầu cử": a window closed by the election itself
UNTIL_ELECTION_RE = re.compile(r"""
    ^ \s* (?:cho\s+)? (?:đến|tới) \s+ (?:hết\s+)? (?:ngày\s+)? bầu \s+ cử
    (?! \s* (?:\(?\s*ngày\s+)? \d)
""", re.X | re.I)


def _until_election(text: str, e: Expr, ctx: _Ctx) -> Expr:
    if e.kind != "day" or e.start is None:
        return e
    m = UNTIL_ELECTION_RE.match(text[e.end_off:])
    if not m:
        return e
    election_day = ctx.election_day         # asked only now: it is costly (_Ctx)
    if election_day is None:
        return e
    end_off = e.end_off + m.end()
    return replace(e, kind="range", end=election_day, end_off=end_off,
                   text=text[e.start_off:end_off])


def _stands_alone(text: str, e: Expr) -> bool:
    """Nothing but the date in the paragraph: a form cell, no task to attach it to."""
    return not re.search(r"[^\W\d_]", text[:e.start_off] + text[e.end_off:])


def _is_apposition(text: str, e: Expr) -> bool:
    """A bracketed date naming the day of an event just mentioned: "… (ngày 22/02/2026)"."""
    return bool(re.search(r"\(\s*(?:ngày\s+)?$", text[:e.start_off], re.I)
                and re.match(r"\s*\)", text[e.end_off:]))


def _event_cue(text: str, e: Expr) -> Cue | None:
    """The cue before the event the bracket names: "từ ngày công bố danh sách … (ngày X)"."""
    pre = text[:text.rfind("(", 0, e.start_off)]
    events = list(re.finditer(r"\bngày\s+(?!\d)", pre, re.I))
    if not events:
        return None
    last = events[-1]
    if re.search(r"[,;:.]", pre[last.end():]):
        return None
    return _cue(_clause_prefix(pre, last.start()) + "ngày ")


@dataclass
class _Ctx:
    doc: Document
    citations: tuple[Citation, ...]
    section_refs: dict
    earlier: date | None = None
    # paragraph text → its date expressions and its offsets from election day, found once
    # (extract_deadlines)
    exprs: dict = field(default_factory=dict)
    relatives: dict = field(default_factory=dict)
    _election: tuple = ()                 # (election day,) once found

    @property
    def election_day(self) -> date | None:
        """_election_day(doc), found on first use: it folds the whole text, and most
        documents never ask (no offset from election day, no "đến hết ngày bầu cử")."""
        if not self._election:
            self._election = (_election_day(self.doc),)
        return self._election[0]


def _deadlines_in(para: Paragraph, ctx: _Ctx) -> list[Deadline]:
    text = para.text
    if text.rstrip().endswith("!"):
        return []            # a slogan ("Ngày 15/3/2026, cử tri cả nước đi bầu cử …!")
    if _skip_paragraph().match(text):
        return []            # "Căn cứ …": the legal bases cite dates, they set none
    exprs = ctx.exprs[text] if text in ctx.exprs else dates.find_expressions(text)
    if not exprs:
        return _relatives(para, ctx, [])    # what the loop below ends with, for no date
    _, never, past = _lexicon()
    para_refs = _explicit_refs(exprs)
    in_table = any(ctx.doc.in_table(ln) for ln in para.lines)
    out = []
    prev: tuple[int, Cue | None] | None = None     # end offset and cue of the last deadline
    for e in exprs:
        line = para.line_at(e.start_off)
        head = text[:e.start_off]
        if _is_cited(head, e, line, ctx.citations) or any(n.search(head[-40:]) for n in never):
            continue
        if _stands_alone(text, e):
            continue             # a cell of a list or form ("15/6/1993" under a name)
        prefix = _clause_prefix(text, e.start_off)
        cue = _cue(prefix)
        if cue is None and _is_apposition(text, e):
            cue = _event_cue(text, e)
            if cue is None:
                continue         # "Ngày hội của toàn dân (ngày 15/3/2026)": a date named, not set
        listed = prev is not None and LIST_JOIN_RE.match(text[prev[0]:e.start_off])
        if listed and cue is None:
            cue = prev[1]        # "Chiều ngày 28/12 và cả ngày 29/12/2011": same kind as the first
        if not listed and not _schedules(e, cue, prefix, in_table):
            continue
        sec = ctx.doc.section_at(line)
        if not e.year_written and not e.invalid:
            if _recurring().search(_sentence(text, e)):
                continue         # "… ngày 31 tháng 12 hằng năm": a date of every year
            ref = _reference(e, para_refs, ctx.section_refs.get(sec.id if sec else None),
                             ctx.doc.header.date, ctx.earlier)
            if ref is None:
                continue         # no year anywhere: nothing a check could hold
            e = dates.resolve_year(e, ref)
        doc_date = ctx.doc.header.date
        if doc_date and e.end and e.end < doc_date and past.search(_sentence(text, e)):
            continue             # an event told as past fact, not a task
        e = _until_election(text, e, ctx)
        kind, start, end, exclusive = _kind_and_span(e, cue)
        scope = _paren_scope(text, e)
        authority = _authority(scope if scope is not None else _sentence(text, e)[:e.start_off],
                               ctx.doc.header.issuer)
        out.append(Deadline(
            text=_cue_text(text, e, prefix, cue), kind=kind, start=start, end=end, line=line,
            year_inferred=e.year_inferred, constraint=authority is not None,
            authority=authority, section=sec.id if sec else None, time=e.time,
            exclusive=exclusive, invalid=e.invalid, weekday=e.weekday))
        prev = (e.end_off, cue)
    out.extend(_relatives(para, ctx, out))
    return out


def _relatives(para: Paragraph, ctx: _Ctx, found: list[Deadline]) -> list[Deadline]:
    """Offsets from election day: resolved when the document says which election."""
    out = []
    text = para.text
    for r in ctx.relatives[text] if text in ctx.relatives else dates.find_relatives(text):
        line = para.line_at(r.start_off)
        # "Chậm nhất ngày 10/12/2025 (trước ngày bầu cử 95 ngày …)": an explanation of the
        # explicit date just before it, kept on that deadline rather than repeated.
        same = [d for i, d in enumerate(found) if d.line == line]
        if same:
            idx = found.index(same[-1])
            found[idx] = replace(found[idx], relative=r.text)
            # "Dự kiến ngày 05/12/2025 (Chậm nhất ngày 10/12/2025 - 95 ngày trước bầu cử)":
            # the bracket states the law's limit that the planned day must meet.
            if len(same) > 1 and not found[idx].constraint and _bracketed(para.text, r.start_off):
                found[idx] = replace(found[idx], constraint=True, authority=ELECTION_LAW)
            continue
        if ctx.election_day is None:
            continue
        day = dates.shift(ctx.election_day, r.days)
        by = re.match(r"chậm\s+nhất", r.text, re.I) is not None
        sec = ctx.doc.section_at(line)
        out.append(Deadline(text=r.text, kind="by" if by else "on", start=None if by else day,
                            end=day, line=line, section=sec.id if sec else None,
                            relative=r.text))
    return out


def _bracketed(text: str, offset: int) -> bool:
    """True when `offset` lies inside an open bracket of `text`."""
    before = text[:offset]
    return before.rfind("(") > before.rfind(")")


def _election_day(doc: Document) -> date | None:
    """Which election a document schedules, or None.

    Normative texts (a law, a decree, a resolution with a year in its number) state
    offsets as rules, not as this document's deadlines: they are never resolved.  The
    election phrase itself ("bầu cử đại biểu Quốc hội khóa XVI") wins over a bare
    mention of the sitting legislature ("Quốc hội khóa XV … thông qua"); then the
    document's own date decides (a plan dated from mid-2025 is about 2026).
    """
    if is_normative(doc.header):
        return None
    folded = fold(" ".join(doc.lines))
    if "bầu cử" not in folded:
        return None
    for rx, day in ELECTION_PHRASES:
        if rx.search(folded):
            return day
    issued = doc.header.date
    if issued is not None:
        for start, end, day in ELECTION_WINDOWS:
            if start <= issued <= end:
                return day
    for rx, day in ELECTION_DAYS:
        if rx.search(folded):
            return day
    return None



def _section_refs(doc: Document, paras: list[Paragraph], exprs: dict) -> dict:
    """Each section's first explicit date (and its parents'), for year inference."""
    refs: dict = {}
    # A parent by id, as the first section with that id (what a scan of doc.sections finds).
    by_id: dict = {}
    for s in doc.sections:
        by_id.setdefault(s.id, s)
    for para in paras:
        for _, day in _explicit_refs(exprs[para.text]):
            sec = doc.section_at(para.line)
            while sec is not None:
                refs.setdefault(sec.id, day)
                sec = by_id.get(sec.parent)
    return refs


def _body_paragraphs(doc: Document) -> list[Paragraph]:
    skip = {doc.header.date_line, doc.header.symbol_line}
    return [p for p in doc.paragraphs if doc.in_body(p.line) and p.line not in skip]


def extract_deadlines(doc: Document, citations: tuple[Citation, ...] = ()) -> tuple[Deadline, ...]:
    paras = _body_paragraphs(doc)
    # Finding date expressions is the costly step and three passes below need them for
    # every paragraph: find them once (the lists are only read).  The offsets from election
    # day are found right after, while the paragraph's lowered text is at hand (dates.lowered).
    exprs, relatives = {}, {}
    for para in paras:
        exprs[para.text] = dates.find_expressions(para.text)
        relatives[para.text] = dates.find_relatives(para.text)
    ctx = _Ctx(doc, tuple(citations), _section_refs(doc, paras, exprs), exprs=exprs, relatives=relatives)
    out: list[Deadline] = []
    for para in paras:
        found = exprs[para.text]
        if not found and not relatives[para.text]:
            continue                # no date, no offset: _deadlines_in would find nothing
        out.extend(_deadlines_in(para, ctx))
        refs = _explicit_refs(found)
        if refs:
            ctx.earlier = refs[-1][1]
    return tuple(out)
