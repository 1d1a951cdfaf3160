"""Ingest: one reader per format, all returning one `SourceText`.

`READERS` maps a format name to the module that reads it; modules are imported only
when a file of that format arrives, so `vanban --help` stays fast.  A reader gets the
raw bytes (already size-checked) and returns `(lines, metas, info)`; this module
normalises them into the canonical text every later stage counts lines in.
"""
from __future__ import annotations

import hashlib
import importlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.errors import InputError
from pipeline.model import LineMeta, SourceText
from pipeline.text import nfc

MAX_BYTES_DEFAULT = 50 * 1024 * 1024

# format → module under pipeline.ingest that has `read(data: bytes, path: Path, settings)`.
READERS = {
    "txt": "pipeline.ingest.txt",
    "docx": "pipeline.ingest.docx",
    "pdf": "pipeline.ingest.pdf",
    "htm": "pipeline.ingest.html",
    "doc": "pipeline.ingest.doc",
    "image": "pipeline.ingest.image",
}

EXTENSIONS = {
    ".txt": "txt", ".text": "txt", ".md": "txt",
    ".docx": "docx",
    ".pdf": "pdf",
    ".htm": "htm", ".html": "htm",
    ".doc": "doc",
    ".jpg": "image", ".jpeg": "image", ".png": "image", ".tif": "image", ".tiff": "image",
}


@dataclass(frozen=True)
class IngestSettings:
    """Reader settings, validated once (pdfplumber's TableSettings.resolve pattern)."""
    max_bytes: int = MAX_BYTES_DEFAULT
    max_pages: int = 500
    ocr: bool = True                 # run Tesseract on scans when it is installed
    pdf_x_tolerance: float = 1.5
    pdf_y_tolerance: float = 3.0

    def __post_init__(self):
        if self.max_bytes <= 0 or self.max_pages <= 0:
            raise ValueError("max_bytes and max_pages must be positive")

    @classmethod
    def resolve(cls, settings: "IngestSettings | dict | None") -> "IngestSettings":
        if settings is None:
            env = os.environ.get("VANBAN_MAX_BYTES")
            return cls(max_bytes=int(env)) if env else cls()
        if isinstance(settings, cls):
            return settings
        return cls(**settings)


@dataclass(frozen=True)
class ReaderOutput:
    """What a reader hands back: lines with provenance and facts about the source."""
    lines: list[str]
    metas: list[LineMeta]
    encoding: str | None = None
    pages: int | None = None
    ocr: bool = False
    diagnostics: tuple[str, ...] = ()


def detect_format(path: Path, head: bytes) -> str:
    """Pick the reader by extension, then confirm it by magic bytes.

    Raises InputError(input.unsupported_format) for unknown extensions and for content
    that plainly does not match (a .pdf that is not a PDF, a .docx that is not a zip).
    """
    fmt = EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise InputError("input.unsupported_format",
                         f"“{path.name}”: định dạng “{path.suffix or '(không có đuôi)'}” không được hỗ trợ "
                         "(vanban đọc .txt, .docx, .doc, .pdf, .htm, .jpg, .png)")
    sniff = {
        "pdf": head.startswith(b"%PDF"),
        # OLE2 too: a password-protected .docx is an OLE2 container (the reader says
        # input.encrypted), and a Word 97 file may carry the .docx extension.
        "docx": head.startswith((b"PK", b"\xd0\xcf\x11\xe0")),
        "doc": head.startswith(b"\xd0\xcf\x11\xe0"),
    }
    if fmt in sniff and not sniff[fmt]:
        if fmt == "pdf" and b"%PDF" in head[:1024]:
            return fmt
        if fmt == "doc" and head.startswith(b"PK"):
            return "docx"       # a .docx saved with the old extension: read it as what it is
        if fmt == "doc" and (head.lstrip().startswith(b"{\\rtf") or b"<html" in head[:2048].lower()):
            return "htm" if b"<html" in head[:2048].lower() else fmt
        raise InputError("input.unsupported_format",
                         f"“{path.name}”: nội dung không phải tệp {fmt.upper()} như đuôi tệp cho biết")
    if fmt == "image":
        is_img = (head.startswith(b"\xff\xd8") or head.startswith(b"\x89PNG")
                  or head[:4] in (b"II*\x00", b"MM\x00*"))
        if not is_img:
            raise InputError("input.unsupported_format",
                             f"“{path.name}”: nội dung không phải ảnh JPEG/PNG/TIFF")
    return fmt


def read_source(path: Path | str, *, settings: IngestSettings | dict | None = None) -> SourceText:
    """Read one file into the canonical text.  Never modifies the file.

    Raises:
        InputError: with a contract code (input.*, tool.missing) for anything unreadable.
    """
    path = Path(path)
    settings = IngestSettings.resolve(settings)
    if not path.exists() or not path.is_file():
        raise InputError("input.not_found", f"“{path}”: không tìm thấy tệp (hoặc không phải tệp thường)")
    size = path.stat().st_size
    if size == 0:
        raise InputError("input.empty", f"“{path.name}”: tệp rỗng (0 byte)")
    if size > settings.max_bytes:
        raise InputError("input.too_large",
                         f"“{path.name}”: tệp {size / 1048576:.1f} MB vượt giới hạn "
                         f"{settings.max_bytes / 1048576:.0f} MB")
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError("input.not_found", f"“{path.name}”: không đọc được tệp ({exc.strerror})") from exc
    fmt = detect_format(path, data[:4096])
    module = importlib.import_module(READERS[fmt])
    out: ReaderOutput = module.read(data, path, settings)
    return build_source(path, data, fmt, out)


def build_source(path: Path, data: bytes, fmt: str, out: ReaderOutput) -> SourceText:
    """Normalise reader lines into a SourceText (NFC, no control characters)."""
    lines: list[str] = []
    metas: list[LineMeta] = []
    for line, meta in zip(out.lines, out.metas):
        # A reader may hand back a paragraph with soft breaks: each becomes its own line
        # so that line numbers stay the contract's (split on \n only).
        parts = nfc(line).split("\n")
        for part in parts:
            lines.append(_clean_line(part))
            metas.append(meta)
    if not any(ln.strip() for ln in lines):
        raise InputError("input.empty", f"“{path.name}”: không có chữ nào sau khi đọc tệp")
    return SourceText(
        path=str(path), sha256=hashlib.sha256(data).hexdigest(), format=fmt,
        text="\n".join(lines), lines=tuple(lines), line_meta=tuple(metas),
        encoding=out.encoding, pages=out.pages, ocr=out.ocr, diagnostics=tuple(out.diagnostics),
    )


_CONTROL = {c: " " for c in range(32) if c not in (9,)}
_CONTROL.update({0x7F: " ", 0x85: " ", 0x2028: " ", 0x2029: " ", 0xFEFF: None, 0x200B: None})


# The characters _CONTROL rewrites: str.translate is slow per character, and most lines
# hold none of them, so it runs only on the lines that do.
_CONTROL_RE = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_CONTROL)) + "]")


def _clean_line(s: str) -> str:
    """Form feeds, vertical tabs, NEL and the like become spaces: they never end a line."""
    if _CONTROL_RE.search(s):
        s = s.translate(_CONTROL)
    return s.rstrip()
