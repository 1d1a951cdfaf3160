from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from badfiles import GOOD_TEXT  # noqa: E402


@pytest.fixture
def small_inbox(tmp_path):
    """Five good .txt documents, one in a subfolder, plus a hidden file that is ignored."""
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    for i in range(1, 5):
        (inbox / f"doc{i}.txt").write_text(GOOD_TEXT.replace("12/KH", f"{i}/KH"), encoding="utf-8")
    (inbox / "sub" / "doc5.txt").write_text(GOOD_TEXT.replace("12/KH", "5/KH"), encoding="utf-8")
    (inbox / ".hidden.txt").write_text("not a document", encoding="utf-8")
    return inbox


@pytest.fixture
def count_calls(monkeypatch):
    """Wrap process_file (inline runs, jobs=1) to record which documents were processed."""
    import pipeline.process as proc
    calls: list[str] = []
    real = proc.process_file

    def wrapped(path, *a, **kw):
        calls.append(Path(path).name)
        return real(path, *a, **kw)

    monkeypatch.setattr(proc, "process_file", wrapped)
    return calls
