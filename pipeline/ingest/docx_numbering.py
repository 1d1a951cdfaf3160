"""Word automatic numbering: the labels Word draws but never stores in the text.

python-docx drops them (its issues #92/#180/#471/#554), yet the `numbering.*` checks
need them.  `Numbering.from_xml` reads numbering.xml; `Numberer.label(num_id, ilvl)`
advances the counters exactly as Word does for one numbered paragraph and returns the
label as Word renders it ("1.2.", "a)", "II.", "- " for bullets).

Word's rules followed here (ECMA-376 §17.9):
- every `w:num` points to an `w:abstractNum`; nums sharing an abstractNum share one
  set of counters (the list continues), unless the num overrides a start value
  (`lvlOverride/startOverride`), which gives it its own counters, restarted once;
- using level L restarts every deeper level k whose `lvlRestart` is absent or > L
  (`lvlRestart` 0 = never restart);
- `%n` in `lvlText` is level n's counter in level n's own format, or in decimal when
  the level being drawn is `isLgl` (legal numbering);
- a level not yet used shows its start value.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
_VAL = f"{{{W}}}val"

BULLET_LABEL = "- "


def clark(path: str) -> str:
    """"w:numPr/w:numId" → "{…main}numPr/{…main}numId": the same lookup without lxml
    resolving the prefix on every call (readers look up a few paths thousands of times)."""
    try:
        return _CLARK[path]
    except KeyError:
        _CLARK[path] = out = "/".join(f"{{{W}}}{p[2:]}" if p.startswith("w:") else p for p in path.split("/"))
        return out


_CLARK: dict[str, str] = {}


def part_root(xml):
    """The root element of a part given as bytes (parsed here, never resolving entities) or
    as an element already parsed."""
    if isinstance(xml, (bytes, str)):
        return etree.fromstring(xml, etree.XMLParser(resolve_entities=False, no_network=True))
    return xml


def w_val(el, path: str, default=None):
    """The w:val of the element at `path` below `el` (`default` when either is missing)."""
    found = el.find(clark(path)) if el is not None else None
    if found is None:
        return default
    return found.get(_VAL, default)


@dataclass
class Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    restart: int | None = None     # lvlRestart; None = default rule
    is_lgl: bool = False
    suffix: str = "tab"


@dataclass
class NumDef:
    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


_LEVEL_PROPS = {f"{{{W}}}{t}": t for t in ("start", "numFmt", "lvlText", "lvlRestart", "isLgl", "suff")}


def _parse_level(lvl) -> Level:
    # One pass over the level's children (a numbering.xml holds hundreds of levels).
    vals: dict[str, str] = {}
    for child in lvl:
        name = _LEVEL_PROPS.get(child.tag)
        if name is not None and name not in vals:
            vals[name] = child.get(_VAL, _LEVEL_DEFAULTS[name])
    restart = vals.get("lvlRestart")
    return Level(
        start=int(vals.get("start") or 1),
        fmt=vals.get("numFmt") or "decimal",
        text=vals.get("lvlText") or "",
        restart=int(restart) if restart is not None else None,
        is_lgl="isLgl" in vals and vals["isLgl"] not in ("0", "false"),
        suffix=vals.get("suff") or "tab",
    )


# The value an element stands for when it is present without w:val.
_LEVEL_DEFAULTS = {"start": "1", "numFmt": "decimal", "lvlText": "", "lvlRestart": None, "isLgl": "1", "suff": "tab"}


@dataclass
class Numbering:
    abstracts: dict[str, dict[int, Level]]
    nums: dict[str, NumDef]
    style_links: dict[str, str] = field(default_factory=dict)   # abstractId → linked style id
    # abstractId → its w:abstractNum, parsed into `abstracts` when first used: a
    # numbering.xml holds dozens of lists of nine levels, a document uses a few.
    unparsed: dict[str, object] = field(default_factory=dict, repr=False)

    @classmethod
    def from_xml(cls, xml, style_num_ids: dict[str, str] | None = None) -> "Numbering":
        """Parse numbering.xml.  `style_num_ids` maps a style id to the numId in its pPr,
        used to resolve `numStyleLink` (an abstractNum that borrows another's levels).
        `xml`: the part's bytes or its parsed root element."""
        if xml is None or isinstance(xml, (bytes, str)) and not xml:
            return cls({}, {})
        root = part_root(xml)
        unparsed: dict[str, object] = {}
        links: dict[str, str] = {}
        for an in root.findall("w:abstractNum", NS):
            aid = an.get(f"{{{W}}}abstractNumId")
            unparsed[aid] = an
            link = w_val(an, "w:numStyleLink")
            if link:
                links[aid] = link
        nums: dict[str, NumDef] = {}
        for num in root.findall("w:num", NS):
            nd = NumDef(w_val(num, "w:abstractNumId", ""))
            for ov in num.findall("w:lvlOverride", NS):
                ilvl = int(ov.get(f"{{{W}}}ilvl", "0"))
                so = w_val(ov, "w:startOverride")
                if so is not None:
                    nd.start_overrides[ilvl] = int(so)
                lv = ov.find("w:lvl", NS)
                if lv is not None:
                    nd.level_overrides[ilvl] = _parse_level(lv)
            nums[num.get(f"{{{W}}}numId")] = nd
        numbering = cls({}, nums, links, unparsed)
        if style_num_ids:
            numbering._resolve_links(style_num_ids)
        return numbering

    def _resolve_links(self, style_num_ids: dict[str, str]) -> None:
        for aid, style in self.style_links.items():
            num = self.nums.get(style_num_ids.get(style, ""))
            borrowed = self.abstract(num.abstract_id) if num else {}
            if borrowed:
                self.abstracts[aid] = borrowed
                self.unparsed.pop(aid, None)

    def abstract(self, aid: str) -> dict[int, Level]:
        """The levels of abstractNum `aid` ({} when there is none)."""
        got = self.abstracts.get(aid)
        if got is None:
            an = self.unparsed.pop(aid, None)
            if an is None:
                return {}
            got = self.abstracts[aid] = {int(lv.get(f"{{{W}}}ilvl", "0")): _parse_level(lv)
                                         for lv in an.findall("w:lvl", NS)}
        return got

    def level(self, num_id: str, ilvl: int) -> Level | None:
        num = self.nums.get(num_id)
        if num is None:
            return None
        if ilvl in num.level_overrides:
            return num.level_overrides[ilvl]
        return self.abstract(num.abstract_id).get(ilvl)


_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    out = []
    for value, sym in _ROMAN:
        while n >= value:
            out.append(sym)
            n -= value
    return "".join(out)


def letter(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa... (the letter repeats)."""
    if n <= 0:
        return ""
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if fmt in ("decimal", "decimalEnclosedCircle", "decimalFullWidth", "decimalHalfWidth"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return letter(n)
    if fmt == "upperLetter":
        return letter(n).upper()
    if fmt == "lowerRoman":
        return roman(n)
    if fmt == "upperRoman":
        return roman(n).upper()
    if fmt == "none":
        return ""
    return str(n)     # ordinal, cardinalText ... : decimal is the honest fallback


class Numberer:
    """Counters for one document body, advanced paragraph by paragraph in reading order."""

    def __init__(self, numbering: Numbering):
        self.numbering = numbering
        self.counters: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()     # nums whose start overrides were applied

    def _key(self, num_id: str) -> str:
        num = self.numbering.nums[num_id]
        return f"num:{num_id}" if num.start_overrides else f"abs:{num.abstract_id}"

    def label(self, num_id: str, ilvl: int) -> tuple[str, Level] | None:
        """Advance the counter for (num_id, ilvl) and return (label, level), or None when
        the paragraph draws no number (numId 0, unknown num, empty lvlText)."""
        if num_id in ("", "0") or num_id not in self.numbering.nums:
            return None
        lvl = self.numbering.level(num_id, ilvl)
        if lvl is None:
            return None
        num = self.numbering.nums[num_id]
        key = self._key(num_id)
        counters = self.counters.setdefault(key, {})
        if num.start_overrides and num_id not in self._started:
            self._started.add(num_id)
            counters.clear()
            for lv, start in num.start_overrides.items():
                counters[lv] = start - 1
        if lvl.fmt == "bullet":
            self._restart_below(num_id, counters, ilvl)
            return BULLET_LABEL, lvl
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else self._start(num_id, ilvl)
        self._restart_below(num_id, counters, ilvl)
        return self._render(num_id, counters, lvl), lvl

    def _start(self, num_id: str, ilvl: int) -> int:
        num = self.numbering.nums[num_id]
        if ilvl in num.start_overrides:
            return num.start_overrides[ilvl]
        lvl = self.numbering.level(num_id, ilvl)
        return lvl.start if lvl else 1

    def _restart_below(self, num_id: str, counters: dict[int, int], ilvl: int) -> None:
        for k in [k for k in counters if k > ilvl]:
            lvl = self.numbering.level(num_id, k)
            restart = lvl.restart if lvl else None
            if restart is None or (restart != 0 and ilvl < restart):
                del counters[k]

    def _render(self, num_id: str, counters: dict[int, int], lvl: Level) -> str:
        text = lvl.text
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1].isdigit():
                k = int(text[i + 1]) - 1
                other = self.numbering.level(num_id, k)
                value = counters.get(k, self._start(num_id, k))
                fmt = "decimal" if lvl.is_lgl else (other.fmt if other else "decimal")
                out.append(format_number(value, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        label = "".join(out).strip()
        return label + " " if label else ""
