"""Batch exports: CSV, XLSX, JSONL, iCalendar, summary — and the notebook API."""
from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest

from pipeline.report import exports


def test_csv_is_utf8_bom_and_defused(batch_docs):
    data = exports.to_csv(exports.task_rows(batch_docs), exports.TASK_COLUMNS)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["task_id"] for r in rows] == ["II.1", "II.2", "II.3"]
    assert rows[0]["lead"].startswith("'=HYPERLINK")          # no formula for Excel
    assert rows[0]["due"] == "2026-03-03"                     # "trước ngày 04/3": last day is the 3rd
    assert rows[1]["due"] == "2026-07-29" and rows[1]["deadline_time"] == "14:00"


def test_jsonl_keeps_text_as_written(batch_docs):
    lines = exports.to_jsonl(exports.task_rows(batch_docs)).decode("utf-8").splitlines()
    first = json.loads(lines[0])
    assert first["lead"].startswith("=HYPERLINK") and first["document"] == "z/kh-12.txt"


def test_xlsx_reads_back(batch_docs):
    pd = pytest.importorskip("pandas")
    data = exports.to_xlsx(exports.task_rows(batch_docs), exports.TASK_COLUMNS)
    df = pd.read_excel(io.BytesIO(data), sheet_name="Nhiệm vụ")
    assert list(df["task_id"]) == ["II.1", "II.2", "II.3"]
    assert df.loc[0, "lead"].startswith("'=")
    assert "Niêm yết danh sách cử tri" in df.loc[0, "title"]


def test_ics_vtodo_with_due_and_stable_uid(batch_docs):
    from icalendar import Calendar
    stamp = datetime(2026, 1, 1, 8, 0)
    a = exports.to_ics(batch_docs, stamp=stamp)
    b = exports.to_ics(batch_docs, stamp=stamp)
    assert a == b
    cal = Calendar.from_ical(a)
    todos = list(cal.walk("VTODO"))
    assert len(todos) == 2                                  # II.3 has no deadline
    due = {str(t["uid"]): t.decoded("due") for t in todos}
    sha = "ab" * 32
    assert due[f"{sha[:16]}-II.1@vanban"] == date(2026, 3, 3)
    assert due[f"{sha[:16]}-II.2@vanban"] == datetime(2026, 7, 29, 14, 0)
    assert all(int(t["priority"]) == 1 for t in todos)      # the document is "Khẩn"
    assert "Công an xã" in str(todos[0]["description"])


def test_summary_and_batch_files(batch_docs):
    files = exports.batch_files(batch_docs, today=date(2026, 3, 1))
    assert set(files) == {"index.html", "findings.csv", "tasks.csv", "tasks.xlsx", "tasks.jsonl",
                          "deadlines.csv", "tasks.ics", "summary.json"}
    s = json.loads(files["summary.json"])
    assert s["documents"] == 3 and s["failed"] == 1 and s["findings"] == {"error": 1, "warning": 1, "info": 0}
    assert s["failed_documents"][0]["code"] == "input.corrupt"
    assert s["index"][0]["document"] == "z/kh-12.txt"        # urgent first
    findings = list(csv.DictReader(io.StringIO(files["findings.csv"].decode("utf-8-sig"))))
    assert [f["rule"] for f in findings] == ["deadline.invalid", "numbering.gap"]


def test_load_batch_dataframes(tmp_path, batch_docs):
    from pipeline import load_batch
    from pipeline.batch import write_document_outputs
    for rel, d in batch_docs:
        write_document_outputs(tmp_path, rel, d)
    b = load_batch(tmp_path)
    assert len(b.documents) == 3 and list(b.documents.document)[0] == "z/kh-12.txt"
    assert set(b.tasks.task_id) == {"II.1", "II.2", "II.3"}
    assert str(b.tasks.due.dtype).startswith("datetime64")
    assert len(b.deadlines) == 4 and len(b.findings) == 2
    assert b.documents.set_index("document").loc["hỏng.pdf", "error_code"] == "input.corrupt"
    with pytest.raises(FileNotFoundError):
        load_batch(tmp_path / "nothing")
