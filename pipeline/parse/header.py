"""The header block: issuer, số/ký hiệu, place and date, doc type, trích yếu, marks.

Works on cells (see cells.py) of the first lines, so the same code reads a header
that came from a .docx table, a PDF's two columns, or a text file with tabs.
"""
from __future__ import annotations

import re
from datetime import date

from pipeline.lexicon import load as load_lexicon
from pipeline.model import Header
from pipeline.parse.cells import cells
from pipeline.parse.sections import ANNEX_LABEL_RE, match_label
from pipeline.text import fold, is_upper_line, squash

# "Số 01 -KH/BCĐ", "Số: 12/KH-UBND", "Số:  149/QĐ-UBND-TL", "Số:      /KH-MTTQ" (blank number).
# Laws and resolutions put their type before "số": "Luật số: 83/2025/QH15",
# "Nghị quyết số: 101/2025/UBTVQH15".
SO_RE = re.compile(r"^(?:(?:Luật|Pháp lệnh|Nghị quyết|Nghị định|Thông tư|Quyết định)\s+)?[Ss][ốỐ]\s*(?P<colon>:)?\s*(?P<rest>.*)$")
NUMBER_SYMBOL_RE = re.compile(
    r"""^(?P<num>\d{1,6}[a-z]?)?            # 01, 149; may be left blank before signing
        (?P<gap>[\s._…]*)                   # stray spaces or dots before the separator
        (?P<sep>[-/–])\s*                   # Party: hyphen; State: slash
        (?P<sym>[^\s].*?)\s*$""", re.X)
# "Lương Minh, ngày 18 tháng 11 năm 2025"; the day may be blank ("ngày   tháng 9").
DATE_LINE_RE = re.compile(
    r"""^(?P<place>[^,\d]{2,60}?)\s*,\s*
        ngày\s*(?P<d>\d{1,2})?[\s._…]*
        tháng\s*(?P<m>\d{1,2})?[\s._…]*
        năm\s*(?P<y>\d{4})""", re.X | re.I)
NATIONAL_RE = re.compile(r"^(CỘNG\s*H(?:ÒA|OÀ)|ĐẢNG\s+CỘNG\s+SẢN|Độc\s+lập|ĐỘC\s+LẬP|[-_*=\s]+$)", re.I)
VV_RE = re.compile(r"^(V/v|V/V|Về việc)\s*:?\s*(?P<t>.*)$")
URGENCY_RE = re.compile(r"^(HỎA TỐC|HOẢ TỐC|Hỏa tốc|Hoả tốc|THƯỢNG KHẨN|Thượng khẩn|KHẨN|Khẩn)$")
SECRECY_RE = re.compile(r"^(TUYỆT MẬT|TỐI MẬT|MẬT|Tuyệt mật|Tối mật|Mật)$")
BODY_START_RE = re.compile(r"^(Căn\s*cứ|Thực hiện|Kính gửi|Để\s|Trong\s|Nhằm\s|Sau khi|Theo\s)", re.I)
# Words that open a new body in a stacked issuer block (left column).
ORG_START_RE = re.compile(
    r"^(ỦY BAN|UỶ BAN|UBND|BAN|SỞ|PHÒNG|TRƯỜNG|HỘI ĐỒNG|TỈNH ỦY|TỈNH UỶ|HUYỆN ỦY|THÀNH ỦY|"
    r"ĐẢNG ỦY|ĐẢNG UỶ|ĐẢNG BỘ|CÔNG ĐOÀN|TRUNG TÂM|VĂN PHÒNG|BỘ|CỤC|TỔNG CỤC|TIỂU BAN|CHI BỘ|"
    r"TỔNG LIÊN ĐOÀN|MẶT TRẬN|ĐOÀN|HỘI|CHÍNH PHỦ|QUỐC HỘI|THƯỜNG TRỰC)\b")
HEADER_SCAN_LINES = 60


