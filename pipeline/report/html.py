"""HTML reports: one per document (`report.html`) and one per batch (`index.html`).

All document text is untrusted (a directive may quote `<script>`): every value goes
through `esc`, markup is built only from `Safe` pieces made here, there is no script at
all, and a Content-Security-Policy meta forbids scripts, images, fonts, forms and
styles other than our own stylesheet (allowed by its hash).
"""
from __future__ import annotations

import base64
import hashlib
import html
from datetime import date
from typing import Iterable, Sequence
from urllib.parse import quote

from pipeline.report.labels import (EMPTY, ROLE_VI, SEVERITIES, SEVERITY_VI, STATUS_VI,
                                    deadline_when, severity_counts, symbol_of, urgency_rank,
                                    vi_date)

CSS = """
body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:1.5rem auto;max-width:72rem;
color:#1d1d1f;line-height:1.45;padding:0 1rem}
h1{font-size:1.45rem;margin:.2rem 0 .6rem}h2{font-size:1.15rem;margin:1.6rem 0 .5rem;
border-bottom:2px solid #d0d7de;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}
th,td{border:1px solid #d0d7de;padding:.3rem .45rem;text-align:left;vertical-align:top}
th{background:#f3f5f7}td.n{text-align:right;white-space:nowrap}
dl.hdr{display:grid;grid-template-columns:12rem 1fr;gap:.15rem .8rem;margin:0}
dl.hdr dt{font-weight:600;color:#555}dl.hdr dd{margin:0}
.empty{color:#777;font-style:italic}
.sev-error,.sev-warning,.sev-info{white-space:nowrap}
.sev-error{color:#fff;background:#c62828;border-radius:3px;padding:0 .35rem}
.sev-warning{background:#ffb300;border-radius:3px;padding:0 .35rem}
.sev-info{background:#90caf9;border-radius:3px;padding:0 .35rem}
.failed{background:#fdecea;border:1px solid #f5c2c0;padding:.6rem .8rem;border-radius:4px}
.urgent{color:#b71c1c;font-weight:700}
q{quotes:"“" "”"}code{font-size:.88rem;word-break:break-all}
ul.outline{list-style:none;padding-left:0}ul.outline ul{list-style:none;padding-left:1.3rem}
.muted{color:#666}.past{color:#888}
""".strip()

_CSS_HASH = base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode("ascii")
CSP = ("default-src 'none'; script-src 'none'; object-src 'none'; img-src 'none'; "
       f"style-src 'sha256-{_CSS_HASH}'; base-uri 'none'; form-action 'none'")


class Safe(str):
    """Markup built by this module: already escaped, inserted as is."""


def esc(value) -> Safe:
    if isinstance(value, Safe):
        return value
    if value is None:
        return Safe("")
    return Safe(html.escape(str(value), quote=True))


def empty() -> Safe:
    return Safe(f'<p class="empty">{EMPTY}</p>')


def cell(value) -> Safe:
    text = esc(value)
    return text if text else Safe(f'<span class="empty">{EMPTY}</span>')


def table(headers: Sequence[str], rows: Iterable[Sequence], numeric: Sequence[int] = ()) -> Safe:
    rows = list(rows)
    if not rows:
        return empty()
    head = "".join(f"<th>{esc(h)}</th>" for h in headers)
    body = []
    for row in rows:
        tds = "".join(f'<td class="n">{cell(v)}</td>' if i in numeric else f"<td>{cell(v)}</td>"
                      for i, v in enumerate(row))
        body.append(f"<tr>{tds}</tr>")
    return Safe(f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


def severity_badge(sev: str) -> Safe:
    return Safe(f'<span class="sev-{esc(sev)}">{esc(SEVERITY_VI.get(sev, sev))}</span>')


def quoted(text) -> Safe:
    return Safe(f"<q>{esc(text)}</q>") if text else Safe("")


def page(title: str, body: str) -> str:
    return ("<!DOCTYPE html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n"
            f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(CSP)}\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta name=\"referrer\" content=\"no-referrer\">\n"
            f"<title>{esc(title)}</title>\n<style>{CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n")


# ---- one document -------------------------------------------------------------------------

def _header_block(d: dict) -> Safe:
    h = d.get("header") or {}
    sig = d.get("signature") or {}
    src = d.get("source") or {}
    signer = " ".join(x for x in (sig.get("authority"), sig.get("title"), sig.get("signer")) if x)
    items = [
        ("Loại văn bản", h.get("doc_type")),
        ("Số/ký hiệu", symbol_of(h)),
        ("Cơ quan ban hành", h.get("issuer")),
        ("Cơ quan chủ quản", h.get("parent_issuer")),
        ("Địa danh, ngày", ", ".join(x for x in (h.get("place"), vi_date(h.get("date"))) if x)),
        ("Trích yếu", h.get("title")),
        ("Độ khẩn", h.get("urgency")),
        ("Độ mật", h.get("confidentiality")),
        ("Người ký", signer),
        ("Tệp", f"{src.get('path', '')} ({src.get('format', '')}"
                + (f", {src['pages']} trang" if src.get("pages") else "") + ")"),
    ]
    dl = "".join(f"<dt>{esc(k)}</dt><dd>{cell(v)}</dd>" for k, v in items)
    return Safe(f'<dl class="hdr">{dl}</dl>')


