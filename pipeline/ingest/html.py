"""Word "Save as Web Page" .htm (and plain HTML): paragraphs and tables in order.

Word writes list numbers as real text inside `<![if !supportLists]> ... <![endif]>`
(for browsers without list support); html.parser hands that text to us as ordinary
data, so the labels Word rendered are kept.  Conditional comments (`<!--[if gte mso
9]>`), scripts, styles and the <head> are dropped.  Tables follow the docx rule:
layout tables give each cell's paragraphs their own lines, data tables one line per row.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from pipeline.errors import InputError
from pipeline.ingest import ReaderOutput, legacy
from pipeline.model import LineMeta

CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w:.-]+)""", re.I)
SPACE_RE = re.compile(r"[ \t\r\n\f\u00a0]+")
TABLE_HEAD_RE = re.compile(r"^(stt|tt|số\s*tt|thứ\s*tự)\.?$", re.I)
DATA_TABLE_MIN_COLS = 3
BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre",
              "address", "dt", "dd", "center", "section", "article", "header", "footer"}
SKIP_TAGS = {"script", "style", "head", "title", "noscript", "template", "object", "xml"}
VOID_TAGS = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr"}


class _Table:
    def __init__(self):
        self.rows: list[list[list[str]]] = []   # row → cell → paragraphs

    def start_row(self):
        self.rows.append([])

    def start_cell(self):
        if not self.rows:
            self.start_row()
        self.rows[-1].append([])


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[tuple[str, str, bool]] = []   # (text, origin, in_table)
        self.buf: list[str] = []
        self.skip = 0
        self.tables: list[_Table] = []
        self.table_no = 0
        self.para_no = 0

    # -- text accumulation ---------------------------------------------------------
    def _flush(self):
        text = SPACE_RE.sub(" ", "".join(self.buf)).strip()
        self.buf = []
        if self.tables:
            t = self.tables[-1]
            if not t.rows or not t.rows[-1]:
                t.start_cell()
            if text:
                t.rows[-1][-1].append(text)
            return
        self.para_no += 1
        self.blocks.append((text, f"đoạn {self.para_no}", False))

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
            return
        if self.skip:
            return
        if tag in BLOCK_TAGS:
            if "".join(self.buf).strip():
                self._flush()
            else:
                self.buf = []
        elif tag == "br":
            self._flush()
        elif tag == "table":
            if "".join(self.buf).strip():
                self._flush()
            self.buf = []
            self.tables.append(_Table())
        elif tag == "tr" and self.tables:
            self.buf = []
            self.tables[-1].start_row()
        elif tag in ("td", "th") and self.tables:
            self.buf = []
            self.tables[-1].start_cell()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in BLOCK_TAGS or tag in ("td", "th"):
            if "".join(self.buf).strip():
                self._flush()
            self.buf = []
        elif tag == "table" and self.tables:
            if "".join(self.buf).strip():
                self._flush()
            self.buf = []
            self._close_table(self.tables.pop())

    def handle_data(self, data):
        if not self.skip:
            self.buf.append(data)

    def close(self):
        super().close()
        while self.tables:
            self._close_table(self.tables.pop())
        if "".join(self.buf).strip():
            self._flush()

    # -- tables ----------------------------------------------------------------------
    def _close_table(self, table: _Table):
        rows = [r for r in table.rows if any(any(p for p in c) for c in r)]
        if self.tables:      # nested: the inner table becomes paragraphs of the outer cell
            outer = self.tables[-1]
            if not outer.rows or not outer.rows[-1]:
                outer.start_cell()
            for r in rows:
                outer.rows[-1][-1].append(" | ".join(" ".join(c) for c in r))
            return
        self.table_no += 1
        ncols = max((len(r) for r in rows), default=0)
        first = " ".join(rows[0][0]).strip() if rows and rows[0] else ""
        is_data = ncols >= DATA_TABLE_MIN_COLS or bool(TABLE_HEAD_RE.match(first))
        for r_i, row in enumerate(rows, 1):
            if is_data:
                self.blocks.append((" | ".join(" ".join(c) for c in row),
                                    f"bảng {self.table_no}, hàng {r_i}", True))
                continue
            for c_i, cell in enumerate(row, 1):
                for para in cell:
                    self.blocks.append((para, f"bảng {self.table_no}, hàng {r_i}, ô {c_i}", False))


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    m = CHARSET_RE.search(data[:8192])
    declared = m.group(1).decode("ascii", "replace").lower() if m else None
    for enc in (declared, "utf-8", "cp1258"):
        if not enc:
            continue
        try:
            return data.decode(enc), enc
        except (LookupError, UnicodeDecodeError):
            continue
    raise InputError("input.encoding", f"“{name}”: không xác định được bảng mã của trang HTML")


def read(data: bytes, path: Path, settings) -> ReaderOutput:
    text, enc = decode_html(data, path.name)
    parser = _Parser()
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError) as exc:   # html.parser is lenient; this is a last resort
        raise InputError("input.corrupt", f"“{path.name}”: HTML hỏng, không phân tích được") from exc
    lines = [b[0] for b in parser.blocks if b[0]]
    metas = [LineMeta(origin=b[1], in_table=b[2]) for b in parser.blocks if b[0]]
    converted, legacy_enc = legacy.convert_if_legacy("\n".join(lines))
    if legacy_enc:
        lines, enc = converted.split("\n"), legacy_enc
    return ReaderOutput(lines=lines, metas=metas, encoding=enc)
