"""Deadlines and citations recovered from OCR, against those found in the hand transcriptions.

For every scan of ../shared/corpus/real/original with a *TRANSCRIPTION* text (the cases of
bench/ocr_cer.py), the full pipeline runs twice: on the scan (through OCR) and on the
transcription .txt.  An item of the transcription is recovered when the OCR result has an
item with the same key (each OCR item matches once):

- deadline: (start, end) dates; the line is ignored;
- citation: (number, symbol), symbol normalised (NFC, upper case, no spaces, dashes and
  Ð/đ look-alikes unified).

"-p1" transcriptions cover page 1 only: their scans are OCR'd on page 1 only as well.
Goal: ≥ 90 % recovered in total.

    python bench/ocr_recovery.py [--setup NAME] [--no-postcorrect] [-v]
"""
from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ocr_cer import CASES, REAL, skip_reason  # noqa: E402

DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "Ð": "Đ", "ð": "đ"})


def symbol_key(symbol: str | None) -> str:
    s = unicodedata.normalize("NFC", symbol or "").translate(DASHES).upper()
    return "".join(s.split())


def keys(result: dict) -> tuple[Counter, Counter]:
    deadlines = Counter((d.get("start"), d.get("end")) for d in result.get("deadlines") or [])
    citations = Counter((str(c.get("number") or "").strip(), symbol_key(c.get("symbol")))
                        for c in result.get("citations") or [])
    return deadlines, citations


def first_pages(scan: Path, pages: int | None) -> Path:
    """The scan itself, or a temporary PDF of its first `pages` pages (for "-p1" transcriptions)."""
    if not pages:
        return scan
    import pypdfium2 as pdfium
    src = pdfium.PdfDocument(str(scan))
    out = pdfium.PdfDocument.new()
    out.import_pages(src, list(range(pages)))
    buf = io.BytesIO()
    out.save(buf)
    tmp = Path(tempfile.mkdtemp(prefix="vanban-ocr-")) / scan.name
    tmp.write_bytes(buf.getvalue())
    return tmp


def run(path: Path) -> dict:
    from pipeline.process import process_file
    from pipeline.report.json_out import result_dict
    res = process_file(path)
    if res.status != "ok":
        raise SystemExit(f"{path.name}: {res.status}")
    return result_dict(res)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--setup", help="OCR set-up (pipeline.ingest.ocr.SETUPS); default: the default")
    ap.add_argument("--no-postcorrect", action="store_true", help="turn the OCR post-correction off")
    ap.add_argument("-v", "--verbose", action="store_true", help="list the items not recovered")
    args = ap.parse_args(argv)
    from pipeline.ingest import ocr
    reason = skip_reason()
    if reason:
        print(reason)
        return 0
    if args.setup:
        ocr.DEFAULT_SETUP = args.setup
    if args.no_postcorrect:
        ocr.POSTCORRECT = False
    total = Counter()
    print(f"{'file':58} {'deadlines':>11} {'citations':>11} {'extra':>6}")
    for scan, (ref_name, pages) in CASES.items():
        t0 = time.time()
        want_d, want_c = keys(run(REAL / "text" / ref_name))
        got_d, got_c = keys(run(first_pages(REAL / "original" / scan, pages)))
        hit_d, hit_c = want_d & got_d, want_c & got_c
        extra = sum((got_d - want_d).values()) + sum((got_c - want_c).values())
        total.update(dw=sum(want_d.values()), dh=sum(hit_d.values()),
                     cw=sum(want_c.values()), ch=sum(hit_c.values()), extra=extra)
        print(f"{scan[:58]:58} {sum(hit_d.values()):>4}/{sum(want_d.values()):<6} "
              f"{sum(hit_c.values()):>4}/{sum(want_c.values()):<6} {extra:>6}   ({time.time() - t0:.0f}s)",
              flush=True)
        if args.verbose:
            for k in (want_d - got_d).elements():
                print(f"    deadline missed: {k}")
            for k in (want_c - got_c).elements():
                print(f"    citation missed: {k}")
            for k in (got_d - want_d).elements():
                print(f"    deadline extra:  {k}")
            for k in (got_c - want_c).elements():
                print(f"    citation extra:  {k}")
    hit = total["dh"] + total["ch"]
    want = total["dw"] + total["cw"]
    print(f"{'ALL':58} {total['dh']:>4}/{total['dw']:<6} {total['ch']:>4}/{total['cw']:<6} {total['extra']:>6}")
    print(f"recovered: {hit}/{want} = {hit / max(want, 1):.1%} (goal ≥ 90 %)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
