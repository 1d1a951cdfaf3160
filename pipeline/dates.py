"""A Vietnamese administrative date grammar: pure calendar and pattern functions.

Nothing here knows about documents, cues or deadlines: `find_expressions(text)` lists
every date-like expression of one paragraph with its calendar span, and the small
calendar helpers compute what a named period means (README.md, Conventions).  The
extractor (`pipeline.extract.deadlines`) decides which expressions are deadlines.

Why our own grammar: dateparser's Vietnamese data misses `tuần cuối tháng 2/2021`,
`quý I/2026`, `từ 22 – 27/2`, and silently shifts `31/02/2021` to another day; an
impossible date must stay visible (start/end None, invalid=True) so a check can flag it.

At the end: the prefilters (cheap tests that spare costly pattern scans) that these
finders and the extractors share.
"""
from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

# ---------------------------------------------------------------------------
# Calendar helpers
# ---------------------------------------------------------------------------

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}
ORDINAL_WORDS = {"nhất": 1, "một": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5}


def safe_date(year: int, month: int, day: int) -> date | None:
    """The day, or None when it does not exist (31/02): never shifted to a neighbour."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def month_span(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), month_end(year, month)


def weeks_in_month(year: int, month: int) -> list[tuple[date, date]]:
    """Monday–Sunday weeks lying wholly inside the month, in order."""
    first, last = month_span(year, month)
    monday = first + timedelta(days=(7 - first.weekday()) % 7)
    weeks = []
    while monday + timedelta(days=6) <= last:
        weeks.append((monday, monday + timedelta(days=6)))
        monday += timedelta(days=7)
    return weeks


def week_of_month(year: int, month: int, k: int) -> tuple[date, date] | None:
    """k-th whole week (1-based); k = -1 is the last one (tuần cuối tháng)."""
    weeks = weeks_in_month(year, month)
    if k == -1:
        return weeks[-1]
    return weeks[k - 1] if 1 <= k <= len(weeks) else None


def month_part(year: int, month: int, part: str) -> tuple[date, date]:
    """đầu tháng = 1–10, giữa tháng = 11–20, cuối tháng = 21 to the month's end."""
    part = part.lower()
    if part == "đầu":
        return date(year, month, 1), date(year, month, 10)
    if part == "giữa":
        return date(year, month, 11), date(year, month, 20)
    return date(year, month, 21), month_end(year, month)


def quarter(year: int, q: int) -> tuple[date, date]:
    first_month = 3 * (q - 1) + 1
    return date(year, first_month, 1), month_end(year, first_month + 2)


def first_months(year: int, n: int) -> tuple[date, date]:
    return date(year, 1, 1), month_end(year, n)


def last_months(year: int, n: int) -> tuple[date, date]:
    return date(year, 13 - n, 1), date(year, 12, 31)


