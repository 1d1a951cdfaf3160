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
