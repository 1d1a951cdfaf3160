"""Rule packs (rules/*.yaml): severities, options and data entries for built-in checks.

A pack is data a văn phòng user edits by hand, so every mistake must point at the place
to fix: the loader walks the YAML *node* tree (`yaml.compose`), which keeps line and
column marks, and validates it against small hand-written schemas.  Errors read like
Vale's E201:

    rules/bau-cu-2021.yaml:9:5: [rules.invalid] khoá không hợp lệ “sevrity” (có phải “severity”?)

Pack layout (schema 1)::

    pack: bau-cu-2021            # name, ascii kebab-case
    schema: 1
    description: …
    applies_to:                  # which documents the pack's *entries* apply to (optional)
      text_any: ["khóa XV"]      # at least one occurs (folded, whole words)
      text_none: ["khóa XVI"]    # none occurs
      doc_types: [Kế hoạch]      # header doc type
      date_from: 2020-06-01      # header date, when known
      date_to: 2021-12-31
    event_dates: {election_day: 2021-05-23}
    checks:
      numbering.gap: {severity: warning}
    entries:
      - id: tong-ket-truoc-22-6-2021
        check: deadline.constraint
        …                        # fields the check declares (CheckSpec.entry_fields)

`checks:` settings apply to every document; `applies_to` only filters entries.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import RulePackError
from pipeline.text import fold

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
PROJECT_ROOT = DEFAULT_RULES_DIR.parent
SEVERITIES = ("error", "warning", "info", "off")
SCHEMA_VERSION = 1

# "tong-ket-truoc-22-6-2021": ascii kebab-case, so that `rules/x.yaml#id` is a safe anchor.
ENTRY_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PACK_NAME_RE = ENTRY_ID_RE

TOP_KEYS = ("pack", "schema", "description", "applies_to", "event_dates", "checks", "entries")
APPLIES_KEYS = ("text_any", "text_none", "doc_types", "date_from", "date_to")
CHECK_KEYS = ("severity", "options")
# Keys every entry has, whatever its check.
ENTRY_BASE_KEYS = ("id", "check", "source", "verified", "severity", "message", "note")


# --------------------------------------------------------------------------- model

@dataclass(frozen=True)
class Entry:
    """One data rule from a pack, already validated.

    `data` holds the check-specific fields (plain Python values); `deadline` is the
    resolved constraint date for entries anchored to an event (None otherwise).
    """
    id: str
    check: str
    pack: str
    file: str               # display path: rules/bau-cu-2021.yaml
    line: int
    source: str
    verified: bool
    data: dict
    severity: str | None = None
    message: str | None = None
    applies: "AppliesTo | None" = None

    @property
    def ref(self) -> str:
        """`rules/<file>.yaml#<id>`: what a finding raised by this entry puts in `source`."""
        return f"{self.file}#{self.id}"

    def get(self, key: str, default=None):
        return self.data.get(key, default)


@dataclass(frozen=True)
class AppliesTo:
    text_any: tuple[str, ...] = ()
    text_none: tuple[str, ...] = ()
    doc_types: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def matches(self, doc) -> bool:
        if doc is None:
            return True
        h = doc.header
        if self.doc_types and (h.doc_type is None or fold(h.doc_type) not in {fold(t) for t in self.doc_types}):
            return False
        if h.date is not None:
            if self.date_from and h.date < self.date_from:
                return False
            if self.date_to and h.date > self.date_to:
                return False
        if self.text_any or self.text_none:
            text = _text_key(doc.source.text if doc.source else "\n".join(doc.lines))
            if self.text_any and not any(_contains_words(text, t) for t in self.text_any):
                return False
            if any(_contains_words(text, t) for t in self.text_none):
                return False
        return True


_DASH_RE = re.compile(r"\s*[-–—]\s*")


def _match_key(s: str) -> str:
    """Folded text with dashes and the blanks around them normalised ("2021 - 2026" = "2021-2026")."""
    s = fold(s)
    return _DASH_RE.sub("-", s)


# Every entry with `applies_to` text tests asks for the same document's key: fold the whole
# text once per document, not once per entry (a few recent texts are kept, keyed by the text).
_text_key = lru_cache(maxsize=4)(_match_key)


# Pack phrases (text_any / text_none) are few and asked for every document.
_phrase_key = lru_cache(maxsize=4096)(_match_key)


@lru_cache(maxsize=4096)
def _phrase_re(phrase: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(_phrase_key(phrase)) + r"(?!\w)")


def _contains_words(text_key: str, phrase: str) -> bool:
    """Whole-word containment, so that "khóa xv" does not match inside "khóa xvi"."""
    # The regex (a look-behind, then the phrase) would scan the whole text slowly: it is
    # tried only where str.find sees the phrase (the look-behind still sees the text before).
    key, rx = _phrase_key(phrase), _phrase_re(phrase)
    i = text_key.find(key)
    while i >= 0:
        if rx.match(text_key, i):
            return True
        i = text_key.find(key, i + 1)
    return False


@dataclass
class RulePacks:
    """Every loaded pack merged: the object `run_checks` consults."""
    severities: dict = field(default_factory=dict)
    opts: dict = field(default_factory=dict)
    entries: list = field(default_factory=list)
    files: list = field(default_factory=list)
    # where each check setting was made: check id → "rules/core.yaml:12"
    defined_at: dict = field(default_factory=dict)

    def severity(self, check_id: str, default: str) -> str:
        return self.severities.get(check_id, default)

    def options(self, check_id: str) -> dict:
        return dict(self.opts.get(check_id, {}))

    def entries_for(self, check_id: str, doc, verdicts: dict | None = None) -> tuple:
        """The entries for `check_id` whose applies_to matches `doc`.

        The entries of one pack share its applies_to object: each is matched against the
        document once, not once per entry (a match may scan the whole text).  `verdicts`
        keeps those answers (by id of the applies_to) across the calls for one document:
        run_checks passes one per document, so that the checks that take entries share them.
        """
        if verdicts is None:
            verdicts = {}
        out = []
        for e in self.entries:
            if e.check != check_id:
                continue
            if e.applies is not None:
                ok = verdicts.get(id(e.applies))
                if ok is None:
                    ok = verdicts[id(e.applies)] = bool(e.applies.matches(doc))
                if not ok:
                    continue
            out.append(e)
        return tuple(out)


# --------------------------------------------------------------------------- validation

class _Ctx:
    """Error factory bound to one file."""

    def __init__(self, display: str):
        self.display = display

    def fail(self, node, msg: str, hint: str | None = None) -> RulePackError:
        line = node.start_mark.line + 1 if node is not None else 1
        col = node.start_mark.column + 1 if node is not None else 1
        text = f"{self.display}:{line}:{col}: [rules.invalid] {msg}"
        if hint:
            text += f" ({hint})"
        return RulePackError("rules.invalid", text, hint)


def _did_you_mean(word: str, choices) -> str | None:
    close = difflib.get_close_matches(str(word), list(choices), n=1, cutoff=0.6)
    return f"có phải “{close[0]}”?" if close else None


def _mapping(ctx: _Ctx, node, what: str) -> list[tuple[Any, Any]]:
    if not isinstance(node, yaml.MappingNode):
        raise ctx.fail(node, f"{what} phải là một bảng khoá: giá trị")
    seen: dict[str, Any] = {}
    for k, v in node.value:
        if not isinstance(k, yaml.ScalarNode):
            raise ctx.fail(k, f"khoá trong {what} phải là chữ")
        if k.value in seen:
            raise ctx.fail(k, f"khoá “{k.value}” lặp lại trong {what}")
        seen[k.value] = v
    return node.value


def _check_keys(ctx: _Ctx, node, allowed, what: str) -> dict:
    out = {}
    for k, v in _mapping(ctx, node, what):
        if k.value not in allowed:
            raise ctx.fail(k, f"khoá không hợp lệ “{k.value}” trong {what}",
                           _did_you_mean(k.value, allowed) or "các khoá hợp lệ: " + ", ".join(allowed))
        out[k.value] = v
    return out


def _scalar(ctx: _Ctx, node, what: str):
    if not isinstance(node, yaml.ScalarNode):
        raise ctx.fail(node, f"{what} phải là một giá trị đơn")
    try:
        return yaml.safe_load(yaml.serialize(node))
    except (ValueError, yaml.YAMLError):      # "2021-02-30": a timestamp that is no date
        return node.value


def _str(ctx, node, what) -> str:
    v = _scalar(ctx, node, what)
    if not isinstance(v, str) or not v.strip():
        raise ctx.fail(node, f"{what} phải là một chuỗi không rỗng")
    return v


def _bool(ctx, node, what) -> bool:
    v = _scalar(ctx, node, what)
    if not isinstance(v, bool):
        raise ctx.fail(node, f"{what} phải là true hoặc false", f"đang là “{node.value}”")
    return v


def _int(ctx, node, what, minimum: int = 0) -> int:
    v = _scalar(ctx, node, what)
    if not isinstance(v, int) or isinstance(v, bool) or v < minimum:
        raise ctx.fail(node, f"{what} phải là số nguyên ≥ {minimum}", f"đang là “{node.value}”")
    return v


def _date(ctx, node, what) -> date:
    v = _scalar(ctx, node, what)
    if isinstance(v, date):
        return v
    if isinstance(v, str):
        try:
            return date.fromisoformat(v)
        except ValueError:
            pass
    raise ctx.fail(node, f"{what} phải là ngày dạng YYYY-MM-DD", f"đang là “{node.value}”")


def _str_list(ctx, node, what) -> tuple[str, ...]:
    if isinstance(node, yaml.ScalarNode):
        return (_str(ctx, node, what),)
    if not isinstance(node, yaml.SequenceNode):
        raise ctx.fail(node, f"{what} phải là một danh sách chuỗi")
    return tuple(_str(ctx, n, what) for n in node.value)


def _enum(ctx, node, what, choices) -> str:
    v = _scalar(ctx, node, what)
    if v is False and "off" in choices:     # YAML 1.1 reads a bare `off` as false
        v = "off"
    if v not in choices:
        raise ctx.fail(node, f"{what} không hợp lệ “{node.value}”",
                       _did_you_mean(node.value, choices) or "chọn một trong: " + ", ".join(choices))
    return v


# Field types an entry schema (CheckSpec.entry_fields) may use.
def _value(ctx: _Ctx, node, kind: str, what: str, events: dict):
    if kind == "str":
        return _str(ctx, node, what)
    if kind == "str_list":
        return _str_list(ctx, node, what)
    if kind == "bool":
        return _bool(ctx, node, what)
    if kind == "int":
        return _int(ctx, node, what)
    if kind == "date":
        return _date(ctx, node, what)
    if kind.startswith("enum:"):
        return _enum(ctx, node, what, kind[5:].split("|"))
    if kind == "when":
        return _when(ctx, node, what, events)
    raise ValueError(f"unknown entry field kind {kind!r}")


WHEN_KEYS = ("date", "event", "days_before", "days_after")


def _when(ctx: _Ctx, node, what: str, events: dict) -> date:
    """A day: `2021-06-22`, or `{event: election_day, days_before: 23}` resolved with the
    pack's `event_dates`."""
    if isinstance(node, yaml.ScalarNode):
        return _date(ctx, node, what)
    fields = _check_keys(ctx, node, WHEN_KEYS, what)
    if "date" in fields:
        if len(fields) > 1:
            raise ctx.fail(node, f"{what}: dùng “date” hoặc “event” + “days_before/days_after”, không dùng cả hai")
        return _date(ctx, fields["date"], what + ".date")
    if "event" not in fields:
        raise ctx.fail(node, f"{what} thiếu khoá “event” (hoặc “date”)")
    ev = _str(ctx, fields["event"], what + ".event")
    if ev not in events:
        raise ctx.fail(fields["event"], f"sự kiện “{ev}” chưa có ngày trong event_dates của gói",
                       _did_you_mean(ev, events) or "thêm event_dates: {" + ev + ": YYYY-MM-DD}")
    before = "days_before" in fields
    after = "days_after" in fields
    if before == after:
        raise ctx.fail(node, f"{what} cần đúng một trong “days_before” hoặc “days_after”")
    n = _int(ctx, fields["days_before" if before else "days_after"], what)
    return events[ev] - timedelta(days=n) if before else events[ev] + timedelta(days=n)


