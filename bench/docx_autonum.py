"""Agreement of computed Word auto-numbers with the labels Word itself renders.

Reads the AUTONUM .docx of ../shared/corpus and the same document's text as Word
rendered it (WORD-RENDERED-NUMBERS.txt), finds each auto-numbered paragraph in the
rendered text (in order, by its body text) and compares the label in front of it.

    python bench/docx_autonum.py [-v]
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / ".." / "shared" / "corpus" / "real"
DOCX = CORPUS / "original" / "hd_mttq-tinh-quangninh_2025-11_hiep-thuong_draft_AUTONUM.docx"
RENDERED = CORPUS / "text" / "hd_mttq-tinh-quangninh_so-trong_2025-11_quy-trinh-hiep-thuong-2026_WORD-RENDERED-NUMBERS.txt"

SPACE_RE = re.compile(r"\s+")
KEY_CHARS = 80          # body prefix used to find a paragraph in the rendered text
SEARCH_WINDOW = 400     # rendered lines looked ahead of the last match


def norm(s: str) -> str:
    return SPACE_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


def agreement(verbose: bool = False) -> tuple[int, int, list[str]]:
    """Return (agreeing, total auto-numbered paragraphs, mismatch notes)."""
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import read_source
    src = read_source(DOCX)
    rendered = [norm(x) for x in RENDERED.read_text(encoding="utf-8").split("\n")]
    total = ok = 0
    notes: list[str] = []
    j = 0
    for line, meta in zip(src.lines, src.line_meta):
        if not meta.auto_label:
            continue
        total += 1
        ours = meta.auto_label
        body = norm(norm(line)[len(ours):])
        key = body[:KEY_CHARS]
        found = None
        for k in range(j, min(len(rendered), j + SEARCH_WINDOW)):
            pos = rendered[k].find(key) if key else -1
            if pos >= 0 and (pos == 0 or not key or pos <= 20):
                found = (k, rendered[k][:pos].strip())
                break
        if found is None:
            notes.append(f"không thấy: {ours!r} {body[:50]!r}")
            continue
        j = found[0] + 1
        if found[1] == ours:
            ok += 1
        else:
            notes.append(f"dòng {found[0] + 1}: Word {found[1]!r}, vanban {ours!r}  {body[:40]!r}")
    return ok, total, notes


def main() -> int:
    if not DOCX.exists() or not RENDERED.exists():
        print("../shared/corpus không có: bỏ qua")
        return 0
    ok, total, notes = agreement()
    if "-v" in sys.argv:
        print("\n".join(notes))
    print(f"autonum agreement: {ok}/{total} = {ok / max(total, 1):.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