def year_span(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def nearest_year(day: int, month: int, ref: date) -> date | None:
    """Year for a date written without one: of ref.year-1..+1, the closest to ref.

    `trước 4/3` in a plan whose other dates are in February 2021 is 2021; `15/1` in a
    plan dated December 2025 is 2026.  None when the day exists in none of those years.
    """
    candidates = [d for y in (ref.year - 1, ref.year, ref.year + 1)
                  if (d := safe_date(y, month, day)) is not None]
    if not candidates:
        return None
    return min(candidates, key=lambda d: abs((d - ref).days))


def day_exists_some_year(day: int, month: int) -> bool:
    """`30/2` exists in no year; `29/2` in leap years."""
    return safe_date(2024, month, day) is not None


# ---------------------------------------------------------------------------
# Clock times and weekdays
# ---------------------------------------------------------------------------

# "14 giờ 00", "14h00", "17h", "14 giờ 30 phút", "8h30", "07 giờ"
CLOCK_RE = re.compile(r"""
    (?<![\d/.,])
    (?P<h>[01]?\d|2[0-3]) \s* (?:giờ|h|g) \s*
    (?:(?P<mi>[0-5]\d) (?:\s*phút)?)?
    (?![\d\w])
""", re.X | re.I)

# "thứ 2", "thứ Hai", "thứ bảy", "chủ nhật", "CN"
WEEKDAY_RE = re.compile(r"""
    \b(?P<wd> thứ \s+ (?:[2-7]|hai|ba|tư|năm|sáu|bảy|bẩy) | chủ \s+ nhật )\b
""", re.X | re.I)

_WEEKDAY_INDEX = {"2": 0, "hai": 0, "3": 1, "ba": 1, "4": 2, "tư": 2, "5": 3, "năm": 3,
                  "6": 4, "sáu": 4, "7": 5, "bảy": 5, "bẩy": 5}


def parse_clock(text: str) -> str | None:
    """`14 giờ 00` / `14h00` / `17h` / `14 giờ 30 phút` → "14:00"-style, else None."""
    m = CLOCK_RE.search(text)
    if not m:
        return None
    return f"{int(m['h']):02d}:{int(m['mi'] or 0):02d}"


def weekday_index(text: str) -> int | None:
    """Python weekday (Monday = 0) of a written weekday, or None."""
    m = WEEKDAY_RE.search(text)
    if not m:
        return None
    wd = " ".join(m["wd"].lower().split())
    if wd == "chủ nhật":
        return 6
    return _WEEKDAY_INDEX.get(wd.split()[1])


def weekday_matches(day: date, written: str) -> bool | None:
    """True/False when `written` names a weekday; None when it names none."""
    idx = weekday_index(written)
    return None if idx is None else day.weekday() == idx


# ---------------------------------------------------------------------------
# Expressions
# ---------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Expr:
    """One date expression found in a text.

    kind: "day" (one day), "range" (two written ends), "period" (a named span).
    start/end: the calendar span (a day has start == end); None when the year is
    unknown or the date does not exist.  `day`/`month` keep what was written when
    the year is missing so the caller can infer it (`resolve_year`).
    """
    start_off: int
    end_off: int
    text: str
    kind: str
    start: date | None
    end: date | None
    year_written: bool = True
    invalid: bool = False
    year_inferred: bool = False
    time: str | None = None
    weekday: str | None = None
    # Year-less pieces, for inference: ((day, month) of start, (day, month) of end).
    partial: tuple[tuple[int, int], tuple[int, int]] | None = None
    # For periods written without a year: a function name and its arguments.
    period_rule: tuple | None = None


_Y = r"(?:19|20)\d{2}"

# "06/02/2021", "6/2/2021", "06-02-2021", "06.02.2021", "22/ 12/ 2011", "4/3", "27/7".
# Not inside a longer number or a symbol: "85/2015/QH13", "1.000.000", "45-CT/TU".
NUMERIC_DATE_RE = re.compile(rf"""
    (?<![\d/.\-\w])
    (?P<d>[0-3]?\d) (?P<sep>\s?/\s?|-|\.) (?P<m>[01]?\d)
    (?: (?:\s?/\s?|-|\.) (?P<y>{_Y}) )?
    (?![\d])
    (?!\s?/\s?\w)                      # "09/2010/QĐ-UBND" is a symbol, not a date
    (?![.\-]\d)
""", re.X)

# "ngày 22 tháng 6 năm 2021", "ngày 15 tháng 3" (year from context)
WORD_DATE_RE = re.compile(rf"""
    ngày \s+ (?P<d>[0-3]?\d) \s+ tháng \s+ (?P<m>[01]?\d)
    (?: \s*,?\s* năm \s+ (?P<y>{_Y}) )?
    (?![\d])
""", re.X | re.I)

# "từ 22 – 27/2", "01–10/12/2025", "từ ngày 01 đến ngày 10/12/2025", "31/03/2014 – 04/04/2014",
# "từ ngày 27/7 đến ngày 30/7/2013": the first end may lack its month and year.
NUMERIC_RANGE_RE = re.compile(rf"""
    (?<![\d/.\-\w])
    (?P<d1>[0-3]?\d) (?: \s?/\s? (?P<m1>[01]?\d) (?: \s?/\s? (?P<y1>{_Y}) )? )?
    \s* (?: (?:cho\s+)? (?:đến|tới) (?:\s+hết)? | [-–—] ) \s* (?:ngày\s+)?
    (?P<d2>[0-3]?\d) \s?/\s? (?P<m2>[01]?\d) (?: \s?/\s? (?P<y2>{_Y}) )?
    (?![\d]) (?!\s?/\s?\w)
""", re.X | re.I)

# "Ngày 26, 27/12/2011", "ngày 5 và 6/2": two days of one month, read as their span.
DAY_LIST_RE = re.compile(rf"""
    (?<=ngày\s) (?P<d1>[0-3]?\d) \s* (?:,|và) \s* (?:ngày\s+)?
    (?P<d2>[0-3]?\d) \s?/\s? (?P<m2>[01]?\d) (?: \s?/\s? (?P<y2>{_Y}) )?
    (?![\d]) (?!\s?/\s?\w)
""", re.X | re.I)

_MONTH = rf"(?P<m>[01]?\d) (?: \s?/\s? (?P<y>{_Y}) | \s+ năm \s+ (?P<y2>{_Y}) )?"

# "tuần cuối tháng 2/2021", "Tuần đầu tháng 9/2025", "tuần thứ 2 của tháng 3 năm 2021"
WEEK_RE = re.compile(rf"""
    tuần \s+ (?: (?P<which>đầu|cuối) | thứ \s+ (?P<k>[1-5]|nhất|hai|ba|tư|năm) )
    \s+ (?:của\s+)? tháng \s+ {_MONTH} (?![\d])
""", re.X | re.I)

# "cuối tháng 11/2025", "đầu tháng 3", "giữa tháng 12 năm 2025"
MONTH_PART_RE = re.compile(rf"""
    (?P<part>đầu|giữa|cuối) \s+ tháng \s+ {_MONTH} (?![\d])
""", re.X | re.I)

# "tháng 3/2021", "trong tháng 11/2025", "Tháng 4 năm 2026", "tháng 01" (year from context)
MONTH_RE = re.compile(rf"""
    (?<!\w) tháng \s+ {_MONTH} (?![\d/])
""", re.X | re.I)

# "quý I/2026", "Quý IV/2025", "quý 2 năm 2021", "quý I" (year from context)
QUARTER_RE = re.compile(rf"""
    (?<!\w) quý \s+ (?P<q>IV|I{{1,3}}|[1-4]) (?!\w)
    (?: \s?/\s? (?P<y>{_Y}) | \s+ năm \s+ (?P<y2>{_Y}) )?
""", re.X | re.I)

# "6 tháng đầu năm 2021", "6 tháng cuối năm", "3 tháng cuối năm 2025", "sáu tháng đầu năm"
MONTHS_OF_YEAR_RE = re.compile(rf"""
    (?<![\d\w]) (?P<n>[1-9]|1[01]|sáu) \s+ tháng \s+ (?P<which>đầu|cuối) \s+ năm
    (?: \s+ (?P<y>{_Y}) )? (?!\s*học)
""", re.X | re.I)

# "đầu năm 2026" (= quý I), "cuối năm 2021" (= quý IV); not "cuối năm học"
YEAR_PART_RE = re.compile(rf"""
    (?<![\w]) (?<!tháng\s) (?P<part>đầu|cuối) \s+ năm (?!\s*học) (?: \s+ (?P<y>{_Y}) )? (?![\d\w])
""", re.X | re.I)

# "năm 2021" — the whole year; not "năm học 2013 – 2014", not a term "2021 - 2026"
YEAR_RE = re.compile(rf"""
    (?<!\w) năm \s+ (?P<y>{_Y}) (?!\s*[-–—]\s*\d) (?![\d/])
""", re.X | re.I)

# A clock time written right before a day: "14 giờ 00 ngày 29/7/2020", "17h00, ngày 01/02/2026",
# "8h00-10h00 ngày 28/12/2011" (the start is kept), "Chiều ngày 28/12"
CLOCK_BEFORE_RE = re.compile(r"""
    (?P<clock> (?:[01]?\d|2[0-3]) \s* (?:giờ|h) \s* (?:[0-5]\d (?:\s*phút)?)? )
    (?: \s* [-–] \s* (?:[01]?\d|2[0-3]) \s* (?:giờ|h) \s* (?:[0-5]\d (?:\s*phút)?)? )?
    \s* (?:,\s*)? (?:(?:sáng|chiều|trưa|tối)\s+)? (?:(?:của\s+)?ngày\s+)? $
""", re.X | re.I)

# A clock time written right after a day: "ngày 15/3/2026, lúc 7 giờ", "23/3/2021 (14h00)"
CLOCK_AFTER_RE = re.compile(r"""
    ^ \s* (?:,\s*|\(\s*)? (?:vào\s+)? (?:lúc|từ)? \s*
    (?P<clock> (?:[01]?\d|2[0-3]) \s* (?:giờ|h) \s* (?:[0-5]\d (?:\s*phút)?)? ) (?![\w\d])
""", re.X | re.I)

# A weekday before a day: "chủ nhật, 23/5/2021", "thứ Bảy, ngày 20/12/2025"
WEEKDAY_BEFORE_RE = re.compile(r"""
    (?P<wd> thứ \s+ (?:[2-7]|hai|ba|tư|năm|sáu|bảy|bẩy) | chủ \s+ nhật ) \s* ,? \s* (?:ngày\s+)? $
""", re.X | re.I)

# A weekday after a day: "Ngày 04/01/2015 (thứ 2)", "ngày 15/3/2026 (Chủ nhật)"
WEEKDAY_AFTER_RE = re.compile(r"""
    ^ \s* [(,]? \s* (?P<wd> thứ \s+ (?:[2-7]|hai|ba|tư|năm|sáu|bảy|bẩy) | chủ \s+ nhật ) (?!\w)
""", re.X | re.I)

# What joins the two ends of a range: "tháng 11/2025 đến tháng 4/2026", "từ tháng 01 đến
# ngày bầu cử 15/3/2026", "31/03/2014 – 04/04/2014"
RANGE_JOIN_RE = re.compile(r"""
    ^ \s* ,? \s* (?: (?:cho\s+)? (?:đến|tới) (?:\s+hết)? | [-–—] ) \s*
    (?P<clock> (?:[01]?\d|2[0-3]) \s* (?:giờ|h) \s* (?:[0-5]\d (?:\s*phút)?)? \s* ,? \s* )?
    (?: ngày \s+ (?:bầu\s+cử\s+)? )? $
""", re.X | re.I)


def _year(m: re.Match, *names: str) -> int | None:
    for n in names:
        if m.groupdict().get(n):
            return int(m[n])
    return None


def _day_expr(m: re.Match, text: str, y: int | None, d: int, mo: int) -> Expr | None:
    if not 1 <= mo <= 12 or not 1 <= d <= 31:
        return None
    if y is None:
        invalid = not day_exists_some_year(d, mo)
        return Expr(m.start(), m.end(), text, "day", None, None, year_written=False,
                    invalid=invalid, partial=((d, mo), (d, mo)))
    day = safe_date(y, mo, d)
    return Expr(m.start(), m.end(), text, "day", day, day, invalid=day is None)


# After a year-less "d/m": a count or share, not a day ("1/2 ngày", "2/3 tổng số cử tri").
FRACTION_AFTER_RE = re.compile(r"^\s*(?:ngày|tháng|năm|giờ|buổi|số|tổng|phần|lần|người|độ|chiều|diện|khổ|trang)\b",
                               re.I)


def _is_fraction(text: str, m: re.Match) -> bool:
    bracketed = text[:m.start()].rstrip().endswith("(") and text[m.end():].lstrip().startswith(")")
    return bracketed or bool(FRACTION_AFTER_RE.match(text[m.end():]))


def _numeric_days(text: str) -> list[Expr]:
    out = []
    for m in finditer_digit_led(NUMERIC_DATE_RE, text):
        y = _year(m, "y")
        if y is None and m["sep"].strip() != "/":
            continue          # "1.3", "2-3" without a year are labels or counts, not days
        if y is None and _is_fraction(text, m):
            continue
        e = _day_expr(m, m[0], y, int(m["d"]), int(m["m"]))
        if e:
            out.append(e)
    return out


def _word_days(text: str) -> list[Expr]:
    out = []
    for m in WORD_DATE_RE.finditer(text):
        e = _day_expr(m, m[0], _year(m, "y"), int(m["d"]), int(m["m"]))
        if e:
            out.append(e)
    return out


def _range_matches(text: str, low: str | None) -> list[re.Match]:
    """NUMERIC_RANGE_RE's matches, found once for ranges and shares; none without the
    joiner it needs: "đến", "tới" or a dash (a lowered-text test: Prefilters)."""
    if not may_hold(low, "đến", "tới", "-", "–", "—"):
        return []
    return list(finditer_digit_led(NUMERIC_RANGE_RE, text))


def _numeric_ranges(text: str, ranges: list[re.Match], low: str | None) -> list[Expr]:
    out = []
    # DAY_LIST_RE needs "ngày" and "," or "và".
    lists = may_hold(low, "ngày") and ("," in text or may_hold(low, "và"))
    matches = ranges + (list(finditer_digit_led(DAY_LIST_RE, text)) if lists else [])
    for m in matches:
        d1, d2, m2 = int(m["d1"]), int(m["d2"]), int(m["m2"])
        m1 = int(m["m1"]) if m.groupdict().get("m1") else m2
        y2 = _year(m, "y2")
        y1 = _year(m, "y1") if "y1" in m.groupdict() else None
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12 and 1 <= d1 <= 31 and 1 <= d2 <= 31):
            continue
        if y2 is None and _is_fraction(text, m):
            continue          # "từ 1/3 đến 1/2 độ dài của dòng chữ"
        if y1 is None and y2 is not None:
            y1 = y2 - 1 if (m1, d1) > (m2, d2) else y2   # "từ 27/12 đến 05/01/2026"
        elif y2 is None and y1 is not None:
            y2 = y1 + 1 if (m2, d2) < (m1, d1) else y1   # "từ 20/12/2025 đến 03/01"
        out.append(_range_expr(m.start(), m.end(), m[0], (d1, m1, y1), (d2, m2, y2)))
    return out


