"""Helpers shared by the check families: label values, section spans, symbol parts.

Nothing here registers a check; the modules `header.py`, `numbering.py`, … do.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from pipeline.lexicon import load as load_lexicon
from pipeline.model import Document, Section
from pipeline.text import fold

# Vietnamese điểm letters (NĐ 30/2020 Phụ lục I; RULES-RESEARCH §1.4): no f j w z, đ after d,
# and the vowels with marks (ă â ê ô ơ ư) are not used as labels.
VN_LETTERS = "abcdđeghiklmnopqrstuvxy"
VN_UPPER = VN_LETTERS.upper().replace("Đ", "Đ")

_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(s: str) -> int | None:
    """`IV` → 4; None for anything that is not a well-formed Roman numeral."""
    if not s or any(c not in _ROMAN for c in s):
        return None
    total = 0
    for i, c in enumerate(s):
        v = _ROMAN[c]
        total += -v if i + 1 < len(s) and _ROMAN[s[i + 1]] > v else v
    return total if to_roman(total) == s else None


def to_roman(n: int) -> str:
    out = ""
    for v, sym in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"),
                   (5, "V"), (4, "IV"), (1, "I")):
        while n >= v:
            out += sym
            n -= v
    return out


def _word_number(num: str) -> int | None:
    if num.isdigit():
        return int(num)
    r = roman_value(num)
    if r is not None:
        return r
    if num.startswith("thứ "):
        return ordinal_value(num[4:])
    m = re.match(r"^(\d+)[a-z]$", num)          # "Điều 5a" is inserted, not counted
    return None if m else None


def label_value(sec: Section) -> int | None:
    """The position a label stands for: `IV` → 4, `đ` → 5, `2.3` → 3, `(2)` → 2."""
    label, style = sec.label, sec.style
    if style == "ROMAN":
        return roman_value(label)
    if style == "ARABIC" or style.startswith("DOTTED"):
        last = label.rsplit(".", 1)[-1]
        return int(last) if last.isdigit() else None
    if style in ("PAREN", "PAREN_LETTER"):
        inner = label.strip("()")
        if inner.isdigit():
            return int(inner)
        return VN_LETTERS.index(inner) + 1 if inner in VN_LETTERS else None
    if style == "LETTER":
        return VN_LETTERS.index(label) + 1 if label in VN_LETTERS else None
    if style == "UPPER":
        return VN_UPPER.index(label) + 1 if label in VN_UPPER else None
    if style.startswith("WORD:"):
        return _word_number(label.split(" ", 1)[1] if " " in label else "")
    return None


def label_with_value(sec: Section, value: int) -> str | None:
    """The label `sec` would carry at position `value`, in its own style (`4.` → `5.`)."""
    if value < 1:
        return None
    style, label = sec.style, sec.label
    if style == "ROMAN":
        new = to_roman(value)
    elif style == "ARABIC":
        new = str(value)
    elif style.startswith("DOTTED"):
        new = label.rsplit(".", 1)[0] + "." + str(value)
    elif style == "PAREN":
        new = f"({value})"
    elif style == "PAREN_LETTER":
        new = f"({VN_LETTERS[value - 1]})" if value <= len(VN_LETTERS) else None
    elif style == "LETTER":
        new = VN_LETTERS[value - 1] if value <= len(VN_LETTERS) else None
    elif style == "UPPER":
        new = VN_UPPER[value - 1] if value <= len(VN_UPPER) else None
    elif style.startswith("WORD:"):
        word, _, num = label.partition(" ")
        new = f"{word} {to_roman(value) if roman_value(num) else value}"
    else:
        return None
    if new is None:
        return None
    # Keep the marker's punctuation: "4." → "5.", "a)" → "b)".
    if sec.marker.startswith(label):
        return new + sec.marker[len(label):]
    return new


def sibling_groups(doc: Document) -> list[tuple[str | None, list[Section]]]:
    """Sections grouped by (parent, style), in document order."""
    groups: dict[tuple, list[Section]] = {}
    for s in doc.sections:
        groups.setdefault((s.parent, s.style), []).append(s)
    return [(k[0], v) for k, v in groups.items()]


# ---------------------------------------------------------------- ordinals

@lru_cache(maxsize=1)
def _ordinal_words() -> dict[str, int]:
    return {fold(k): v for k, v in load_lexicon("ordinals")["words"].items()}


def ordinal_value(word: str) -> int | None:
    w = fold(word).strip(" .,:;)")
    if w.isdigit():
        return int(w)
    r = roman_value(word.strip(" .,:;)"))
    if r is not None:
        return r
    return _ordinal_words().get(w)


# "Cuộc họp lần thứ tư", "Hội nghị hiệp thương lần thứ hai", "Phiên họp thứ 3", "Đợt 2",
# "Giai đoạn II", "Bước 3": a step noun, then its ordinal.  Matched on folded text.
STEP_RE = re.compile(
    r"""(?P<head>(?:cuộc\ họp|phiên\ họp|hội\ nghị(?:\ hiệp\ thương)?|hiệp\ thương|kỳ\ họp|
                 buổi\ họp|đợt|giai\ đoạn|bước|lần))
        \s+(?:lần\s+)?(?:thứ\s+)?
        (?P<ord>mười\ (?:một|hai)|nhất|một|hai|ba|tư|bốn|năm|sáu|bảy|bẩy|tám|chín|mười|
                \d{1,2}|[ivx]{1,4})
        (?![\w/])""", re.X)


def step_of(text: str) -> tuple[str, int] | None:
    """(step noun, ordinal) of the first step phrase in `text`, folded.

    >>> step_of("Cuộc họp lần thứ tư")
    ('cuộc họp', 4)
    """
    m = STEP_RE.search(fold(text))
    if not m:
        return None
    head = m.group("head")
    raw = m.group("ord")
    # "Đợt 1", "Bước 2" take digits; "lần 1" and bare "lần" without "thứ" are too vague.
    if head == "lần" and "thứ" not in m.group(0):
        return None
    v = ordinal_value(raw)
    if v is None:
        return None
    if head.startswith("hội nghị hiệp thương"):
        head = "hiệp thương"
    return head, v


def step_at_start(text: str) -> tuple[str, int] | None:
    """Like step_of, but only when the step phrase opens `text` ("Cuộc họp lần thứ tư: …",
    "Hội nghị hiệp thương lần thứ hai: …"), not when it is reported on later in it."""
    return step_at_start_folded(fold(text))


def step_at_start_folded(folded: str) -> tuple[str, int] | None:
    """step_at_start for a text already folded (`folded` is fold(text))."""
    t = folded.lstrip(" -+•*\t")
    m = STEP_RE.match(t)
    return step_of(t[:m.end()]) if m else None


# ---------------------------------------------------------------- spans

def section_end(doc: Document, sec: Section, idx: int | None = None) -> int:
    """Last line of `sec` including its descendants (`idx`: its place in doc.sections)."""
    if idx is None:
        idx = doc.sections.index(sec)
    prefix = sec.id + "."
    for nxt in doc.sections[idx + 1:]:
        if not nxt.id.startswith(prefix):
            return nxt.line - 1
    return doc.body_last


def leaf_end(doc: Document, sec: Section, idx: int | None = None) -> int:
    """Last line of `sec` before its first child or next section."""
    if idx is None:
        idx = doc.sections.index(sec)
    if idx + 1 < len(doc.sections):
        return doc.sections[idx + 1].line - 1
    return doc.body_last


def section_text(doc: Document, sec: Section, *, with_children: bool = True) -> str:
    end = section_end(doc, sec) if with_children else leaf_end(doc, sec)
    return "\n".join(doc.lines[sec.line - 1:end])


def is_table_line(doc: Document, line: int) -> bool:
    return doc.in_table(line)


# ---------------------------------------------------------------- per-run facts
#
# Several checks walk every line asking whether it is a table line, fold the same lines or
# look up the same sections.  These helpers answer from CheckContext.memo: computed once per
# run_checks call (one document), never kept across documents.

def table_flags(ctx) -> tuple[bool, ...]:
    """`flags[ln - 1]` is is_table_line(ctx.doc, ln), for every line of the document."""
    return ctx.memo(_table_flags)


def _table_flags(ctx) -> tuple[bool, ...]:
    doc = ctx.doc
    return tuple(map(doc.in_table, range(1, len(doc.lines) + 1)))


def _remembered(ctx, kind: str, key, compute):
    """compute() for `key`, computed once per run: a table per `kind` in the run's shared
    store (CheckContext.shared, beside memo's entries, which are keyed by function)."""
    table = ctx.shared.setdefault(kind, {})
    try:
        return table[key]
    except KeyError:
        value = table[key] = compute()
        return value


def folded_line(ctx, line: int) -> str:
    """fold() of line `line` (1-based), folded once per run."""
    return _remembered(ctx, "folded_line", line, lambda: fold(ctx.doc.lines[line - 1]))


def folded_title(ctx, sec: Section) -> str:
    """fold(sec.title[:80]): the heading text numbering and deadline checks read for steps."""
    title = sec.title[:80]
    return _remembered(ctx, "folded_title", title, lambda: fold(title))


def section_at(ctx, line: int) -> Section | None:
    """ctx.doc.section_at(line), looked up once per line and run (it scans the sections)."""
    return _remembered(ctx, "section_at", line, lambda: ctx.doc.section_at(line))


def _section_index(ctx) -> dict[Section, int]:
    # tuple.index answers the first section *equal* to the one asked for: so does this.
    index: dict[Section, int] = {}
    for i, s in enumerate(ctx.doc.sections):
        index.setdefault(s, i)
    return index


def section_end_in(ctx, sec: Section, *, with_children: bool = True) -> int:
    """section_end(ctx.doc, sec) (or leaf_end when not with_children), once per run.

    Both find `sec` with `doc.sections.index`, which compares sections field by field
    down the tuple: the deadline checks ask for the same few sections many times.
    """
    i = ctx.memo(_section_index).get(sec)
    if i is None:       # not a section of this document: let tuple.index raise as before
        i = ctx.doc.sections.index(sec)
    end = section_end if with_children else leaf_end
    return _remembered(ctx, "section_end", (i, with_children), lambda: end(ctx.doc, sec, i))


def leaf_text(ctx, sec: Section) -> str:
    """The lines of `sec` down to its first child or next section, joined once per run."""
    return _remembered(ctx, "leaf_text", sec, lambda: "\n".join(
        ctx.doc.lines[sec.line - 1:section_end_in(ctx, sec, with_children=False)]))


def folded_leaf_text(ctx, sec: Section) -> str:
    """fold(leaf_text(ctx, sec)), folded once per run."""
    return _remembered(ctx, "folded_leaf_text", sec, lambda: fold(leaf_text(ctx, sec)))


def may_fold_to_contain(text: str, word: str) -> bool:
    """False only when fold(text) cannot contain `word`, without folding `text`.

    `word`: lower-case letters without a pair that fold() writes when it moves a tone mark
    (o + à á ả ã ạ è é ẻ ẽ ẹ, u + ỳ ý ỷ ỹ ỵ), not starting with one of those marked vowels
    nor ending in o or u.  Of such a word fold() changes nothing but the case: for NFC
    text (fold's first step is NFC), `word` in fold(text) means `word` in text.lower()
    already — two C scans instead of fold()'s regex passes over a long text.
    """
    return not unicodedata.is_normalized("NFC", text) or word in text.lower()


# ---------------------------------------------------------------- symbols

# Party "CT/TU", "HD/BTCTW": type code, slash, issuer code, no hyphen.
PARTY_SYMBOL_RE = re.compile(r"^(?P<type>[A-ZĐ][A-Za-zĐđ]*)/(?P<issuer>[A-ZĐ][A-Za-zĐđ0-9]*)$")
# A leading number (and a VBQPPL year) that some callers leave on the symbol.
LEAD_NUMBER_RE = re.compile(r"^\d+[a-z]?\s*[-/]\s*(?:\d{4}\s*/\s*)?")


@lru_cache(maxsize=1)
def type_codes() -> dict[str, str]:
    return dict(load_lexicon("doc_types")["codes"])


def symbol_parts(symbol: str) -> tuple[str | None, tuple[str, ...], str]:
    """Split a symbol into (type code, issuer codes, system).

    >>> symbol_parts("CT/TU")
    ('CT', ('TU',), 'party')
    >>> symbol_parts("2020/NĐ-CP")
    ('NĐ', ('CP',), 'state')
    >>> symbol_parts("UBND-KSTTHC")        # State công văn: no type code
    (None, ('UBND', 'KSTTHC'), 'state')
    """
    s = re.sub(r"\s+", "", symbol.replace("–", "-"))
    s = LEAD_NUMBER_RE.sub("", s)
    s = re.sub(r"^\d{4}/", "", s)
    m = PARTY_SYMBOL_RE.match(s)
    if m:
        return m.group("type"), (m.group("issuer"),), "party"
    parts = tuple(p for p in s.split("-") if p)
    if not parts:
        return None, (), "state"
    if parts[0] in type_codes() or parts[0] in ("NĐ", "TT", "TTLT", "NQ", "L", "PL", "NQLT"):
        return parts[0], parts[1:], "state"
    return None, parts, "state"


HEADER_PARTY_RE = re.compile(r"ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM")
HEADER_STATE_RE = re.compile(r"CỘNG\s+H[ÒO]À\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM", re.I)


def header_system(doc: Document) -> str | None:
    """The system the header's motto declares: "party", "state" or None when absent."""
    top = doc.header.body_start or 1
    scan = "\n".join(doc.lines[:max(top, 1) + 2][:40])
    party = bool(HEADER_PARTY_RE.search(scan))
    state = bool(HEADER_STATE_RE.search(scan))
    if party != state:
        return "party" if party else "state"
    return None
