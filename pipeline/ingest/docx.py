"""Word .docx: body paragraphs and tables in reading order, with Word's auto-numbers.

- A paragraph is one line (soft breaks become lines in `build_source`).  When Word
  numbers it (w:numPr, directly or through its style), the label Word draws is
  prefixed ("1.2. " + text) and recorded in `LineMeta.auto_label`.
- Layout tables (the two-column header, Nơi nhận / signature blocks) give each cell's
  paragraphs their own lines, left cell before right cell: parse/header.py works on
  those lines.  Data tables (schedules STT | Ngày | Công việc | Đơn vị) give one line
  per row, cells joined by " | ", `in_table=True`.
- Runs typed in legacy fonts (.VnTime, VNI-Times) are converted to Unicode.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline.errors import InputError
from pipeline.ingest import ReaderOutput, legacy, zipsafe
from pipeline.ingest.docx_numbering import NS, W, Numberer, Numbering, part_root, w_val
from pipeline.model import LineMeta

MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_P, _TBL, _SDT, _TR, _TC = (f"{{{W}}}{t}" for t in ("p", "tbl", "sdt", "tr", "tc"))
_R, _T, _TAB, _BR, _CR = (f"{{{W}}}{t}" for t in ("r", "t", "tab", "br", "cr"))
_NBH, _SOFTHY, _SYM = f"{{{W}}}noBreakHyphen", f"{{{W}}}softHyphen", f"{{{W}}}sym"
_TXBX = f"{{{W}}}txbxContent"
# Subtrees whose text Word does not show in the flow of this paragraph.
_SKIP = {f"{{{W}}}{t}" for t in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText",
                                 "footnoteReference", "endnoteReference")} | {_TXBX, f"{{{MC}}}Fallback"}
_WVAL = f"{{{W}}}val"
# A paragraph holding one of these needs the careful walk of `_collect` (tracked
# deletions, text boxes, alternate content, hidden runs); any other is read by `_plain_text`.
_CAREFUL = (f"{{{W}}}del", f"{{{W}}}moveFrom", _TXBX, f"{{{MC}}}Fallback", f"{{{W}}}vanish")
_PSTYLE, _NUMPR, _NUMID, _ILVL = (f"{{{W}}}{t}" for t in ("pStyle", "numPr", "numId", "ilvl"))
# Per-run and per-paragraph lookups, in Clark notation (no prefix resolution per call).
_PPR, _RPR, _VANISH, _RFONTS = (f"{{{W}}}{t}" for t in ("pPr", "rPr", "vanish", "rFonts"))
# A first row that names a schedule table.
TABLE_HEAD_RE = re.compile(r"^(stt|tt|số\s*tt|thứ\s*tự)\.?$", re.I)
DATA_TABLE_MIN_COLS = 3


@dataclass
class StyleInfo:
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    font: str | None = None


@dataclass
class Styles:
    styles: dict[str, StyleInfo] = field(default_factory=dict)
    default_para: str | None = None
    default_font: str | None = None
    _numbering_memo: dict = field(default_factory=dict, repr=False)
    _font_memo: dict = field(default_factory=dict, repr=False)

    @classmethod
    def from_xml(cls, xml) -> "Styles":
        """From styles.xml: its bytes or its parsed root element."""
        from lxml import etree
        out = cls()
        if xml is None or isinstance(xml, (bytes, str)) and not xml:
            return out
        root = part_root(xml)
        fonts = root.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
        if fonts is not None:
            out.default_font = fonts.get(f"{{{W}}}ascii") or fonts.get(f"{{{W}}}hAnsi")
        for st in root.findall("w:style", NS):
            sid = st.get(f"{{{W}}}styleId")
            info = StyleInfo()
            based = st.find("w:basedOn", NS)
            info.based_on = based.get(_WVAL) if based is not None else None
            num = st.find("w:pPr/w:numPr", NS)
            if num is not None:
                nid, lvl = num.find("w:numId", NS), num.find("w:ilvl", NS)
                info.num_id = nid.get(_WVAL) if nid is not None else None
                info.ilvl = int(lvl.get(_WVAL)) if lvl is not None else None
            rf = st.find("w:rPr/w:rFonts", NS)
            if rf is not None:
                info.font = rf.get(f"{{{W}}}ascii") or rf.get(f"{{{W}}}hAnsi")
            out.styles[sid] = info
            if st.get(f"{{{W}}}type") == "paragraph" and st.get(f"{{{W}}}default") in ("1", "true"):
                out.default_para = sid
        return out

    def _chain(self, sid: str | None):
        seen = set()
        while sid and sid in self.styles and sid not in seen:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on

    def numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        # Asked once per paragraph with a handful of distinct styles: remembered.
        try:
            return self._numbering_memo[sid]
        except KeyError:
            self._numbering_memo[sid] = out = self._numbering(sid)
            return out

    def _numbering(self, sid: str | None) -> tuple[str | None, int | None]:
        num_id = ilvl = None
        for st in self._chain(sid or self.default_para):
            if num_id is None and st.num_id is not None:
                num_id = st.num_id
            if ilvl is None and st.ilvl is not None:
                ilvl = st.ilvl
        return num_id, ilvl

    def font(self, sid: str | None) -> str | None:
        try:
            return self._font_memo[sid]
        except KeyError:
            self._font_memo[sid] = out = self._font(sid)
            return out

    def _font(self, sid: str | None) -> str | None:
        for st in self._chain(sid):
            if st.font:
                return st.font
        return None

    def num_ids(self) -> dict[str, str]:
        return {sid: st.num_id for sid, st in self.styles.items() if st.num_id}


class _Reader:
    def __init__(self, numbering: Numbering, styles: Styles, legacy_fonts: bool = True,
                 careful: set | None = None):
        self.numberer = Numberer(numbering)
        self.styles = styles
        # False when no font of the document is a legacy one: no run needs converting,
        # so no run's font needs resolving.
        self.legacy_fonts = legacy_fonts
        # The paragraphs that hold a _CAREFUL element (None: look in each paragraph).
        self.careful = careful
        self.lines: list[str] = []
        self.metas: list[LineMeta] = []
        self.para_no = 0
        self.table_no = 0
        self.legacy_encodings: set[str] = set()
        self.unknown_nums = 0

    # -- paragraphs ---------------------------------------------------------------
    def paragraph_text(self, p) -> tuple[str, str | None]:
        """Text of one paragraph and the auto label Word draws before it."""
        pstyle, num_id, ilvl_s = _paragraph_props(next(p.iterchildren(_PPR), None))
        st_num, st_ilvl = self.styles.numbering(pstyle)
        if num_id is None:
            num_id = st_num
        ilvl = int(ilvl_s) if ilvl_s is not None else (st_ilvl or 0)
        plain = (p not in self.careful) if self.careful is not None else next(p.iter(*_CAREFUL), None) is None
        if plain and not self.legacy_fonts:
            text = _plain_text(p)
        else:
            para_font = (self.styles.font(pstyle) or self.styles.font(self.styles.default_para)
                         or self.styles.default_font)
            parts: list[str] = []
            self._collect(p, parts, para_font)
            text = "".join(parts)
        label = None
        if num_id and num_id != "0":
            got = self.numberer.label(num_id, ilvl)
            if got is None and num_id not in self.numberer.numbering.nums:
                self.unknown_nums += 1
            if got and got[0]:
                label = got[0]
        return text, label

    def _collect(self, el, parts: list[str], para_font: str | None) -> None:
        for child in el:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _R:
                self._run(child, parts, para_font)
            else:
                self._collect(child, parts, para_font)

    def _run(self, r, parts: list[str], para_font: str | None) -> None:
        rpr = r.find(_RPR)
        if rpr is not None:
            vanish = rpr.find(_VANISH)
            if vanish is not None and vanish.get(_WVAL) not in ("0", "false"):
                return
        font = _run_font(rpr, self.styles) or para_font
        text = "".join(_piece(child) for child in r.iter(*_PIECES))
        converted, enc = legacy.convert_run(text, font)
        if enc:
            self.legacy_encodings.add(enc)
        parts.append(converted)

    def emit_paragraph(self, p, origin: str | None = None) -> None:
        self.para_no += 1
        text, label = self.paragraph_text(p)
        if label:
            text = label + text.lstrip()
        auto = label.strip() if label else None      # "-" for a Word bullet
        self.lines.append(text)
        self.metas.append(LineMeta(origin=origin or f"đoạn {self.para_no}", auto_label=auto))
        self._text_boxes(p)

    def _text_boxes(self, p) -> None:
        """Paragraphs in text boxes anchored to `p` (once: mc:Fallback repeats them)."""
        if self.careful is not None and p not in self.careful:
            return              # a text box is a _CAREFUL element: none in this paragraph
        for box in p.iter(_TXBX):
            if any(a.tag == f"{{{MC}}}Fallback" for a in box.iterancestors()):
                continue
            for inner in box.iter(_P):
                text, label = self.paragraph_text(inner)
                if text.strip():
                    self.lines.append((label or "") + text)
                    self.metas.append(LineMeta(origin=f"khung chữ ở đoạn {self.para_no}"))

    # -- tables -------------------------------------------------------------------
    def emit_table(self, tbl) -> None:
        self.table_no += 1
        rows = [tr for tr in tbl if tr.tag == _TR]
        ncols = max((len(_cells(tr)) for tr in rows), default=0)
        first = _cells(rows[0]) if rows else []
        first_text = self.cell_text(first[0]).strip() if first else ""
        is_data = ncols >= DATA_TABLE_MIN_COLS or bool(TABLE_HEAD_RE.match(first_text))
        for r_i, tr in enumerate(rows, 1):
            cells = _cells(tr)
            if is_data:
                texts = [self.cell_text(tc).replace("\n", " ").strip() for tc in cells]
                if not any(texts):
                    continue
                self.lines.append(" | ".join(texts))
                self.metas.append(LineMeta(origin=f"bảng {self.table_no}, hàng {r_i}", in_table=True))
                continue
            for c_i, tc in enumerate(cells, 1):
                self.emit_block(tc, lambda n, r=r_i, c=c_i, t=self.table_no: f"bảng {t}, hàng {r}, ô {c}")

    def cell_text(self, tc) -> str:
        parts = []
        for child in tc.iter(_P):
            if any(a.tag == _TXBX for a in child.iterancestors()):
                continue
            text, label = self.paragraph_text(child)
            parts.append(((label or "") + text).strip())
        return " ".join(p for p in parts if p)

    def emit_block(self, parent, origin=None) -> None:
        """Paragraphs and tables of the body, a cell or a content control, in order."""
        for child in parent:
            tag = child.tag
            if tag == _P:
                self.emit_paragraph(child, origin(self.para_no + 1) if origin else None)
            elif tag == _TBL:
                self.emit_table(child)
            elif tag == _SDT:
                content = child.find("w:sdtContent", NS)
                if content is not None:
                    self.emit_block(content, origin)
            elif tag in (f"{{{W}}}customXml", f"{{{W}}}ins", f"{{{W}}}moveTo"):
                self.emit_block(child, origin)


_PIECES = (_T, _TAB, _BR, _CR, _NBH, _SYM)


def _piece(el) -> str:
    """What one text-bearing element of a run draws."""
    tag = el.tag
    if tag == _T:
        return el.text or ""
    if tag == _TAB:
        return "\t"
    if tag == _BR or tag == _CR:
        return "\n"
    if tag == _NBH:
        return "-"
    return _symbol(el)


def _plain_text(p) -> str:
    """The text of a paragraph with nothing hidden, deleted or boxed in it, and no legacy
    font: its pieces in document order, as `_collect` finds them run by run, without the
    per-run work (one lxml walk of the paragraph: visiting each run from Python costs more
    than the text).  Pieces sit in runs (w:r); the one exception, a tab stop of
    w:pPr/w:tabs, is no tab."""
    return "".join([(el.text or "") if el.tag == _T else _piece(el) for el in p.iter(*_PIECES)
                    if el.tag != _TAB or el.getparent().tag == _R])


def _paragraph_props(ppr) -> tuple[str | None, str | None, str | None]:
    """pStyle, numPr/numId and numPr/ilvl of a paragraph's w:pPr, in one pass over it."""
    pstyle = num_id = ilvl = None
    if ppr is None:
        return None, None, None
    # iterchildren filters by tag in C: only the wanted children become Python objects.
    for child in ppr.iterchildren(_PSTYLE, _NUMPR):
        if child.tag == _PSTYLE:
            pstyle = child.get(_WVAL)
        else:
            for sub in child.iterchildren(_NUMID, _ILVL):
                if sub.tag == _NUMID:
                    num_id = sub.get(_WVAL)
                else:
                    ilvl = sub.get(_WVAL)
    return pstyle, num_id, ilvl


