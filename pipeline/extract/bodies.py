"""Bodies with roles: who leads, cooperates, advises, reports, attends, is assigned.

Rules and lexicon, no model: a body name is a noun phrase that opens with an
organisation head word (`roles.yaml: heads`) and runs until a verb or clause opener
(`roles.yaml: stops`) or punctuation.  A role comes from a cue:

- a label line: `- Cơ quan báo cáo: Ủy ban nhân dân tỉnh.` → report for each listed body;
- an inline cue: `X chủ trì` → X lead, `phối hợp với A, B và C` → cooperate each (when
  the clause names its own actor: "- Phối hợp với Y" alone gives Y nothing), `Giao cho X`
  → X assignee, `X tham mưu` → advise, `X (tiến hành) kiểm tra` → inspect, an acting
  `Đoàn kiểm tra …` → inspect;
- the subject of a numbered item ("3. Ban cán sự đảng UBND tỉnh chỉ đạo …", "a) Topic:
  X chủ động …", "Điều 2. Nhiệm vụ của X") → assignee; under a "TỔ CHỨC THỰC HIỆN" /
  "PHÂN CÔNG" section also the subject of its bullets and paragraphs, and a heading that is
  only a name ("2. Văn phòng Sở") — lead when the line under it opens with "Chủ trì";
- the actor opening the first paragraph under a topic heading ("4. Tổng kết … / Ủy ban
  bầu cử xã tổng kết …") and of a schedule table's "Công việc" cell → assignee;
- the actor of each sentence of a procedure step ("– Bước 1: Phòng Đào tạo cung cấp …")
  → assignee; a table column "Đơn vị chủ trì/phối hợp" → first unit lead, the rest cooperate;
- a clause's opening subject leads a "chủ trì" joined to its verbs ("X phối hợp với Y triệu
  tập và chủ trì", "X xây dựng …; tổ chức chủ trì …") and reports in "X (chịu trách nhiệm)
  tổng hợp báo cáo …"; a subject that asks ("X yêu cầu …") is no assignee;
- the related bodies "Các cơ quan, tổ chức, đơn vị có liên quan (có trách nhiệm) phối hợp với
  X" → they cooperate and X leads; "X phối hợp … giữa các thành viên" coordinates: no role;
- "do X phối hợp với Y triệu tập và chủ trì" → X lead; "X có trách nhiệm <verb>" → X
  assignee; "X phân công lãnh đạo, chuyên viên … theo dõi, giám sát" → X inspect; an item's
  subject that holds a meeting ("X tổ chức hội nghị …") leads it;
- a report joined to the subject's predicates ("X …; chịu trách nhiệm và báo cáo công tác trước
  Y", "…, định kỳ hằng quý báo cáo Y", "giao X … và định kỳ báo cáo Y") → X report; ", cùng
  (đại diện) Y chủ trì" → the subject co-leads; "giao cho <kind> chủ trì" → that body leads;
  "mời (đại diện) X tham gia" → X attends.

Names: `roles.yaml: name_phrases` keeps multiword parts whole ("Công nghệ thông tin",
"Văn phòng HĐND và UBND xã"), shared unit lists stay one name ("UBND các huyện, thị xã"),
"X của <body>" is one name.  Per-document facts (assignment/quiet sections, section lookup)
are computed once in `_Ctx`.

Precedence (the seed gold decides it): lead/cooperate beat assignee, which beats
advise/inspect/report-by-label for the same body in the same paragraph.  `name` is the
canonical long form (abbreviations expanded, `abbreviations.yaml`), `text` as written.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from bisect import bisect_right
from functools import lru_cache

from pipeline.dates import finditer_from, lowered, may_hold
from pipeline.lexicon import load
from pipeline.model import Body, Document, Paragraph
from pipeline.parse.cells import TABLE_ROW_RE
from pipeline.parse.header import is_normative

# Role strength: a body keeps only its strongest roles within one paragraph.
# advise beats assignee: "2. Phòng Kinh tế tham mưu Ủy ban nhân dân xã …" advises.
STRENGTH = {"lead": 3, "cooperate": 3, "advise": 2.5, "assignee": 2, "report": 1,
            "attend": 1, "inspect": 1, "other": 0}

# Longest a body name may run, in words after the head: names longer than this are
# clauses the stop list missed ("Ban Bảo vệ và chăm sóc sức khỏe cán bộ tỉnh" has 9).
MAX_NAME_WORDS = 14

# One word or one punctuation mark, with the space before it.  Dots and hyphens inside a
# word stay in it: "UB.MTTQVN", "III-BTCTW", "GD&ĐT".
TOKEN = re.compile(r"""
    \s* (?P<tok> [\w&]+ (?:[.\-][\w&]+)* | [^\w\s] )
""", re.X)

# A list of party committees written with one shared "ủy":
# "Các huyện, thị ủy, thành ủy", "các huyện, thị, thành ủy còn lại".
COMMITTEE_LIST = re.compile(r"""
    [Cc]ác \s+ (?:huyện|thị|thành|quận|xã|phường) (?:\s*(?:ủy|uỷ))?
    (?: \s*,\s* (?:huyện|thị|thành|quận|xã|phường) (?:\s*(?:ủy|uỷ))? )*
    \s* (?:ủy|uỷ) (?!\w)
    (?: \s+ còn \s+ lại )?
""", re.X)

# Blanks, as str.lstrip() takes them (re's \s is str.isspace(): every code point checked).
BLANKS = re.compile(r"\s*")

# A bullet or dash opening a line: "- Chủ trì: …", "+ Cơ quan báo cáo: …".
BULLET = re.compile(r"""^\s*[-+•*–]\s*""", re.X)

# Words before an item's subject that keep it the subject: "7. Giao cho Ban bảo vệ …",
# "Đề nghị Ủy ban nhân dân xã …".
SUBJECT_PREFIX = re.compile(r"""
    \s* (?: (?:Giao|giao) (?:\s+cho)? | Đề\s+nghị | Yêu\s+cầu )? \s*
