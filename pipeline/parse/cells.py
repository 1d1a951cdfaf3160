"""Split a text line into the cells of a two-column layout.

Header and signature blocks are tables in the original; as text they arrive as
`|left|right|`, `left<TAB>right` or `left      right`.  Cells keep their order.
"""
from __future__ import annotations

import re

# Three or more spaces, a tab, or a table bar separate columns.
CELL_SPLIT_RE = re.compile(r"\s*\|\s*|\t+|\s{3,}")


def cells(line: str) -> list[str]:
    return [c.strip() for c in CELL_SPLIT_RE.split(line.strip()) if c.strip()]
