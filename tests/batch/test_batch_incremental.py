"""Incremental runs, renames and deletions, interrupt/kill and resume, the lock."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from pipeline.batch import run_batch

ALL = ["doc1.txt", "doc2.txt", "doc3.txt", "doc4.txt", "sub/doc5.txt"]


def _manifest(out: Path) -> dict:
    return json.loads((out / ".vanban" / "manifest.json").read_text(encoding="utf-8"))["documents"]


def _complete(out: Path, rels) -> None:
    assert sorted(_manifest(out)) == sorted(rels)
    for rel in rels:
        for f in ("result.json", "report.html", "report.md"):
            assert (out / "documents" / rel / f).is_file(), (rel, f)
    for f in ("index.html", "findings.csv", "tasks.csv", "tasks.xlsx", "tasks.jsonl", "deadlines.csv",
              "tasks.ics", "summary.json"):
        assert (out / f).is_file(), f
    assert not list(out.rglob("*.vanban-tmp"))
    assert not (out / ".vanban" / "journal.jsonl").exists()


def test_first_run_then_nothing_new(small_inbox, tmp_path, count_calls, capsys):
    out = tmp_path / "out"
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    assert sorted(count_calls) == sorted(Path(r).name for r in ALL)      # hidden file ignored
    _complete(out, ALL)
    count_calls.clear()
    capsys.readouterr()
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    assert count_calls == []
    assert "đã xử lý 0, bỏ qua 5" in capsys.readouterr().out
    # touched but identical: hashed, not processed
    os.utime(small_inbox / "doc1.txt", ns=(1, 1))
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    assert count_calls == []
    assert _manifest(out)["doc1.txt"]["mtime_ns"] == 1


def test_changed_renamed_deleted(small_inbox, tmp_path, count_calls, capsys):
    out = tmp_path / "out"
    run_batch(small_inbox, out, jobs=1, progress=False)
    count_calls.clear()
    (small_inbox / "doc1.txt").write_text("ỦY BAN NHÂN DÂN\nKẾ HOẠCH\nI. NỘI DUNG MỚI\n", encoding="utf-8")
    (small_inbox / "doc2.txt").rename(small_inbox / "sub" / "đổi tên.txt")
    (small_inbox / "doc3.txt").unlink()
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    assert count_calls == ["doc1.txt"]                                   # the rename is reused
    rels = ["doc1.txt", "doc4.txt", "sub/doc5.txt", "sub/đổi tên.txt"]
    _complete(out, rels)
    assert not (out / "documents" / "doc2.txt").exists() and not (out / "documents" / "doc3.txt").exists()
    moved = json.loads((out / "documents" / "sub" / "đổi tên.txt" / "result.json").read_text(encoding="utf-8"))
    assert moved["source"]["path"] == "sub/đổi tên.txt"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert sorted(r["document"] for r in summary["index"]) == sorted(rels)
    assert "NỘI DUNG MỚI" in (out / "documents" / "doc1.txt" / "report.html").read_text(encoding="utf-8")
    count_calls.clear()
    assert run_batch(small_inbox, out, jobs=1, progress=False, force=True) == 0
    assert len(count_calls) == 4


def test_interrupt_then_resume(small_inbox, tmp_path, monkeypatch, capsys):
    import pipeline.process as proc
    out = tmp_path / "out"
    real = proc.process_file
    calls = []

    def boom(path, *a, **kw):
        calls.append(Path(path).name)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, *a, **kw)

    monkeypatch.setattr(proc, "process_file", boom)
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 130
    assert "Chạy lại cùng lệnh để tiếp tục" in capsys.readouterr().err
    assert len(_manifest(out)) == 2                                     # the two finished ones kept
    assert not list(out.rglob("*.vanban-tmp"))
    calls.clear()
    monkeypatch.setattr(proc, "process_file", lambda p, *a, **kw: (calls.append(Path(p).name), real(p, *a, **kw))[1])
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    assert len(calls) == 3                                              # only what was left
    _complete(out, ALL)


KILLER = textwrap.dedent("""
    import os, signal, sys
    from pathlib import Path
    import pipeline.process as proc
    from pipeline.batch import run_batch
    real, n = proc.process_file, []
    def killing(path, *a, **kw):
        n.append(path)
        if len(n) == 4:
            os.kill(os.getpid(), signal.SIGKILL)     # no cleanup of any kind
        return real(path, *a, **kw)
    proc.process_file = killing
    run_batch(Path(sys.argv[1]), Path(sys.argv[2]), jobs=1, progress=False)
""")


def test_killed_run_resumes(small_inbox, tmp_path, count_calls):
    out = tmp_path / "out"
    p = subprocess.run([sys.executable, "-c", KILLER, str(small_inbox), str(out)], capture_output=True)
    assert p.returncode == -9
    journal = out / ".vanban" / "journal.jsonl"
    assert journal.exists() and len(journal.read_text(encoding="utf-8").splitlines()) == 3
    # what a kill during a write leaves behind
    stale = out / "documents" / "doc4.txt" / ".result.json.x1y2.vanban-tmp"
    stale.parent.mkdir(parents=True, exist_ok=True)
    stale.write_text("{half", encoding="utf-8")
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    assert len(count_calls) == 2
    _complete(out, ALL)


def test_second_run_on_same_output_exits_2(small_inbox, tmp_path, capsys):
    import fcntl
    out = tmp_path / "out"
    (out / ".vanban").mkdir(parents=True)
    with open(out / ".vanban" / "lock", "a+") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        fh.write("424242\n")
        fh.flush()
        assert run_batch(small_inbox, out, jobs=1, progress=False) == 2
    err = capsys.readouterr().err
    assert "usage.locked" in err and "424242" in err
    assert not (out / "documents").exists()
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0    # free again


def test_output_inside_inbox_is_not_read(small_inbox, count_calls):
    out = small_inbox / "kết quả"
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    count_calls.clear()
    assert run_batch(small_inbox, out, jobs=1, progress=False) == 0
    assert count_calls == []
    assert sorted(_manifest(out)) == sorted(ALL)


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core")
def test_pool_matches_inline(small_inbox, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_batch(small_inbox, a, jobs=1, progress=False) == 0
    assert run_batch(small_inbox, b, jobs=2, progress=False) == 0
    for rel in ALL:
        ra = (a / "documents" / rel / "result.json").read_text(encoding="utf-8")
        rb = (b / "documents" / rel / "result.json").read_text(encoding="utf-8")
        assert ra == rb