# The same line glued after another column's text (OCR and PDF text layers join the two
# header columns with one space): "Số: 1906 /SGDĐT-CTrTT Đà Nẵng, ngày 26tháng 7 năm 2020".
DATE_INSIDE_RE = re.compile(
    r"""(?P<place>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][a-zà-ỹđ]+\.?\s?){1,5}?)\s*,\s*
        ngày\s*(?P<d>\d{1,2})?[\s._…]*
        tháng\s*(?P<m>\d{1,2})?[\s._…]*
        năm\s*(?P<y>\d{4})""", re.X)


def parse_date_line(text: str, *, inside: bool = False) -> tuple[str, date | None, bool] | None:
    """Return (place, date or None, day_blank) for a place-and-date line.

    inside=True also finds the line glued after other text in the same cell.
    """
    m = DATE_LINE_RE.match(text)
    if not m and inside:
        m = DATE_INSIDE_RE.search(text)
    if not m:
        return None
    place = squash(m.group("place"))
    if m.group("d") is None or m.group("m") is None:
        return place, None, True
    try:
        return place, date(int(m.group("y")), int(m.group("m")), int(m.group("d"))), False
    except ValueError:
        return place, None, False


def doc_type_of_line(cell: str) -> str | None:
    types = load_lexicon("doc_types")
    key = fold(squash(cell))
    for name in types["names"]:
        if key == fold(name):
            return name
    # "KẾ HOẠCH, NHIỆM VỤ KHẢO SÁT": the type is the first of two joined names.
    if is_upper_line(cell) and "," in cell:
        head = fold(squash(cell.split(",")[0]))
        for name in types["names"]:
            if head == fold(name):
                return name
    return None


def _split_bodies(parts: list[str]) -> list[str]:
    bodies: list[str] = []
    for p in parts:
        # "ỦY BAN THƯỜNG VỤ" / "QUỐC HỘI" is one body over two lines.
        if bodies and bodies[-1].endswith(("THƯỜNG VỤ", "THƯỜNG TRỰC")) and p in ("QUỐC HỘI", "CHÍNH PHỦ"):
            bodies[-1] = f"{bodies[-1]} {p}"
            continue
        if bodies and not ORG_START_RE.match(p):
            bodies[-1] = f"{bodies[-1]} {p}"
        else:
            bodies.append(p)
    return bodies


# "(Kèm theo Nghị định số 30/2020/NĐ-CP …)": the line that attaches an appendix to its act.
ATTACHED_TO_RE = re.compile(r"^\(?\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b")
ANNEX_LOOKAHEAD = 6


def _standalone_annex(lines: tuple[str, ...]) -> Header | None:
    """An appendix kept as a document of its own: "Phụ lục II" / "VIẾT HOA TRONG VĂN BẢN
    HÀNH CHÍNH" / "(Kèm theo Nghị định số 30/2020/NĐ-CP" / "ngày … của Chính phủ)"
    (law_nghi-dinh-30-2020_phu-luc-II_viet-hoa.txt:1-5).  Its first line is its type and
    number, not the root of its sections; its title runs to the "(Kèm theo …)" line, and
    its body starts after the act it is attached to is named."""
    first = next((i for i, ln in enumerate(lines[:ANNEX_LOOKAHEAD]) if ln.strip()), None)
    if first is None or not ANNEX_LABEL_RE.match(" ".join(cells(lines[first]))):
        return None
    attach = next((i for i in range(first + 1, min(len(lines), first + ANNEX_LOOKAHEAD))
                   if ATTACHED_TO_RE.match(" ".join(cells(lines[i])))), None)
    if attach is None:
        return None
    title = squash(" ".join(" ".join(cells(ln)) for ln in lines[first + 1:attach])) or None
    end = attach
    while end < len(lines) and ")" not in lines[end] and end < attach + 3:
        end += 1                     # the attachment line may wrap: "… NĐ-CP" / "ngày … )"
    return Header(doc_type="Phụ lục", doc_type_line=first + 1, title=title, body_start=end + 2)