""", re.X)

# A heading that names the body it gives work to: "Điều 2. Nhiệm vụ của Tổ tiếp công dân, …",
# "3. Trách nhiệm của Phòng Kinh tế".  ("Nhiệm vụ, quyền hạn của …" states a competence, as
# laws do, not a task.)
DUTY_OF = re.compile(r"""\s* (?:Nhiệm\s+vụ|Trách\s+nhiệm) \s+ (?:của|cho) \s+""", re.X)

# Separators inside a list of bodies: "UBBC và Thường trực HĐND tỉnh, Ủy ban MTTQ tỉnh".
LIST_SEP = re.compile(r"""\s* (?: ,\s*và | , | ; | và ) \s*""", re.X)

# What may sit between a body and the cue after it: "Ủy ban Kiểm tra Tỉnh ủy chủ trì, …"
# or "… Tỉnh ủy, chủ trì".
# "Hội đồng nhân dân tỉnh triệu tập và chủ trì" also names the lead.
# "Phòng Văn hóa - Xã hội là cơ quan thường trực của Ban Chỉ đạo, chủ trì" names it too.
# An adverb may stand between: "Đề nghị Thường trực HĐND, UBND, Ủy ban Kiểm tra Đảng ủy xã
# thường xuyên phối hợp" (kh_mttq-xa-luong-minh…tiep-cong-dan-bau-cu.txt:103).
# A "(nếu có)" may follow the body: "… triệu tập và Ban quản trị nhà chung cư (nếu có) chủ trì
# hội nghị" (nq_ubtvqh-101-2025-UBTVQH15…hoi-nghi-cu-tri-hiep-thuong.txt:53).
BEFORE_GAP = re.compile(r"""^ (?: \s* \(nếu\s+có\) )? (?: [\s,]*
    | (?: \s+ (?:thường\s+xuyên|chủ\s+động|tích\s+cực|kịp\s+thời|khẩn\s+trương) ,? )+ \s*
    | \s+ (?:triệu\s+tập|tổ\s+chức|xây\s+dựng) \s* (?:và|,) \s*
    | \s+ (?:tiến\s+hành|trực\s+tiếp) \s*
    | \s+ là \s+ (?:cơ\s+quan|đơn\s+vị) \s+ thường\s+trực (?:\s+của\s+[^,;.]{1,80})? \s* ,? \s*
    ) $""", re.X)

# What may stand before a body that opens its clause: nothing, a clause mark, or a word
# that hands it the task ("Giao", "Đề nghị").
CLAUSE_OPEN = re.compile(r"""(?: ^ | [.;:] | (?:[Gg]iao|[Đđ]ề\s+nghị) ) \s* $""", re.X)

# A person's title written with a lower-case "ban" before the body's own head:
# "Trưởng ban công tác Mặt trận triệu tập và chủ trì" (the lead is a person).
PERSON_BAN = re.compile(r"""(?:[Tt]rưởng|[Pp]hó) \s+ ban (?:\s+\w+){0,3} \s+ $""", re.X)

# Words before "giao" that make it no assignment: "được giao", "bàn giao", "đã giao".
NOT_GIVE = re.compile(r"""(?:được|bàn|đã|Bàn)\s+$""")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def fold(s: str) -> str:
    """Compare key: NFC, case-folded, one space."""
    # split() and strip() take the blanks that re's \s matches (the same test, every code
    # point checked), so this is re.sub(r"\s+", " ", …).strip() without the regex.
    return " ".join(unicodedata.normalize("NFC", s).split()).casefold()


def _alternation(words, *, boundary_after: bool = True) -> str:
    parts = sorted({w for w in words}, key=len, reverse=True)
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts)
    return f"(?:{body})" + (r"(?!\w)" if boundary_after else "")


def _trie(words, *, boundary_after: bool = True) -> str:
    """_alternation(words) for a case-sensitive pattern, written as a trie: "Ban", "Ban Chỉ
    huy", "Bộ" → "(?:B(?:an(?:\\s+Chỉ\\s+huy)?|ộ))".  The same strings match, and the same
    one wins: where several words match at a place they are prefixes of one another, and
    the trie, like the longest-first alternation, tries the longer first (the greedy "?").
    The regex engine tries an alternation's branches one by one, so a trie spares it the
    words whose first letters differ: faster for long word lists.  Words holding a blank
    other than " " (a literal tab could match where "\\s+" does) keep the alternation."""
    root = _trie_root(words)
    if root is None:
        return _alternation(words, boundary_after=boundary_after)
    return f"(?:{_trie_emit(root)})" + (r"(?!\w)" if boundary_after else "")


def _trie_root(words) -> dict | None:
    """The trie of `words`: {symbol: subtrie}, None marking a word's end; a blank is the
    symbol "\\s+".  None when a word is empty or holds a blank other than " "."""
    words = set(words)
    if any(ch.isspace() and ch != " " for w in words for ch in w) or "" in words:
        return None
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(r"\s+" if ch == " " else re.escape(ch), {})
        node[None] = {}                          # a word ends here
    return root


def _trie_emit(node: dict) -> str:
    """The pattern of a (sub)trie: its branches in one group, optional where a word ends."""
    branches = [sym + _trie_emit(child) for sym, child in sorted(node.items(), key=lambda kv: kv[0] or "")
                if sym is not None]
    if not branches:
        return ""
    if len(branches) == 1 and None not in node:
        return branches[0]
    group = "(?:" + "|".join(branches) + ")"
    return group + "?" if None in node else group


def _head_finder(heads) -> re.Pattern | None:
    """A pattern that matches where head_or_list does, found by .search() in one call.

    head_or_list opens with a look-behind, so re tries it at every place.  This pattern is
    an alternation whose every branch opens with a letter (re then looks only where such a
    letter stands), with the look-behind moved after it: (?<!\\w.) after one character is
    (?<!\\w) before it (the letter is no newline).  Its branches: "Các"/"các" and a blank
    (as head_or_list's "[Cc]ác\\s", which also covers its "[Cc]ác\\s+" + head), "P." as in
    ABBREV_HEAD, and the heads by first letter, each whole ((?!\\w)).  Only where it matches
    is used, not what.  None when the heads make no trie."""
    root = _trie_root(heads)
    if root is None or None in root:
        return None
    after = r"(?<!\w.)"
    branches = ["C" + after + r"ác\s", "c" + after + r"ác\s", "P" + after + r"\.\s?(?=[A-ZĐ])"]
    for sym, child in sorted(root.items()):
        branches.append(sym + after + _trie_emit(child) + r"(?!\w)")
    return re.compile("|".join(branches))


@lru_cache(maxsize=None)
def _abbrev():
    """Two passes of (regex, {folded variant: canonical}): exact case first, then folded."""
    data = load("abbreviations")
    passes = []
    for ignore_case in (False, True):
        table = {}
        for entry in data["entries"]:
            if bool(entry.get("ignore_case")) != ignore_case:
                continue
            for v in entry["variants"]:
                key = re.sub(r"\s+", " ", v) if not ignore_case else fold(v)
                table[key] = entry["canonical"]
        if table:
            alternation = _alternation(table) if ignore_case else _trie(table)
            rx = re.compile(r"(?<!\w)" + alternation, re.I if ignore_case else 0)
            passes.append((rx, table, ignore_case))
    return passes


def canonical_name(text: str) -> str:
    """The canonical long form of a body name: "Ban thường trực UBMTTQVN tỉnh" →
    "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh"."""
    s = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip(" ,;:.-–")
    s = re.sub(r"^" + ABBREV_HEAD, "Phòng ", s)
    for rx, table, ignore_case in _abbrev():
        def repl(m, table=table, ignore_case=ignore_case):
            raw = re.sub(r"\s+", " ", m.group(0))
            return table.get(fold(raw) if ignore_case else raw, m.group(0))
        s = rx.sub(repl, s)
    return s


# "P.ĐTĐH", "P. Kế hoạch Tài chính": Phòng written "P." before a name.
ABBREV_HEAD = r"P\.\s?(?=[A-ZĐ])"


@lru_cache(maxsize=None)
def _lex():
    data = load("roles")
    heads = data["heads"]
    # The case-sensitive word lists are written as tries (_trie): the same matches, faster.
    stop_first = frozenset(x.split(" ")[0] for x in data["stops"])
    phrase_first = frozenset(x.split(" ")[0] for x in data["name_phrases"])
    stop_plain = all(re.fullmatch(r"\w+", x) for x in stop_first)
    phrase_plain = all(re.fullmatch(r"\w+", x) for x in phrase_first)
    return {
        "head": re.compile(r"(?<!\w)(?:(?:[Cc]ác\s+)?" + _trie(heads)
                           + r"|[Cc]ác\s+" + _trie(data["plural_heads"]) + "|" + ABBREV_HEAD + ")"),
        "head_or_list": re.compile(r"(?<!\w)(?:[Cc]ác\s+)?(?:" + _trie(heads) + r")|(?<!\w)[Cc]ác\s"
                                   + r"|(?<!\w)" + ABBREV_HEAD),
        # Where a head_or_list match may start: a head's first letter, "C" or "các " (the
        # list opener), "P" (ABBREV_HEAD).  An alternation of literals, which re scans for
        # far faster than head_or_list itself (that one opens with a look-behind).
        "head_start": re.compile("|".join(sorted({re.escape(h[0]) for h in heads} | {"C", "P"}))
                                 + r"|các\s"),
        "head_finder": _head_finder(heads),
        "not_head": re.compile(r"(?:[Cc]ác\s+)?" + _trie(data["not_heads"])),
        # A plural head without its "các", after a list item that had one:
        # "các tổ chức chính trị - xã hội, tổ chức thành viên của Mặt trận".
        "plural_bare": re.compile(_trie(data["plural_heads"])),
        "plural_open": re.compile(r"[Cc]ác\s+" + _trie(data["plural_heads"])),
        "bare": set(data["bare_heads"]),
        "phrase": re.compile(r"\s+" + _trie(data["name_phrases"])),
        # Their first words: see "stop_first".
        "phrase_first": phrase_first,
        "phrase_plain": phrase_plain,
        "stop": re.compile(_trie(data["stops"])),
        # The first words of the stops.  A stop matches where a token starts only if the
        # token is one of them, or holds "&", "." or "-" (then the token runs on past the
        # word): parse_body tries "stop" only then.  Valid while every first word is plain
        # word characters (else "stop" is always tried).
        "stop_first": stop_first,
        "stop_plain": stop_plain,
        "verb_open": re.compile(_alternation(data["stops"]), re.I),
        "plain_run": _plain_run(data["stops"], data["name_phrases"]),
        "labels": re.compile(
            r"(?P<label>" + _alternation([x["label"] for x in data["labels"]], boundary_after=False)
            + r")\s*:\s*", re.I),
        "label_role": {fold(x["label"]): x["role"] for x in data["labels"]},
        # Their first words, lower case (_Lowered.may_open_label).
        "label_first": tuple({x["label"].lower().split()[0] for x in data["labels"]}),
        "inline": [(re.compile(r"(?<!\w)" + _alternation([x["cue"]]), re.I), x["role"], x["side"],
                    bool(x.get("clause_start"))) for x in data["inline"]],
        # Each cue's words, lower case: a cue matches only where they all are (dates:
        # Prefilters).
        "inline_first": tuple({x["cue"].lower().split()[0] for x in data["inline"]}),
        "inline_opens": [x["cue"].lower().split()[0] for x in data["inline"]],
        # The cues by first word: (index, the other words).
        "inline_by_first": {w: [(i, tuple(x["cue"].lower().split()[1:])) for i, x in enumerate(data["inline"])
                                if x["cue"].lower().split()[0] == w]
                            for w in {x["cue"].lower().split()[0] for x in data["inline"]}},
        "person": re.compile(r"(?<!\w)" + _trie(data["person_titles"], boundary_after=False)
                             + r"\s+$"),
        # The titles' last words, one of which the text before a title's blanks ends with
        # (_person_before).
        "person_ends": tuple({x.split()[-1] for x in data["person_titles"]}),
        # No head or name phrase holds a "." (_Names cuts the candidates' scan at ". ").
        "dotless": not any("." in x for x in heads + data["plural_heads"] + data["name_phrases"]),
    }


# parse_body's results for the last text it read: {(pos, plural): span or None}.  The
# finders of one paragraph (candidates, subjects, lists after cues) ask for the same
# positions again.  parse_body is a pure function of (text, pos, plural), so a result is
# reused only for the very same text object; the pair is read and replaced whole, so that
# threads cannot mix two texts.  It holds one paragraph's results, no more.
_memo: tuple[str | None, dict] = (None, {})


def parse_body(text: str, pos: int, *, plural: bool = False) -> Span | None:
    """The body name starting at `pos`, or None when no head word opens there.  With
    `plural`, a plural head may open it without "các" (the list shares one)."""
    global _memo
    memo = _memo
    if memo[0] is not text:
        memo = _memo = (text, {})
    key = (pos, plural)
    found = memo[1].get(key, memo)          # `memo` itself: not looked up yet
    if found is memo:
        found = memo[1][key] = _parse_body(text, pos, plural)
    return found


def _parse_body(text: str, pos: int, plural: bool) -> Span | None:
    lex = _lex()
    m = COMMITTEE_LIST.match(text, pos)
    if m:
        return Span(pos, m.end())
    h = lex["head"].match(text, pos) or (lex["plural_bare"].match(text, pos) if plural else None)
    if not h:
        return None
    nh = lex["not_head"].match(text, pos)
    if nh and nh.end() >= h.end():          # "Tổ chức hội nghị", but "Các tổ chức thành viên"
        return None
    head = h.group(0)
    if head.startswith(("Các", "các")):
        head = CAC_OPEN.sub("", head)
    bare = head in lex["bare"]
    stop_first = lex["stop_first"] if lex["stop_plain"] else ()
    phrase_first = lex["phrase_first"] if lex["phrase_plain"] else ()
    plain_run, phrase, stop, head_rx = lex["plain_run"], lex["phrase"], lex["stop"], lex["head"]
    end, words = h.end(), 0
    while words < MAX_NAME_WORDS:
        # First the plain words that only lengthen the name (_plain_run), all in one
        # match, as the step below would take them one by one; then the step takes the
        # token after them.
        r = plain_run.match(text, end)
        if r.end() > end:
            n = len(text[end:r.end()].split())       # its words: blanks part them
            if words + n >= MAX_NAME_WORDS:
                end = _nth_token_end(text, end, MAX_NAME_WORDS - words)
                words = MAX_NAME_WORDS
                break
            words += n
            end = r.end()
        # The token that follows.  Each join below opens with a known token (a name
        # phrase's first word, ",", "của"), so its pattern is tried only after that token
        # (or after a token holding "&", "." or "-": see "stop_first" in _lex).
        t = TOKEN.match(text, end)
        if t is None:
            break
        tok = t.group("tok")
        plain = "&" not in tok and "." not in tok and "-" not in tok    # (_plain_word)
        # A multiword part of a name that holds a stop word or a comma:
        # "Phòng Công nghệ thông tin", "Sở Văn hóa, Thể thao và Du lịch".
        if tok in phrase_first or not plain:
            ph = phrase.match(text, end)
            if ph:
                words += 1
                end = ph.end()
                continue
        if tok == ",":
            # Administrative units sharing one name: "Ủy ban nhân dân các huyện, thị xã".
            if text.endswith(UNIT_LAST, pos, end) and UNIT_END.search(text, pos, end):
                u = UNIT_MORE.match(text, end)
                if u:
                    words += 1
                    end = u.end()
                    continue
            # One body named for two levels: "Ban Thường trực … Việt Nam Tỉnh, cấp xã"
            lv = LEVEL_MORE.match(text, end) if text.endswith(LEVEL_LAST, pos, end) else None
            if lv:
                words += 1
                end = lv.end()
                continue
            break                               # a comma is no word of the name
        # "của" + another body: "Bộ phận thường trực của Ủy ban bầu cử xã".
        if tok == "của":
            of = OF_BODY.match(text, end)
            if of and head_rx.match(text, of.end()):
                words += 1
                end = of.end()
                continue
        if tok in ("-", "–"):
            t = _joined_by_dash(text, t.end())
            if t is None:
                break
            tok = t.group("tok")
            plain = _plain_word(tok)
        if not tok[0].isalnum():
            break
        exempt = bare and words == 0
        if not exempt and (tok in stop_first or not plain) and stop.match(text, t.start("tok")):
            break
        if tok in ("và", "hoặc") and _list_continues(text, t.end()):
            break
        words += 1
        end = t.end()
    if bare and words == 0:
        return None
    makeup = _leadership_makeup(text, pos, end)
    if makeup is not None:
        return Span(pos, makeup)
    # TRAILING and LEVEL_DANGLING end with a word or "$" (at the end or before a final
    # newline): a name that ends with neither cannot match, and their scans are skipped.
    trail = TRAILING.search(text, pos, end) if text.endswith(TRAILING_LAST, pos, end) else None
    if trail and trail.start() > h.end():
        end = trail.start()
    level = LEVEL_DANGLING.search(text, pos, end) if text.endswith(("cấp", "\n"), pos, end) else None
    if level and level.start() > h.end():
        end = level.start()
    return Span(pos, end)


# A leadership board named by its make-up, as the election law and its resolutions write it:
# "do Ban lãnh đạo gồm người đứng đầu và cấp phó của người đứng đầu Văn phòng Quốc hội triệu
# tập và chủ trì hội nghị" (nq_ubtvqh-101-2025-UBTVQH15…hoi-nghi-cu-tri-hiep-thuong.txt:25),
# "… của người đứng đầu cơ quan triệu tập" (same, :28).  The whole phrase is the body: the
# office after it is the board's owner, not a body of its own (the persons' titles before it
# hide it from the candidates anyway: person_titles).
LEADERSHIP = re.compile(r"""[Bb]an\s+lãnh\s+đạo""")
LEADERSHIP_MAKEUP = re.compile(r"""\s+(?:bao\s+)?gồm\s+người\s+đứng\s+đầu\s+(?:và|,)\s+(?:các\s+)?cấp\s+phó
                                   \s+của\s+người\s+đứng\s+đầu\s+""", re.X)
# The owner named by its kind alone: "… của người đứng đầu cơ quan triệu tập và chủ trì".
OWNER_KIND = re.compile(r"""(?:cơ\s+quan|tổ\s+chức|đơn\s+vị)(?:\s*,\s*(?:tổ\s+chức|đơn\s+vị))*(?!\w)""", re.X)


def _leadership_makeup(text: str, pos: int, end: int) -> int | None:
    """Where "Ban lãnh đạo gồm người đứng đầu và cấp phó của người đứng đầu <owner>" ends,
    when the name at `pos` (ending at `end`) is "Ban lãnh đạo" followed by that make-up."""
    if not LEADERSHIP.fullmatch(text, pos, end):
        return None
    m = LEADERSHIP_MAKEUP.match(text, end)
    if m is None:
        return None
    owner = parse_body(text, m.end())
    if owner is not None:
        return owner.end
    kind = OWNER_KIND.match(text, m.end())
    return kind.end() if kind else None


# Administrative units: a name ending in one may list more ("các huyện, thị xã, thành phố").
# Sectors likewise: "Các sở, ban, ngành, huyện, thị xã".
_UNITS = r"(?:huyện|thị\s+xã|thành\s+phố|quận|xã|phường|thị\s+trấn|tỉnh|sở|ban|ngành|đoàn\s+thể)"
UNIT_END = re.compile(r"(?<!\w)" + _UNITS + r"$")
# What a name must end with for UNIT_END to match (a cheap test before its scan): the last
# word of a unit, or a newline ("$" also matches before one).
UNIT_LAST = tuple(alt.split(r"\s+")[-1] for alt in _UNITS[3:-1].split("|")) + ("\n",)
UNIT_MORE = re.compile(r"\s*,\s*" + _UNITS + r"(?!\w)(?!\s*-)")
OF_BODY = re.compile(r"\s+của\s+")
# A level added to a name that ends with another: "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt
# Nam Tỉnh, cấp xã có trách nhiệm thông báo …"
# (hd_mttq-tinh-quangninh…quy-trinh-hiep-thuong-2026_WORD-RENDERED-NUMBERS.txt:60).
LEVEL_LAST = ("tỉnh", "Tỉnh", "huyện", "xã")
LEVEL_MORE = re.compile(r"\s*,\s*cấp\s+(?:tỉnh|huyện|xã)(?!\w)")


# Words a name cannot end with: "Ban Công tác Mặt trận các" (the line broke there).
TRAILING = re.compile(r"""\s+(?:và|hoặc|các|những|của|cùng)$""", re.X)
TRAILING_LAST = ("và", "hoặc", "các", "những", "của", "cùng", "\n")
# A level word left without its level: "Ban Thường trực … Việt Nam cấp" + a verb.  "các cấp",
# "cùng cấp", "mọi cấp" are whole.
LEVEL_DANGLING = re.compile(r"""(?<!các)(?<!cùng)(?<!mọi)(?<!từng)\s+cấp$""", re.X)


# "Các ", "các " opening a head ("Các sở"): dropped to look the head up.
CAC_OPEN = re.compile(r"^[Cc]ác\s+")


def _nth_token_end(text: str, pos: int, n: int) -> int:
    """Where the n-th TOKEN from `pos` ends."""
    for _ in range(n):
        pos = TOKEN.match(text, pos).end()
    return pos


def _plain_run(stops, phrases):
    """The pattern of a run of tokens that parse_body's loop takes as they are, each a word
    it only counts: a TOKEN of word characters alone (no "&", "." or "-" joining parts,
    hence the look-ahead), opening with a letter or digit (not "_"), that is not "của",
    "và" or "hoặc" and opens no stop and no name phrase (the loop would end the name there
    or join the phrase; a phrase the loop would not join, as no blank precedes it, only
    ends the run early, and the loop then takes the word itself)."""
    return re.compile(r"(?:\s*(?!(?:của|và|hoặc)(?!\w))(?!" + _trie(stops) + r")(?!" + _trie(phrases) + r")"
                      r"[^\W_]\w*(?![\w&]|[.\-][\w&]))*")


def _plain_word(tok: str) -> bool:
    """A TOKEN that is word characters only (no "&", "." or "-" joining parts)."""
    return "&" not in tok and "." not in tok and "-" not in tok


def _joined_by_dash(text: str, pos: int):
    """A dash inside a name joins two capitalised parts: "Ban Dân chủ - Pháp luật",
    "Ban Kinh tế - Ngân sách"; a dash before a lower-case word ends the name."""
    t = TOKEN.match(text, pos)
    if t and t.group("tok")[0].isupper() and t.group("tok")[0].isalpha():
        return t
    return None


def _list_continues(text: str, pos: int) -> bool:
    """After "và": does a new list item (another body, or "các …") start here?"""
    rest = text[pos:].lstrip()
    off = len(text) - len(rest)
    return bool(_lex()["head"].match(text, off) or re.match(r"(?:các|những|Các)\s|\d", rest)
                or COMMITTEE_LIST.match(text, off) or not rest)


def candidates(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Every body name in text[start:end], left to right, without overlaps."""
    return list(_candidates(text, start, len(text) if end is None else end))


def _no_candidate(text: str, start: int = 0, end: int | None = None) -> bool:
    """`not candidates(text, start, end)`, without reading past the first name."""
    return next(_candidates(text, start, len(text) if end is None else end), None) is None


def _candidates(text: str, start: int, end: int):
    lex = _lex()
    head_start, head_or_list, person = lex["head_start"], lex["head_or_list"], lex["person"]
    finder = lex["head_finder"]
    pos = start
    while pos < end:
        # The next head or list opener: where head_or_list.search(text, pos, end) matches.
        if finder is not None:
            f = finder.search(text, pos, end)
            if f is None:
                break
            at = f.start()
        else:
            # head_or_list tried only where head_start finds a possible first letter, in
            # order: the first success is the same leftmost match.
            f = head_start.search(text, pos, end)
            if f is None:
                break
            at = f.start()
            if head_or_list.match(text, at, end) is None:
                pos = at + 1
                continue
        span = parse_body(text, at)
        if span and _person_before(text, at, person):
            pos = span.end                  # "Trưởng Ban …": a person's title, no body
            continue
        if span and span.end <= end:
            yield span
            pos = span.end
        else:
            pos = at + 1


def _person_before(text: str, at: int, person: re.Pattern) -> bool:
    """Does a person's title stand right before `at` ("Trưởng ban công tác Mặt trận", "đồng
    chí …")?  "person" ends with a title and blanks up to `at`, PERSON_BAN holds "ban": where
    the text before the last blanks ends with no title's last word, and no "ban" stands in
    the 40 characters before `at`, their scans are skipped."""
    lo = max(0, at - 20)
    end = at
    while end > lo and text[end - 1].isspace():             # (\s is isspace())
        end -= 1
    if end < at and text.endswith(_lex()["person_ends"], lo, end) and person.search(text, lo, at):
        return True
    lo = max(0, at - 40)
    return text.find("ban", lo, at) >= 0 and PERSON_BAN.search(text, lo, at) is not None


LEAD_BLANKS = re.compile(r"[\s:]*")


def parse_list(text: str, pos: int, end: int | None = None, *, split_shared: bool = False,
               generic: bool = False) -> list[Span]:
    """Bodies listed from `pos`: "với UBBC và Thường trực HĐND tỉnh, Ủy ban MTTQ tỉnh".

    A list opened by "các" may go on without it: "Các chi bộ, đảng bộ cơ sở" is one name
    (the gold's reading of a subject); after a cue (`split_shared`) each part is a body of its
    own: "phối hợp với các tổ chức chính trị - xã hội, tổ chức thành viên của Mặt trận"
    (kh_mttq-phuong-bac-cam-ranh…kiem-tra-giam-sat-bau-cu.txt:281)."""
    end = len(text) if end is None else end
    out = []
    pos = LEAD_BLANKS.match(text, pos).end()
    shared = False                          # "các" opened the list: "các A, B"
    while pos < end:
        span = parse_body(text, pos)
        if not span and shared:
            span = parse_body(text, pos, plural=True)
            if span and not split_shared:
                out[-1] = Span(out[-1].start, span.end)
                span = None
                sep = LIST_SEP.match(text, out[-1].end)
                if not sep or sep.end() == out[-1].end:
                    break
                pos = sep.end()
                continue
        if not span and split_shared and generic:
            g = GENERIC_BODY.match(text, pos, end)
            if g and not BARE_RELATED.fullmatch(g.group(0)):
                span = Span(pos, g.end())
                of = GENERIC_OF.match(text, g.end())
                owner = parse_body(text, of.end()) if of else None
                if owner:
                    span = Span(pos, owner.end)
        if not span:
            break
        if not out:
            shared = bool(_lex()["plural_open"].match(text, span.start))
        out.append(span)
        after = past_note(text, span.end)
        # After a note a ";" ends the clause: "… công đoàn tổ chức, đơn vị (nếu có); ban lãnh
        # đạo cơ quan nhà nước dự kiến …" (law_luat-sua-doi-luat-bau-cu-83-2025-QH15.txt:76).
        sep = (LIST_SEP if after == span.end else NOTE_SEP).match(text, after)
        if not sep or sep.end() == after:
            break
        pos = sep.end()
    return out


# A bracketed note after a listed body, not part of its name: "1. Đoàn Chủ tịch Ủy ban Trung
# ương Mặt trận Tổ quốc Việt Nam (đối với hội nghị hiệp thương ở trung ương), Ban Thường trực
# Ủy ban Mặt trận Tổ quốc Việt Nam cấp tỉnh (đối với hội nghị hiệp thương ở địa phương) báo cáo
# về …" (nqlt_102-2025-NQLT…quy-trinh-hiep-thuong.txt:147, 200).
NOTE = re.compile(r"""\s*\([^()\n]{1,120}\)""")
NOTE_SEP = re.compile(r"""\s* (?: ,\s*và | , | và ) \s*""", re.X)


def past_note(text: str, end: int) -> int:
    """Where a body ending at `end` is done with, past a bracketed note right after it."""
    if text.startswith("(", end) or text.startswith(" (", end):
        note = NOTE.match(text, end)
        if note:
            return note.end()
    return end


# A body named by its kind, in a list after a cue: "phối hợp với … các cơ quan, tổ chức có
# liên quan" (hd_mttq-xa-luong-minh…mttq-tham-gia-bau-cu.txt:95), "chính quyền địa
# phương, cơ quan công an" (cv_so-gddt-danang_1635…ttatgt-he_TRANSCRIPTION.txt:18), "các đơn
# vị nghiệp vụ thuộc Bộ Công an" (qd_ubnd-tp-hanoi_15-2010…dai-ly-internet.txt:252).
# Laws name state bodies so: "phối hợp với cơ quan nhà nước (hữu quan)", "chính quyền cấp xã"
# (law_luat-mat-tran-to-quoc-75-2015-QH13.txt:70, 103, 94), "Các bộ, cơ quan ngang bộ, cơ quan
# thuộc Chính phủ, …, doanh nghiệp nhà nước" (law_nghi-dinh-30-2020-ND-CP_cong-tac-van-thu.txt:299).
# Other provinces too: "phối hợp với các cơ quan nhà nước ở trung ương và các địa phương khác"
# (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:185).
# Only with a qualifier: the seed gold leaves bare "các cơ quan liên quan" out (BARE_RELATED).
GENERIC_BODY = re.compile(r"""
    (?:[Cc]ác\s+)? (?:cơ\s+quan|đơn\s+vị|chính\s+quyền|doanh\s+nghiệp|địa\s+phương)
    (?: \s*,\s* (?:tổ\s+chức|đơn\s+vị|cơ\s+quan) (?!\w) )*
    (?: \s+ (?: có\s+chức\s+năng\s+liên\s+quan | có\s+liên\s+quan | liên\s+quan | chức\s+năng
              | chuyên\s+môn | có\s+thẩm\s+quyền | nghiệp\s+vụ | công\s+an | địa\s+phương
              | tuyên\s+truyền\s*,\s*báo\s+chí | tuyên\s+truyền | báo\s+chí
              | nhà\s+nước | hữu\s+quan | ở\s+trung\s+ương | ở\s+địa\s+phương
              | cấp\s+(?:xã|huyện|tỉnh|cơ\s+sở) | các\s+cấp | cùng\s+cấp
              | ngang\s+bộ | thuộc\s+Chính\s+phủ | khác
              | trên\s+địa\s+bàn(?:\s+(?:Thành\s+phố|thành\s+phố|tỉnh|xã|phường|huyện|quận))? ) (?!\w) )+
""", re.X)
GENERIC_OF = re.compile(r"""\s+(?:thuộc|của)\s+""")
BARE_RELATED = re.compile(r"""(?:[Cc]ác\s+)?(?:cơ\s+quan|đơn\s+vị)\s+liên\s+quan""", re.X)


def _cue_matches(text: str, low: str | None, start: int, end: int,
                 cues: list[str] | None = None) -> list[tuple[int, list[re.Match]]]:
    """(index in lex["inline"], its matches in text[start:end]) for each cue that matches,
    in the lexicon's order.  `low` is lowered(text), and `cues` the cues' first words in it
    when known.  A cue is looked for only where all its words are (dates: Prefilters), so
    only the cues opening with a word of the text are tried."""
    lex = _lex()
    if low is None:
        tried = range(len(lex["inline"]))
    else:
        if cues is None:
            cues = [w for w in lex["inline_first"] if w in low]
        if not cues:
            return []
        tried = []
        for w in cues:
            for i, rest in lex["inline_by_first"][w]:
                for x in rest:
                    if x not in low:
                        break
                else:
                    tried.append(i)
        tried.sort()
    out = []
    for i in tried:
        matches = list(finditer_from(lex["inline"][i][0], lex["inline_opens"][i], text, low, start, end))
        if matches:
            out.append((i, matches))
    return out


def _inline_roles(text: str, start: int, end: int, *, subject_known: bool = False,
                  generic: bool = False, cues: list[str] | None = None,
                  low: str | None = None) -> list[tuple[Span, str]]:
    """Roles given by inline cues in text[start:end]; with `generic`, a body named by its
    kind may be listed after any cue (not in laws: they state competences; a cooperation cue
    lists them always).  `cues`: the
    cues' first words in the lowered text, and `low`: lowered(text), when known
    (_paragraph_roles)."""
    lex = _lex()
    if low is None:
        low = lowered(text)
    cue_matches = _cue_matches(text, low, start, end, cues)
    if not cue_matches:
        return []                               # no cue: the common case
    names = _Names(text, start, end)
    found: list[tuple[Span, str]] = []
    taken: list[tuple[int, int]] = []           # cue spans already used by a longer cue
    partners = None                             # worked out when first needed (below)
    for i, matches in cue_matches:
        rx, role, side, clause_start = lex["inline"][i]
        for m in matches:
            at = m.start()
            # (Both tests skip the cue alone, so the cheap one goes first.)
            if role == "assignee" and NOT_GIVE.search(text[max(start, at - 8):at]):
                continue
            cands = names.upto(at)              # every name that may hold or precede the cue
            if any(c.start <= at < c.end for c in cands) or any(a <= at < b for a, b in taken):
                continue
            taken.append((at, m.end()))
            if side == "before":
                for i, c in enumerate(cands):
                    watch = role == "inspect" and c.end <= at and _assigns_watchers(text, start, c, at)
                    if c.end <= at and (watch or BEFORE_GAP.match(text[c.end:at])):
                        if partners is None:
                            # Bodies listed after "phối hợp với" lead nothing by a later "chủ
                            # trì": {partner span: where its "phối hợp với" starts}.
                            partners = {(x.start, x.end): w.start() for w in _cooperate_with(text, low, start, end)
                                        for x in parse_list(text, w.end(), end)}
                        if (c.start, c.end) in partners:
                            # "phối hợp với UBND xã triệu tập và chủ trì": the partner's own
                            # partner, the subject, leads.
                            if role == "lead":
                                found.extend((x, role) for x in
                                             _with_subject(text, start, cands, partners[(c.start, c.end)]))
                            break
                        opens = watch or CLAUSE_OPEN.search(text[start:c.start])
                        if not clause_start or opens:
                            found.append((c, role))
                        if role == "lead":      # "Đoàn Thanh niên và Liên đội chủ trì"
                            found.extend((x, role) for x in _list_before(text, start, cands, i))
                        break
            else:
                # Partners named by their kind count in laws too: "Ban Thường trực … cấp xã phối
                # hợp với Ủy ban nhân dân cùng cấp và các cơ quan, tổ chức có liên quan bố trí …"
                # (nq_ubtvqh-101-2025-UBTVQH15…hoi-nghi-cu-tri-hiep-thuong.txt:59) names who
                # works together; "giao cho chính quyền địa phương" in a law is a competence.
                listed = parse_list(text, m.end(), end, split_shared=True,
                                    generic=generic or role == "cooperate")
                # "- Phối hợp với Y …" with its subject unsaid: that subject cooperates
                # and Y leads (real gold), so Y is given no cooperate.
                # Under a heading that names the actor ("Điều 8. Công an Thành phố / 1. Phối hợp
                # với …") the subject is said, and Y cooperates.
                if role == "cooperate" and listed and not subject_known \
                        and not _has_subject(text, start, at, cands):
                    continue
                helpers = _related_subject(text, start, at) if role == "cooperate" and listed else None
                if helpers is not None:
                    found.append((helpers, "cooperate"))
                    found.extend((s, "lead") for s in listed)
                    continue
                found.extend((s, role) for s in listed)
                # "Đề nghị Ban X phối hợp tổ chức …": X cooperates.  But "X phối hợp với
                # Trưởng thôn tuyên truyền …" names a partner that is no body: X is the actor,
                # not a cooperator (hd_mttq-xa-luong-minh…gioi-thieu-nguoi-ung-cu-hdnd-xa.txt:211).
                if not listed and role == "cooperate" and not WITH_END.search(m.group(0)) \
                        and not AMONG.match(text, m.end()):
                    found.extend(_subject_before(text, start, at, cands, role))
    return found


class _Names:
    """candidates(text, start, end), found only as far as the cues need them, sentence by
    sentence.

    Every use in _inline_roles reads only names that start at or before a cue (the name
    holding it, or names ending before it), and of those only names in the cue's own
    sentence can be picked: what stands between a name and a cue that it takes (BEFORE_GAP),
    between listed names (LIST_SEP), between a sentence break and a subject (_has_subject)
    never holds ". ".  Nor does a name hold ". " (TOKEN makes the "." a word of its own, and
    no head, name phrase or join has one) except after "P" (ABBREV_HEAD: "P. Kế hoạch").  So
    the names after such a break are the names that a scan starting there finds, and the
    names found up to a cue from the break before it are, for these uses, the same as the
    full list: a cue late in a long paragraph spares the scan of the sentences before it."""

    __slots__ = ("_text", "_start", "_end", "_chains")

    def __init__(self, text: str, start: int, end: int):
        self._text, self._start, self._end = text, start, end
        self._chains: dict[int, list] = {}      # sentence start → [scan or None, names found]

    def upto(self, pos: int) -> list[Span]:
        """The names found so far in the sentence holding `pos`: every name that starts in
        it at or before `pos` (and perhaps one after it, which no use can pick: it ends
        after `pos`)."""
        text = self._text
        begin = _sentence_begin(text, self._start, pos)
        chain = self._chains.get(begin)
        if chain is None:
            chain = self._chains[begin] = [_candidates(text, begin, self._end), []]
        found = chain[1]
        while chain[0] is not None and (not found or found[-1].start <= pos):
            name = next(chain[0], None)
            if name is None:
                chain[0] = None
            else:
                found.append(name)
        return found


def _sentence_begin(text: str, start: int, pos: int) -> int:
    """Where the sentence holding `pos` begins for _Names: after the last "." before `pos`
    (from `start` on) that a blank follows and no "P" precedes, or `start`."""
    if not _lex()["dotless"]:
        return start
    i = text.rfind(".", start, pos)
    while i >= 0:
        if i + 1 < len(text) and text[i + 1].isspace() and (i == 0 or text[i - 1] != "P"):
            return i + 1
        i = text.rfind(".", start, i)
    return start


# What makes a clause name its own actor before "phối hợp với": a body ("Sở A chủ trì,
# phối hợp với …", "Đề nghị Ban B phối hợp với …"), a "chủ trì" with the subject left
# unsaid ("Chủ trì phối hợp với các đơn vị liên quan"), or any other noun phrase opening the
# sentence ("cơ quan, tổ chức … có trách nhiệm phối hợp với …").  A sentence that opens with
# the cue itself or with a verb ("- Chuẩn bị hồ sơ … và phối hợp với …") has its subject
# unsaid.
WITH_END = re.compile(r"""(?<!\w)với$""")
COOPERATE_WITH = re.compile(r"""(?<!\w)phối\s+hợp(?:\s+chặt\s+chẽ|\s+công\s+tác)?\s+với(?!\w)""", re.I)
LEAD_CUE = re.compile(r"""(?<!\w)[Cc]hủ\s+trì(?!\w)""", re.X)
SENTENCE_BREAK = re.compile(r"""[.:!?]\s""")
ADVERB_OPEN = re.compile(r"""(?:đồng\s+thời|tích\s+cực|chủ\s+động|thường\s+xuyên|kịp\s+thời|
                              trực\s+tiếp|khẩn\s+trương|cùng|và|,|\s)*$""", re.X | re.I)


# The related bodies, named by their kinds, as the subject of "phối hợp với": "3. Các cơ quan,
# tổ chức, đơn vị có liên quan có trách nhiệm phối hợp với Ban Thường trực Ủy ban Mặt trận Tổ
# quốc Việt Nam các cấp thực hiện …" (nqlt_102-2025-NQLT…quy-trinh-hiep-thuong.txt:225): they
# assist, the partner carries the task out.  So the subject cooperates and the partner leads.
_KIND = r"(?:cơ\s+quan|tổ\s+chức|đơn\s+vị|cá\s+nhân|sở|ban|ngành|địa\s+phương)"
RELATED_SUBJECT = re.compile(r"""(?P<subject> (?:[Cc]ác\s+)? (?:[Cc]ơ\s+quan|[Tt]ổ\s+chức|[Đđ]ơn\s+vị|[Ss]ở|[Cc]ác\s+ban)
                                  (?:\s*,\s* """ + _KIND + r""" (?!\w))*
                                  \s+ (?:có\s+liên\s+quan|liên\s+quan|hữu\s+quan) )
                                 (?: \s+ (?:có|chịu)\s+trách\s+nhiệm | \s+cần | \s+phải )?
                                 (?: \s+ (?:chủ\s+động|tích\s+cực) )? \s* $""", re.X)


def _related_subject(text: str, start: int, cue_at: int) -> Span | None:
    """The related bodies opening the clause of the cue at `cue_at`, or None."""
    s0 = _sentence_start(text, start, cue_at)
    m = RELATED_SUBJECT.fullmatch(text, s0, cue_at)
    return Span(m.start("subject"), m.end("subject")) if m else None


# A body that coordinates others is no cooperator: "2. Ủy ban Mặt trận Tổ quốc Việt Nam phối hợp
# và thống nhất hành động giữa các thành viên của Mặt trận …" (law_luat-mat-tran-to-quoc-75-
# 2015-QH13.txt:75), "phối hợp công tác giữa các cơ quan …": the cue's "giữa" (among) names
# who works together, and the subject only brings them together.
AMONG = re.compile(r"""[^,;.:()]{0,40}?(?<!\w)giữa(?!\w)""")


def _cooperate_with(text: str, low: str | None, start: int, end: int):
    """COOPERATE_WITH.finditer(text, start, end), skipped when "với" is missing and tried
    only where "phối" is (dates: Prefilters; `low` is lowered(text))."""
    if not may_hold(low, "với"):
        return ()
    return finditer_from(COOPERATE_WITH, "phối", text, low, start, end)


def _has_subject(text: str, start: int, cue_start: int, cands: list[Span]) -> bool:
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, start, cue_start)]
    sent = breaks[-1] if breaks else start
    sent = BULLET.match(text, sent).end() if BULLET.match(text, sent) else sent
    if LEAD_CUE.search(text, sent, cue_start):
        return True
    if any(sent <= c.start and c.end <= cue_start and SUBJECT_OPEN.search(text[sent:c.start])
           for c in cands):
        return True
    clause = text[sent:cue_start].lstrip()
    if ADVERB_OPEN.match(clause):
        return False
    return not (_lex()["verb_open"].match(clause) and not PREP_OPEN.match(clause))


