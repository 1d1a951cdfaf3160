"""Bodies with roles: who leads, cooperates, advises, reports, attends, is assigned.

Rules and lexicon, no model: a body name is a noun phrase that opens with an
organisation head word (`roles.yaml: heads`) and runs until a verb or clause opener
(`roles.yaml: stops`) or punctuation.  A role comes from a cue:

- a label line: `- Cơ quan báo cáo: Ủy ban nhân dân tỉnh.` → report for each listed body;
- an inline cue: `X chủ trì` → X lead, `phối hợp với A, B và C` → cooperate each,
  `Giao cho X` → X assignee, `X tham mưu` → advise, `Đoàn kiểm tra` → inspect;
- the subject of a numbered item under a "TỔ CHỨC THỰC HIỆN" / "PHÂN CÔNG" section →
  assignee ("3. Ban cán sự đảng UBND tỉnh chỉ đạo …").

Precedence (the seed gold decides it): lead/cooperate beat assignee, which beats
advise/inspect/report-by-label for the same body in the same paragraph.  `name` is the
canonical long form (abbreviations expanded, `abbreviations.yaml`), `text` as written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from bisect import bisect_right
from functools import lru_cache

from pipeline.lexicon import load
from pipeline.model import Body, Document, Paragraph

# Role strength: a body keeps only its strongest roles within one paragraph.
# advise beats assignee: "2. Phòng Kinh tế tham mưu Ủy ban nhân dân xã …" advises.
STRENGTH = {"lead": 3, "cooperate": 3, "advise": 2.5, "assignee": 2, "report": 1,
            "attend": 1, "inspect": 1, "other": 0}

# Longest a body name may run, in words after the head: names longer than this are
# clauses the stop list missed ("Ban Bảo vệ và chăm sóc sức khỏe cán bộ tỉnh" has 9).
MAX_NAME_WORDS = 14

# One word or one punctuation mark, with the space before it.  Dots and hyphens inside a
# word stay in it: "UB.MTTQVN", "III-BTCTW", "GD&ĐT".
TOKEN = re.compile(r"""
    \s* (?P<tok> [\w&]+ (?:[.\-][\w&]+)* | [^\w\s] )
""", re.X)

# A list of party committees written with one shared "ủy":
# "Các huyện, thị ủy, thành ủy", "các huyện, thị, thành ủy còn lại".
COMMITTEE_LIST = re.compile(r"""
    [Cc]ác \s+ (?:huyện|thị|thành|quận|xã|phường) (?:\s*(?:ủy|uỷ))?
    (?: \s*,\s* (?:huyện|thị|thành|quận|xã|phường) (?:\s*(?:ủy|uỷ))? )*
    \s* (?:ủy|uỷ) (?!\w)
    (?: \s+ còn \s+ lại )?
""", re.X)

# A bullet or dash opening a line: "- Chủ trì: …", "+ Cơ quan báo cáo: …".
BULLET = re.compile(r"""^\s*[-+•*–]\s*""", re.X)

# Words before an item's subject that keep it the subject: "7. Giao cho Ban bảo vệ …",
# "Đề nghị Ủy ban nhân dân xã …".
SUBJECT_PREFIX = re.compile(r"""
    \s* (?: (?:Giao|giao) (?:\s+cho)? | Đề\s+nghị | Yêu\s+cầu )? \s*
