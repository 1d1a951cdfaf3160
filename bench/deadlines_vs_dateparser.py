"""Deadlines: vanban's own grammar against dateparser's Vietnamese search, on the gold files.

    python bench/deadlines_vs_dateparser.py [GOLD_DIR ...] [--per-doc]

For each `*.gold.json` (default: corpora/gold) the document is found by its `file`: beside
the gold file, in corpora/inbox, as a path relative to the gold file, or under
../shared/corpus.  Scores:
  - vanban strict: as GOLD.md scores deadlines (same start and end, line within ±1;
    optional gold items absorb false hits);
  - vanban loose and dateparser: end date and line within ±1 (what a plain date finder can
    get right; for an open "after" deadline the start stands for the end).
dateparser runs `search.search_dates(text, languages=["vi"])` once on the whole text and
once on the body lines only (the same lines vanban reads), so the header date does not
count against it twice.  Times are wall-clock seconds per run.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.extract.citations import extract_citations  # noqa: E402
from pipeline.extract.deadlines import extract_deadlines  # noqa: E402
from pipeline.ingest import read_source  # noqa: E402
from pipeline.parse import parse_document  # noqa: E402


def find_document(gold_path: Path, gold: dict) -> Path | None:
    name = gold.get("file") or gold_path.name.replace(".gold.json", ".txt")
    here = gold_path.parent
    for cand in (here / name, REPO / "corpora" / "inbox" / Path(name).name,
                 (here / name).resolve(), REPO.parent / "shared" / "corpus" / name):
        if cand.is_file():
            return cand
    return None


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.seconds = 0.0

    def add(self, tp: int, fp: int, fn: int) -> None:
        self.tp, self.fp, self.fn = self.tp + tp, self.fp + fp, self.fn + fn

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def pair(gold: list[dict], optional: list[dict], pred: list[dict], same) -> tuple[int, int, int]:
    """Greedy pairing as GOLD.md: each gold item takes the first unused matching prediction."""
    used: set[int] = set()
    tp = 0
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same(g, p):
                used.add(i)
                tp += 1
                break
    fp = 0
    for i, p in enumerate(pred):
        if i in used:
            continue
        if any(same(o, p) for o in optional):
            continue
        fp += 1
    return tp, fp, len(gold) - tp


def strict(g: dict, p: dict) -> bool:
    return g.get("start") == p["start"] and g.get("end") == p["end"] \
        and abs(g["line"] - p["line"]) <= 1


def loose(g: dict, p: dict) -> bool:
    return (g.get("end") or g.get("start")) == (p.get("end") or p.get("start")) \
        and abs(g["line"] - p["line"]) <= 1


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def run_vanban(path: Path) -> tuple[list[dict], float, object]:
    t0 = time.perf_counter()
    doc = parse_document(read_source(path))
    found = extract_deadlines(doc, extract_citations(doc))
    elapsed = time.perf_counter() - t0
    return ([{"start": iso(d.start), "end": iso(d.end), "line": d.line} for d in found],
            elapsed, doc)


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def run_dateparser(text: str, first_line: int = 1) -> tuple[list[dict], float]:
    from dateparser.search import search_dates
    t0 = time.perf_counter()
    hits = search_dates(text, languages=["vi"]) or []
    elapsed = time.perf_counter() - t0
    out, pos = [], 0
    for s, dt in hits:
        at = text.find(s, pos)
        if at < 0:
            at = text.find(s)
        else:
            pos = at + len(s)
        line = line_of(text, max(at, 0)) + first_line - 1
        out.append({"start": None, "end": dt.date().isoformat(), "line": line})
    return out, elapsed


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold_dirs", nargs="*", default=[str(REPO / "corpora" / "gold")])
    ap.add_argument("--per-doc", action="store_true", help="print a row per document")
    args = ap.parse_args(argv)

    golds = sorted(p for d in args.gold_dirs for p in Path(d).glob("*.gold.json"))
    names = ("vanban strict", "vanban loose", "dateparser full", "dateparser body")
    totals = {n: Score() for n in names}
    if args.per_doc:
        print(f"{'document':48} " + " ".join(f"{n:>16}" for n in names))
    for gp in golds:
        gold = json.loads(gp.read_text(encoding="utf-8"))
        doc_path = find_document(gp, gold)
        if doc_path is None:
            print(f"skip {gp.name}: document not found", file=sys.stderr)
            continue
        g, opt = gold.get("deadlines", []), gold.get("deadlines_optional", [])
        pred, secs, doc = run_vanban(doc_path)
        rows = {}
        totals["vanban strict"].add(*pair(g, opt, pred, strict))
        totals["vanban loose"].add(*pair(g, opt, pred, loose))
        totals["vanban strict"].seconds += secs
        totals["vanban loose"].seconds += secs
        rows["vanban strict"] = pair(g, opt, pred, strict)
        rows["vanban loose"] = pair(g, opt, pred, loose)

        text = "\n".join(doc.lines)
        dp, secs = run_dateparser(text)
        rows["dateparser full"] = pair(g, opt, dp, loose)
        totals["dateparser full"].add(*rows["dateparser full"])
        totals["dateparser full"].seconds += secs

        first, last = doc.header.body_start, doc.body_end or len(doc.lines)
        dp, secs = run_dateparser("\n".join(doc.lines[first - 1:last]), first)
        rows["dateparser body"] = pair(g, opt, dp, loose)
        totals["dateparser body"].add(*rows["dateparser body"])
        totals["dateparser body"].seconds += secs
        if args.per_doc:
            cells = " ".join(f"{'%d/%d/%d' % r:>16}" for r in (rows[n] for n in names))
            print(f"{gp.name[:48]:48} {cells}")

    print(f"\n{len(golds)} gold file(s); deadlines (tp/fp/fn as pairs above)\n")
    print(f"{'method':18} {'P':>6} {'R':>6} {'F1':>6} {'tp':>4} {'fp':>4} {'fn':>4} {'seconds':>9}")
    for n in names:
        s = totals[n]
        p, r, f = s.prf()
        print(f"{n:18} {p:6.3f} {r:6.3f} {f:6.3f} {s.tp:4} {s.fp:4} {s.fn:4} {s.seconds:9.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
