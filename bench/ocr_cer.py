"""Character error rate of the OCR set-ups against the hand transcriptions.

Each scan of ../shared/corpus/real/original with a *TRANSCRIPTION* text (MANIFEST.tsv)
is OCR'd with every set-up in pipeline.ingest.ocr.SETUPS; a "-p1" transcription is
compared with page 1 only.  Both texts are NFC-normalised and whitespace is collapsed
(runs of blanks and line breaks become one space) before the edit distance: that plain
CER is the headline.  Two secondary figures, for the whole set, tell the kinds of error
apart: "dash-CER" also unifies dash and quote look-alikes (- – — ~, “ ” "), a convention
of the transcriber more than a reading error; "bag-WER" is the order-independent word
error rate (max(missing, extra) words / words), blind to reading order (header columns,
tables, signature block) but not to misread words.

    python bench/ocr_cer.py [setup ...]     (default: every set-up; the default is marked *)
"""
from __future__ import annotations

import re
import sys
import time
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
REAL = ROOT / ".." / "shared" / "corpus" / "real"
SPACE_RE = re.compile(r"\s+")

# scan file → (transcription file, pages compared; None = all)
CASES = {
    "cv_so-gddt-danang_so-1635-SGDDT-CTrTT_2019-05-24_ttatgt-he_scan.pdf":
        ("cv_so-gddt-danang_1635-SGDDT-CTrTT_2019-05-24_ttatgt-he_TRANSCRIPTION.txt", None),
    "cv_so-tttt-phutho_275-STTTT-CNTT_2011-12-16_scan.pdf":
        ("cv_so-tttt-phutho_275-STTTT-CNTT_2011-12-16_TRANSCRIPTION-p1.txt", 1),
    "cv_ubnd-tinh-phutho_4532-UBND-KSTTHC_2011-12-07_scan.pdf":
        ("cv_ubnd-tinh-phutho_4532-UBND-KSTTHC_2011-12-07_TRANSCRIPTION-p1.txt", 1),
    "kh_dh-cong-thuong-tphcm_753-KH-DCT_2026-06-23_khao-sat-hai-long_scan.pdf":
        ("kh_dh-cong-thuong-tphcm_753-KH-DCT_2026-06-23_khao-sat-hai-long_TRANSCRIPTION.txt", None),
}


DASHES = str.maketrans({"–": "-", "—": "-", "~": "-", "‐": "-", "“": '"', "”": '"', "’": "'", "‘": "'"})


def norm(s: str) -> str:
    return SPACE_RE.sub(" ", unicodedata.normalize("NFC", s)).strip()


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance, one numpy row per character of `a`."""
    if not a:
        return len(b)
    if not b:
        return len(a)
    bb = np.frombuffer(b.encode("utf-32-le"), dtype=np.uint32)
    idx = np.arange(len(b) + 1)
    row = idx.copy()
    for ch in a:
        cost = (bb != ord(ch)).astype(np.int64)
        tmp = np.empty_like(row)
        tmp[0] = row[0] + 1
        tmp[1:] = np.minimum(row[1:] + 1, row[:-1] + cost)
        row = np.minimum.accumulate(tmp - idx) + idx
    return int(row[-1])


def cer(hyp: str, ref: str) -> float:
    ref, hyp = norm(ref), norm(hyp)
    return edit_distance(hyp, ref) / max(len(ref), 1)


def bag_errors(hyp: str, ref: str) -> int:
    """Order-independent word errors: max(ref words missing, hyp words extra)."""
    from collections import Counter
    h, r = Counter(norm(hyp).split(" ")), Counter(norm(ref).split(" "))
    return max(sum((r - h).values()), sum((h - r).values()))


def page_images(scan: Path, pages: int | None, resolution: int = 300):
    import pdfplumber
    with pdfplumber.open(scan) as pdf:
        chosen = pdf.pages[:pages] if pages else pdf.pages
        return [p.to_image(resolution=resolution).original for p in chosen]


def skip_reason() -> str | None:
    """Why the OCR benchmarks cannot run here, or None."""
    from pipeline.ingest import ocr
    if not (REAL / "original").exists():
        return "../shared/corpus không có: bỏ qua"
    if not ocr.available():
        return "chưa cài tesseract-ocr / tesseract-ocr-vie: bỏ qua"
    return None


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from pipeline.ingest import ocr
    reason = skip_reason()
    if reason:
        print(reason)
        return 0
    setups = argv or list(ocr.SETUPS)
    totals = {s: Counter() for s in setups}
    print(f"{'file':44} " + " ".join(f"{s + ('*' if s == ocr.DEFAULT_SETUP else ''):>{max(9, len(s) + 1)}}"
                                     for s in setups))
    for scan, (ref_name, pages) in CASES.items():
        ref = (REAL / "text" / ref_name).read_text(encoding="utf-8")
        images = {}
        row = []
        for s in setups:
            res = ocr.SETUPS[s].resolution
            if res not in images:
                images[res] = page_images(REAL / "original" / scan, pages, res)
            t0 = time.time()
            hyp = "\n".join("\n".join(ocr.image_to_lines(img, scan, s)) for img in images[res])
            dt = (time.time() - t0) / len(images[res])
            dist = edit_distance(norm(hyp), norm(ref))
            t = totals[s]
            t.update(dist=dist, chars=len(norm(ref)), words=len(norm(ref).split(" ")),
                     dash=edit_distance(norm(hyp).translate(DASHES), norm(ref).translate(DASHES)),
                     bag=bag_errors(hyp, ref))
            t["max_s"] = max(t["max_s"], dt)
            row.append(f"{dist / len(norm(ref)):.1%}".rjust(max(9, len(s) + 1)))
            print(f"  [{scan[:30]} {s}: {dt:.1f}s/page]", file=sys.stderr)
        print(f"{scan[:44]:44} " + " ".join(row), flush=True)

    def line(label, f):
        print(f"{label:44} " + " ".join(f(totals[s]).rjust(max(9, len(s) + 1)) for s in setups))
    line("ALL CER (chars weighted)", lambda t: f"{t['dist'] / t['chars']:.1%}")
    line("ALL dash-CER (dash/quote look-alikes one)", lambda t: f"{t['dash'] / t['chars']:.1%}")
    line("ALL bag-WER (order-independent)", lambda t: f"{t['bag'] / t['words']:.1%}")
    line("slowest page, s", lambda t: f"{t['max_s']:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
