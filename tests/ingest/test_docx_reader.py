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
