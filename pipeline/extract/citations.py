"""Cited documents: find a number and symbol, then resolve its type, date and issuer.

Like eyecite, in two steps.  *Find*: a number joined to a symbol in one of the written
forms (PRIMER.md "Number and symbol"): Party `45-CT/TW`, State `12/KH-UBND`, normative
`30/2020/NĐ-CP`, law `85/2015/QH13`, joint `102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN`,
Công văn `4869/UBND-SYT`.  *Resolve*: the type from the words before it ("Chỉ thị số",
"Luật Bầu cử … số") or else from the symbol's type code; the date and the issuer from the
words after it (", ngày 25/6/2015 của Quốc hội về …").

Every occurrence is a citation with its own physical line; the document's own number is
not one.  Form numbers ("Mẫu số 05/HNCT") are templates, not documents.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import replace
from datetime import date
from functools import lru_cache

from pipeline.dates import finditer_digit_led
from pipeline.extract.bodies import canonical_name, fold
from pipeline.lexicon import load
from pipeline.model import Citation, Document, Paragraph

# Upper-case letters that open a symbol segment (Vietnamese capitals included: "TƯ").
UP = "A-ZĐƯƠÂĂÊÔ"
# Letters and digits inside a segment: "QĐi", "CTrTT", "QH13", "UBTVQH15".
AL = "A-Za-zĐđƯưƠơÂâĂăÊêÔô0-9"

# The number and symbol.  Examples, one per branch:
#   Party   "45-CT/TU", "36-HD/BTCTW", "239-KH/TWĐTN-BTG", "08-QĐi/TW"
#   State   "12/KH-UBND", "30/2020/NĐ-CP", "30c/NQ-CP", "85/2015/QH13", "4869/UBND-SYT",
#           "21/2025/TT - BNV" (spaced dash), "102/2025 NQLT/UBTVQH15-CP- ĐCTUBTWMTTQVN"
# A spaced separator is only taken before an all-capitals segment, so "tháng 4/2025 Ban"
# or "12/KH-UBND - Ban" do not swallow the next word.
REFERENCE = re.compile(rf"""
    (?<![\w/.\-])
    (?P<number> \d{{1,5}}[a-z]? )      # "30c/NQ-CP": a letter suffix marks a sub-number
    (?:
        \s*[-‐‑]\s* (?P<party>              # a non-breaking hyphen (U+2011) is a hyphen too
            [{UP}][{AL}]{{0,5}} \s*/\s* [{UP}][{AL}]*
            (?: [-‐‑][{UP}][{AL}]* )*
        )
      | \s*/\s* (?P<state>
            (?: \d{{4}} (?: \s*/\s* | \s+(?=[{UP}]{{2}}) ) )?
            [{UP}][{AL}]+
            (?: [-/_][{UP}][{AL}]* | \s*[-/]\s*[{UP}][{UP}0-9]+(?![a-zà-ỹ]) | [-/]\s+[{UP}][{UP}0-9]+(?![a-zà-ỹ]) )*
        )
    )
    (?!\w)
""", re.X)

# A date right after the symbol or the issuer:
#   "ngày 20/6/2020", ", ngày 25/6/2015", "ngày 24 tháng 12 năm 2025", "ngày 01-10-1997",
#   "ban hành ngày 26/9/2025".
DATE_AFTER = re.compile(r"""
    ^ \s* ,? \s* (?: được \s+ )? (?: ban \s+ hành \s+ )? (?: vào \s+ )?
    [Nn]gày \s+
    (?:
        (?P<d1>\d{1,2}) \s* (?P<sep>[/.\-]) \s* (?P<m1>\d{1,2}) \s* (?P=sep) \s* (?P<y1>\d{4})
      | (?P<d2>\d{1,2}) \s+ tháng \s+ (?P<m2>\d{1,2}) \s+ năm \s+ (?P<y2>\d{4})
    )
