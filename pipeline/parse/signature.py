"""The tail of a document: Nơi nhận / Kính gửi recipients and the signature block.

The body ends at the first "Nơi nhận:" (or at the signature when there is none):
blank forms and annexes that follow a signed plan restart their own numbering and
are not part of its section tree.
"""
from __future__ import annotations

import re

from pipeline.model import Signature
from pipeline.parse.cells import cells
from pipeline.text import is_upper_line, squash

# "Nơi nhận:" alone, or followed by the first recipient ("Nơi nhận: - Như trên;").
# "Nơi nhận hồ sơ: Văn phòng …" in running text is not the recipients block.
NOI_NHAN_RE = re.compile(r"^Nơi\s+nhận\s*:?\s*(?=$|[-–+•])", re.I)
KINH_GUI_RE = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.I)
# TM. KT. Q. TL. TUQ. (State); T/M K/T (Party); written before the collective or title.
AUTHORITY_RE = re.compile(r"^(?P<a>TM\.|KT\.|Q\.|TL\.|TUQ\.|T/M|K/T|T\.M\.?|K\.T\.?)\s*(?P<rest>.*)$")
SIGNED_MARK_RE = re.compile(r"^\(?\s*(đã ký|Đã ký|ký|Ký)[^)]*\)?\.?$|^\(Ký.*\)$|^\(.*đóng dấu.*\)$", re.I)
# A person's name: 2–6 capitalised words, no digits (Nguyễn Văn Lợi).
NAME_RE = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\wÀ-ỹ]*\s+){1,5}"
                     r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\wÀ-ỹ]*$")
TAIL_SCAN = 45
BULLET_CHARS = "-–+•"


def _bullet_text(c: str) -> str | None:
    if c[:1] in BULLET_CHARS:
        return squash(c[1:]).rstrip(";,.")
    return None


def _is_name(c: str) -> bool:
    return bool(NAME_RE.match(c)) and not is_upper_line(c)


def find_noi_nhan(lines: tuple[str, ...], body_start: int) -> int | None:
    """The 1-based line of the first "Nơi nhận" block after the body starts."""
    for i in range(max(body_start - 1, 0), len(lines)):
        row = cells(lines[i])
        # The recipients are the left column of the closing block: a "Nơi nhận" further right
        # is a table's cell ("9a, 9b | : | Nơi nhận" in the table of a format's parts,
        # law_nghi-dinh-30-2020_phu-luc-I…:136), not the block.
        if row and NOI_NHAN_RE.match(row[0]):
            return i + 1
    return None


def parse_tail(lines: tuple[str, ...], body_start: int) -> tuple[tuple[str, ...], Signature | None, int]:
    """Return (recipients, signature, body_end)."""
    n = len(lines)
    body_end = n
    recipients: list[str] = []
    noi_nhan = find_noi_nhan(lines, body_start)
    sig_cells: list[tuple[int, str]] = []
    if noi_nhan:
        body_end = noi_nhan - 1
        recipients, sig_cells = _read_block(lines, noi_nhan)
        # Signature lines may sit just above "Nơi nhận" when the two columns interleave.
        for i in range(noi_nhan - 2, max(body_start, noi_nhan - 6) - 1, -1):
            row = cells(lines[i])
            if row and AUTHORITY_RE.match(row[-1]):
                sig_cells.insert(0, (i + 1, row[-1]))
                body_end = min(body_end, i)
                break
            if row and not is_upper_line(" ".join(row)):
                break
    else:
        lo = max(body_start, n - TAIL_SCAN)
        for i in range(lo - 1, n):
            row = cells(lines[i])
            if row and AUTHORITY_RE.match(row[-1]):
                body_end = i
                for k in range(i, min(n, i + 25)):
                    for c in cells(lines[k]):
                        sig_cells.append((k + 1, c))
                break
        if not sig_cells:
            found = _signature_before_annex(lines, body_start, lo - 1)
            if found:
                body_end, sig_cells = found
        if not sig_cells:
            # A bare block of capitals followed by a name at the very end.
            tail = [(i + 1, c) for i in range(max(lo - 1, n - 12), n) for c in cells(lines[i])]
            if tail and _is_name(tail[-1][1]):
                k = len(tail) - 2
                while k >= 0 and (is_upper_line(tail[k][1]) or SIGNED_MARK_RE.match(tail[k][1])
                                  or len(tail[k][1]) < 12):
                    k -= 1
                sig_cells = tail[k + 1:]
                if sig_cells:
                    body_end = sig_cells[0][0] - 1
    recipients = _kinh_gui(lines, body_start) + recipients
    return tuple(r for r in recipients if r), _signature(sig_cells), body_end


# How far below its authority line a signer's name is looked for (the signing space
# and a "(đã ký)" mark in between).
SIGNER_SPAN = 15


