"""text.*: slips in the running text (doubled words, undefined abbreviations, spelling mixes).

Every check here works line by line on body text: a doubled word across a line break
or a table cell boundary is layout, not a slip, and table rows are skipped.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import eq
from typing import Iterator

from pipeline.checks import CheckContext, check
from pipeline.checks._common import is_table_line
from pipeline.model import Finding
from pipeline.text import fold, fold_word, is_upper_line, nfc

# A word: letters only (no digits, so "20 20" or "1 1" never count).
WORD_RE = re.compile(r"[^\W\d_]+")
# Legitimate full reduplication (láy toàn bộ) and nouns that are a doubled syllable.
# Reviewed list: each is standard Vietnamese; add more under `options.allow` in rules/core.yaml.
REDUPLICATION_ALLOW = frozenset(fold(w) for w in """
từ từ|thường thường|ngày ngày|đêm đêm|người người|nhà nhà|ai ai|đâu đâu|mãi mãi|dần dần|
đời đời|lâu lâu|luôn luôn|xa xa|cao cao|đều đều|xanh xanh|đỏ đỏ|năm năm|tháng tháng|
ba ba|chuồn chuồn|cào cào|chôm chôm|sờ sờ|rành rành|lù lù|khư khư|đăm đăm|vù vù|ào ào|
đùng đùng|rầm rầm|ầm ầm|oang oang|chằm chằm|nhà nhà|lớp lớp|đoàn đoàn|từng từng|
hàng hàng|muôn muôn|thôi thôi|vâng vâng|dạ dạ|ừ ừ|phải phải|có có|không không|ha ha|hì hì|
nhiều nhiều|bao bao|cứ cứ""".replace("\n", "").split("|") if w.strip()) - {
    # Not reduplication in written Vietnamese: these doubled are slips.
    fold("có có"), fold("không không"), fold("nhiều nhiều"), fold("bao bao"), fold("cứ cứ"),
    fold("từng từng"), fold("phải phải")}


# A single syllable doubled ("phát triển triển khai", "hành vi vi phạm", "chủ nhiệm nhiệm
# vụ") is nearly always the seam between two compound words, so one-syllable repeats fire
# only for function words that never end or start a compound in administrative text.
FUNCTION_WORDS = frozenset(fold(w) for w in """các những theo của và cho với trong được để đã sẽ
đang này tại là có mà thì cũng đều bị do khi nếu hoặc hay vào một mọi không chưa như nhằm
thuộc trên giữa bằng vì nên rằng tới""".split())


# Compounds whose second syllable is one of FUNCTION_WORDS.
COMPOUND_ENDS = frozenset(fold(w) for w in """tiếp theo|kèm theo|làm theo|noi theo|dựa theo|
hiện có|sẵn có|vốn có|giàu có|nhận được|đạt được|có được|thu được|làm được|tìm được|
nhằm vào|dựa vào|căn cứ vào|đối với|so với|cùng với|kể cả là|tức là|hoặc là|
để cho|giao cho|dành cho""".replace("\n", "").split("|"))


def _body_lines(ctx: CheckContext):
    """Every line but table cells: a slip is a slip in an appendix or a form too."""
    doc = ctx.doc
    for ln in range(1, len(doc.lines) + 1):
        if is_table_line(doc, ln):
            continue
        yield ln, doc.lines[ln - 1]


# Names that begin with the word that may end the name before them.
NAME_STARTS = frozenset(fold(w) for w in (
    "Đảng ủy", "Đảng bộ", "Đảng đoàn", "Đảng viên", "Đảng ủy viên",
))


def _equal_at(keys: list, n: int) -> list[int]:
    """Positions i where keys[i] == keys[i + n]."""
    return list(compress(range(len(keys)), map(eq, keys, keys[n:])))


def find_repeats(line: str, allow: frozenset = REDUPLICATION_ALLOW, max_n: int = 4):
    """Yield (start, end, phrase) of phrases written twice in a row on one line.

    >>> [p for _, _, p in find_repeats("tổ chức tổ chức hiệp thương")]
    ['tổ chức tổ chức']
    """
    words = WORD_RE.findall(line)
    keys = list(map(fold_word, words))
    # Cheap exit for most lines: a phrase of n words written twice needs some word equal to
    # the word n places after it (C-level comparisons, no per-token Python work).
    if not any(any(map(eq, keys, keys[n:])) for n in range(1, max_n + 1)):
        return
    toks = [(a, b, w) for (a, b), w in zip([m.span() for m in WORD_RE.finditer(line)], words)]
    # gap_ok[j]: only blanks between token j and j+1 (no comma, dash, slash …).
    gap_ok = [line[toks[j][1]:toks[j + 1][0]].strip() == "" for j in range(len(toks) - 1)]
    # Only a position whose word comes back 1..max_n words later can start a repeat.
    starts = {i for n in range(1, max_n + 1) for i in _equal_at(keys, n)}
    i = 0
    while i < len(toks):
        if i not in starts:
            i += 1
            continue
        found = None
        for n in range(max_n, 0, -1):
            if i + 2 * n > len(toks):
                continue
            if keys[i] != keys[i + n] or keys[i:i + n] != keys[i + n:i + 2 * n]:
                continue
            if not all(gap_ok[i:i + 2 * n - 1]):
                continue
            phrase = " ".join(keys[i:i + 2 * n])
            if n == 1:
                w, w2 = toks[i][2], toks[i + 1][2]
                if phrase in allow or (len(w) == 1 and w.isascii()):
                    continue
                # "Ban Ban chấp hành": the same capitalised word twice is a slip too.
                capital_pair = w[:1].isupper() and not w.isupper() and fold(w) == fold(w2)
                # "Ban Xây dựng Đảng Đảng ủy xã": one name ends, the next begins.
                if capital_pair and i + 2 < len(toks) and \
                        keys[i + 1] + " " + keys[i + 2] in NAME_STARTS:
                    capital_pair = False
                # "Chỉ thị số số 46": "số" twice before a number.
                number_pair = keys[i] == "số" and re.match(r"\s*\d", line[toks[i + 1][1]:]) is not None
                if keys[i] not in FUNCTION_WORDS and not capital_pair and not number_pair:
                    continue
                # "kỳ họp tiếp theo theo đề nghị", "hiện có có số lượng": a compound that
                # ends in the function word, then the word itself.
                if i > 0 and keys[i - 1] + " " + keys[i] in COMPOUND_ENDS:
                    continue
            found = (toks[i][0], toks[i + 2 * n - 1][1], line[toks[i][0]:toks[i + 2 * n - 1][1]])
            break
        if found:
            yield found
            i += 2
        else:
            i += 1


@check(
    "text.repeated_word",
    severity="warning",
    summary="Từ hoặc cụm từ bị lặp lại liền nhau.",
    message=("Cụm “{evidence}” lặp lại liền nhau, có lẽ do sơ suất; nên là “{expected}”."),
    options={"allow": "str_list"},
)
def repeated_word(ctx: CheckContext) -> Iterator[Finding]:
    """A word or phrase is written twice in a row by mistake.

    Fires when:
        ``tổ chức tổ chức hiệp thương``, ``các các``, ``theo theo``, ``Ban Ban chấp hành``.
    Does not fire when:
        Legitimate reduplication (``từ từ``, ``thường thường``, ``ngày ngày``, ``năm năm``);
        numbers (``20 20``); the repeat is split by punctuation (``Tổ chức, tổ chức``) or falls
        across a line break or a table cell.
    Wrong:
        cho Ủy ban MTTQ Việt Nam cấp huyện, cấp xã tổ chức tổ chức hiệp thương
    Right:
        cho Ủy ban MTTQ Việt Nam cấp huyện, cấp xã tổ chức hiệp thương
    """
    allow = REDUPLICATION_ALLOW | {fold(w) for w in ctx.options.get("allow", ())}
    for ln, line in _body_lines(ctx):
        for start, end, phrase in find_repeats(line, allow):
            words = phrase.split()
            expected = " ".join(words[:len(words) // 2])
            yield ctx.finding(ln, evidence=phrase, expected=expected)


# An abbreviation: two or more capitals, maybe with lower-case letters inside (UBMTTQVN,
# HĐBCQG, CTrTT); not part of a symbol ("KH/BCĐ", "QĐ-UBND": a slash or hyphen touches it).
ABBR_RE = re.compile(r"(?<![\w/\-–.])(?P<a>[A-ZĐ][A-ZĐ]*[a-z]?[A-ZĐ]+)(?![\w/\-–])")
# "Hội đồng bầu cử quốc gia (HĐBCQG)", "(sau đây gọi tắt là HĐBCQG)": a definition.
DEFINED_RE = re.compile(r"\((?:sau\s+đây\s+)?(?:gọi\s+)?(?:tắt\s+)?(?:là\s+)?(?:viết\s+tắt\s+)?(?:là\s+)?[“\"]?(?P<a>[A-ZĐ][A-Za-zĐđ]+)[”\"]?\)")
# Abbreviations every reader of administrative text knows (NĐ 30 Phụ lục I allows them
# in the header; the rest are standard in Party and State texts).
COMMON_ABBR = frozenset("""UBND HĐND MTTQ TW TƯ UBMTTQ CNTT THPT THCS BCH BTV ĐBQH QH CP TTg
VN TP TX BCĐ VP UB CB CCVC CBCC VBQPPL KT XH KTXH ATGT TTATGT ANTT ANQP QPAN BHXH BHYT
THÔNG TIN ĐT GD GDĐT ĐH CĐ SGK PCCC TNHH CT TNCS HCM MTTQVN UBBC KH QĐ NQ HD TB BC CV
COVID PDF HTML USB PC OK""".split())


@check(
    "text.undefined_abbreviation",
    severity="info",
    summary="Chữ viết tắt dùng mà không được giải thích.",
    message=("Chữ viết tắt “{evidence}” được dùng mà không có tên đầy đủ kèm “({evidence})” ở lần "
             "dùng đầu tiên."),
    options={"known": "str_list"},
)
def undefined_abbreviation(ctx: CheckContext) -> Iterator[Finding]:
    """An abbreviation is used without being defined at its first use.

    Fires when:
        ``(*HĐBCQG yêu cầu tổng kết trước ngày 22/6/2021*)`` with no
        ``Hội đồng bầu cử quốc gia (HĐBCQG)`` earlier.
    Does not fire when:
        The abbreviation is defined (``Hội đồng bầu cử quốc gia (HĐBCQG)``), is common
        (``UBND``, ``HĐND``, ``MTTQ``), sits in a symbol (``01-KH/BCĐ``) or in a heading in capitals.
    Wrong:
        HĐBCQG yêu cầu tổng kết trước ngày 22/6/2021
    Right:
        Hội đồng bầu cử quốc gia (HĐBCQG) yêu cầu tổng kết trước ngày 22/6/2021
    """
    known = COMMON_ABBR | set(ctx.options.get("known", ()))
    defined = {m.group("a") for m in DEFINED_RE.finditer("\n".join(ctx.doc.lines))}
    reported: set[str] = set()
    start = max(ctx.doc.header.body_start, 1)
    last = ctx.doc.body_last
    for ln in range(start, last + 1):
        line = ctx.doc.lines[ln - 1]
        if is_upper_line(line) or is_table_line(ctx.doc, ln):
            continue
        for m in ABBR_RE.finditer(line):
            a = m.group("a")
            if a in known or a in defined or a in reported or len(a) < 3:
                continue
            if re.fullmatch(r"[IVXLC]+", a):
                continue
            reported.add(a)
            yield ctx.finding(ln, evidence=a)


# Old and new tone placement: "khoá"/"khóa", "hoà"/"hòa", "uỷ"/"ủy".
TONE_VARIANT_RE = re.compile(r"(?i)(?:o[àáảãạ]|[òóỏõọ]a|o[èéẻẽẹ]|[òóỏõọ]e|u[ỳýỷỹỵ]|[ùúủũụ]y)")


@lru_cache(maxsize=1 << 15)
def _tone_variant(word: str) -> str | None:
    """The word in lower case when it carries a tone that has two placements, else None.

    Memoised: this runs on every word of every body line, over a small vocabulary.
    """
    w = nfc(word).lower()
    return w if TONE_VARIANT_RE.search(w) else None


@check(
    "text.inconsistent_spelling",
    severity="info",
    summary="Cùng một từ viết hai kiểu bỏ dấu khác nhau.",
    message=("Từ “{evidence}” viết khác với “{other}” ({count} lần ở chỗ khác): nên thống nhất "
             "một cách bỏ dấu trong văn bản."),
)
def inconsistent_spelling(ctx: CheckContext) -> Iterator[Finding]:
    """One word is written with two tone-mark placements in the same document.

    Fires when:
        ``khoá XV`` on one line and ``khóa XV`` on the others: the rarer form is reported.
    Does not fire when:
        The document is consistent, in either convention.
    Wrong:
        Quốc hội khoá XV … Quốc hội khóa XV
    Right:
        Quốc hội khóa XV … Quốc hội khóa XV
    """
    seen: dict[str, Counter] = {}
    first: dict[str, int] = {}
    for ln, line in _body_lines(ctx):
        if not TONE_VARIANT_RE.search(line):
            continue      # no word of the line can carry a variant (lines are NFC; the pattern ignores case)
        for word in WORD_RE.findall(line):
            w = _tone_variant(word)
            if w is None:
                continue
            seen.setdefault(fold(w), Counter())[w] += 1
            first.setdefault(w, ln)
    for key, forms in seen.items():
        if len(forms) < 2:
            continue
        (major, count), *rest = forms.most_common()
        for w, _ in rest:
            yield ctx.finding(first[w], evidence=w, other=major, count=count)
