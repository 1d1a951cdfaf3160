"""`path:line: severity rule: message` lines, one per finding, then a summary."""
from __future__ import annotations

from collections import Counter
from typing import Sequence

from pipeline.model import Result


def render_text(results: Sequence[Result]) -> str:
    out: list[str] = []
    counts: Counter = Counter()
    failed = 0
    for r in results:
        if r.status != "ok":
            failed += 1
            out.append(f"{r.path}: LỖI ĐỌC [{r.error.code}] {r.error.message}")
            continue
        for f in r.findings:
            counts[f.severity] += 1
            loc = f"{r.path}:{f.line}" if f.line else r.path
            out.append(f"{loc}: {f.severity} {f.rule}: {f.message}")
    out.append(f"— {len(results)} văn bản, {failed} không đọc được; "
               f"{counts['error']} lỗi, {counts['warning']} cảnh báo, {counts['info']} ghi chú")
    return "\n".join(out) + "\n"
