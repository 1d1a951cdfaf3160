"""Builders for hostile and broken inputs, made on the fly (nothing binary is committed).

`minimal_pdf` writes a one-page PDF with a real text layer by hand (no PDF writer is a
dependency); with `user_password` it is encrypted with the standard security handler
(RC4, revision 2), so a reader without the password cannot open it.
"""
from __future__ import annotations

import hashlib
import io
import os
import struct
import zipfile

PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def rc4(key: bytes, data: bytes) -> bytes:
    s = list(range(256))
    j = 0
    for i in range(256):
        j = (j + s[i] + key[i % len(key)]) % 256
        s[i], s[j] = s[j], s[i]
    out = bytearray()
    i = j = 0
    for b in data:
        i = (i + 1) % 256
        j = (j + s[i]) % 256
        s[i], s[j] = s[j], s[i]
        out.append(b ^ s[(s[i] + s[j]) % 256])
    return bytes(out)


def _pad(pw: bytes) -> bytes:
    return (pw + PAD)[:32]


def minimal_pdf(lines: list[str], user_password: str | None = None) -> bytes:
    """A valid one-page PDF (Helvetica, ASCII text) — optionally password-protected."""
    content = "BT /F1 12 Tf 72 780 Td 14 TL " + " ".join(
        "(" + ln.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '" for ln in lines) + " ET"
    stream = content.encode("latin-1")
    file_id = hashlib.md5(b"vanban-test").digest()
    key = None
    enc_obj = b""
    if user_password is not None:
        owner = b"owner-" + user_password.encode()
        o_key = hashlib.md5(_pad(owner)).digest()[:5]
        O = rc4(o_key, _pad(user_password.encode()))
        P = -44  # print allowed, nothing else
        key = hashlib.md5(_pad(user_password.encode()) + O + struct.pack("<i", P) + file_id).digest()[:5]
        U = rc4(key, PAD)
        enc_obj = (b"<< /Filter /Standard /V 1 /R 2 /O <" + O.hex().encode() + b"> /U <" + U.hex().encode()
                   + b"> /P " + str(P).encode() + b" >>")
        obj_key = hashlib.md5(key + struct.pack("<i", 4)[:3] + b"\x00\x00").digest()[:10]
        stream = rc4(obj_key, stream)
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if enc_obj:
        objs.append(enc_obj)
    buf = io.BytesIO()
    buf.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objs, 1):
        offsets.append(buf.tell())
        buf.write(f"{n} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = buf.tell()
    buf.write(f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode())
    for off in offsets:
        buf.write(f"{off:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R /ID [<{file_id.hex()}> <{file_id.hex()}>]"
    if enc_obj:
        trailer += f" /Encrypt {len(objs)} 0 R"
    buf.write(trailer.encode() + b" >>\n" + f"startxref\n{xref}\n%%EOF\n".encode())
    return buf.getvalue()


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx
    d = docx.Document()
    for p in paragraphs:
        d.add_paragraph(p)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            out.writestr(info.filename, replace.get(info.filename, src.read(info)))
    return buf.getvalue()


def zip_bomb_docx(base: bytes, inflated_mb: int = 40) -> bytes:
    """A docx whose document.xml inflates to `inflated_mb` MB of padding (ratio ≈ 1000)."""
    src = zipfile.ZipFile(io.BytesIO(base))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
        for info in src.infolist():
            if info.filename == "word/document.xml":
                with out.open(info.filename, "w") as fh:
                    xml = src.read(info)
                    head, tail = xml.split(b"<w:body>", 1)
                    fh.write(head + b"<w:body>")
                    chunk = b" " * (1 << 20)
                    for _ in range(inflated_mb):
                        fh.write(chunk)
                    fh.write(tail)
            else:
                out.writestr(info.filename, src.read(info))
    return buf.getvalue()


def xxe_docx(base: bytes) -> bytes:
    """A docx whose document.xml declares an external entity and uses it."""
    xml = zipfile.ZipFile(io.BytesIO(base)).read("word/document.xml")
    decl, rest = xml.split(b"?>", 1)
    evil = (decl + b'?>\n<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            + rest.replace(b"</w:body>", b"<w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body>", 1))
    return _rezip(base, {"word/document.xml": evil})


GOOD_TEXT = ("ỦY BAN NHÂN DÂN\nXÃ THỬ NGHIỆM\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nThử nghiệm xử lý hàng loạt\n\n"
             "I. MỤC ĐÍCH\n1. Kiểm tra hệ thống.\n2. Hoàn thành trước ngày 30/6/2026.\n")


def build_bad_inbox(inbox) -> dict[str, str | None]:
    """Fill `inbox` with one file of every bad-input kind; returns rel path → expected code
    (None for the good files that must still be processed)."""
    from pathlib import Path
    inbox = Path(inbox)
    (inbox / "sub dir").mkdir(parents=True, exist_ok=True)
    good_docx = docx_bytes(["ỦY BAN NHÂN DÂN XÃ THỬ NGHIỆM", "Số: 12/KH-UBND", "KẾ HOẠCH",
                            "I. MỤC ĐÍCH", "1. Kiểm tra hệ thống."])
    good_pdf = minimal_pdf(["UY BAN NHAN DAN", "So: 12/KH-UBND", "KE HOACH", "I. MUC DICH",
                            "1. Kiem tra he thong."])
    files: dict[str, tuple[bytes, str | None]] = {
        "good.txt": (GOOD_TEXT.encode("utf-8"), None),
        "Kế hoạch số 12 “bản nháp” 'mới' (1).txt": (GOOD_TEXT.encode("utf-8"), None),
        "sub dir/tờ trình; \"quoted\" & <b>.txt": (GOOD_TEXT.encode("utf-16"), None),
        "empty.txt": (b"", "input.empty"),
        "blank.txt": (b"   \n\n  \n", "input.empty"),
        "empty.docx": (b"", "input.empty"),
        "junk.txt": (os.urandom(2048) + b"\x00" * 64, "input.unsupported_format"),
        "mislabelled.pdf": (GOOD_TEXT.encode("utf-8"), "input.unsupported_format"),
        "mislabelled.docx": (GOOD_TEXT.encode("utf-8"), "input.unsupported_format"),
        "unknown.xyz": (GOOD_TEXT.encode("utf-8"), "input.unsupported_format"),
        "corrupt.docx": (b"PK\x03\x04" + os.urandom(3000), "input.corrupt"),
        "truncated.docx": (good_docx[: len(good_docx) * 2 // 3], "input.corrupt"),
        "truncated.pdf": (good_pdf[: len(good_pdf) // 2], "input.corrupt"),
        "encrypted.pdf": (minimal_pdf(["Mat khau"], user_password="bi-mat"), "input.encrypted"),
        "zip-bomb.docx": (zip_bomb_docx(good_docx), "input.unsafe"),
        "xxe.docx": (xxe_docx(good_docx), "input.unsafe"),
        "sub dir/tên lạ 'x' \"y\".pdf": (b"%PDF-1.4\n" + os.urandom(500), "input.corrupt"),
    }
    expected = {}
    for rel, (data, code) in files.items():
        (inbox / rel).write_bytes(data)
        expected[rel] = code
    return expected