# Before a body that is the subject of its clause ("Căn cứ …, Ban Thường trực … phối hợp").
SUBJECT_OPEN = re.compile(r"""(?: ^ | [.;:,] | (?:[Gg]iao|[Đđ]ề\s+nghị) ) \s* $""", re.X)
# Stop words that open a phrase before the subject, not a verb: "Đối với dự án … thì …".
PREP_OPEN = re.compile(r"""(?:để|theo|về|trong|tại|đối\s+với|nhằm|cho|của|với|từ|đến|trước|sau|khi|
                            nếu|thì|căn\s+cứ|ngày|năm|hoặc)(?!\w)""", re.X | re.I)


# Before the agent of a clause: a clause mark, a word handing it the task, the agent marker
# "do" ("Hội nghị cử tri … do Ban thường trực … cấp xã phối hợp với …", law_luat-sua-doi-
# luat-bau-cu-83-2025-QH15.txt:78) or the "thì" after a condition ("Trường hợp …  thì Ban
# Thường trực … phối hợp với …", nq_ubtvqh-101-2025-UBTVQH15…hoi-nghi-cu-tri-hiep-thuong.txt:53).
AGENT_OPEN = re.compile(r"""(?: ^ | [.;:] | (?:[Gg]iao|[Đđ]ề\s+nghị) | (?<!\w)(?:do|thì) ) \s* $""", re.X)
# Between the subject and its "phối hợp với": blanks, or an adverb ("chủ động phối hợp với").
WITH_GAP = re.compile(r"""(?:\s+(?:thường\s+xuyên|chủ\s+động|tích\s+cực|kịp\s+thời|khẩn\s+trương))?\s*,?\s*$""")