def _range_expr(s: int, e: int, text: str, a: tuple, b: tuple) -> Expr:
    (d1, m1, y1), (d2, m2, y2) = a, b
    if y2 is None:
        invalid = not (day_exists_some_year(d1, m1) and day_exists_some_year(d2, m2))
        return Expr(s, e, text, "range", None, None, year_written=False, invalid=invalid,
                    partial=((d1, m1), (d2, m2)))
    start, end = safe_date(y1, m1, d1), safe_date(y2, m2, d2)
    if start is None or end is None:
        return Expr(s, e, text, "range", None, None, invalid=True)
    return Expr(s, e, text, "range", start, end)


def _period(m: re.Match, span: tuple[date, date] | None, rule: tuple, year: int | None) -> Expr | None:
    if year is None:
        return Expr(m.start(), m.end(), m[0], "period", None, None, year_written=False,
                    period_rule=rule)
    if span is None:
        return None
    return Expr(m.start(), m.end(), m[0], "period", span[0], span[1])


def period_span(rule: tuple, year: int) -> tuple[date, date] | None:
    """Compute a named period for a given year: rule = (name, *args)."""
    name, *args = rule
    if name == "week":
        month, k = args
        return week_of_month(year, month, k)
    if name == "month_part":
        return month_part(year, *args)
    if name == "month":
        return month_span(year, *args)
    if name == "quarter":
        return quarter(year, *args)
    if name == "first_months":
        return first_months(year, *args)
    if name == "last_months":
        return last_months(year, *args)
    if name == "year":
        return year_span(year)
    return None


