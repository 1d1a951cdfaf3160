"""`vanban eval GOLD_DIR [DOC_DIR]`: score the pipeline against gold files.

Scoring follows ../shared/contract/GOLD.md ("How a result is scored against it"):

- per list, each gold item is paired with the first unused predicted item that matches
  (greedy, in gold order); an unpaired gold item is a miss, an unpaired prediction is a
  false hit unless it pairs with an item of the gold's `X_optional` list (optional items
  are neither rewarded nor penalised);
- sections match on `id`; citations on number (leading zeros ignored), symbol (case,
  spaces and dash kinds ignored) and line ±1, with date and issuer scored as accuracies
  on the pairs; deadlines on `start`, `end` and line ±1, with kind and constraint as
  accuracies; bodies on role, line ±1 and a similar name (one contains the other, or
  close spelling), predicted `recipient`/`signer` bodies ignored; findings on rule (or
  family for `rule.*`) and line ±1, `header.*` rules and gold findings without a line on
  the rule alone, predicted `info` findings never counted against the program;
- header: each of `doc_type`, `number`, `symbol`, `date` present in the gold is right or
  wrong.

The document of a gold file is looked for, in order, at DOC_DIR/<file>, at the gold's
`path` under the shared corpus (<repo root>/../shared/corpus), and beside the gold file.
A gold whose document cannot be found is skipped with a note (e.g. ../shared absent).
Documents are processed in-process (`process.process_file`) and serialised with
`report.json_out.result_dict`, the same dict `vanban extract` prints.
"""
from __future__ import annotations

import difflib
import json
import re
import sys
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = REPO_ROOT.parent / "shared" / "corpus"

CATEGORIES = ("sections", "citations", "deadlines", "bodies", "findings", "header")
HEADER_FIELDS = ("doc_type", "number", "symbol", "date")


# --------------------------------------------------------------------------- matching
def norm(s) -> str | None:
    if s is None:
        return None
    s = unicodedata.normalize("NFC", str(s)).strip()
    return re.sub(r"\s+", " ", s)


def norm_number(n) -> str:
    n = norm(n) or ""
    return n.lstrip("0") or n


_DASHES = str.maketrans({"–": "-", "—": "-", "‐": "-", "‑": "-", "−": "-"})


def norm_symbol(s) -> str:
    return (norm(s) or "").upper().replace(" ", "").translate(_DASHES)


def near(a, b, tol: int = 1) -> bool:
    if a is None or b is None:
        return True
    try:
        return abs(int(a) - int(b)) <= tol
    except (TypeError, ValueError):
        return False


def similar(a, b) -> bool:
    a, b = (norm(a) or "").casefold(), (norm(b) or "").casefold()
    if not a or not b:
        return False
    return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8


def rule_matches(pattern: str, rule: str) -> bool:
    if pattern.endswith(".*"):
        return (rule or "").split(".")[0] == pattern[:-2]
    return pattern == rule


def greedy(gold: list, pred: list, same: Callable) -> tuple[list, list]:
    """Pairs each gold item with the first unused predicted item `same` accepts.
    Returns (pairs, unused predictions)."""
    used: set[int] = set()
    pairs = []
    for g in gold:
        for i, p in enumerate(pred):
            if i not in used and same(g, p):
                used.add(i)
                pairs.append((g, p))
                break
    return pairs, [p for i, p in enumerate(pred) if i not in used]


def section_same(g, p) -> bool:
    return norm(g.get("id")) == norm(p.get("id"))


def citation_same(g, p) -> bool:
    return (norm_number(g.get("number")) == norm_number(p.get("number"))
            and norm_symbol(g.get("symbol")) == norm_symbol(p.get("symbol"))
            and near(g.get("line"), p.get("line")))


def deadline_same(g, p) -> bool:
    return (g.get("start") == p.get("start") and g.get("end") == p.get("end")
            and near(g.get("line"), p.get("line")))


def body_same(g, p) -> bool:
    return (g.get("role") == p.get("role") and near(g.get("line"), p.get("line"))
            and similar(g.get("name"), p.get("name") or p.get("text")))


def finding_same(g, p) -> bool:
    if not rule_matches(g.get("rule", ""), p.get("rule", "")):
        return False
    if g["rule"].startswith("header.") or g.get("line") is None:
        return True
    return near(g.get("line"), p.get("line"))


