"""deadline.*: dates that do not exist, go backwards, clash, miss a constraint or a weekday.

The checks read `Extraction.deadlines` (kind/start/end/latest_day, constraint flag) and,
for the two calendar checks (invalid dates and weekdays), also scan the lines themselves,
so that a date the extractor did not keep is still judged.
"""
from __future__ import annotations

import calendar
import re
from bisect import bisect_left
from datetime import date
from functools import lru_cache
from typing import Iterator

from pipeline.checks import CheckContext, check
from pipeline.checks._common import (folded_leaf_text, folded_line, folded_title, leaf_text,
                                     may_fold_to_contain, section_at, section_end_in,
                                     sibling_groups, step_at_start, step_at_start_folded, step_of,
                                     table_flags)
from pipeline.model import Deadline, Finding
from pipeline.text import fold

# ------------------------------------------------------------------ shared helpers


def _key(d: Deadline) -> date | None:
    """The day a deadline is compared by: its last valid day, else its start."""
    if d.invalid:
        return None
    return d.latest_day() or d.start


def _fmt(d: date | None) -> str:
    return d.strftime("%d/%m/%Y") if d else "?"


def _plan(ctx: CheckContext) -> tuple[Deadline, ...]:
    """The plan's own deadlines (not constraints, not impossible dates); once per run."""
    return ctx.memo(_find_plan)


def _find_plan(ctx: CheckContext) -> tuple[Deadline, ...]:
    return tuple(d for d in ctx.ext.deadlines if not d.constraint and not d.invalid)


# ------------------------------------------------------------------ deadline.invalid

