"""Word "Save as Web Page" .htm: charset, list labels, tables, dropped scripts."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import read_source

from ._corpus import needs_corpus, original

WORD_HTML = b"""<html xmlns:o="urn:schemas-microsoft-com:office:office">
<head><meta http-equiv=Content-Type content="text/html; charset=windows-1252">
<title>KH</title><style>p.MsoNormal {font-size:13pt}</style>
<!--[if gte mso 9]><xml><w:WordDocument>hidden</w:WordDocument></xml><![endif]-->
</head><body lang=EN-US>
<table class=MsoTableGrid border=0><tr><td><p class=MsoNormal>&#7910;Y BAN NH&Acirc;N D&Acirc;N</p>
<p class=MsoNormal>X&#195; L&#431;&#416;NG MINH</p></td>
<td><p class=MsoNormal>C&#7896;NG H&Ograve;A X&Atilde; H&#7896;I</p></td></tr></table>
<p class=MsoListParagraph style='text-indent:-18pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span
style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;
</span></span><![endif]>M&#7909;c &#273;&#237;ch,
y&#234;u c&#7847;u</p>
<script>alert("x")</script>
<table border=1><tr><td>STT</td><td>Ng&agrave;y</td><td>C&ocirc;ng vi&#7879;c</td></tr>
<tr><td>1</td><td>05/3</td><td>H&#7885;p</td></tr></table>
</body></html>"""


def test_word_html(tmp_path: Path):
    f = tmp_path / "kh.htm"
    f.write_bytes(WORD_HTML)
    src = read_source(f)
    assert src.lines == ("ỦY BAN NHÂN DÂN", "XÃ LƯƠNG MINH", "CỘNG HÒA XÃ HỘI",
                         "1. Mục đích, yêu cầu", "STT | Ngày | Công việc", "1 | 05/3 | Họp")
    assert src.line_meta[-1].in_table and not src.line_meta[0].in_table
    assert src.encoding == "windows-1252"


@needs_corpus
@pytest.mark.shared
def test_real_word_html_keeps_list_labels():
    src = read_source(original("hd_mttq-tinh-quangninh_2025-11_hiep-thuong_draft.htm"))
    assert src.lines[0] == "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM"
    assert "II. NỘI DUNG, TRÌNH TỰ, THỦ TỤC" in src.lines
    assert sum(1 for ln in src.lines if ln.startswith("1. ")) >= 5
