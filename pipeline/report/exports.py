"""Batch exports for people and other tools, built from stored result dicts.

Row builders (`document_rows`, `finding_rows`, `task_rows`, `deadline_rows`) are plain
dicts, shared by the writers here and by `pipeline.api.load_batch`, so a notebook and
the CSV files always agree.  Writers produce bytes; the batch writes them atomically.

CSV is UTF-8 with a BOM (Excel, which most offices open CSVs with, needs it to show
Vietnamese).  Spreadsheet cells that would start a formula (`=`, `+`, `@`, `-1`) get a
leading apostrophe in CSV and XLSX only (CSV injection); JSONL keeps text as written.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime, timedelta, timezone
from typing import Iterable, Sequence

from pipeline.report.labels import SEVERITIES, severity_counts, symbol_of, urgency_rank

Docs = Sequence[tuple[str, dict]]   # (path relative to the inbox, result dict)


def due_date(d: dict | None) -> str | None:
    """The day a deadline falls due in a calendar: the last day it is still met
    (`before` is exclusive), or the start of an `after`."""
    if not d:
        return None
    kind, start, end = d.get("kind"), d.get("start"), d.get("end")
    if kind == "after":
        return start
    if kind == "before" and end and not d.get("time"):
        return (date.fromisoformat(end) - timedelta(days=1)).isoformat()
    return end or start


def ordered(docs: Docs) -> list[tuple[str, dict]]:
    """Urgent documents first (Hỏa tốc, Thượng khẩn, Khẩn), then by path."""
    return sorted(docs, key=lambda rd: (urgency_rank((rd[1].get("header") or {}).get("urgency")), rd[0]))


def document_rows(docs: Docs) -> list[dict]:
    rows = []
    for rel, d in ordered(docs):
        h, src, err = d.get("header") or {}, d.get("source") or {}, d.get("error") or {}
        c = severity_counts(d)
        rows.append({"document": rel, "status": d.get("status"), "error_code": err.get("code"),
                     "error_message": err.get("message"), "format": src.get("format"),
                     "sha256": src.get("sha256"), "doc_type": h.get("doc_type"), "number": h.get("number"),
                     "symbol": h.get("symbol"), "so_ky_hieu": symbol_of(h) or None, "issuer": h.get("issuer"),
                     "date": h.get("date"), "title": h.get("title"), "urgency": h.get("urgency"),
                     "confidentiality": h.get("confidentiality"), "errors": c["error"],
                     "warnings": c["warning"], "infos": c["info"], "tasks": len(d.get("tasks") or []),
                     "deadlines": len(d.get("deadlines") or [])})
    return rows


def finding_rows(docs: Docs) -> list[dict]:
    order = {s: i for i, s in enumerate(SEVERITIES)}
    rows = []
    for rel, d in ordered(docs):
        for f in sorted(d.get("findings") or [], key=lambda f: (order.get(f.get("severity"), 9), f.get("line") or 0)):
            rows.append({"document": rel, "so_ky_hieu": symbol_of(d.get("header")) or None,
                         "severity": f.get("severity"), "rule": f.get("rule"), "line": f.get("line"),
                         "section": f.get("section"), "message": f.get("message"),
                         "evidence": f.get("evidence"), "source": f.get("source")})
    return rows


def task_uid(sha: str | None, task_id: str, k: int = 0) -> str:
    """Stable across runs and machines: the document's content hash and the task id."""
    return f"{(sha or 'nosha')[:16]}-{task_id}" + (f"-{k}" if k else "") + "@vanban"


def task_rows(docs: Docs) -> list[dict]:
    rows = []
    for rel, d in ordered(docs):
        sha = (d.get("source") or {}).get("sha256")
        for t in d.get("tasks") or []:
            dl = t.get("deadline") or {}
            rows.append({"document": rel, "so_ky_hieu": symbol_of(d.get("header")) or None,
                         "task_id": t.get("id"), "section": t.get("section"), "title": t.get("title"),
                         "lead": "; ".join(t.get("lead") or []), "cooperate": "; ".join(t.get("cooperate") or []),
                         "others": "; ".join(f"{o.get('role')}: {o.get('name')}" for o in t.get("others") or []),
                         "deadline_kind": dl.get("kind"), "deadline_start": dl.get("start"),
                         "deadline_end": dl.get("end"), "deadline_time": dl.get("time"),
                         "due": due_date(dl) if dl else None, "deadline_text": dl.get("text"),
                         "line": t.get("line"), "uid": task_uid(sha, str(t.get("id")))})
    return rows


def deadline_rows(docs: Docs) -> list[dict]:
    rows = []
    for rel, d in ordered(docs):
        by_line: dict[tuple, dict] = {}
        for t in d.get("tasks") or []:
            for dl in t.get("deadlines") or []:
                by_line.setdefault((dl.get("line"), dl.get("text")), t)
        for x in d.get("deadlines") or []:
            t = by_line.get((x.get("line"), x.get("text"))) or {}
            rows.append({"document": rel, "so_ky_hieu": symbol_of(d.get("header")) or None,
                         "line": x.get("line"), "section": x.get("section"), "text": x.get("text"),
                         "kind": x.get("kind"), "start": x.get("start"), "end": x.get("end"),
                         "time": x.get("time"), "due": due_date(x), "year_inferred": x.get("year_inferred"),
                         "constraint": x.get("constraint"), "authority": x.get("authority"),
                         "task_id": t.get("id"), "task": t.get("title"), "lead": "; ".join(t.get("lead") or [])})
    return rows


# ---- writers ------------------------------------------------------------------------------