def _display(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(PROJECT_ROOT))
    except ValueError:
        return str(path)


def load_pack(path: Path | str, registry=None, text: str | None = None, display: str | None = None) -> dict:
    """Validate one pack file; return {"name", "checks", "entries", "display"}.

    Raises:
        RulePackError: the message starts `file:line:col: [rules.invalid]` with a hint.
    """
    from pipeline.checks import load_checks
    path = Path(path)
    registry = registry if registry is not None else load_checks()
    display = display or _display(path)
    ctx = _Ctx(display)
    if text is None:
        text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        loc = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
        raise RulePackError("rules.invalid",
                            f"{display}:{loc}: [rules.invalid] YAML sai cú pháp: {getattr(exc, 'problem', exc)}")
    if root is None:
        raise RulePackError("rules.invalid", f"{display}:1:1: [rules.invalid] tệp rỗng (cần ít nhất “pack” và “schema”)")
    top = _check_keys(ctx, root, TOP_KEYS, "gói luật")
    for req in ("pack", "schema"):
        if req not in top:
            raise ctx.fail(root, f"thiếu khoá bắt buộc “{req}”")
    name = _str(ctx, top["pack"], "pack")
    if not PACK_NAME_RE.match(name):
        raise ctx.fail(top["pack"], f"tên gói “{name}” phải viết thường, không dấu, nối bằng “-”")
    if _int(ctx, top["schema"], "schema", 1) != SCHEMA_VERSION:
        raise ctx.fail(top["schema"], f"schema phải là {SCHEMA_VERSION}")
    if "description" in top:
        _str(ctx, top["description"], "description")
    applies = None
    if "applies_to" in top:
        a = _check_keys(ctx, top["applies_to"], APPLIES_KEYS, "applies_to")
        applies = AppliesTo(
            text_any=_str_list(ctx, a["text_any"], "applies_to.text_any") if "text_any" in a else (),
            text_none=_str_list(ctx, a["text_none"], "applies_to.text_none") if "text_none" in a else (),
            doc_types=_str_list(ctx, a["doc_types"], "applies_to.doc_types") if "doc_types" in a else (),
            date_from=_date(ctx, a["date_from"], "applies_to.date_from") if "date_from" in a else None,
            date_to=_date(ctx, a["date_to"], "applies_to.date_to") if "date_to" in a else None)
    events: dict[str, date] = {}
    if "event_dates" in top:
        for k, v in _mapping(ctx, top["event_dates"], "event_dates"):
            if not ENTRY_ID_RE.match(k.value.replace("_", "-")):
                raise ctx.fail(k, f"tên sự kiện “{k.value}” phải viết thường, không dấu (vd. election_day)")
            events[k.value] = _date(ctx, v, "event_dates." + k.value)

    checks: dict[str, tuple[str | None, dict, int]] = {}
    if "checks" in top:
        for k, v in _mapping(ctx, top["checks"], "checks"):
            cid = k.value
            if cid not in registry:
                raise ctx.fail(k, f"không có kiểm tra “{cid}”", _did_you_mean(cid, registry) or "xem `vanban rules`")
            spec = registry[cid]
            if v is None or (isinstance(v, yaml.ScalarNode) and v.value in ("", "~", "null")):
                checks[cid] = (None, {}, k.start_mark.line + 1)
                continue
            conf = _check_keys(ctx, v, CHECK_KEYS, f"checks.{cid}")
            sev = _enum(ctx, conf["severity"], f"checks.{cid}.severity", SEVERITIES) if "severity" in conf else None
            opts = {}
            if "options" in conf:
                allowed = dict(spec.options)
                for ok, ov in _mapping(ctx, conf["options"], f"checks.{cid}.options"):
                    if ok.value not in allowed:
                        raise ctx.fail(ok, f"kiểm tra {cid} không có tuỳ chọn “{ok.value}”",
                                       _did_you_mean(ok.value, allowed) or
                                       ("các tuỳ chọn: " + ", ".join(allowed) if allowed else "kiểm tra này không có tuỳ chọn"))
                    opts[ok.value] = _value(ctx, ov, allowed[ok.value], f"checks.{cid}.options.{ok.value}", events)
            checks[cid] = (sev, opts, k.start_mark.line + 1)

    entries: list[Entry] = []
    if "entries" in top:
        seq = top["entries"]
        if not isinstance(seq, yaml.SequenceNode):
            raise ctx.fail(seq, "entries phải là một danh sách (mỗi mục bắt đầu bằng “- id: …”)")
        ids: set[str] = set()
        for en in seq.value:
            entries.append(_entry(ctx, en, registry, events, name, display, applies, ids))
    return {"name": name, "checks": checks, "entries": entries, "display": display}


