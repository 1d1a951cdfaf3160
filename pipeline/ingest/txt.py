"""Plain text: UTF-8 (with or without BOM), UTF-16, and legacy Vietnamese encodings.

The file's own lines are the canonical lines (the contract counts `.txt` lines as
they are in the file), so this reader never joins or splits a line.
"""
from __future__ import annotations

from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest import ReaderOutput
from pipeline.model import LineMeta


def decode_bytes(data: bytes, name: str) -> tuple[str, str]:
    """Decode text bytes, returning (text, encoding name).

    Order: BOMs, UTF-8, UTF-16 without BOM (many NULs), then legacy 8-bit Vietnamese
    (cp1258, TCVN3, VNI) via `pipeline.ingest.legacy`.  Raises input.encoding when no
    decoding gives plausible Vietnamese text, input.unsupported_format for binary junk.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    head = data[:4000]
    if head.count(b"\x00") > len(head) // 4:
        even_nuls = head[1::2].count(b"\x00") > head[0::2].count(b"\x00")
        enc = "utf-16-le" if even_nuls else "utf-16-be"
        try:
            return data.decode(enc), "utf-16"
        except UnicodeDecodeError:
            pass
    if _looks_binary(head):
        raise InputError("input.unsupported_format",
                         f"“{name}”: tệp nhị phân, không phải văn bản thuần")
    from pipeline.ingest import legacy
    text, enc = legacy.decode_8bit(data)
    if text is None:
        raise InputError("input.encoding",
                         f"“{name}”: không xác định được bảng mã của văn bản (không phải UTF-8, UTF-16, "
                         "Windows-1258, TCVN3 hay VNI)")
    return text, enc


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return ctrl > len(head) * 0.05


def read(data: bytes, path: Path, settings) -> ReaderOutput:
    text, enc = decode_bytes(data, path.name)
    # Legacy-font text may also hide inside a UTF-8 file (TCVN3 typed with .VnTime
    # and saved as Unicode): convert it when detection is confident.
    from pipeline.ingest import legacy
    converted, legacy_enc = legacy.convert_if_legacy(text)
    if legacy_enc:
        text, enc = converted, legacy_enc
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in text.split("\n")]
    metas = [LineMeta(origin=f"dòng {i}") for i in range(1, len(lines) + 1)]
    return ReaderOutput(lines=lines, metas=metas, encoding=enc)