def _findings(d: dict) -> Safe:
    order = {s: i for i, s in enumerate(SEVERITIES)}
    fs = sorted(d.get("findings") or [], key=lambda f: (order.get(f.get("severity"), 9), f.get("line") or 0))
    rows = [(severity_badge(f.get("severity", "")), Safe(f"<code>{esc(f.get('rule'))}</code>"),
             f.get("line"), f.get("section"), quoted(f.get("evidence")), f.get("message"))
            for f in fs]
    return table(["Mức độ", "Luật", "Dòng", "Mục", "Trích dẫn", "Nội dung"], rows, numeric=(2,))


def _deadlines(d: dict) -> Safe:
    rows = []
    for x in d.get("deadlines") or []:
        notes = []
        if x.get("year_inferred"):
            notes.append("năm suy ra từ ngữ cảnh")
        if x.get("constraint"):
            notes.append(f"yêu cầu của {x.get('authority') or 'cơ quan khác'}")
        if x.get("invalid"):
            notes.append("ngày không tồn tại")
        rows.append((x.get("line"), x.get("section"), deadline_when(x), quoted(x.get("text")), "; ".join(notes)))
    return table(["Dòng", "Mục", "Thời hạn", "Nguyên văn", "Ghi chú"], rows, numeric=(0,))


