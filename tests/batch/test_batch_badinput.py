"""Every kind of bad input in one batch: a failed result with its contract code, the
batch goes on, exit code 1, inputs untouched."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from badfiles import build_bad_inbox

from pipeline.batch import run_batch


def _snapshot(inbox: Path) -> dict:
    return {p.relative_to(inbox).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in inbox.rglob("*") if p.is_file()}


@pytest.mark.parametrize("jobs", [1, 2])
def test_bad_inputs_fail_with_codes(tmp_path, capsys, jobs):
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    expected = build_bad_inbox(inbox)
    before = _snapshot(inbox)
    assert run_batch(inbox, out, jobs=jobs, progress=False) == 1
    err = capsys.readouterr().err
    for rel, code in expected.items():
        result = json.loads((out / "documents" / rel / "result.json").read_text(encoding="utf-8"))
        assert result["source"]["path"] == rel
        if code is None:
            assert result["status"] == "ok", (rel, result.get("error"))
            continue
        assert result["status"] == "failed", rel
        assert result["error"]["code"] == code, (rel, result["error"])
        msg = result["error"]["message"]
        assert "\n" not in msg and Path(rel).name in msg
        assert (out / "documents" / rel / "report.html").is_file()
        # listed once on stderr, one line each
        assert sum(1 for line in err.splitlines() if f"[{code}] {rel}:" in line) == 1, rel
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["failed"] == sum(c is not None for c in expected.values())
    assert summary["ok"] == sum(c is None for c in expected.values())
    assert _snapshot(inbox) == before                        # inputs never modified
    assert not list(out.rglob("*.vanban-tmp"))


def test_cli_run_exit_codes(tmp_path):
    import subprocess
    import sys
    inbox, out = tmp_path / "inbox", tmp_path / "out"
    inbox.mkdir()
    (inbox / "a.txt").write_text("ỦY BAN NHÂN DÂN\nKẾ HOẠCH\nI. MỤC ĐÍCH\n", encoding="utf-8")
    run = [sys.executable, "-m", "pipeline", "run", str(inbox), "--out", str(out), "--quiet", "--jobs", "1"]
    p = subprocess.run(run, capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    assert "đã xử lý 1" in p.stdout
    (inbox / "b.pdf").write_bytes(b"not a pdf")
    p = subprocess.run(run, capture_output=True, text=True)
    assert p.returncode == 1 and "[input.unsupported_format] b.pdf:" in p.stderr
    assert "đã xử lý 1" in p.stdout and "bỏ qua 1" in p.stdout
    p = subprocess.run([sys.executable, "-m", "pipeline", "run", str(tmp_path / "nope"), "--out", str(out)],
                       capture_output=True, text=True)
    assert p.returncode == 2 and "nope" in p.stderr
