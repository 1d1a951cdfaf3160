"""The date grammar (pipeline.dates): day forms, ranges, periods, clocks, weekdays."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline import dates

D = date

# (text, (kind, start, end)) for the first expression found; a year-less form is
# resolved against REF (the seed's February 2021 context).
REF = D(2021, 2, 22)

CASES = [
    # --- day forms ---
    ("06/02/2021", ("day", D(2021, 2, 6), D(2021, 2, 6))),                 # slashes, zero-padded
    ("6/2/2021", ("day", D(2021, 2, 6), D(2021, 2, 6))),                   # no padding
    ("06-02-2021", ("day", D(2021, 2, 6), D(2021, 2, 6))),                 # hyphens
    ("06.02.2021", ("day", D(2021, 2, 6), D(2021, 2, 6))),                 # dots
    ("trước ngày 22/ 12/ 2011", ("day", D(2011, 12, 22), D(2011, 12, 22))),  # OCR spaces
    ("ngày 22 tháng 6 năm 2021", ("day", D(2021, 6, 22), D(2021, 6, 22))),  # written out
    ("ngày  21  tháng  5  năm  2025", ("day", D(2025, 5, 21), D(2025, 5, 21))),  # double spaces
    ("trước 4/3", ("day", D(2021, 3, 4), D(2021, 3, 4))),                   # year from REF
    ("ngày 27/7", ("day", D(2021, 7, 27), D(2021, 7, 27))),                 # year from REF
    ("ngày 15 tháng 3", ("day", D(2021, 3, 15), D(2021, 3, 15))),           # written, no year
    # --- ranges ---
    ("từ 22 – 27/2", ("range", D(2021, 2, 22), D(2021, 2, 27))),            # seed line 63
    ("từ ngày 27/7 đến ngày 30/7/2013", ("range", D(2013, 7, 27), D(2013, 7, 30))),  # year once
    ("từ ngày 01 đến ngày 10/12/2025", ("range", D(2025, 12, 1), D(2025, 12, 10))),  # day only first
    ("01–10/12/2025", ("range", D(2025, 12, 1), D(2025, 12, 10))),          # en dash, compact
    ("31/03/2014 – 04/04/2014", ("range", D(2014, 3, 31), D(2014, 4, 4))),  # schedule-table cell
    ("từ 27/12 đến 05/01/2026", ("range", D(2025, 12, 27), D(2026, 1, 5))),  # crosses the year
    ("Từ ngày 01/12 đến ngày 10/12/2025", ("range", D(2025, 12, 1), D(2025, 12, 10))),
    ("Ngày 26, 27/12/2011", ("range", D(2011, 12, 26), D(2011, 12, 27))),   # two listed days
    ("Từ tháng 12/2025 đến quý I/2026", ("range", D(2025, 12, 1), D(2026, 3, 31))),  # periods
    ("Từ tháng 01 đến ngày bầu cử 15/3/2026", ("range", D(2026, 1, 1), D(2026, 3, 15))),
    ("từ ngày 17 tháng 12 năm 2025 đến ngày 25 tháng 01 năm 2026",
     ("range", D(2025, 12, 17), D(2026, 1, 25))),                           # written out, both
    ("từ ngày 17 tháng 12 năm 2025 đến ngày 25 tháng 01",
     ("range", D(2025, 12, 17), D(2026, 1, 25))),                           # year once, at the start
    ("từ ngày 02/02/2026 đến ngày 03/02", ("range", D(2026, 2, 2), D(2026, 2, 3))),
    ("từ 20/12/2025 đến 03/01", ("range", D(2025, 12, 20), D(2026, 1, 3))),  # crosses the year
    ("Chiều ngày 28/12 và cả ngày 29/12/2011", ("range", D(2011, 12, 28), D(2011, 12, 29))),  # two days in a row
    ("ngày 5/3/2021 và ngày 20/3/2021", ("day", D(2021, 3, 5), D(2021, 3, 5))),  # two days apart: no span
    # --- periods ---
    ("Tuần cuối tháng 2/2021", ("period", D(2021, 2, 22), D(2021, 2, 28))),  # seed line 31
    ("tuần cuối tháng 9/2025", ("period", D(2025, 9, 22), D(2025, 9, 28))),  # 29–30 not a whole week
    ("tuần đầu tháng 9/2025", ("period", D(2025, 9, 1), D(2025, 9, 7))),    # 1/9/2025 is a Monday
    ("tuần đầu tháng 3/2021", ("period", D(2021, 3, 1), D(2021, 3, 7))),
    ("tuần đầu tháng 12/2025", ("period", D(2025, 12, 1), D(2025, 12, 7))),
    ("tuần đầu tháng 11/2025", ("period", D(2025, 11, 3), D(2025, 11, 9))),  # 1/11 is a Saturday
    ("tuần thứ 2 của tháng 3 năm 2021", ("period", D(2021, 3, 8), D(2021, 3, 14))),
    ("đầu tháng 3/2021", ("period", D(2021, 3, 1), D(2021, 3, 10))),        # days 1–10
    ("giữa tháng 3/2021", ("period", D(2021, 3, 11), D(2021, 3, 20))),      # days 11–20
    ("cuối tháng 2/2024", ("period", D(2024, 2, 21), D(2024, 2, 29))),      # leap year
    ("tháng 3/2021", ("period", D(2021, 3, 1), D(2021, 3, 31))),
    ("trong tháng 11/2025", ("period", D(2025, 11, 1), D(2025, 11, 30))),
    ("Tháng 4 năm 2026", ("period", D(2026, 4, 1), D(2026, 4, 30))),
    ("quý I/2026", ("period", D(2026, 1, 1), D(2026, 3, 31))),
    ("Quý IV/2025", ("period", D(2025, 10, 1), D(2025, 12, 31))),
    ("quý 2 năm 2021", ("period", D(2021, 4, 1), D(2021, 6, 30))),         # arabic quarter
    ("6 tháng đầu năm 2021", ("period", D(2021, 1, 1), D(2021, 6, 30))),
    ("6 tháng cuối năm 2021", ("period", D(2021, 7, 1), D(2021, 12, 31))),
    ("3 tháng cuối năm 2025", ("period", D(2025, 10, 1), D(2025, 12, 31))),  # N last months
    ("đầu năm 2026", ("period", D(2026, 1, 1), D(2026, 3, 31))),            # = quý I
    ("cuối năm 2021", ("period", D(2021, 10, 1), D(2021, 12, 31))),         # = quý IV
    ("năm 2021", ("period", D(2021, 1, 1), D(2021, 12, 31))),
]


@pytest.mark.parametrize("text, expected", CASES)
def test_expression(text, expected):
    e = dates.parse(text, REF)
    assert e is not None, text
    assert (e.kind, e.start, e.end) == expected


INVALID = [
    "31/02/2021",          # February has no 31st: never shifted to 3 March
    "30/2",                # exists in no year
    "ngày 31 tháng 4 năm 2026",  # April has 30 days
    "29/02/2025",          # 2025 is not a leap year
    "từ 30/2 đến 5/3/2021",  # an impossible end of a range
]


@pytest.mark.parametrize("text", INVALID)
def test_invalid_dates_stay_unknown(text):
    e = dates.parse(text, REF)
    assert e is not None and e.invalid
    assert e.start is None and e.end is None


NOT_DATES = [
    "nhiệm kỳ 2021 - 2026",                 # a term
    "năm học 2013 – 2014",                  # a school year
    "Luật số 85/2015/QH13",                 # a law's number
    "1.000.000 đồng",                       # money
    "Điều 1.3",                             # a numbered article
    "bảo đảm ít nhất là hai phần ba (2/3) tổng số cử tri",  # a share
    "Thời gian: 1/2 ngày",                  # half a day
    "có độ dài bằng từ 1/3 đến 1/2 độ dài của dòng chữ",  # shares in a range
    "Số: 09/2010/QĐ-UBND",                  # a symbol with a year
    "khóa XV",                              # a legislature
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_not_a_date(text):
    assert dates.find_expressions(text) == []


CLOCKS = [
    ("trước 14 giờ 00 ngày 29/7/2020", "14:00"),   # written out
    ("17h00 ngày 01/02/2026", "17:00"),            # compact
    ("đến 17h ngày 01/02/2026", "17:00"),          # hour only
    ("trước 14 giờ 30 phút ngày 29/7/2020", "14:30"),
    ("trước 07h00 ngày 14/3/2026", "07:00"),
    ("đến 17 giờ 00, ngày 01/02/2026", "17:00"),   # comma before the day
    ("8h00-10h00 ngày 28/12/2011", "08:00"),       # a slot: its start
    ("ngày 15/3/2026, lúc 7 giờ", "07:00"),        # clock after the day
]


@pytest.mark.parametrize("text, expected", CLOCKS)
def test_clock_time(text, expected):
    e = dates.find_expressions(text)[0]
    assert e.time == expected


WEEKDAYS = [
    ("Ngày 04/01/2015 (thứ 2)", "thứ 2", False),   # 4/1/2015 was a Sunday
    ("Ngày 05/01/2015 (thứ 2)", "thứ 2", True),
    ("chủ nhật, 23/5/2021", "chủ nhật", True),     # election day 2021
    ("thứ Bảy, ngày 20/12/2025", "thứ Bảy", True),
    ("ngày 28/7/2026 (thứ Hai)", "thứ Hai", False),  # a Tuesday
]


@pytest.mark.parametrize("text, written, agrees", WEEKDAYS)
def test_weekday_captured(text, written, agrees):
    e = dates.find_expressions(text)[0]
    assert e.weekday == written
    assert dates.weekday_matches(e.start, e.weekday) is agrees


def test_year_inference_prefers_the_nearest_year():
    # "15/1" in a plan dated December 2025 is January 2026
    e = dates.parse("trước 15/1", D(2025, 12, 10))
    assert e.start == D(2026, 1, 15) and e.year_inferred


def test_weeks_lie_wholly_inside_the_month():
    for y in (2021, 2025, 2026):
        for m in range(1, 13):
            for a, b in dates.weeks_in_month(y, m):
                assert a.weekday() == 0 and b.weekday() == 6
                assert a.month == m and b.month == m