# "31/02/2021", "30.02.2021", "31-4-2021": a full numeric date.  The look-arounds keep
# symbols ("09/2010/QĐ-UBND") and longer numbers out.  The look-behind sits after the first
# digit (it then tests the character before it): a pattern that opens with a digit is
# scanned for quickly, one that opens with a look-behind is tried at every position.
FULL_DATE_RE = re.compile(r"(?P<d>\d(?<![\d/.\-]\d)\d?)\s?(?P<s>[/.\-])\s?(?P<m>\d{1,2})(?P=s)(?P<y>(?:19|20)\d{2})(?![\d/])")
# "ngày 31 tháng 4 năm 2021"
WORD_DATE_RE = re.compile(r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s+năm\s+(?P<y>\d{4})", re.I)
# "trước 30/2", "ngày 31/4": day/month without a year, after a word that introduces a date.
SHORT_DATE_RE = re.compile(r"(?:ngày|trước|sau|từ|đến|hạn)\s+(?P<d>\d{1,2})/(?P<m>\d{1,2})(?![\d/])", re.I)


# A decimal digit other than 0-9 ("２９", "٢٩"): \d and int() read those too.  See _other_digit.
_OTHER_DIGIT_RE = re.compile(r"[\u0660-\u1e9f\u1f00-\u1fff\u2070-\U0010ffff](?<=\d)")


def _other_digit(line: str) -> bool:
    """True when `line` holds a decimal digit other than 0-9.

    None lies below U+0660, nor among the Vietnamese letters (U+1EA0-U+1EFF) and the
    punctuation (U+2000-U+206F) that fill Vietnamese text, so _OTHER_DIGIT_RE tests \\d
    (its look-behind) only on the other characters: twice as fast over a line as
    [^\\D0-9], which tests every character.

    >>> from itertools import chain
    >>> skipped = chain(range(0x660), range(0x1EA0, 0x1F00), range(0x2000, 0x2070))
    >>> [c for c in map(chr, skipped) if c.isdecimal() and not "0" <= c <= "9"]
    []
    >>> _other_digit("ngày ٣١/٤"), _other_digit("ngày 31/4 – “Hà Nội”")
    (True, False)
    """
    return _OTHER_DIGIT_RE.search(line) is not None


def _month_days(m: int, y: int | None) -> int:
    """Days in month m; with no year written, a leap year, so that 29/2 is allowed."""
    return calendar.monthrange(y if y else 2024, m)[1]


def _impossible(d: int, m: int, y: int | None) -> bool:
    if not (1 <= m <= 12) or d < 1:
        return False
    return d > _month_days(m, y)


@check(
    "deadline.invalid",
    severity="error",
    summary="Ngày tháng không tồn tại trên lịch.",
    message="Ngày “{evidence}” không tồn tại: tháng {month} năm {year} chỉ có {days} ngày.",
)
def invalid(ctx: CheckContext) -> Iterator[Finding]:
    """A date that does not exist.

    Fires when:
        ``31/02/2021``, ``30/2``, ``ngày 31 tháng 4 năm 2021``.
    Does not fire when:
        ``29/02/2024`` (leap year); symbols such as ``09/2010/QĐ-UBND``; the header's own
        date (header.invalid_date reports it).
    Wrong:
        Thời gian: chậm nhất là ngày 31/02/2021
    Right:
        Thời gian: chậm nhất là ngày 28/02/2021
    """
    done: set[int] = set()
    for d in ctx.ext.deadlines:
        if d.invalid:
            m = FULL_DATE_RE.search(d.text) or WORD_DATE_RE.search(d.text) or SHORT_DATE_RE.search(d.text)
            day, month = (int(m.group("d")), int(m.group("m"))) if m else (0, 0)
            year = int(m.group("y")) if m and "y" in m.groupdict() and m.group("y") else None
            days = _month_days(month, year) if 1 <= month <= 12 else 0
            yield ctx.finding(d.line, evidence=d.text, section=d.section, month=month or "?",
                              year=year or "này", days=days or "?")
            done.add(d.line)
    header_line = ctx.doc.header.date_line
    for ln, line in enumerate(ctx.doc.lines, 1):
        if ln in done or ln == header_line:
            continue
        # Every month has 28 days: only a day of 29, 30 or 31 can be impossible.  Written in
        # 0-9 that is one of three substrings (fast to look for); other digits are rare.
        if "29" not in line and "30" not in line and "31" not in line \
                and not _other_digit(line):
            continue
        for rx in (FULL_DATE_RE, WORD_DATE_RE, SHORT_DATE_RE):
            for m in rx.finditer(line):
                day, month = int(m.group("d")), int(m.group("m"))
                year = int(m.group("y")) if "y" in m.groupdict() and m.group("y") else None
                if 1 <= month <= 12 and 1 <= day <= 31 and _impossible(day, month, year):
                    yield ctx.finding(ln, evidence=m.group(0).strip(), month=month,
                                      year=year if year else "này",
                                      days=_month_days(month, year))
                    done.add(ln)
                    break
            if ln in done:
                break


# ------------------------------------------------------------------ weekday

WEEKDAY_WORDS = {"hai": 0, "2": 0, "ba": 1, "3": 1, "tư": 2, "4": 2, "năm": 3, "5": 3,
                 "sáu": 4, "6": 4, "bảy": 5, "7": 5}
WEEKDAY_NAMES = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")
_WD = r"(?P<wd>thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật|cn)"
_DATE = r"(?P<d>\d{1,2})\s?[/.\-]\s?(?P<m>\d{1,2})\s?[/.\-]\s?(?P<y>(?:19|20)\d{2})(?![\d/])"
# "Thứ Bảy, ngày 06/02/2021", "chủ nhật, 23/5/2021", "thứ 2 (04/01/2015)".
WD_BEFORE_RE = re.compile(_WD + r"\s*[,(\-–]?\s*(?:ngày\s+)?" + _DATE, re.I)
# "Ngày 04/01/2015 (thứ 2)", "23/5/2021 - chủ nhật".
WD_AFTER_RE = re.compile(_DATE + r"\s*(?:\(\s*|,\s*|[-–]\s*)" + _WD + r"(?!\w)", re.I)
# "lần thứ năm, ngày 04/6/2021" is an ordinal, not Thursday.
ORDINAL_BEFORE_RE = re.compile(r"(lần|họp|kỳ|khóa|khoá|phiên|đợt|nghị|hội|đại|bước|mục|điều|phần|chương|ngày)\s*$", re.I)


def _weekday_index(wd: str) -> int:
    w = fold(wd)
    if w.startswith("chủ") or w == "cn":
        return 6
    return WEEKDAY_WORDS[w.split()[-1]]


@check(
    "deadline.weekday_mismatch",
    severity="warning",
    summary="Thứ trong tuần ghi cạnh ngày không khớp với lịch.",
    message=("Ngày {date} là {actual}, không phải “{written}” như văn bản ghi (“{evidence}”)."),
)
def weekday_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    """A weekday written beside a date disagrees with the calendar.

    Fires when:
        ``Ngày 04/01/2015 (thứ 2)`` (that was a Sunday); ``02/01/2011 (thứ 2)``.
    Does not fire when:
        ``Ngày 05/01/2015 (thứ 2)``; ``chủ nhật, 23/5/2021``; ``lần thứ năm, ngày 04/6/2021``
        (an ordinal, not Thursday).
    Wrong:
        Ngày 04/01/2015 (thứ 2)
    Right:
        Ngày 05/01/2015 (thứ 2)
    """
    covered: set[int] = set()
    for ln, line in enumerate(ctx.doc.lines, 1):
        # Both patterns need a year (19xx/20xx) and a weekday word (thứ, chủ nhật, CN): two
        # substring tests skip most lines before either regex runs.  Under re.I the letters
        # of "thứ", "chủ" and "cn" match exactly the characters that lower() maps onto them.
        if "19" not in line and "20" not in line:
            continue
        low = line.lower()
        if "thứ" not in low and "chủ" not in low and "cn" not in low:
            continue
        for rx in (WD_BEFORE_RE, WD_AFTER_RE):
            for m in rx.finditer(line):
                if rx is WD_BEFORE_RE and ORDINAL_BEFORE_RE.search(line[:m.start()]):
                    continue
                try:
                    day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
                except ValueError:
                    continue                      # deadline.invalid reports it
                covered.add(ln)
                want = _weekday_index(m.group("wd"))
                if day.weekday() != want:
                    yield ctx.finding(ln, evidence=m.group(0).strip(), date=_fmt(day),
                                      actual=WEEKDAY_NAMES[day.weekday()], written=m.group("wd"))
    for d in ctx.ext.deadlines:
        if not d.weekday or d.line in covered or d.invalid:
            continue
        day = d.start if d.kind in ("on", "after", "range", "period") and d.start else d.end
        if day is None:
            continue
        try:
            want = _weekday_index(d.weekday)
        except (KeyError, IndexError):
            continue
        if day.weekday() != want:
            yield ctx.finding(d.line, evidence=d.text, section=d.section, date=_fmt(day),
                              actual=WEEKDAY_NAMES[day.weekday()], written=d.weekday)


# ------------------------------------------------------------------ before_issue

# "chậm nhất là 105 ngày trước ngày bầu cử": an offset, not a calendar date of this plan.
RELATIVE_RE = re.compile(r"\d+\s*ngày\s+(?:làm\s+việc\s+)?(?:trước|sau|kể\s+từ)", re.I)

@check(
    "deadline.before_issue",
    severity="warning",
    summary="Thời hạn của nhiệm vụ đã qua trước ngày ban hành văn bản.",
    message=("Thời hạn “{evidence}” ({day}) đã qua trước ngày ban hành văn bản ({issued}): "
             "nhiệm vụ không thể thực hiện đúng hạn; kiểm tra lại ngày, tháng, năm."),
)
def before_issue(ctx: CheckContext) -> Iterator[Finding]:
    """A task deadline lies before the document's own date.

    Only deadlines that bind a task are judged: kinds ``by``/``before``, or any deadline
    attached to a task, after the preamble (Căn cứ / Thực hiện lines cite earlier
    documents and events).  Constraints and cited documents' dates never count.

    Fires when:
        A plan dated 10/03/2021 says ``chậm nhất là ngày 05/03/2021``.
    Does not fire when:
        Deadlines on or after the issue date; ``Căn cứ Kế hoạch số … ngày 05/01/2021``;
        a past event recounted (``Ngày 15/10/2025, Ban Thường trực đã …``).
    Wrong:
        (ngày 10/3/2021) - Thời gian: chậm nhất là ngày 05/3/2021
    Right:
        (ngày 10/3/2021) - Thời gian: chậm nhất là ngày 15/3/2021
    """
    issued = ctx.doc.header.date
    if issued is None:
        return
    in_task = {(d.line, d.text) for t in ctx.ext.tasks for d in t.deadlines}
    cited_lines = {c.line for c in ctx.ext.citations}
    first_section = ctx.doc.sections[0].line if ctx.doc.sections else ctx.doc.header.body_start
    for d in _plan(ctx):
        if d.line < first_section or d.relative or RELATIVE_RE.search(d.text):
            continue
        line = ctx.doc.lines[d.line - 1]
        # by/before say "no later than"; another kind binds a task only when it fills a
        # "Thời gian/Thời hạn" field of that task.
        if d.kind not in ("by", "before") and not ((d.line, d.text) in in_task and FIELD_RE.match(line)):
            continue
        if d.kind == "after":
            continue
        last = d.end if d.kind != "before" else d.latest_day()
        if last is None or last >= issued:
            continue
        if d.line in cited_lines and fold(d.text).startswith("ngày"):
            continue
        yield ctx.finding(d.line, evidence=d.text, section=d.section, day=_fmt(last),
                          issued=_fmt(issued))


# ------------------------------------------------------------------ order

def _section_deadline(ctx: CheckContext, sec) -> Deadline | None:
    """The first dated plan deadline within `sec` (children included): of the lowest line,
    the first in plan order."""
    lines, dated = ctx.memo(_dated_plan)
    i = bisect_left(lines, sec.line)
    if i == len(dated):
        return None                 # none at or below the heading: no need for the end
    return dated[i] if lines[i] <= section_end_in(ctx, sec) else None


def _dated_plan(ctx: CheckContext) -> tuple[list[int], list[Deadline]]:
    """(lines, deadlines): the plan's deadlines that have a day, by line (plan order within
    a line; sorted() is stable), so that a section finds its first one by bisection."""
    dated = sorted((d for d in _plan(ctx) if _key(d) is not None), key=lambda d: d.line)
    return [d.line for d in dated], dated


# A line that reports on a step ("nghe báo cáo kết quả hiệp thương lần thứ hai") is not it.
REPORTED_STEP_RE = re.compile(r"kết quả|báo cáo|chuẩn bị|sau\s+(khi\s+)?(hội nghị|hiệp thương)")
# "chuẩn bị cho hội nghị hiệp thương lần thứ ba": what is prepared.
PREPARES_RE = re.compile(r"chuẩn bị (?:cho )?(.{0,60})")
# "(1) Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025" (kh_mttq-xa-luong-minh …
# 16-KH-MTTQ-BTT:101–105): holding a round is the round.  Only these verbs: "Gửi biên bản
# hiệp thương lần thứ hai", "Báo cáo kết quả …" are about a step, not the step.
ORGANISE_RE = re.compile(r"^(?:tổ chức|tiến hành|triệu tập)\s+")
LEAD_LABEL_RE = re.compile(r"^\(\d{1,2}\)\s*")


def _opening_step(text: str, folded: str | None = None) -> tuple[str, int] | None:
    """step_at_start, also past a "(1)" label and an organising verb.

    `folded` is fold(text) when the caller has it already (headings are folded once per run).
    """
    if folded is None:
        folded = fold(text)
    st = step_at_start_folded(folded)
    if st is not None:
        return st
    t = folded.lstrip(" -+•*\t")
    if t.startswith("("):           # LEAD_LABEL_RE is anchored on "(": nothing to cut otherwise
        t = LEAD_LABEL_RE.sub("", t)
    m = ORGANISE_RE.match(t)
    return step_at_start(t[m.end():]) if m else None


def _step_items(ctx: CheckContext):
    """(head, ordinal, deadline, line) for steps named by a heading or opening a line."""
    items = []
    used: set[tuple[int, str]] = set()
    if not _plan(ctx):
        return items                # nothing dated: no step item (both loops need a deadline)
    for _, sibs in sibling_groups(ctx.doc):
        for sec in sibs:
            if not sec.title:
                continue
            # The deadline first: a bisection, cheaper than reading the heading for a step.
            d = _section_deadline(ctx, sec)
            if d is None:
                continue
            st = _opening_step(sec.title[:80], folded_title(ctx, sec))
            if st is not None:
                items.append((st[0], st[1], d, sec.line))
                used.add((d.line, d.text))
    for d in _plan(ctx):
        if (d.line, d.text) in used or _key(d) is None:
            continue
        line = ctx.doc.lines[d.line - 1]
        pos = line.find(d.text)
        before = line[:pos] if pos > 0 else line
        # The step must open the line (a table cell or after a bullet), not be reported on:
        # "nghe báo cáo kết quả hiệp thương lần thứ hai" is a meeting, not round two.
        cell = re.split(r"\|", before)[-1] if "|" in before else before
        cell = cell.lstrip(" -+•*\t")
        st = _opening_step(cell[:90])
        if st is None or REPORTED_STEP_RE.search(fold(cell)):
            continue
        items.append((st[0], st[1], d, d.line))
    return items


def _table_runs(ctx: CheckContext):
    """Consecutive table lines with exactly one plan deadline each, per table."""
    by_line: dict[int, list[Deadline]] = {}
    for d in _plan(ctx):
        if _key(d) is not None:
            by_line.setdefault(d.line, []).append(d)
    runs, cur, prev_ln = [], [], None
    in_table = table_flags(ctx)
    if not any(len(ds) == 1 and 1 <= ln <= len(in_table) and in_table[ln - 1]
               for ln, ds in by_line.items()):
        return runs                 # no table row with one deadline, no run: skip the line walk
    for ln in range(1, len(ctx.doc.lines) + 1):
        if not in_table[ln - 1]:
            if ctx.doc.lines[ln - 1].strip():
                if cur:
                    runs.append(cur)
                cur = []
            continue
        ds = by_line.get(ln, [])
        if len(ds) == 1:
            cur.append(ds[0])
    if cur:
        runs.append(cur)
    return runs


# ---- a step that may still run when the next one has begun
#
# kh_dh-cong-thuong-tphcm_753-KH-DCT … khao-sat-hai-long:67–68: row 2 "Chọn mẫu ngẫu nhiên,
# chuẩn bị tài khoản/đường dẫn và hướng dẫn khảo sát | Trước ngày 30/6/2026" (so as late as
# 29/6) is followed by row 3 "Triển khai khảo sát trực tuyến … | 29/6/2026 - 09/7/2026": the
# survey opens before the accounts it needs are due.  Rows of a schedule are often parallel
# duties with their own legal deadlines (kh-ubnd-xa-tan-an-to-chuc-bau-cu-2026:33–34,
# "Thành lập các Tổ bầu cử | Chậm nhất ngày 31/01" then "Tiếp nhận hồ sơ | Từ ngày 05/01
# …"), so a row is judged only when it says it prepares (PREP_RE) and the next row names
# the same thing (a shared two-syllable word in the same column).  Numbered steps of one
# kind (Đợt 1/2, lần thứ nhất/hai, Bước 1/2) follow each other by their very numbering.

# Row k prepares: "chuẩn bị tài khoản", "chọn mẫu", "xây dựng bộ câu hỏi", "tập huấn".
PREP_RE = re.compile(r"chuẩn bị|chọn mẫu|soạn thảo|tập huấn|lập danh sách|"
                     r"xây dựng (?:kế hoạch|phương án|đề cương|tài liệu|bộ câu hỏi|phiếu|công cụ)")
# Rows or steps that run alongside the others by design.
PARALLEL_RE = re.compile(r"thường xuyên|trong suốt|suốt (?:quá trình|thời gian)|xuyên suốt|song song|"
                         r"đồng thời|tuyên truyền|liên tục|hằng ngày|hàng ngày|hằng tuần|hàng tuần|"
                         r"định kỳ|cả năm|trong năm|toàn bộ (?:quá trình|thời gian)")
# A month without a day ("Tháng 6/2026", "Từ tháng 01 đến …"): too coarse to order by day.
MONTH_ONLY_RE = re.compile(r"(?<!\d\s)(?<!\d)tháng\s*\d{1,2}(?!\d)")
PAGE_NUMBER_RE = re.compile(r"^\s*-?\s*\d{1,3}\s*-?\s*$")
ROW_NUMBER_RE = re.compile(r"^\s*(?:\d{1,2}|[IVX]{1,4})\.?\s*$")
_SYLLABLE_RE = re.compile(r"\w+")
# Syllables that make no shared object ("và", "các") and pairs every row of a plan shares
# ("thực hiện", "theo dõi").
_FUNCTION_SYLLABLES = frozenset(
    "và các của cho theo với để trên tại về đến từ những được có là trong khi sau trước đã "
    "này đó một mỗi hoặc hay nếu thì do bởi vào ra lại cùng đối".split())
_GENERIC_PAIRS = frozenset((
    "thực hiện", "triển khai", "tổ chức", "theo dõi", "đôn đốc", "hướng dẫn", "phối hợp",
    "chủ trì", "hoàn thành", "hoàn thiện", "tổng hợp", "rà soát", "kiểm tra", "đơn vị",
    "liên quan", "chuẩn bị", "xây dựng", "kế hoạch", "nội dung", "công việc", "thời gian",
    "báo cáo kết", "ban hành", "trình lãnh", "lãnh đạo"))


def _row_like(in_table: bool, line: str) -> bool:
    """A table row, also a transcribed one without the leading bar ("2 | Chọn mẫu … | …")."""
    return in_table or line.count("|") >= 2


def _cells(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    while cells and not cells[0]:
        cells.pop(0)
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _first_day(d: Deadline):
    """The first day a step may run: range/on/period start, the day after "sau ngày X"."""
    from datetime import timedelta
    if d.kind in ("range", "on", "period"):
        return d.start
    if d.kind == "after" and d.start is not None:
        return d.start + timedelta(days=1) if d.exclusive else d.start
    return None


def _last_day(d: Deadline):
    """The last day a step may still run: by/before/range end."""
    return d.latest_day() if d.kind in ("by", "before", "range") else None


def _coarse(d: Deadline) -> bool:
    return d.kind == "period" or bool(MONTH_ONLY_RE.search(fold(d.text)))


def _pairs(text: str) -> set[str]:
    words = _SYLLABLE_RE.findall(fold(text))
    out = set()
    for a, b in zip(words, words[1:]):
        if a in _FUNCTION_SYLLABLES or b in _FUNCTION_SYLLABLES or a.isdigit() or b.isdigit():
            continue
        if "{0} {1}".format(a, b) not in _GENERIC_PAIRS:
            out.add("{0} {1}".format(a, b))
    return out


def _row_chains(ctx: CheckContext) -> list[list[Deadline]]:
    """Consecutive dated schedule rows, one deadline each, in order.

    Between two rows only blank lines, a page number or a (repeated) header row may stand;
    an undated row, a row with two deadlines or any other line ends the chain.
    """
    by_line: dict[int, list[Deadline]] = {}
    for d in _plan(ctx):
        if _key(d) is not None:
            by_line.setdefault(d.line, []).append(d)
    chains: list[list[Deadline]] = []
    cur: list[Deadline] = []
    flags = table_flags(ctx)
    rows = [ln for ln, ds in by_line.items() if len(ds) == 1 and 1 <= ln <= len(flags)
            and _row_like(flags[ln - 1], ctx.doc.lines[ln - 1])]
    if len(rows) < 2:
        return chains               # a chain needs two rows with one deadline each: no walk

    def close():
        nonlocal cur
        if len(cur) >= 2:
            chains.append(cur)
        cur = []

    for ln, (text, in_table) in enumerate(zip(ctx.doc.lines, flags), 1):
        if not _row_like(in_table, text):
            if cur and text.strip() and not PAGE_NUMBER_RE.match(text):
                close()                         # (closing an empty chain changes nothing)
            continue
        ds = by_line.get(ln, [])
        if not ds:
            cells = _cells(text)
            if cells and ROW_NUMBER_RE.match(cells[0]):
                close()                         # an undated row in between
            continue                            # a (repeated) header row
        if len(ds) > 1:
            close()
            continue
        cur.append(ds[0])
    close()
    return chains


def _task_cell(line: str, d: Deadline) -> tuple[int, str] | None:
    """(column, text) of the cell of a row that says it prepares, without its deadline."""
    for i, c in enumerate(_cells(line)):
        if d.text in c:
            continue
        if PREP_RE.search(fold(c)):
            return i, c
    return None


def _row_name(line: str, col: int) -> str:
    cells = _cells(line)
    num = cells[0] if cells and ROW_NUMBER_RE.match(cells[0]) else None
    task = cells[col] if col < len(cells) else line.strip()
    task = task if len(task) <= 80 else task[:77].rstrip(" ,;") + "…"
    return ("dòng {0} của bảng tiến độ (“{1}”)".format(num.strip().rstrip("."), task) if num
            else "dòng “{0}” của bảng tiến độ".format(task))


PREP_MESSAGE = ("Thời hạn “{evidence}” của {step} (có thể kéo dài đến hết {day}) không xong trước "
                "khi {next_step} bắt đầu ({next_day}, “{next_evidence}”, dòng {next_line}): bước "
                "trước (việc chuẩn bị) phải xong trước ngày bước sau bắt đầu.")


def _overlaps(d0: Deadline, d1: Deadline) -> tuple | None:
    """(last day of d0, first day of d1) when d0 may still run on or after d1 has begun."""
    if _coarse(d0) or _coarse(d1) or d0.relative or d1.relative:
        return None
    last, first = _last_day(d0), _first_day(d1)
    if last is None or first is None or last < first:
        return None
    return last, first


def _covers_run(d: Deadline, others: list[Deadline]) -> bool:
    """A range spanning every other dated row: the whole plan's period, not one step."""
    others = [o for o in others if o is not d]
    if d.kind != "range" or d.start is None or d.end is None or len(others) < 2:
        return False
    return all((o.start or o.end) is not None and d.start <= (o.start or o.end)
               and d.end >= (_key(o) or d.end) for o in others)


@check(
    "deadline.order",
    severity="error",
    summary="Các bước phải nối tiếp nhau nhưng thời hạn đi ngược.",
    message=("Thời hạn “{evidence}” của {step} ({day}) sớm hơn thời hạn của {prev_step} "
             "({prev_day}, dòng {prev_line}): các bước nối tiếp phải có thời hạn tăng dần."),
)
def order(ctx: CheckContext) -> Iterator[Finding]:
    """Steps that must follow each other have deadlines going backwards.

    Steps are numbered meetings and rounds named in headings (``2.3. Cuộc họp lần thứ ba``),
    lines that open with a step (``- Hội nghị hiệp thương lần thứ hai: ngày …``, ``Đợt 2:``),
    rows of a schedule table that is otherwise in date order, and a preparation step
    (``chuẩn bị cho hội nghị hiệp thương lần thứ ba``) due after the step it prepares.

    A step that may still run when the next has begun is reported on its own line: a
    schedule row that prepares (``chuẩn bị``, ``chọn mẫu``, ``tập huấn`` …) whose last day
    (by/before/range end) is on or after the first day of the next row naming the same
    thing, and step k of numbered steps (``Đợt 1``/``Đợt 2``) ending on or after step k+1
    begins.

    Fires when:
        Meeting 3 ``chậm nhất là ngày 23/3/2021``, meeting 4 ``chậm nhất là ngày 20/3/2021``;
        row ``Chọn mẫu, chuẩn bị tài khoản khảo sát | Trước ngày 30/6/2026`` before row
        ``Triển khai khảo sát trực tuyến | 29/6/2026 - 09/7/2026``.
    Does not fire when:
        Equal or increasing deadlines; a line that reports on a step (``nghe báo cáo kết quả
        hiệp thương lần thứ hai``) rather than being it; rows that run alongside by design
        (``tuyên truyền``, ``thường xuyên``, ``song song``, a range over the whole plan), a
        whole-month deadline (``Tháng 6/2026``), a row that prepares something the next
        row does not name, ``Đợt 2: … đến ngày bầu cử 15/3`` then ``Đợt 3: Sau ngày bầu cử``.
    Wrong:
        2.3. Cuộc họp lần thứ ba … 23/3/2021 / 2.4. Cuộc họp lần thứ tư … 20/3/2021
    Right:
        2.3. Cuộc họp lần thứ ba … 23/3/2021 / 2.4. Cuộc họp lần thứ tư … 20/4/2021
    """
    items = _step_items(ctx)
    fired: set[int] = set()
    by_head: dict[str, list] = {}
    for it in items:
        by_head.setdefault(it[0], []).append(it)
    for head, group in by_head.items():
        group.sort(key=lambda it: (it[1], it[3]))
        for (h0, o0, d0, l0), (h1, o1, d1, l1) in zip(group, group[1:]):
            if o1 <= o0:
                continue
            if _key(d1) < _key(d0) and d1.line not in fired:
                fired.add(d1.line)
                yield ctx.finding(d1.line, evidence=d1.text, section=d1.section,
                                  step="{0} thứ {1}".format(head, o1), day=_fmt(_key(d1)),
                                  prev_step="{0} thứ {1}".format(head, o0), prev_day=_fmt(_key(d0)),
                                  prev_line=d0.line)
    # Preparation for a later step that is itself dated in the document.
    steps = {(h, o): d for h, o, d, _ in items}
    for d in _plan(ctx) if steps else ():     # (with no dated step nothing can be prepared)
        sec = section_at(ctx, d.line)
        raw = ctx.doc.lines[d.line - 1] if sec is None else leaf_text(ctx, sec)
        if not may_fold_to_contain(raw, "chuẩn"):
            continue                            # PREPARES_RE needs "chuẩn bị": no need to fold
        scope = folded_line(ctx, d.line) if sec is None else folded_leaf_text(ctx, sec)
        m = PREPARES_RE.search(scope)
        if not m:
            continue
        st = step_of(m.group(1))
        if st is None or st not in steps:
            continue
        target = steps[st]
        begin = target.start or target.end
        if target is d or begin is None or d.line in fired:
            continue
        if _key(d) > begin:
            fired.add(d.line)
            yield ctx.finding(d.line, evidence=d.text, section=d.section, message=PREP_MESSAGE,
                              step="bước chuẩn bị cho {0} thứ {1}".format(*st), day=_fmt(_key(d)),
                              next_step="chính {0} thứ {1}".format(*st), next_day=_fmt(begin),
                              next_evidence=target.text, next_line=target.line)
    # Schedule rows: a table otherwise in date order with one row going backwards.
    for run in _table_runs(ctx):
        keys = [_key(d) for d in run]
        inversions = [i for i in range(1, len(keys)) if keys[i] < keys[i - 1]]
        if len(run) >= 3 and len(inversions) == 1:
            i = inversions[0]
            d1, d0 = run[i], run[i - 1]
            if d1.line in fired:
                continue
            fired.add(d1.line)
            yield ctx.finding(d1.line, evidence=d1.text, section=d1.section, step="dòng lịch này",
                              day=_fmt(keys[i]), prev_step="dòng trước", prev_day=_fmt(keys[i - 1]),
                              prev_line=d0.line)
    # A preparation row still running when the row it prepares has begun.
    for chain in _row_chains(ctx):
        for d0, d1 in zip(chain, chain[1:]):
            if d0.line in fired or d1.line in fired or _key(d1) < _key(d0):
                continue                        # going backwards: reported above
            line0, line1 = ctx.doc.lines[d0.line - 1], ctx.doc.lines[d1.line - 1]
            if PARALLEL_RE.search(folded_line(ctx, d0.line)) \
                    or PARALLEL_RE.search(folded_line(ctx, d1.line)):
                continue
            if _covers_run(d0, chain) or _covers_run(d1, chain):
                continue
            span = _overlaps(d0, d1)
            cell = _task_cell(line0, d0)
            if span is None or cell is None:
                continue
            col, task = cell
            nxt = _cells(line1)
            if col >= len(nxt) or not (_pairs(task) & _pairs(nxt[col])):
                continue                        # the next row is not what this one prepares
            fired.add(d0.line)
            yield ctx.finding(d0.line, evidence=d0.text, section=d0.section, message=PREP_MESSAGE,
                              step=_row_name(line0, col), day=_fmt(span[0]),
                              next_step=_row_name(line1, col), next_day=_fmt(span[1]),
                              next_evidence=d1.text, next_line=d1.line)
    # Numbered steps of one kind: step k may not still run when step k+1 has begun.
    for head, group in by_head.items():
        for (h0, o0, d0, l0), (h1, o1, d1, l1) in zip(group, group[1:]):
            if o1 != o0 + 1 or d0.line in fired or d1.line in fired or _key(d1) < _key(d0):
                continue
            scope = " ".join(folded_line(ctx, n) for n in {l0, d0.line, l1, d1.line})
            if PARALLEL_RE.search(scope):
                continue
            span = _overlaps(d0, d1)
            if span is None:
                continue
            fired.add(d0.line)
            yield ctx.finding(d0.line, evidence=d0.text, section=d0.section, message=PREP_MESSAGE,
                              step="{0} thứ {1}".format(head, o0), day=_fmt(span[0]),
                              next_step="{0} thứ {1}".format(head, o1), next_day=_fmt(span[1]),
                              next_evidence=d1.text, next_line=d1.line)


# ------------------------------------------------------------------ conflict

# "- Thời gian thực hiện: …" → "thời gian thực hiện": the field a deadline fills.
FIELD_RE = re.compile(r"^[\s\-+•*]*(?P<f>(?:thời\s+(?:gian|hạn)|hạn\s+chót|hoàn\s+thành)[^:]{0,40}):", re.I)


@check(
    "deadline.conflict",
    severity="error",
    summary="Cùng một nhiệm vụ mang hai thời hạn không thể cùng đúng.",
    message=("Mục {section_name} ghi hai thời hạn khác nhau cho cùng “{field}”: “{evidence}” "
             "(dòng {at_line}) và “{first}” (dòng {first_line}); chỉ được có một thời hạn."),
)
def conflict(ctx: CheckContext) -> Iterator[Finding]:
    """The same task carries two deadlines that cannot both hold.

    The same task = one section (its own lines, not its children) that fills the same
    field twice (``- Thời gian: …`` twice) with different days.

    Fires when:
        ``- Thời gian: chậm nhất là ngày 10/6/2021`` … ``- Thời gian: chậm nhất là ngày 15/6/2021``
        in one section.
    Does not fire when:
        One deadline restated identically; different fields (``Thời gian bắt đầu`` and
        ``Thời gian hoàn thành``); deadlines of different sub-items.
    Wrong:
        2.3. Cuộc họp lần thứ ba / - Thời gian: 23/3/2021 / - Thời gian: 25/3/2021
    Right:
        2.3. Cuộc họp lần thứ ba / - Thời gian: 23/3/2021
    """
    seen: dict[tuple, Deadline] = {}
    for d in _plan(ctx):
        line = ctx.doc.lines[d.line - 1]
        m = FIELD_RE.match(line)
        if not m:
            continue
        sec = section_at(ctx, d.line)
        k = (sec.id if sec else None, fold(m.group("f")))
        if k not in seen:
            seen[k] = d
            continue
        f = seen[k]
        if f.line == d.line:
            continue
        if (f.start, f.end, f.kind) != (d.start, d.end, d.kind) and _key(f) != _key(d):
            yield ctx.finding(d.line, evidence=d.text, section=d.section,
                              section_name=sec.id if sec else "gốc", field=m.group("f").strip(), at_line=d.line,
                              first=f.text, first_line=f.line)


# ------------------------------------------------------------------ constraint

def _scope_text(ctx: CheckContext, d: Deadline, where: str) -> str:
    if where == "line":
        return folded_line(ctx, d.line)
    sec = section_at(ctx, d.line)
    if where == "heading":
        return fold((sec.title or "") if sec else "") + "\n" + folded_line(ctx, d.line)
    if sec is None:
        return folded_line(ctx, d.line)
    return folded_leaf_text(ctx, sec)


# Words just before a step's name that make the line *about* the step rather than the step
# itself: "sau Hiệp thương lần 2", "từ ngày công bố danh sách chính thức", "gửi Biên bản
# hội nghị hiệp thương lần thứ hai", "báo cáo kết quả hiệp thương".
NOT_THE_STEP_RE = re.compile(r"(sau|sau khi|từ|từ ngày|từ khi|kể từ|kết quả|biên bản|chuẩn bị cho)"
                             r"\s+(hội nghị\s+)?$")


@lru_cache(maxsize=1024)
def _mention_re(phrase: str) -> tuple[str, re.Pattern]:
    """(folded phrase, its whole-word pattern): pack phrases are few and asked for often."""
    key = fold(phrase)
    return key, re.compile(r"(?<!\w)" + re.escape(key) + r"(?!\w)")


def _mentions(text: str, phrase: str) -> bool:
    key, rx = _mention_re(phrase)
    if key not in text:
        return False      # the pattern is the phrase itself between look-arounds
    for m in rx.finditer(text):
        if not NOT_THE_STEP_RE.search(text[max(0, m.start() - 30):m.start()]):
            return True
    return False


def _qualifies_own_line(ctx: CheckContext, c: Deadline, plan: list[Deadline]) -> bool:
    """True when constraint `c` sits in a bracket that follows a plan deadline on its line."""
    line = ctx.doc.lines[c.line - 1]
    at = line.find(c.text)
    if at < 0:
        return False
    before = line[:at]
    if before.rfind("(") <= before.rfind(")"):
        return False
    opened = before.rfind("(")
    return any(d.line == c.line and 0 <= line.find(d.text) < opened for d in plan)


@check(
    "deadline.constraint",
    severity="error",
    summary="Thời hạn của kế hoạch muộn hơn mốc bắt buộc.",
    message=("Thời hạn “{evidence}” ({day}) muộn hơn yêu cầu của {authority}: {what} phải xong "
             "{limit}."),
    takes_entries=True,
    entry_fields={"authority": "str", "match": "str_list", "exclude": "str_list",
                  "where": "enum:section|heading|line", "before": "when", "by": "when",
                  "what": "str"},
    entry_required=("match", ("before", "by")),
)
def constraint(ctx: CheckContext) -> Iterator[Finding]:
    """A plan deadline falls after a constraint it must meet.

    Constraints come from the document (deadlines marked ``constraint``: ``HĐBCQG yêu cầu
    tổng kết trước ngày 22/6/2021`` holds the plan deadlines of its own section) and from
    rule-pack entries (``match`` keywords find the step; ``before``/``by`` give the day,
    possibly as an offset from the pack's election day).  ``before`` is strict, ``by``
    inclusive; plan deadlines without a last day (``after``) are skipped.

    Fires when:
        ``Trước ngày 25/6/2021`` or ``chậm nhất là ngày 22/6/2021`` against ``trước ngày 22/6/2021``.
    Does not fire when:
        ``Trước ngày 04/6/2021`` or ``Trước ngày 22/6/2021`` against ``trước ngày 22/6/2021``.
    Wrong:
        - Thời gian báo cáo: Trước ngày 25/6/2021 (HĐBCQG yêu cầu tổng kết trước ngày 22/6/2021)
    Right:
        - Thời gian báo cáo: Trước ngày 04/6/2021 (HĐBCQG yêu cầu tổng kết trước ngày 22/6/2021)
    """
    plan = [d for d in _plan(ctx) if d.latest_day() is not None]
    # 1. Stated in the document: same section, or only its own line when the constraint is
    # a bracket after a plan deadline ("Dự kiến ngày 30/01/2026 (Chậm nhất ngày 03/02/2026 -
    # 40 ngày trước bầu cử)", kh_mttq-xa-luong-minh … hiep-thuong-hdnd-xa:75): the bracket
    # holds that deadline, not a report due after the meeting further down the section.
    for c in ctx.ext.deadlines:
        if not c.constraint or c.invalid or c.latest_day() is None:
            continue
        sec = section_at(ctx, c.line)
        lo, hi = (sec.line, section_end_in(ctx, sec)) if sec else (c.line, c.line)
        if _qualifies_own_line(ctx, c, plan):
            lo = hi = c.line
        for d in plan:
            if not (lo <= d.line <= hi):
                continue
            if d.latest_day() > c.latest_day():
                limit = ("trước ngày " if c.kind == "before" else "chậm nhất ngày ") + _fmt(c.end)
                yield ctx.finding(d.line, evidence=d.text, section=d.section, day=_fmt(d.latest_day()),
                                  authority=c.authority or "văn bản cấp trên", what="việc này",
                                  limit=limit + " (dòng {0})".format(c.line))
    # 2. Rule-pack entries.  Every entry reads the same few scopes (a scope depends on the
    # deadline's line only): each is folded once.
    scopes: dict[tuple[int, str], str] = {}
    for e in ctx.entries:
        if "before" in e.data:
            last = e.get("before").toordinal() - 1
            limit = "trước ngày " + _fmt(e.get("before"))
        else:
            last = e.get("by").toordinal()
            limit = "chậm nhất ngày " + _fmt(e.get("by"))
        # Default "line": in real plans a section names many steps ("nộp hồ sơ", "hiệp
        # thương lần thứ ba") while its deadline belongs to only one of them.
        where = e.get("where", "line")
        for d in plan:
            text = scopes.get((d.line, where))
            if text is None:
                text = scopes[d.line, where] = _scope_text(ctx, d, where)
            if not any(_mentions(text, k) for k in e.get("match")):
                continue
            if any(_mentions(text, k) for k in e.get("exclude", ())):
                continue
            if d.latest_day().toordinal() > last:
                yield ctx.finding(d.line, evidence=d.text, section=d.section, source=e.ref,
                                  severity=e.severity, message=e.message,
                                  day=_fmt(d.latest_day()), authority=e.get("authority", "quy định"),
                                  what=e.get("what", "việc " + e.get("match")[0]), limit=limit)
