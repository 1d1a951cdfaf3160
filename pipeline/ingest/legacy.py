"""Legacy Vietnamese encodings (TCVN3/ABC, VNI-Windows, cp1258) → Unicode.

Text typed in the old 8-bit fonts reaches us in two shapes:
- raw bytes (a .txt saved by an old editor): `decode_8bit` picks an encoding;
- Unicode text that is really mojibake ("Uû ban nh©n d©n"): Word stores a run in
  `.VnTime` as the Latin-1 characters of its bytes, and a UTF-8 file may have been
  made from such a document.  `convert_if_legacy` converts when detection is confident.

The tables are data (`tables/tcvn3.yaml`, `tables/vni.yaml`, each with its provenance);
this module only applies them.  Detection is a score, never a guess: genuine Vietnamese
letters (ạ, ư, ơ, đ, U+1EA0–U+1EF9) count against a conversion.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

TABLES_DIR = Path(__file__).with_name("tables")

# Letters that exist only in genuine Unicode Vietnamese (never in legacy mojibake, which
# is made of Latin-1 characters only).
GENUINE_RE = re.compile(r"[ăđơưĂĐƠƯ\u1EA0-\u1EF9]")
# TCVN3 codes that are neither Vietnamese letters in Latin-1 nor VNI mark bytes: their
# presence in running text is the signature of .VnTime mojibake ("nh©n", "§¶ng", "c¬").
TCVN3_SIGNATURE_RE = re.compile(r"[\u00A1-\u00AE\u00B5-\u00B9\u00BB-\u00BE\u00C6\u00C7\u00CB\u00D0\u00D7\u00DE\u00DF\u00F7\u00FE]")
# VNI: a vowel followed by a mark byte that is not itself a Vietnamese letter ("Quaûng",
# "boä", "UÛy"), ñ/Ñ for đ before a vowel, and the single-byte ư ỉ ỵ (ö æ î).  Pairs such
# as "oà", "uâ" are left out: they are ordinary Vietnamese ("hoà", "quân").
VNI_SIGNATURE_RE = re.compile(
    r"[aeiouyAEIOUYôöÔÖ][øûïåäüëØÛÏÅÄÜË]|[ñÑ](?=[aeiouyAEIOUYôöÔÖ])|[öÖæÆîÎ]")
# A character every TCVN3 or VNI signature holds: one scan for it clears most texts.
LEGACY_TRACE_RE = re.compile(TCVN3_SIGNATURE_RE.pattern + "|[øûïåäüëØÛÏÅÄÜËñÑöÖæÆîÎ]")
MIN_SIGNATURES = 3        # fewer than this many legacy traces is noise, not an encoding
MIN_CONFIDENCE = 0.8      # share of legacy traces among legacy + genuine letters


@dataclass(frozen=True)
class Detection:
    encoding: str | None      # "tcvn3", "vni" or None
    confidence: float         # 0..1
    legacy_hits: int
    genuine_hits: int


@lru_cache(maxsize=None)
def load_table(name: str) -> tuple[tuple[str, str], ...]:
    """(legacy sequence, Unicode) pairs, longest sequence first."""
    data = yaml.safe_load((TABLES_DIR / f"{name}.yaml").read_text(encoding="utf-8"))
    pairs = [(str(k), str(v)) for k, v in data["map"].items()]
    pairs.sort(key=lambda kv: -len(kv[0]))
    return tuple(pairs)


@lru_cache(maxsize=None)
def _compiled(name: str) -> tuple[re.Pattern, dict[str, str]]:
    pairs = load_table(name)
    mapping = dict(pairs)
    pattern = re.compile("|".join(re.escape(k) for k, _ in pairs))
    return pattern, mapping


def convert(text: str, encoding: str) -> str:
    """Apply one table to the whole text (the caller has decided it is legacy)."""
    pattern, mapping = _compiled(encoding)
    return pattern.sub(lambda m: mapping[m.group(0)], text)


def detect(text: str) -> Detection:
    """Score the text for TCVN3 and VNI mojibake against genuine Vietnamese letters."""
    genuine = len(GENUINE_RE.findall(text))
    tcvn = len(TCVN3_SIGNATURE_RE.findall(text))
    vni = len(VNI_SIGNATURE_RE.findall(text))
    enc, hits = ("tcvn3", tcvn) if tcvn >= vni else ("vni", vni)
    if hits < MIN_SIGNATURES:
        return Detection(None, 0.0, hits, genuine)
    confidence = hits / (hits + genuine)
    return Detection(enc if confidence >= MIN_CONFIDENCE else None, confidence, hits, genuine)


def convert_if_legacy(text: str) -> tuple[str, str | None]:
    """Convert TCVN3/VNI mojibake when detection is confident; else return it unchanged."""
    # Nearly every text is genuine Unicode: without enough legacy traces detection cannot
    # succeed, and counting the genuine letters of a long text is what costs.
    if not LEGACY_TRACE_RE.search(text) or (len(TCVN3_SIGNATURE_RE.findall(text)) < MIN_SIGNATURES
                                            and len(VNI_SIGNATURE_RE.findall(text)) < MIN_SIGNATURES):
        return text, None
    found = detect(text)
    if found.encoding is None:
        return text, None
    return convert(text, found.encoding), found.encoding


def decode_8bit(data: bytes) -> tuple[str | None, str | None]:
    """Decode bytes that are not UTF-8: TCVN3 or VNI when their traces dominate, else cp1258.

    Latin-1 keeps every byte as the character the tables are keyed on, so legacy text
    is read that way and converted; cp1258 is the fallback for Windows Vietnamese.
    """
    latin = data.decode("latin-1")
    found = detect(latin)
    if found.encoding:
        return convert(latin, found.encoding), found.encoding
    try:
        return data.decode("cp1258"), "cp1258"
    except UnicodeDecodeError:
        return None, None


# Font names whose runs hold legacy bytes, whatever the text looks like.
TCVN3_FONT_RE = re.compile(r"^\.?Vn", re.I)           # .VnTime, .VnTimeH, .VnArial
VNI_FONT_RE = re.compile(r"^VNI[- ]", re.I)           # VNI-Times, VNI-Helve
UPPER_FONT_RE = re.compile(r"^\.?Vn\w*H$", re.I)      # .VnTimeH: capitals drawn from lowercase codes


def font_encoding(font: str | None) -> str | None:
    if not font:
        return None
    if TCVN3_FONT_RE.match(font):
        return "tcvn3"
    if VNI_FONT_RE.match(font):
        return "vni"
    return None


def convert_run(text: str, font: str | None) -> tuple[str, str | None]:
    """Convert one run typed in a legacy font; text with genuine Unicode letters is left alone.

    A document may keep `.VnTime` as the font of text already converted to Unicode
    (Unikey's converter changes the text, not always the font), so the font alone is not
    enough: runs carrying letters above U+00FF are genuine.
    """
    enc = font_encoding(font)
    if enc is None or any(ord(c) > 0xFF for c in text):
        return text, None
    out = convert(text, enc)
    if enc == "tcvn3" and UPPER_FONT_RE.match(font or ""):
        out = out.upper()
    return out, (enc if out != text else None)
