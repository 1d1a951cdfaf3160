"""Inspect an OOXML zip before any XML parser sees it.

Hostile .docx files are zip bombs (tiny file, gigabytes inflated) or XML with
DOCTYPE/ENTITY declarations (billion laughs, external entities).  Both are refused
with input.unsafe before python-docx opens the file; a password-protected .docx is
not a zip at all but an OLE2 container holding an `EncryptionInfo` stream.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from pipeline.errors import InputError

MAX_UNCOMPRESSED = 200 * 1024 * 1024
MAX_RATIO = 100
# Small parts compress extremely well (a 40 KB styles.xml of repeated attributes); the
# ratio limit only means something once a member is big enough to hurt.
RATIO_MIN_BYTES = 1024 * 1024
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# A DTD has no business in OOXML; UTF-16 parts are searched in their own encoding too.
DTD_RE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)|<\x00!\x00(D\x00O\x00C|E\x00N\x00T)", re.I)
ENCRYPTION_STREAM = "EncryptionInfo".encode("utf-16-le")
XML_SUFFIXES = (".xml", ".rels", ".vml")


def is_ole2(data: bytes) -> bool:
    return data[:8] == OLE2_MAGIC


def is_encrypted_ole(data: bytes) -> bool:
    """An OOXML file saved with a password: OLE2 with EncryptionInfo/EncryptedPackage."""
    return is_ole2(data) and (ENCRYPTION_STREAM in data
                              or "EncryptedPackage".encode("utf-16-le") in data)


def open_checked(data: bytes, path: Path, main_part: str = "word/document.xml") -> zipfile.ZipFile:
    """Return the opened zip after the size, ratio, DTD and main-part checks."""
    name = path.name
    if is_encrypted_ole(data):
        raise InputError("input.encrypted", f"“{name}”: tệp được bảo vệ bằng mật khẩu (mã hóa), không đọc được")
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError) as exc:
        raise InputError("input.corrupt", f"“{name}”: tệp hỏng, không mở được (không phải gói zip hợp lệ)") from exc
    if any(i.flag_bits & 0x1 for i in infos):
        raise InputError("input.encrypted", f"“{name}”: gói zip được mã hóa bằng mật khẩu")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED:
        raise InputError("input.unsafe", f"“{name}”: nội dung giải nén {total / 1048576:.0f} MB vượt giới hạn "
                         f"{MAX_UNCOMPRESSED // 1048576} MB (nghi là zip bomb)")
    big_ratio = any(i.file_size >= RATIO_MIN_BYTES and i.file_size > MAX_RATIO * max(i.compress_size, 1)
                    for i in infos)
    if big_ratio or (total >= RATIO_MIN_BYTES and total > MAX_RATIO * packed):
        raise InputError("input.unsafe", f"“{name}”: tỉ lệ nén bất thường (trên {MAX_RATIO} lần), nghi là zip bomb")
    names = {i.filename for i in infos}
    if main_part not in names:
        raise InputError("input.corrupt", f"“{name}”: thiếu phần nội dung chính {main_part}, tệp hỏng")
    for info in infos:
        if info.filename.lower().endswith(XML_SUFFIXES):
            try:
                blob = zf.read(info)
            except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
                raise InputError("input.corrupt", f"“{name}”: phần {info.filename} hỏng, không giải nén được") from exc
            if DTD_RE.search(blob):
                raise InputError("input.unsafe", f"“{name}”: phần {info.filename} chứa khai báo DOCTYPE/ENTITY "
                                 "(có thể là tấn công thực thể XML), từ chối đọc")
    return zf