""", re.X)

# Separators inside a list of bodies: "UBBC và Thường trực HĐND tỉnh, Ủy ban MTTQ tỉnh".
LIST_SEP = re.compile(r"""\s* (?: ,\s*và | , | ; | và ) \s*""", re.X)

# What may sit between a body and the cue after it: "Ủy ban Kiểm tra Tỉnh ủy chủ trì, …"
# or "… Tỉnh ủy, chủ trì".
# "Hội đồng nhân dân tỉnh triệu tập và chủ trì" also names the lead.
# "Phòng Văn hóa - Xã hội là cơ quan thường trực của Ban Chỉ đạo, chủ trì" names it too.
BEFORE_GAP = re.compile(r"""^ (?: [\s,]*
    | \s+ (?:triệu\s+tập|tổ\s+chức|xây\s+dựng) \s* (?:và|,) \s*
    | \s+ là \s+ (?:cơ\s+quan|đơn\s+vị) \s+ thường\s+trực (?:\s+của\s+[^,;.]{1,80})? \s* ,? \s*
    ) $""", re.X)

# What may stand before a body that opens its clause: nothing, a clause mark, or a word
# that hands it the task ("Giao", "Đề nghị").
CLAUSE_OPEN = re.compile(r"""(?: ^ | [.;:] | (?:[Gg]iao|[Đđ]ề\s+nghị) ) \s* $""", re.X)

# A person's title written with a lower-case "ban" before the body's own head:
# "Trưởng ban công tác Mặt trận triệu tập và chủ trì" (the lead is a person).
PERSON_BAN = re.compile(r"""(?:[Tt]rưởng|[Pp]hó) \s+ ban (?:\s+\w+){0,3} \s+ $""", re.X)

# Words before "giao" that make it no assignment: "được giao", "bàn giao", "đã giao".
NOT_GIVE = re.compile(r"""(?:được|bàn|đã|Bàn)\s+$""")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def fold(s: str) -> str:
    """Compare key: NFC, case-folded, one space."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", s)).strip().casefold()


def _alternation(words, *, boundary_after: bool = True) -> str:
    parts = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return f"(?:{body})" + (r"(?!\w)" if boundary_after else "")


@lru_cache(maxsize=None)
def _abbrev():
    """Two passes of (regex, {folded variant: canonical}): exact case first, then folded."""
    data = load("abbreviations")
    passes = []
    for ignore_case in (False, True):
        table = {}
        for entry in data["entries"]:
            if bool(entry.get("ignore_case")) != ignore_case:
                continue
            for v in entry["variants"]:
                key = re.sub(r"\s+", " ", v) if not ignore_case else fold(v)
                table[key] = entry["canonical"]
        if table:
            rx = re.compile(r"(?<!\w)" + _alternation(table), re.I if ignore_case else 0)
            passes.append((rx, table, ignore_case))
    return passes


def canonical_name(text: str) -> str:
    """The canonical long form of a body name: "Ban thường trực UBMTTQVN tỉnh" →
    "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"."""
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip(" ,;:.-–")
    for rx, table, ignore_case in _abbrev():
        def repl(m, table=table, ignore_case=ignore_case):
            raw = re.sub(r"\s+", " ", m.group(0))
            return table.get(fold(raw) if ignore_case else raw, m.group(0))
        s = rx.sub(repl, s)
    return s


@lru_cache(maxsize=None)
def _lex():
    data = load("roles")
    heads = data["heads"]
    return {
        "head": re.compile(r"(?<!\w)(?:(?:[Cc]ác\s+)?" + _alternation(heads)
                           + r"|[Cc]ác\s+" + _alternation(data["plural_heads"]) + ")"),
        "head_word": re.compile(_alternation(heads)),
        "head_or_list": re.compile(r"(?<!\w)(?:[Cc]ác\s+)?(?:" + _alternation(heads) + r")|(?<!\w)[Cc]ác\s"),
        "not_head": re.compile(r"(?:[Cc]ác\s+)?" + _alternation(data["not_heads"])),
        "bare": set(data["bare_heads"]),
        "stop": re.compile(_alternation(data["stops"])),
        "labels": re.compile(
            r"(?P<label>" + _alternation([x["label"] for x in data["labels"]], boundary_after=False)
            + r")\s*:\s*", re.I),
        "label_role": {fold(x["label"]): x["role"] for x in data["labels"]},
        "inline": [(re.compile(r"(?<!\w)" + _alternation([x["cue"]]), re.I), x["role"], x["side"],
                    bool(x.get("clause_start"))) for x in data["inline"]],
        "any_inline": re.compile(r"(?<!\w)" + _alternation([x["cue"] for x in data["inline"]]), re.I),
        "person": re.compile(r"(?<!\w)" + _alternation(data["person_titles"], boundary_after=False)
                             + r"\s+$"),
        "assign_sections": tuple(fold(s) for s in data["assign_sections"]),
    }