def _entry(ctx, node, registry, events, pack, display, applies, ids) -> Entry:
    fields = dict(_mapping(ctx, node, "mục entries"))
    raw = {k.value: (k, v) for k, v in fields.items()}
    for req in ("id", "check", "source", "verified"):
        if req not in raw:
            raise ctx.fail(node, f"mục entries thiếu khoá bắt buộc “{req}”")
    eid = _str(ctx, raw["id"][1], "id")
    if not ENTRY_ID_RE.match(eid):
        raise ctx.fail(raw["id"][1], f"id “{eid}” phải là chữ thường không dấu nối bằng “-” (vd. tong-ket-truoc-22-6-2021)")
    if eid in ids:
        raise ctx.fail(raw["id"][1], f"id “{eid}” đã dùng trong gói này")
    ids.add(eid)
    cid = _str(ctx, raw["check"][1], "check")
    if cid not in registry:
        raise ctx.fail(raw["check"][1], f"không có kiểm tra “{cid}”", _did_you_mean(cid, registry) or "xem `vanban rules`")
    spec = registry[cid]
    if not spec.takes_entries:
        takers = [c for c, s in registry.items() if s.takes_entries]
        raise ctx.fail(raw["check"][1], f"kiểm tra “{cid}” không nhận mục dữ liệu",
                       "các kiểm tra nhận mục: " + ", ".join(sorted(takers)))
    allowed = dict(spec.entry_fields)
    data = {}
    for key, (k, v) in raw.items():
        if key in ENTRY_BASE_KEYS:
            continue
        if key not in allowed:
            raise ctx.fail(k, f"khoá không hợp lệ “{key}” cho mục của {cid}",
                           _did_you_mean(key, list(allowed) + list(ENTRY_BASE_KEYS))
                           or "các khoá hợp lệ: " + ", ".join(list(ENTRY_BASE_KEYS) + list(allowed)))
        data[key] = _value(ctx, v, allowed[key], key, events)
    for req in spec.entry_required:
        if isinstance(req, tuple):
            if not any(r in data for r in req):
                raise ctx.fail(node, f"mục “{eid}” cần một trong các khoá: " + ", ".join(req))
        elif req not in data:
            raise ctx.fail(node, f"mục “{eid}” thiếu khoá bắt buộc “{req}”")
    verified = _bool(ctx, raw["verified"][1], "verified")
    return Entry(id=eid, check=cid, pack=pack, file=display, line=node.start_mark.line + 1,
                 source=_str(ctx, raw["source"][1], "source"), verified=verified, data=data,
                 severity=_enum(ctx, raw["severity"][1], "severity", SEVERITIES[:3]) if "severity" in raw else None,
                 message=_str(ctx, raw["message"][1], "message") if "message" in raw else None,
                 applies=applies)