def _with_subject(text: str, start: int, cands: list[Span], with_at: int) -> list[Span]:
    """The body (with those listed before it) right before the "phối hợp với" at `with_at`,
    when it is the agent of its clause: "do Ban Thường trực … cấp xã phối hợp với Ủy ban nhân
    dân cùng cấp triệu tập và chủ trì" — the partner convenes, the subject leads
    (hd_mttq-tinh-quangninh…quy-trinh-hiep-thuong-2026_WORD-RENDERED-NUMBERS.txt:300)."""
    for i, c in enumerate(cands):
        if c.end <= with_at and WITH_GAP.match(text, c.end, with_at) and AGENT_OPEN.search(text[start:c.start]):
            return [c] + _list_before(text, start, cands, i)
    return []


# A body that sends its staff to watch: "… để Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam
# tỉnh phân công lãnh đạo, chuyên viên dự hướng dẫn, theo dõi, giám sát"
# (hd_mttq-tinh-quangninh…quy-trinh-hiep-thuong-2026_WORD-RENDERED-NUMBERS.txt:128, 206):
# the body inspects through them.
_STAFF_WORDS = r"(?:lãnh\s+đạo|cán\s+bộ|chuyên\s+viên|công\s+chức|thành\s+viên|đồng\s+chí)"
WATCHERS_GAP = re.compile(r"""\s+ (?:cử|phân\s+công) \s+ """ + _STAFF_WORDS + r"""
                              (?: \s*(?:,|và)\s* """ + _STAFF_WORDS + r""" )*
                              (?: \s+ (?:tham\s+dự|dự|tham\s+gia) )?
                              (?: \s+ (?:hướng\s+dẫn|theo\s+dõi|đôn\s+đốc) \s*,? )*
                              \s* $""", re.X)
# Before that body: a clause opener, or "để" opening a purpose clause ("… biết để Ban …").
WATCHERS_OPEN = re.compile(r"""(?: ^ | [.;:] | (?<!\w)(?:để|[Đđ]ề\s+nghị|[Gg]iao) ) \s* $""", re.X)


def _assigns_watchers(text: str, start: int, c: Span, at: int) -> bool:
    """Does body `c` open its clause and assign staff to watch, right before the
    inspection cue at `at`?"""
    return bool(WATCHERS_GAP.match(text, c.end, at)) and WATCHERS_OPEN.search(text[start:c.start]) is not None


def _list_before(text: str, start: int, cands: list[Span], i: int) -> list[Span]:
    """The bodies listed before cands[i] ("A, B và C chủ trì"), when the list opens its
    clause."""
    out, j = [], i
    while j > 0 and LIST_SEP.fullmatch(text[cands[j - 1].end:cands[j].start]):
        j -= 1
        out.append(cands[j])
    if out and CLAUSE_OPEN.search(text[start:cands[j].start]):
        return out
    return []


def _subject_before(text, start, cue_start, cands, role) -> list[tuple[Span, str]]:
    """"Đề nghị Ban Thường trực … xã phối hợp tổ chức …": with nothing listed after the cue,
    the body that opens the clause right before it takes the role (with the bodies listed
    before it: "Đề nghị Văn phòng Đảng ủy, Văn phòng HĐND&UBND xã phối hợp …")."""
    for i, c in enumerate(cands):
        if c.end <= cue_start and BEFORE_GAP.match(text[c.end:cue_start]):
            if CLAUSE_OPEN.search(text[start:c.start]):
                return [(c, role)]
            listed = _list_before(text, start, cands, i)
            return [(x, role) for x in [c] + listed] if listed else []
    return []


class _Lowered:
    """lowered() of each paragraph of a document (dates: Prefilters), made in one pass, and
    the cues' first words that each holds.

    str.lower() maps each character on its own, but for a capital sigma, which looks at the
    letters around it and never past a newline: the paragraphs joined by newlines and
    lowered at once give each paragraph's lowered text at the same place (lowered() keeps
    each character one character long; when some paragraph holds a character that would
    break that, all are left unknown, None).  The cue words are looked up once in the whole
    text, not in each paragraph (most hold none)."""

    __slots__ = ("low", "starts", "lengths", "cues")

    def __init__(self, texts: list[str]):
        joined = "\n".join(texts)
        low = lowered(joined)
        self.low = low if low is not None and len(low) == len(joined) else None
        self.lengths = [len(text) for text in texts]
        self.starts = [0] * len(texts)          # where each paragraph begins in `low`
        pos = 0
        for i, n in enumerate(self.lengths):
            self.starts[i] = pos
            pos += n + 1
        self.cues: list[list[str] | None]       # the cues' first words in each paragraph
        if self.low is None:
            self.cues = [None] * len(texts)
            return
        self.cues = [[] for _ in texts]
        for w in _lex()["inline_first"]:        # (words without a newline: each found
            i = self.low.find(w)                #  within one paragraph)
            while i >= 0:
                k = bisect_right(self.starts, i) - 1
                self.cues[k].append(w)
                i = self.low.find(w, self.starts[k + 1]) if k + 1 < len(texts) else -1

    def text(self, k: int) -> str | None:
        """lowered() of the k-th paragraph, or None when not known."""
        return None if self.low is None else self.low[self.starts[k]:self.starts[k] + self.lengths[k]]

    def may_open_label(self, k: int, start: int) -> bool:
        """False only when no role label can open the k-th paragraph at `start`: "labels"
        (re.I) matches only where a label's first word does, in any case, and the lowered
        text keeps each character where it was (a label's word holds no newline, so it
        cannot run on into the next paragraph)."""
        return self.low is None or self.low.startswith(_lex()["label_first"], self.starts[k] + start)


def _label_roles(text: str, start: int, end: int) -> list[tuple[Span, str]] | None:
    """Roles from a "Label: content" line, or None when the line has no role label."""
    lex = _lex()
    m = lex["labels"].match(text, start)
    if not m:
        return None
    role = lex["label_role"][fold(m.group("label"))]
    content = m.end()
    inline = _inline_roles(text, content, end)
    if role == "attend":
        return inline + _attend_items(text, content, end)
    listed = [(s, role) for s in parse_list(text, content, end)]
    return inline + listed


def _attend_items(text: str, start: int, end: int) -> list[tuple[Span, str]]:
    """Thành phần: items split on ";" (or "," when there is no ";") outside brackets,
    bodies or not; a bracketed note ("(các phòng ban cử 01 lãnh đạo …)") is no item."""
    depth, cuts = 0, {";": [], ",": []}
    # "Toàn thể cán bộ, công chức, viên chức, người lao động" is one group of people, not
    # four items (hd_mttq-xa-luong-minh…gioi-thieu-nguoi-ung-cu-hdnd-xa.txt:149).
    whole = [(m.start(), m.end()) for m in STAFF_SERIES.finditer(text, start, end)]
    for i in range(start, end):
        ch = text[i]
        if any(a <= i < b for a, b in whole):
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in cuts:
            cuts[ch].append(i)
    sep = ";" if cuts[";"] else ","
    out, pos = [], start
    for cut in cuts[sep] + [end]:
        part = BRACKETED.sub(lambda m: " " * len(m.group(0)), text[pos:cut])
        stripped = part.strip(" .\t")
        if stripped and len(stripped) <= 100:
            s = pos + part.index(stripped)
            out.append((Span(s, s + len(stripped)), "attend"))
        pos = cut + 1
    return out


BRACKETED = re.compile(r"""\([^()]*\)?""")
_STAFF = r"(?:cán\s+bộ|công\s+chức|viên\s+chức|người\s+lao\s+động|đảng\s+viên|đoàn\s+viên|hội\s+viên)"
STAFF_SERIES = re.compile(r"(?<!\w)" + _STAFF + r"(?:\s*,\s*" + _STAFF + r")+(?!\w)", re.I)


