"""Reading order from word boxes: lines, and the two-column header kept apart.

Shared by the PDF text layer and by OCR word boxes (scaled to PDF points), because
both meet the same layout: the issuing body on the left, the quốc hiệu on the right,
side by side, which read line by line would interleave.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

HEADER_REGION = 0.35          # share of the page height searched for the two-column header
GUTTER_SPAN = (0.30, 0.70)    # where the gutter between the header columns may lie
GUTTER_STEP = 2.0             # points
# Half the width of the free band a gutter needs: the space between header columns is
# 30 pt and more, the space between two words of one line 3–5 pt.
GUTTER_HALF_WIDTH = 6.0
MIN_HEADER_LINES = 2


def upper_median(values) -> float:
    """The middle of `values` (of an even count, the upper of the two middle ones: a value
    that occurs on the page), 0.0 when there are none."""
    v = sorted(values)
    return float(v[len(v) // 2]) if v else 0.0


@dataclass
class _Line:
    top: float
    words: list[dict]

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in sorted(self.words, key=lambda w: w["x0"]))


def group_lines(words: list[dict], y_tol: float) -> list[_Line]:
    """Cluster words into lines by their top edge, top to bottom."""
    lines: list[_Line] = []
    for w in sorted(words, key=lambda w: (round(w["top"], 1), w["x0"])):
        if lines and abs(w["top"] - lines[-1].top) <= y_tol:
            lines[-1].words.append(w)
        else:
            lines.append(_Line(w["top"], [w]))
    return lines


def _crosses(line: _Line, x: float, half: float = GUTTER_HALF_WIDTH) -> bool:
    lo, hi = x - half, x + half
    return any(w["x0"] < hi and w["x1"] > lo for w in line.words)


def _best_gutter(lines: list[_Line], width: float, step: float = GUTTER_STEP,
                 half: float = GUTTER_HALF_WIDTH) -> tuple[float | None, int]:
    """The gutter x that the longest run of leading `lines` leaves free, and that run's length.

    It counts only when both columns have text on at least MIN_HEADER_LINES lines.
    """
    best_x, best_n = None, 0
    x = width * GUTTER_SPAN[0]
    while x <= width * GUTTER_SPAN[1]:
        n = 0
        for ln in lines:
            if _crosses(ln, x, half):
                break
            n += 1
        block = lines[:n]
        left = sum(1 for ln in block if any(w["x1"] <= x for w in ln.words))
        right = sum(1 for ln in block if any(w["x0"] >= x for w in ln.words))
        if left >= MIN_HEADER_LINES and right >= MIN_HEADER_LINES and n > best_n:
            best_x, best_n = x, n
        x += step
    return best_x, best_n


def _side(line: _Line, x: float, left: bool) -> str:
    words = sorted(line.words, key=lambda w: w["x0"])
    return " ".join(w["text"] for w in words if (w["x1"] <= x if left else w["x0"] >= x))


def split_header(lines: list[_Line], width: float, height: float) -> tuple[list[str], int]:
    """Return (header lines in column order, number of page lines they used).

    The header is the run of top lines that no word crosses at one gutter x; it counts
    only when both columns have text on at least MIN_HEADER_LINES lines.
    """
    top_lines = [ln for ln in lines if ln.top < height * HEADER_REGION]
    best_x, best_n = _best_gutter(top_lines, width)
    if best_x is None:
        return [], 0
    block = top_lines[:best_n]
    left = [_side(ln, best_x, True) for ln in block]
    right = [_side(ln, best_x, False) for ln in block]
    return [t for t in left if t] + [t for t in right if t], best_n


# --- OCR pages: the header read band by band, the signature block after "Nơi nhận" -------

OCR_GUTTER_STEP = 1.0   # OCR word boxes: a finer search, and a narrower band
OCR_GUTTER_HALF_WIDTH = 3.0   # a 6 pt free band: wider than a word space (3–5 pt); 275's columns are 7 pt apart
BAND_GAP = 1.6        # a vertical gap this many times the usual line step starts a new band
FOOTER_RE = re.compile(r"^\W{0,3}N[oơ]i\s*nh[aậ]n", re.IGNORECASE)


def _bands(block: list[_Line]) -> list[list[_Line]]:
    """Cut a two-column block where the vertical gap between lines is unusually large."""
    if len(block) < 3:
        return [block]
    steps = sorted(b.top - a.top for a, b in zip(block, block[1:]))
    usual = steps[len(steps) // 4] or 1.0        # lower quartile: the step inside a band
    bands = [[block[0]]]
    for prev, ln in zip(block, block[1:]):
        if ln.top - prev.top > BAND_GAP * usual:
            bands.append([])
        bands[-1].append(ln)
    return bands


def _columns(block: list[_Line], x: float, banded: bool) -> list[str]:
    out: list[str] = []
    for band in (_bands(block) if banded else [block]):
        out += [t for t in (_side(ln, x, True) for ln in band) if t]
        out += [t for t in (_side(ln, x, False) for ln in band) if t]
    return out


SO_RE = re.compile(r"^\W{0,2}S[ốôo6][\s.]*[:;.]", re.IGNORECASE)      # "Số:" (a document's number)
DATE_RE = re.compile(r"ng[aà]y.{0,12}th[aá]ng.{0,12}n[aă]m", re.IGNORECASE)   # place and date


def _header_columns(block: list[_Line], x: float) -> list[str]:
    """The two-column header read as its parts are: the issuing body (left), the quốc hiệu
    (right), then the number "Số: …" (left), the place and date (right), then what the left
    column has below the date (the trích yếu).

    The second band starts at the first line whose left part is "Số:" or whose right part
    is a date ("ngày … tháng … năm", Decree 30/2020's header); without either, the
    block is cut at unusually large vertical gaps (_bands).  In the second band, the left
    lines below both the date and the "Số:" line (the trích yếu) are read after the date.
    """
    cut = next((i for i, ln in enumerate(block)
                if SO_RE.match(_side(ln, x, True)) or DATE_RE.search(_side(ln, x, False))), None)
    if not cut:
        return _columns(block, x, True)
    out = _columns(block[:cut], x, False)
    band = block[cut:]
    rights = [ln for ln in band if _side(ln, x, False)]
    last = rights[-1].top if rights else float("-inf")
    so = next((i for i, ln in enumerate(band) if SO_RE.match(_side(ln, x, True))), -1)
    beside = [ln for i, ln in enumerate(band) if ln.top <= last + 1.0 or i <= so]
    out += [t for t in (_side(ln, x, True) for ln in beside) if t]
    out += [t for t in (_side(ln, x, False) for ln in rights) if t]
    out += [t for t in (_side(ln, x, True) for ln in band if ln not in beside) if t]
    return out


def order_page(lines: list[_Line], width: float, height: float) -> list[str]:
    """Reading order of one OCR'd page: lines top to bottom, but the two-column header
    read band by band (each band's left column, then its right: issuing body, quốc hiệu;
    number, place and date; trích yếu) and the "Nơi nhận" list before the signature
    beside it, as a reader (and the hand transcriptions) read them."""
    top_lines = [ln for ln in lines if ln.top < height * HEADER_REGION]
    hx, hn = _best_gutter(top_lines, width, OCR_GUTTER_STEP, OCR_GUTTER_HALF_WIDTH)
    out = _header_columns(lines[:hn], hx) if hx is not None else []
    rest = lines[hn:] if hx is not None else lines
    start = next((i for i, ln in enumerate(rest) if FOOTER_RE.match(ln.text)), None)
    if start is None:
        return out + [ln.text for ln in rest]
    # a signature title may begin a line or two above "Nơi nhận", alone in the right half
    while start > 0 and all(w["x0"] > width * 0.45 for w in rest[start - 1].words) and \
            rest[start].top - rest[start - 1].top < height * 0.05:
        start -= 1
    out += [ln.text for ln in rest[:start]]
    foot = rest[start:]
    fx, fn = _best_gutter(foot, width, OCR_GUTTER_STEP, OCR_GUTTER_HALF_WIDTH)
    if fx is None:
        return out + [ln.text for ln in foot]
    return out + _columns(foot[:fn], fx, False) + [ln.text for ln in foot[fn:]]


# --- OCR pages: a note stamped into the margin -------------------------------------------

MARGIN_OVERHANG = 0.05    # share of the page width past the text column's right edge
ALIGN_TOL = 0.008         # share of the page width: one left edge
MIN_BLOCK_LINES = 2
BODY_LINE_WORDS = 6       # lines with this many words or more give the text column's edge


def _right_edge(lines: list[_Line]) -> float | None:
    """The right edge of the page's text column: the median right end of the long lines."""
    ends = [max(w["x1"] for w in ln.words) for ln in lines if len(ln.words) >= BODY_LINE_WORDS]
    return upper_median(ends) if len(ends) >= 5 else None


def drop_margin_block(lines: list[_Line], width: float) -> list[_Line]:
    """Drop a block of text stamped over the page that runs into the right margin.

    A receiving office's typed routing note, printed onto the letter, is set in its own
    frame: its lines share one left edge inside the page (not the text column's) and run
    well past the column's right edge, which no line of the letter does.  The block is
    found when MIN_BLOCK_LINES lines or more overhang the right edge by MARGIN_OVERHANG of
    the page width and have a word starting at one common x (≥ 30 % of the width); the
    lines between and next to them (within one usual line step) that have a word starting
    at that x lose the words from it on.  Body text is never past the margin, so a page
    without such a block is returned as it is.
    """
    right = _right_edge(lines)
    if right is None:
        return lines
    over = [ln for ln in lines if max(w["x1"] for w in ln.words) > right + MARGIN_OVERHANG * width]
    if len(over) < MIN_BLOCK_LINES:
        return lines
    tol = ALIGN_TOL * width
    edge = None
    for x in sorted({w["x0"] for w in over[0].words if w["x0"] >= 0.3 * width}):
        if all(any(abs(w["x0"] - x) <= tol for w in ln.words) for ln in over[1:]):
            edge = x
            break
    if edge is None:
        return lines
    starts = lambda ln: any(abs(w["x0"] - edge) <= tol for w in ln.words)   # noqa: E731
    idx = [i for i, ln in enumerate(lines) if ln in over]
    lo, hi = idx[0], idx[-1]
    step = upper_median(b.top - a.top for a, b in zip(lines, lines[1:]) if b.top > a.top)
    while lo > 0 and starts(lines[lo - 1]) and lines[lo].top - lines[lo - 1].top <= 1.5 * step:
        lo -= 1
    while hi + 1 < len(lines) and starts(lines[hi + 1]) and lines[hi + 1].top - lines[hi].top <= 1.5 * step:
        hi += 1
    out = []
    for i, ln in enumerate(lines):
        if lo <= i <= hi and starts(ln):
            kept = [w for w in ln.words if w["x0"] < edge - tol]
            if not kept:
                continue
            ln = _Line(min(w["top"] for w in kept), kept)
        out.append(ln)
    return out