def parse_body(text: str, pos: int) -> Span | None:
    """The body name starting at `pos`, or None when no head word opens there."""
    lex = _lex()
    m = COMMITTEE_LIST.match(text, pos)
    if m:
        return Span(pos, m.end())
    if lex["not_head"].match(text, pos):
        return None
    h = lex["head"].match(text, pos)
    if not h:
        return None
    head = re.sub(r"^[Cc]ác\s+", "", h.group(0))
    bare = head in lex["bare"]
    end, words = h.end(), 0
    while words < MAX_NAME_WORDS:
        t = TOKEN.match(text, end)
        if t and t.group("tok") in ("-", "–"):
            t = _joined_by_dash(text, t.end())
        if not t or not (t.group("tok")[0].isalnum()):
            break
        tstart = t.start("tok")
        exempt = bare and words == 0
        if not exempt and lex["stop"].match(text, tstart):
            break
        if t.group("tok") in ("và", "hoặc") and _list_continues(text, t.end()):
            break
        words += 1
        end = t.end()
    if bare and words == 0:
        return None
    trail = TRAILING.search(text, pos, end)
    if trail and trail.start() > h.end():
        end = trail.start()
    return Span(pos, end)


# Words a name cannot end with: "Ban Công tác Mặt trận các" (the line broke there).
TRAILING = re.compile(r"""\s+(?:và|hoặc|các|những|của|cùng)$""", re.X)


def _joined_by_dash(text: str, pos: int):
    """A dash inside a name joins two capitalised parts: "Ban Dân chủ - Pháp luật",
    "Ban Kinh tế - Ngân sách"; a dash before a lower-case word ends the name."""
    t = TOKEN.match(text, pos)
    if t and t.group("tok")[0].isupper() and t.group("tok")[0].isalpha():
        return t
    return None


def _list_continues(text: str, pos: int) -> bool:
    """After "và": does a new list item (another body, or "các …") start here?"""
    rest = text[pos:].lstrip()
    off = len(text) - len(rest)
    return bool(_lex()["head"].match(text, off) or re.match(r"(?:các|những|Các)\s|\d", rest)
                or COMMITTEE_LIST.match(text, off) or not rest)


