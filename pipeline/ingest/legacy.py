"""Legacy Vietnamese encodings (cp1258, TCVN3/ABC, VNI) → Unicode.

Placeholder tables are filled in by the legacy-encodings work; until then only
cp1258 is tried, and `convert_if_legacy` never converts.
"""
from __future__ import annotations


def decode_8bit(data: bytes) -> tuple[str | None, str | None]:
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return None, None
    return text, "cp1258"


def convert_if_legacy(text: str) -> tuple[str, str | None]:
    return text, None