def _periods(text: str, low: str | None, digits: bool) -> list[Expr]:
    """Named periods.  `low` is lowered(text) and `digits` whether it holds a digit: each
    pattern is skipped when a word (or the digit) that all its matches hold is missing."""
    month = digits and may_hold(low, "tháng")          # a month number after "tháng"
    year = may_hold(low, "năm")
    out: list[Expr | None] = []
    weeks = WEEK_RE.finditer(text) if month and may_hold(low, "tuần") else ()
    for m in weeks:
        mo = int(m["m"])
        if not 1 <= mo <= 12:
            continue
        k = -1 if (m["which"] or "").lower() == "cuối" else 1 if m["which"] else \
            int(m["k"]) if m["k"].isdigit() else ORDINAL_WORDS[m["k"].lower()]
        rule = ("week", mo, k)
        y = _year(m, "y", "y2")
        out.append(_period(m, period_span(rule, y) if y else None, rule, y))
    parts = MONTH_PART_RE.finditer(text) if month and may_hold(low, "đầu", "giữa", "cuối") else ()
    for m in parts:
        mo = int(m["m"])
        if 1 <= mo <= 12:
            rule = ("month_part", mo, m["part"].lower())
            y = _year(m, "y", "y2")
            out.append(_period(m, period_span(rule, y) if y else None, rule, y))
    for m in (MONTH_RE.finditer(text) if month else ()):
        mo = int(m["m"])
        if 1 <= mo <= 12:
            rule = ("month", mo)
            y = _year(m, "y", "y2")
            out.append(_period(m, period_span(rule, y) if y else None, rule, y))
    for m in (QUARTER_RE.finditer(text) if may_hold(low, "quý") else ()):
        q = ROMAN.get(m["q"].upper()) or int(m["q"])
        rule = ("quarter", q)
        y = _year(m, "y", "y2")
        out.append(_period(m, period_span(rule, y) if y else None, rule, y))
    first_last = may_hold(low, "đầu", "cuối")
    for m in (MONTHS_OF_YEAR_RE.finditer(text) if year and first_last and may_hold(low, "tháng") else ()):
        n = 6 if m["n"].lower() == "sáu" else int(m["n"])
        rule = ("first_months" if m["which"].lower() == "đầu" else "last_months", n)
        y = _year(m, "y")
        out.append(_period(m, period_span(rule, y) if y else None, rule, y))
    for m in (YEAR_PART_RE.finditer(text) if year and first_last else ()):
        rule = ("quarter", 1 if m["part"].lower() == "đầu" else 4)
        y = _year(m, "y")
        out.append(_period(m, period_span(rule, y) if y else None, rule, y))
    for m in (YEAR_RE.finditer(text) if year and digits else ()):
        y = int(m["y"])
        out.append(_period(m, year_span(y), ("year",), y))
    return [e for e in out if e is not None]


