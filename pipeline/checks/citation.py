"""citation.*: cited documents against the named issuer, each other, and the citing date.

Issuer codes live in pipeline/lexicon/issuer_codes.yaml (reviewed data) and may be
extended by `citation.issuer_mismatch` entries in rules/the-thuc.yaml.  A body that is
not listed never fires: only a *known* issuer whose codes exclude the symbol's code does.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from pipeline.checks import CheckContext, check
from pipeline.checks._common import symbol_parts
from pipeline.lexicon import load as load_lexicon
from pipeline.model import Citation, Finding
from pipeline.text import fold

# What may follow a known body's name and still be that body: a place ("Tỉnh ủy Bình
# Phước", "Ủy ban nhân dân tỉnh Quảng Ninh") — not another body ("Ban Chấp hành Trung
# ương Đoàn" is the Youth Union, code TWĐTN).
PLACE_WORDS_RE = re.compile(r"^(tỉnh|thành phố|tp\.?|huyện|quận|thị xã|xã|phường|đặc khu|thị trấn)\b")
OTHER_BODY_RE = re.compile(r"^(đoàn|hội|ban|ủy|uỷ|văn phòng|sở|phòng|công đoàn|mặt trận|liên|và|cùng|khóa|khoá)\b")
OF_RE = re.compile(r"^(của|do)\s+", re.I)


@lru_cache(maxsize=1)
def _issuers_base() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    rows = []
    for item in load_lexicon("issuer_codes")["issuers"]:
        for name in item["names"]:
            rows.append((fold(name), tuple(item["codes"]), name))
    return tuple(rows)


def _issuer_table(entries) -> list[tuple[str, tuple[str, ...], str]]:
    rows = list(_issuers_base())
    for e in entries:
        for name in e.get("names", ()):
            rows.append((fold(name), tuple(e.get("codes")), name))
    # Longest name first: "Ủy ban Thường vụ Quốc hội" before "Quốc hội".
    return sorted(rows, key=lambda r: -len(r[0]))


def known_issuer(named: str, table) -> tuple[str, tuple[str, ...]] | None:
    """The listed body `named` refers to, with its accepted codes; None when unknown."""
    key = fold(OF_RE.sub("", named.strip()))
    key = key.strip(" .,;:")
    original = OF_RE.sub("", named.strip())
    for name, codes, display in table:
        if key == name:
            return display, codes
        if key.startswith(name + " "):
            rest = key[len(name) + 1:]
            rest_orig = original[len(name) + 1:] if len(original) > len(name) else ""
            if OTHER_BODY_RE.match(rest):
                continue
            if PLACE_WORDS_RE.match(rest) or (rest_orig[:1].isupper()):
                return display, codes
    return None


def _code_ok(code: str, accepted: tuple[str, ...]) -> bool:
    for a in accepted:
        if a.endswith("*") and code.startswith(a[:-1]):
            return True
        if code == a:
            return True
    return False


@check(
    "citation.issuer_mismatch",
    severity="error",
    summary="Mã cơ quan trong ký hiệu văn bản được dẫn không khớp với cơ quan ban hành được nêu.",
    message=("Văn bản “{evidence}” được ghi là của {issuer}, nhưng ký hiệu mang mã “{code}”: "
             "văn bản của {issuer} mang mã {expected}{example}."),
    takes_entries=True,
    entry_fields={"names": "str_list", "codes": "str_list"},
    entry_required=("names", "codes"),
)
def issuer_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    """The issuer code in a cited symbol disagrees with the issuer named beside it.

    Fires when:
        ``Chỉ thị số 45-CT/TU ngày 20/6/2020 của Bộ Chính trị`` (Bộ Chính trị signs ``/TW``).
    Does not fire when:
        ``Chỉ thị 03-CT/TU ngày 11/12/2020 của Ban Thường vụ Tỉnh ủy``; ``36-HD/BTCTW … của Ban
        Tổ chức Trung ương``; the named body is not in the issuer list; a joint document.
    Wrong:
        Chỉ thị số 45-CT/TU ngày 20/6/2020 của Bộ Chính trị
    Right:
        Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị
    """
    table = _issuer_table(ctx.entries)
    for c in ctx.ext.citations:
        if not c.symbol or not c.issuer:
            continue
        hit = known_issuer(c.issuer, table)
        if hit is None:
            continue
        display, accepted = hit
        # A joint document ("… của Bộ Thông tin và Truyền thông và Bộ Công an") has two
        # issuers; the "và" inside one body's own name is no join.
        if re.search(r"\b(và|liên tịch)\b", fold(c.issuer).replace(fold(display), " ", 1)):
            continue
        _, codes, system = symbol_parts(c.symbol)
        if not codes:
            continue
        if any(_code_ok(code, accepted) for code in codes):
            continue
        code = codes[0] if system == "party" else "-".join(codes)
        shown = _shown_symbol(c)
        expected = " hoặc ".join("“" + a.rstrip("*") + ("…" if a.endswith("*") else "") + "”" for a in accepted)
        example = ""
        if system == "party" and c.number and len(accepted) == 1 and not accepted[0].endswith("*"):
            example = " (ví dụ “{0}-{1}/{2}”)".format(c.number, symbol_parts(c.symbol)[0], accepted[0])
        yield ctx.finding(c.line, evidence=shown, section=c.section, issuer=c.issuer.strip(),
                          code=code, expected=expected, example=example)


def _shown_symbol(c: Citation) -> str:
    if c.number and c.symbol and not c.symbol.startswith(c.number):
        sep = "-" if symbol_parts(c.symbol)[2] == "party" else "/"
        return c.number + sep + c.symbol
    return c.symbol or c.text


def _key(c: Citation) -> tuple[str, str] | None:
    if not c.number or not c.symbol:
        return None
    num = c.number.lstrip("0") or "0"
    sym = re.sub(r"[\s\-–—/]+", "", fold(c.symbol))
    return num, sym


@check(
    "citation.inconsistent",
    severity="warning",
    summary="Một văn bản được dẫn hai lần với ngày hoặc cơ quan ban hành khác nhau.",
    message=("Văn bản “{evidence}” được dẫn với {what} “{value}”, khác với “{first_value}” ở dòng "
             "{first_line}: cùng một văn bản phải được dẫn thống nhất."),
)
def inconsistent(ctx: CheckContext) -> Iterator[Finding]:
    """One document is cited twice with a different date, issuer or type.

    Fires when:
        ``03-CT/TU ngày 11/12/2020`` and later ``03-CT/TU ngày 12/11/2020``.
    Does not fire when:
        The same citation is repeated identically, or a later mention omits the date.
    Wrong:
        Chỉ thị 03-CT/TU ngày 11/12/2020 … Chỉ thị 03-CT/TU ngày 12/11/2020
    Right:
        Chỉ thị 03-CT/TU ngày 11/12/2020 … Chỉ thị 03-CT/TU
    """
    first: dict[tuple, Citation] = {}
    # The date most mentions agree on (ties: the first written) is the reference, so that
    # one wrong mention among five is reported once, at that mention, not four times.
    usual = _usual_dates(ctx.ext.citations)
    issued = ctx.doc.header.date
    for c in sorted(ctx.ext.citations, key=lambda c: c.line):
        k = _key(c)
        if k is None:
            continue
        if k not in first:
            first[k] = c
        f = first[k]
        ref = usual.get(k)
        if c.date and ref and c.date != ref[0]:
            # A date after the document's own is citation.after_issue's to report.
            if issued is not None and c.date > issued:
                continue
            yield ctx.finding(c.line, evidence=_shown_symbol(c), section=c.section, what="ngày",
                              value=c.date.strftime("%d/%m/%Y"), first_value=ref[0].strftime("%d/%m/%Y"),
                              first_line=ref[1])
        elif c is f:
            continue
        elif c.issuer and f.issuer and fold(c.issuer) != fold(f.issuer) \
                and not (fold(c.issuer) in fold(f.issuer) or fold(f.issuer) in fold(c.issuer)):
            yield ctx.finding(c.line, evidence=_shown_symbol(c), section=c.section,
                              what="cơ quan ban hành", value=c.issuer, first_value=f.issuer,
                              first_line=f.line)
        elif c.doc_type and f.doc_type and fold(c.doc_type) != fold(f.doc_type):
            yield ctx.finding(c.line, evidence=_shown_symbol(c), section=c.section,
                              what="tên loại", value=c.doc_type, first_value=f.doc_type,
                              first_line=f.line)


def _usual_dates(citations) -> dict:
    """For each cited document, (date, line of its first mention) that most mentions give."""
    from collections import Counter
    counts: dict[tuple, Counter] = {}
    first_line: dict[tuple, dict] = {}
    for c in sorted(citations, key=lambda c: c.line):
        k = _key(c)
        if k is None or c.date is None:
            continue
        counts.setdefault(k, Counter())[c.date] += 1
        first_line.setdefault(k, {}).setdefault(c.date, c.line)
    out = {}
    for k, cnt in counts.items():
        best = max(cnt.items(), key=lambda kv: (kv[1], -first_line[k][kv[0]]))[0]
        out[k] = (best, first_line[k][best])
    return out


@check(
    "citation.after_issue",
    severity="warning",
    summary="Văn bản được dẫn có ngày sau ngày ban hành của chính văn bản này.",
    message=("Văn bản được dẫn “{evidence}” đề ngày {cited}, sau ngày ban hành của văn bản này "
             "({issued}): không thể dẫn một văn bản chưa ban hành."),
)
def after_issue(ctx: CheckContext) -> Iterator[Finding]:
    """A cited document is dated after the citing document.

    Fires when:
        A plan of 10/03/2021 cites ``Kế hoạch số 16/KH-UBND ngày 23/03/2021``.
    Does not fire when:
        The cited date is earlier or the same day; the citing document has no date.
    Wrong:
        (ngày 10/3/2021) Căn cứ Kế hoạch số 16/KH-UBND ngày 23/3/2021 …
    Right:
        (ngày 10/3/2021) Căn cứ Kế hoạch số 16/KH-UBND ngày 03/3/2021 …
    """
    issued = ctx.doc.header.date
    if issued is None:
        return
    for c in ctx.ext.citations:
        if c.date and c.date > issued and not c.invalid_date:
            yield ctx.finding(c.line, evidence=_shown_symbol(c), section=c.section,
                              cited=c.date.strftime("%d/%m/%Y"), issued=issued.strftime("%d/%m/%Y"))
