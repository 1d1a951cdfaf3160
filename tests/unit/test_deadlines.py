"""Deadline extraction: cues → kinds, exclusions, year inference, constraints, relatives."""
from __future__ import annotations

import json
from datetime import date

import pytest

from pathlib import Path

from pipeline.extract.deadlines import extract_deadlines
from pipeline.ingest import read_source
from pipeline.parse import parse_document
from pipeline.text import fold

# Local paths and helper rather than `from testkit import …`: several folders of the suite
# have their own conftest.py, and a bare `conftest` import picks whichever loaded first.
REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "corpora" / "inbox" / "ke-hoach-01-KH-BCD-bau-cu-2021.txt"
SEED_GOLD = REPO / "corpora" / "gold" / "ke-hoach-01-KH-BCD-bau-cu-2021.gold.json"


def make_doc(tmp_path: Path, text: str):
    p = tmp_path / "doc.txt"
    p.write_text(text, encoding="utf-8")
    return parse_document(read_source(p))

D = date

# A plan header dated 10/12/2025 (the 2026 election, khóa XVI); each case is one body line.
HEAD = """ỦY BAN MTTQ VIỆT NAM\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
XÃ LƯƠNG MINH\tĐộc lập - Tự do - Hạnh phúc
Số: 16/KH-MTTQ-BTT\tLương Minh, ngày 10 tháng 12 năm 2025
KẾ HOẠCH
Thực hiện công tác bầu cử đại biểu Quốc hội khóa XVI
I. NỘI DUNG
"""
BODY_LINE = 7     # the case's line in HEAD + case


def _deadlines(tmp_path, body: str, head: str = HEAD):
    return extract_deadlines(make_doc(tmp_path, head + body + "\n"))


