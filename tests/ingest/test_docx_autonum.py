"""The real AUTONUM .docx: labels computed from numbering.xml agree with Word's rendering."""
from __future__ import annotations

import importlib.util

import pytest

from ._corpus import REPO, needs_corpus

pytestmark = [needs_corpus, pytest.mark.shared]


def _bench():
    spec = importlib.util.spec_from_file_location("docx_autonum", REPO / "bench" / "docx_autonum.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_autonum_agreement_at_least_95_percent():
    ok, total, notes = _bench().agreement()
    assert total >= 200, "the document has 216 numbered paragraphs (159 labels, 57 bullets)"
    assert ok / total >= 0.95, notes[:10]
