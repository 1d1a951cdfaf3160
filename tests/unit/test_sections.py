"""Section labels and ids (contract README, Conventions)."""
from __future__ import annotations

import pytest

from testkit import make_doc
from pipeline.parse.sections import match_label

LABEL_CASES = [
    ("I. MỤC ĐÍCH, YÊU CẦU", ("ROMAN", "I")),            # seed line 12
    ("II- NHIỆM VỤ", ("ROMAN", "II")),                   # Party "I-" style
    ("2.1. Cuộc họp thứ nhất", ("DOTTED2", "2.1")),      # seed line 41
    ("2.5.1 Tiểu mục", ("DOTTED3", "2.5.1")),
    ("a. Chỉ đạo Ủy ban bầu cử", ("LETTER", "a")),        # seed line 26
    ("đ) Công tác khác", ("LETTER", "đ")),
    ("(1) Thống nhất Đề án", ("PAREN", "(1)")),           # seed line 53
    ("4. Đảng đoàn Ủy ban MTTQ", ("ARABIC", "4")),        # seed line 107
    ("1/ Tổ chức hội nghị", ("ARABIC", "1")),
    ("Điều 5. Hiệu lực thi hành", ("WORD:điều", "Điều 5")),
    ("Chương II", ("WORD:chương", "Chương II")),
    ("- Nội dung: Thống nhất", None),                     # bullets are not sections
    ("+ Cơ quan tham mưu", None),
    ("06.02.2021 là ngày họp", None),                     # a date is not a label
    ("Mục II, Kế hoạch này", None),                       # running text
    ("V/v tuyên truyền", None),
    ("2021 - 2026", None),
    # Every word a label may open with, past the two-letter shortcut of match_label.
    ("PHẦN THỨ NHẤT", ("WORD:phần", "Phần THỨ NHẤT")),
    ("CHƯƠNG I", ("WORD:chương", "Chương I")),
    ("Tiểu mục 2. Quy định", ("WORD:tiểu mục", "Tiểu mục 2")),
    ("Mục 1. Phạm vi", ("WORD:mục", "Mục 1")),
    ("MỤC 3", ("WORD:mục", "Mục 3")),
    ("ĐIỀU 4. Trách nhiệm", ("WORD:điều", "Điều 4")),
    ("Bước 1: Chuẩn bị", ("WORD:bước", "Bước 1")),
    ("BƯỚC HAI", ("WORD:bước", "Bước HAI")),
    ("Phụ lục II", ("WORD:phụ lục", "Phụ lục II")),
    ("PHỤ LỤC", ("WORD:phụ lục", "Phụ lục")),
    ("IV. TỔ CHỨC THỰC HIỆN", ("ROMAN", "IV")),
    ("VI- KINH PHÍ", ("ROMAN", "VI")),
    ("XII. Khác", ("ROMAN", "XII")),
    ("B. Phần thứ hai", ("UPPER", "B")),
    ("[auto-num] \t\tPhần I", ("WORD:phần", "Phần I")),    # a converter's mark (phu-luc-I:8)
    ("20 - 25 mm20 - 25 mm30 - 35 mm", None),             # a flattened diagram (phu-luc-I:147)
    ("3 - Tổ chức hội nghị", ("ARABIC", "3")),
    ("Phòng Văn hóa - Xã hội chủ trì", None),
    ("Các đơn vị báo cáo", None),
]


@pytest.mark.parametrize("text, expected", LABEL_CASES)
def test_sections_match_label(text, expected):
    lab = match_label(text)
    assert (None if lab is None else (lab.style, lab.label)) == expected


def test_sections_ids_nest_and_dedupe(tmp_path):
    doc = make_doc(tmp_path, "\n".join([
        "KẾ HOẠCH", "Thử nghiệm", "",
        "I. MỤC ĐÍCH", "1. Một", "II. NỘI DUNG", "1. Công tác", "a. Việc a", "b. Việc b",
        "2. Các cuộc họp", "2.1. Thứ nhất", "2.2. Lần hai", "(1) Việc một", "(2) Việc hai",
        "2.3. Lần ba", "III. TỔ CHỨC", "4. Bốn", "4. Bốn lặp", "5. Năm",
    ]))
    ids = [s.id for s in doc.sections]
    assert ids == ["I", "I.1", "II", "II.1", "II.1.a", "II.1.b", "II.2", "II.2.1", "II.2.2",
                   "II.2.2.(1)", "II.2.2.(2)", "II.2.3", "III", "III.4", "III.4~2", "III.5"]
    assert [s.label for s in doc.sections][-2] == "4"


def test_sections_word_labels_keep_word(tmp_path):
    doc = make_doc(tmp_path, "QUYẾT ĐỊNH\nVề việc thử\n\nĐiều 1. Thành lập\n1. Khoản một\na) Điểm a\nĐiều 2. Hiệu lực\n")
    assert [s.id for s in doc.sections] == ["Điều 1", "Điều 1.1", "Điều 1.1.a", "Điều 2"]


def test_sections_seed_matches_gold(seed_result):
    import json
    from testkit import SEED_GOLD
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    got = {(s["id"], s["line"]) for s in seed_result["sections"]}
    for g in gold["sections"]:
        assert (g["id"], g["line"]) in got
    optional = {g["id"] for g in gold["sections_optional"]}
    required = {g["id"] for g in gold["sections"]}
    assert {s["id"] for s in seed_result["sections"]} <= required | optional