def _defuse(v):
    """Keep a spreadsheet from evaluating document text as a formula."""
    if isinstance(v, str) and v and (v[0] in "=+@\t\r" or (v[0] == "-" and len(v) > 1 and not v[1].isspace())):
        return "'" + v
    return v


def to_csv(rows: list[dict], columns: Sequence[str]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\r\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: _defuse(r.get(k)) for k in columns})
    return buf.getvalue().encode("utf-8-sig")


def to_jsonl(rows: Iterable[dict]) -> bytes:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows).encode("utf-8")


def to_xlsx(rows: list[dict], columns: Sequence[str], sheet: str = "Nhiệm vụ") -> bytes:
    import pandas as pd  # heavy: imported only when a batch writes its exports
    df = pd.DataFrame([{k: _defuse(r.get(k)) for k in columns} for r in rows], columns=list(columns))
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xw:
        df.to_excel(xw, index=False, sheet_name=sheet)
        ws = xw.sheets[sheet]
        ws.freeze_panes = "A2"
        for col in ws.columns:
            width = max((len(str(c.value)) for c in col if c.value is not None), default=8)
            ws.column_dimensions[col[0].column_letter].width = min(60, max(8, width + 2))
    return buf.getvalue()


def to_ics(docs: Docs, *, stamp: datetime | None = None) -> bytes:
    """One VTODO per dated task deadline, DUE = the last day it is still met."""
    from icalendar import Calendar, Todo
    stamp = stamp or datetime.now(timezone.utc).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", "-//vanban//Nhiệm vụ từ văn bản//VI")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Nhiệm vụ (vanban)")
    for rel, d in ordered(docs):
        h, sha = d.get("header") or {}, (d.get("source") or {}).get("sha256")
        ref = " ".join(x for x in (h.get("doc_type"), symbol_of(h)) if x) or rel
        for t in d.get("tasks") or []:
            k = 0
            for dl in t.get("deadlines") or []:
                due = due_date(dl)
                if dl.get("constraint") or dl.get("kind") == "after" or not due:
                    continue
                todo = Todo()
                todo.add("uid", task_uid(sha, str(t.get("id")), k))
                k += 1
                todo.add("dtstamp", stamp)
                todo.add("summary", t.get("title") or f"Nhiệm vụ {t.get('id')}")
                if dl.get("time"):
                    hh, mm = (int(x) for x in dl["time"].split(":")[:2])
                    todo.add("due", datetime.combine(date.fromisoformat(due), datetime.min.time()).replace(hour=hh, minute=mm))
                else:
                    todo.add("due", date.fromisoformat(due))
                desc = [f"Văn bản: {ref} ({rel})", f"Thời hạn: {dl.get('text')}"]
                if t.get("lead"):
                    desc.append("Chủ trì: " + "; ".join(t["lead"]))
                if t.get("cooperate"):
                    desc.append("Phối hợp: " + "; ".join(t["cooperate"]))
                if t.get("line"):
                    desc.append(f"Dòng {t['line']}" + (f", mục {t['section']}" if t.get("section") else ""))
                todo.add("description", "\n".join(desc))
                todo.add("status", "NEEDS-ACTION")
                if urgency_rank(h.get("urgency")) < 9:
                    todo.add("priority", 1)
                cal.add_component(todo)
    return cal.to_ical()


TASK_COLUMNS = ("document", "so_ky_hieu", "task_id", "section", "title", "lead", "cooperate", "others",
                "deadline_kind", "deadline_start", "deadline_end", "deadline_time", "due", "deadline_text",
                "line", "uid")
FINDING_COLUMNS = ("document", "so_ky_hieu", "severity", "rule", "line", "section", "message", "evidence", "source")
DEADLINE_COLUMNS = ("document", "so_ky_hieu", "line", "section", "text", "kind", "start", "end", "time", "due",
                    "year_inferred", "constraint", "authority", "task_id", "task", "lead")


def summary_payload(docs: Docs, *, run: dict | None = None) -> dict:
    rows = document_rows(docs)
    totals = {s: sum(r[{"error": "errors", "warning": "warnings", "info": "infos"}[s]] for r in rows)
              for s in SEVERITIES}
    return {"documents": len(rows), "ok": sum(r["status"] == "ok" for r in rows),
            "failed": sum(r["status"] != "ok" for r in rows), "findings": totals,
            "tasks": sum(r["tasks"] for r in rows), "deadlines": sum(r["deadlines"] for r in rows),
            "failed_documents": [{"path": r["document"], "code": r["error_code"], "message": r["error_message"]}
                                 for r in rows if r["status"] != "ok"],
            "last_run": run or {}, "index": rows}


def batch_files(docs: Docs, *, today: date | None = None, run: dict | None = None) -> dict[str, bytes]:
    """Every per-batch file, name → content."""
    from pipeline.report.html import render_index_html
    tasks, deadlines, findings = task_rows(docs), deadline_rows(docs), finding_rows(docs)
    generated = datetime.now().astimezone().strftime("%d/%m/%Y %H:%M")
    return {
        "index.html": render_index_html(docs, deadlines, today=today, generated=generated).encode("utf-8"),
        "findings.csv": to_csv(findings, FINDING_COLUMNS),
        "tasks.csv": to_csv(tasks, TASK_COLUMNS),
        "tasks.xlsx": to_xlsx(tasks, TASK_COLUMNS),
        "tasks.jsonl": to_jsonl(tasks),
        "deadlines.csv": to_csv(deadlines, DEADLINE_COLUMNS),
        "tasks.ics": to_ics(docs),
        "summary.json": (json.dumps(summary_payload(docs, run=run), ensure_ascii=False, indent=2) + "\n").encode("utf-8"),
    }
