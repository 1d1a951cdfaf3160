"""TCVN3 / VNI / cp1258 → Unicode: tables both ways, detection, the txt reader."""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import legacy, read_source

UNICODE = "Ủy ban nhân dân tỉnh Quảng Ninh; Đảng bộ; công việc; hiệp thương; người ứng cử"


def to_legacy(text: str, encoding: str) -> str:
    """Invert a table (Unicode → legacy), the direction old editors wrote."""
    reverse = {uni: seq for seq, uni in legacy.load_table(encoding)}
    # Capitals with tones do not exist in TCVN3 fonts: keep them out of the fixture.
    return "".join(reverse.get(ch, ch) for ch in text)


@pytest.mark.parametrize("encoding", ["tcvn3", "vni"])
def test_table_round_trip(encoding):
    text = "Uỷ ban nhân dân tỉnh, đảng bộ, công việc, hiệp thương, người ứng cử" if encoding == "tcvn3" else UNICODE
    mojibake = to_legacy(text, encoding)
    assert mojibake != text
    converted, enc = legacy.convert_if_legacy(mojibake)
    assert (converted, enc) == (text, encoding)


def test_every_table_entry_maps_to_vietnamese():
    for name in ("tcvn3", "vni"):
        for seq, uni in legacy.load_table(name):
            assert len(uni) == 1 and ord(uni) > 0x7F, (name, seq, uni)


def test_known_tcvn3_sample():
    assert legacy.convert_if_legacy("Uû ban nh©n d©n tØnh, §¶ng bé")[0] == "Uỷ ban nhân dân tỉnh, Đảng bộ"


def test_known_vni_sample():
    assert legacy.convert_if_legacy("UÛy ban nhaân daân tænh, Ñaûng boä")[0] == "Ủy ban nhân dân tỉnh, Đảng bộ"


@pytest.mark.parametrize("text", [UNICODE, "hoà, quân, khoá, quê, toà án", "Hello world © 2020"])
def test_genuine_text_is_not_converted(text):
    assert legacy.convert_if_legacy(text) == (text, None)


def test_detection_reports_confidence():
    found = legacy.detect("Uû ban nh©n d©n tØnh Qu¶ng Ninh")
    assert found.encoding == "tcvn3" and found.confidence >= legacy.MIN_CONFIDENCE
    assert legacy.detect(UNICODE).encoding is None


def test_decode_8bit_bytes():
    raw = "Uû ban nh©n d©n tØnh Qu¶ng Ninh".encode("latin-1")
    assert legacy.decode_8bit(raw) == ("Uỷ ban nhân dân tỉnh Quảng Ninh", "tcvn3")
    raw = "UÛy ban nhaân daân tænh Quaûng Ninh".encode("latin-1")
    assert legacy.decode_8bit(raw) == ("Ủy ban nhân dân tỉnh Quảng Ninh", "vni")
    cp = "Công văn".encode("cp1258")     # cp1258 writes ô and ă as single bytes
    assert legacy.decode_8bit(cp)[1] == "cp1258"


def test_txt_reader_records_encoding(tmp_path: Path):
    f = tmp_path / "cv.txt"
    f.write_bytes("Uû ban nh©n d©n tØnh\r\nC«ng v¨n sè 12\r\n".encode("latin-1"))
    src = read_source(f)
    assert src.encoding == "tcvn3"
    assert src.lines[:2] == ("Uỷ ban nhân dân tỉnh", "Công văn số 12")


def test_font_run_conversion_and_upper_fonts():
    assert legacy.convert_run("C«ng v¨n", ".VnTime") == ("Công văn", "tcvn3")
    assert legacy.convert_run("C«ng v¨n", ".VnTimeH") == ("CÔNG VĂN", "tcvn3")
    assert legacy.convert_run("Công văn", ".VnTime") == ("Công văn", None)   # already Unicode
    assert legacy.convert_run("C«ng", "Times New Roman") == ("C«ng", None)