def default_packs() -> RulePacks:
    """The default packs (rules/*.yaml), parsed again only when a file there changes.

    For callers that pass no packs (`process_file(path)`, the API): reading and validating
    the YAML costs more than checking a typical document.  Keyed by each file's name,
    mtime and size; the packs object is only read by the checks.
    """
    files = sorted(DEFAULT_RULES_DIR.glob("*.yaml")) if DEFAULT_RULES_DIR.is_dir() else []
    key = tuple((f.name, st.st_mtime_ns, st.st_size) for f in files for st in (f.stat(),))
    if _DEFAULT_PACKS[0] != key or _DEFAULT_PACKS[1] is None:
        _DEFAULT_PACKS[:] = [key, load_packs()]
    return _DEFAULT_PACKS[1]


_DEFAULT_PACKS: list = [None, None]


def load_packs(paths=None) -> RulePacks:
    """Load `paths` (default: every rules/*.yaml, core.yaml first) and merge them.

    Later packs override earlier severities and options.
    """
    if paths:
        files = [Path(p) for p in paths]
    elif DEFAULT_RULES_DIR.is_dir():
        files = sorted(DEFAULT_RULES_DIR.glob("*.yaml"), key=lambda p: (p.stem != "core", p.name))
    else:
        files = []
    packs = RulePacks()
    names: dict[str, str] = {}
    for f in files:
        if not f.is_file():
            raise RulePackError("rules.invalid", f"{f}:1:1: [rules.invalid] không tìm thấy tệp gói luật")
        p = load_pack(f)
        if p["name"] in names:
            raise RulePackError("rules.duplicate_id",
                                f"{p['display']}:1:1: [rules.duplicate_id] gói “{p['name']}” đã có trong {names[p['name']]}")
        names[p["name"]] = p["display"]
        for cid, (sev, opts, line) in p["checks"].items():
            if sev is not None:
                packs.severities[cid] = sev
                packs.defined_at[cid] = f"{p['display']}:{line}"
            if opts:
                packs.opts.setdefault(cid, {}).update(opts)
        packs.entries.extend(p["entries"])
        packs.files.append(p["display"])
    return packs


