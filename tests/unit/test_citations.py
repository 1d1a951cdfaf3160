"""Citations: find a number and symbol, resolve type, date and issuer (pipeline/extract/citations.py)."""
from __future__ import annotations

from datetime import date

import pytest

from pipeline.extract.citations import find_in_paragraph
from pipeline.model import Paragraph


def cites(text: str):
    return find_in_paragraph(Paragraph(text=text, lines=(1,), starts=(0,)))


# (text, doc_type, number, symbol, date, issuer) of the first citation found.
CASES = [
    # the legislature's number written apart from the committee's code (nqlt_102-2025…:98)
    ("theo Nghị quyết số 101/2025/UBTV QH15 ngày 26/9/2025 của Ủy ban Thường vụ Quốc hội",
     "Nghị quyết", "101", "2025/UBTVQH15", date(2025, 9, 26), "Ủy ban Thường vụ Quốc hội"),
    # Party form, "số" present, issuer after the date (seed line 10)
    ("Thực hiện Chỉ thị số 45-CT/TU ngày 20/6/2020 của Bộ Chính trị về lãnh đạo công tác bầu cử",
     "Chỉ thị", "45", "CT/TU", date(2020, 6, 20), "Bộ Chính trị"),
    # Party form without "số", leading zero kept (seed line 14)
    ("đúng các chủ trương, Chỉ thị 03-CT/TU ngày 11/12/2020 của Ban Thường vụ Tỉnh ủy.",
     "Chỉ thị", "03", "CT/TU", date(2020, 12, 11), "Ban Thường vụ Tỉnh ủy"),
    # lower-case type name; Party issuer code BTCTW (seed line 113)
    ("theo quy định tại hướng dẫn số 36-HD/BTCTW ngày 20/01/2021 của Ban Tổ chức Trung ương",
     "Hướng dẫn", "36", "HD/BTCTW", date(2021, 1, 20), "Ban Tổ chức Trung ương"),
    # Party Kế hoạch of a Đảng ủy
    ("Kế hoạch số 21-KH/ĐU ngày 29/7/2025 của Ban Thường vụ Đảng ủy xã Lương Minh",
     "Kế hoạch", "21", "KH/ĐU", date(2025, 7, 29), "Ban Thường vụ Đảng ủy xã Lương Minh"),
    # Party Quy định written QĐi: the type from the words before it
    ("Quy định số 08-QĐi/TW ngày 25/10/2018 của Ban Chấp hành Trung ương",
     "Quy định", "08", "QĐi/TW", date(2018, 10, 25), "Ban Chấp hành Trung ương"),
    # State normative: year inside the symbol
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;",
     "Nghị định", "30", "2020/NĐ-CP", date(2020, 3, 5), "Chính phủ"),
    # "kể từ ngày …" after the issuer is when something takes effect, not the cited date
    # (law_luat-to-chuc-chinh-quyen-dia-phuong-77-2015-QH13:905)
    ("Nghị quyết số 724/2009/UBTVQH12 của Ủy ban thường vụ Quốc hội kể từ ngày 01 tháng 01 năm 2016.",
     "Nghị quyết", "724", "2009/UBTVQH12", None, "Ủy ban thường vụ Quốc hội"),
    # the issuer named before the reference (cv_so-gddt-danang_1906:12)
    ("Thực hiện chỉ đạo của UBND thành phố tại Công văn số 4869/UBND-SYT ngày 26/7/2020 về việc",
     "Công văn", "4869", "UBND-SYT", date(2020, 7, 26), "Ủy ban nhân dân thành phố"),
    # joint issuers after "của" keep their commas and "và" (kh_mttq-phuong-bac-cam-ranh:87)
    ("theo Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 26/9/2025 của Ủy ban "
     "Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam hướng dẫn",
     "Nghị quyết liên tịch", "102", "2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", date(2025, 9, 26),
     "Ủy ban Thường vụ Quốc hội, Chính phủ và Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    # the state's name after the issuer adds nothing (qd_ubnd-phuong-sa-dec_149:23)
    ("Căn cứ Nghị quyết số 199/2025/QH15 ngày 21 tháng 5 năm 2025 của Quốc hội nước Cộng hòa xã hội chủ "
     "nghĩa Việt Nam về việc rút ngắn", "Nghị quyết", "199", "2025/QH15", date(2025, 5, 21), "Quốc hội"),
    # two references joined by "và" share the issuer after them (nq_hdnd-tinh-quangninh-99-2025:20)
    ("Xét Tờ trình số 4486/TTr-UBND ngày 22 tháng 11 năm 2025 và Báo cáo tiếp thu số 4723/BC-UBND "
     "ngày 08 tháng 12 năm 2025 của Ủy ban nhân dân tỉnh;",
     "Tờ trình", "4486", "TTr-UBND", date(2025, 11, 22), "Ủy ban nhân dân tỉnh"),
    # a number with a letter suffix (cv_ubnd-tinh-phutho_4532…TRANSCRIPTION-p1:11)
    ("Thực hiện Nghị quyết số 30c/NQ-CP ngày 08/11/2011 của Chính phủ ban hành Chương trình",
     "Nghị quyết", "30c", "NQ-CP", date(2011, 11, 8), "Chính phủ"),
    # State ordinary: N/TYPE-ISSUER, issuer abbreviation expanded
    ("Thực hiện Kế hoạch số 12/KH-UBND ngày 02/01/2025 của UBND tỉnh về cải cách hành chính",
     "Kế hoạch", "12", "KH-UBND", date(2025, 1, 2), "Ủy ban nhân dân tỉnh"),
    # law with its name between "Luật" and "số"; date after a comma
    ("Căn cứ Luật Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13, ngày 25/6/2015 của Quốc hội;",
     "Luật", "85", "2015/QH13", date(2015, 6, 25), "Quốc hội"),
    # Nghị quyết of the Quốc hội, date in words
    ("Căn cứ Nghị quyết số 199/2025/QH15 ngày 21 tháng 5 năm 2025 của Quốc hội về việc bầu cử",
     "Nghị quyết", "199", "2025/QH15", date(2025, 5, 21), "Quốc hội"),
    # joint resolution, issuers after "giữa" keep their commas
    ("Căn cứ Nghị quyết liên tịch số 102/2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN ngày 26 tháng 9 năm 2025 "
     "giữa Ủy ban Thường vụ Quốc hội, Chính phủ, Đoàn Chủ tịch Ủy ban Trung ương MTTQ Việt Nam hướng dẫn",
     "Nghị quyết liên tịch", "102", "2025/NQLT-UBTVQH15-CP-ĐCTUBTWMTTQVN", date(2025, 9, 26),
     "Ủy ban Thường vụ Quốc hội, Chính phủ, Đoàn Chủ tịch Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    # Công văn: N/ISSUER-UNIT, no type code in the symbol
    ("Thực hiện Công văn số 4869/UBND-SYT ngày 26/7/2020 của UBND thành phố",
     "Công văn", "4869", "UBND-SYT", date(2020, 7, 26), "Ủy ban nhân dân thành phố"),
    # Công văn with no type word: the symbol's shape says Công văn
    ("theo văn bản số 6582/VPCP-KSTT ngày 21/9/2011 của Văn phòng Chính phủ",
     "Công văn", "6582", "VPCP-KSTT", date(2011, 9, 21), "Văn phòng Chính phủ"),
    # type from the symbol's code when no type word stands before it
    ("căn cứ số 40/NQ-HĐBCQG ngày 29/9/2025 của Hội đồng bầu cử quốc gia",
     "Nghị quyết", "40", "NQ-HĐBCQG", date(2025, 9, 29), "Hội đồng bầu cử quốc gia"),
    # UBTVQH resolutions carry no type code: known by the issuer code
    ("theo Nghị quyết số 101/2025/UBTVQH15 ngày 26/9/2025 của Ủy Ban Thường vụ Quốc hội",
     "Nghị quyết", "101", "2025/UBTVQH15", date(2025, 9, 26), "Ủy ban Thường vụ Quốc hội"),
    # date with dashes
    ("Quyết định số 15-QĐ/TW ngày 01-10-1997 của Bộ Chính trị",
     "Quyết định", "15", "QĐ/TW", date(1997, 10, 1), "Bộ Chính trị"),
    # date with "ban hành" before it
    ("Thông tư số 21/2025/TT-BNV ban hành ngày 12/10/2025 của Bộ Nội vụ",
     "Thông tư", "21", "2025/TT-BNV", date(2025, 10, 12), "Bộ Nội vụ"),
    # spaced dash in the symbol, date after a comma
    ("Căn cứ Thông tư số 21/2025/TT - BNV, ngày 12/10/2025 của Bộ Nội vụ, Hướng dẫn",
     "Thông tư", "21", "2025/TT-BNV", date(2025, 10, 12), "Bộ Nội vụ"),
    # issuer after the symbol, date after the issuer
    ("Chỉ thị số 46-CT/TW của Bộ Chính trị ngày 16/5/2025 về lãnh đạo cuộc bầu cử",
     "Chỉ thị", "46", "CT/TW", date(2025, 5, 16), "Bộ Chính trị"),
    # issuer abbreviations: Ban Thường trực UBMTTQVN
    ("Hướng dẫn số 13/HD-MTTQ-BTT ngày 17/11/2025 của Ban Thường trực UBMTTQVN tỉnh Quảng Ninh về",
     "Hướng dẫn", "13", "HD-MTTQ-BTT", date(2025, 11, 17),
     "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Quảng Ninh"),
    # issuer stops before the cited title written in capitals after it
    ("Nghị quyết số 40/NQ-HĐBCQG ngày 29/9/2025 của Hội đồng Bầu cử quốc gia Quy định mẫu văn bản",
     "Nghị quyết", "40", "NQ-HĐBCQG", date(2025, 9, 29), "Hội đồng bầu cử quốc gia"),
    # no date, no issuer
    ("thực hiện theo Luật số 83/2025/QH15 sửa đổi",
     "Luật", "83", "2025/QH15", None, None),
    # Thủ tướng: "TTg Chính phủ" expanded once, not to "Thủ tướng Chính phủ Chính phủ"
    ("Chỉ thị số 19/CT-TTg ngày 24/4/2020 của TTg Chính phủ",
     "Chỉ thị", "19", "CT-TTg", date(2020, 4, 24), "Thủ tướng Chính phủ"),
    # a date that does not exist: kept as invalid, no date
    ("Kế hoạch số 05/KH-UBND ngày 31/02/2025 của UBND xã",
     "Kế hoạch", "05", "KH-UBND", None, "Ủy ban nhân dân xã"),
    # Thông tri of the MTTQ central committee
    ("Thông tri số 04/TT-MTTW-BTT ngày 04/11/2025 của Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam",
     "Thông tri", "04", "TT-MTTW-BTT", date(2025, 11, 4),
     "Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"),
    # Đoàn TNCS Party-style symbol with a hyphenated issuer
    ("Kế hoạch số 239-KH/TWĐTN-BTG ngày 10/3/2025 của Ban Bí thư Trung ương Đoàn",
     "Kế hoạch", "239", "KH/TWĐTN-BTG", date(2025, 3, 10), "Ban Bí thư Trung ương Đoàn"),
    # issuer ends before "và" + lower-case word
    ("Báo cáo số 292/BC-HĐND ngày 08/12/2025 của Ban Kinh tế - Ngân sách HĐND tỉnh và ý kiến thảo luận",
     "Báo cáo", "292", "BC-HĐND", date(2025, 12, 8), "Ban Kinh tế - Ngân sách Hội đồng nhân dân tỉnh"),
]


@pytest.mark.parametrize("text,doc_type,number,symbol,when,issuer", CASES)
def test_citation_resolved(text, doc_type, number, symbol, when, issuer):
    found = cites(text)
    assert found, text
    c = found[0]
    assert (c.doc_type, c.number, c.symbol, c.date, c.issuer) == (doc_type, number, symbol, when, issuer)


# Text with no citation in it.
NOT_CITATIONS = [
    "Điện thoại: 0203.3835.123, fax 0203/3835124",          # phone and fax numbers
    "Thời gian: chậm nhất là ngày 22/02/2021",               # a date alone
    "Các cơ quan được giao nhiệm vụ tại Mục 6, Kế hoạch này", # "Mục 6"
    "Số tài khoản 3751.0.1058467 tại Kho bạc Nhà nước",      # account number
    "theo Mẫu số 05/HNCT ban hành kèm theo Nghị quyết",      # a form, not a document
    "Biên bản Hội nghị (Mẫu số 01 và 02/HNMT).",             # a list of forms
    "(Kèm theo các mẫu số 01, 02, 03/HĐBC-QH)",              # forms listed with commas
    "trong tháng 4/2025 Ban Thường vụ họp",                  # month/year then a name
    "từ 22 – 27/2; cấp tỉnh, huyện, xã: công bố trước 4/3",  # day ranges
]


@pytest.mark.parametrize("text", NOT_CITATIONS)
def test_not_a_citation(text):
    assert cites(text) == []


def test_every_occurrence_is_cited():
    # a document cited twice on one line yields two citations
    found = cites("theo Nghị quyết số 40/NQ-HĐBCQG ngày 29/9/2025 (sau đây gọi là Nghị quyết số 40/NQ-HĐBCQG)")
    assert [c.number for c in found] == ["40", "40"]


def test_line_is_the_physical_line():
    # a rejoined paragraph reports the physical line where the reference starts
    text = "Thực hiện Chỉ thị số 45-CT/TW ngày 20/6/2020 của Bộ Chính trị và Hướng dẫn số 36-HD/BTCTW"
    para = Paragraph(text=text, lines=(10, 11), starts=(0, text.index("và Hướng")))
    found = find_in_paragraph(para)
    assert [(c.number, c.line) for c in found] == [("45", 10), ("36", 11)]


def test_a_reference_split_before_its_number_reports_its_first_line(tmp_path):
    """qd_ubnd-phuong-sa-dec_150…:37-39: "tại Tờ trình số" / "" / "1934/TTr-PVHXH ngày …":
    one paragraph, and the citation stands where "Tờ trình" does."""
    from pipeline.extract.citations import extract_citations
    from testkit import make_doc
    doc = make_doc(tmp_path, "\n".join([
        "ỦY BAN NHÂN DÂN PHƯỜNG SA ĐÉC", "Số: 150/QĐ-UBND-TL", "QUYẾT ĐỊNH", "Về việc thành lập Ban bầu cử",
        "Theo đề nghị của Trưởng phòng Văn hóa - Xã hội Phường tại Tờ trình số", "",
        "1934/TTr-PVHXH ngày 31 tháng 12 năm 2025.", "QUYẾT ĐỊNH:", "Điều 1. Thành lập Ban bầu cử."]))
    found = [(c.doc_type, c.number, c.line) for c in extract_citations(doc)]
    assert ("Tờ trình", "1934", 5) in found


def test_seed_citations(seed_result):
    # the seed: three citations, the header's own number is not one
    got = [(c["number"], c["symbol"], c["line"], c["date"], c["issuer"]) for c in seed_result["citations"]]
    assert got == [("45", "CT/TU", 10, "2020-06-20", "Bộ Chính trị"),
                   ("03", "CT/TU", 14, "2020-12-11", "Ban Thường vụ Tỉnh ủy"),
                   ("36", "HD/BTCTW", 113, "2021-01-20", "Ban Tổ chức Trung ương")]
