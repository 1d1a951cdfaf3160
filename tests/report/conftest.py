"""A hand-made result dict with every part a report shows, hostile text included."""
from __future__ import annotations

import copy

import pytest

XSS_SCRIPT = "<script>document.title='PWNED'</script>"
XSS_IMG = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">"


def _deadline(text, kind, start, end, line, section, **kw):
    d = {"text": text, "kind": kind, "start": start, "end": end, "line": line, "year_inferred": False,
         "constraint": False, "section": section}
    d.update(kw)
    return d


SAMPLE = {
    "schema_version": "1",
    "source": {"path": "kh-12.txt", "sha256": "ab" * 32, "format": "txt", "pages": None,
               "encoding": "utf-8", "ocr": False},
    "status": "ok",
    "error": None,
    "header": {"doc_type": "Kế hoạch", "number": "12", "symbol": "KH-UBND", "issuer": "Ủy ban nhân dân xã Tân An",
               "parent_issuer": None, "place": "Tân An", "date": "2026-01-05", "title": f"Tổ chức bầu cử {XSS_SCRIPT}",
               "urgency": "Khẩn", "confidentiality": None, "system": "state", "symbol_line": 3, "date_line": 4},
    "sections": [
        {"id": "I", "label": "I", "level": 1, "title": "MỤC ĐÍCH", "line": 8, "parent": None},
        {"id": "I.1", "label": "1", "level": 2, "title": f"Bảo đảm | an toàn {XSS_IMG}", "line": 9, "parent": "I"},
        {"id": "II", "label": "II", "level": 1, "title": "NHIỆM VỤ", "line": 12, "parent": None},
    ],
    "deadlines": [
        _deadline("trước ngày 04/3/2026", "before", None, "2026-03-04", 13, "II"),
        _deadline("trước 14 giờ 00 ngày 29/7/2026", "before", None, "2026-07-29", 14, "II", time="14:00"),
        _deadline("tháng 3/2026", "period", "2026-03-01", "2026-03-31", 15, "II"),
        _deadline("ngày 01/01/2020", "on", "2020-01-01", "2020-01-01", 16, "II"),
    ],
    "bodies": [],
    "citations": [{"text": "Luật số 85/2015/QH13", "doc_type": "Luật", "number": "85", "symbol": "2015/QH13",
                   "date": None, "issuer": None, "line": 10, "section": "I.1"}],
    "tasks": [
        {"id": "II.1", "section": "II", "title": f"Niêm yết danh sách cử tri {XSS_IMG}", "description": None,
         "lead": ["=HYPERLINK(\"http://evil\")", "Công an xã"], "cooperate": ["Mặt trận Tổ quốc xã"], "others": [],
         "deadline": _deadline("trước ngày 04/3/2026", "before", None, "2026-03-04", 13, "II"),
         "deadlines": [_deadline("trước ngày 04/3/2026", "before", None, "2026-03-04", 13, "II")], "line": 13},
        {"id": "II.2", "section": "II", "title": "Báo cáo kết quả", "description": None,
         "lead": ["Văn phòng"], "cooperate": [], "others": [{"role": "report", "name": "UBND huyện"}],
         "deadline": _deadline("trước 14 giờ 00 ngày 29/7/2026", "before", None, "2026-07-29", 14, "II", time="14:00"),
         "deadlines": [_deadline("trước 14 giờ 00 ngày 29/7/2026", "before", None, "2026-07-29", 14, "II", time="14:00")],
         "line": 14},
        {"id": "II.3", "section": "II", "title": "Không hạn", "description": None, "lead": [], "cooperate": [],
         "others": [], "deadline": None, "deadlines": [], "line": 15},
    ],
    "recipients": ["Như trên", "Lưu: VT"],
    "signature": {"signer": "Nguyễn Văn A", "title": "CHỦ TỊCH", "authority": "TM.", "line": 30},
    "findings": [
        {"rule": "numbering.gap", "severity": "warning", "message": "Thiếu mục 2 giữa 1 và 3", "line": 9,
         "section": "I.1", "evidence": XSS_SCRIPT, "source": None},
        {"rule": "deadline.invalid", "severity": "error", "message": "Ngày 31/02/2026 không tồn tại", "line": 13,
         "section": "II", "evidence": "31/02/2026 | x", "source": None},
    ],
    "diagnostics": [],
}

FAILED = {
    "schema_version": "1",
    "source": {"path": "hỏng.pdf", "sha256": "cd" * 32, "format": "pdf", "pages": None, "encoding": None, "ocr": False},
    "status": "failed",
    "error": {"code": "input.corrupt", "message": "“hỏng.pdf”: PDF hỏng <b>x</b>"},
}

PLAIN = {
    "schema_version": "1",
    "source": {"path": "plain.txt", "sha256": "ef" * 32, "format": "txt", "pages": None, "encoding": "utf-8", "ocr": False},
    "status": "ok", "error": None,
    "header": {"doc_type": "Thông báo", "number": None, "symbol": None, "issuer": None, "parent_issuer": None,
               "place": None, "date": None, "title": None, "urgency": None, "confidentiality": None},
    "sections": [], "deadlines": [], "bodies": [], "citations": [], "tasks": [], "recipients": [],
    "signature": None, "findings": [], "diagnostics": [],
}


@pytest.fixture
def sample():
    return copy.deepcopy(SAMPLE)


@pytest.fixture
def batch_docs():
    return [("a/plain.txt", copy.deepcopy(PLAIN)), ("hỏng.pdf", copy.deepcopy(FAILED)),
            ("z/kh-12.txt", copy.deepcopy(SAMPLE))]
