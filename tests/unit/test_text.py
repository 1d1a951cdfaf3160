"""Text helpers: comparison keys and blank handling."""
from __future__ import annotations

import pytest

from pipeline.text import _SPACE_RE, fold, squash


@pytest.mark.parametrize("s", [
    "a\t\tb", " \u00a0 x  y\u3000\u3000z\t", "\u200b\u200b", "Hòa  bình", "một\u00a0hai", "   ", "",
    "Ủy ban   nhân dân\ttỉnh", "a \t \u2003 b",
])
def test_squash_is_one_space_per_run_of_blanks(s):
    assert squash(s) == _SPACE_RE.sub(" ", s).strip()


def test_fold_compares_tone_placement_case_and_blanks():
    assert fold("Uỷ  ban\u00a0Hoà Bình") == fold("ủy ban hòa bình") == "uỷ ban hoà bình"
    long = "Ủy ban nhân dân   tỉnh " * 10          # past the memo's length limit
    assert fold(long) == ("uỷ ban nhân dân tỉnh " * 10).strip()
