"""Broken input of every format fails with a contract code, never another exception."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_source

from .docx_builder import build, p

CODES = {"input.corrupt", "input.encrypted", "input.unsafe", "input.no_text_layer", "tool.missing",
         "input.too_large", "input.unsupported_format", "input.empty", "input.encoding"}


def _samples() -> list[tuple[str, bytes]]:
    rnd = random.Random(7)
    docx = build(p("Công văn số 1"))
    out = []
    for cut in (50, 400, len(docx) // 2, len(docx) - 30):
        out.append((f"cut{cut}.docx", docx[:cut]))
    out.append(("flip.docx", bytes(b ^ 0xFF if i % 97 == 5 else b for i, b in enumerate(docx))))
    out.append(("rand.pdf", b"%PDF-1.7\n" + bytes(rnd.randrange(256) for _ in range(600))))
    out.append(("trunc.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<< /Type /Pages /Kids [2 0 R"))
    out.append(("rand.htm", b"<html><meta charset=bogus-8><body><table><tr><td>" + bytes(range(256))))
    out.append(("rand.txt", bytes(rnd.randrange(256) for _ in range(300))))
    return out


@pytest.mark.parametrize("name, data", _samples(), ids=[n for n, _ in _samples()])
def test_only_input_errors(tmp_path: Path, name: str, data: bytes):
    f = tmp_path / name
    f.write_bytes(data)
    try:
        read_source(f)
    except InputError as exc:
        assert exc.code in CODES
        assert "\n" not in exc.message and name in exc.message