def _overlaps(a: Expr, b: Expr) -> bool:
    return a.start_off < b.end_off and b.start_off < a.end_off


def _longest_first(found: list[Expr]) -> list[Expr]:
    """Keep the longest of overlapping expressions ("tuần cuối tháng 2/2021" over "tháng 2/2021")."""
    kept: list[Expr] = []
    for e in sorted(found, key=lambda e: (-(e.end_off - e.start_off), e.start_off)):
        if not any(_overlaps(e, k) for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: e.start_off)


# Two days listed as one stretch: "Chiều ngày 28/12 và cả ngày 29/12/2011"
# (kh_so-tttt-phutho…trien-khai-phan-mem-qlvb.txt:64).  Only for days that follow each other:
# "ngày 5/3 và ngày 20/3" are two days, not the fortnight between them.
DAY_PAIR_JOIN_RE = re.compile(r"""^ \s* (?:,|và) \s* (?:cả\s+)? (?:ngày\s+)? $""", re.X | re.I)


# After a limit's cue each listed day is a limit of its own: "Chậm nhất ngày 28/12 và cả ngày
# 29/12/2025" gives two "by" deadlines (tests/unit/test_deadlines.py).
LIMIT_CUE_BEFORE_RE = re.compile(r"(?:chậm\s+nhất|muộn\s+nhất|trước|hạn|không\s+quá)(?:\s+(?:là|vào))?(?:\s+ngày)?\s*$",
                                 re.I)