def _strongest(found: list[tuple[Span, str]]) -> list[tuple[Span, str]]:
    """Drop a weaker role of a body that also has a stronger one in the same paragraph, and
    a span inside a longer one with the same role ("Đoàn kiểm tra" in "Đoàn kiểm tra, giám
    sát").  A report stands beside a lead or cooperate (who leads a task and who reports on
    it are told apart: "Đoàn Chủ tịch … chủ trì phối hợp với … tổng hợp … để báo cáo",
    law_luat-mat-tran-to-quoc-75-2015-QH13.txt:83), and beside an assignment: "giao Chính phủ
    ban hành … và định kỳ báo cáo Ủy ban Thường vụ Quốc hội" (law_luat-to-chuc-chinh-quyen-dia-
    phuong-72-2025-QH15.txt:561) gives Chính phủ a task and a report."""
    best: dict[tuple[int, int], int] = {}
    for s, r in found:
        best[(s.start, s.end)] = max(best.get((s.start, s.end), 0), STRENGTH[r])
    out = [(s, r) for s, r in found if STRENGTH[r] >= best[(s.start, s.end)] or r == "report"]
    return [(s, r) for s, r in out
            if not any(r2 == r and o.start <= s.start and s.end <= o.end and (o.start, o.end) != (s.start, s.end)
                       for o, r2 in out)]


# Beyond the normative texts (parse.header.is_normative): a Quy định or Quy chế (often
# issued with a decision) sets rules for whoever acts, like a law: "Hội đồng … có nhiệm vụ"
# describes a standing body, not a task of this plan (qd_ubnd-tp-cantho_09-2010 …
# quy-dinh-kem-theo).
RULE_TEXT_TYPES = frozenset({"Bộ luật", "Hiến pháp", "Quy định", "Quy chế"})


@lru_cache(maxsize=None)
def _prefixes(key: str) -> tuple[str, ...]:
    """Folded section-title prefixes from roles.yaml (`assign_sections`, `no_assign_sections`)."""
    return tuple(fold(x) for x in load("roles")[key])


def _names_body(title: str | None) -> bool:
    """A heading title that is only a body's name: "Sở Thông tin và Truyền thông"."""
    # not "Điều 5. Hội đồng nhân dân tỉnh giao" (a verb ends it: its object follows,
    # nq_hdnd-tinh-quangninh-99-2025-NQ-HDND…muc-chi-bau-cu.txt:106)
    if not title or not title[:1].isupper() or _named_verb_end(title):
        return False
    subj = parse_list(title, 0)
    return bool(subj and subj[0].start == 0 and BARE_NAME_END.fullmatch(title, subj[-1].end))


class _Ctx:
    """What bodies need of one document, computed once: the sections under a
    "TỔ CHỨC THỰC HIỆN"-like heading, the quiet sections (MỤC ĐÍCH, YÊU CẦU …), and a fast
    section lookup by line."""

    def __init__(self, doc: Document):
        self.doc = doc
        assign_p, quiet_p = _prefixes("assign_sections"), _prefixes("no_assign_sections")
        # The prefix tests below read only the title's first k words (k: the longest prefix).
        # fold() works word by word (NFC and casefold neither cross nor make blanks: every
        # code point checked), so folding those words alone gives the same first words.
        k = max([len(x.split()) for x in assign_p + quiet_p] + [1])
        # And a title can open with a prefix only if its first word, folded, opens with the
        # prefix's first word: most titles are passed over after folding one word.
        first = tuple({x.split()[0] if x.split() else "" for x in assign_p + quiet_p})
        self.roots: set[str] = set()        # the assignment headings themselves
        self.assign: set[str] = set()       # sections under them (heading excluded)
        self.quiet: set[str] = set()        # aims/background sections and their subtrees
        for s in doc.sections:              # parents precede their children
            words = s.title.split(None, k) if s.title else None
            title = fold(" ".join(words[:k])) if words and fold(words[0]).startswith(first) else ""
            if title and title.startswith(assign_p):
                self.roots.add(s.id)
            if s.parent is not None and (s.parent in self.roots or s.parent in self.assign):
                self.assign.add(s.id)
            # An item under TỔ CHỨC THỰC HIỆN that opens "Căn cứ …, X xây dựng …" is a task, not
            # a background section (hd_mttq-xa-luong-minh…mttq-tham-gia-bau-cu.txt:197).
            # So is any item whose "Căn cứ …," opener is followed by an acting body: "6. Căn cứ vào
            # kết quả hiệp thương lần thứ nhất, …, Ủy ban Thường vụ Quốc hội tiến hành điều chỉnh …"
            # (hd_mttq-tinh-quangninh…quy-trinh-hiep-thuong-2026_WORD-RENDERED-NUMBERS.txt:40, 130).
            if (title and title.startswith(quiet_p) and s.id not in self.assign
                    and not _grounds_then_actor(s.title) and not _asks_actor(s.title)) \
                    or s.parent in self.quiet:
                self.quiet.add(s.id)
        self._named: dict[str, bool] = {}  # is_named's answers
        self._lines = [s.line for s in doc.sections]
        # Laws and other normative texts define competences, not a plan's tasks.
        # A resolution or decree with a year in its number ("101/2025/UBTVQH15") is one too.
        self.law = is_normative(doc.header, RULE_TEXT_TYPES)
        self._next: dict[int, str] | None = None       # built by _neighbours when first asked
        self._prev: dict[int, Paragraph] | None = None

    def is_named(self, sec) -> bool:
        """Is the heading of `sec` only a body's name ("Điều 7. Sở Thông tin và Truyền
        thông")?  Then the items beneath are that body's tasks.  Worked out when first asked
        (it is asked of few sections), once per section."""
        named = self._named.get(sec.id)
        if named is None:
            # (Ids are unique in a parsed document; any section with the id counts.)
            named = self._named[sec.id] = any(_names_body(s.title) for s in self.doc.sections
                                              if s.id == sec.id)
        return named

    def _neighbours(self) -> None:
        """The paragraph before and the text after each paragraph, by line (the last
        paragraph of a line wins, as in any dict built in order)."""
        paras = self.doc.paragraphs
        self._next = {p.line: paras[i + 1].text for i, p in enumerate(paras[:-1])}
        self._prev = {p.line: paras[i - 1] for i, p in enumerate(paras) if i}

    def first_after_heading(self, para: Paragraph, sec) -> bool:
        """Is `para` the first paragraph under the heading of `sec`, a heading that names
        no body itself?"""
        if self._prev is None:
            self._neighbours()
        prev = self._prev.get(para.line)
        if prev is None or prev.line != sec.line:
            return False
        start = len(sec.marker) if prev.text.lstrip().startswith(sec.marker) else 0
        return _no_candidate(prev.text.lstrip(), start)

    def next_text(self, para: Paragraph) -> str:
        if self._next is None:
            self._neighbours()
        return self._next.get(para.line, "")

    def section_at(self, line: int):
        i = bisect_right(self._lines, line)
        return self.doc.sections[i - 1] if i else None


def _subject_role(ctx: _Ctx, para: Paragraph, sec, bullet) -> list[tuple[Span, str]]:
    """The subject of an item: a numbered heading ("3. Ban cán sự đảng UBND tỉnh chỉ đạo …",
    "Điều 2. Nhiệm vụ của Tổ tiếp công dân"), or a bullet or paragraph under a
    TỔ CHỨC THỰC HIỆN section.  Under such a section a heading that is only a name
    ("2. Văn phòng Sở") makes that body the assignee of the items beneath it, and the lead
    when the first of them opens with "Chủ trì".  `sec` is the section at the paragraph's
    line and `bullet` BULLET's match of its text (_paragraph_roles has both)."""
    line = para.line
    text = para.text
    step = STEP.match(text, bullet.end() if bullet else 0)
    if step and not ctx.law and (sec is None or (sec.line != line and sec.id not in ctx.quiet)):
        return _step_subjects(text, step.end())
    if sec is None:
        return []
    if "!" in text and SLOGAN.search(text):
        return []                            # "18. Quốc hội là biểu tượng … !"
    under_assign = sec.id in ctx.assign or sec.id in ctx.roots
    heading = sec.line == line
    if heading and sec.id not in ctx.quiet and not ctx.law:
        pos = len(sec.marker) if text.lstrip().startswith(sec.marker) else 0
        pos += len(text) - len(text.lstrip())
    elif under_assign and not heading:
        pos = bullet.end() if bullet else 0
    elif not heading and sec.id not in ctx.quiet and not ctx.law and not bullet:
        # The paragraph right under a topic heading that opens with its actor:
        # "4. Tổng kết công tác bầu cử / Ủy ban bầu cử xã tổng kết công tác bầu cử …".
        # (The actor is looked for first: the heading test, which must hold too, is dearer.)
        pos = len(text) - len(text.lstrip())
        subjects = parse_list(text, pos)
        if subjects and VERB_NEXT.match(text, subjects[-1].end) \
                and not NOT_TASK_VERB.match(text, subjects[-1].end) and ctx.first_after_heading(para, sec):
            # A cue's own role stands alone: "Ban Thường trực … giám sát trực tiếp" inspects.
            cued = {(x.start, x.end) for x, _ in _inline_roles(text, pos, len(text))}
            if not any((x.start, x.end) in cued for x in subjects):
                return [(x, "assignee") for x in subjects]
        return []
    else:
        return []
    pos = SUBJECT_PREFIX.match(text, pos).end()
    subjects = parse_list(text, pos)
    if not subjects:
        # "1. Căn cứ … và Hướng dẫn này, Ban Thường trực … xã xây dựng kế hoạch …"
        # (hd_mttq-xa-luong-minh…mttq-tham-gia-bau-cu.txt:197)
        after = _after_grounds(text, pos)
        if after is not None:
            subjects = parse_list(text, after)
    if not subjects and heading and not ctx.law:
        duty = DUTY_OF.match(text, pos)
        if duty:
            # "Điều 2. Nhiệm vụ của Tổ tiếp công dân, xử lý khiếu nại …:"
            return [(s, "assignee") for s in parse_list(text, duty.end())]
        # "a) Tiêu chuẩn - đo lường - chất lượng: Ủy ban nhân dân huyện, thị xã chủ động …"
        # (TOPIC needs a ":" 3 to 60 characters on.)
        t = TOPIC.match(text, pos) if text.find(":", pos + 3, pos + 61) >= 0 else None
        if t and not _lex()["labels"].match(text, pos) and _no_candidate(text, pos, t.end()):
            subjects = parse_list(text, SUBJECT_PREFIX.match(text, t.end()).end())
            if subjects and not VERB_NEXT.match(text, subjects[-1].end):
                return []
    if not subjects:
        return []
    last = subjects[-1].end
    if _acts(text, last) and not ASKING.match(text, last):
        # The subject that reports reports: "2. Ban Thường trực … xã thực hiện chế độ báo cáo
        # với …" (hd_mttq-xa-luong-minh…mttq-tham-gia-bau-cu.txt:115, 199).
        role = ("report" if REPORTS_NEXT.match(text, last)
                else "lead" if HOLDS_MEETING.match(text, last) else "assignee")
        return [(s, role) for s in subjects]
    if heading and (sec.id in ctx.assign or (ARTICLE.match(sec.marker) and ctx.is_named(sec))) \
            and BARE_NAME_END.match(text, last):
        role = "lead" if LEADS_ITEM.match(ctx.next_text(para)) else "assignee"
        return [(s, role) for s in subjects]
    return []


NAMED_VERB_END = re.compile(r"""\s(?:giao|quyết\s+định|quy\s+định)\s*:?\s*$""")


def _named_verb_end(title: str) -> bool:
    """NAMED_VERB_END.search(title), whose scan tries every position: a title that does not
    end (before blanks and one colon) with "giao" or "định" cannot match it."""
    tail = title.rstrip()
    if tail.endswith(":"):
        tail = tail[:-1].rstrip()
    return tail.endswith(("giao", "định")) and NAMED_VERB_END.search(title) is not None


# An article's marker: "Điều 7." — an article named after a body gives it the article's items
# (qd_ubnd-tp-hanoi_15-2010-QD-UBND…dai-ly-internet.txt:234, 249, 261, 270, 279).
ARTICLE = re.compile(r"""\s*Điều\s""")


# A step of a procedure: "– Bước 1: Phòng Đào tạo cung cấp …", "Giai đoạn 2:", "Đợt 1:".
STEP = re.compile(r"""\s*(?:Bước|Giai\s+đoạn|Đợt)\s+(?:\d{1,2}|[IVX]{1,4})\s*[:.)–-]\s*""", re.X)

# A connective before a later sentence's subject in a step: "Từ đó, Trung tâm … chuẩn bị".
STEP_CONNECTIVE = re.compile(r"""\s*(?:(?:Từ\s+đó|Sau\s+đó|Tiếp\s+theo|Đồng\s+thời|Trên\s+cơ\s+sở\s+đó)\s*,?\s*)?""",
                             re.X)
SENTENCE_START = re.compile(r"""[.;!?]\s+(?=[A-ZĐÀ-Ỹ])""")


def _step_subjects(text: str, pos: int) -> list[tuple[Span, str]]:
    """The actor of each sentence of a procedure step: the body opening the step after its
    "Bước N:" and the body opening a later sentence ("Từ đó, Trung tâm … chuẩn bị …"), when
    a verb follows (kh_dh-cong-thuong-tphcm_753-KH-DCT…khao-sat-hai-long_TRANSCRIPTION.txt:43-50)."""
    out = []
    for start in [pos] + [m.end() for m in SENTENCE_START.finditer(text, pos)]:
        if start != pos:
            start = STEP_CONNECTIVE.match(text, start).end()
        subjects = parse_list(text, start)
        if subjects and _task_verb_next(text, subjects[-1].end):
            out.extend((x, "assignee") for x in subjects)
    return out


def _task_verb_next(text: str, end: int) -> bool:
    """A verb follows that is a task, not the writer asking others or stating a fact.
    ("thông báo", "ban hành" are tasks here: "Trung tâm … thông báo kế hoạch …".)"""
    return bool(VERB_NEXT.match(text, end)) and not ASKS_OR_FACT.match(text, end)


# The body asking others ("Ban Thường trực … yêu cầu các đồng chí … triển khai": the one
# who asks is no assignee, kh_mttq-xa-luong-minh…hiep-thuong-lan-hai.txt:121) or a fact.
ASKS_OR_FACT = re.compile(r"""\s+(?:yêu\s+cầu|đề\s+nghị|kính|trân\s+trọng|giao|xin|đã|đang|vừa|được|là)(?!\w)""",
                          re.X)


# Verbs after a paragraph's opening body that make it no assignee: the issuer asking or
# informing ("Sở Giáo dục và Đào tạo yêu cầu …"), or a fact ("… đã ban hành", "… là …").
NOT_TASK_VERB = re.compile(r"""\s+(?:yêu\s+cầu|đề\s+nghị|kính|trân\s+trọng|giao|thông\s+báo|
                               ban\s+hành|quyết\s+định|đã|đang|vừa|được|là|xin|có\s+ý\s+kiến)(?!\w)""", re.X)