def test_sections_article_after_plan_items_is_not_their_child(tmp_path):
    """A decision embedded after a plan: its Điều are not children of the plan's items
    (kh_trung-tam-cntt-tay-bac … DRAFT:272)."""
    doc = make_doc(tmp_path, "KẾ HOẠCH\nThử\n\nI. NỘI DUNG\n1. Việc một\n2. Việc hai\n"
                             "QUYẾT ĐỊNH:\nĐiều 1. Phê duyệt\n1. Mục tiêu\nĐiều 2. Hiệu lực\n")
    assert [s.id for s in doc.sections] == ["I", "I.1", "I.2", "Điều 1", "Điều 1.1", "Điều 2"]


def test_quoted_articles_of_an_amending_text_are_not_its_sections(tmp_path):
    """law_luat-sua-doi-luat-bau-cu-83-2025-QH15.txt:37-49: the new wording of the amended
    law is quoted over several lines; its "Điều 22." and "1." are not this law's."""
    doc = make_doc(tmp_path, "\n".join([
        "LUẬT", "Sửa đổi một số điều", "",
        "Điều 1. Sửa đổi, bổ sung một số điều của Luật Bầu cử",
        "1. Sửa đổi, bổ sung Điều 21 và Điều 22 như sau:",
        "“Điều 21. Các tổ chức phụ trách bầu cử ở địa phương",
        "1. Ủy ban bầu cử.",
        "Điều 22. Việc thành lập Ủy ban bầu cử",
        "1. Chậm nhất là 105 ngày trước ngày bầu cử.”.",
        "2. Sửa đổi khoản 3 Điều 24 như sau:",
        "“3. Ban bầu cử có nhiệm vụ.”.",
        "Điều 2. Hiệu lực thi hành",
    ]))
    assert [(s.id, s.line) for s in doc.sections] == [
        ("Điều 1", 4), ("Điều 1.1", 5), ("Điều 1.2", 10), ("Điều 2", 12)]


def test_a_quote_that_never_closes_or_closes_on_its_line_hides_nothing(tmp_path):
    doc = make_doc(tmp_path, "\n".join([
        "KẾ HOẠCH", "Thử nghiệm", "",
        "I. MỤC ĐÍCH",
        "“Quốc hội là biểu tượng” là chủ đề tuyên truyền.",
        "1. Việc một.",
        "“Ngày hội toàn dân",
        "2. Việc hai.",
        "II. NỘI DUNG",
    ]))
    assert [s.id for s in doc.sections] == ["I", "I.1", "I.2", "II"]


def test_a_signature_before_a_long_appendix_of_forms_ends_the_body(tmp_path):
    """nq_ubtvqh-101-2025-UBTVQH15 …:148-163: no "Nơi nhận", the signature block, then
    hundreds of lines of blank forms whose "(1)" and "1." are no sections."""
    form = ["Mẫu số 01/HNCT", "(1)………..", "BIÊN BẢN HỘI NGHỊ CỬ TRI", "1. Thành phần hội nghị gồm:",
            "2. Nội dung:", "(2) Ghi tên cơ quan."] * 10
    doc = make_doc(tmp_path, "\n".join([
        "ỦY BAN THƯỜNG VỤ QUỐC HỘI", "Nghị quyết số: 101/2025/UBTVQH15", "NGHỊ QUYẾT", "Quy định chi tiết",
        "Điều 1. Phạm vi điều chỉnh", "1. Nghị quyết này quy định.", "Điều 2. Hiệu lực thi hành",
        "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI", "CHỦ TỊCH", "", "", "Trần Thanh Mẫn",
        "PHỤ LỤC", "ban hành kèm theo Nghị quyết số 101/2025/UBTVQH15", *form,
    ]))
    assert doc.body_end == 7
    assert doc.signature is not None and doc.signature.signer == "Trần Thanh Mẫn"
    assert doc.signature.authority == "TM." and doc.signature.title == "CHỦ TỊCH"
    assert [s.id for s in doc.sections] == ["Điều 1", "Điều 1.1", "Điều 2"]


def test_tm_in_running_text_is_no_signature(tmp_path):
    doc = make_doc(tmp_path, "\n".join([
        "KẾ HOẠCH", "Thử nghiệm", "",
        "I. MỤC ĐÍCH",
        "TM. Ban Chấp hành ký các văn bản theo ủy quyền của Ban Thường vụ.",
        "1. Việc một do Nguyễn Văn An phụ trách.",
    ] + [f"{k}. Việc số {k} của kế hoạch, thực hiện đúng tiến độ." for k in range(2, 60)]))
    assert doc.body_end == len(doc.lines) and doc.signature is None


def test_a_point_after_a_line_ending_in_nam_is_a_section(tmp_path):
    """phu-luc-II:45-46: "8. … ngày và tháng trong năm" / "a) Tên các năm âm lịch: …" — the
    wrapped-number guard is for digits ("… ngày" / "1/ …"), not for lettered points."""
    doc = make_doc(tmp_path, "\n".join([
        "KẾ HOẠCH", "Thử nghiệm", "",
        "I. QUY TẮC", "8. Tên các năm âm lịch, ngày tết, ngày và tháng trong năm",
        "a) Tên các năm âm lịch: viết hoa.", "b) Tên các ngày tết: viết hoa.",
    ]))
    assert [s.id for s in doc.sections] == ["I", "I.8", "I.8.a", "I.8.b"]


def test_noi_nhan_in_a_right_hand_table_cell_does_not_end_the_body(tmp_path):
    """phu-luc-I:136: a table of a document's parts has the row "9a, 9b | : | Nơi nhận";
    the recipients block is a left column, so the body goes on."""
    doc = make_doc(tmp_path, "\n".join([
        "KẾ HOẠCH", "Thử nghiệm", "",
        "I. CÁC THÀNH PHẦN", "| 9a, 9b | : | Nơi nhận |", "II. CÁCH TRÌNH BÀY", "1. Phông chữ",
    ]))
    assert [s.id for s in doc.sections] == ["I", "II", "II.1"] and doc.body_end == len(doc.lines)
