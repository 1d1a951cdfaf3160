"""Vietnamese UI words and small formatting helpers shared by the HTML and Markdown reports.

Reports read the schema dict (`json_out.result_dict`), never the dataclasses, so that a
report can be re-rendered from a stored result.json (a renamed input reuses its result).
"""
from __future__ import annotations

EMPTY = "không có"

SEVERITY_VI = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Thông tin"}
SEVERITIES = ("error", "warning", "info")

STATUS_VI = {"ok": "Đã xử lý", "failed": "Không đọc được"}

KIND_VI = {"on": "vào ngày", "by": "chậm nhất", "before": "trước ngày", "after": "từ ngày",
           "range": "khoảng", "period": "giai đoạn"}

ROLE_VI = {"lead": "chủ trì", "cooperate": "phối hợp", "advise": "tham mưu", "report": "báo cáo",
           "attend": "tham dự", "assignee": "thực hiện", "inspect": "kiểm tra",
           "recipient": "nơi nhận", "signer": "người ký", "other": "khác"}

# Nghị định 30/2020: urgent documents are registered and passed on first.
URGENCY_RANK = {"hỏa tốc": 0, "hoả tốc": 0, "thượng khẩn": 1, "khẩn": 2}


def urgency_rank(urgency: str | None) -> int:
    """0 = most urgent; documents without a mark sort after every urgent one."""
    if not urgency:
        return 9
    return URGENCY_RANK.get(urgency.strip().lower(), 3)


def vi_date(iso: str | None) -> str:
    """`2021-02-22` → `22/02/2021`, the way Vietnamese documents write dates."""
    if not iso:
        return ""
    y, m, d = iso.split("-")
    return f"{d}/{m}/{y}"


def symbol_of(header: dict | None) -> str:
    """Số/ký hiệu as one string: `01-KH/BCĐ`, `12/KH-UBND`."""
    if not header:
        return ""
    num, sym = header.get("number"), header.get("symbol")
    if num and sym:
        sep = "/" if header.get("system") == "state" else "-"
        return f"{num}{sep}{sym}"
    return num or sym or ""


def deadline_when(d: dict | None) -> str:
    """A deadline as a reviewer reads it: `trước ngày 04/06/2021 14:00`."""
    if not d:
        return ""
    kind = d.get("kind")
    start, end = vi_date(d.get("start")), vi_date(d.get("end"))
    if kind in ("range", "period") and start and end and start != end:
        out = f"{start} – {end}"
    elif kind == "after":
        out = f"{KIND_VI['after']} {start}" if start else ""
    else:
        out = f"{KIND_VI.get(kind, '')} {end or start}".strip() if (end or start) else ""
    if d.get("time"):
        out = f"{out} {d['time']}".strip()
    if not out:
        out = d.get("relative") or ("ngày không hợp lệ" if d.get("invalid") else "")
    return out


def severity_counts(result: dict) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in result.get("findings") or []:
        if f.get("severity") in counts:
            counts[f["severity"]] += 1
    return counts
