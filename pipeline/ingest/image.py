"""Page photos and scans as images (.jpg, .png, .tif): OCR, one page per frame."""
from __future__ import annotations

import io
import warnings
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest import ReaderOutput, ocr
from pipeline.model import LineMeta

MAX_PIXELS = 120_000_000       # ~ A0 at 300 dpi; more is a decompression bomb


def _frames(img):
    n = getattr(img, "n_frames", 1)
    for i in range(n):
        img.seek(i)
        yield img.copy()


def read(data: bytes, path: Path, settings) -> ReaderOutput:
    from PIL import Image
    if not settings.ocr:
        raise InputError("input.no_text_layer", f"“{path.name}”: ảnh không có lớp chữ và OCR đang tắt")
    ocr.require(path.name)
    Image.MAX_IMAGE_PIXELS = MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            img.load()
            frames = list(_frames(img))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise InputError("input.unsafe", f"“{path.name}”: ảnh quá nhiều điểm ảnh (nghi là bom giải nén)") from exc
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise InputError("input.corrupt", f"“{path.name}”: ảnh hỏng, không mở được") from exc
    if len(frames) > settings.max_pages:
        raise InputError("input.too_large", f"“{path.name}”: {len(frames)} trang, vượt giới hạn {settings.max_pages}")
    lines: list[str] = []
    metas: list[LineMeta] = []
    for page_no, frame in enumerate(frames, 1):
        for ln in ocr.image_to_lines(frame, path.name):
            lines.append(ln)
            metas.append(LineMeta(origin=f"trang {page_no}", page=page_no, ocr=True))
    if not any(ln.strip() for ln in lines):
        raise InputError("input.no_text_layer", f"“{path.name}”: OCR không nhận ra chữ nào trong ảnh")
    return ReaderOutput(lines=lines, metas=metas, encoding="ocr", pages=len(frames), ocr=True)
