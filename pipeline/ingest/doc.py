"""Legacy Word 97–2003 .doc: LibreOffice converts it to .docx, the docx reader reads it.

The input is copied into a private temporary directory (never converted in place),
and LibreOffice gets its own profile directory there so that concurrent runs do not
fight over ~/.config/libreoffice.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest import ReaderOutput

CONVERT_TIMEOUT_S = 120
INSTALL_HINT = "cài đặt libreoffice (apt-get install libreoffice-writer) để đọc tệp .doc"
SOFFICE_NAMES = ("soffice", "libreoffice")
# The FIB's fEncrypted flag (word 0x0A, bit 0x0100) of the WordDocument stream; we only
# look for the stream header's magic to find it cheaply.
WORD_FIB_MAGIC = (b"\xec\xa5", b"\xed\xa5")
WORD_STREAM = "WordDocument".encode("utf-16-le")


def soffice() -> str | None:
    for name in SOFFICE_NAMES:
        exe = shutil.which(name)
        if exe:
            return exe
    return None


def _encrypted_fib(data: bytes) -> bool:
    """True when the Word FIB says the document is password-protected.

    The WordDocument stream starts on a 512-byte sector with wIdent 0xA5EC; its flags
    word at offset 0x0A has fEncrypted (0x0100).  Without an OLE2 parser we scan sector
    starts for the FIB: cheap and good enough to give the right error code.
    """
    for off in range(512, len(data) - 12, 512):
        if data[off:off + 2] in WORD_FIB_MAGIC:
            flags = int.from_bytes(data[off + 0x0A:off + 0x0C], "little")
            return bool(flags & 0x0100)
    return False


def convert_to_docx(data: bytes, path: Path) -> bytes:
    exe = soffice()
    if exe is None:
        raise InputError("tool.missing", f"“{path.name}”: cần LibreOffice để đọc tệp .doc: {INSTALL_HINT}")
    with tempfile.TemporaryDirectory(prefix="vanban-doc-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "input.doc"
        src.write_bytes(data)
        outdir = tmpdir / "out"
        profile = tmpdir / "profile"
        cmd = [exe, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(outdir), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=CONVERT_TIMEOUT_S,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired as exc:
            raise InputError("input.corrupt", f"“{path.name}”: LibreOffice không chuyển được tệp .doc trong "
                             f"{CONVERT_TIMEOUT_S} giây (tệp hỏng hoặc quá phức tạp)") from exc
        except OSError as exc:
            raise InputError("tool.missing", f"“{path.name}”: không chạy được LibreOffice ({exc.strerror}): {INSTALL_HINT}") from exc
        out = outdir / "input.docx"
        if proc.returncode != 0 or not out.exists() or out.stat().st_size == 0:
            raise InputError("input.corrupt", f"“{path.name}”: tệp .doc hỏng, LibreOffice không chuyển đổi được")
        return out.read_bytes()


def _looks_like_word(data: bytes) -> bool:
    """An OLE2 header (byte-order mark FFFE, 512/4096-byte sectors) with a WordDocument stream.

    LibreOffice imports almost anything as plain text, so a damaged file would come
    back as a page of junk characters instead of an error: check the container first.
    """
    return (data[28:30] == b"\xfe\xff" and data[30:32] in (b"\x09\x00", b"\x0c\x00")
            and WORD_STREAM in data)


def read(data: bytes, path: Path, settings) -> ReaderOutput:
    if not _looks_like_word(data):
        raise InputError("input.corrupt", f"“{path.name}”: tệp .doc hỏng (không có cấu trúc tài liệu Word 97–2003)")
    if _encrypted_fib(data):
        raise InputError("input.encrypted", f"“{path.name}”: tệp .doc được bảo vệ bằng mật khẩu")
    docx_bytes = convert_to_docx(data, path)
    from pipeline.ingest import docx as docx_reader
    out = docx_reader.read(docx_bytes, path, settings)
    return out
