"""Reading order from word boxes: lines, and the two-column header kept apart.

Shared by the PDF text layer and by OCR word boxes (scaled to PDF points), because
both meet the same layout: the issuing body on the left, the quốc hiệu on the right,
side by side, which read line by line would interleave.
"""
from __future__ import annotations

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


def _crosses(line: _Line, x: float) -> bool:
    lo, hi = x - GUTTER_HALF_WIDTH, x + GUTTER_HALF_WIDTH
    return any(w["x0"] < hi and w["x1"] > lo for w in line.words)


def split_header(lines: list[_Line], width: float, height: float) -> tuple[list[str], int]:
    """Return (header lines in column order, number of page lines they used).

    The header is the run of top lines that no word crosses at one gutter x; it counts
    only when both columns have text on at least MIN_HEADER_LINES lines.
    """
    top_lines = [ln for ln in lines if ln.top < height * HEADER_REGION]
    best_x, best_n = None, 0
    x = width * GUTTER_SPAN[0]
    while x <= width * GUTTER_SPAN[1]:
        n = 0
        for ln in top_lines:
            if _crosses(ln, x):
                break
            n += 1
        block = top_lines[:n]
        left = sum(1 for ln in block if any(w["x1"] <= x for w in ln.words))
        right = sum(1 for ln in block if any(w["x0"] >= x for w in ln.words))
        if left >= MIN_HEADER_LINES and right >= MIN_HEADER_LINES and n > best_n:
            best_x, best_n = x, n
        x += GUTTER_STEP
    if best_x is None:
        return [], 0
    block = top_lines[:best_n]
    left = [" ".join(w["text"] for w in sorted(ln.words, key=lambda w: w["x0"]) if w["x1"] <= best_x)
            for ln in block]
    right = [" ".join(w["text"] for w in sorted(ln.words, key=lambda w: w["x0"]) if w["x0"] >= best_x)
             for ln in block]
    return [t for t in left if t] + [t for t in right if t], best_n


