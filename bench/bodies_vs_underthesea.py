"""Bodies: vanban's rules and lexicon against underthesea's NER organisations.

For each gold file in corpora/gold (format: ../shared/contract/GOLD.md) this prints the
bodies precision / recall / F1 of

- vanban: `extract_bodies` on the parsed document, scored as score.py scores it (same role,
  line ±1, similar name; bodies_optional forgive false hits);
- underthesea: `underthesea.ner` run line by line over the body, every B-ORG/I-ORG span
  taken as a body.  NER has no roles, so its spans are matched on line ±1 and a similar
  name only (role ignored) — a generous reading in its favour;

and the time each took.  Run: `python bench/bodies_vs_underthesea.py [GOLD_DIR]`.
"""
from __future__ import annotations

import difflib
import json
import sys
import time
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


def norm(s: str) -> str:
    return " ".join(unicodedata.normalize("NFC", s or "").split()).casefold()


def similar(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def find_text(gold_path: Path, gold: dict) -> Path | None:
    """The document a gold file reads: beside it, in corpora/inbox, or under ../shared/corpus."""
    name = gold.get("file") or gold_path.name.replace(".gold.json", ".txt")
    for cand in (gold_path.parent / name, REPO / "corpora" / "inbox" / name, SHARED / name,
                 SHARED / "seed" / name, SHARED / "real" / "text" / Path(name).name):
        if cand.is_file():
            return cand
    return None


def score(gold: list, optional: list, pred: list, same) -> tuple[int, int, int]:
    pred = list(pred)
    tp = 0
    for g in gold:
        hit = next((p for p in pred if same(g, p)), None)
        if hit is not None:
            pred.remove(hit)
            tp += 1
    fp = [p for p in pred if not any(same(o, p) for o in optional)]
    return tp, len(fp), len(gold) - tp


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def vanban_bodies(path: Path) -> tuple[list[dict], float]:
    from pipeline.extract.bodies import extract_bodies
    from pipeline.ingest import read_source
    from pipeline.parse import parse_document
    doc = parse_document(read_source(path))
    t0 = time.perf_counter()
    bodies = extract_bodies(doc)
    return [{"name": b.name, "role": b.role, "line": b.line} for b in bodies], time.perf_counter() - t0


def ner_bodies(path: Path) -> tuple[list[dict], float]:
    from underthesea import ner
    from pipeline.ingest import read_source
    from pipeline.parse import parse_document
    doc = parse_document(read_source(path))
    last = doc.body_end or len(doc.lines)
    t0 = time.perf_counter()
    out = []
    for ln in range(doc.header.body_start, last + 1):
        line = doc.lines[ln - 1].strip()
        if not line:
            continue
        span: list[str] = []
        for word, _pos, _chunk, tag in ner(line) + [("", "", "", "O")]:
            if tag == "I-ORG" and span:
                span.append(word)
                continue
            if span:
                out.append({"name": " ".join(span), "role": None, "line": ln})
                span = []
            if tag == "B-ORG":
                span = [word]
    return out, time.perf_counter() - t0


def main(argv: list[str]) -> int:
    gold_dir = Path(argv[1]) if len(argv) > 1 else REPO / "corpora" / "gold"
    totals = {"vanban": [0, 0, 0, 0.0], "underthesea": [0, 0, 0, 0.0]}
    same_role = lambda g, p: (g["role"] == p["role"] and abs(g["line"] - p["line"]) <= 1   # noqa: E731
                              and similar(g["name"], p["name"]))
    same_any = lambda g, p: abs(g["line"] - p["line"]) <= 1 and similar(g["name"], p["name"])  # noqa: E731
    print(f"{'document':52} {'system':12} {'P':>6} {'R':>6} {'F1':>6} {'time s':>8}")
    for gp in sorted(gold_dir.glob("*.gold.json")):
        gold = json.loads(gp.read_text(encoding="utf-8"))
        if "bodies" not in gold:
            continue
        path = find_text(gp, gold)
        if path is None:
            print(f"{gp.name:52} (document not found, skipped)")
            continue
        for system, run, same in (("vanban", vanban_bodies, same_role),
                                  ("underthesea", ner_bodies, same_any)):
            pred, secs = run(path)
            tp, fp, fn = score(gold["bodies"], gold.get("bodies_optional", []), pred, same)
            t = totals[system]
            t[0] += tp; t[1] += fp; t[2] += fn; t[3] += secs  # noqa: E702
            p, r, f = prf(tp, fp, fn)
            print(f"{gp.name[:52]:52} {system:12} {p:6.3f} {r:6.3f} {f:6.3f} {secs:8.3f}")
    for system, (tp, fp, fn, secs) in totals.items():
        p, r, f = prf(tp, fp, fn)
        print(f"{'TOTAL':52} {system:12} {p:6.3f} {r:6.3f} {f:6.3f} {secs:8.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
