"""PDF: the text layer page by page in reading order, OCR where it is missing or garbage.

Reading order: words are grouped into lines by their top edge (y tolerance from the
settings).  The header of a Vietnamese document is two columns side by side (issuing
body left, quốc hiệu right); read line by line they interleave ("ỦY BAN NHÂN DÂN
CỘNG HÒA XÃ HỘI ..."), so the top lines that leave a vertical gutter free are emitted
as the left column, then the right column.

A page whose layer is empty, or is an old OCR layer that lost the diacritics
("CONG HOA xA HQI"), is OCR'd when Tesseract is there.
"""
from __future__ import annotations

import io
import re
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest import ReaderOutput, legacy, ocr
from pipeline.ingest.layout import group_lines, split_header  # noqa: F401  (re-exported for tests)
from pipeline.model import LineMeta

OCR_RESOLUTION = 300
MIN_TEXT_LETTERS = 20         # fewer letters on a page = no text layer
MIN_LETTERS_FOR_RATIO = 60    # below this the diacritic ratio says nothing
MIN_VIETNAMESE_RATIO = 0.15   # letters with diacritics: ~30 % in real text, ~8 % in a layer that lost them
LETTER_RE = re.compile(r"[^\W\d_]")
VIET_LETTER_RE = re.compile(r"[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)


def text_quality(text: str) -> str:
    """"none", "garbage" (an OCR layer without diacritics) or "ok"."""
    letters = len(LETTER_RE.findall(text))
    if letters < MIN_TEXT_LETTERS:
        return "none"
    if letters >= MIN_LETTERS_FOR_RATIO and len(VIET_LETTER_RE.findall(text)) / letters < MIN_VIETNAMESE_RATIO:
        return "garbage"
    return "ok"


def page_lines(page, settings) -> list[str]:
    words = page.extract_words(x_tolerance=settings.pdf_x_tolerance, y_tolerance=settings.pdf_y_tolerance,
                               keep_blank_chars=False, use_text_flow=False)
    lines = group_lines(words, settings.pdf_y_tolerance)
    header, used = split_header(lines, float(page.width), float(page.height))
    return header + [ln.text for ln in lines[used:]]


def _open(data: bytes, path: Path):
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect, PDFEncryptionError
    try:
        pdf = pdfplumber.open(io.BytesIO(data), password="")
        _ = len(pdf.pages)
        return pdf
    except Exception as exc:  # pdfplumber wraps pdfminer errors in PdfminerException
        cause = exc.__cause__ or exc.__context__ or exc
        if isinstance(exc, (PDFPasswordIncorrect, PDFEncryptionError)) or isinstance(
                cause, (PDFPasswordIncorrect, PDFEncryptionError)) or "password" in repr(exc).lower():
            raise InputError("input.encrypted", f"“{path.name}”: PDF được bảo vệ bằng mật khẩu") from exc
        raise InputError("input.corrupt", f"“{path.name}”: PDF hỏng hoặc sai cấu trúc, không đọc được") from exc


def _render(page):
    return page.to_image(resolution=OCR_RESOLUTION).original


def read(data: bytes, path: Path, settings) -> ReaderOutput:
    pdf = _open(data, path)
    with pdf:
        n_pages = len(pdf.pages)
        if n_pages > settings.max_pages:
            raise InputError("input.too_large", f"“{path.name}”: {n_pages} trang, vượt giới hạn {settings.max_pages} trang")
        try:
            layers = [page_lines(p, settings) for p in pdf.pages]
        except InputError:
            raise
        except Exception as exc:
            raise InputError("input.corrupt", f"“{path.name}”: không đọc được lớp chữ của PDF ({type(exc).__name__})") from exc
        quality = [text_quality("\n".join(ls)) for ls in layers]
        need = [i for i, q in enumerate(quality) if q != "ok"]
        diagnostics: list[str] = []
        used_ocr = False
        if need:
            if settings.ocr:
                ocr.require(path.name)
                for i in need:
                    try:
                        image = _render(pdf.pages[i])
                    except Exception as exc:
                        raise InputError("input.corrupt", f"“{path.name}”: không dựng được ảnh trang {i + 1} để OCR") from exc
                    layers[i] = ocr.image_to_lines(image, path.name)
                    diagnostics.append(f"trang {i + 1}: {'không có lớp chữ' if quality[i] == 'none' else 'lớp chữ OCR hỏng (mất dấu)'}, đã OCR")
                used_ocr = True
            elif all(q == "none" for q in quality):
                raise InputError("input.no_text_layer",
                                 f"“{path.name}”: PDF không có lớp chữ (bản quét) và OCR đang tắt")
            else:
                diagnostics += [f"trang {i + 1}: lớp chữ thiếu hoặc hỏng, OCR đang tắt" for i in need]
    lines: list[str] = []
    metas: list[LineMeta] = []
    for i, page in enumerate(layers):
        is_ocr = used_ocr and i in need
        for ln in page:
            lines.append(ln)
            metas.append(LineMeta(origin=f"trang {i + 1}", page=i + 1, ocr=is_ocr))
    encoding = "ocr" if used_ocr else None
    if not used_ocr:
        converted, enc = legacy.convert_if_legacy("\n".join(lines))
        if enc:
            lines, encoding = converted.split("\n"), enc
    return ReaderOutput(lines=lines, metas=metas, encoding=encoding, pages=n_pages, ocr=used_ocr,
                        diagnostics=tuple(diagnostics))
