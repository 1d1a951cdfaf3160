"""header.*: the number/symbol line, the place-and-date line and the document type.

Reference: Nghị định 30/2020/NĐ-CP Phụ lục I (State: `Số: 12/KH-UBND`) and Hướng dẫn
36-HD/VPTW (Party: `Số 01-KH/BCĐ`), summarised in RULES-RESEARCH.md §1.3 and §2.1.
Only what is certainly wrong is a warning; style deviations are info.
"""
from __future__ import annotations

import re
from typing import Iterator

from pipeline.checks import CheckContext, check
from pipeline.checks._common import header_system, symbol_parts, type_codes
from pipeline.model import Finding
from pipeline.text import fold

# The number/symbol as written after "Số"/"Số:".  Groups keep the blanks so that a
# stray space can be pointed at: "01 -KH/BCĐ", "4532/UBND- KSTTHC", "/HD- MTTQ-BTT".
SO_PREFIX_RE = re.compile(r"^\s*S[ốỐ]\s*(?P<colon>:)?\s*")
# A number left blank before signing: "Số:      /KH-MTTQ-BTT".
BLANK_NUMBER_RE = re.compile(r"^[\s._…]*[/-]")
# Blanks next to a separator between two filled parts: "01 -KH", "KH - UBND", "UBND- KSTTHC".
STRAY_SPACE_RE = re.compile(r"(?<=[0-9A-Za-zĐđ])(?:\s+[-/–]\s*|[-/–]\s+)(?=[0-9A-Za-zĐđ])")
# Well-formed cores once blanks are gone.
PARTY_FORM_RE = re.compile(r"^\d{0,6}[a-z]?-[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*$")
STATE_FORM_RE = re.compile(r"^\d{0,6}[a-z]?/(?:\d{4}/)?[A-ZĐ][A-Za-zĐđ0-9]*(?:-[A-ZĐ][A-Za-zĐđ0-9]*)*$")
# "Số 12/KH/TU": two slashes and no year — neither system writes this.
DOUBLE_SLASH_RE = re.compile(r"^\d{1,6}/[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ]")

# "ngày 5 tháng 2 năm 2021": the day below 10 and months 1–2 need a leading zero.
DATE_PARTS_RE = re.compile(r"ngày\s*(?P<d>\d{1,2})\s+tháng\s*(?P<m>\d{1,2})\s+năm", re.I)


def _symbol_core(ctx: CheckContext) -> tuple[str, str] | None:
    h = ctx.doc.header
    if not h.symbol_text:
        return None
    m = SO_PREFIX_RE.match(h.symbol_text)
    rest = h.symbol_text[m.end():] if m else h.symbol_text
    return (m.group("colon") or "") if m else "", rest.strip()


@check(
    "header.missing_date",
    severity="warning",
    summary="Thiếu dòng địa danh và ngày ban hành.",
    message=("Văn bản không có dòng địa danh, ngày tháng năm ban hành (dạng “{expected}”) "
             "ở phần đầu{near}."),
)
def missing_date(ctx: CheckContext) -> Iterator[Finding]:
    """The header has no place-and-date line.

    Only documents with a number/symbol line are judged: an annex, a law's text or a
    bare excerpt has no place-and-date line under its header by design.

    Fires when:
        ``Số 01 -KH/BCĐ`` / ``KẾ HOẠCH`` with no ``…, ngày … tháng … năm …`` line.
    Does not fire when:
        A date line is present, even with the day left blank (``ngày   tháng 9 năm 2025``).
    Wrong:
        Số 01-KH/BCĐ / KẾ HOẠCH / Lãnh đạo cuộc bầu cử …
    Right:
        Số 01-KH/BCĐ / Bình Phước, ngày 05 tháng 02 năm 2021 / KẾ HOẠCH …
    """
    h = ctx.doc.header
    if h.date_line is not None or h.date_blank:
        return
    if not h.symbol_line:
        return
    near = " (sau dòng số, ký hiệu “{0}”)".format(h.symbol_text.strip()) if h.symbol_text else ""
    yield ctx.finding(None, evidence=(h.symbol_text or "").strip() or None, section=None,
                      expected="<Địa danh>, ngày … tháng … năm …", near=near)


