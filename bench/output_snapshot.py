"""Prove that a speed change changes no output: snapshot every result, then compare.

    python bench/output_snapshot.py save BEFORE.json      # on the old code
    python bench/output_snapshot.py save AFTER.json       # on the new code
    python bench/output_snapshot.py diff BEFORE.json AFTER.json   # exit 1 when any differs

The snapshot holds the full result JSON (timings removed) of the team's inbox, every real
text and the fast-format originals of ../shared/corpus (when present), and the seed.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"


def documents() -> list[Path]:
    files = sorted((REPO / "corpora" / "inbox").glob("*"))
    files += sorted((SHARED / "real" / "text").glob("*.txt")) + sorted((SHARED / "seed").glob("*.txt"))
    files += [p for p in sorted((SHARED / "real" / "original").glob("*"))
              if p.suffix in (".docx", ".htm") or (p.suffix == ".pdf" and "scan" not in p.name)]
    return [p for p in files if p.is_file()]


def save(out: Path) -> int:
    from pipeline.process import process_file
    from pipeline.report.json_out import result_dict
    from pipeline.rulepack import load_packs
    packs = load_packs()
    snap = {}
    for p in documents():
        d = result_dict(process_file(p, packs))
        d.pop("elapsed_ms", None)
        snap[str(p.relative_to(REPO.parent))] = d
    out.write_text(json.dumps(snap, ensure_ascii=False, sort_keys=True, default=str), encoding="utf-8")
    print(f"{len(snap)} documents → {out}")
    return 0


def diff(a_path: Path, b_path: Path) -> int:
    a = json.loads(a_path.read_text(encoding="utf-8"))
    b = json.loads(b_path.read_text(encoding="utf-8"))
    differ = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
    for k in differ:
        x, y = a.get(k) or {}, b.get(k) or {}
        fields = [f for f in sorted(x.keys() | y.keys()) if x.get(f) != y.get(f)]
        print(f"DIFF {k}: {', '.join(fields)}")
    print(f"{len(a)} documents, {len(differ)} differ")
    return 1 if differ else 0


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[0] == "save":
        return save(Path(argv[1]))
    if len(argv) == 3 and argv[0] == "diff":
        return diff(Path(argv[1]), Path(argv[2]))
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
