"""Rejoin physical lines into logical paragraphs where the text plainly continues.

A view for extraction only: line numbers never change, and every paragraph knows
the physical line of each of its characters (`Paragraph.line_at`).
"""
from __future__ import annotations

import re

from pipeline.model import Paragraph
from pipeline.parse.cells import cells
from pipeline.parse.sections import BULLET_RE, match_label
from pipeline.text import is_upper_line

# A line that stops on "số" waits for its number.
NUMBER_NEXT_RE = re.compile(r"(?<!\w)[Ss]ố\s*:?\s*$")
SENTENCE_END = (".", ":", ";", "!", "?", ")", "…")
WRAP_MIN_LEN = 60    # a line this long that stops mid-sentence was wrapped by the layout


def _continues(cur: str, nxt: str, blank_between: int, cur_is_label: bool) -> bool:
    if not nxt or blank_between > 1:
        return False
    if cur.rstrip().endswith(SENTENCE_END):
        return False
    if match_label(nxt) or BULLET_RE.match(nxt) or is_upper_line(nxt):
        return False
    if nxt[:1].islower():
        return True          # "…lồng ghép với tuyên truyền" / "về thắng lợi …" (seed 35–37)
    if nxt[:1].isdigit() and NUMBER_NEXT_RE.search(cur):
        # "… tại Tờ trình số" / "" / "1934/TTr-PVHXH ngày 31 tháng 12 năm 2025." (a PDF
        # page layout, qd_ubnd-phuong-sa-dec_150…:37-39): the number finishes the phrase.
        return True
    return blank_between == 0 and not cur_is_label and len(cur) >= WRAP_MIN_LEN


def build_paragraphs(lines: tuple[str, ...]) -> tuple[Paragraph, ...]:
    paras: list[Paragraph] = []
    cur_text = ""
    cur_lines: list[int] = []
    cur_starts: list[int] = []
    cur_is_label = False
    blanks = 0
    for idx, raw in enumerate(lines, start=1):
        text = " ".join(cells(raw)) if raw.lstrip().startswith("|") else raw.strip()
        if not text:
            blanks += 1
            continue
        if cur_lines and _continues(cur_text, text, blanks, cur_is_label):
            cur_starts.append(len(cur_text) + 1)
            cur_text = f"{cur_text} {text}"
            cur_lines.append(idx)
        else:
            if cur_lines:
                paras.append(Paragraph(cur_text, tuple(cur_lines), tuple(cur_starts)))
            cur_text, cur_lines, cur_starts = text, [idx], [0]
            cur_is_label = match_label(text) is not None
        blanks = 0
    if cur_lines:
        paras.append(Paragraph(cur_text, tuple(cur_lines), tuple(cur_starts)))
    return tuple(paras)
