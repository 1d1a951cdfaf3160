"""OCR of page photos and scans (one page, a few seconds)."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import ocr, read_source

from ._corpus import needs_corpus, needs_tesseract, original

PHOTO = "cv_so-gddt-danang_1906-SGDDT-CTrTT_2020-07-26_p2.jpg"


def test_otsu_threshold_separates_two_levels():
    from PIL import Image
    img = Image.new("L", (40, 10), 30)
    img.paste(220, (20, 0, 40, 10))
    assert 30 <= ocr.otsu_threshold(img) < 220


def test_image_without_tesseract_names_the_package(tmp_path: Path, monkeypatch):
    from PIL import Image
    f = tmp_path / "trang.png"
    Image.new("RGB", (50, 50), "white").save(f)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    ocr._languages.cache_clear()
    try:
        with pytest.raises(InputError) as exc:
            read_source(f)
    finally:
        ocr._languages.cache_clear()
    assert exc.value.code == "tool.missing" and "tesseract-ocr-vie" in exc.value.message


def test_image_with_ocr_off(tmp_path: Path):
    from PIL import Image
    f = tmp_path / "trang.png"
    Image.new("RGB", (50, 50), "white").save(f)
    with pytest.raises(InputError) as exc:
        read_source(f, settings={"ocr": False})
    assert exc.value.code == "input.no_text_layer"


def test_corrupt_image(tmp_path: Path):
    f = tmp_path / "hong.jpg"
    f.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 100)
    if shutil.which("tesseract") is None:
        pytest.skip("chưa cài tesseract-ocr")
    with pytest.raises(InputError) as exc:
        read_source(f)
    assert exc.value.code == "input.corrupt"


@needs_corpus
@needs_tesseract
@pytest.mark.ocr
@pytest.mark.shared
def test_photo_page_is_read_with_ocr_meta():
    src = read_source(original(PHOTO))
    assert src.ocr and src.encoding == "ocr" and all(m.ocr and m.page == 1 for m in src.line_meta)
    text = " ".join(src.lines)
    assert "ngày" in text and "Sở" in text
