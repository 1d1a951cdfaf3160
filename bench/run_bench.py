"""`make bench`: vanban's speed on ~1,000 documents built from ../shared/corpus/real.

Prints, all measured in this one run:
  - the full pipeline by format (one process, documents/s and MB/s; each document timed
    back to back with its bare reading, its median of --repeat passes), and the whole batch
    (`vanban run`, process pool) on the ~1,000-document inbox;
  - floors on the same texts: bare reading (python-docx paragraph iteration, pdfplumber
    extract_text, reading the .txt) and `dateparser.search.search_dates(languages=["vi"])`
    alone (on a time budget, extrapolated per document by characters when cut short);
  - `vanban --help` start-up (best of 5), a no-change rerun, peak memory of the children;
  - the goals beside the figures.
Formats that need OCR or LibreOffice (.doc, .jpg, scanned PDFs) and .htm are timed
separately, once each, and kept out of the speed figure.
The inbox lives in a temp folder outside the repository and is removed afterwards.

    python bench/run_bench.py [--docs 1000] [--jobs N] [--repeat 5] [--dateparser-budget 60] [--keep]
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REAL = REPO.parent / "shared" / "corpus" / "real"
SLOW_MARKERS = ("_scan", "scan-sao-y")


def classify(p: Path) -> str | None:
    ext = p.suffix.lower()
    if ext == ".txt":
        return "txt"
    if ext == ".docx":
        return "docx"
    if ext == ".pdf" and not any(m in p.name for m in SLOW_MARKERS):
        return "pdf"
    return None


def sources() -> tuple[dict[str, list[Path]], list[Path]]:
    fast: dict[str, list[Path]] = {"txt": [], "docx": [], "pdf": []}
    slow: list[Path] = []
    for p in sorted((REAL / "text").glob("*.txt")) + sorted((REAL / "original").iterdir()):
        kind = classify(p)
        (fast[kind].append(p) if kind else slow.append(p))
    return fast, slow


def vary(src: Path, dst: Path, i: int) -> None:
    """Copy with a few different bytes, so every copy has its own sha256."""
    data = src.read_bytes()
    ext = src.suffix.lower()
    if ext == ".txt":
        dst.write_bytes(data + f"\n\nBản sao thử nghiệm số {i}.\n".encode("utf-8"))
    elif ext == ".pdf":
        dst.write_bytes(data + f"\n%vanban-bench {i}\n".encode())
    elif ext == ".docx":
        dst.write_bytes(data)
        with zipfile.ZipFile(dst, "a") as zf:
            zf.comment = f"vanban-bench {i}".encode()
    else:
        dst.write_bytes(data)


def build_inbox(root: Path, fast: dict[str, list[Path]], n_docs: int) -> dict[str, list[Path]]:
    """Roughly 80% text, 12% docx, 8% pdf — an office inbox, most of it typed text."""
    share = {"txt": 0.80, "docx": 0.12, "pdf": 0.08}
    made: dict[str, list[Path]] = {k: [] for k in fast}
    for kind, srcs in fast.items():
        if not srcs:
            continue
        target = max(len(srcs), round(n_docs * share[kind]))
        folder = root / kind
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(target):
            src = srcs[i % len(srcs)]
            dst = folder / f"{src.stem} (bản {i // len(srcs) + 1}){src.suffix}"
            vary(src, dst, i)
            made[kind].append(dst)
    return made


def timed(fn, *a, **kw):
    t = time.perf_counter()
    out = fn(*a, **kw)
    return time.perf_counter() - t, out


def _bare_read(kind: str, p: Path) -> str:
    """The floor: reading the text and nothing else (python-docx paragraph iteration,
    pdfplumber extract_text, decoding the .txt)."""
    if kind == "txt":
        return p.read_bytes().decode("utf-8", errors="replace")
    if kind == "docx":
        import docx
        d = docx.Document(str(p))
        return "\n".join(par.text for par in d.paragraphs)
    import pdfplumber
    with pdfplumber.open(p) as pdf:
        return "\n".join(pg.extract_text() or "" for pg in pdf.pages)


def per_format(fast, repeat: int) -> tuple[dict, dict, dict[Path, str]]:
    """The full pipeline and the bare-reading floor, one process, on the unique source
    documents.  Every pass times, for each document, the pipeline and the bare reading
    back to back, so that whatever else the machine does weighs on both alike.  Figures
    are each document's median over `repeat` passes, summed, after one untimed pass."""
    from pipeline.process import process_file
    from pipeline.rulepack import load_packs
    packs = load_packs()                           # once, as `vanban run` does
    pipe, bare, texts = {}, {}, {}
    for kind, srcs in fast.items():
        if not srcs:
            continue
        for p in srcs:                             # one untimed pass on both sides: imports,
            process_file(p, packs)                 # lexicons, first-use set-up, file cache
            _bare_read(kind, p)
        pipe_times: dict[Path, list[float]] = {p: [] for p in srcs}
        bare_times: dict[Path, list[float]] = {p: [] for p in srcs}
        failed = 0
        for _ in range(repeat):
            failed = 0
            for p in srcs:
                t, r = timed(process_file, p, packs)
                pipe_times[p].append(t)
                failed += r.status != "ok"
                t, texts[p] = timed(_bare_read, kind, p)
                bare_times[p].append(t)
        # Each document's median time, summed: a pause of the machine (tens of ms on this
        # VM, now and then) lands in one sample and moves no median.
        pipe[kind] = {"docs": len(srcs), "sec": sum(map(statistics.median, pipe_times.values())),
                      "bytes": sum(p.stat().st_size for p in srcs), "failed": failed}
        bare[kind] = {"docs": len(srcs), "sec": sum(map(statistics.median, bare_times.values()))}
    return pipe, bare, texts