def _tasks(d: dict) -> Safe:
    rows = []
    for t in d.get("tasks") or []:
        others = "; ".join(f"{ROLE_VI.get(o.get('role'), o.get('role'))}: {o.get('name')}"
                           for o in t.get("others") or [])
        rows.append((t.get("id"), t.get("section"), t.get("title"), "; ".join(t.get("lead") or []),
                     "; ".join(t.get("cooperate") or []), deadline_when(t.get("deadline")), others,
                     t.get("line")))
    return table(["Mã", "Mục", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Khác", "Dòng"],
                 rows, numeric=(7,))


def _citations(d: dict) -> Safe:
    rows = [(c.get("line"), quoted(c.get("text")), c.get("doc_type"),
             "/".join(x for x in (c.get("number"), c.get("symbol")) if x) if c.get("number") else c.get("symbol"),
             vi_date(c.get("date")), c.get("issuer")) for c in d.get("citations") or []]
    return table(["Dòng", "Nguyên văn", "Loại", "Số/ký hiệu", "Ngày", "Cơ quan ban hành"], rows, numeric=(0,))


def _outline(d: dict) -> Safe:
    secs = d.get("sections") or []
    if not secs:
        return empty()
    out, depth = [], 0
    for s in secs:
        # Clamp jumps (I → I.1.a with no I.1) to one level so that the lists stay well formed.
        level = min(max(1, int(s.get("level") or 1)), depth + 1)
        if level > depth:
            out.append('<ul class="outline">' if depth == 0 else "<ul>")
        else:
            out.append("</li>" + "</ul></li>" * (depth - level))
        depth = level
        out.append(f"<li><b>{esc(s.get('id'))}</b> {esc(s.get('title'))} "
                   f'<span class="muted">(dòng {esc(s.get("line"))})</span>')
    out.append("</li>" + "</ul></li>" * (depth - 1) + "</ul>")
    return Safe("".join(out))


def _summary_line(d: dict) -> Safe:
    c = severity_counts(d)
    parts = " · ".join(f"{severity_badge(s)} {c[s]}" for s in SEVERITIES)
    n_t, n_d = len(d.get("tasks") or []), len(d.get("deadlines") or [])
    return Safe(f"<p>{parts} · {n_t} nhiệm vụ · {n_d} thời hạn</p>")


def render_document_html(d: dict, *, index_href: str | None = None) -> str:
    """One document's report from its result dict (schema of result.schema.json)."""
    src = d.get("source") or {}
    name = src.get("path") or ""
    h = d.get("header") or {}
    parts = []
    if index_href:
        parts.append(f'<p><a href="{esc(index_href)}">← Danh sách văn bản</a></p>')
    title_bits = [h.get("doc_type"), symbol_of(h)]
    heading = " ".join(x for x in title_bits if x) or "Văn bản"
    parts.append(f"<h1>{esc(heading)}</h1>")
    parts.append(f'<p class="muted">Tệp: {esc(name)}</p>')
    if h.get("urgency"):
        parts.append(f'<p class="urgent">Độ khẩn: {esc(h["urgency"])}</p>')
    if d.get("status") != "ok":
        err = d.get("error") or {}
        parts.append(f'<div class="failed"><b>Không đọc được văn bản</b> '
                     f'[<code>{esc(err.get("code"))}</code>]: {esc(err.get("message"))}</div>')
    else:
        parts.append(_summary_line(d))
    sections = [("Thông tin chung", _header_block(d)), ("Phát hiện", _findings(d)),
                ("Thời hạn", _deadlines(d)), ("Nhiệm vụ", _tasks(d)),
                ("Văn bản được dẫn chiếu", _citations(d)), ("Bố cục", _outline(d))]
    recipients = d.get("recipients") or []
    rec = (Safe("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in recipients) + "</ul>")
           if recipients else empty())
    sections.append(("Nơi nhận", rec))
    for title, content in sections:
        parts.append(f"<h2>{esc(title)}</h2>\n{content}")
    return page(f"{heading} — {name}", "\n".join(parts))


# ---- the batch index ----------------------------------------------------------------------

def doc_href(rel: str) -> str:
    """Link from index.html to a document's report (relative, percent-encoded)."""
    return "documents/" + quote(rel, safe="/") + "/report.html"


def render_index_html(docs: Sequence[tuple[str, dict]], deadlines: Sequence[dict], *,
                      today: date | None = None, generated: str = "") -> str:
    """`docs`: (relative path, result dict); `deadlines`: rows from exports.deadline_rows."""
    today = today or date.today()
    ordered = sorted(docs, key=lambda rd: (urgency_rank((rd[1].get("header") or {}).get("urgency")), rd[0]))
    rows = []
    totals = {s: 0 for s in SEVERITIES}
    failed = 0
    for i, (rel, d) in enumerate(ordered, 1):
        h = d.get("header") or {}
        c = severity_counts(d)
        for s in SEVERITIES:
            totals[s] += c[s]
        link = Safe(f'<a href="{esc(doc_href(rel))}">{esc(rel)}</a>')
        if d.get("status") == "ok":
            status = STATUS_VI["ok"]
        else:
            failed += 1
            err = d.get("error") or {}
            status = Safe(f'<b>{esc(STATUS_VI["failed"])}</b> [<code>{esc(err.get("code"))}</code>] '
                          f'{esc(err.get("message"))}')
        urg = Safe(f'<span class="urgent">{esc(h["urgency"])}</span>') if h.get("urgency") else ""
        rows.append((i, link, urg, status, h.get("doc_type"), symbol_of(h), h.get("title"),
                     c["error"], c["warning"], c["info"]))
    doc_table = table(["STT", "Tệp", "Độ khẩn", "Trạng thái", "Loại", "Số/ký hiệu", "Trích yếu",
                       "Lỗi", "Cảnh báo", "Thông tin"], rows, numeric=(0, 7, 8, 9))
    upcoming, past = [], []
    for r in sorted(deadlines, key=lambda r: (r.get("due") or "9999", r.get("document") or "", r.get("line") or 0)):
        if not r.get("due"):
            continue
        row = (vi_date(r["due"]), (date.fromisoformat(r["due"]) - today).days,
               Safe(f'<a href="{esc(doc_href(r["document"]))}">{esc(r["document"])}</a>'),
               r.get("task") or "", deadline_when(r), quoted(r.get("text")), r.get("lead") or "")
        (upcoming if r["due"] >= today.isoformat() else past).append(row)
    heads = ["Hạn", "Còn (ngày)", "Văn bản", "Nhiệm vụ", "Thời hạn", "Nguyên văn", "Chủ trì"]
    timeline = table(heads, upcoming, numeric=(1,))
    past_html = (Safe(f"<details><summary>Thời hạn đã qua ({len(past)})</summary>{table(heads, past, numeric=(1,))}</details>")
                 if past else Safe(""))
    summary = (f"<p>{len(docs)} văn bản · {failed} không đọc được · "
               + " · ".join(f"{severity_badge(s)} {totals[s]}" for s in SEVERITIES) + "</p>")
    body = "\n".join([
        "<h1>Kết quả xử lý hộp thư đến</h1>",
        f'<p class="muted">Tạo lúc {esc(generated)}. Văn bản hỏa tốc, thượng khẩn, khẩn được xếp lên đầu '
        "(Nghị định 30/2020/NĐ-CP).</p>" if generated else
        '<p class="muted">Văn bản hỏa tốc, thượng khẩn, khẩn được xếp lên đầu (Nghị định 30/2020/NĐ-CP).</p>',
        summary,
        '<p>Xuất dữ liệu: <a href="tasks.xlsx">tasks.xlsx</a> · <a href="tasks.csv">tasks.csv</a> · '
        '<a href="tasks.ics">tasks.ics</a> · <a href="deadlines.csv">deadlines.csv</a> · '
        '<a href="findings.csv">findings.csv</a> · <a href="summary.json">summary.json</a></p>',
        "<h2>Văn bản</h2>", doc_table,
        f"<h2>Thời hạn sắp tới (từ {esc(vi_date(today.isoformat()))})</h2>", timeline, past_html,
    ])
    return page("Kết quả xử lý hộp thư đến — vanban", body)