def _signature_before_annex(lines: tuple[str, ...], body_start: int,
                            stop: int) -> tuple[int, list[tuple[int, str]]] | None:
    """A signature block well before the end, when no "Nơi nhận" marks it: a resolution
    signed "TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI / CHỦ TỊCH / Trần Thanh Mẫn" and followed by a
    long appendix of forms (nq_ubtvqh-101-2025-UBTVQH15 …:148-160, then 366 lines of forms).

    The authority line must be in capitals ("TM. ỦY BAN …", or "KT. " with the title in
    capitals on the next lines) and a person's name must follow within SIGNER_SPAN lines,
    so that a "TM." in running text is no signature.  Returns (body_end, signature cells
    down to the name), or None."""
    for i in range(max(body_start - 1, 0), stop):
        row = cells(lines[i])
        m = AUTHORITY_RE.match(row[-1]) if row else None
        if m is None:
            continue
        if m.group("rest") and not is_upper_line(m.group("rest")):
            continue
        block: list[tuple[int, str]] = []
        for k in range(i, min(len(lines), i + SIGNER_SPAN)):
            for c in cells(lines[k]):
                block.append((k + 1, c))
                if k > i and _is_name(c):
                    if not any(is_upper_line(t) for ln, t in block[1:-1]) and not m.group("rest"):
                        return None          # "KT." with no title in capitals: not a block
                    return i, block
    return None


def _read_block(lines: tuple[str, ...], noi_nhan: int) -> tuple[list[str], list[tuple[int, str]]]:
    """Split the block from "Nơi nhận" on into recipients (left) and signature cells (right).

    A recipient wrapped onto the next line ("- Uỷ ban Kiểm tra Đảng uỷ, Ban xây dựng
    Đảng," / "VP Đảng uỷ;") continues the previous one; the block ends at the first
    line that is neither, once a signer's name has been seen and a gap follows.
    """
    n = len(lines)
    recipients: list[str] = []
    sig: list[tuple[int, str]] = []
    open_item = False
    named = False
    blank_run = 0
    for i in range(noi_nhan - 1, min(n, noi_nhan + 60)):
        row = cells(lines[i])
        if not row:
            blank_run += 1
            if named and blank_run >= 3:
                break
            continue
        blank_run = 0
        for j, c in enumerate(row):
            m = NOI_NHAN_RE.match(c)
            if m:
                rest = c[m.end():].strip()
                b = _bullet_text(rest) if rest else None
                if b:
                    recipients.append(b)
                    open_item = not rest.rstrip().endswith((";", "."))
                continue
            left = j == 0 or len(row) == 1
            b = _bullet_text(c)
            if b is not None and left and not named:
                recipients.append(b)
                open_item = not c.rstrip().endswith((";", "."))
            elif left and not named and (c.startswith(("Lưu", "- Lưu")) or
                                         (not is_upper_line(c) and not AUTHORITY_RE.match(c)
                                          and not _is_name(c) and not SIGNED_MARK_RE.match(c)
                                          and (open_item or c.rstrip().endswith((";", ","))))):
                if open_item and recipients and not c.startswith("Lưu"):
                    recipients[-1] = f"{recipients[-1]} {c.rstrip(';,.')}"
                else:
                    recipients.append(c.rstrip(";,."))
                open_item = not c.rstrip().endswith((";", "."))
            else:
                sig.append((i + 1, c))
                if _is_name(c):
                    named = True
    return recipients, sig


def _kinh_gui(lines: tuple[str, ...], body_start: int) -> list[str]:
    """Kính gửi recipients in the header (Công văn)."""
    n = len(lines)
    out: list[str] = []
    for i in range(0, min(n, body_start + 15)):
        row = cells(lines[i])
        if row and KINH_GUI_RE.match(row[0]):
            rest = KINH_GUI_RE.match(row[0]).group("rest").strip()
            if rest:
                out.append(rest.lstrip("-– ").rstrip(";,."))
            for k in range(i + 1, min(n, i + 12)):
                r = cells(lines[k])
                if not r:
                    continue
                c = r[-1]
                if _bullet_text(c) is not None:
                    out.append(_bullet_text(c))
                elif c.rstrip().endswith((";", ".")) and len(c) < 120 and not c.startswith(("Căn cứ", "Thực hiện")):
                    out.append(c.rstrip(";,."))
                else:
                    break
            break
    return out


def _signature(sig_cells: list[tuple[int, str]]) -> Signature | None:
    if not sig_cells:
        return None
    items = [(ln, c) for ln, c in sig_cells if not SIGNED_MARK_RE.match(c)]
    signer = None
    for k in range(len(items) - 1, -1, -1):
        if _is_name(items[k][1]):
            signer = items[k][1]
            # A title written under the name ("Nguyễn Văn Hoàn / TRƯỞNG BAN …") is dropped
            # from the block: it repeats the signer's post, not the signing authority.
            items = items[:k]
            break
    authority = collective = None
    titles: list[str] = []
    for ln, c in items:
        m = AUTHORITY_RE.match(c)
        if m and authority is None:
            authority = m.group("a")
            if m.group("rest"):
                collective = squash(m.group("rest"))
            continue
        titles.append(c)
    title = squash(" ".join(titles)) or None
    if signer is None and title is None and collective is None:
        return None
    return Signature(signer=signer, title=title or collective, authority=authority,
                     line=sig_cells[0][0], collective=collective)
