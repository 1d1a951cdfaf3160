"""A small API for notebooks: a batch's results as pandas DataFrames.

    >>> from pipeline import load_batch
    >>> b = load_batch("outputs")
    >>> b.tasks[b.tasks.due < "2026-03-01"]

The rows are the ones the CSV exports hold (`report.exports`), so a notebook and
tasks.csv never disagree.  pandas is imported here only, never by `vanban --help`.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.report import exports


@dataclass
class Batch:
    out_dir: Path
    results: dict[str, dict]          # rel path → result dict (result.schema.json)
    documents: pd.DataFrame
    tasks: pd.DataFrame
    deadlines: pd.DataFrame
    findings: pd.DataFrame

    def result(self, path: str) -> dict:
        return self.results[path]


def _frame(rows: list[dict], columns) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=list(columns))


DOCUMENT_COLUMNS = ("document", "status", "error_code", "error_message", "format", "sha256", "doc_type",
                    "number", "symbol", "so_ky_hieu", "issuer", "date", "title", "urgency",
                    "confidentiality", "errors", "warnings", "infos", "tasks", "deadlines")


def load_batch(out_dir: str | Path) -> Batch:
    """Load every document of a `vanban run` output folder.

    Reads the manifest (`.vanban/manifest.json`) for the list of documents, so outputs of
    deleted inputs are never included; falls back to scanning documents/ when absent.
    Raises FileNotFoundError when `out_dir` holds no batch.
    """
    out = Path(out_dir)
    manifest = out / ".vanban" / "manifest.json"
    rels: list[str]
    if manifest.is_file():
        rels = sorted(json.loads(manifest.read_text(encoding="utf-8")).get("documents", {}))
    elif (out / "documents").is_dir():
        rels = sorted(p.parent.relative_to(out / "documents").as_posix()
                      for p in (out / "documents").rglob("result.json"))
    else:
        raise FileNotFoundError(f"{out}: không phải thư mục kết quả của `vanban run`")
    results = {}
    for rel in rels:
        f = out / "documents" / rel / "result.json"
        if f.is_file():
            results[rel] = json.loads(f.read_text(encoding="utf-8"))
    docs = list(results.items())
    frames = {
        "documents": _frame(exports.document_rows(docs), DOCUMENT_COLUMNS),
        "tasks": _frame(exports.task_rows(docs), exports.TASK_COLUMNS),
        "deadlines": _frame(exports.deadline_rows(docs), exports.DEADLINE_COLUMNS),
        "findings": _frame(exports.finding_rows(docs), exports.FINDING_COLUMNS),
    }
    for name in ("tasks", "deadlines"):
        df = frames[name]
        for col in [c for c in df.columns if c in ("due", "start", "end", "deadline_start", "deadline_end")]:
            df[col] = pd.to_datetime(df[col], errors="coerce")
    return Batch(out_dir=out, results=results, **frames)