# A converter that flattens a table cell joins its paragraphs with " / ": "CHÍNH PHỦ / _______ /
# / Số: 30/2020/NĐ-CP | CỘNG HÒA …" (law_nghi-dinh-30-2020-ND-CP_cong-tac-van-thu.txt:1).
CELL_PARAGRAPH_SEP = re.compile(r"\s+/(?:\s+/)*\s+")       # "A /  / B": an empty paragraph between


def _cell_paragraphs(cell: str) -> list[str]:
    """A header cell's paragraphs: split at " / " when the cell holds two or more (one spaced
    slash may be a symbol's own, "Số: 12 / KH-UBND")."""
    parts = CELL_PARAGRAPH_SEP.split(cell)
    if len(parts) < 3:
        return [cell]
    return [p for p in (x.strip(" /") for x in parts) if p and not set(p) <= set("_-=*. ")]


def parse_header(lines: tuple[str, ...]) -> Header:
    """Find the header fields in the first lines of a document."""
    annex = _standalone_annex(lines)
    if annex is not None:
        return annex
    h: dict = {}
    issuer_parts: list[str] = []
    scan = min(len(lines), HEADER_SCAN_LINES)
    title_lines: list[str] = []
    type_line = None
    vv_line = None
    last_header_line = 0
    symbol_seen = False
    for i in range(scan):
        ln = i + 1
        row = [part for c in cells(lines[i]) for part in _cell_paragraphs(c)]
        if not row:
            continue
        if type_line is not None:
            break
        for c in row:
            if "symbol_line" not in h and SO_RE.match(c) and (NUMBER_SYMBOL_RE.match(SO_RE.match(c).group("rest"))):
                h["symbol_text"] = c
                h["symbol_line"] = ln
                symbol_seen = True
                last_header_line = ln
                dl = parse_date_line(c, inside=True) if "date_line" not in h else None
                if dl:
                    h["place"], h["date"], h["date_blank"] = dl
                    h["date_text"] = c
                    h["date_line"] = ln
                continue
            if "date_line" not in h:
                dl = parse_date_line(c, inside=True)
                if dl:
                    h["place"], h["date"], h["date_blank"] = dl
                    h["date_text"] = c
                    h["date_line"] = ln
                    last_header_line = ln
                    continue
            if URGENCY_RE.match(c):
                h["urgency"] = c
                continue
            if SECRECY_RE.match(c):
                h["confidentiality"] = c
                continue
            m = VV_RE.match(c)
            if m and vv_line is None:
                vv_line = ln
                title_lines.append(m.group("t"))
                last_header_line = ln
                continue
            dt = doc_type_of_line(c)
            if dt and len(row) == 1:
                h["doc_type"] = dt
                h["doc_type_line"] = ln
                type_line = ln
                last_header_line = ln
                break
            if NATIONAL_RE.match(c):
                continue
            if vv_line is not None and not symbol_seen is False and c is row[0] and ln == vv_line + 1 and not is_upper_line(c):
                title_lines.append(c)     # a V/v subject wrapped onto the next line
                vv_line = ln
                continue
            if not symbol_seen and "date_line" not in h and c is row[0] and is_upper_line(c) \
                    and not BODY_START_RE.match(c) and match_label(c) is None and len(c) < 90:
                issuer_parts.append(c.lstrip("/ "))
    body_start = last_header_line + 1
    if type_line is not None:
        title, end = _read_title(lines, type_line)
        if title:
            title_lines = [title]
        body_start = end + 1
    if title_lines:
        h["title"] = squash(" ".join(title_lines))
    symbol = h.get("symbol_text")
    if symbol:
        m = NUMBER_SYMBOL_RE.match(SO_RE.match(symbol).group("rest"))
        num, sym = m.group("num"), re.sub(r"\s*([-/–])\s*", r"\1", m.group("sym"))
        sym = sym.replace("–", "-").split(" ")[0]
        if m.group("sep") == "/" or "/" not in sym:
            # State forms: "12/KH-UBND", "30/2020/NĐ-CP"; the separator itself is not symbol.
            pass
        h["number"] = num
        h["symbol"] = sym or None
        h["system"] = "party" if m.group("sep") in "-–" else "state"
    bodies = _split_bodies(issuer_parts)
    if bodies:
        h["issuer"] = bodies[-1]
        if len(bodies) > 1:
            h["parent_issuer"] = " ".join(bodies[:-1])
    if "doc_type" not in h:
        h["doc_type"] = _doc_type_from_symbol(h.get("symbol"), vv_line is not None)
    if any("ĐẢNG CỘNG SẢN" in ln.upper() for ln in lines[:scan]) and h.get("system") is None:
        h["system"] = "party"
    h["body_start"] = max(body_start, 1)
    return Header(**h)