# The subject that holds a meeting leads it: "3. Trên cơ sở ý kiến …, ban lãnh đạo cơ quan, tổ
# chức, đơn vị tổ chức hội nghị ban lãnh đạo mở rộng để thảo luận, giới thiệu người ứng cử …"
# (hd_mttq-tinh-quangninh…quy-trinh-hiep-thuong-2026_WORD-RENDERED-NUMBERS.txt:70, 143).
HOLDS_MEETING = re.compile(r"""\s+tổ\s+chức\s+(?:hội\s+nghị|cuộc\s+họp|họp)(?!\w)""", re.X)

# The subject asking others to act: "- Ban Thường trực … yêu cầu các đồng chí … triển khai"
# (kh_mttq-xa-luong-minh…hiep-thuong-lan-hai.txt:121); the asked get the role, not the asker.
ASKING = re.compile(r"""\s+(?:yêu\s+cầu|đề\s+nghị|kính\s+đề\s+nghị|trân\s+trọng\s+đề\s+nghị)(?!\w)""", re.X)

# A subject followed by a verb (a lower-case word).
VERB_NEXT = re.compile(r"""\s+[a-zđà-ỹ]""")

# A numbered heading that is only a name: nothing after it but a colon.
BARE_NAME_END = re.compile(r"""\s*:?\s*$""", re.X)

# The first paragraph under such a heading that makes its body the lead of the item:
# "1. Phòng Công nghệ thông tin / Chủ trì phối hợp với các đơn vị liên quan …".
LEADS_ITEM = re.compile(r"""^\s*(?:[-+•*–]\s*)?[Cc]hủ\s+trì(?!\w)""", re.X)

# A short topic before a colon, then the subject: "b) Thanh tra khoa học và công nghệ: …".
TOPIC = re.compile(r"""[^:;.!?()\n]{3,60}:\s*""", re.X)

# A numbered slogan ends with "!": no task.
SLOGAN = re.compile(r"""!\s*$""")


# A subject that really acts is followed by more words (a verb, a colon, a list).  A
# heading such as "Quốc hội Việt Nam - Cơ quan đại biểu cao nhất" (a dash or bracket
# next) or a name that runs to the end of its line (cut by the layout) assigns nothing.
# A subject whose colon opens its make-up ("4.3. HĐND cấp xã: Thành phần dự hội nghị gồm …",
# hd_mttq-xa-luong-minh…gioi-thieu-nguoi-ung-cu-hdnd-xa.txt:69-73) is described, not tasked.
NOT_ACTING_RE = re.compile(r"""\s*(?:$|:?\s*$|[-–—(“"]|:\s*Thành\s+phần(?!\w))""", re.X)


def _acts(text: str, end: int) -> bool:
    return NOT_ACTING_RE.match(text, end) is None


def _paragraph_roles(ctx: _Ctx, para: Paragraph, lows: "_Lowered | None" = None,
                     k: int = 0) -> list[tuple[Span, str]]:
    """The roles of one paragraph; `lows` holds the lowered texts of the document's
    paragraphs, this one being the k-th (made here when not given)."""
    if lows is None:
        lows, k = _Lowered([para.text]), 0
    text = para.text
    line = para.lines[0]
    bullet = BULLET.match(text)
    start = bullet.end() if bullet else 0
    sec = ctx.section_at(line)
    heading = sec is not None and sec.line == line
    if heading:
        stripped = text.lstrip()
        if stripped.startswith(sec.marker):
            start = len(text) - len(stripped) + len(sec.marker)
            start = BLANKS.match(text, start).end()
    # The cues' first words in the paragraph, lower case (None: unknown, then every finder
    # runs).  Without "chủ", "kiểm" or "giám" no cue, no "chủ trì" and no inspection team
    # can be found: each needs that word in the text, and lowering keeps it.
    cues = lows.cues[k]
    labelled = _label_roles(text, start, len(text)) if lows.may_open_label(k, start) else None
    # A numbered item "Phối hợp với Y …" has its actor said above it: the plan's issuer
    # ("6.2. Phối hợp với Ủy ban bầu cử xã, …", kh_mttq-xa-luong-minh…16-KH-MTTQ-BTT…
    # bau-cu-2026.txt:221) or the body an article is named after ("Điều 8. Công an Thành phố /
    # 1. Phối hợp với …", qd_ubnd-tp-hanoi_15-2010…dai-ly-internet.txt:252): Y cooperates.
    # So does a law's numbered clause, under an article or a line that names the actor
    # ("Điều 39. Trách nhiệm của cơ quan, tổ chức / 2. Phối hợp với Mặt trận Tổ quốc Việt Nam …",
    # law_luat-mat-tran-to-quoc-75-2015-QH13.txt:205; also :94, 143, 148).
    # A bullet "- Phối hợp với Y" keeps its subject unsaid (the gold gives Y nothing).
    known = heading and not bullet
    if labelled is not None:
        found = labelled
    elif cues == []:
        found = []
    else:
        found = _inline_roles(text, start, len(text), subject_known=known, generic=not ctx.law, cues=cues,
                              low=lows.text(k))
    subject = _subject_role(ctx, para, sec, bullet)
    if subject:
        found = found + subject
    if cues is None or "kiểm" in cues or "giám" in cues:
        found += _inspect_teams(text, start)
    sec_quiet = sec is not None and sec.id in ctx.quiet
    if labelled is None:
        if not ctx.law and (cues is None or "chủ" in cues):
            found += _subject_leads(text, start, found)
        if cues is None or "chủ" in cues:
            found += _co_leads(text, start, found) + _given_to_lead(text, start)
        found += _invited(text, start)
        if not sec_quiet:
            found += _subject_reports(text, start)
        if not sec_quiet:
            # Laws and resolutions too: "Ủy ban Mặt trận Tổ quốc Việt Nam các cấp có trách
            # nhiệm tổ chức thực hiện" (nqlt_102-2025…:221) assigns as a plan does.
            found += _subject_duties(text, start)
    # One role or none: nothing to weigh (_strongest keeps a lone role).
    return _strongest(found) if len(found) > 1 else found


# "chủ trì" joined to the verbs of a clause whose subject opened it: "Ban Thường trực UBMTTQ
# xã phối hợp với UBND xã triệu tập (phát giấy mời) và chủ trì hội nghị"
# (kh_mttq-xa-luong-minh…lay-y-kien-cu-tri-noi-cu-tru.txt:69), "1. Ban Thường trực … phường
# xây dựng Kế hoạch …; tổ chức chủ trì, phối hợp với …" (kh_mttq-phuong-bac-cam-ranh…
# kiem-tra-giam-sat-bau-cu.txt:281).  Not "do X chủ trì", "được chủ trì", "việc chủ trì".
LEAD_JOINED = re.compile(r"""(?: [,;]\s* | \s(?:và|rồi)\s+ ) (?:(?:tổ\s+chức|trực\s+tiếp|đồng\s+thời)\s+)? $""", re.X)
PASSIVE = re.compile(r"""(?<!\w)(?:do|được|bởi|việc)(?!\w)""", re.I)


def _sentence_start(text: str, start: int, pos: int) -> int:
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, start, pos)]
    s = breaks[-1] if breaks else start
    s = BULLET.match(text, s).end() if BULLET.match(text, s) else s
    return SUBJECT_PREFIX.match(text, s).end()


def _subject_leads(text: str, start: int, found) -> list[tuple[Span, str]]:
    if "chủ trì" not in text and "Chủ trì" not in text:
        return []
    taken = {(s.start, s.end) for s, r in found if r == "lead"}
    out = []
    for m in LEAD_CUE.finditer(text, start):
        s0 = _sentence_start(text, start, m.start())
        subjects = parse_list(text, s0, m.start())
        if not subjects or not _task_verb_next(text, subjects[-1].end):
            continue
        between = text[subjects[-1].end:m.start()]
        clause = between.rsplit(";", 1)[-1]
        if not LEAD_JOINED.search(between) or PASSIVE.search(clause):
            continue
        # a body right before the cue leads it itself, unless it is a partner listed after
        # "phối hợp với" (then the clause's subject leads: "X phối hợp với Y triệu tập và chủ trì")
        partners = {(x.start, x.end) for c in _cooperate_with(text, lowered(text), subjects[-1].end, m.start())
                    for x in parse_list(text, c.end(), m.start())}
        if any(BEFORE_GAP.match(text[c.end:m.start()]) and (c.start, c.end) not in partners
               for c in _candidates(text, subjects[-1].end, m.start())):
            continue
        if any((x.start, x.end) in taken for x in subjects):
            continue
        out.extend((x, "lead") for x in subjects)
    return out


# A lead named "together with" the clause's subject: "2. Ủy ban nhân dân cấp xã chịu trách nhiệm
# phối hợp với Ủy ban Mặt trận Tổ quốc Việt Nam cùng cấp tổ chức hội nghị đối thoại …, cùng đại
# diện Thường trực Hội đồng nhân dân cùng cấp chủ trì hội nghị đối thoại" (law_luat-to-chuc-chinh-
# quyen-dia-phuong-72-2025-QH15.txt:484): the subject co-leads.
CO_LEAD = re.compile(r""",\s*cùng(?:\s+với)?(?:\s+đại\s+diện)?\s+$""", re.X)


# A body named by its kind, handed a task to lead: "cơ quan nhà nước có thẩm quyền ở trung ương
# giao cho chính quyền địa phương của một trong các đơn vị hành chính cấp tỉnh có liên quan chủ
# trì giải quyết …" (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:103).  (Named
# bodies are found by the "chủ trì" cue itself.)
GIVEN_TO_LEAD = re.compile(r"""(?<!\w)giao\s+cho\s+
    (?P<body> (?:chính\s+quyền|cơ\s+quan|đơn\s+vị) [^,;.:()\n]{0,100}? )
    \s+chủ\s+trì(?!\w)""", re.X)


def _given_to_lead(text: str, start: int) -> list[tuple[Span, str]]:
    """GIVEN_TO_LEAD's bodies; not a unit or a person: "giao cho đơn vị hoặc cá nhân chủ trì soạn
    thảo văn bản" (law_nghi-dinh-30-2020-ND-CP_cong-tac-van-thu.txt:93) names whoever is chosen."""
    if "giao" not in text:
        return []
    return [(Span(m.start("body"), m.end("body")), "lead") for m in GIVEN_TO_LEAD.finditer(text, start)
            if "cá nhân" not in m.group("body")]


# A body invited to take part: "…; mời đại diện cấp ủy cùng cấp tham gia hội nghị đối thoại"
# (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:484).  The party committee is
# written in lower case, as no head is.
INVITE = re.compile(r"""(?<!\w)mời\s+(?:đại\s+diện\s+)?""", re.X)
PARTY_COMMITTEE = re.compile(r"""cấp\s+(?:ủy|uỷ)(?:\s+(?:cùng\s+cấp|các\s+cấp|địa\s+phương))?""", re.X)
TAKES_PART = re.compile(r"""\s+(?:tham\s+gia|tham\s+dự|dự)(?!\w)""", re.X)


def _invited(text: str, start: int) -> list[tuple[Span, str]]:
    """The bodies invited ("mời (đại diện) X tham gia / tham dự / dự") attend."""
    if "mời" not in text:
        return []
    out = []
    for m in INVITE.finditer(text, start):
        body = parse_body(text, m.end())
        if body is None:
            pc = PARTY_COMMITTEE.match(text, m.end())
            body = Span(pc.start(), pc.end()) if pc else None
        if body is not None and TAKES_PART.match(text, body.end):
            out.append((body, "attend"))
    return out


def _co_leads(text: str, start: int, found) -> list[tuple[Span, str]]:
    """The subjects of the clauses whose lead is joined to them by ", cùng (đại diện) X"."""
    out = []
    for c, role in found:
        if role != "lead" or not CO_LEAD.search(text, max(start, c.start - 40), c.start):
            continue
        subjects = parse_list(text, _sentence_start(text, start, c.start), c.start)
        if subjects and subjects[-1].end < c.start and _task_verb_next(text, subjects[-1].end):
            out.extend((x, "lead") for x in subjects)
    return out


# The subject that reports: "5. Kết thúc cuộc bầu cử, Ban Thường trực … phường, chịu trách
# nhiệm tổng hợp báo cáo … gửi về Ban Thường trực … tỉnh" — the sender reports; the
# receiver is no reporter (kh_mttq-phuong-bac-cam-ranh…kiem-tra-giam-sat-bau-cu.txt:289).
REPORT_VERB = re.compile(r"""\s*,?\s+(?:(?:chịu|có)\s+trách\s+nhiệm\s+)?(?:tổng\s+hợp\s*(?:,|và)?\s+)?
                             (?:gửi\s+)?báo\s+cáo(?!\w)""", re.X)
# A subject's verb that is reporting: "báo cáo", "chủ động báo cáo", "lập báo cáo", "thực
# hiện chế độ (thông tin,) báo cáo", "(chịu trách nhiệm) tổng hợp báo cáo".
# A decision reported up: "Việc xác định khu vực bỏ phiếu do Ủy ban nhân dân cấp xã quyết định
# và báo cáo Ủy ban nhân dân cấp tỉnh" (law_luat-sua-doi-luat-bau-cu-83-2025-QH15.txt:36).
# A duty or urgency first: "thì Thường trực Hội đồng nhân dân phải báo cáo Hội đồng nhân dân"
# (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:399), "phải lập tức báo cáo" (same, :407).
REPORTS_NEXT = re.compile(r"""\s*,?\s+(?:phải\s+)?(?:(?:chủ\s+động|kịp\s+thời|định\s+kỳ|lập\s+tức|ngay)\s+)?
                              (?:(?:chịu|có)\s+trách\s+nhiệm\s+)?
                              (?:(?:tổng\s+hợp\s*(?:,|và)?|quyết\s+định\s*(?:,|và))\s+)?
                              (?:(?:lập|gửi|thực\s+hiện\s+chế\s+độ(?:\s+thông\s+tin\s*,?)?)\s+)?
                              báo\s+cáo(?!\w)""", re.X)

# A sentence grounded on documents before its subject: "Căn cứ quyết định của cấp có thẩm
# quyền và điều kiện, tình hình thực tế ở địa phương, Ban Thường trực … báo cáo …"
# (hd_mttq-xa-luong-minh…mttq-tham-gia-bau-cu.txt:81).
GROUNDS = re.compile(r"""\s*(?:Căn\s+cứ|Trên\s+cơ\s+sở)(?!\w)""", re.X)
COMMA_SPACE = re.compile(r""",\s+""")


