"""`vanban check --format json`: {"documents": [...], "summary": {...}} (contract README)."""
from __future__ import annotations

import json
from collections import Counter
from typing import Sequence

from pipeline.model import Result
from pipeline.report.json_out import finding_dict


def check_payload(results: Sequence[Result]) -> dict:
    docs = []
    counts: Counter = Counter()
    for r in results:
        for f in r.findings:
            counts[f.severity] += 1
        docs.append({"path": r.path, "status": r.status,
                     "error": {"code": r.error.code, "message": r.error.message} if r.error else None,
                     "findings": [finding_dict(f) for f in r.findings]})
    summary = {"documents": len(results), "failed": sum(r.status != "ok" for r in results),
               "error": counts["error"], "warning": counts["warning"], "info": counts["info"]}
    return {"documents": docs, "summary": summary}


def render_check_json(results: Sequence[Result]) -> str:
    return json.dumps(check_payload(results), ensure_ascii=False, indent=2) + "\n"