# (body line, [(kind, start, end, extra)]) — extra holds fields that must also match.
CASES = [
    # --- cues → kinds ---
    ("- Thời gian thực hiện: Ngày 06/01/2026",
     [("on", D(2026, 1, 6), D(2026, 1, 6), {})]),                         # a bare day after a label
    ("Báo cáo nhanh kết quả bầu cử trong ngày 15/3/2026.",
     [("by", None, D(2026, 3, 15), {})]),                                 # trong ngày: within the day (README: by)
    ("Thời gian tổ chức Hội thi ngày 30/ 12/ 2011.",
     [("on", D(2011, 12, 30), D(2011, 12, 30), {})]),                     # label without a colon (cv_so-tttt-phutho_275:13)
    ("- Thời gian: chậm nhất là ngày 22/02/2026",
     [("by", None, D(2026, 2, 22), {})]),                                 # chậm nhất là ngày
    ("Tổ chức hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025.",
     [("by", None, D(2025, 12, 10), {})]),                                # chậm nhất ngày
    ("Báo cáo kết quả trước ngày 04/01/2026.",
     [("before", None, D(2026, 1, 4), {})]),                              # trước ngày: strict
    ("Các đơn vị hoàn thành trong ngày 20/12/2025.",
     [("by", None, D(2025, 12, 20), {})]),                                # hoàn thành trong ngày
    ("Tiếp nhận hồ sơ kể từ ngày 15/12/2025.",
     [("after", D(2025, 12, 15), None, {"exclusive": False})]),           # kể từ: inclusive
    ("Đợt 3: Sau ngày bầu cử 15/3/2026",
     [("after", D(2026, 3, 15), None, {"exclusive": True})]),             # sau ngày: exclusive
    ("Tuyên truyền từ ngày 05/01/2026 đến ngày 20/02/2026.",
     [("range", D(2026, 1, 5), D(2026, 2, 20), {})]),                     # từ … đến …
    ("- Thời gian hoàn thành: Quý I/2026;",
     [("period", D(2026, 1, 1), D(2026, 3, 31), {})]),                    # a quarter
    ("- Thời gian hoàn thành: hoàn thành trong tháng 01/2026",
     [("period", D(2026, 1, 1), D(2026, 1, 31), {})]),                    # a month stays a period
    ("Đợt 1: Trong tháng 12/2025",
     [("period", D(2025, 12, 1), D(2025, 12, 31), {})]),
    ("Hồ sơ nộp chậm nhất gửi về Ủy ban bầu cử xã ngày 23/01/2026.",
     [("by", None, D(2026, 1, 23), {})]),                                 # cue opens the clause
    ("Bắt đầu từ ngày 15/12/2025 và kết thúc vào 17 giờ 00 ngày 01/02/2026.",
     [("after", D(2025, 12, 15), None, {}),
      ("by", None, D(2026, 2, 1), {"time": "17:00"})]),                   # window written as two
    ("Cao điểm tuyên truyền từ ngày 01/3/2026 đến hết ngày bầu cử.",
     [("range", D(2026, 3, 1), D(2026, 3, 15), {})]),                     # closed by election day
    # --- clock times ---
    ("Báo cáo về Sở trước 14 giờ 00 ngày 29/12/2025.",
     [("before", None, D(2025, 12, 29), {"time": "14:00"})]),
    ("Nộp hồ sơ chậm nhất là 17h00 ngày 01/02/2026.",
     [("by", None, D(2026, 2, 1), {"time": "17:00"})]),
    ("Từ ngày 05/01 đến 17 giờ 00 ngày 01/02/2026 nhận hồ sơ.",
     [("range", D(2026, 1, 5), D(2026, 2, 1), {"time": "17:00"})]),
    # --- year inference ---
    ("Gửi danh sách từ 22 – 27/12; công bố trước 4/1",
     [("range", D(2025, 12, 22), D(2025, 12, 27), {"year_inferred": True}),
      ("before", None, D(2026, 1, 4), {"year_inferred": True})]),         # nearest to 10/12/2025
    ("Chậm nhất ngày 28/12 và cả ngày 29/12/2025",
     [("by", None, D(2025, 12, 28), {"year_inferred": True}),
      ("by", None, D(2025, 12, 29), {})]),                                # a listed second day
    # --- invalid dates ---
    ("Gửi hồ sơ chậm nhất ngày 31/02/2026.",
     [("by", None, None, {"invalid": True})]),                            # never shifted
    # --- weekday ---
    ("- Thời gian: Ngày 28/7/2026 (thứ Hai)",
     [("on", D(2026, 7, 28), D(2026, 7, 28), {"weekday": "thứ Hai"})]),
    # --- constraints ---
    ("- Thời gian báo cáo: Trước ngày 04/6/2026 (*HĐBCQG yêu cầu tổng kết trước ngày 22/6/2026*).",
     [("before", None, D(2026, 6, 4), {"constraint": False}),
      ("before", None, D(2026, 6, 22),
       {"constraint": True, "authority": "Hội đồng bầu cử Quốc gia"})]),
    ("(Hội đồng bầu cử Quốc gia yêu cầu gửi dự kiến từ 22 – 27/12; cấp xã: công bố trước 4/1)",
     [("range", D(2025, 12, 22), D(2025, 12, 27), {"constraint": True}),
      ("before", None, D(2026, 1, 4), {"constraint": True})]),           # the whole bracket
    # --- relatives: kept on the explicit date they explain ---
    ("(1) Hiệp thương lần thứ nhất: Chậm nhất ngày 10/12/2025 (trước ngày bầu cử 95 ngày).",
     [("by", None, D(2025, 12, 10), {"relative": "trước ngày bầu cử 95 ngày"})]),
    # --- not deadlines ---
    ("Thực hiện Chỉ thị số 46-CT/TW ngày 16/5/2025 của Bộ Chính trị.", []),   # a cited document
    ("Theo Luật số 85/2015/QH13, ngày 25/6/2015 về bầu cử.", []),             # law number, comma
    ("Thực hiện Nghị quyết số 16/NQ-UBBC ngày 24 tháng 12 năm 2025 của Ủy ban bầu cử.", []),
    ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;", []),  # legal bases
    ("Bầu cử đại biểu Hội đồng nhân dân các cấp nhiệm kỳ 2026 - 2031.", []),  # a term
    ("Kế hoạch năm học 2025 – 2026 của nhà trường.", []),                    # a school year
    ("Ông Nguyễn Văn A, sinh ngày 15/6/1993, đảng viên.", []),               # a birth date
    ("Hỗ trợ 1.500.000 đồng cho mỗi tổ bầu cử.", []),                       # money
    ("Ngày 15/3/2026, cử tri cả nước đi bầu cử!", []),                      # a slogan
    ("Là Ngày hội của toàn dân (ngày 15/3/2026).", []),                     # a date named, not set
    ("Đại hội đã được tổ chức từ ngày 27/7 đến ngày 30/7/2025 tại Hà Nội.", []),  # past fact
    ("Giai đoạn 2022 - 2025, tầm nhìn đến năm 2030.", []),                  # a horizon
    ("Có hiệu lực thi hành từ ngày 01 tháng 01 năm 2026.", []),             # entry into force
    ("Năm tài chính từ ngày 01 tháng 01 đến ngày 31 tháng 12 hằng năm.", []),  # every year
]