def candidates(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Every body name in text[start:end], left to right, without overlaps."""
    end = len(text) if end is None else end
    out, pos = [], start
    head_or_list = _lex()["head_or_list"]
    while pos < end:
        m = head_or_list.search(text, pos, end)
        if not m:
            break
        span = parse_body(text, m.start())
        if span and (_lex()["person"].search(text, max(0, m.start() - 12), m.start())
                     or PERSON_BAN.search(text, max(0, m.start() - 40), m.start())):
            pos = span.end                  # "Trưởng Ban …": a person's title, no body
            continue
        if span and span.end <= end:
            out.append(span)
            pos = span.end
        else:
            pos = m.start() + 1
    return out


def parse_list(text: str, pos: int, end: int | None = None) -> list[Span]:
    """Bodies listed from `pos`: "với UBBC và Thường trực HĐND tỉnh, Ủy ban MTTQ tỉnh"."""
    end = len(text) if end is None else end
    out = []
    pos = re.match(r"[\s:]*", text[pos:]).end() + pos
    while pos < end:
        span = parse_body(text, pos)
        if not span:
            break
        out.append(span)
        sep = LIST_SEP.match(text, span.end)
        if not sep or sep.end() == span.end:
            break
        pos = sep.end()
    return out


def _inline_roles(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    """Roles given by inline cues in text[start:end]."""
    if not _lex()["any_inline"].search(text, start, end):
        return []
    cands = candidates(text, start, end)
    inside = [(c.start, c.end) for c in cands]
    found: list[tuple[Span, str]] = []
    taken: list[tuple[int, int]] = []           # cue spans already used by a longer cue
    for rx, role, side, clause_start in _lex()["inline"]:
        for m in rx.finditer(text, start, end):
            if any(a <= m.start() < b for a, b in inside + taken):
                continue
            if role == "assignee" and NOT_GIVE.search(text[max(start, m.start() - 8):m.start()]):
                continue
            taken.append((m.start(), m.end()))
            if side == "before":
                for c in cands:
                    if c.end <= m.start() and BEFORE_GAP.match(text[c.end:m.start()]):
                        if not clause_start or CLAUSE_OPEN.search(text[start:c.start]):
                            found.append((c, role))
                        break
            else:
                listed = parse_list(text, m.end(), end)
                found.extend((s, role) for s in listed)
                if not listed and role == "cooperate":
                    found.extend(_subject_before(text, start, m.start(), cands, role))
    return found


def _subject_before(text, start, cue_start, cands, role) -> list[tuple[Span, str]]:
    """"Đề nghị Ban Thường trực … xã phối hợp tổ chức …": with nothing listed after the cue,
    the body that opens the clause right before it takes the role."""
    for c in cands:
        if c.end <= cue_start and BEFORE_GAP.match(text[c.end:cue_start]):
            if CLAUSE_OPEN.search(text[start:c.start]):
                return [(c, role)]
            break
    return []


def _label_roles(text: str, start: int, end: int) -> list[tuple[Span, str]] | None:
    """Roles from a "Label: content" line, or None when the line has no role label."""
    lex = _lex()
    m = lex["labels"].match(text, start)
    if not m:
        return None
    role = lex["label_role"][fold(m.group("label"))]
    content = m.end()
    inline = _inline_roles(text, content, end)
    if role == "attend":
        return inline + _attend_items(text, content, end)
    listed = [(s, role) for s in parse_list(text, content, end)]
    return inline + listed


def _attend_items(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    """Thành phần: items split on ";" (or "," when there is no ";"), bodies or not."""
    chunk = text[start:end]
    sep = ";" if ";" in chunk else ","
    out, pos = [], start
    for part in chunk.split(sep):
        stripped = part.strip(" .\t")
        if stripped and len(stripped) <= 100:
            s = text.index(stripped, pos)
            out.append((Span(s, s + len(stripped)), "attend"))
        pos += len(part) + 1
    return out


def _strongest(found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Drop a weaker role of a body that also has a stronger one in the same paragraph."""
    best: dict[tuple[int, int], int] = {}
    for s, r in found:
        best[(s.start, s.end)] = max(best.get((s.start, s.end), 0), STRENGTH[r])
    return [(s, r) for s, r in found if STRENGTH[r] >= best[(s.start, s.end)]]


@lru_cache(maxsize=None)
def _prefixes(key: str) -> tuple[str, ...]:
    """Folded section-title prefixes from roles.yaml (`assign_sections`, `no_assign_sections`)."""
    return tuple(fold(x) for x in load("roles")[key])


class _Ctx:
    """What bodies need of one document, computed once: the sections under a
    "TỔ CHỨC THỰC HIỆN"-like heading, the quiet sections (MỤC ĐÍCH, YÊU CẦU …), and a fast
    section lookup by line."""

    def __init__(self, doc: Document):
        self.doc = doc
        assign_p, quiet_p = _prefixes("assign_sections"), _prefixes("no_assign_sections")
        self.roots: set[str] = set()        # the assignment headings themselves
        self.assign: set[str] = set()       # sections under them (heading excluded)
        self.quiet: set[str] = set()        # aims/background sections and their subtrees
        for s in doc.sections:              # parents precede their children
            title = fold(s.title) if s.title else ""
            if title and title.startswith(assign_p):
                self.roots.add(s.id)
            if s.parent is not None and (s.parent in self.roots or s.parent in self.assign):
                self.assign.add(s.id)
            if (title and title.startswith(quiet_p)) or s.parent in self.quiet:
                self.quiet.add(s.id)
        self._lines = [s.line for s in doc.sections]

    def section_at(self, line: int):
        i = bisect_right(self._lines, line)
        return self.doc.sections[i - 1] if i else None


def _subject_role(ctx: _Ctx, para: Paragraph) -> list[tuple[Span, str]]:
    """The subject of an item (numbered or bulleted) under a TỔ CHỨC THỰC HIỆN section."""
    sec = ctx.section_at(para.line)
    if sec is None:
        return []
    text = para.text
    if sec.line == para.line and sec.id not in ctx.quiet:
        pos = len(sec.marker) if text.lstrip().startswith(sec.marker) else 0
        pos += len(text) - len(text.lstrip())
    elif (sec.id in ctx.assign or sec.id in ctx.roots) and BULLET.match(text):
        pos = BULLET.match(text).end()
    else:
        return []
    pos = SUBJECT_PREFIX.match(text, pos).end()
    subjects = parse_list(text, pos)
    if not subjects or not _acts(text, subjects[-1].end):
        return []
    return [(s, "assignee") for s in subjects]


# A subject that really acts is followed by more words (a verb, a colon, a list).  A
# heading such as "Quốc hội Việt Nam - Cơ quan đại biểu cao nhất" (a dash or bracket
# next) or a name that runs to the end of its line (cut by the layout) assigns nothing.
NOT_ACTING_RE = re.compile(r"""\s*(?:$|[-–—(“"])""", re.X)


def _acts(text: str, end: int) -> bool:
    return NOT_ACTING_RE.match(text, end) is None


def _paragraph_roles(ctx: _Ctx, para: Paragraph) -> list[tuple[Span, str]]:
    text = para.text
    start = BULLET.match(text).end() if BULLET.match(text) else 0
    sec = ctx.section_at(para.line)
    if sec is not None and sec.line == para.line and text.lstrip().startswith(sec.marker):
        start = len(text) - len(text.lstrip()) + len(sec.marker)
        start += len(text[start:]) - len(text[start:].lstrip())
    labelled = _label_roles(text, start, len(text))
    found = labelled if labelled is not None else _inline_roles(text, start, len(text))
    found = found + _subject_role(ctx, para) + _inspect_teams(text)
    return _strongest(found)


# The inspection team named as such: "gửi báo cáo về Đoàn kiểm tra để theo dõi".
INSPECT_TEAM = re.compile(r"""(?<!\w) (?:Đoàn|Tổ) \s+ (?:kiểm\s+tra|giám\s+sát) (?!\w)""", re.X)


def _inspect_teams(text: str) -> list[tuple[Span, str]]:
    out = []
    for m in INSPECT_TEAM.finditer(text):
        span = parse_body(text, m.start())
        out.append((span or Span(m.start(), m.end()), "inspect"))
    return out


def _in_body(doc: Document, para: Paragraph) -> bool:
    if para.line < doc.header.body_start:
        return False
    return doc.body_end is None or para.line <= doc.body_end


# A table row as ingest writes it: "| 1 | Chậm nhất ngày 31/01/2026 | … | Ủy ban nhân dân xã |".
TABLE_ROW = re.compile(r"""^\s*\|.*\|\s*$""", re.X)


def _column_roles(cells: list[str]) -> dict[int, str]:
    """Header cells that name a role: "Đơn vị thực hiện" → assignee, "Chủ trì" → lead."""
    lex = _lex()
    out = {}
    for i, cell in enumerate(cells):
        m = lex["labels"].fullmatch(cell.strip() + ":")
        if m:
            out[i] = lex["label_role"][fold(m.group("label"))]
    return out


def _table_bodies(doc: Document) -> list[tuple[int, str, str]]:
    """(line, text, role) for the bodies in role columns of schedule tables."""
    out, roles = [], {}
    last = doc.body_end or len(doc.lines)
    for ln in range(doc.header.body_start, last + 1):
        line = doc.lines[ln - 1]
        if not TABLE_ROW.match(line):
            roles = {}
            continue
        cells = line.strip().strip("|").split("|")
        header = _column_roles(cells)
        if header:
            roles = header
            continue
        for i, role in roles.items():
            cell = cells[i].strip() if i < len(cells) else ""
            spans = parse_list(cell, 0)
            names = [cell[sp.start:sp.end] for sp in spans] or ([cell] if cell[:1].isupper() and len(cell) <= 80 else [])
            out.extend((ln, name, role) for name in names)
    return out


def extract_bodies(doc: Document) -> tuple[Body, ...]:
    ctx = _Ctx(doc)
    out, seen = [], set()
    for line, written, role in _table_bodies(doc):
        name = canonical_name(written)
        key = (fold(name), role, line)
        if name and key not in seen:
            seen.add(key)
            sec = ctx.section_at(line)
            out.append(Body(text=written.strip(), name=name, role=role, line=line,
                            section=sec.id if sec else None))
    for para in doc.paragraphs:
        if not _in_body(doc, para):
            continue
        for span, role in _paragraph_roles(ctx, para):
            written = para.text[span.start:span.end].strip(" ,;:.")
            name = canonical_name(written)
            line = para.line_at(span.start)
            key = (fold(name), role, line)
            if not name or key in seen:
                continue
            seen.add(key)
            sec = ctx.section_at(line)
            out.append(Body(text=written, name=name, role=role, line=line,
                            section=sec.id if sec else None))
    return tuple(out)
