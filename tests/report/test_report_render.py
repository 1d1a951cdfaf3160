"""Per-document HTML and Markdown reports: content, escaping, empties, schema validity."""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from pipeline.report.html import CSP, CSS, render_document_html, render_index_html
from pipeline.report.md import md_escape, render_document_md

SCHEMA = Path(__file__).resolve().parents[2] / "pipeline" / "schema" / "result.schema.json"


def test_sample_is_schema_valid(sample, batch_docs):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    for _rel, d in batch_docs:
        jsonschema.validate(d, schema)


def test_html_has_every_block(sample):
    html = render_document_html(sample)
    assert '<meta charset="utf-8">' in html
    assert 'http-equiv="Content-Security-Policy"' in html and "script-src &#x27;none&#x27;" in html
    for heading in ("Thông tin chung", "Phát hiện", "Thời hạn", "Nhiệm vụ", "Văn bản được dẫn chiếu", "Bố cục"):
        assert f"<h2>{heading}</h2>" in html
    assert "12/KH-UBND" in html and "Ủy ban nhân dân xã Tân An" in html
    assert "deadline.invalid" in html and "Ngày 31/02/2026 không tồn tại" in html
    assert "trước ngày 04/03/2026" in html and "Công an xã" in html and "Mặt trận Tổ quốc xã" in html
    assert "Luật số 85/2015/QH13" in html
    # errors before warnings in the findings table
    assert html.index("deadline.invalid") < html.index("numbering.gap")


def test_html_escapes_everything(sample):
    html = render_document_html(sample)
    assert "<script" not in html.lower()
    assert "<img" not in html.lower()
    assert "&lt;script&gt;document.title=&#x27;PWNED&#x27;&lt;/script&gt;" in html
    assert "onerror=&quot;" in html
    # the only <style> is ours, and the CSP allows exactly it by hash
    assert html.count("<style>") == 1 and CSS in html


def test_html_empty_parts_say_khong_co(batch_docs):
    _, plain = batch_docs[0]
    html = render_document_html(plain)
    for heading in ("Phát hiện", "Thời hạn", "Nhiệm vụ", "Văn bản được dẫn chiếu", "Bố cục", "Nơi nhận"):
        block = html.split(f"<h2>{heading}</h2>", 1)[1].split("<h2>", 1)[0]
        assert "không có" in block, heading
    assert "None" not in re.sub(r"<[^>]+>", "", html)


def test_html_failed_document(batch_docs):
    _, failed = batch_docs[1]
    html = render_document_html(failed)
    assert "input.corrupt" in html and "Không đọc được" in html
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_markdown_report(sample):
    md = render_document_md(sample)
    assert md.startswith("# Kế hoạch 12/KH-UBND")
    assert "## Phát hiện" in md and "## Thời hạn" in md and "## Nhiệm vụ" in md
    assert "<script" not in md and "<img" not in md
    # a pipe in document text cannot break a table row
    row = next(ln for ln in md.splitlines() if "deadline.invalid" in ln)
    assert row.count(" | ") == 5 and "31/02/2026 \\| x" in row


def test_markdown_empty_parts(batch_docs):
    md = render_document_md(batch_docs[0][1])
    for heading in ("Phát hiện", "Thời hạn", "Nhiệm vụ", "Bố cục", "Nơi nhận"):
        block = md.split(f"## {heading}", 1)[1].split("## ", 1)[0]
        assert "không có" in block, heading


def test_md_escape():
    assert md_escape("a|b\nc<d>") == "a\\|b c&lt;d&gt;"


def test_index_urgent_first_and_timeline(batch_docs):
    html = render_index_html(batch_docs, _deadline_rows(batch_docs), today=date(2026, 3, 1))
    # z/kh-12.txt is "Khẩn": listed before a/plain.txt although it sorts after it by name
    assert html.index("z/kh-12.txt") < html.index("a/plain.txt")
    assert "documents/h%E1%BB%8Fng.pdf/report.html" in html
    upcoming = html.split("Thời hạn sắp tới", 1)[1]
    assert upcoming.index("03/03/2026") < upcoming.index("29/07/2026")
    assert "Thời hạn đã qua (1)" in upcoming           # 01/01/2020
    assert "<script" not in html.lower() and "<img" not in html.lower()


def _deadline_rows(docs):
    from pipeline.report.exports import deadline_rows
    return deadline_rows(docs)