""", re.X)

# The issuer: "của Ban Thường vụ Tỉnh ủy", "của Bộ trưởng Bộ Giáo dục và Đào tạo".
# It runs to "về"/"về việc"/"quy định" (the cited title, in any case: "… Quốc gia Quy định
# mẫu"), a clause mark, "ngày" (a date after the issuer), "và" before a lower-case word or
# another reference ("… Quốc hội và Chương II của …", "và của Ban …"), or the end.
ISSUER_AFTER = re.compile(r"""
    ^ \s* ,? \s* (?P<word> của ) \s+
    (?P<issuer> .+? )
    (?= \s+ (?i: về | v/v | hướng \s+ dẫn | quy \s+ định | ban \s+ hành | phê \s+ duyệt | ngày | năm
                | đã | đối \s+ với | tại | theo | quy \s+ trình
                | kể \s+ từ | từ \s+ ngày | đến \s+ ngày | có \s+ hiệu \s+ lực | hết \s+ hiệu \s+ lực ) (?!\w)
      | \s+ và \s+ (?: của | các | Chương | Điều | Mục ) (?!\w)
      | \s* [;:()“”",] | \.(?:\s|$) | $ )
""", re.X)

# Stop words for the issuer after "giữa": commas belong to the list of joint issuers there.
ISSUER_JOINT = re.compile(r"""
    ^ \s* ,? \s* giữa \s+
    (?P<issuer> .+? )
    (?= \s+ (?: về | v/v | hướng \s+ dẫn | quy \s+ định | ngày ) (?!\w) | \s* [;:()] | \.(?:\s|$) | $ )
""", re.X)

# Words right before the number that make it a form, not a document: "Mẫu số 05/HNCT",
# "theo mẫu 01/BCĐBHĐND-MT", "Mau số 06/BBKPHN" (OCR lost the tilde).
FORM_BEFORE = re.compile(r"""
    (?:mẫu|mau|biểu) \s* (?:số)? \s* :? \s*
    (?: \d{1,3} \s* (?:,|và) \s* )*          # "Mẫu số 01 và 02/HNMT", "mẫu số 01, 02, 03/HĐBC-QH"
    $""", re.X | re.I)

# What may sit between a type name and the number: "Chỉ thị số 45", "Chỉ thị 03",
# "Nghị quyết liên tịch số:".
TYPE_GAP = re.compile(r"""^\s*(?:số|Số)?\s*:?\s*$""")

# A long name between type and number, as in laws: "Luật Bầu cử đại biểu Quốc hội và đại
# biểu Hội đồng nhân dân số 85/2015/QH13".  No clause mark and no other number inside.
NAMED_GAP = re.compile(r"""^[^;.,:()\d]{1,160}\s(?:số|Số)\s*$""")

# Symbol type codes that Phụ lục III does not list but real citations use:
# "101/2025/UBTVQH15" is a Nghị quyết of the Ủy ban Thường vụ Quốc hội.
EXTRA_CODES = {"UBTVQH": "Nghị quyết"}

# How far back the type name may stand from the number (characters).
LOOKBACK = 220


@lru_cache(maxsize=None)
def _types():
    data = load("doc_types")
    names = sorted(data["names"], key=len, reverse=True)
    body = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    rx = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.I)
    canon = {fold(n): n for n in names}
    return rx, canon, dict(data["codes"])


def _type_before(before: str) -> str | None:
    """The document type written right before the number, or before a long law name."""
    rx, canon, _ = _types()
    last = None
    for m in rx.finditer(before):
        last = m
    if last is None:
        return None
    gap = before[last.end():]
    if TYPE_GAP.match(gap) or (NAMED_GAP.match(gap) and last.group(0)[0].isupper()):
        return canon.get(fold(last.group(0)), last.group(0))
    return None


def _type_from_symbol(symbol: str, party: bool) -> str | None:
    """The type from the symbol's code: "CT/TU" → Chỉ thị, "2015/QH13" → Luật."""
    _, _, codes = _types()
    parts = [p for p in re.split(r"[-/\s]+", symbol) if p and not p.isdigit()]
    if not parts:
        return None
    code = parts[0]
    bare = re.sub(r"\d+$", "", code)
    for key in (code, bare):
        if key in codes:
            return codes[key]
        if key in EXTRA_CODES:
            return EXTRA_CODES[key]
    has_year = bool(re.match(r"\d{4}", symbol))
    if not party and not has_year:
        return "Công văn"        # State Công văn: N/ISSUER-UNIT, no type code
    return None


def _date(m: re.Match) -> tuple[date | None, bool]:
    d, mo, y = (m.group("d1"), m.group("m1"), m.group("y1")) if m.group("d1") else (
        m.group("d2"), m.group("m2"), m.group("y2"))
    try:
        return date(int(y), int(mo), int(d)), False
    except ValueError:
        return None, True


# Joint issuers after "của", for a joint symbol (NQLT, TTLT, several issuer codes):
# "của Ủy ban Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam".
ISSUER_JOINT_AFTER = re.compile(r"""
    ^ \s* ,? \s* của \s+
    (?P<issuer> [^;:()“”"]+? )
    (?= \s+ (?i: về | v/v | hướng \s+ dẫn | quy \s+ định | ban \s+ hành | ngày ) (?!\w)
      | \s* [;:()“”"] | \.(?:\s|$) | $ )
""", re.X)
# The issuer named before the reference: "chỉ đạo của UBND thành phố tại Công văn số 4869/…"
# (cv_so-gddt-danang_1906:12), "ý kiến của Sở … tại công văn số 278/…".
ISSUER_BEFORE = re.compile(r"""
    của \s+ (?P<issuer> [A-ZĐÂĂÊÔƠƯỦ][^;:()“”",.]{2,80}? ) \s+ tại \s+ (?:các\s+)? \S+ (?:\s+\S+)? \s+ (?:số\s*)? $
""", re.X)
# "Quốc hội nước Cộng hòa xã hội chủ nghĩa Việt Nam": the state's name adds nothing.
STATE_SUFFIX = re.compile(r"\s+nước\s+Cộng\s+hòa\s+xã\s+hội\s+chủ\s+nghĩa\s+Việt\s+Nam$", re.I)


def _issuer(rest: str, joint: bool = False) -> tuple[str | None, int]:
    """The issuer after the symbol or date, canonical, and how much of `rest` it used."""
    m = ISSUER_JOINT.match(rest) or (joint and ISSUER_JOINT_AFTER.match(rest)) or ISSUER_AFTER.match(rest)
    if not m:
        return None, 0
    raw = _trim_issuer(m.group("issuer").strip(" ,"), keep_and=joint)
    raw = STATE_SUFFIX.sub("", raw)
    if not raw or len(raw) > 160 or not raw[0].isupper():
        return None, 0
    return canonical_name(raw), m.end()


def _issuer_before(before: str) -> str | None:
    m = ISSUER_BEFORE.search(before)
    if not m:
        return None
    raw = _trim_issuer(m.group("issuer").strip(" ,"))
    return canonical_name(raw) if raw and raw[0].isupper() else None


def _joint_symbol(symbol: str) -> bool:
    """NQLT/TTLT or several issuer codes after the type: "2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN"."""
    return bool(re.search(r"(?:^|/)(?:NQLT|TTLT|CTLT|HDLT|KHLT)\b", symbol))


def _trim_issuer(raw: str, keep_and: bool = False) -> str:
    """Cut what the regex cannot see: "và" before a lower-case word ("… Hội đồng nhân dân
    tỉnh và ý kiến thảo luận …") and a capitalised type name opening the cited title
    ("Ủy ban bầu cử xã Lương Minh Thông báo địa điểm …")."""
    for m in re.finditer(r"\s+và\s+(\w)", raw):
        if m.group(1).islower() and not keep_and:
            raw = raw[:m.start()]
            break
    rx, _, _ = _types()
    for m in rx.finditer(raw):
        if m.start() > 0 and m.group(0)[0].isupper() and raw[m.start() - 1] == " ":
            raw = raw[:m.start()]
            break
    return raw.strip(" ,")


LEGISLATURE_SPLIT = re.compile(r"\s(?P<qh>QH\d{1,2})(?!\w)")


def _normal_symbol(raw: str) -> str:
    """Spaces out; a year written with a space ("2025 NQLT/…") gets its slash back."""
    s = re.sub(r"^(\d{4})\s+", r"\1/", raw.strip())
    return re.sub(r"\s+", "", s)


def _resolve(para: Paragraph, m: re.Match) -> Citation | None:
    text = para.text
    before = text[max(0, m.start() - LOOKBACK):m.start()]
    if FORM_BEFORE.search(before):
        return None
    party = m.group("party") is not None
    symbol = _normal_symbol(m.group("party") or m.group("state"))
    doc_type = _type_before(before) or _type_from_symbol(symbol, party)
    pos = m.end()
    split = LEGISLATURE_SPLIT.match(text, pos) if symbol.endswith(("UBTV", "/")) else None
    if split:
        # "Nghị quyết số 101/2025/UBTV QH15" (nqlt_102-2025…:98): the legislature's number
        # written apart from its standing committee's code.
        symbol += split.group("qh")
        pos = split.end()
    when, bad = None, False
    dm = DATE_AFTER.match(text[pos:])
    if dm:
        when, bad = _date(dm)
        pos += dm.end()
    issuer, used = _issuer(text[pos:], joint=_joint_symbol(symbol))
    pos += used
    if issuer is None:
        issuer = _issuer_before(before)
    if not dm and issuer:
        dm = DATE_AFTER.match(text[pos:])
        if dm:
            when, bad = _date(dm)
            pos += dm.end()
    # The line is where the reference starts (its type name, when it stands right before
    # the number): a rejoined item reports the line where it starts (contract).
    start = _span_start(text, m.start(), doc_type)
    return Citation(text=unicodedata.normalize("NFC", text[start:pos].strip()),
                    line=para.line_at(start), doc_type=doc_type,
                    number=m.group("number"), symbol=symbol, date=when, issuer=issuer,
                    invalid_date=bad)


def _span_start(text: str, num_start: int, doc_type: str | None) -> int:
    """Start the citation's text at its type name when it stands right before the number."""
    if doc_type is None:
        return num_start
    rx, _, _ = _types()
    best = num_start
    for m in rx.finditer(text, max(0, num_start - LOOKBACK), num_start):
        best = m.start()
    return best


def _own(doc: Document, number: str, symbol: str) -> bool:
    h = doc.header
    if not h.number or not h.symbol:
        return False
    return (number.lstrip("0") == h.number.lstrip("0")
            and symbol.replace(" ", "").upper() == h.symbol.replace(" ", "").upper())


# What may stand between two references that share one issuer: "Tờ trình số 4486/TTr-UBND
# ngày 22/11/2025 và Báo cáo tiếp thu số 4723/BC-UBND ngày 08/12/2025 của Ủy ban nhân dân
# tỉnh" (nq_hdnd-tinh-quangninh-99-2025:20): "và", then the second one's own type words.
SHARED_JOIN_RE = re.compile(r"^\s*(?:,|và|,\s*và)\s+[^\d;:()]{0,40}$")


def find_in_paragraph(para: Paragraph) -> list[Citation]:
    """Every citation in one logical line (no document context: for tests and tools)."""
    out = []
    if "/" not in para.text:
        return out           # both forms of REFERENCE hold a "/": skip its slow scan
    for m in finditer_digit_led(REFERENCE, para.text):
        cit = _resolve(para, m)
        if cit is not None:
            out.append((cit, m))
    return _share_issuers(para.text, out)


def _share_issuers(text: str, found: list) -> list[Citation]:
    """A reference with no issuer of its own, joined by "và" to the next one, shares its
    issuer: the "của …" after the pair belongs to both."""
    cits = [c for c, _ in found]
    for i in range(len(found) - 2, -1, -1):
        (c, m), (_, m2) = found[i], found[i + 1]
        if c.issuer is not None or cits[i + 1].issuer is None:
            continue
        # The first reference's text runs to the end of its date; the join starts there.
        start_c = text.find(c.text, max(0, m.start() - LOOKBACK))
        end = start_c + len(c.text) if start_c >= 0 else m.end()
        between = text[end:m2.start()]
        # The next reference's own type words ("Báo cáo tiếp thu số") sit in `between`.
        if SHARED_JOIN_RE.match(between):
            cits[i] = replace(c, issuer=cits[i + 1].issuer)
    return cits


def extract_citations(doc: Document) -> tuple[Citation, ...]:
    h = doc.header
    # The trích yếu may cite too ("… thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị"):
    # start right after the number line when it is known.
    first = h.symbol_line + 1 if h.symbol_line else h.body_start
    first = min(first, h.body_start)
    out = []
    for para in doc.paragraphs:
        if para.lines[-1] < first:
            continue
        for cit in find_in_paragraph(para):
            # Judged per match: a paragraph may join the trích yếu to the first "Căn cứ".
            if cit.line < first or cit.line == h.symbol_line:
                continue
            if _own(doc, cit.number, cit.symbol):
                continue
            sec = doc.section_at(cit.line)
            out.append(_with_section(cit, sec.id if sec else None))
    return tuple(out)


def _with_section(c: Citation, section: str | None) -> Citation:
    return Citation(text=c.text, line=c.line, doc_type=c.doc_type, number=c.number,
                    symbol=c.symbol, date=c.date, issuer=c.issuer, section=section,
                    invalid_date=c.invalid_date)