def _read_title(lines: tuple[str, ...], type_line: int) -> tuple[str | None, int]:
    """Read the trích yếu under the doc-type line; return it and its last line."""
    parts: list[str] = []
    end = type_line
    blanks = 0
    i = type_line  # 0-based index of the line after the type line
    while i < len(lines) and i < type_line + 12:
        text = " ".join(cells(lines[i]))
        if not text:
            blanks += 1
            i += 1
            if parts and blanks > 2:
                break
            continue
        if set(text) <= set("-_*=. "):
            i += 1
            continue
        first = not parts
        starts_lower = text[:1].islower()
        if not first:
            if match_label(text) or BODY_START_RE.match(text) and not starts_lower:
                break
            if blanks and not starts_lower:
                break
            if len(text) > 160 or is_upper_line(text) and not is_upper_line(parts[-1]):
                break
            if parts[-1].rstrip().endswith((".", ";", ":")):
                break
        elif match_label(text) or text.startswith(("Căn cứ", "Kính gửi")):
            break
        if first and text.startswith(("V/v", "V/V")):
            text = VV_RE.match(text).group("t")
        parts.append(text)
        end = i + 1
        blanks = 0
        i += 1
    return (squash(" ".join(parts)) if parts else None), end


def _doc_type_from_symbol(symbol: str | None, has_vv: bool) -> str | None:
    if has_vv:
        return "Công văn"
    if not symbol:
        return None
    codes = load_lexicon("doc_types")["codes"]
    parts = re.split(r"[-/]", symbol)
    for part in parts:
        if part in codes:
            return codes[part]
    # NĐ 30/2020 Điều 15: a Công văn's symbol is issuer-unit with no type code
    # ("UBND-KSTTHC", "SGDĐT-CTrTT"); other State types always carry one.
    if "/" not in symbol and len(parts) >= 2:
        return "Công văn"
    return None


# Texts that set rules for everyone rather than tasks for their readers: a law, a decree,
# a circular, a joint resolution.  Their "chậm nhất N ngày trước ngày bầu cử" is a rule for
# every election, and "X có nhiệm vụ …" a standing competence, not a task of this text.
NORMATIVE_TYPES = frozenset({"Luật", "Nghị định", "Thông tư", "Thông tư liên tịch",
                             "Nghị quyết liên tịch", "Pháp lệnh"})
# A year inside the number marks a normative text whatever its type line says:
# "83/2025/QH15", "101/2025/UBTVQH15", "102/2025/NQLT-…", "30/2020/NĐ-CP", "21/2025/TT-BNV".
NORMATIVE_SYMBOL_RE = re.compile(r"^\d{4}/(?:QH\d+|UBTVQH\d+|NQLT|NĐ-CP|TT|TTLT)")


def is_normative(h: Header, extra_types: frozenset[str] = frozenset()) -> bool:
    """True for a normative text (by type, or `extra_types`, or a year in its symbol)."""
    if (h.doc_type or "") in NORMATIVE_TYPES or (h.doc_type or "") in extra_types:
        return True
    return bool(h.symbol and NORMATIVE_SYMBOL_RE.search(h.symbol))

