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

OCR_GUTTER_STEP = 1.0   # OCR word boxes: a finer search, and a narrower band (a 10 pt gutter)
OCR_GUTTER_HALF_WIDTH = 5.0
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


def order_page(lines: list[_Line], width: float, height: float) -> list[str]:
    """Reading order of one OCR'd page: lines top to bottom, but the two-column header
    read band by band (each band's left column, then its right: issuing body, quốc hiệu;
    number, place and date; trích yếu) and the "Nơi nhận" list before the signature
    beside it, as a reader (and the hand transcriptions) read them."""
    top_lines = [ln for ln in lines if ln.top < height * HEADER_REGION]
    hx, hn = _best_gutter(top_lines, width, OCR_GUTTER_STEP, OCR_GUTTER_HALF_WIDTH)
    out = _columns(lines[:hn], hx, True) if hx is not None else []
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
