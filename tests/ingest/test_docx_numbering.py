"""Word auto-numbering: counters, restarts, levels, overrides, styles, bullets."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import read_source
from pipeline.ingest.docx_numbering import format_number, letter

from .docx_builder import abstract, build, lvl, num, p


def labels(tmp_path: Path, body: str, numbering: str, styles: str = "") -> list[tuple[str, str | None]]:
    f = tmp_path / "t.docx"
    f.write_bytes(build(body, numbering, styles))
    src = read_source(f)
    return [(line, meta.auto_label) for line, meta in zip(src.lines, src.line_meta)]


MULTI = abstract(1, lvl(0, "upperRoman", "%1."), lvl(1, "decimal", "%2."), lvl(2, "decimal", "%2.%3."),
                 lvl(3, "lowerLetter", "%4)")) + num(1, 1)


def test_multilevel_and_restart_of_lower_levels(tmp_path):
    body = "".join([p("A", (1, 0)), p("B", (1, 1)), p("C", (1, 2)), p("D", (1, 2)), p("E", (1, 3)),
                    p("F", (1, 3)), p("G", (1, 1)), p("H", (1, 2)), p("I", (1, 0)), p("J", (1, 1))])
    got = [ln for ln, _ in labels(tmp_path, body, MULTI)]
    assert got == ["I. A", "1. B", "1.1. C", "1.2. D", "a) E", "b) F", "2. G", "2.1. H", "II. I", "1. J"]


def test_auto_label_meta_and_plain_paragraphs(tmp_path):
    got = labels(tmp_path, p("Mở đầu") + p("Nội dung", (1, 0)), MULTI)
    assert got == [("Mở đầu", None), ("I. Nội dung", "I.")]


def test_nums_sharing_an_abstract_continue_but_start_override_restarts(tmp_path):
    numbering = (abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1) + num(2, 1)
                 + num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'))
    body = "".join([p("a", (1, 0)), p("b", (1, 0)), p("c", (2, 0)), p("d", (3, 0)), p("e", (3, 0))])
    got = [ln for ln, _ in labels(tmp_path, body, numbering)]
    assert got == ["1. a", "2. b", "3. c", "1. d", "2. e"]


def test_lvl_restart_zero_never_restarts(tmp_path):
    numbering = abstract(1, lvl(0, "upperRoman", "%1."),
                         lvl(1, "decimal", "%2.", extra='<w:lvlRestart w:val="0"/>')) + num(1, 1)
    body = "".join([p("x", (1, 0)), p("y", (1, 1)), p("z", (1, 0)), p("w", (1, 1))])
    assert [ln for ln, _ in labels(tmp_path, body, numbering)] == ["I. x", "1. y", "II. z", "2. w"]


def test_literal_prefix_start_value_and_is_lgl(tmp_path):
    numbering = (abstract(1, lvl(0, "decimal", "2.5.%1.", start=1)) + num(1, 1)
                 + abstract(2, lvl(0, "upperRoman", "%1."),
                            lvl(1, "decimal", "%1.%2.", extra="<w:isLgl/>")) + num(2, 2)
                 + abstract(3, lvl(0, "lowerLetter", "%1)", start=3)) + num(3, 3))
    body = "".join([p("a", (1, 0)), p("b", (1, 0)), p("c", (2, 0)), p("c", (2, 0)), p("d", (2, 1)),
                    p("e", (3, 0))])
    got = [ln for ln, _ in labels(tmp_path, body, numbering)]
    assert got == ["2.5.1. a", "2.5.2. b", "I. c", "II. c", "2.1. d", "c) e"]


def test_bullets_and_numbering_inherited_from_style(tmp_path):
    numbering = (abstract(1, lvl(0, "bullet", "\uf0b7")) + num(1, 1)
                 + abstract(2, lvl(0, "decimal", "%1.")) + num(2, 2))
    styles = ('<w:style w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/>'
              '<w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>'
              '<w:style w:type="paragraph" w:styleId="Muc2"><w:basedOn w:val="Muc"/></w:style>')
    body = p("gạch đầu dòng", (1, 0)) + p("một", style="Muc") + p("hai", style="Muc2") + p("không số", (0, 0))
    got = labels(tmp_path, body, numbering, styles)
    assert got == [("- gạch đầu dòng", "-"), ("1. một", "1."), ("2. hai", "2."), ("không số", None)]


def test_number_formats():
    assert [letter(n) for n in (1, 4, 5, 6, 26, 27, 28)] == ["a", "d", "e", "f", "z", "aa", "bb"]
    assert format_number(4, "upperRoman") == "IV" and format_number(9, "lowerRoman") == "ix"
    assert format_number(3, "decimalZero") == "03" and format_number(2, "upperLetter") == "B"
    assert format_number(5, "none") == ""


def test_unknown_num_id_gives_no_label_and_a_diagnostic(tmp_path):
    f = tmp_path / "t.docx"
    f.write_bytes(build(p("x", (9, 0)), abstract(1, lvl(0, "decimal", "%1.")) + num(1, 1)))
    src = read_source(f)
    assert src.lines == ("x",) and src.line_meta[0].auto_label is None
    assert src.diagnostics