def _describe(cat: str, x: dict) -> str:
    if cat == "sections":
        return f'{x.get("id")}'
    if cat == "citations":
        return f'{x.get("number")}-{x.get("symbol")} {x.get("date")} {x.get("issuer") or ""}'.rstrip()
    if cat == "deadlines":
        return f'{x.get("kind")} {x.get("start")}..{x.get("end")} "{x.get("text")}"'
    if cat == "bodies":
        return f'{x.get("role")} {x.get("name") or x.get("text")}'
    if cat == "findings":
        return f'{x.get("rule")} {(x.get("why") or x.get("message") or "")[:90]}'
    return json.dumps(x, ensure_ascii=False)


# --------------------------------------------------------------------------- tallies
@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    extra: dict = field(default_factory=lambda: defaultdict(int))

    def prf(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict:
        p, r, f = self.prf()
        out = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4),
               "tp": self.tp, "fp": self.fp, "fn": self.fn}
        pairs = self.extra.get("pairs")
        if pairs:
            for k, v in self.extra.items():
                if k != "pairs":
                    out[k] = round(v / pairs, 4)
        return out


@dataclass
class Miss:
    file: str
    category: str
    kind: str        # missed | false | wrong
    line: int | None
    what: str

    def as_tuple(self):
        return (self.file, self.category, self.kind, self.line, self.what)


def score_document(gold: dict, result: dict, tallies: dict, misses: list, label: str | None = None) -> None:
    """Scores one result dict against one gold dict, adding to `tallies` and `misses`."""
    name = label or gold.get("file", "?")
    result = result or {}

    def record(cat, gold_items, optional, pred, same):
        pairs, unmatched = greedy(gold_items, pred, same)
        paired_ids = {id(g) for g, _ in pairs}
        fn = [g for g in gold_items if id(g) not in paired_ids]
        fp = greedy(optional, unmatched, same)[1] if optional else unmatched
        t = tallies[cat]
        t.tp += len(pairs)
        t.fp += len(fp)
        t.fn += len(fn)
        for g in fn:
            misses.append(Miss(name, cat, "missed", g.get("line"), _describe(cat, g)))
        for p in fp:
            misses.append(Miss(name, cat, "false", p.get("line"), _describe(cat, p)))
        return pairs

    record("sections", gold.get("sections", []), gold.get("sections_optional", []),
           result.get("sections") or [], section_same)

    # a citation printed twice at the same place counts once
    pred_cites, seen = [], set()
    for c in result.get("citations") or []:
        key = (norm_number(c.get("number")), norm_symbol(c.get("symbol")), c.get("line"))
        if key not in seen:
            seen.add(key)
            pred_cites.append(c)
    pairs = record("citations", gold.get("citations", []), gold.get("citations_optional", []),
                   pred_cites, citation_same)
    t = tallies["citations"]
    for g, p in pairs:
        t.extra["date_ok"] += g.get("date") == p.get("date")
        t.extra["issuer_ok"] += ((g.get("issuer") is None and not p.get("issuer"))
                                 or (g.get("issuer") is not None and similar(g.get("issuer"), p.get("issuer"))))
        t.extra["pairs"] += 1

    pairs = record("deadlines", gold.get("deadlines", []), gold.get("deadlines_optional", []),
                   result.get("deadlines") or [], deadline_same)
    t = tallies["deadlines"]
    for g, p in pairs:
        t.extra["kind_ok"] += g.get("kind") == p.get("kind")
        t.extra["constraint_ok"] += bool(g.get("constraint")) == bool(p.get("constraint"))
        t.extra["pairs"] += 1

    if "bodies" in gold:
        pred_bodies = [b for b in result.get("bodies") or [] if b.get("role") not in ("recipient", "signer")]
        record("bodies", gold["bodies"], gold.get("bodies_optional", []), pred_bodies, body_same)

    pred_findings = [f for f in result.get("findings") or [] if f.get("severity") != "info"]
    record("findings", gold.get("findings", []), gold.get("findings_optional", []),
           pred_findings, finding_same)

    gh, h = gold.get("header") or {}, result.get("header") or {}
    t = tallies["header"]
    for k in HEADER_FIELDS:
        if k not in gh:
            continue
        if k == "symbol":
            ok = norm_symbol(gh[k]) == norm_symbol(h.get(k))
        elif k == "number":
            ok = norm_number(gh[k]) == norm_number(h.get(k))
        else:
            ok = norm(gh[k]) == norm(h.get(k))
        t.tp += int(ok)
        t.fn += int(not ok)
        if not ok:
            misses.append(Miss(name, "header", "wrong", None, f"{k}: gold {gh[k]!r}, got {h.get(k)!r}"))


