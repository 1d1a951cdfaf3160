"""Split a text line into the cells of a two-column layout.

Header and signature blocks are tables in the original; as text they arrive as
`|left|right|`, `left<TAB>right` or `left      right`.  Cells keep their order.
"""
from __future__ import annotations

import re
from functools import lru_cache

# A table row as the text readers write it: "| 1 | Chậm nhất ngày 31/01/2026 | … |".
TABLE_ROW_RE = re.compile(r"^\s*\|.*\|\s*$")
# Three or more spaces, a tab, or a table bar separate columns.
CELL_SPLIT_RE = re.compile(r"\s*\|\s*|\t+|\s{3,}")


# Blanks left for a number or a day to be filled in by hand are not column gaps:
# "Số:      /KH-MTTQ-BTT", "ngày     tháng 11 năm 2025".
FILL_IN_RE = re.compile(r"(?<=\bSố:)\s{2,}(?=/)|(?<=\bSố)\s{2,}(?=[-/])")
# "ngày 09   tháng 06 năm 2015": wide gaps inside a date line are not column gaps.
DATE_GAP_RE = re.compile(r"(ngày(?:\s*\d{1,2})?)\s{2,}(?=tháng)|(tháng(?:\s*\d{1,2})?)\s{2,}(?=năm)")
# The national title or the Party line glued onto the issuer column with 1–2 spaces.
GLUED_TITLE_RE = re.compile(r"(?<=\S)\s+[_-]?\s*(?=CỘNG\s+H(?:ÒA|OÀ)\s+X|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM|Độc\s+lập\s*[-–])")


def cells(line: str) -> list[str]:
    # Header, signature and annex scans each split the same lines: memoised (a copy is
    # returned, so callers may change their list).
    return list(_cells(line))


@lru_cache(maxsize=8192)
def _cells(line: str) -> tuple[str, ...]:
    # Each rewrite runs only when the word its pattern needs is in the line (a plain
    # substring test; the result is the same).
    line = line.strip()
    if "Số" in line:
        line = FILL_IN_RE.sub(" ", line)
    if "tháng" in line:
        line = DATE_GAP_RE.sub(lambda m: (m.group(1) or m.group(2)) + " ", line)
    if "CỘNG" in line or "ĐẢNG" in line or "Độc" in line:
        line = GLUED_TITLE_RE.sub("\t", line)
    return tuple(c.strip() for c in CELL_SPLIT_RE.split(line) if c.strip())