def _after_grounds(text: str, pos: int, *, kinds: bool = False) -> int | None:
    """Where the subject starts after a "Căn cứ …," opener: the first comma that a body
    acting (a verb after it) follows; with `kinds`, when there is none, the first that bodies
    named by their kinds follow ("…, cơ quan, tổ chức, đơn vị có trách nhiệm …").  (Kinds
    come second: the grounds name kinds too, "… của các cơ quan, tổ chức, đơn vị tỉnh …, Ban
    Thường trực … có trách nhiệm …", hd_mttq-tinh-quangninh…WORD-RENDERED-NUMBERS.txt:41.)"""
    if not GROUNDS.match(text, pos):
        return None
    commas = [m.end() for m in COMMA_SPACE.finditer(text, pos, min(len(text), pos + 600))]
    for at in commas:
        subj = parse_list(text, at)
        if subj and VERB_NEXT.match(text, subj[-1].end) and not NOT_TASK_VERB.match(text, subj[-1].end):
            return at
    for at in commas if kinds else ():
        k = KIND_SERIES.match(text, at)
        if k and VERB_NEXT.match(text, k.end()) and not NOT_TASK_VERB.match(text, k.end()):
            return at
    return None


# A clause that asks bodies to act, not a "Yêu cầu" (requirements) heading: "2. Yêu cầu cơ quan,
# tổ chức, cá nhân được giám sát báo cáo bằng văn bản, …" (law_luat-mat-tran-to-quoc-75-2015-
# QH13.txt:144).
ASKS = re.compile(r"""\s*(?:Yêu\s+cầu|Đề\s+nghị)\s+""", re.X)


def _asks_actor(title: str) -> bool:
    """A heading "Yêu cầu <bodies> <verb> …" asks those bodies to act: a task, not a section
    of requirements."""
    m = ASKS.match(title)
    if m is None:
        return False
    subjects = parse_list(title, m.end())
    k = KIND_SERIES.match(title, m.end())
    end = subjects[-1].end if subjects else k.end() if k else None
    return end is not None and VERB_NEXT.match(title, end) is not None


def _grounds_then_actor(title: str) -> bool:
    """A heading that opens with grounds and goes on with a body acting: a task, not a
    background section ("Căn cứ …, Ủy ban Thường vụ Quốc hội tiến hành …")."""
    return GROUNDS.match(title) is not None and _after_grounds(title, 0, kinds=True) is not None


# "…, đồng thời Ban Thường trực MTTQ xã chủ động báo cáo, …" (same document, line 89), and the
# agent of a passive clause: "… do Ủy ban nhân dân cấp xã quyết định và báo cáo …"
# (law_luat-sua-doi-luat-bau-cu-83-2025-QH15.txt:36).
# The subject after a condition's "thì": "Trường hợp đại biểu … không tham dự … thì Thường trực
# Hội đồng nhân dân phải báo cáo Hội đồng nhân dân" (law_luat-to-chuc-chinh-quyen-dia-phuong-72-
# 2025-QH15.txt:399), and the body a task is handed to: "…, giao Chính phủ ban hành … và định kỳ
# báo cáo Ủy ban Thường vụ Quốc hội" (same, :561) — not "được giao", "bàn giao", "đã giao".
ALSO_SUBJECT = re.compile(r"""(?<!\w)(?:đồng\s+thời|do|thì|(?<!được\s)(?<!bàn\s)(?<!đã\s)giao(?:\s+cho)?)
                              \s+(?=[A-ZĐÀ-Ỹ])""", re.X)

# A short time or condition before the subject: "Kết thúc cuộc bầu cử, …", "Hằng tháng, …".
# One that opens with a preposition may run longer and name a body (_subjects_at): "Trong thời
# gian Hội đồng nhân dân không họp, …" (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:380).
OPENER = re.compile(r"""[^,;.:()]{3,40},\s*""")
PREP_OPENER = re.compile(r"""(?:trong|khi|sau\s+khi|trước\s+khi|nếu|trường\s+hợp)(?!\w)[^,;.:()]{3,80},\s*""", re.I)


def _subject_reports(text: str, start: int) -> list[tuple[Span, str]]:
    if "báo cáo" not in text:
        return []
    out = []
    for subjects in _clause_subjects(text, start, kinds=True):
        end = past_note(text, subjects[-1].end)
        if REPORTS_NEXT.match(text, end) or COLLECTS_TO_REPORT.match(text, end):
            out.extend((x, "report") for x in subjects)
    out += [(Span(m.start("subject"), m.end("subject")), "report")
            for m in CONDITION_REPORTER.finditer(text, start)]
    return out + _joined_reports(text, start)


# A body named by its kind and its task, after a condition's "thì", that must report: "Trường
# hợp đại biểu … bị tạm giữ vì phạm tội quả tang thì cơ quan tạm giữ phải lập tức báo cáo"
# (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:407).
CONDITION_REPORTER = re.compile(r"""(?<!\w)thì\s+
    (?P<subject> (?:cơ\s+quan|đơn\s+vị|tổ\s+chức) (?:\s+[a-zđà-ỹ]+){1,3}? )
    \s+phải\s+(?:(?:lập\s+tức|ngay|kịp\s+thời)\s+)?báo\s+cáo(?!\w)""", re.X)


# A report joined, as a later predicate, to what the clause's subject does: "2. Thường trực Hội
# đồng nhân dân là cơ quan thường trực …; chịu trách nhiệm và báo cáo công tác trước Hội đồng
# nhân dân." (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:340), "Chính phủ xem xét,
# ban hành văn bản …, định kỳ hằng quý báo cáo Ủy ban Thường vụ Quốc hội" (same, :571), "…
# được quyết định các nội dung sau đây và báo cáo Hội đồng nhân dân" (same, :380).  Only adverbs
# (or "chịu trách nhiệm và") stand between the joint and "báo cáo"; after a bare comma, one must:
# "2. Văn phòng Huyện ủy chủ trì, …; tổng hợp kết quả, báo cáo Ban Thường vụ Huyện ủy …" is a
# step of the lead's task, no report of its own (seed gold, kh-huyen-uy-dong-son-chuyen-doi-so-
# 2025.txt:55).
_REPORT_ADVERB = r"""(?:chịu\s+trách\s+nhiệm\s+và|phải|định\s+kỳ|hằng\s+(?:quý|năm|tháng)|kịp\s+thời|lập\s+tức|ngay)\s+"""
JOINED_REPORT = re.compile(r"""(?: (?: \s*;\s* | \s+và\s+ ) (?P<adverbs> (?:""" + _REPORT_ADVERB + r""")* )
                                 | \s*,\s* (?P<adverbs2> (?:""" + _REPORT_ADVERB + r""")+ ) )
                               báo\s+cáo(?!\w)""", re.X)
# Whom the report goes to, right after the verb: a body ("báo cáo Hội đồng nhân dân"), maybe
# after "công tác trước" / "trước".  Without it "và báo cáo" may be a noun ("xây dựng kế hoạch
# và báo cáo …"), and "báo cáo về hoạt động của mình trước Quốc hội" answers for, not reports
# (law_luat-bau-cu-dbqh-hdnd-85-2015-QH13.txt:146, no role in the gold).
REPORT_TO = re.compile(r"""\s*(?:công\s+tác\s+)?(?:trước\s+)?""", re.X)
# PERIODIC adverbs make "báo cáo" a verb whatever follows: "; định kỳ báo cáo, đánh giá việc
# thực hiện …" (same law, :116).
PERIODIC = re.compile(r"""(?:định\s+kỳ|hằng\s+)""")
# A verb handing the task to another body between the subject and its report: "X chỉ đạo các sở
# …, báo cáo …" — who reports is not said.
DELEGATES = re.compile(r"""(?<!\w)(?:chỉ\s+đạo|giao(?:\s+cho)?|yêu\s+cầu|đề\s+nghị|hướng\s+dẫn|đôn\s+đốc|phân\s+công)
                           \s+(?:[A-ZĐÀ-Ỹ]|các\s|cơ\s+quan|đơn\s+vị|tổ\s+chức)""", re.X)


def _joined_reports(text: str, start: int) -> list[tuple[Span, str]]:
    """The subject of the clause that a JOINED_REPORT belongs to: reports."""
    out = []
    starts = None
    for m in JOINED_REPORT.finditer(text, start):
        verb_end = m.end()
        if not PERIODIC.match(m.group("adverbs") or m.group("adverbs2") or "") and \
                parse_body(text, REPORT_TO.match(text, verb_end).end()) is None:
            continue
        if starts is None:
            starts = _clause_starts(text, start)
        subjects = _report_subject(text, [x for x in starts if x <= m.start()], m.start(),
                                   own_predicate=m.group(0).lstrip().startswith(";"))
        if subjects:
            out.extend((x, "report") for x in subjects)
    return out


def _report_subject(text: str, starts: list[int], joint: int, *, own_predicate: bool) -> list[Span]:
    """The subject of the clause holding the joint at `joint`, from the last of `starts` that
    names one.  A ";" then a verb opens no new subject ("…; đề nghị cơ quan …; định kỳ báo
    cáo", law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:116): such starts are
    passed over, a sentence's start is not.  `own_predicate`: a ";" joint opens the report's
    own predicate, which a delegation before it does not reach."""
    for s0 in reversed(starts):
        for subjects in _subjects_at(text, s0, kinds=True):
            end = subjects[-1].end
            if end > joint or not (VERB_NEXT.match(text, end) or text.startswith(",", end)):
                continue
            # Each ";" opens a new predicate of the same subject; a delegation counts only in
            # the predicate that holds the report.
            last = text.rfind(";", end, joint)
            if not own_predicate and DELEGATES.search(text, max(end, last + 1), joint):
                return []
            return subjects
        if not text[:s0].rstrip().endswith(";"):
            return []
    return []


# A subject that collects and then reports, maybe leading partners in it: "1. Đoàn Chủ tịch Ủy
# ban trung ương Mặt trận Tổ quốc Việt Nam chủ trì phối hợp với Ủy ban thường vụ Quốc hội tổng
# hợp ý kiến, kiến nghị của cử tri và Nhân dân cả nước để báo cáo tại các kỳ họp Quốc hội"
# (law_luat-mat-tran-to-quoc-75-2015-QH13.txt:83).  Only "chủ trì", "phối hợp với …" or a duty
# may stand before "tổng hợp": "X chỉ đạo Y tổng hợp … để báo cáo" has Y report, not X.
COLLECTS_TO_REPORT = re.compile(r"""\s*,?\s+ (?:(?:chịu|có)\s+trách\s+nhiệm\s+)?
                                    (?:chủ\s+trì\s*,?\s*)? (?:phối\s+hợp(?:\s+chặt\s+chẽ)?\s+với\s+[^.;:]{1,150}?\s+)?
                                    tổng\s+hợp(?!\w) [^.;:]{0,200}? \s(?:để|và|rồi)\s+báo\s+cáo(?!\w)""", re.X)


# A duty laid on the subject of a clause: "Ủy ban bầu cử các cấp có trách nhiệm thông báo công
# khai …" (hd_mttq-tinh-quangninh…quy-trinh-hiep-thuong-2026_WORD-RENDERED-NUMBERS.txt:213),
# "Trên cơ sở …, Ban Thường trực … tỉnh Quảng Ninh có trách nhiệm thông báo …" (same, :41).
# A duty to report is a report (REPORTS_NEXT), not this.
# A duty whose tasks are the points below it: "3. Văn thư cơ quan có nhiệm vụ" / "a) Đăng ký, …",
# "2. Văn thư cơ quan có trách nhiệm" (law_nghi-dinh-30-2020-ND-CP_cong-tac-van-thu.txt:55, 270).
# (Not "có nhiệm vụ" + a verb: a rule text's "Hội đồng … có nhiệm vụ xem xét …" describes a
# standing body, qd_ubnd-tp-cantho_09-2010…quy-dinh-kem-theo.)
# And a duty answered for to a superior: "1. Bộ Nội vụ chịu trách nhiệm trước Chính phủ thực hiện
# quản lý nhà nước về công tác văn thư" (same, :298); not "chịu trách nhiệm trước pháp luật về …".
# What every DUTY_NEXT match holds (a prefilter: "nhiệm vụ" alone is common in plans).
DUTY_HINT = re.compile(r"(?:có|chịu)\s+(?:trách\s+nhiệm|nhiệm\s+vụ)")
DUTY_NEXT = re.compile(r"""\s*,?\s+ (?: có\s+trách\s+nhiệm\s+[a-zđà-ỹ]
                                     | có\s+(?:trách\s+nhiệm|nhiệm\s+vụ) \s*:?\s*$
                                     | chịu\s+trách\s+nhiệm\s+trước\s+(?=[A-ZĐ]) )""", re.X)
# Bodies named by their kinds alone, as the subject of a duty: "Căn cứ vào kết quả của hội nghị
# ban lãnh đạo mở rộng, cơ quan, tổ chức, đơn vị có trách nhiệm hướng dẫn …" (same, :130, 208).
# With a person among them and what marks them out: "2. Yêu cầu cơ quan, tổ chức, cá nhân được
# giám sát báo cáo bằng văn bản" (law_luat-mat-tran-to-quoc-75-2015-QH13.txt:144), "2. Cơ quan
# nhà nước, tổ chức, đơn vị hữu quan có trách nhiệm nghiên cứu, giải quyết, trả lời kiến nghị …"
# (law_luat-to-chuc-chinh-quyen-dia-phuong-77-2015-QH13.txt:602), "4. Cơ quan, tổ chức, đơn vị, cá
# nhân được phân cấp có quyền …" (law_luat-to-chuc-chinh-quyen-dia-phuong-72-2025-QH15.txt:116).
KIND_SERIES = re.compile(r"""(?:[Cc]ác\s+)?(?:[Cc]ơ\s+quan(?:\s+nhà\s+nước)?|[Tt]ổ\s+chức|[Đđ]ơn\s+vị)
                             (?:\s*,\s*(?:cơ\s+quan|tổ\s+chức|đơn\s+vị|cá\s+nhân)(?!\w))+
                             (?:\s+(?:được\s+(?:giám\s+sát|kiểm\s+tra|thanh\s+tra|phân\s+cấp|ủy\s+quyền)|có\s+liên\s+quan|liên\s+quan
                                     |có\s+thẩm\s+quyền|hữu\s+quan)(?!\w))?""", re.X)


