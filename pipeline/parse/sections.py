"""Section labels and the section tree (I / 1 / 1.1 / a / (1), Phần / Chương / Mục / Điều).

Ids follow the contract: labels joined from the top (`II.2.3`, `II.2.2.(1)`), a dotted
label that carries its parent's number adds only its last part, a repeated label gets
`~2`.  Bullets and table rows are never sections.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.model import LineMeta, Section

# Word-labelled divisions.  "Điều 5." / "Chương II" / "Mục 1" / "Phần thứ nhất".
# The label must be followed by punctuation, a space and a capital, or the end of the
# line, so that running text such as "Mục II, Kế hoạch này" is not taken as a heading.
WORD_LABEL_RE = re.compile(
    r"""^(?P<word>Phần|PHẦN|Chương|CHƯƠNG|Tiểu\ mục|Mục|MỤC|Điều|ĐIỀU|Bước|BƯỚC)\s+
        (?P<num>[IVXLC]+|\d{1,3}[a-z]?|(?:thứ|THỨ)\ \w+|(?<=Bước\ )\w+|(?<=BƯỚC\ )\w+)
        (?P<tail>\s*[.:]\s*|\s*[-–]\s+|\s*$|\s+(?=[A-ZĐÂĂÊÔƠƯ]))""",
    re.X,
)
# "I." "II-" "IV:" (Party plans write "I-"); a Roman numeral up to 39.
ROMAN_RE = re.compile(r"^(?P<num>X{0,3}(?:IX|IV|V?I{0,3}))\s*(?P<p>[.:)]|[-–](?=\s))\s*(?=\S)")
# "2.1." "2.5.1" "1.1)" — 1–2 digit parts so that "06.02.2021" is not a label.
DOTTED_RE = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2}){1,3})(?P<p>[.)]?)\s+(?=\S)")
# "1." "1)" "1/" "1-" then text.
# Not "20 - 25 mm" (a span of numbers, phu-luc-I:147): a dash must not lead to a number.
ARABIC_RE = re.compile(r"^(?P<num>\d{1,2})\s*(?P<p>[.)/]|[-–](?=\s+\D))(?!\d)\s*(?=\S)")
# "a)" "a." "đ)" "a/".  Latin-only letters (f j w z) count too when a document writes
# them ("e. … f. …", qd_ubnd-tp-hanoi_15-2010:151): the reader sees a point; the
# numbering checks judge the sequence.
LETTER_RE = re.compile(r"^(?P<num>[a-zđ])\s*(?P<p>[.)/])(?![a-zđ]/)\s+(?=\S)")
UPPER_RE = re.compile(r"^(?P<num>[A-HJ-UWYĐ])\s*(?P<p>[.)])\s+(?=\S)")
# "(1)" "(a)" "1)" is ARABIC.
PAREN_RE = re.compile(r"^\((?P<num>\d{1,2}|[a-eg-ik-vxyđ])\)\s*(?=\S)")
BULLET_RE = re.compile(r"^[-+•*·◦▪–—]\s*")
# "PHỤ LỤC", "Phụ lục II", "PHỤ LỤC SỐ 1" alone on a line: the root of an appendix.
ANNEX_LABEL_RE = re.compile(r"^(?P<word>PHỤ\s+LỤC|Phụ\s+lục)(?:\s+(?:số\s+|SỐ\s+)?(?P<num>[IVXLC]+|\d{1,2}))?\s*[.:]?\s*$")

AUTO_NUM_MARK = "[auto-num]"

# What a label opening with two letters can start with: a Roman numeral, or a word of
# WORD_LABEL_RE / ANNEX_LABEL_RE (a lettered label has its point or bracket second).
ROMAN_FIRST = "IVX"
WORD_STARTS = ("Ph", "PH", "Ch", "CH", "Ti", "Mụ", "MỤ", "Đi", "ĐI", "Bư", "BƯ")

# Styles that always sit below a Roman heading.
BELOW_ROMAN = ("ARABIC", "DOTTED", "LETTER", "PAREN")

ABSOLUTE_WORDS = {"phần", "chương", "điều", "phụ lục"}   # numbered through the whole text


@dataclass(frozen=True)
class Label:
    style: str
    label: str
    marker: str
    title: str
    word: str | None = None


def strip_cell_marks(line: str) -> str:
    """Text of a line without leading blanks or the `|` of a text-rendered table."""
    return line.strip().strip("|").strip()


def match_label(text: str) -> Label | None:
    """Recognise a section label at the start of a line.

    >>> match_label("2.3. Cuộc họp lần thứ ba").label
    '2.3'
    """
    s = text.lstrip()
    if s.startswith(AUTO_NUM_MARK):
        # A converter's mark for a paragraph Word numbered ("[auto-num] \t\tPhần I",
        # law_nghi-dinh-30-2020_phu-luc-I…:8): the reader sees what follows it.
        s = s[len(AUTO_NUM_MARK):].lstrip()
    if not s or BULLET_RE.match(s) and not s[:1].isdigit():
        return None
    # Every label opens with a letter, a digit or "(": try only the patterns that can.
    first = s[0]
    if first.isdigit():
        return _numeric_label(s)
    if first == "(":
        return _paren_label(s)
    if not first.isalpha():
        return None
    if s[:2].isalpha() and first not in ROMAN_FIRST and not s.startswith(WORD_STARTS):
        return None          # most lines open with a word: no pattern below can match
    m = ANNEX_LABEL_RE.match(s)
    if m:
        label = "Phụ lục" + (f" {m.group('num')}" if m.group("num") else "")
        return Label("WORD:phụ lục", label, s.strip(), "", "Phụ lục")
    m = WORD_LABEL_RE.match(s)
    if m:
        word = m.group("word")
        word = word[0] + word[1:].lower()
        label = f"{word} {m.group('num')}"
        return Label(f"WORD:{word.lower()}", label, s[:m.end()].strip(), s[m.end():].strip(), word)
    m = ROMAN_RE.match(s)
    if m and m.group("num"):
        return Label("ROMAN", m.group("num"), s[:m.end()].strip(), s[m.end():].strip())
    m = LETTER_RE.match(s)
    if m:
        return Label("LETTER", m.group("num"), s[:m.end()].strip(), s[m.end():].strip())
    m = UPPER_RE.match(s)
    if m:
        return Label("UPPER", m.group("num"), s[:m.end()].strip(), s[m.end():].strip())
    return None


def _numeric_label(s: str) -> Label | None:
    """"2.1." (DOTTED2) or "1." (ARABIC), for a line opening with a digit."""
    m = DOTTED_RE.match(s)
    if m:
        num = m.group("num")
        return Label(f"DOTTED{num.count('.') + 1}", num, s[:m.end()].strip(), s[m.end():].strip())
    m = ARABIC_RE.match(s)
    if m and int(m.group("num")) > 0:
        return Label("ARABIC", m.group("num"), s[:m.end()].strip(), s[m.end():].strip())
    return None


def _paren_label(s: str) -> Label | None:
    """"(1)" (PAREN) or "(a)" (PAREN_LETTER), for a line opening with a bracket."""
    m = PAREN_RE.match(s)
    if m:
        num = m.group("num")
        style = "PAREN" if num.isdigit() else "PAREN_LETTER"
        return Label(style, f"({num})", s[:m.end()].strip(), s[m.end():].strip())
    return None


def _looks_like_sentence_fragment(label: Label, prev_line: str) -> bool:
    """A digit at the start of a line that merely continues the previous sentence.

    Seen in PDFs and hard-wrapped text: "… theo Điều\\n5. …" is rare, but "ngày\\n1/ …"
    or a wrapped number is not.  Only a line after an unfinished sentence that ends
    in a word expecting a number ("số", "Điều", "khoản", "ngày", "tháng") is rejected.
    """
    if not label.style.startswith(("ARABIC", "DOTTED")):
        return False     # "a)" after "… trong năm" is a point, not a wrapped number (phu-luc-II:45-46)
    tail = prev_line.rstrip().split(" ")[-1].lower() if prev_line.strip() else ""
    return tail in {"số", "điều", "khoản", "điểm", "ngày", "tháng", "năm", "mục", "lần", "thứ"}


def quoted_lines(lines: tuple[str, ...]) -> frozenset[int]:
    """Lines of a quotation that runs over several lines: an amending law or decision quotes
    the articles it rewrites ("6. Sửa đổi, bổ sung Điều 21 và Điều 22 như sau: / “Điều 21. …
    / 1. … / Điều 22. … / 3. …”", law_luat-sua-doi-luat-bau-cu-83-2025-QH15.txt:38-48), and
    their labels are the amended text's, not this document's sections.

    A block opens at a line that starts with “ and leaves it open (more “ than ”), and ends
    at the first line that closes more than it opens; straight quotes (") count the same
    way, by odd counts.  A block that never ends is a stray mark, not a quotation: its lines
    stay.
    """
    out: set[int] = set()
    block: list[int] = []
    straight = False
    for ln, line in enumerate(lines, 1):
        curly = line.count("“") - line.count("”")
        odd = line.count('"') % 2 == 1
        if not block:
            head = line.lstrip()[:1]
            if head == "“" and curly > 0:
                block, straight = [ln], False
            elif head == '"' and odd:
                block, straight = [ln], True
            continue
        block.append(ln)
        if (odd if straight else curly < 0):
            out.update(block)
            block = []
    return frozenset(out)


def parse_sections(lines: tuple[str, ...], metas: tuple[LineMeta, ...],
                   first: int, last: int,
                   annexes: tuple[tuple[int, int], ...] = ()) -> tuple[Section, ...]:
    """Build the section tree from the body lines `first..last` (1-based, inclusive)
    and from each appendix range, which starts with its own "PHỤ LỤC" root."""
    sections: list[Section] = []
    stack: list[Section] = []
    used_ids: set[str] = set()
    prev = ""
    numbers = [ln for a, b in ((first, last), *annexes) for ln in range(a, b + 1)]
    annex_starts = {a for a, _ in annexes}
    quoted = quoted_lines(lines)
    for ln in numbers:
        if ln in annex_starts:
            stack.clear()          # an appendix or attached regulation starts its own tree
        raw = lines[ln - 1]
        meta = metas[ln - 1] if ln - 1 < len(metas) else LineMeta()
        text = strip_cell_marks(raw)
        if not text:
            continue
        lab = None if meta.in_table or raw.lstrip().startswith("|") or ln in quoted else match_label(text)
        if lab is None or _looks_like_sentence_fragment(lab, prev):
            prev = text
            continue
        prev = text
        if lab.style == "WORD:phụ lục":
            stack.clear()          # an appendix is a new root, whatever was open
        # Find the open section of the same style: the new one is its sibling.
        depth = None
        for i in range(len(stack) - 1, -1, -1):
            if stack[i].style == lab.style:
                depth = i
                break
        if depth is not None:
            del stack[depth:]
        elif lab.style.startswith("DOTTED"):
            # "2.5.2" belongs under the open "2.5", wherever lettered items sit between.
            head = lab.label.rpartition(".")[0]
            for i in range(len(stack) - 1, -1, -1):
                if stack[i].label == head:
                    del stack[i + 1:]
                    break
        elif lab.word and lab.word.lower() in ABSOLUTE_WORDS:
            # "Điều 1." after a plan's numbered items (a draft decision embedded after it,
            # kh_trung-tam-cntt-tay-bac … DRAFT:272) is never a child of an item: only a
            # Phần or Chương holds a Điều.
            while stack and not stack[-1].style.startswith("WORD:"):
                stack.pop()
        elif lab.style == "ROMAN":
            # A Roman heading is never a child of an Arabic, dotted, lettered or bracketed
            # item: "1. 2. 3." then "I. NỘI DUNG" starts a new division under the same parent.
            while stack and stack[-1].style.startswith(BELOW_ROMAN):
                stack.pop()
        parent = stack[-1] if stack else None
        sec_id = _make_id(lab, parent)
        base, n = sec_id, 1
        while sec_id in used_ids:
            n += 1
            sec_id = f"{base}~{n}"
        used_ids.add(sec_id)
        title = lab.title[:300] or _next_line_title(lines, ln, lab)
        sec = Section(id=sec_id, label=lab.label, style=lab.style, level=len(stack) + 1,
                      line=ln, title=title, parent=parent.id if parent else None,
                      marker=lab.marker, auto=meta.auto_label is not None)
        sections.append(sec)
        stack.append(sec)
    return tuple(sections)


def _next_line_title(lines: tuple[str, ...], ln: int, lab: Label) -> str | None:
    """A word label alone on its line takes the heading below it as its title:
    "Chương I" / "QUY ĐỊNH CHUNG", "BƯỚC MỘT" / "Tổ chức hội nghị hiệp thương lần thứ nhất"."""
    if not lab.word:
        return None
    for k in range(ln, min(len(lines), ln + 3)):
        text = strip_cell_marks(lines[k])
        if text:
            return None if match_label(text) else text[:300]
    return None


def _make_id(lab: Label, parent: Section | None) -> str:
    if lab.word and lab.word.lower() in ABSOLUTE_WORDS:
        return lab.label
    if parent is None:
        return lab.label
    part = lab.label
    if lab.style.startswith("DOTTED"):
        head, _, last = lab.label.rpartition(".")
        # "2.3" under "2." (or "2.5.1" under "2.5") carries its parent's number.
        if head == parent.label or head.split(".")[-1] == parent.label.split(".")[-1]:
            part = last
    return f"{parent.id}.{part}"