def _cells(tr) -> list:
    out = []
    for child in tr:
        if child.tag == _TC:
            out.append(child)
        elif child.tag in (_SDT, f"{{{W}}}customXml"):
            out.extend(child.iter(_TC))
    return out


def _run_font(rpr, styles: Styles) -> str | None:
    if rpr is None:
        return None
    rf = rpr.find(_RFONTS)
    if rf is not None:
        font = rf.get(f"{{{W}}}ascii") or rf.get(f"{{{W}}}hAnsi")
        if font:
            return font
    return styles.font(w_val(rpr, "w:rStyle"))


def _symbol(sym) -> str:
    """w:sym draws a glyph of a symbol font; private-use codes (F0xx) mean the low byte."""
    code = sym.get(f"{{{W}}}char") or ""
    try:
        n = int(code, 16)
    except ValueError:
        return ""
    if 0xF000 <= n <= 0xF0FF:
        n -= 0xF000
    return chr(n) if n >= 0x20 else ""


def _has_legacy_font(body, styles: Styles) -> bool:
    """Whether any font the document names (default, styles, runs) is a legacy one."""
    names = {styles.default_font} | {st.font for st in styles.styles.values()} | set(_RUN_FONTS(body))
    return any(legacy.font_encoding(n) for n in names)


# The ascii and hAnsi font names of every w:rFonts below a node, as plain strings.
_RUN_FONTS = etree.XPath(".//w:rFonts/@w:ascii | .//w:rFonts/@w:hAnsi", namespaces=NS, smart_strings=False)


