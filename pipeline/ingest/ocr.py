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
from pipeline.ingest.layout import upper_median

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
    gray: bool = False    # grayscale (no threshold) before Tesseract
    page: bool = False    # layout.order_page: header band by band, "Nơi nhận" before the signature
    tables: bool = False  # ruled tables found in the image: one line per row, cells joined by " | "
    lang: str = LANG
    resolution: int = 300  # for PDF pages (bench/ocr_cer.py renders at it; pdf.py at OCR_RESOLUTION)


SETUPS = {s.name: s for s in (
    Setup("psm3", 3, False, False),
    Setup("psm4", 4, False, False),
    Setup("psm6", 6, False, False),
    Setup("psm4-otsu", 4, True, True),
    Setup("psm6-otsu", 6, True, True),
    Setup("psm4-cols", 4, False, False, True),
    Setup("psm4-otsu-cols", 4, True, True, True),
    Setup("psm4-gray", 4, False, False, gray=True),
    Setup("psm4-400dpi", 4, False, False, resolution=400),
    Setup("psm4-gray-vie+eng", 4, False, False, gray=True, lang="vie+eng"),
    Setup("psm4-gray-page", 4, False, False, True, gray=True, page=True),
    Setup("psm4-gray-tables", 4, False, False, True, gray=True, tables=True),
    Setup("psm4-gray-page-tables", 4, False, False, True, gray=True, page=True, tables=True),
    Setup("psm4-page-tables", 4, False, False, True, page=True, tables=True),
)}
# Measured by bench/ocr_cer.py on the four transcribed scans (CER, chars weighted; the
# bench prints the whole table): psm3 12.1 %, psm4 11.6 %, psm6 13.4 %, psm4-otsu 11.6 %,
# psm4-gray 11.4 %, psm4-400dpi 12.3 %, psm4-gray-vie+eng 12.0 %, psm4-cols 11.8 %,
# psm4-gray-page 10.1 %, psm4-gray-tables 8.8 %, psm4-gray-page-tables 7.2 %,
# psm4-page-tables 6.7 % (slowest page ~3 s on 2 cores).  Image preprocessing barely moves
# the figure; reading order (header bands, signature block, ruled tables) does.
# Then, on psm4-page-tables (each measured alone on top of the previous): specks dropped
# (_is_speck) and a note stamped into the right margin dropped (layout.drop_margin_block)
# 4.45 %; the header's second band cut at "Số:" / the date (layout._header_columns) 3.51 %;
# OCR gutter half-width 5 → 3 pt (275's header columns are 7 pt apart) 3.13 %; empty ruled
# cells read again alone (_reread_cells) 2.99 %.  Without the margin note: 5.6 %.
DEFAULT_SETUP = "psm4-page-tables"
POSTCORRECT = True    # fix_ocr_text() on every OCR'd line (bench/ocr_recovery.py can turn it off)


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
    if setup.gray and not setup.binarize:
        img = img.convert("L")
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
    config = f"--psm {chosen.psm}"
    try:
        if chosen.layout:
            data = pytesseract.image_to_data(img, lang=chosen.lang, config=config,
                                             timeout=OCR_TIMEOUT_S, output_type=pytesseract.Output.DICT)
            grid = table_grid(img) if chosen.tables else []
            cells = _reread_cells(img, data, grid, chosen.lang) if grid and CELL_OCR else {}
            lines = _layout_lines(data, img.width, img.height, page=chosen.page, grid=grid, cells=cells)
        else:
            text = pytesseract.image_to_string(img, lang=chosen.lang, config=config, timeout=OCR_TIMEOUT_S)
            lines = [ln.rstrip() for ln in text.split("\n") if ln.strip()]
    except RuntimeError as exc:   # pytesseract's timeout
        raise InputError("input.too_large", f"“{name}”: OCR một trang quá {OCR_TIMEOUT_S} giây") from exc
    except pytesseract.TesseractError as exc:
        raise InputError("input.corrupt", f"“{name}”: Tesseract không đọc được ảnh ({exc.status})") from exc
    return [fix_ocr_text(ln) for ln in lines] if POSTCORRECT else lines


