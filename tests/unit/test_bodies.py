"""Bodies with roles (pipeline/extract/bodies.py) and the abbreviation lexicon."""
from __future__ import annotations

import json

import pytest

from testkit import SEED_GOLD, make_doc
from pipeline.extract.bodies import canonical_name, extract_bodies

HEADER = "Số 01-KH/BCĐ\n\nKẾ HOẠCH\nVề việc thử\n\n"


def roles(tmp_path, body: str):
    doc = make_doc(tmp_path, HEADER + body)
    return {(b.role, b.name) for b in extract_bodies(doc)}


# (body text, expected (role, canonical name) pairs — exactly these)
CASES = [
    # "Chủ trì:" label
    ("- Chủ trì: Thường trực Tỉnh ủy\n", {("lead", "Thường trực Tỉnh ủy")}),
    # giao X chủ trì phối hợp với A và B, C: lead beats assignee; list split on "và" and ","
    ("Giao Ban Tuyên giáo Tỉnh ủy chủ trì phối hợp với UBBC và Thường trực HĐND tỉnh, Ủy ban MTTQ Việt Nam tỉnh xây dựng kế hoạch.\n",
     {("lead", "Ban Tuyên giáo Tỉnh ủy"), ("cooperate", "Ủy ban bầu cử"),
      ("cooperate", "Thường trực Hội đồng nhân dân tỉnh"),
      ("cooperate", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")}),
    # "Cơ quan tham mưu:" with its own chủ trì/phối hợp: lead + cooperate, not advise
    ("- Cơ quan tham mưu: Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Thường trực HĐND tỉnh.\n",
     {("lead", "Ban Tổ chức Tỉnh ủy"), ("cooperate", "Thường trực Hội đồng nhân dân tỉnh")}),
    # "Cơ quan tham mưu:" alone: advise
    ("- Cơ quan tham mưu: Văn phòng Tỉnh ủy\n", {("advise", "Văn phòng Tỉnh ủy")}),
    # cooperate list stops at a non-body ("các cơ quan liên quan")
    ("+ Cơ quan tham mưu: Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Ban Thường trực UBMTTQVN tỉnh và các cơ quan liên quan.\n",
     {("lead", "Ban Tổ chức Tỉnh ủy"),
      ("cooperate", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh")}),
    # "Cơ quan báo cáo:" with two bodies joined by "và"
    ("- Cơ quan báo cáo: Ban thường trực UBMTTQVN tỉnh và UBBC tỉnh.\n",
     {("report", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"), ("report", "Ủy ban bầu cử tỉnh")}),
    # "Thành phần:" items split on ";" (not bodies necessarily)
    ("- Thành phần: cấp ủy viên các cấp; thủ trưởng các cơ quan, đơn vị liên quan.\n",
     {("attend", "cấp ủy viên các cấp"), ("attend", "thủ trưởng các cơ quan, đơn vị liên quan")}),
    # "Giao cho X": assignee; "và" inside the name stays
    ("Giao cho Ban bảo vệ và chăm sóc sức khỏe cán bộ tỉnh xây dựng kế hoạch.\n",
     {("assignee", "Ban bảo vệ và chăm sóc sức khỏe cán bộ tỉnh")}),
    # "X chủ trì, phối hợp với Y tham mưu": Y is cooperate only (no weaker advise)
    ("Ủy ban Kiểm tra Tỉnh ủy chủ trì, phối hợp với Ban Nội chính Tỉnh ủy tham mưu giúp cấp ủy.\n",
     {("lead", "Ủy ban Kiểm tra Tỉnh ủy"), ("cooperate", "Ban Nội chính Tỉnh ủy")}),
    # "được giao" is no assignment
    ("Các cơ quan được giao Ban Tổ chức Tỉnh ủy theo dõi.\n", set()),
    # a body after "Tham mưu" is the advised, not the adviser
    ("Tham mưu Ban Thường vụ Tỉnh ủy xem xét nhân sự.\n", set()),
    # "Tổ chức hội nghị" is no body ("Tổ" + "chức")
    ("Tổ chức hội nghị trực tuyến, Ban Chỉ đạo chủ trì.\n", {("lead", "Ban Chỉ đạo")}),
    # a person's title: "Trưởng Ban công tác Mặt trận chủ trì" names no body
    ("Trưởng Ban công tác Mặt trận chủ trì hội nghị cử tri.\n", set()),
    # "triệu tập và chủ trì": the body before both verbs leads
    ("Hội đồng nhân dân tỉnh triệu tập và chủ trì hội nghị.\n", {("lead", "Hội đồng nhân dân tỉnh")}),
    # dash joining two capitalised parts of one name
    ("Giao Ban Kinh tế - Ngân sách HĐND tỉnh thẩm tra.\n",
     {("assignee", "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh")}),
    # the inspection team named as such
    ("Các đơn vị gửi báo cáo về Đoàn kiểm tra để theo dõi.\n", {("inspect", "Đoàn kiểm tra")}),
    # inspect needs the body to open its clause: object of "Hướng dẫn" is no inspector
    ("về Hướng dẫn Uỷ ban MTTQ Việt Nam kiểm tra, giám sát công tác bầu cử;\n", set()),
    # the subject of a clause that inspects
    ("Ban Thường trực Ủy ban MTTQ Việt Nam phường kiểm tra công tác bầu cử.\n",
     {("inspect", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường")}),
    # "và" before a number ends the list item
    ("Trung tâm Quản lý chất lượng chủ trì, phối hợp với Phòng Đào tạo và 05 khoa liên quan thực hiện.\n",
     {("lead", "Trung tâm Quản lý chất lượng"), ("cooperate", "Phòng Đào tạo")}),
    # "Cơ quan chủ trì:" and "Cơ quan phối hợp:" labels
    ("- Cơ quan chủ trì: Sở Nội vụ\n- Cơ quan phối hợp: Sở Tài chính, Công an tỉnh\n",
     {("lead", "Sở Nội vụ"), ("cooperate", "Sở Tài chính"), ("cooperate", "Công an tỉnh")}),
]


@pytest.mark.parametrize("body,expected", CASES)
def test_roles(tmp_path, body, expected):
    assert roles(tmp_path, body) == expected


SECTION_CASES = [
    # subject of a numbered item under TỔ CHỨC THỰC HIỆN: assignee, abbreviation expanded
    ("III. TỔ CHỨC THỰC HIỆN\n1. Ban cán sự đảng UBND tỉnh chỉ đạo các sở, ngành.\n",
     {("assignee", "Ban cán sự đảng Ủy ban nhân dân tỉnh")}),
    # committees written with one shared "ủy"
    ("III. TỔ CHỨC THỰC HIỆN\n1. Các huyện, thị ủy, thành ủy lãnh đạo, chỉ đạo thực hiện.\n",
     {("assignee", "Các huyện, thị ủy, thành ủy")}),
    # the same item with chủ trì: lead, not assignee
    ("III. TỔ CHỨC THỰC HIỆN\n1. Ban Tổ chức Tỉnh ủy chủ trì phối hợp với Văn phòng Tỉnh ủy đôn đốc.\n",
     {("lead", "Ban Tổ chức Tỉnh ủy"), ("cooperate", "Văn phòng Tỉnh ủy")}),
    # outside such a section the subject is no assignee
    ("I. MỤC ĐÍCH, YÊU CẦU\n1. Ban Tuyên giáo Tỉnh ủy định hướng công tác tuyên truyền.\n", set()),
]


@pytest.mark.parametrize("body,expected", SECTION_CASES)
def test_section_subject(tmp_path, body, expected):
    assert roles(tmp_path, body) == expected


# (as written, canonical)
NAMES = [
    ("Ban thường trực UBMTTQVN tỉnh", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ban thường trực UBMTTQ VN cấp tỉnh", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam cấp tỉnh"),
    ("UB MTTQ VN xã", "Ủy ban Mặt trận Tổ quốc Việt Nam xã"),
    ("Ủy ban MTTQ Việt Nam tỉnh", "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Thường trực HĐND tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("Thường trực Hội đồng Nhân dân tỉnh", "Thường trực Hội đồng nhân dân tỉnh"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh"),
    ("Uỷ ban nhân dân xã", "Ủy ban nhân dân xã"),
    ("BTT Ủy ban MTTQ Việt Nam tỉnh", "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"),
    ("Ban Tổ chức TW", "Ban Tổ chức Trung ương"),
    ("HĐBCQG", "Hội đồng bầu cử quốc gia"),
    ("Sở GD&ĐT", "Sở Giáo dục và Đào tạo"),
    ("UBTVQH", "Ủy ban Thường vụ Quốc hội"),
    ("Ủy Ban Thường vụ Quốc hội", "Ủy ban Thường vụ Quốc hội"),
    ("UBBC", "Ủy ban bầu cử"),
]


@pytest.mark.parametrize("written,canonical", NAMES)
def test_canonical_name(written, canonical):
    assert canonical_name(written) == canonical


def test_seed_bodies_f1(seed_result):
    """Bodies on the seed score F1 ≥ 0.9 against its gold (bodies + bodies_optional)."""
    import difflib
    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))

    def same(g, p):
        a, b = g["name"].casefold(), p["name"].casefold()
        return (g["role"] == p["role"] and abs(g["line"] - p["line"]) <= 1
                and (a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8))

    pred = list(seed_result["bodies"])
    tp = 0
    for g in gold["bodies"]:
        hit = next((p for p in pred if same(g, p)), None)
        if hit is not None:
            pred.remove(hit)
            tp += 1
    fp = [p for p in pred if not any(same(o, p) for o in gold["bodies_optional"])]
    prec, rec = tp / (tp + len(fp)), tp / len(gold["bodies"])
    assert 2 * prec * rec / (prec + rec) >= 0.9