def _careful_paragraphs(body) -> set:
    """The paragraphs that hold a _CAREFUL element: the ancestors of each (a handful per
    document), found in one walk instead of one walk per paragraph.  The set keeps these
    elements alive, so lxml hands the reader the very same objects."""
    out: set = set()
    for el in body.iter(*_CAREFUL):
        out.update(el.iterancestors(_P))
    return out


def _part_xml(doc, suffix: str):
    """The XML of the document's part related by `suffix`: the element python-docx has
    already parsed (its XmlPart), else the part's bytes; None when there is no such part.
    Reusing the element spares serialising it back to bytes and parsing those again."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith(suffix) and not rel.is_external:
            part = rel.target_part
            element = getattr(part, "element", None)
            return element if element is not None else part.blob
    return None


def read(data: bytes, path: Path, settings) -> ReaderOutput:
    if zipsafe.is_ole2(data) and not zipsafe.is_encrypted_ole(data):
        # A Word 97 file saved with the .docx extension: read it as what it is.
        from pipeline.ingest import doc as doc_reader
        return doc_reader.read(data, path, settings)
    zipsafe.open_checked(data, path)
    import docx  # python-docx, imported late: only .docx input needs it
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for a broken package
        raise InputError("input.corrupt", f"“{path.name}”: tệp .docx hỏng, không mở được ({type(exc).__name__})") from exc
    styles = Styles.from_xml(_part_xml(document, "/styles"))
    numbering = Numbering.from_xml(_part_xml(document, "/numbering"), styles.num_ids())
    body = document.element.body
    reader = _Reader(numbering, styles, _has_legacy_font(body, styles), _careful_paragraphs(body))
    reader.emit_block(body)
    lines, metas = reader.lines, reader.metas
    encoding = None
    if reader.legacy_encodings:
        encoding = sorted(reader.legacy_encodings)[0]
    else:
        # Mojibake without a telling font name (the font was changed, the bytes were not).
        whole, enc = legacy.convert_if_legacy("\n".join(lines))
        if enc:
            lines, encoding = whole.split("\n"), enc
    diagnostics = ()
    if reader.unknown_nums:
        diagnostics = (f"{reader.unknown_nums} đoạn đánh số tự động trỏ tới danh sách không có trong numbering.xml",)
    return ReaderOutput(lines=lines, metas=metas, encoding=encoding, diagnostics=diagnostics)