def _layout_lines(data: dict, width: int, height: int, page: bool = False,
                  grid: list | None = None, cells: dict | None = None) -> list[str]:
    """Tesseract's lines rebuilt from word boxes, the two-column header split apart.

    With `page`, layout.order_page orders the header band by band and the signature block
    after "Nơi nhận"; with a table `grid` (table_grid), the words inside each ruled row
    become one line, cell by cell, joined by " | "; `cells` ({(table, row, col): text},
    _reread_cells) replaces what the page OCR read in those cells.
    """
    from pipeline.ingest.layout import _Line, drop_margin_block, order_page, split_header
    scale = PAGE_WIDTH_PT / max(width, 1)
    words = []
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
        words.append((i, text, conf))
    med_h = upper_median(data["height"][i] for i, text, _ in words if any(c.isalnum() for c in text))
    lines: dict[tuple, _Line] = {}
    rows: dict[tuple, dict[int, list]] = {}
    for i, text, conf in words:
        left, top, w, h = data["left"][i], data["top"][i], data["width"][i], data["height"][i]
        if SPECKS and _is_speck(text, conf, h, med_h):
            continue
        cell = _cell_of(grid or [], left + w / 2, top + h / 2)
        if cell is not None:
            if text.strip(RULING_CHARS):          # a ruling read as "|" or "_" is dropped
                rows.setdefault(cell[:2], {}).setdefault(cell[2], []).append((top, h, left, text))
            continue
        key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
        word = {"text": text, "x0": left * scale, "x1": (left + w) * scale, "top": top * scale,
                "bottom": (top + h) * scale, "conf": conf}
        line = lines.setdefault(key, _Line(top * scale, []))
        line.top = min(line.top, top * scale)
        line.words.append(word)
    if SPECKS:   # a line of punctuation only ("|", "/" from a border or a fold) is not text
        lines = {k: ln for k, ln in lines.items() if any(c.isalnum() for w in ln.words for c in w["text"])}
    for (t, r, c), text in (cells or {}).items():
        rows.setdefault((t, r), {})[c] = [(0, 1, 0, text)]
    for (t, r), row in rows.items():
        top, x0, x1 = grid[t]["rows"][r][0], grid[t]["cols"][0], grid[t]["cols"][-1]
        parts = []
        for c in range(len(grid[t]["cols"]) - 1):
            parts.append(" ".join(_cell_reading_order(row.get(c, []))))
        text = " | ".join(parts).strip()
        if text.strip(" |"):
            lines[("table", t, r)] = _Line(top * scale, [{"text": text, "x0": x0 * scale,
                                                           "x1": x1 * scale, "top": top * scale}])
    ordered = sorted(lines.values(), key=lambda ln: ln.top)
    if ANNOTATIONS:
        ordered = drop_margin_block(ordered, PAGE_WIDTH_PT)
    if page:
        return order_page(ordered, PAGE_WIDTH_PT, height * scale)
    header, used = split_header(ordered, PAGE_WIDTH_PT, height * scale)
    return header + [ln.text for ln in ordered[used:]]


SPECKS = True          # drop specks read as words (_is_speck) and punctuation-only lines
ANNOTATIONS = True     # drop a block stamped into the right margin (layout.drop_margin_block)
SPECK_H = 0.3          # a word with a letter or digit is at least this share of the median word height
TALL_MARK_H = 2.5      # a punctuation-only "word" this many median heights tall is a border or fold


def _is_speck(text: str, conf: float, h: int, med_h: float) -> bool:
    """Noise read as a word: letters or digits far smaller than any print on the page, or
    punctuation taller than a line (the page border, a fold)."""
    if not med_h:
        return False
    if any(c.isalnum() for c in text):
        return h < SPECK_H * med_h
    return h > TALL_MARK_H * med_h


# --- ruled tables ---------------------------------------------------------------------