def _next_day_pair(text: str, a: Expr, b: Expr) -> bool:
    if a.kind != "day" or b.kind != "day" or not DAY_PAIR_JOIN_RE.match(text[a.end_off:b.start_off]):
        return False
    if LIMIT_CUE_BEFORE_RE.search(text, max(0, a.start_off - 30), a.start_off):
        return False
    if b.end is None:
        return False
    first = a.start
    if first is None and a.partial:            # "28/12" takes the year of "29/12/2011"
        first = safe_date(b.end.year, a.partial[0][1], a.partial[0][0])
    return first is not None and b.end - first == timedelta(days=1)


def _join_ranges(text: str, exprs: list[Expr]) -> list[Expr]:
    """Merge "X đến Y" / "X – Y" into one range: start of X, end of Y; likewise two days
    in a row listed with "và" (_next_day_pair)."""
    out: list[Expr] = []
    i = 0
    while i < len(exprs):
        a = exprs[i]
        b = exprs[i + 1] if i + 1 < len(exprs) else None
        if b is not None and a.kind != "range" and b.kind != "range" \
                and (RANGE_JOIN_RE.match(text[a.end_off:b.start_off]) or _next_day_pair(text, a, b)):
            out.append(_merge(text, a, b))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _merge(text: str, a: Expr, b: Expr) -> Expr:
    join = RANGE_JOIN_RE.match(text[a.end_off:b.start_off])
    merged = Expr(a.start_off, b.end_off, text[a.start_off:b.end_off], "range",
                  a.start, b.end, year_written=a.year_written and b.year_written,
                  invalid=a.invalid or b.invalid,
                  time=parse_clock(join["clock"]) if join and join["clock"] else None)
    if a.kind == "day" and b.kind == "day" and a.partial and not b.partial and b.end:
        # "ngày 27/7 đến ngày 30/7/2013": the year written once serves both ends.
        d1, m1 = a.partial[0]
        y1 = b.end.year - 1 if (m1, d1) > (b.end.month, b.end.day) else b.end.year
        start = safe_date(y1, m1, d1)
        return replace(merged, start=start, invalid=start is None, year_written=True)
    if a.kind == "day" and b.kind == "day" and b.partial and not a.partial and a.start:
        # "từ ngày 17 tháng 12 năm 2025 đến ngày 25 tháng 01": the start's year serves the
        # end too, the next year when the end's day comes before the start's.
        d2, m2 = b.partial[1]
        y2 = a.start.year + 1 if (m2, d2) < (a.start.month, a.start.day) else a.start.year
        end = safe_date(y2, m2, d2)
        return replace(merged, end=end, invalid=end is None or merged.invalid, year_written=True)
    if a.period_rule and not a.year_written and b.end:
        # "Từ tháng 01 đến ngày bầu cử 15/3/2026": the month takes the end's year.
        span = period_span(a.period_rule, b.end.year)
        return replace(merged, start=span[0] if span else None, year_written=True)
    return replace(merged, partial=(a.partial[0] if a.partial else None,
                                    b.partial[1] if b.partial else None)
                   if (a.partial or b.partial) else None)


def _decorate(text: str, e: Expr) -> Expr:
    """Attach a clock time or weekday written next to a day."""
    before, after = text[:e.start_off], text[e.end_off:]
    time = weekday = None
    if e.time:
        time = e.time     # "Từ ngày 05/01 đến 17 giờ 00 ngày 01/02/2026": the end's clock
    elif m := CLOCK_BEFORE_RE.search(before[-25:]):
        time = parse_clock(m["clock"])
    elif m := CLOCK_AFTER_RE.match(after[:25]):
        time = parse_clock(m["clock"])
    if m := WEEKDAY_BEFORE_RE.search(before[-20:]):
        weekday = " ".join(m["wd"].split())
    elif m := WEEKDAY_AFTER_RE.match(after[:20]):
        weekday = " ".join(m["wd"].split())
    return replace(e, time=time, weekday=weekday) if (time or weekday) else e


