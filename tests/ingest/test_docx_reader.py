"""The .docx reader: tables, legacy fonts, hostile and broken packages."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_source, zipsafe

from ._corpus import REAL, needs_corpus, original
from .docx_builder import build, p, table


def read_bytes(tmp_path: Path, data: bytes, name: str = "t.docx"):
    f = tmp_path / name
    f.write_bytes(data)
    return read_source(f)


def code_of(tmp_path: Path, data: bytes, name: str = "t.docx") -> str:
    with pytest.raises(InputError) as exc:
        read_bytes(tmp_path, data, name)
    assert "\n" not in exc.value.message and name in exc.value.message
    return exc.value.code


def test_header_layout_table_gives_left_then_right_lines(tmp_path):
    header = table([["ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"],
                    ["Số: 12/KH-UBND", "Quảng Ninh, ngày 02 tháng 3 năm 2025"]])
    src = read_bytes(tmp_path, build(header + p("KẾ HOẠCH")))
    assert src.lines == ("ỦY BAN NHÂN DÂN", "TỈNH QUẢNG NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Số: 12/KH-UBND", "Quảng Ninh, ngày 02 tháng 3 năm 2025",
                         "KẾ HOẠCH")
    assert src.line_meta[0].origin == "bảng 1, hàng 1, ô 1" and not src.line_meta[0].in_table


def test_schedule_table_gives_one_line_per_row(tmp_path):
    sched = table([["STT", "Ngày", "Công việc", "Đơn vị"], ["1", "05/3/2025", "Họp Ban chỉ đạo", "Văn phòng"]])
    src = read_bytes(tmp_path, build(p("Lịch") + sched))
    assert src.lines[1:] == ("STT | Ngày | Công việc | Đơn vị", "1 | 05/3/2025 | Họp Ban chỉ đạo | Văn phòng")
    assert src.line_meta[2].in_table and src.line_meta[2].origin == "bảng 1, hàng 2"


def test_vntime_runs_are_converted(tmp_path):
    src = read_bytes(tmp_path, build(p("Uû ban nh©n d©n", font=".VnTime") + p("Hà Nội")))
    assert src.lines == ("Uỷ ban nhân dân", "Hà Nội") and src.encoding == "tcvn3"


def test_zip_bomb_is_unsafe(tmp_path):
    bomb = build(p("x"), extra_parts={"word/media/big.bin": b"\0" * (3 * 1024 * 1024)})
    assert code_of(tmp_path, bomb) == "input.unsafe"


def test_doctype_is_unsafe(tmp_path):
    evil = build(p("x"), extra_parts={"customXml/item1.xml":
                                      b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>'})
    assert code_of(tmp_path, evil) == "input.unsafe"


def test_not_a_zip_and_missing_main_part_are_corrupt(tmp_path):
    assert code_of(tmp_path, b"PK\x03\x04" + b"\x00" * 200) == "input.corrupt"
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    assert code_of(tmp_path, buf.getvalue()) == "input.corrupt"
    truncated = build(p("xin chào"))[:300]
    assert code_of(tmp_path, truncated) == "input.corrupt"


def test_encrypted_ooxml_is_reported(tmp_path):
    ole = zipsafe.OLE2_MAGIC + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le") + b"\0" * 512
    assert code_of(tmp_path, ole) == "input.encrypted"


def test_input_file_is_not_modified(tmp_path):
    data = build(p("một", None))
    f = tmp_path / "t.docx"
    f.write_bytes(data)
    read_source(f)
    assert f.read_bytes() == data


@needs_corpus
@pytest.mark.shared
def test_real_header_table_docx():
    src = read_source(original("nghi-dinh-30-2020-ND-CP.docx"))
    assert "CHÍNH PHỦ" in src.lines[:6]
    assert any(ln.startswith("Điều 1") for ln in src.lines)


# Paragraph text as Word shows it: tabs, breaks, non-breaking hyphens and symbols are drawn;
# tab stops (pPr/w:tabs) and field codes are not.
DRAWN = ('<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
         '<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t><w:noBreakHyphen/><w:t>d</w:t></w:r>'
         '<w:r><w:sym w:font="Symbol" w:char="F02D"/></w:r>'
         '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>'
         '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
         '<w:ins w:id="2" w:author="x"><w:r><w:t>e</w:t></w:r></w:ins>'
         '<w:hyperlink><w:r><w:t xml:space="preserve"> số 12</w:t></w:r></w:hyperlink></w:p>')
# Hidden runs and tracked deletions are not drawn (these paragraphs take the careful walk).
HIDDEN = ('<w:p><w:r><w:t xml:space="preserve">Hà </w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>ẩn</w:t></w:r>'
          '<w:del w:id="1" w:author="x"><w:r><w:delText>xóa</w:delText></w:r></w:del>'
          '<w:r><w:t>Nội</w:t></w:r></w:p>')


def test_paragraph_text_is_what_word_draws(tmp_path):
    src = read_bytes(tmp_path, build(DRAWN + HIDDEN))
    assert src.lines == ("a\tb", "c-d-e số 12", "Hà Nội")


def test_quick_and_careful_paragraph_readings_agree(tmp_path):
    """A document with a legacy font anywhere is read run by run (each run's font matters);
    one without is read on the quick path.  Both give the same text for Unicode runs."""
    quick = read_bytes(tmp_path, build(DRAWN + HIDDEN), "quick.docx")
    careful = read_bytes(tmp_path, build(DRAWN + HIDDEN + p("Hµ Néi", font=".VnTime")), "careful.docx")
    assert careful.lines[:-1] == quick.lines and careful.lines[-1] == "Hà Nội"


@needs_corpus
def test_real_docx_paragraphs_read_the_same_on_both_paths():
    import docx as python_docx
    from pipeline.ingest.docx import _CAREFUL, _P, Styles, _plain_text, _Reader
    from pipeline.ingest.docx_numbering import Numbering
    reader = _Reader(Numbering({}, {}), Styles())
    checked = 0
    for f in sorted((REAL / "original").glob("*.docx")):
        for par in python_docx.Document(str(f)).element.body.iter(_P):
            if next(par.iter(*_CAREFUL), None) is None:
                parts: list[str] = []
                reader._collect(par, parts, None)
                assert _plain_text(par) == "".join(parts), f.name
                checked += 1
    assert checked > 500