@check(
    "header.symbol_format",
    severity="warning",
    summary="Số, ký hiệu văn bản sai thể thức.",
    message=("Số, ký hiệu “{evidence}” sai thể thức: {problem}. Đúng là “{expected}” "
             "({system_name})."),
)
def symbol_format(ctx: CheckContext) -> Iterator[Finding]:
    """The number/symbol line is malformed for the document's system.

    Party: ``Số 01-KH/BCĐ`` (hyphen before the type code, slash before the issuer).
    State: ``Số: 12/KH-UBND`` (slash after the number, hyphens between code groups), VBQPPL
    ``Số: 09/2009/CT-UBND``.  A colon or a missing leading zero is style, not this rule.

    Fires when:
        Stray blanks beside a separator (``Số 01 -KH/BCĐ``, ``Số: 12/KH - UBND``,
        ``Số: 4532/UBND- KSTTHC``); the other system's form under a Party or State motto
        (``Số: 12/KH-TU`` under ĐẢNG CỘNG SẢN VIỆT NAM); ``Số 12/KH/TU``.
    Does not fire when:
        ``Số 01-KH/BCĐ``; ``Số: 12/KH-UBND``; ``Số: 30/2020/NĐ-CP``; a blank number in a draft
        (``Số:      /KH-MTTQ-BTT``); ``Số 7-KH/TU`` (zero is style).
    Wrong:
        Số 01 -KH/BCĐ
    Right:
        Số 01-KH/BCĐ
    """
    core = _symbol_core(ctx)
    if core is None:
        return
    _, rest = core
    h = ctx.doc.header
    blank = bool(BLANK_NUMBER_RE.match(rest))
    body = rest.lstrip(" ._…") if blank else rest
    compact = re.sub(r"\s+", "", body).replace("–", "-")
    declared = header_system(ctx.doc)
    system = declared or ("party" if PARTY_FORM_RE.match(compact) else "state")
    problem = None
    if STRAY_SPACE_RE.search(body):
        problem = "có dấu cách thừa cạnh dấu “-” hoặc “/”"
    elif DOUBLE_SLASH_RE.match(compact):
        problem = "dùng hai dấu “/” (văn bản Đảng: “số-loại/cơ quan”; văn bản nhà nước: “số/loại-cơ quan”)"
    elif declared == "party" and STATE_FORM_RE.match(compact) and not PARTY_FORM_RE.match(compact):
        problem = "văn bản của Đảng phải dùng dấu “-” giữa số và tên loại, dấu “/” trước cơ quan ban hành"
    elif declared == "state" and PARTY_FORM_RE.match(compact) and not STATE_FORM_RE.match(compact):
        problem = "văn bản hành chính phải dùng dấu “/” giữa số và ký hiệu, dấu “-” giữa các nhóm chữ"
    if problem is None:
        return
    expected = _expected_symbol(compact, system, h.symbol_text)
    yield ctx.finding(h.symbol_line, evidence=h.symbol_text.strip(), problem=problem,
                      expected=expected,
                      system_name="văn bản của Đảng" if system == "party" else "văn bản hành chính nhà nước")


def _expected_symbol(compact: str, system: str, written: str) -> str:
    num = re.match(r"^\d*[a-z]?", compact).group(0)
    rest = compact[len(num):].lstrip("-/")
    type_code, issuers, _ = symbol_parts(rest)
    year = re.match(r"^(\d{4})/", rest)
    if system == "party":
        tail = "/".join([type_code or "", "-".join(issuers)]) if type_code else rest
        return f"Số {num}-{tail}" if num else f"Số -{tail}"
    parts = ([type_code] if type_code else []) + list(issuers)
    sym = (year.group(1) + "/" if year else "") + "-".join(parts)
    return f"Số: {num}/{sym}"


@check(
    "header.doc_type_symbol_mismatch",
    severity="warning",
    summary="Tên loại văn bản không khớp với mã loại trong ký hiệu.",
    message=("Văn bản ghi tên loại “{doc_type}” nhưng ký hiệu “{evidence}” mang mã loại “{code}” "
             "(của {code_type}); mã của {doc_type} là {expected}."),
    takes_entries=True,
    entry_fields={"doc_type": "str", "codes": "str_list", "system": "enum:party|state|any"},
    entry_required=("doc_type", "codes"),
)
def doc_type_symbol_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    """The document type in the title disagrees with the type code in its own symbol.

    Codes come from the-thuc.yaml entries (NĐ 30/2020 Phụ lục III and Party codes) plus
    pipeline/lexicon/doc_types.yaml.  Fires only when the symbol's code is a known type
    code of *another* type.

    Fires when:
        ``KẾ HOẠCH`` with ``Số: 12/QĐ-UBND``.
    Does not fire when:
        ``KẾ HOẠCH`` with ``Số 01-KH/BCĐ``; ``QUY ĐỊNH`` with ``08-QĐi/TW`` or ``QĐ``;
        a công văn (no type code); an unknown code.
    Wrong:
        Số: 12/QĐ-UBND / KẾ HOẠCH
    Right:
        Số: 12/KH-UBND / KẾ HOẠCH
    """
    h = ctx.doc.header
    if not h.doc_type or not h.symbol or h.doc_type_line is None:
        return
    accepted: dict[str, set[str]] = {}
    code_type: dict[str, str] = {}
    for code, name in type_codes().items():
        accepted.setdefault(fold(name), set()).add(code)
        code_type.setdefault(code, name)
    for e in ctx.entries:
        accepted.setdefault(fold(e.get("doc_type")), set()).update(e.get("codes"))
        for c in e.get("codes"):
            code_type.setdefault(c, e.get("doc_type"))
    key = fold(h.doc_type)
    if key not in accepted:
        return
    code, _, _ = symbol_parts(h.symbol)
    if code is None or code not in code_type or code in accepted[key]:
        return
    yield ctx.finding(h.symbol_line or h.doc_type_line, evidence=h.symbol, doc_type=h.doc_type,
                      code=code, code_type=code_type[code],
                      expected=", ".join("“" + c + "”" for c in sorted(accepted[key])))