@pytest.mark.parametrize("text, expected", CASES)
def test_deadline(tmp_path, text, expected):
    got = _deadlines(tmp_path, text)
    assert [(d.kind, d.start, d.end) for d in got] == [e[:3] for e in expected], \
        [(d.text, d.kind, d.start, d.end) for d in got]
    for d, (_, _, _, extra) in zip(got, expected):
        assert d.line == BODY_LINE
        for key, value in extra.items():
            got_value = getattr(d, key)
            if key == "authority":   # canonical spelling comes from lexicon/abbreviations.yaml
                got_value, value = fold(got_value or ""), fold(value)
            assert got_value == value, (key, d)


def test_seed_matches_gold_exactly():
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["deadlines"]
    got = extract_deadlines(parse_document(read_source(SEED)))
    key = lambda d: (d["start"] or "", d["end"] or "", d["kind"], d["constraint"], d["line"])  # noqa: E731
    iso = lambda x: x.isoformat() if x else None  # noqa: E731
    assert sorted(key({"start": iso(d.start), "end": iso(d.end), "kind": d.kind,
                       "constraint": d.constraint, "line": d.line}) for d in got) \
        == sorted(key(g) for g in gold)


def test_document_date_line_is_never_a_deadline(tmp_path):
    got = _deadlines(tmp_path, "Nội dung chung.")
    assert got == ()


def test_relative_resolved_from_election_day(tmp_path):
    # khóa XVI → election day 15/3/2026; 95 days before is 10/12/2025
    got = _deadlines(tmp_path, "Hiệp thương lần thứ nhất chậm nhất 95 ngày trước ngày bầu cử.")
    assert [(d.kind, d.end, d.relative) for d in got] == \
        [("by", D(2025, 12, 10), "chậm nhất 95 ngày trước ngày bầu cử")]


def test_section_is_set(tmp_path):
    got = _deadlines(tmp_path, "1. Hội nghị\n- Thời gian: chậm nhất là ngày 22/02/2026")
    assert got[0].section == "I.1"


def test_schedule_table_rows(tmp_path):
    table = ("|STT|Thời gian|Nội dung|\n"
             "|1|24/03/2026|Gửi danh sách về Khoa.|\n"
             "|2|31/03/2026 – 04/04/2026|Khoa nhận hồ sơ.|")
    got = _deadlines(tmp_path, table)
    assert [(d.kind, d.start, d.end, d.line) for d in got] == [
        ("on", D(2026, 3, 24), D(2026, 3, 24), 8),
        ("range", D(2026, 3, 31), D(2026, 4, 4), 9)]
