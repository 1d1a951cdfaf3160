"""The four commands: exit codes, one-line errors, output formats (contract README)."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from testkit import REPO, SEED
from pipeline.cli import main


def run(args, capsys):
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_extract_prints_json(capsys):
    code, out, err = run(["extract", str(SEED)], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["status"] == "ok" and data["header"]["symbol"] == "KH/BCĐ"


def test_cli_extract_text_keeps_line_numbers(capsys):
    code, out, _ = run(["extract", "--text", str(SEED)], capsys)
    assert code == 0
    lines = out.split("\n")
    assert lines[2] == "Số 01 -KH/BCĐ"          # seed line 3
    assert lines[106].startswith("4. Đảng đoàn")  # seed line 107


def test_cli_extract_unreadable_exits_2_with_failed_result(tmp_path, capsys):
    bad = tmp_path / "hỏng.pdf"
    bad.write_bytes(b"not a pdf at all")
    code, out, err = run(["extract", str(bad)], capsys)
    assert code == 2
    data = json.loads(out)
    assert data["status"] == "failed" and data["error"]["code"] == "input.unsupported_format"
    assert len(err.strip().splitlines()) == 1 and "hỏng.pdf" in err


def test_cli_extract_missing_file_exits_2(tmp_path, capsys):
    code, out, err = run(["extract", str(tmp_path / "khong-co.txt")], capsys)
    assert code == 2 and json.loads(out)["error"]["code"] == "input.not_found"


def test_cli_bad_usage_exits_2(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["khong-co-lenh"])
    assert exc.value.code == 2


@pytest.mark.parametrize("fmt", ["text", "json", "sarif"])
def test_cli_check_formats(fmt, capsys):
    code, out, _ = run(["check", "--format", fmt, str(SEED)], capsys)
    assert code in (0, 1)
    if fmt == "json":
        data = json.loads(out)
        assert set(data) == {"documents", "summary"}
        assert data["summary"]["documents"] == 1
    elif fmt == "sarif":
        assert json.loads(out)["version"] == "2.1.0"


def test_cli_check_unreadable_wins_over_findings(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Số 01 -KH/BCĐ\nKẾ HOẠCH\nThử\nI. A\n1. x\n1. y\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"")
    code, out, err = run(["check", str(tmp_path)], capsys)
    assert code == 2
    assert "input.empty" in err


def test_cli_check_fail_on_threshold(tmp_path, capsys):
    doc = tmp_path / "clean.txt"
    doc.write_text("Xin chào\n", encoding="utf-8")
    code, _, _ = run(["check", "--fail-on", "info", str(doc)], capsys)
    assert code in (0, 1)


def test_cli_rules_lists_checks(capsys):
    code, out, _ = run(["rules"], capsys)
    assert code == 0


def test_cli_python_m_pipeline_is_the_same_program():
    proc = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True, text=True,
                          cwd=REPO)
    assert proc.returncode == 0 and "extract" in proc.stdout