# --------------------------------------------------------------------------- documents
def find_document(gold: dict, gold_path: Path, doc_dir: Path | None,
                  shared_corpus: Path | None = None) -> Path | None:
    """DOC_DIR/<file>, then the gold's `path` under the shared corpus, then beside the gold."""
    shared_corpus = SHARED_CORPUS if shared_corpus is None else shared_corpus
    name = gold.get("file")
    candidates: list[Path] = []
    if doc_dir is not None and name:
        candidates.append(doc_dir / name)
    if gold.get("path"):
        candidates.append(shared_corpus / gold["path"])
    if name:
        candidates.append(gold_path.parent / name)
        # The project's layout: corpora/gold/X.gold.json scores corpora/inbox/X.
        candidates.append(gold_path.parent.parent / "inbox" / name)
    for c in candidates:
        if c.is_file():
            return c
    return None


def run_document(path: Path) -> tuple[dict, str | None]:
    """Processes one document in-process; returns (result dict, error or None)."""
    from pipeline.process import process_file
    from pipeline.report.json_out import result_dict
    try:
        from pipeline.rulepack import load_packs
        packs = load_packs()
    except Exception:  # a broken rules/ must not stop scoring; extract would fail the same way
        packs = None
    result = process_file(path, packs)
    d = result_dict(result, display_path=str(path))
    if result.status != "ok":
        err = d.get("error") or {}
        return {}, f'{err.get("code")}: {err.get("message")}'
    return d, None


def evaluate(gold_dir: Path, doc_dir: Path | None = None, *,
             shared_corpus: Path | None = None) -> dict:
    """Scores every gold_dir/*.gold.json; returns {"summary", "documents", "skipped",
    "failures", "misses"} (no printing)."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    misses: list[Miss] = []
    skipped, failures, documents = [], [], []
    for gpath in sorted(Path(gold_dir).glob("*.gold.json")):
        gold = json.loads(gpath.read_text(encoding="utf-8"))
        doc = find_document(gold, gpath, doc_dir, shared_corpus)
        if doc is None:
            skipped.append((gpath.name, gold.get("path") or gold.get("file")))
            continue
        result, err = run_document(doc)
        if err:  # a document the program cannot process scores as empty
            failures.append((gold.get("file"), err))
        score_document(gold, result, tallies, misses)
        documents.append(gold.get("file"))
    summary = {cat: tallies[cat].as_dict() for cat in CATEGORIES if cat in tallies}
    tot = Tally(tp=sum(t.tp for c, t in tallies.items() if c != "header"),
                fp=sum(t.fp for c, t in tallies.items() if c != "header"),
                fn=sum(t.fn for c, t in tallies.items() if c != "header"))
    summary["total"] = tot.as_dict()
    return {"summary": summary, "documents": documents, "skipped": skipped,
            "failures": failures, "misses": [m.as_tuple() for m in misses]}


def format_report(report: dict, show_misses: bool = False) -> str:
    out = [f"{'list':<11} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>4} {'fn':>4}   accuracies on pairs"]
    for cat in (*CATEGORIES, "total"):
        s = report["summary"].get(cat)
        if not s:
            continue
        extra = " ".join(f"{k}={v:.2f}" for k, v in s.items() if k not in ("p", "r", "f1", "tp", "fp", "fn"))
        if cat == "total":
            out.append("-" * 60)
        out.append(f"{cat:<11} {s['p']:6.3f} {s['r']:6.3f} {s['f1']:6.3f} {s['tp']:5d} {s['fp']:4d} {s['fn']:4d}   {extra}")
    out.append(f"{len(report['documents'])} văn bản được chấm"
               + (f", {len(report['skipped'])} bỏ qua" if report["skipped"] else ""))
    for gname, where in report["skipped"]:
        out.append(f"BỎ QUA {gname}: không tìm thấy văn bản ({where})")
    for name, err in report["failures"]:
        out.append(f"LỖI {name}: {err}")
    if show_misses:
        for file, cat, kind, line, what in report["misses"]:
            loc = f"{file}:{line}" if line is not None else file
            out.append(f"{loc} | {cat} | {kind} | {what}")
    return "\n".join(out) + "\n"


def evaluate_dir(gold_dir: Path, doc_dir: Path | None, show_misses: bool, json_out: str | None) -> int:
    """`vanban eval`: prints P/R/F1 per list and totals (and every miss with --misses)."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        sys.stderr.write(f"vanban: không có thư mục gold “{gold_dir}”\n")
        return 2
    report = evaluate(gold_dir, Path(doc_dir) if doc_dir else None)
    sys.stdout.write(format_report(report, show_misses))
    if json_out:
        Path(json_out).write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0