def dateparser_floor(fast, texts, budget: float) -> dict:
    from dateparser.search import search_dates
    search_dates("ngày 01 tháng 01 năm 2021", languages=["vi"])   # its own warm-up
    res = {}
    for kind, srcs in fast.items():
        done_t, done_chars, done_n = 0.0, 0, 0
        all_chars = sum(len(texts[p]) for p in srcs)
        for p in sorted(srcs, key=lambda p: len(texts[p])):          # small first: more documents sampled
            if done_t > budget / 3:
                break
            t, _ = timed(search_dates, texts[p], languages=["vi"])
            done_t += t
            done_chars += len(texts[p])
            done_n += 1
        per_char = done_t / max(1, done_chars)
        est = per_char * all_chars if done_n < len(srcs) else done_t
        res[kind] = {"docs": len(srcs), "sec": est, "sampled": done_n, "extrapolated": done_n < len(srcs)}
    return res


def vanban(*args, env=None) -> tuple[float, subprocess.CompletedProcess]:
    t0 = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True, env=env)
    return time.perf_counter() - t0, p


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--jobs", type=int, default=0)
    ap.add_argument("--dateparser-budget", type=float, default=60.0, help="seconds for the dateparser floor")
    ap.add_argument("--repeat", type=int, default=5, help="passes per format for the per-format figures (median)")
    ap.add_argument("--keep", action="store_true", help="keep the temp inbox and outputs")
    ap.add_argument("--skip-slow", action="store_true", help="do not time .doc/.jpg/scans/.htm")
    args = ap.parse_args(argv)
    if not REAL.is_dir():
        print(f"bench: {REAL} is absent (../shared/corpus/real is needed)", file=sys.stderr)
        return 2
    fast, slow = sources()
    tmp = Path(tempfile.mkdtemp(prefix="vanban-bench-"))
    try:
        inbox, out = tmp / "inbox", tmp / "out"
        made = build_inbox(inbox, fast, args.docs)
        n_docs = sum(len(v) for v in made.values())
        size = sum(p.stat().st_size for v in made.values() for p in v)
        print(f"inbox: {n_docs} documents, {size / 1e6:.1f} MB in {inbox} "
              + ", ".join(f"{k} {len(v)}" for k, v in made.items()))

        helps = [vanban("--help")[0] for _ in range(5)]
        startup = min(helps)

        pipe, bare, texts = per_format(fast, args.repeat)
        dp = dateparser_floor(fast, texts, args.dateparser_budget)

        jobs = ["--jobs", str(args.jobs)] if args.jobs else []
        t_full, p = vanban("run", str(inbox), "--out", str(out), "--quiet", *jobs)
        print("first run:", (p.stdout.strip() or p.stderr.strip()[-500:]))
        t_again, p2 = vanban("run", str(inbox), "--out", str(out), "--quiet", *jobs)
        print("no-change rerun:", p2.stdout.strip())
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

        print("\n== full pipeline, one process, per format (unique sources) ==")
        print(f"{'format':6} {'docs':>5} {'docs/s':>8} {'MB/s':>7} | {'bare read docs/s':>16} {'ratio':>6} |"
              f" {'dateparser docs/s':>17} {'speed-up':>8}")
        for kind, r in pipe.items():
            dps = r["docs"] / r["sec"]
            mbs = r["bytes"] / 1e6 / r["sec"]
            b = bare[kind]
            bare_dps = b["docs"] / b["sec"]
            d = dp[kind]
            dp_dps = d["docs"] / d["sec"] if d["sec"] else float("inf")
            print(f"{kind:6} {r['docs']:5d} {dps:8.1f} {mbs:7.2f} | {bare_dps:16.1f} {r['sec'] / b['sec']:5.1f}× |"
                  f" {dp_dps:17.2f} {d['sec'] / r['sec']:7.1f}×"
                  + (f"  (dateparser sampled {d['sampled']}/{d['docs']}, extrapolated)" if d["extrapolated"] else ""))
        print("\n== whole batch (process pool) ==")
        print(f"{n_docs} documents in {t_full:.1f} s: {n_docs / t_full:.1f} docs/s, {size / 1e6 / t_full:.2f} MB/s "
              f"(jobs={args.jobs or os.cpu_count()})")

        print("\n== goals ==")
        txt_ratio = dp["txt"]["sec"] / pipe["txt"]["sec"] if "txt" in pipe else float("nan")
        docx_ratio = pipe["docx"]["sec"] / bare["docx"]["sec"] if pipe.get("docx") else float("nan")
        rows = [
            ("text pipeline vs dateparser alone", f"{txt_ratio:.1f}× faster", "≥ 5×", txt_ratio >= 5),
            (".docx pipeline vs bare python-docx", f"{docx_ratio:.1f}× slower", "≤ 2×", docx_ratio <= 2),
            ("vanban --help start-up (best of 5)", f"{startup * 1000:.0f} ms (median {statistics.median(helps) * 1000:.0f})",
             "< 300 ms", startup < 0.3),
            (f"no-change rerun of {n_docs} documents", f"{t_again:.2f} s", "< 2 s", t_again < 2),
            ("peak memory (largest child)", f"{peak_mb:.0f} MB", "< 1 GB", peak_mb < 1024),
        ]
        for name, fig, goal, ok in rows:
            print(f"  {'OK  ' if ok else 'MISS'} {name:40} {fig:28} goal {goal}")

        print("\n== slow formats (OCR / LibreOffice / HTML), once each, not in the speed figures ==")
        from pipeline.process import process_file
        for p in ([] if args.skip_slow else slow):
            if p.suffix.lower() == ".txt":
                continue
            t, r = timed(process_file, p)
            print(f"  {t:7.2f} s  {r.status:6} {r.error.code if r.error else '':18} {p.name}")
    finally:
        if args.keep:
            print(f"kept: {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
