"""Markdown report of one document (`report.md`), from its result dict.

Cells are escaped so that document text can neither break a table (`|`, line breaks)
nor smuggle HTML into a Markdown viewer that renders it (`<`, `>`, `&`).
"""
from __future__ import annotations

from typing import Iterable, Sequence

from pipeline.report.labels import (EMPTY, ROLE_VI, SEVERITIES, SEVERITY_VI, deadline_when,
                                    severity_counts, symbol_of, vi_date)


def md_escape(value) -> str:
    if value is None:
        return ""
    s = str(value).replace("\\", "\\\\").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    s = s.replace("|", "\\|").replace("\r", " ").replace("\n", " ")
    for ch in "`*_[]":
        s = s.replace(ch, "\\" + ch)
    return s


def _q(text) -> str:
    return f"“{md_escape(text)}”" if text else ""


def md_table(headers: Sequence[str], rows: Iterable[Sequence]) -> str:
    rows = list(rows)
    if not rows:
        return f"_{EMPTY}_"
    out = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for row in rows:
        out.append("| " + " | ".join(md_escape(v) if not isinstance(v, _Raw) else str(v) for v in row) + " |")
    return "\n".join(out)


class _Raw(str):
    """A cell already escaped here."""


def render_document_md(d: dict) -> str:
    src = d.get("source") or {}
    h = d.get("header") or {}
    sig = d.get("signature") or {}
    heading = " ".join(x for x in (h.get("doc_type"), symbol_of(h)) if x) or "Văn bản"
    out = [f"# {md_escape(heading)}", "", f"Tệp: {md_escape(src.get('path'))}", ""]
    if d.get("status") != "ok":
        err = d.get("error") or {}
        out += [f"**Không đọc được văn bản** [`{md_escape(err.get('code'))}`]: {md_escape(err.get('message'))}", ""]
    else:
        c = severity_counts(d)
        out += [" · ".join(f"{SEVERITY_VI[s]}: {c[s]}" for s in SEVERITIES)
                + f" · {len(d.get('tasks') or [])} nhiệm vụ · {len(d.get('deadlines') or [])} thời hạn", ""]
    signer = " ".join(x for x in (sig.get("authority"), sig.get("title"), sig.get("signer")) if x)
    info = [("Loại văn bản", h.get("doc_type")), ("Số/ký hiệu", symbol_of(h)),
            ("Cơ quan ban hành", h.get("issuer")), ("Cơ quan chủ quản", h.get("parent_issuer")),
            ("Địa danh, ngày", ", ".join(x for x in (h.get("place"), vi_date(h.get("date"))) if x)),
            ("Trích yếu", h.get("title")), ("Độ khẩn", h.get("urgency")), ("Độ mật", h.get("confidentiality")),
            ("Người ký", signer)]
    out += ["## Thông tin chung", ""]
    out += [f"- **{k}:** {md_escape(v) if v else '_' + EMPTY + '_'}" for k, v in info] + [""]

    order = {s: i for i, s in enumerate(SEVERITIES)}
    fs = sorted(d.get("findings") or [], key=lambda f: (order.get(f.get("severity"), 9), f.get("line") or 0))
    out += ["## Phát hiện", "", md_table(["Mức độ", "Luật", "Dòng", "Mục", "Trích dẫn", "Nội dung"],
            [(SEVERITY_VI.get(f.get("severity"), f.get("severity")), f.get("rule"), f.get("line"),
              f.get("section"), _Raw(_q(f.get("evidence"))), f.get("message")) for f in fs]), ""]
    out += ["## Thời hạn", "", md_table(["Dòng", "Mục", "Thời hạn", "Nguyên văn"],
            [(x.get("line"), x.get("section"), deadline_when(x), _Raw(_q(x.get("text"))))
             for x in d.get("deadlines") or []]), ""]
    out += ["## Nhiệm vụ", "", md_table(["Mã", "Mục", "Nhiệm vụ", "Chủ trì", "Phối hợp", "Thời hạn", "Khác", "Dòng"],
            [(t.get("id"), t.get("section"), t.get("title"), "; ".join(t.get("lead") or []),
              "; ".join(t.get("cooperate") or []), deadline_when(t.get("deadline")),
              "; ".join(f"{ROLE_VI.get(o.get('role'), o.get('role'))}: {o.get('name')}" for o in t.get("others") or []),
              t.get("line")) for t in d.get("tasks") or []]), ""]
    out += ["## Văn bản được dẫn chiếu", "", md_table(["Dòng", "Nguyên văn", "Loại", "Ngày", "Cơ quan ban hành"],
            [(c.get("line"), _Raw(_q(c.get("text"))), c.get("doc_type"), vi_date(c.get("date")), c.get("issuer"))
             for c in d.get("citations") or []]), ""]
    out += ["## Bố cục", ""]
    secs = d.get("sections") or []
    if secs:
        out += ["  " * (max(1, int(s.get("level") or 1)) - 1)
                + f"- **{md_escape(s.get('id'))}** {md_escape(s.get('title'))} (dòng {s.get('line')})" for s in secs]
    else:
        out.append(f"_{EMPTY}_")
    out += ["", "## Nơi nhận", ""]
    rec = d.get("recipients") or []
    out += [f"- {md_escape(r)}" for r in rec] if rec else [f"_{EMPTY}_"]
    return "\n".join(out) + "\n"
