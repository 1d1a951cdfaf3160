"""Tesseract OCR (language "vie") for scans and page photos.

Set-ups are named so that `bench/ocr_cer.py` can compare them on the hand
transcriptions; `DEFAULT_SETUP` is the one that measured best (see the bench).
Tesseract is an optional system program: without it, `require()` raises
tool.missing saying what to install.
"""
from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from pipeline.errors import InputError

LANG = "vie"
OCR_TIMEOUT_S = 120            # one page; a stuck Tesseract must not stop a batch
MIN_WIDTH_PX = 2000            # smaller images are upscaled: Tesseract likes ~30 px x-height
INSTALL_HINT = "cài đặt tesseract-ocr và tesseract-ocr-vie (apt-get install tesseract-ocr tesseract-ocr-vie)"


PAGE_WIDTH_PT = 595.0          # word boxes are scaled to an A4 width in points for layout.py
JUNK_CONF = 50                 # below this, a "word" without letters or digits is a speck


@dataclass(frozen=True)
class Setup:
    name: str
    psm: int
    binarize: bool      # grayscale + Otsu threshold before Tesseract
    upscale: bool       # enlarge small images to MIN_WIDTH_PX
    layout: bool = False  # rebuild lines from word boxes, header columns apart (layout.py)


SETUPS = {s.name: s for s in (
    Setup("psm3", 3, False, False),
    Setup("psm4", 4, False, False),
    Setup("psm6", 6, False, False),
    Setup("psm4-otsu", 4, True, True),
    Setup("psm6-otsu", 6, True, True),
    Setup("psm4-cols", 4, False, False, True),
    Setup("psm4-otsu-cols", 4, True, True, True),
)}
# Measured by bench/ocr_cer.py on the four transcribed scans (CER, chars weighted):
# psm3 12.1 %, psm4 11.6 %, psm6 13.4 %, psm4-otsu 11.6 %, psm6-otsu 13.6 %,
# psm4-cols 11.8 %, psm4-otsu-cols 11.6 %.  psm4 ties for best and is the fastest.
DEFAULT_SETUP = "psm4"


@lru_cache(maxsize=1)
def _languages() -> frozenset[str]:
    exe = shutil.which("tesseract")
    if not exe:
        return frozenset()
    try:
        out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    return frozenset(ln.strip() for ln in (out.stdout + out.stderr).splitlines()[1:] if ln.strip())


def available() -> bool:
    """Tesseract is installed and has the Vietnamese model."""
    return LANG in _languages()


def require(name: str) -> None:
    """Raise tool.missing (naming the file) when OCR cannot run here."""
    if not shutil.which("tesseract"):
        raise InputError("tool.missing", f"“{name}”: cần OCR nhưng chưa cài Tesseract: {INSTALL_HINT}")
    if not available():
        raise InputError("tool.missing", f"“{name}”: Tesseract thiếu dữ liệu tiếng Việt: {INSTALL_HINT}")


def otsu_threshold(gray) -> int:
    """Otsu's threshold of a PIL "L" image (maximises between-class variance)."""
    hist = gray.histogram()
    total = sum(hist)
    sum_all = sum(i * h for i, h in enumerate(hist))
    w_b = sum_b = 0.0
    best, best_t = -1.0, 127
    for t, h in enumerate(hist):
        w_b += h
        if w_b == 0:
            continue
        w_f = total - w_b
        if w_f == 0:
            break
        sum_b += t * h
        m_b, m_f = sum_b / w_b, (sum_all - sum_b) / w_f
        between = w_b * w_f * (m_b - m_f) ** 2
        if between > best:
            best, best_t = between, t
    return best_t


def prepare(image, setup: Setup):
    from PIL import Image, ImageOps
    img = ImageOps.exif_transpose(image)
    if img.mode not in ("L", "RGB"):
        img = img.convert("RGB")
    if setup.upscale and img.width < MIN_WIDTH_PX:
        factor = MIN_WIDTH_PX / img.width
        img = img.resize((MIN_WIDTH_PX, round(img.height * factor)), Image.LANCZOS)
    if setup.binarize:
        gray = img.convert("L")
        t = otsu_threshold(gray)
        img = gray.point(lambda v: 255 if v > t else 0, mode="1").convert("L")
    return img


def image_to_lines(image, name: str, setup: str | None = None) -> list[str]:
    """OCR one page image into its non-empty lines."""
    require(name)
    import pytesseract
    chosen = SETUPS[setup or DEFAULT_SETUP]
    img = prepare(image, chosen)
    try:
        if chosen.layout:
            data = pytesseract.image_to_data(img, lang=LANG, config=f"--psm {chosen.psm}",
                                             timeout=OCR_TIMEOUT_S, output_type=pytesseract.Output.DICT)
            return _layout_lines(data, img.width, img.height)
        text = pytesseract.image_to_string(img, lang=LANG, config=f"--psm {chosen.psm}",
                                           timeout=OCR_TIMEOUT_S)
    except RuntimeError as exc:   # pytesseract's timeout
        raise InputError("input.too_large", f"“{name}”: OCR một trang quá {OCR_TIMEOUT_S} giây") from exc
    except pytesseract.TesseractError as exc:
        raise InputError("input.corrupt", f"“{name}”: Tesseract không đọc được ảnh ({exc.status})") from exc
    return [ln.rstrip() for ln in text.split("\n") if ln.strip()]


def _layout_lines(data: dict, width: int, height: int) -> list[str]:
    """Tesseract's lines rebuilt from word boxes, the two-column header split apart."""
    from pipeline.ingest.layout import _Line, split_header
    scale = PAGE_WIDTH_PT / max(width, 1)
    lines: dict[tuple, _Line] = {}
    for i, raw in enumerate(data["text"]):
        text = (raw or "").strip()
        if not text:
            continue
        try:
            conf = float(data["conf"][i])
        except (TypeError, ValueError):
            conf = -1.0
        if conf < JUNK_CONF and not any(c.isalnum() for c in text):
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        top = data["top"][i] * scale
        word = {"text": text, "x0": data["left"][i] * scale,
                "x1": (data["left"][i] + data["width"][i]) * scale, "top": top}
        line = lines.setdefault(key, _Line(top, []))
        line.top = min(line.top, top)
        line.words.append(word)
    ordered = sorted(lines.values(), key=lambda ln: ln.top)
    header, used = split_header(ordered, PAGE_WIDTH_PT, height * scale)
    return header + [ln.text for ln in ordered[used:]]
