"""Result → dict matching result.schema.json.  The only module that knows the schema's shape."""
from __future__ import annotations

import json
from datetime import date

from pipeline.model import Body, Citation, Deadline, Finding, Result, Section, Task

SCHEMA_VERSION = "1"


def _d(x: date | None) -> str | None:
    return x.isoformat() if x else None


def deadline_dict(d: Deadline) -> dict:
    out = {"text": d.text, "kind": d.kind, "start": _d(d.start), "end": _d(d.end), "line": d.line,
           "year_inferred": d.year_inferred, "constraint": d.constraint, "section": d.section}
    if d.constraint or d.authority:
        out["authority"] = d.authority
    if d.time:
        out["time"] = d.time
    if d.kind == "after":
        out["exclusive"] = d.exclusive
    if d.invalid:
        out["invalid"] = True
    if d.relative:
        out["relative"] = d.relative
    if d.weekday:
        out["weekday"] = d.weekday
    return out


def section_dict(s: Section) -> dict:
    return {"id": s.id, "label": s.label, "level": s.level, "title": s.title, "line": s.line,
            "parent": s.parent, "style": s.style, "auto_numbered": s.auto}


def citation_dict(c: Citation) -> dict:
    return {"text": c.text, "doc_type": c.doc_type, "number": c.number, "symbol": c.symbol,
            "date": _d(c.date), "issuer": c.issuer, "line": c.line, "section": c.section}


def body_dict(b: Body) -> dict:
    return {"text": b.text, "name": b.name, "role": b.role, "section": b.section, "line": b.line}


def task_dict(t: Task) -> dict:
    gov = t.deadline
    return {"id": t.id, "section": t.section, "title": t.title, "description": t.description,
            "lead": list(t.lead), "cooperate": list(t.cooperate),
            "others": [{"role": r, "name": n} for r, n in t.others],
            "deadline": deadline_dict(gov) if gov else None,
            "deadlines": [deadline_dict(d) for d in t.deadlines], "line": t.line}


def finding_dict(f: Finding) -> dict:
    return {"rule": f.rule, "severity": f.severity, "message": f.message, "line": f.line,
            "section": f.section, "evidence": f.evidence, "source": f.source}


def result_dict(r: Result, *, display_path: str | None = None) -> dict:
    src = r.source
    out: dict = {
        "schema_version": SCHEMA_VERSION,
        "source": {"path": display_path or r.path, "sha256": r.sha256, "format": r.format,
                   "pages": src.pages if src else None, "encoding": src.encoding if src else None,
                   "ocr": bool(src.ocr) if src else False},
        "status": r.status,
        "error": {"code": r.error.code, "message": r.error.message} if r.error else None,
    }
    if r.status != "ok" or r.document is None:
        return out
    doc, ext = r.document, r.extraction
    h = doc.header
    out["header"] = {"doc_type": h.doc_type, "number": h.number, "symbol": h.symbol, "issuer": h.issuer,
                     "parent_issuer": h.parent_issuer, "place": h.place, "date": _d(h.date),
                     "title": h.title, "urgency": h.urgency, "confidentiality": h.confidentiality,
                     "system": h.system, "symbol_line": h.symbol_line, "date_line": h.date_line}
    out["sections"] = [section_dict(s) for s in doc.sections]
    out["deadlines"] = [deadline_dict(d) for d in ext.deadlines]
    out["bodies"] = [body_dict(b) for b in ext.bodies]
    out["citations"] = [citation_dict(c) for c in ext.citations]
    out["tasks"] = [task_dict(t) for t in ext.tasks]
    out["recipients"] = list(doc.recipients)
    sig = doc.signature
    out["signature"] = ({"signer": sig.signer, "title": sig.title, "authority": sig.authority, "line": sig.line}
                        if sig else None)
    out["findings"] = [finding_dict(f) for f in r.findings]
    out["diagnostics"] = [{"code": d.code, "component": d.component, "message": d.message}
                          for d in r.diagnostics]
    return out


def dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, indent=2)
