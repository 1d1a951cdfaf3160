"""Header fields: số/ký hiệu in both systems, place and date, doc type, trích yếu, marks."""
from __future__ import annotations

import json
from datetime import date

import pytest

from testkit import SEED_GOLD, make_doc


def test_header_seed_matches_gold(seed_result):
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))["header"]
    got = seed_result["header"]
    for key in ("doc_type", "number", "symbol", "date", "title"):
        assert got[key] == gold[key], key


STATE = """ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
TỈNH BÌNH DƯƠNG\tĐộc lập - Tự do - Hạnh phúc
Số: 09/2009/CT-UBND\tThủ Dầu Một, ngày 15  tháng 4  năm 2009
CHỈ THỊ
Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở
    Trong thời gian qua, hoạt động khoa học được quan tâm.
"""

PARTY = """TỈNH ỦY BÌNH PHƯỚC
BAN CHỈ ĐẠO BẦU CỬ
*
Số 01-KH/BCĐ
ĐẢNG CỘNG SẢN VIỆT NAM
Đồng Xoài, ngày 05 tháng 01 năm 2021
KẾ HOẠCH
Lãnh đạo cuộc bầu cử
I. MỤC ĐÍCH
"""

CONG_VAN = """|UBND THÀNH PHỐ ĐÀ NẴNG          |CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM   |
|SỞ GIÁO DỤC VÀ ĐÀO TẠO           |Độc lập - Tự do - Hạnh phúc          |
|Số: 1906 /SGDĐT-CTrTT            |Đà Nẵng, ngày 26 tháng 7 năm 2020    |
|V/v phòng, chống dịch            |                                     |
HỎA TỐC
Kính gửi: Các trường trực thuộc Sở.
Thực hiện chỉ đạo của UBND thành phố.
"""


@pytest.mark.parametrize("text, expected", [
    (STATE, {"doc_type": "Chỉ thị", "number": "09", "symbol": "2009/CT-UBND", "system": "state",
             "issuer": "ỦY BAN NHÂN DÂN TỈNH BÌNH DƯƠNG", "place": "Thủ Dầu Một", "date": date(2009, 4, 15),
             "title": "Về việc đẩy mạnh hoạt động khoa học và công nghệ cấp cơ sở"}),
    (PARTY, {"doc_type": "Kế hoạch", "number": "01", "symbol": "KH/BCĐ", "system": "party",
             "issuer": "BAN CHỈ ĐẠO BẦU CỬ", "parent_issuer": "TỈNH ỦY BÌNH PHƯỚC", "date": date(2021, 1, 5),
             "title": "Lãnh đạo cuộc bầu cử"}),
    (CONG_VAN, {"doc_type": "Công văn", "number": "1906", "symbol": "SGDĐT-CTrTT", "urgency": "HỎA TỐC",
                "issuer": "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "parent_issuer": "UBND THÀNH PHỐ ĐÀ NẴNG",
                "title": "phòng, chống dịch", "date": date(2020, 7, 26)}),
])
def test_header_fields(tmp_path, text, expected):
    h = make_doc(tmp_path, text).header
    for key, value in expected.items():
        assert getattr(h, key) == value, key


def test_header_blank_day_is_a_date_line(tmp_path):
    h = make_doc(tmp_path, "Số:      /KH-MTTQ-BTT\nQuảng Ninh, ngày     tháng 11 năm 2025\nKẾ HOẠCH\nThử\n").header
    assert h.date_line == 2 and h.date_blank and h.date is None
    assert h.number is None and h.symbol == "KH-MTTQ-BTT"


def test_header_signature_and_recipients(tmp_path):
    doc = make_doc(tmp_path, PARTY + "1. Việc một.\n\nNơi nhận:\n- Ban Thường vụ Tỉnh ủy,\n- Lưu VP.\n\n"
                   "T/M BAN CHỈ ĐẠO\nTRƯỞNG BAN\n\nNguyễn Văn A\n")
    assert doc.signature.signer == "Nguyễn Văn A"
    assert doc.signature.authority == "T/M"
    assert "Ban Thường vụ Tỉnh ủy" in doc.recipients


def test_a_date_line_at_the_very_end_leaves_the_body_inside_the_text(tmp_path):
    """A scrambled text whose place-and-date line comes last: the body must still end on a
    line of the text (a body_end past it crashed the checks that walk the body)."""
    from pipeline.checks import run_checks
    from pipeline.extract import extract_all
    doc = make_doc(tmp_path, "\n".join([
        "CÔNG ĐOÀN GIÁO DỤC VIỆT NAM", "Số: 172/CĐN-TGNC", "",
        "1. Tổ chức hội nghị báo cáo kết quả Đại hội XI CĐVN.",
        "Nơi nhận:", "- Lưu VT, TG-NC.",
        "|V/v tuyên truyền kết quả Đại hội   |Hà Nội, ngày 9 tháng 8 năm 2013   |",
    ]))
    assert doc.body_last <= len(doc.lines)
    findings, diags = run_checks(doc, extract_all(doc))
    assert not diags


def test_an_appendix_kept_as_its_own_document(tmp_path):
    """law_nghi-dinh-30-2020_phu-luc-II_viet-hoa.txt:1-6: "Phụ lục II" is the document's type
    and number, not a section above its I, II …; the body starts after "(Kèm theo …)"."""
    doc = make_doc(tmp_path, "\n".join([
        "Phụ lục II", "VIẾT HOA TRONG VĂN BẢN HÀNH CHÍNH", "(Kèm theo Nghị định số 30/2020/NĐ-CP",
        "ngày 05 tháng 3 năm 2020 của Chính phủ)", "_____________",
        "I. VIẾT HOA VÌ PHÉP ĐẶT CÂU", "II. VIẾT HOA DANH TỪ RIÊNG", "1. Tên người",
    ]))
    assert doc.header.doc_type == "Phụ lục"
    assert doc.header.title == "VIẾT HOA TRONG VĂN BẢN HÀNH CHÍNH"
    assert [s.id for s in doc.sections] == ["I", "II", "II.1"]


def test_a_phu_luc_line_without_kem_theo_is_no_standalone_appendix(tmp_path):
    doc = make_doc(tmp_path, "\n".join([
        "Phụ lục II", "DANH SÁCH ĐƠN VỊ", "", "I. CẤP TỈNH", "1. Sở Nội vụ",
    ]))
    assert doc.header.doc_type != "Phụ lục"


def test_a_flattened_header_cell_keeps_its_number(tmp_path):
    """law_nghi-dinh-30-2020-ND-CP_cong-tac-van-thu.txt:1: a converter joined each header
    cell's paragraphs with " / "; "Số: 30/2020/NĐ-CP" is still the number line."""
    doc = make_doc(tmp_path, "\n".join([
        "CHÍNH PHỦ / _______ /  / Số: 30/2020/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / "
        "Độc lập - Tự do - Hạnh phúc / ____ / Hà Nội, ngày 05 tháng 3 năm 2020",
        "", "NGHỊ ĐỊNH", "Về công tác văn thư", "", "Chương I", "QUY ĐỊNH CHUNG",
    ]))
    h = doc.header
    assert (h.number, h.symbol, h.issuer, h.date) == ("30", "2020/NĐ-CP", "CHÍNH PHỦ", date(2020, 3, 5))