@check(
    "header.missing_issuer",
    severity="warning",
    summary="Thiếu tên cơ quan ban hành ở phần đầu văn bản.",
    message=("Phần đầu văn bản không có tên cơ quan, tổ chức ban hành phía trên số, ký hiệu "
             "“{evidence}”."),
)
def missing_issuer(ctx: CheckContext) -> Iterator[Finding]:
    """No issuing body above the number/symbol line.

    Fires when:
        The lines above ``Số 01 -KH/BCĐ`` are empty (no ``TỈNH ỦY …`` / ``BAN CHỈ ĐẠO``).
    Does not fire when:
        ``UBND TỈNH BÌNH PHƯỚC`` or any capitalised line stands above the number line.
    Wrong:
        (trống) / Số 01-KH/BCĐ
    Right:
        TỈNH ỦY BÌNH PHƯỚC / BAN CHỈ ĐẠO BẦU CỬ / Số 01-KH/BCĐ
    """
    h = ctx.doc.header
    if h.issuer or not h.symbol_line:
        return
    above = [ln for ln in ctx.doc.lines[:h.symbol_line - 1] if ln.strip()]
    if any(any(c.isalpha() for c in ln) for ln in above):
        return
    yield ctx.finding(h.symbol_line, evidence=h.symbol_text.strip())


@check(
    "header.invalid_date",
    severity="error",
    summary="Ngày ban hành không tồn tại.",
    message="Ngày ban hành “{evidence}” không tồn tại trên lịch; cần sửa lại ngày, tháng.",
)
def invalid_date(ctx: CheckContext) -> Iterator[Finding]:
    """The header's date line names a day that does not exist.

    Fires when:
        ``Hà Nội, ngày 30 tháng 02 năm 2021``.
    Does not fire when:
        ``Hà Nội, ngày 29 tháng 02 năm 2024``; a blank day (``ngày   tháng 9 năm 2025``).
    Wrong:
        Hà Nội, ngày 31 tháng 4 năm 2021
    Right:
        Hà Nội, ngày 30 tháng 4 năm 2021
    """
    h = ctx.doc.header
    if h.date_line is not None and h.date is None and not h.date_blank:
        yield ctx.finding(h.date_line, evidence=(h.date_text or "").strip())


@check(
    "header.date_format",
    severity="info",
    summary="Ngày, tháng ban hành viết thiếu số 0 phía trước.",
    message=("Ngày ban hành “{evidence}”: {what} nhỏ hơn 10 (ngày) hoặc tháng 1, 2 phải ghi thêm "
             "số 0 phía trước (“{expected}”), theo Nghị định 30/2020/NĐ-CP."),
)
def date_format(ctx: CheckContext) -> Iterator[Finding]:
    """The issue date omits the leading zero NĐ 30 requires.

    Fires when:
        ``Hà Nội, ngày 5 tháng 2 năm 2021``.
    Does not fire when:
        ``Hà Nội, ngày 05 tháng 02 năm 2021``; ``…, ngày 29 tháng 6 năm 2019`` (months ≥ 3 need none).
    Wrong:
        Hà Nội, ngày 9 tháng 8 năm 2013
    Right:
        Hà Nội, ngày 09 tháng 8 năm 2013
    """
    h = ctx.doc.header
    if not h.date_text or h.date is None:
        return
    m = DATE_PARTS_RE.search(h.date_text)
    if not m:
        return
    d, mo = m.group("d"), m.group("m")
    bad = []
    if len(d) == 1:
        bad.append("ngày")
    if len(mo) == 1 and int(mo) <= 2:
        bad.append("tháng")
    if bad:
        expected = "ngày {0:02d} tháng {1} năm".format(int(d), mo if int(mo) > 2 else "%02d" % int(mo))
        yield ctx.finding(h.date_line, evidence=h.date_text.strip(), what=" và ".join(bad),
                          expected=expected)


@check(
    "header.draft_blank",
    severity="info",
    summary="Số hoặc ngày ban hành còn để trống (bản dự thảo).",
    message="“{evidence}” còn để trống {what}: văn bản là bản dự thảo hoặc chưa vào sổ.",
)
def draft_blank(ctx: CheckContext) -> Iterator[Finding]:
    """The number or the day is left blank, as in a copy made before signing.

    Fires when:
        ``Số:      /KH-MTTQ-BTT``; ``Lương Minh, ngày   tháng 11 năm 2025``.
    Does not fire when:
        Both are filled.
    Wrong:
        Số:    /KH-MTTQ-BTT
    Right:
        Số: 16/KH-MTTQ-BTT
    """
    h = ctx.doc.header
    core = _symbol_core(ctx)
    if core and BLANK_NUMBER_RE.match(core[1]):
        yield ctx.finding(h.symbol_line, evidence=h.symbol_text.strip(), what="số văn bản")
    if h.date_blank and h.date_line:
        yield ctx.finding(h.date_line, evidence=(h.date_text or "").strip(), what="ngày ban hành")
