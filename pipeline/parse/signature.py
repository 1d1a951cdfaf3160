"""The tail of a document: Nơi nhận / Kính gửi recipients and the signature block."""
from __future__ import annotations

import re

from pipeline.model import Signature
from pipeline.parse.cells import cells
from pipeline.text import is_upper_line, squash

NOI_NHAN_RE = re.compile(r"^Nơi\s+nhận\s*:?", re.I)
KINH_GUI_RE = re.compile(r"^Kính\s+gửi\s*:?\s*(?P<rest>.*)$", re.I)
# TM. KT. Q. TL. TUQ. (State); T/M K/T (Party); written before the collective or title.
AUTHORITY_RE = re.compile(r"^(?P<a>TM\.|KT\.|Q\.|TL\.|TUQ\.|T/M|K/T|T\.M\.?|K\.T\.?)\s*(?P<rest>.*)$")
SIGNED_MARK_RE = re.compile(r"^\(?\s*(đã ký|Đã ký|ký|Ký)[^)]*\)?\.?$|^\(Ký.*\)$|^\(.*đóng dấu.*\)$", re.I)
# A person's name: 2–6 capitalised words, no digits (Nguyễn Văn Lợi).
NAME_RE = re.compile(r"^(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\wÀ-ỹ]*\s+){1,5}"
                     r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\wÀ-ỹ]*$")
TAIL_SCAN = 45


def _bullet_text(c: str) -> str | None:
    if c[:1] in "-–+•":
        return squash(c[1:]).rstrip(";,.")
    return None


def parse_tail(lines: tuple[str, ...], body_start: int) -> tuple[tuple[str, ...], Signature | None, int]:
    """Return (recipients, signature, body_end)."""
    n = len(lines)
    body_end = n
    recipients: list[str] = []
    noi_nhan = None
    for i in range(n - 1, max(body_start - 1, n - 80) - 1, -1):
        row = cells(lines[i])
        if row and any(NOI_NHAN_RE.match(c) for c in row):
            noi_nhan = i + 1
            break
    sig_cells: list[tuple[int, str]] = []
    if noi_nhan:
        body_end = noi_nhan - 1
        start = noi_nhan
        for i in range(noi_nhan - 1, n):
            row = cells(lines[i])
            for j, c in enumerate(row):
                if NOI_NHAN_RE.match(c):
                    rest = NOI_NHAN_RE.sub("", c).strip()
                    if rest and _bullet_text(rest):
                        recipients.append(_bullet_text(rest))
                    continue
                b = _bullet_text(c)
                if b is not None and (j == 0 or len(row) == 1):
                    recipients.append(b)
                elif c.startswith("Lưu") and j == 0:
                    recipients.append(c.rstrip("."))
                else:
                    sig_cells.append((i + 1, c))
        # Signature lines may sit just above "Nơi nhận" when the two columns interleave.
        for i in range(noi_nhan - 2, max(body_start, noi_nhan - 6) - 1, -1):
            row = cells(lines[i])
            if row and AUTHORITY_RE.match(row[-1]):
                sig_cells.insert(0, (i + 1, row[-1]))
                body_end = min(body_end, i)
                break
            if row and not is_upper_line(" ".join(row)):
                break
        _ = start
    else:
        lo = max(body_start, n - TAIL_SCAN)
        for i in range(lo - 1, n):
            row = cells(lines[i])
            if row and AUTHORITY_RE.match(row[-1]):
                body_end = i
                for k in range(i, n):
                    for c in cells(lines[k]):
                        sig_cells.append((k + 1, c))
                break
        if not sig_cells:
            # A bare block of capitals followed by a name at the very end.
            tail = [(i + 1, c) for i in range(max(lo - 1, n - 12), n) for c in cells(lines[i])]
            if tail and NAME_RE.match(tail[-1][1]):
                k = len(tail) - 2
                while k >= 0 and (is_upper_line(tail[k][1]) or SIGNED_MARK_RE.match(tail[k][1])
                                  or len(tail[k][1]) < 12):
                    k -= 1
                sig_cells = tail[k + 1:]
                if sig_cells:
                    body_end = sig_cells[0][0] - 1
    # Kính gửi recipients in the header (Công văn).
    for i in range(0, min(n, body_start + 15)):
        row = cells(lines[i])
        if row and KINH_GUI_RE.match(row[0]):
            rest = KINH_GUI_RE.match(row[0]).group("rest").strip()
            if rest:
                recipients.insert(0, rest.lstrip("-– ").rstrip(";,."))
            for k in range(i + 1, min(n, i + 12)):
                r = cells(lines[k])
                if not r:
                    continue
                c = r[-1]
                if _bullet_text(c) is not None:
                    recipients.append(_bullet_text(c))
                elif c.rstrip().endswith((";", ".")) and len(c) < 120 and not c.startswith(("Căn cứ", "Thực hiện")):
                    recipients.append(c.rstrip(";,."))
                else:
                    break
            break
    return tuple(r for r in recipients if r), _signature(sig_cells), body_end


def _signature(sig_cells: list[tuple[int, str]]) -> Signature | None:
    if not sig_cells:
        return None
    authority = None
    titles: list[str] = []
    signer = None
    line = sig_cells[0][0]
    items = [(ln, c) for ln, c in sig_cells if not SIGNED_MARK_RE.match(c)]
    if items and NAME_RE.match(items[-1][1]) and not is_upper_line(items[-1][1]):
        signer = items[-1][1]
        items = items[:-1]
    for ln, c in items:
        m = AUTHORITY_RE.match(c)
        if m and authority is None:
            authority = m.group("a")
            if m.group("rest"):
                titles.append(m.group("rest"))
            continue
        titles.append(c)
    title = squash(" ".join(titles)) or None
    if signer is None and title is None:
        return None
    return Signature(signer=signer, title=title, authority=authority, line=line)