def _answers_for_task(text: str, duty: re.Match) -> bool:
    """A "chịu trách nhiệm trước <body>" duty needs a verb after the body (a task answered
    for), not "về …"; other duties hold as matched."""
    if not duty.group(0).endswith("trước "):
        return True
    # "Hội đồng bầu cử quốc gia chịu trách nhiệm trước Quốc hội và báo cáo …" (accountable,
    # law_luat-bau-cu-dbqh-hdnd-85-2015-QH13.txt:146): the word after the superior must be a verb.
    # (The superior's name may take that "và" in: "Quốc hội và".)
    superior = parse_body(text, duty.end())
    if superior is None or text.endswith((" và", " hoặc"), superior.start, superior.end):
        return False
    verb = BLANKS.match(text, superior.end).end()
    return _lex()["stop"].match(text, verb) is not None and not PREP_OPEN.match(text, verb)


def _subject_duties(text: str, start: int) -> list[tuple[Span, str]]:
    """The subjects of "X có trách nhiệm <verb>" (or "có trách nhiệm:" / "có nhiệm vụ" over
    points, "chịu trách nhiệm trước <body> <verb>"): assignees."""
    if not DUTY_HINT.search(text, start):
        return []            # no "có trách nhiệm", "có nhiệm vụ", "chịu trách nhiệm": DUTY_NEXT cannot match
    out = []
    for subjects in _clause_subjects(text, start, kinds=True):
        if _bears_duty(text, subjects[-1].end):
            out.extend((x, "assignee") for x in subjects)
    if not out:
        # The addressees of a decree, each a body of its own: "2. Các bộ, cơ quan ngang bộ, cơ
        # quan thuộc Chính phủ, Ủy ban nhân dân các cấp, doanh nghiệp nhà nước trong phạm vi
        # nhiệm vụ, quyền hạn của mình có trách nhiệm:" (law_nghi-dinh-30-2020-ND-CP_cong-tac-
        # van-thu.txt:299).  Tried only when the plain reading finds no duty: it keeps "Các chi
        # bộ, đảng bộ cơ sở" one name.
        for s0 in _clause_starts(text, start):
            subjects = parse_list(text, s0, split_shared=True, generic=True)
            if len(subjects) > 1 and _bears_duty(text, subjects[-1].end):
                out.extend((x, "assignee") for x in subjects)
    return out


# The scope of a duty between its subject and "có trách nhiệm": "… trong phạm vi nhiệm vụ, quyền
# hạn của mình có trách nhiệm:" (law_nghi-dinh-30-2020-ND-CP_cong-tac-van-thu.txt:299).
SCOPE = re.compile(r"""\s*,?\s+trong\s+phạm\s+vi\s+(?:chức\s+năng\s*,\s*)?nhiệm\s+vụ(?:\s*,\s*quyền\s+hạn)?
                       (?:\s+(?:của\s+mình|được\s+giao))?(?:\s*,)?""", re.X)


def _bears_duty(text: str, end: int) -> bool:
    """Does a duty ("có trách nhiệm <verb>", DUTY_NEXT) follow the subject ending at `end`, past
    a bracketed note or the duty's scope?  A duty to report is a report, not this."""
    end = past_note(text, end)
    scope = SCOPE.match(text, end) if text.startswith("trong", end + 1, end + 8) else None
    if scope:
        end = scope.end()
    duty = DUTY_NEXT.match(text, end)
    return bool(duty) and _answers_for_task(text, duty) and not REPORTS_NEXT.match(text, end)


def _clause_starts(text: str, start: int) -> list[int]:
    """Where the clauses of text[start:] start (_clause_subjects), in order."""
    starts = {_sentence_start(text, start, start)} | {m.end() for m in SENTENCE_START.finditer(text, start)}
    starts |= {m.end() for m in ALSO_SUBJECT.finditer(text, start)}
    return sorted(starts)


def _clause_subjects(text: str, start: int, *, kinds: bool = False):
    """The subject list at each clause start of text[start:] (a sentence, a clause after
    "đồng thời" or the agent marker "do"), or after its opener ("Kết thúc cuộc bầu cử, …",
    "Căn cứ …, …").  With `kinds`, bodies named by their kinds (KIND_SERIES) count too.
    Yields every reading of a clause start, first the plainest."""
    for s0 in _clause_starts(text, start):
        yield from _subjects_at(text, s0, kinds=kinds)


def _subjects_at(text: str, s0: int, *, kinds: bool = False):
    """_clause_subjects for the clause starting at `s0`."""
    op = OPENER.match(text, s0)
    prep = PREP_OPENER.match(text, s0)
    if prep and (op is None or prep.end() > op.end()):
        op = prep
    if op and kinds:
        # No opener inside a series of kinds: "Các cơ quan, tổ chức, đơn vị có liên quan có
        # trách nhiệm …" (nqlt_102-2025-NQLT…quy-trinh-hiep-thuong.txt:225).
        k = KIND_SERIES.match(text, s0)
        op = None if k and k.end() >= op.end() else op
    after = _after_grounds(text, s0, kinds=kinds)
    # (A PREP_OPENER may name a body; another opener that does is a list of subjects.)
    for pos in ([s0, op.end()] if op and (op is prep or _no_candidate(text, s0, op.end()))
                else [s0, after] if after is not None else [s0]):
        subjects = parse_list(text, pos)
        if not subjects and kinds:
            k = KIND_SERIES.match(text, pos)
            subjects = [Span(pos, k.end())] if k else []
        if subjects:
            yield subjects


# The inspection team as the actor of its clause: "- Đoàn kiểm tra, giám sát làm việc với …",
# "6. Đoàn kiểm tra trong quá trình kiểm tra …".  Merely named ("gửi báo cáo về Đoàn kiểm
# tra", "thành lập Đoàn kiểm tra") it has no role.
INSPECT_TEAM = re.compile(r"""(?<!\w) (?:Đoàn|Tổ) \s+ (?:kiểm\s+tra|giám\s+sát) (?!\w)""", re.X)


def _inspect_teams(text: str, start: int) -> list[tuple[Span, str]]:
    out = []
    if not (("Đoàn" in text or "Tổ" in text) and ("kiểm" in text or "giám" in text)):
        return out        # INSPECT_TEAM needs these words: skip its slow scan (look-behind first)
    for m in INSPECT_TEAM.finditer(text, start):
        if not CLAUSE_OPEN.search(text[start:m.start()]) or NOT_GIVE_TEAM.search(text, start, m.start()):
            continue
        span = parse_body(text, m.start()) or Span(m.start(), m.end())
        acts = TEAM_ACTS.match(text, span.end)
        if acts:
            also = TEAM_ALSO.match(text, span.end)       # "Đoàn kiểm tra, giám sát"
            out.append((Span(span.start, also.end()) if also else span, "inspect"))
    return out


# After the team's name: a verb (a lower-case word), not the end of the line or a bracket.
TEAM_ACTS = re.compile(r"""(?:\s*,\s*giám\s+sát)?\s+[a-zđà-ỹ]""", re.X)
TEAM_ALSO = re.compile(r"""\s*,\s*giám\s+sát(?!\w)""", re.X)
NOT_GIVE_TEAM = re.compile(r"""[Gg]iao\s*$""")


def _in_body(doc: Document, para: Paragraph) -> bool:
    """The body proper or a substantive appendix after the signature (a regulation issued
    with a decision: qd_ubnd-tp-hanoi_15-2010-QD-UBND…dai-ly-internet.txt:76-314)."""
    return doc.in_body(para.line)




def _column_roles(cells: list[str]) -> dict[int, str]:
    """Header cells that name a role: "Đơn vị thực hiện" → assignee, "Chủ trì" → lead;
    a "Công việc" / "Nội dung" column gives its cells' subjects (WORK)."""
    lex = _lex()
    out = {}
    for i, cell in enumerate(cells):
        m = lex["labels"].fullmatch(cell.strip() + ":")
        if LEAD_COOP_COLUMN.fullmatch(cell.strip()):
            out[i] = LEAD_COOP
        elif m:
            out[i] = lex["label_role"][fold(m.group("label"))]
        elif WORK_COLUMN.fullmatch(cell.strip()):
            out[i] = WORK
    # Beside a "Phối hợp" column, the unit that carries the task out is its lead
    # ("Đơn vị thực hiện | Đơn vị phối hợp", kh_trung-tam-cntt-tay-bac … DRAFT:224–230).
    if "cooperate" in out.values():
        out = {i: ("lead" if r == "assignee" else r) for i, r in out.items()}
    return out


# A schedule table's column of tasks: "|STT |Ngày |Công việc |".  A cell that opens with a
# body and a verb ("P.ĐTĐH gửi danh sách … về Khoa.") names its assignee.
WORK = "work"
WORK_COLUMN = re.compile(r"""(?:Nội\s+dung\s+)?[Cc]ông\s+việc(?:\s+thực\s+hiện)?|Nội\s+dung(?:\s+thực\s+hiện)?
                             |Nhiệm\s+vụ""", re.X | re.I)


# One column for both roles: "Đơn vị chủ trì/phối hợp", "Chủ trì, phối hợp": the first unit
# of a cell leads, the rest cooperate
# (kh_dh-cong-thuong-tphcm_753-KH-DCT…khao-sat-hai-long_TRANSCRIPTION.txt:65-72).
LEAD_COOP = "lead/cooperate"
LEAD_COOP_COLUMN = re.compile(r"""(?:(?:Đơn\s+vị|Cơ\s+quan|Bộ\s+phận)\s+)?chủ\s+trì\s*(?:/|,|-|–|và)\s*
                                  (?:(?:đơn\s+vị|cơ\s+quan|bộ\s+phận)\s+)?phối\s+hợp(?:\s+thực\s+hiện)?""",
                              re.X | re.I)

# A plain-text table row without outer bars, as a transcription writes it:
# "1 | Ban hành kế hoạch … | Trước ngày 27/6/2026 | Phòng Đào tạo; Trung tâm QLCL".
BARE_ROW = re.compile(r"""^[^|]*\|[^|]*\|""")

# A unit named generically in a role cell: "các khoa", "các đơn vị liên quan".
GENERIC_UNITS = re.compile(r"""^(?:[Cc]ác|[Nn]hững)\s+(?:đơn\s+vị|cơ\s+quan|phòng|ban|khoa|bộ\s+phận|tổ)
                               (?:\s+[\w-]+){0,4}$""", re.X)


def _is_row(doc: Document, ln: int) -> bool:
    line = doc.lines[ln - 1]
    if TABLE_ROW_RE.match(line):
        return True
    meta = doc.source.line_meta[ln - 1] if ln - 1 < len(doc.source.line_meta) else None
    if meta is not None and meta.in_table:
        return True
    return bool(BARE_ROW.match(line))


def _cell_units(cell: str) -> list[str]:
    """The units named in a role cell, in order: items split on ";" (each a list of bodies,
    or a generic "các …" unit)."""
    out = []
    for item in cell.split(";"):
        item = item.strip(" .")
        spans = parse_list(item, 0)
        if spans:
            out.extend(item[sp.start:sp.end] for sp in spans)
        elif GENERIC_UNITS.match(item):
            out.append(item)
    return out


def _joined_with_previous(doc: Document, ln: int, cells: list[str]) -> list[str]:
    """The cells of the line above joined to those of row `ln`, column by column
    (kh_trung-tam-cntt-tay-bac … DRAFT:221–222)."""
    if ln < 2 or "|" not in doc.lines[ln - 2]:
        return cells
    prev = doc.lines[ln - 2].strip().strip("|").split("|")
    if len(prev) != len(cells):
        return cells
    return [f"{a.strip()} {b.strip()}".strip() for a, b in zip(prev, cells)]


def _table_bodies(doc: Document) -> list[tuple[int, str, str]]:
    """(line, text, role) for the bodies in role columns of schedule tables."""
    out, roles = [], {}
    header_line = -1
    for ln in range(doc.header.body_start, len(doc.lines) + 1):
        line = doc.lines[ln - 1]
        if "|" not in line:
            # No row: it ends a table (in the body; and with no table open, nothing to end).
            if roles and doc.in_body(ln):
                roles = {}
            continue
        if not doc.in_body(ln):
            continue
        if not _is_row(doc, ln):
            roles = {}
            continue
        cells = line.strip().strip("|").split("|")
        header = _column_roles(cells)
        if not roles or header_line == ln - 1:
            # A header cell wrapped over two rows: "Đơn vị" / "thực hiện".
            joined = _column_roles(_joined_with_previous(doc, ln, cells))
            if len(joined) > max(len(header), len(roles) if header_line == ln - 1 else 0):
                header = joined
        if header:
            header_line = ln
            roles = header
            continue
        for i, role in roles.items():
            cell = cells[i].strip() if i < len(cells) else ""
            if role == LEAD_COOP:
                units = _cell_units(cell)
                out.extend((ln, name, "lead" if k == 0 else "cooperate") for k, name in enumerate(units))
                continue
            if role == WORK:
                subjects = parse_list(cell, 0)
                if subjects and _acts(cell, subjects[-1].end):
                    out.extend((ln, cell[sp.start:sp.end], "assignee") for sp in subjects)
                continue
            spans = parse_list(cell, 0)
            names = [cell[sp.start:sp.end] for sp in spans] or ([cell] if cell[:1].isupper() and len(cell) <= 80 else [])
            out.extend((ln, name, role) for name in names)
    return out


def extract_bodies(doc: Document) -> tuple[Body, ...]:
    ctx = _Ctx(doc)
    out, seen = [], set()
    names: dict[str, tuple[str, str]] = {}      # written → (canonical name, its fold): a
                                                # document names the same bodies again

    def named(written: str) -> tuple[str, str]:
        got = names.get(written)
        if got is None:
            name = canonical_name(written)
            got = names[written] = (name, fold(name))
        return got

    for line, written, role in _table_bodies(doc):
        name, folded = named(written)
        key = (folded, role, line)
        if name and key not in seen:
            seen.add(key)
            sec = ctx.section_at(line)
            out.append(Body(text=written.strip(), name=name, role=role, line=line,
                            section=sec.id if sec else None))
    first, last = doc.header.body_start, doc.body_last      # (in_body's first test)
    paras = [p for p in doc.paragraphs if first <= p.lines[0] <= last or _in_body(doc, p)]
    lows = _Lowered([p.text for p in paras])
    for k, para in enumerate(paras):
        for span, role in _paragraph_roles(ctx, para, lows, k):
            written = para.text[span.start:span.end].strip(" ,;:.")
            name, folded = named(written)
            line = para.line_at(span.start)
            key = (folded, role, line)
            if not name or key in seen:
                continue
            seen.add(key)
            sec = ctx.section_at(line)
            out.append(Body(text=written, name=name, role=role, line=line,
                            section=sec.id if sec else None))
    return tuple(out)