def _fraction_ranges(text: str, ranges: list[re.Match]) -> list[tuple[int, int]]:
    """Spans like "từ 1/3 đến 1/2 độ dài": shares, whose parts are not days either."""
    return [m.span() for m in ranges if not m["y2"] and _is_fraction(text, m)]


# Cheap gates for find_expressions (most paragraphs hold no date).  Each skips only finders
# that cannot match:
# - every range, day list and share ("d/m" second end) needs a "/" (and more words:
#   _range_matches, _numeric_ranges);
# - a numeric day without "/" has "-" or "." for separators and is kept only with its
#   year ("06-02-2021"), so it needs a "-" or "." before a year (_DASHED_YEAR_RE, tried
#   only when "19" or "20" is there);
# - a worded day needs a digit, "ngày" and "tháng"; every period needs "tháng", "quý" or
#   "năm" (looked up in the lowered text, exact for these re.I patterns: Prefilters),
#   and _periods gates each of its patterns likewise.
_DIGIT_RE = re.compile(r"\d")
_DASHED_YEAR_RE = re.compile(rf"[-.]{_Y}")
_PERIOD_WORD_RE = re.compile(r"tháng|quý|năm", re.I)


def find_expressions(text: str) -> list[Expr]:
    """Every date expression in `text`, left to right, without overlaps."""
    low = lowered(text)
    slash = "/" in text
    found: list[Expr] = []
    ranges = _range_matches(text, low) if slash else []
    if slash:
        found += _numeric_ranges(text, ranges, low)
    if slash or (("19" in text or "20" in text) and _DASHED_YEAR_RE.search(text)):
        found += _numeric_days(text)
    month = may_hold(low, "tháng")
    periods = _PERIOD_WORD_RE.search(text) is not None if low is None else \
        (month or "quý" in low or "năm" in low)
    digits = (month or periods) and _DIGIT_RE.search(text) is not None
    if digits and month and may_hold(low, "ngày"):
        found += _word_days(text)
    if periods:
        found += _periods(text, low, digits)
    if not found:
        return []
    shares = _fraction_ranges(text, ranges)
    found = [e for e in found if not any(s <= e.start_off < t for s, t in shares)]
    exprs = _join_ranges(text, _longest_first(found))
    return [_decorate(text, e) for e in exprs]


def resolve_year(e: Expr, ref: date) -> Expr:
    """Give a year-less expression the year that puts it nearest `ref`; mark it inferred."""
    if e.year_written or e.invalid:
        return e
    if e.period_rule:
        span = None
        for y in sorted((ref.year, ref.year + 1, ref.year - 1),
                        key=lambda y: abs(y - ref.year)):
            span = period_span(e.period_rule, y)
            if span and span[0] <= ref + timedelta(days=183) and span[1] >= ref - timedelta(days=183):
                break
        if span is None:
            return e
        return replace(e, start=span[0], end=span[1], year_inferred=True)
    if e.partial is None or None in e.partial:
        return e             # one end carries its own year: nothing to infer from `ref`
    (d1, m1), (d2, m2) = e.partial
    end = nearest_year(d2, m2, ref)
    if end is None:
        return replace(e, invalid=True)
    if e.kind == "day":
        return replace(e, start=end, end=end, year_inferred=True)
    y1 = end.year - 1 if (m1, d1) > (m2, d2) else end.year
    start = e.start if e.start else safe_date(y1, m1, d1)
    return replace(e, start=start, end=end, year_inferred=True, invalid=start is None)


def parse(text: str, ref: date | None = None) -> Expr | None:
    """The first expression of `text`, with its year inferred from `ref` when missing."""
    exprs = find_expressions(text)
    if not exprs:
        return None
    e = exprs[0]
    return resolve_year(e, ref) if ref is not None else e


# ---------------------------------------------------------------------------
# Relative deadlines: an offset from an event
# ---------------------------------------------------------------------------

# "chậm nhất 10 ngày sau ngày bầu cử", "95 ngày trước ngày bầu cử"
OFFSET_EVENT_RE = re.compile(r"""
    (?:chậm \s+ nhất \s+ (?:là\s+)?)?
    (?P<n>\d{1,3}) \s+ ngày \s+ (?P<dir>trước|sau) \s+ (?:ngày\s+)? (?P<event>bầu \s+ cử)
""", re.X | re.I)

