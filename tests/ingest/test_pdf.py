"""PDF: text layer order, the two-column header, failures, OCR decisions."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import IngestSettings, ocr, pdf, read_source

from ._corpus import needs_corpus, needs_soffice, original

SIGNED = "qd_ubnd-phuong-sa-dec_149-QD-UBND-TL_2025-12-31_ban-bau-cu-dv1_signed.pdf"
BROKEN_OCR = "cv_ubnd-tp-danang_so-5xxx-UBND-SGDDT_2023-10_thuc-hien-tb-496-TB-TU_scan-sao-y.pdf"
SCAN = "cv_so-tttt-phutho_275-STTTT-CNTT_2011-12-16_scan.pdf"


def w(text, x0, x1, top):
    return {"text": text, "x0": x0, "x1": x1, "top": top}


def test_split_header_two_columns():
    words = [w("ỦY", 100, 120, 50), w("BAN", 123, 150, 50), w("CỘNG", 300, 340, 50), w("HÒA", 343, 370, 50),
             w("PHƯỜNG", 110, 170, 65), w("Độc", 310, 334, 65), w("lập", 337, 356, 65),
             w("Số:", 100, 120, 90), w("Sa", 300, 315, 90), w("Đéc", 318, 340, 90),
             w("Về", 140, 156, 140), w("việc", 159, 182, 140), w("thành", 186, 221, 140), w("lập", 224, 243, 140),
             w("Ban", 247, 271, 140), w("bầu", 274, 297, 140), w("cử", 300, 315, 140), w("đại", 318, 337, 140)]
    lines = pdf.group_lines(words, 3.0)
    header, used = pdf.split_header(lines, 595, 842)
    assert header == ["ỦY BAN", "PHƯỜNG", "Số:", "CỘNG HÒA", "Độc lập", "Sa Đéc"]
    assert used == 3


@pytest.mark.parametrize("text, quality", [
    ("", "none"),
    ("CONG HOA xA HQI CilU NGHIA VIT NAM Doc lap Tu do Hanh phuc UY BAN NHAN DAN THANH PHO DA NANG", "garbage"),
    ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ỦY BAN NHÂN DÂN THÀNH PHỐ", "ok"),
])
def test_text_quality(text, quality):
    assert pdf.text_quality(text) == quality


def test_not_a_pdf_inside_is_corrupt(tmp_path: Path):
    f = tmp_path / "x.pdf"
    f.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage")
    with pytest.raises(InputError) as exc:
        read_source(f)
    assert exc.value.code == "input.corrupt" and "x.pdf" in exc.value.message


@needs_corpus
@pytest.mark.shared
def test_signed_pdf_header_columns_kept_apart():
    src = read_source(original(SIGNED))
    assert src.lines[:6] == ("ỦY BAN NHÂN DÂN", "PHƯỜNG SA ĐÉC", "Số: 149/QĐ-UBND-TL",
                             "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                             "Sa Đéc, ngày 31 tháng 12 năm 2025")
    assert src.pages == 2 and src.line_meta[0].page == 1 and not src.ocr


@needs_corpus
@pytest.mark.shared
def test_page_limit():
    with pytest.raises(InputError) as exc:
        read_source(original(SIGNED), settings={"max_pages": 1})
    assert exc.value.code == "input.too_large"


@needs_corpus
@pytest.mark.shared
def test_scan_without_ocr_has_no_text_layer():
    with pytest.raises(InputError) as exc:
        read_source(original(SCAN), settings={"ocr": False})
    assert exc.value.code == "input.no_text_layer"


@needs_corpus
@pytest.mark.shared
def test_scan_without_tesseract_names_the_package(monkeypatch):
    monkeypatch.setattr(shutil, "which", lambda name: None)
    ocr._languages.cache_clear()
    try:
        with pytest.raises(InputError) as exc:
            read_source(original(BROKEN_OCR))
    finally:
        ocr._languages.cache_clear()
    assert exc.value.code == "tool.missing" and "tesseract-ocr-vie" in exc.value.message


@needs_soffice
@pytest.mark.libreoffice
def test_encrypted_pdf(tmp_path: Path):
    """LibreOffice writes a password-protected PDF from a tiny .docx."""
    import subprocess
    from .docx_builder import build, p
    src = tmp_path / "a.docx"
    src.write_bytes(build(p("Công văn số 1")))
    opts = 'pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},' \
           '"DocumentOpenPassword":{"type":"string","value":"mk"}}'
    exe = shutil.which("soffice") or shutil.which("libreoffice")
    subprocess.run([exe, f"-env:UserInstallation={(tmp_path / 'prof').as_uri()}", "--headless",
                    "--convert-to", opts, "--outdir", str(tmp_path), str(src)],
                   capture_output=True, timeout=120)
    out = tmp_path / "a.pdf"
    if not out.exists():
        pytest.skip("LibreOffice này không xuất được PDF có mật khẩu")
    with pytest.raises(InputError) as exc:
        read_source(out)
    assert exc.value.code == "input.encrypted"
