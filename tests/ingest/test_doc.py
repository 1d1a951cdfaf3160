"""Legacy .doc through LibreOffice."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline.errors import InputError
from pipeline.ingest import read_source, zipsafe

from ._corpus import needs_corpus, needs_soffice, original


def test_doc_without_libreoffice(tmp_path: Path, monkeypatch):
    f = tmp_path / "cv.doc"
    header = zipsafe.OLE2_MAGIC + b"\0" * 20 + b"\xfe\xff\x09\x00"
    f.write_bytes(header + b"\0" * 480 + "WordDocument".encode("utf-16-le") + b"\0" * 512)
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(InputError) as exc:
        read_source(f)
    assert exc.value.code == "tool.missing" and "libreoffice" in exc.value.message


@needs_soffice
@pytest.mark.libreoffice
def test_corrupt_doc(tmp_path: Path):
    f = tmp_path / "hong.doc"
    f.write_bytes(zipsafe.OLE2_MAGIC + b"\x01" * 2048)
    with pytest.raises(InputError) as exc:
        read_source(f)
    assert exc.value.code in ("input.corrupt", "input.empty")


@needs_corpus
@needs_soffice
@pytest.mark.libreoffice
@pytest.mark.shared
def test_real_doc_header_cells():
    path = original("kh_so-tttt-phutho_2011-12_trien-khai-phan-mem-qlvb.doc")
    before = path.read_bytes()
    src = read_source(path)
    assert src.lines[:2] == ("UBND TỈNH PHÚ THỌ", "SỞ THÔNG TIN VÀ TRUYỂN THÔNG")
    assert src.format == "doc" and path.read_bytes() == before