RULE_MIN_H = 0.12     # a horizontal rule spans at least this share of the page width (in one run)
RULE_MIN_V = 0.8      # a vertical rule covers this share of a row's height (two text lines reach 0.6)
RULE_DARK = 128


def _runs(mask_1d):
    """(start, end) of the runs of True in a 1-D boolean array."""
    import numpy as np
    d = np.diff(np.concatenate(([0], mask_1d.astype(np.int8), [0])))
    return list(zip(np.flatnonzero(d == 1), np.flatnonzero(d == -1)))


def table_grid(img) -> list[dict]:
    """Ruled tables of a page image: [{"rows": [(top, bottom)...], "cols": [x...]}], pixels.

    Horizontal rules are long runs of dark pixels; between two consecutive rules, the
    x positions dark over most of the gap are the vertical rules.  Consecutive rows with
    the same columns make one table; a table needs two columns or more.
    """
    import numpy as np
    a = np.asarray(img.convert("L")) < RULE_DARK
    h, w = a.shape
    min_run = int(w * RULE_MIN_H)
    # horizontal rules: rows with a dark run of min_run pixels (sliding-window sum)
    cs = np.cumsum(np.pad(a, ((0, 0), (1, 0))), axis=1, dtype=np.int32)
    long_run = (cs[:, min_run:] - cs[:, :-min_run]) >= min_run * 0.97
    rule_rows = long_run.any(axis=1)
    ys = [(s + e) // 2 for s, e in _runs(rule_rows)]
    tables: list[dict] = []
    current = None
    for y0, y1 in zip(ys, ys[1:]):
        if y1 - y0 < 20:          # the two edges of one thick rule
            continue
        band = a[y0 + 4:y1 - 3]
        cover = band.mean(axis=0) >= RULE_MIN_V
        cols = [(s + e) // 2 for s, e in _runs(cover) if e - s < 25]
        if len(cols) < 3:
            current = None
            continue
        near = (lambda x: any(abs(x - q) < 15 for q in current["cols"])) if current else None
        if current and all(near(x) for x in cols) and near(cols[0]) and \
                abs(cols[0] - current["cols"][0]) < 15 and abs(cols[-1] - current["cols"][-1]) < 15:
            # same columns, or some of them (a rule broken by the scan): keep the table's
            current["rows"].append((y0, y1))
        else:
            current = {"rows": [(y0, y1)], "cols": cols}
            tables.append(current)
    return tables


RULING_CHARS = "|_[]!¦"
CELL_OCR = True        # OCR again, alone, the ruled cells the page OCR left empty or nearly
CELL_INSET = 7         # pixels cut off each side of a cell (the rules)
CELL_PAD = 20          # white margin around the crop
CELL_MIN_INK = 100     # dark pixels: below this a cell is blank
CELL_WEAK = (3, 60)    # page-OCR text this short (chars) and this unsure (conf) is read again


def _reread_cells(img, data: dict, grid: list[dict], lang: str) -> dict:
    """{(table, row, col): text} for the ruled cells that the page OCR left empty or filled
    with a short unsure read, though they have ink: each is cropped (inside its rules, with a
    white margin) and read alone as one text line (psm 7).  Page segmentation drops small
    isolated text, such as the single digit of a "TT" (row number) cell."""
    import numpy as np
    import pytesseract
    from PIL import ImageOps
    seen: dict[tuple, list] = {}
    for i, raw in enumerate(data["text"]):
        text = (raw or "").strip()
        if not text.strip(RULING_CHARS):
            continue
        cell = _cell_of(grid, data["left"][i] + data["width"][i] / 2, data["top"][i] + data["height"][i] / 2)
        if cell is not None:
            try:
                conf = float(data["conf"][i])
            except (TypeError, ValueError):
                conf = -1.0
            seen.setdefault(cell, []).append((text, conf))
    gray = img.convert("L")
    dark = np.asarray(gray) < RULE_DARK
    out = {}
    for t, table in enumerate(grid):
        cols = table["cols"]
        for r, (y0, y1) in enumerate(table["rows"]):
            for c in range(len(cols) - 1):
                got = seen.get((t, r, c), [])
                weak = got and sum(len(w) for w, _ in got) <= CELL_WEAK[0] and max(f for _, f in got) < CELL_WEAK[1]
                if got and not weak:
                    continue
                box = (int(cols[c]) + CELL_INSET, int(y0) + CELL_INSET, int(cols[c + 1]) - CELL_INSET,
                       int(y1) - CELL_INSET)
                if box[2] - box[0] < 10 or box[3] - box[1] < 10 or \
                        dark[box[1]:box[3], box[0]:box[2]].sum() < CELL_MIN_INK:
                    continue
                crop = ImageOps.expand(gray.crop(box), CELL_PAD, fill=255)
                text = " ".join(pytesseract.image_to_string(crop, lang=lang, config="--psm 7",
                                                            timeout=OCR_TIMEOUT_S).split())
                text = text.strip(RULING_CHARS + " ")
                if text:
                    out[(t, r, c)] = text
    return out


def _cell_reading_order(words: list[tuple]) -> list[str]:
    """Words (top, height, left, text) of one cell: visual lines top to bottom, then x.

    Tesseract's own lines run across the cells of a row, so the cell's lines are rebuilt
    from the word tops: a word joins the current line when its top is within half a
    word height of the line's first word.
    """
    if not words:
        return []
    words = sorted(words)
    tol = upper_median(w[1] for w in words) * 0.5
    lines: list[list[tuple]] = [[words[0]]]
    for w in words[1:]:
        if abs(w[0] - lines[-1][0][0]) <= tol:
            lines[-1].append(w)
        else:
            lines.append([w])
    return [w[3] for ln in lines for w in sorted(ln, key=lambda w: w[2])]


def _cell_of(grid: list[dict], x: float, y: float):
    for t, table in enumerate(grid):
        cols = table["cols"]
        if not cols[0] <= x <= cols[-1]:
            continue
        for r, (y0, y1) in enumerate(table["rows"]):
            if y0 <= y <= y1:
                for c in range(len(cols) - 1):
                    if cols[c] <= x <= cols[c + 1]:
                        return (t, r, c)
    return None


# --- post-correction --------------------------------------------------------------------

import re as _re  # noqa: E402

# Look-alikes that Tesseract's Vietnamese model puts where only a digit or "Đ" can be.
_ETH = str.maketrans({"Ð": "Đ", "ð": "đ", "⁄": "/"})
_DIGIT_LIKE = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1", "]": "1"}
# a look-alike with digits on both sides, or inside a date d/m/yyyy
_BETWEEN_DIGITS = _re.compile(r"(?<=\d)[OolI|\]](?=\d)")
_DATE_PART = _re.compile(r"\b[0-9OolI]{1,2}/[0-9OolI]{1,2}/[0-9OolI]{4}\b|\b[12][0-9OolI]{3}\b")


def _digits(m) -> str:
    return "".join(_DIGIT_LIKE.get(c, c) for c in m.group(0))


def fix_ocr_text(line: str) -> str:
    """Undo the OCR look-alikes that change numbers and symbols, and nothing else.

    - Icelandic Eth Ð/ð (U+00D0/U+00F0) → Vietnamese Đ/đ (U+0110/U+0111): Vietnamese has
      no Eth, and the two look the same; fraction slash ⁄ → "/".
    - O/o → 0 and l/I/|/] → 1 only between two digits ("2O26", "0l/02") or inside a
      d/m/yyyy date or a 4-digit year with at least two real digits ("2O26", "0l/02/2026").
    Applied to OCR text only; a word of letters is never touched.
    """
    line = line.translate(_ETH)
    line = _BETWEEN_DIGITS.sub(lambda m: _DIGIT_LIKE[m.group(0)], line)

    def date_part(m):
        s = m.group(0)
        return _digits(m) if sum(c.isdigit() for c in s) >= max(2, len(s.replace("/", "")) - 2) else s
    return _DATE_PART.sub(date_part, line)