def describe_rules(packs: RulePacks) -> str:
    """Every check and every entry: id, severity, one-line summary, where it is defined."""
    import inspect

    from pipeline.checks import load_checks
    rows: list[tuple[str, str, str, str]] = []
    for cid, spec in sorted(load_checks().items()):
        sev = packs.severity(cid, spec.severity)
        try:
            line = inspect.getsourcelines(spec.func)[1]
        except (OSError, TypeError):
            line = 0
        where = f"{spec.module.replace('.', '/')}.py:{line}"
        if cid in packs.defined_at:
            where += f" (mức: {packs.defined_at[cid]})"
        rows.append((cid, sev, spec.summary, where))
        for e in packs.entries:
            if e.check != cid:
                continue
            esev = "off" if sev == "off" else (e.severity or sev)
            label = e.id + ("" if e.verified else " [chưa kiểm chứng]")
            rows.append((cid, esev, label + (f" — {e.get('authority')}" if e.get("authority") else ""),
                         f"{e.file}:{e.line}"))
    w0 = max((len(r[0]) for r in rows), default=0)
    w2 = min(max((len(r[2]) for r in rows), default=0), 70)
    return "".join(f"{a:<{w0}}  {b:<7}  {c:<{w2}}  {d}\n" for a, b, c, d in rows)
