"""The HTML reports in a real headless browser (Debian's chromium): hostile document text
shows as text and runs nothing; Vietnamese renders intact.

The document goes through the whole pipeline (`vanban run`), not a hand-made dict.
"""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

HOSTILE = """ỦY BAN NHÂN DÂN
XÃ TÂN AN
Số: 12/KH-UBND
Tân An, ngày 05 tháng 01 năm 2026

KẾ HOẠCH
Tổ chức bầu cử <script>document.title='PWNED'</script>

I. MỤC ĐÍCH, YÊU CẦU
1. Ủy ban nhân dân xã chủ trì <img src=x onerror="document.body.setAttribute('data-pwned','1')">
2. Hoàn thành trước ngày 30/6/2026 <script>document.title='PWNED'</script>
II. TỔ CHỨC THỰC HIỆN KẾ HOẠCH

Nơi nhận:
- Ủy ban nhân dân huyện <img src=x onerror="document.body.setAttribute('data-pwned','1')">;
- Lưu: VT.
"""


def dump_dom(page: Path, tmp_path: Path) -> str:
    if not CHROMIUM:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--no-first-run",
           f"--user-data-dir={tmp_path / 'chromium-profile'}", "--dump-dom", page.as_uri()]
    proc = subprocess.run(cmd, capture_output=True, timeout=90)
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")[-2000:]
    return proc.stdout.decode("utf-8")


@pytest.fixture(scope="module")
def hostile_batch(tmp_path_factory):
    from pipeline.batch import run_batch
    root = tmp_path_factory.mktemp("browser")
    (root / "inbox").mkdir()
    (root / "inbox" / "kế hoạch <script>.txt").write_text(HOSTILE, encoding="utf-8")
    assert run_batch(root / "inbox", root / "out", jobs=1, progress=False) == 0
    return root


def _check(dom: str):
    assert "<title>" in dom and "PWNED" not in dom.split("</title>", 1)[0]
    assert "data-pwned" not in dom.split("<body", 1)[1].split(">", 1)[0]   # body attribute never set
    assert "<script" not in dom.lower() and "<img" not in dom.lower()     # no element was created


def test_document_report_in_browser(hostile_batch, tmp_path):
    page = next((hostile_batch / "out" / "documents").rglob("report.html"))
    dom = dump_dom(page, tmp_path)
    _check(dom)
    assert "&lt;script&gt;document.title='PWNED'&lt;/script&gt;" in dom
    assert "&lt;img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"&gt;" in dom
    for text in ("Ủy ban nhân dân xã chủ trì", "TỔ CHỨC THỰC HIỆN KẾ HOẠCH", "Kế hoạch", "12/KH-UBND",
                 "Thông tin chung", "Thời hạn", "không có"):
        assert text in dom, text


def test_index_in_browser(hostile_batch, tmp_path):
    dom = dump_dom(hostile_batch / "out" / "index.html", tmp_path)
    _check(dom)
    assert "kế hoạch &lt;script&gt;.txt" in dom
    assert "Kết quả xử lý hộp thư đến" in dom and "Tổ chức bầu cử" in dom