# "trước ngày bầu cử 95 ngày", "sau ngày bầu cử 10 ngày"
EVENT_OFFSET_RE = re.compile(r"""
    (?P<dir>trước|sau) \s+ ngày \s+ (?P<event>bầu \s+ cử) \s+ (?:là\s+)? (?P<n>\d{1,3}) \s+ ngày
""", re.X | re.I)

# "trong thời hạn 10 ngày kể từ ngày 01/12/2025" (calendar days only: "làm việc" is left out)
WITHIN_DAYS_RE = re.compile(r"""
    trong \s+ (?:thời \s+ hạn \s+)? (?P<n>\d{1,3}) \s+ ngày (?!\s+làm) \s+ (?:kể\s+)? từ \s+ (?:ngày\s+)?
""", re.X | re.I)


@dataclass(frozen=True, slots=True)
class Relative:
    start_off: int
    end_off: int
    text: str
    days: int          # signed: negative = before the event
    event: str


_ELECTION_WORD_RE = re.compile(r"bầu", re.I)    # both patterns need it: a cheap gate


def find_relatives(text: str) -> list[Relative]:
    out = []
    # Both patterns need "bầu" and "ngày" (a plain substring test of the lowered text is
    # exact for them: Prefilters) and a digit.
    low = lowered(text)
    if low is None:
        if not _ELECTION_WORD_RE.search(text):
            return out
    elif "bầu" not in low or "ngày" not in low or not _DIGIT_RE.search(text):
        return out
    for rx in (OFFSET_EVENT_RE, EVENT_OFFSET_RE):
        for m in rx.finditer(text):
            sign = -1 if m["dir"].lower() == "trước" else 1
            out.append(Relative(m.start(), m.end(), m[0], sign * int(m["n"]), "bầu cử"))
    return sorted(out, key=lambda r: r.start_off)


def shift(day: date, days: int) -> date:
    return day + timedelta(days=days)


# ---------------------------------------------------------------------------
# Prefilters: cheap tests in front of costly patterns (extraction speed)
# ---------------------------------------------------------------------------
# Here, in the lowest layer the extractors share, for this module's finders and theirs.
# A prefilter may only skip a pattern that provably cannot match: a word that every match
# of the pattern holds is absent from the text.  Most paragraphs hold no date, no cue and
# no reference, so these plain substring tests spare most regex scans.
#
# For a case-insensitive (re.I) pattern the word is looked up, in lower case, in
# `text.lower()`.  That is exact for every Latin and Vietnamese letter except through three
# characters, found by testing every code point: "İ" (lowers to two characters), "ı" and
# "ſ" (re.I matches them to "i" and "s", str.lower() keeps them).  A text holding one of
# them gets no lowered form, and the patterns are then run as before.

_CASE_ODD = ("\u0130", "\u0131", "\u017f")

# The last text lowered and its result: several finders test one paragraph in a row.
# One tuple, read and replaced whole, so that threads cannot mix two texts.
_last: tuple[str | None, str | None] = (None, None)


def lowered(text: str) -> str | None:
    """`text.lower()` for `may_hold`, or None when a character above makes it inexact."""
    global _last
    last = _last
    if last[0] is text:
        return last[1]
    if _CASE_ODD[0] in text or _CASE_ODD[1] in text or _CASE_ODD[2] in text:
        low = None
    else:
        low = text.lower()
    _last = (text, low)
    return low


def may_hold(low: str | None, *words: str) -> bool:
    """False only when none of `words` (lower case, no blanks) occurs in `low`, the
    `lowered()` text: then a re.I pattern whose every match holds one of them cannot match."""
    if low is None:
        return True
    for w in words:
        if w in low:
            return True
    return False


def finditer_from(rx, word: str, text: str, low: str | None, start: int, end: int):
    """rx.finditer(text, start, end) for a pattern that never matches empty and whose every
    match opens with `word` (lower case): rx is tried only where `low`, the lowered(text),
    holds the word, instead of at every position.  The positions agree, as lowering keeps
    each character one character long (except "İ", for which `low` is None)."""
    if low is None:
        yield from rx.finditer(text, start, end)
        return
    pos = start
    while True:
        i = low.find(word, pos, end)
        if i < 0:
            return
        m = rx.match(text, i, end)
        if m:
            yield m
            pos = m.end()
        else:
            pos = i + 1


_DIGIT_RUN = re.compile(r"\d+")


def finditer_digit_led(rx, text: str):
    """rx.finditer(text) for a pattern whose every match opens with a digit that no digit
    precedes (its look-behind rules out a digit or word character before the number): such
    a match can start only where a run of digits starts, so rx is tried only there."""
    pos = 0
    for run in _DIGIT_RUN.finditer(text):
        start = run.start()
        if start < pos:
            continue
        m = rx.match(text, start)
        if m:
            yield m
            pos = m.end()
