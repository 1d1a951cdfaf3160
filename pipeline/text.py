"""Text helpers shared by every stage: NFC, folding for comparison, line splitting.

Output always keeps the document's own spelling; comparisons go through `fold()` so
that `khoá`/`khóa` and `Uỷ`/`Ủy` compare equal without being rewritten.
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Old-style tone placement (oá, oà, uỷ …) → new style, used only for comparison keys.
_TONE_PAIRS = {
    "òa": "oà", "óa": "oá", "ỏa": "oả", "õa": "oã", "ọa": "oạ",
    "òe": "oè", "óe": "oé", "ỏe": "oẻ", "õe": "oẽ", "ọe": "oẹ",
    "ùy": "uỳ", "úy": "uý", "ủy": "uỷ", "ũy": "uỹ", "ụy": "uỵ",
}
_TONE_RE = re.compile("|".join(map(re.escape, _TONE_PAIRS)))
_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u3000]+")
# _SPACE_RE.sub(" ", s) in two cheaper steps: blanks other than a plain space (rare) become
# spaces, then runs of spaces become one.  Same result, but a text's many single spaces
# are never replaced by a space, and each step scans for one simple thing.
_ODD_BLANK_RE = re.compile(r"[\t\u00a0\u2000-\u200b\u202f\u3000]")
_SPACE_RUN_RE = re.compile(r" {2,}")


def _single_spaces(s: str) -> str:
    if _ODD_BLANK_RE.search(s):
        s = _ODD_BLANK_RE.sub(" ", s)
    return _SPACE_RUN_RE.sub(" ", s)

# Dashes seen between dates and in symbols: hyphen, en dash, em dash, minus, figure dash.
DASHES = "-–—−‒"


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fold(s: str) -> str:
    """Comparison key: NFC, lower case, one tone-placement convention, single spaces."""
    # Checks fold every word of every line (hundreds of thousands of calls per batch, over a
    # small vocabulary): short strings go through a memo; long ones (whole lines or texts)
    # are folded afresh so that the memo never holds document text.
    if len(s) <= _FOLD_MEMO_MAX:
        return _fold_short(s)
    return _fold(s)


_FOLD_MEMO_MAX = 48


def _fold(s: str) -> str:
    s = nfc(s).lower()
    s = _TONE_RE.sub(lambda m: _TONE_PAIRS[m.group(0)], s)
    return _single_spaces(s).strip()


_fold_short = lru_cache(maxsize=1 << 16)(_fold)
# fold() for single words (short by nature): the memo without the length test.
fold_word = _fold_short


def strip_accents(s: str) -> str:
    """Remove diacritics (đ → d): for matching OCR output that lost its marks."""
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if unicodedata.category(c) != "Mn")
    return s.replace("đ", "d").replace("Đ", "D")


def squash(s: str) -> str:
    """Collapse runs of blanks to one space and strip."""
    return _single_spaces(s).strip()


def split_lines(text: str) -> list[str]:
    """Split on \\n only (the contract's line definition); a \\r before it is dropped."""
    return [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]


def is_upper_line(s: str) -> bool:
    """True for a line written in capitals (at least three letters, none lower case)."""
    # Same as "at least three letters, none lower case", but stops at the first lower-case
    # letter: most lines are running text and are rejected within a few characters.
    n = 0
    for c in s:
        if c.isalpha():
            if c.islower():
                return False
            n += 1
    return n >= 3
