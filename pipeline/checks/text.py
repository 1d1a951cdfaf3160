"""text.*: slips in the running text (doubled words, undefined abbreviations, spelling mixes).

Every check here works line by line on body text: a doubled word across a line break
or a table cell boundary is layout, not a slip, and table rows are skipped.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from functools import lru_cache
from itertools import compress
from operator import eq
from typing import Iterator, NamedTuple

from pipeline.checks import CheckContext, check
from pipeline.checks._common import table_flags
from pipeline.model import Finding
from pipeline.text import fold, fold_word, is_upper_line, nfc

# A word: letters only (no digits, so "20 20" or "1 1" never count).
WORD_RE = re.compile(r"[^\W\d_]+")
# Legitimate full reduplication (láy toàn bộ) and nouns that are a doubled syllable.
# Reviewed list: each is standard Vietnamese; add more under `options.allow` in rules/core.yaml.
REDUPLICATION_ALLOW = frozenset(fold(w) for w in """
từ từ|thường thường|ngày ngày|đêm đêm|người người|nhà nhà|ai ai|đâu đâu|mãi mãi|dần dần|
đời đời|lâu lâu|luôn luôn|xa xa|cao cao|đều đều|xanh xanh|đỏ đỏ|năm năm|tháng tháng|
ba ba|chuồn chuồn|cào cào|chôm chôm|sờ sờ|rành rành|lù lù|khư khư|đăm đăm|vù vù|ào ào|
đùng đùng|rầm rầm|ầm ầm|oang oang|chằm chằm|nhà nhà|lớp lớp|đoàn đoàn|từng từng|
hàng hàng|muôn muôn|thôi thôi|vâng vâng|dạ dạ|ừ ừ|phải phải|có có|không không|ha ha|hì hì|
nhiều nhiều|bao bao|cứ cứ""".replace("\n", "").split("|") if w.strip()) - {
    # Not reduplication in written Vietnamese: these doubled are slips.
    fold("có có"), fold("không không"), fold("nhiều nhiều"), fold("bao bao"), fold("cứ cứ"),
    fold("từng từng"), fold("phải phải")}


# A single syllable doubled ("phát triển triển khai", "hành vi vi phạm", "chủ nhiệm nhiệm
# vụ") is nearly always the seam between two compound words, so one-syllable repeats fire
# only for function words that never end or start a compound in administrative text.
FUNCTION_WORDS = frozenset(fold(w) for w in """các những theo của và cho với trong được để đã sẽ
đang này tại là có mà thì cũng đều bị do khi nếu hoặc hay vào một mọi không chưa như nhằm
thuộc trên giữa bằng vì nên rằng tới""".split())


# Compounds whose second syllable is one of FUNCTION_WORDS.
COMPOUND_ENDS = frozenset(fold(w) for w in """tiếp theo|kèm theo|làm theo|noi theo|dựa theo|
hiện có|sẵn có|vốn có|giàu có|nhận được|đạt được|có được|thu được|làm được|tìm được|
nhằm vào|dựa vào|căn cứ vào|đối với|so với|cùng với|kể cả là|tức là|hoặc là|
để cho|giao cho|dành cho""".replace("\n", "").split("|"))


def _body_lines(ctx: CheckContext) -> tuple[tuple[int, str], ...]:
    """Every line but table cells: a slip is a slip in an appendix or a form too."""
    return ctx.memo(_find_body_lines)


def _find_body_lines(ctx: CheckContext) -> tuple[tuple[int, str], ...]:
    in_table = table_flags(ctx)
    return tuple((ln, line) for ln, line in enumerate(ctx.doc.lines, 1) if not in_table[ln - 1])


# ---- the body's words, once per run (text.repeated_word, text.inconsistent_spelling)

# Between two lines when the body is tokenised as one text (_body_words): a letter, so that
# WORD_RE returns it as a word of its own, that Vietnamese text does not use.  A document
# that does contain it is tokenised line by line instead (same words, a little slower).
_LINE_MARK = "\ua66e"          # CYRILLIC LETTER MULTIOCULAR O
# _BodyWords.keys: one character per word, numbered from _FIRST_KEY, and "\n" between lines.
_FIRST_KEY = 0x100
_LINE_BREAK_RE = re.compile("\n")


class _BodyWords(NamedTuple):
    lines: tuple[tuple[int, str], ...]   # _body_lines
    words: list             # WORD_RE words of every body line, in order, and between two lines
                            # a separator (_LINE_MARK; None when a line holds the mark)
    keys: str               # keys[i]: a character for words[i], the same for two words exactly
                            # when their fold_word keys are equal; "\n" for a separator
    vocabulary: dict        # word -> its character in keys
    breaks: list[int]       # positions of "\n" in keys

    def line_index(self, i: int) -> int:
        """k such that words[i] is a word of lines[k]."""
        return bisect_right(self.breaks, i)


class _Vocabulary(dict):
    """word -> a character for its fold_word key: the keys numbered as they are first met,
    from _FIRST_KEY (room for over a million distinct keys in one document)."""

    def __init__(self):
        super().__init__()
        self.key_chars: dict[str, str] = {}

    def __missing__(self, word: str) -> str:
        key = fold_word(word)
        char = self.key_chars.get(key)
        if char is None:
            char = self.key_chars[key] = chr(_FIRST_KEY + len(self.key_chars))
        self[word] = char
        return char


def _body_words(ctx: CheckContext) -> _BodyWords:
    """The words of every body line, in order: one regex pass over the whole body instead
    of one per line and per check, and each distinct word folded once."""
    return ctx.memo(_find_body_words)


def _find_body_words(ctx: CheckContext) -> _BodyWords:
    lines = _body_lines(ctx)
    texts = [line for _, line in lines]
    joined = ("\n" + _LINE_MARK + "\n").join(texts)
    if joined.count(_LINE_MARK) == len(texts) - 1:      # no line holds the mark itself
        # WORD_RE has no look-around and "\n" is no letter, so the words of the joined text
        # are exactly each line's words with a mark between lines.
        words = WORD_RE.findall(joined)
        separator = _LINE_MARK
    else:
        words = []
        for text in texts:
            words += WORD_RE.findall(text)
            words.append(None)
        del words[-1:]
        separator = None
    # A document uses a few hundred distinct words: each is folded once (_Vocabulary), every
    # other occurrence is one dictionary look-up, in C.
    vocabulary = _Vocabulary()
    vocabulary[separator] = "\n"
    keys = "".join(map(vocabulary.__getitem__, words))
    del vocabulary[separator]
    breaks = [m.start() for m in _LINE_BREAK_RE.finditer(keys)]
    return _BodyWords(lines, words, keys, vocabulary, breaks)


def _find_all(text: str, char: str) -> Iterator[int]:
    """Every position of `char` in `text`, in order."""
    i = text.find(char)
    while i >= 0:
        yield i
        i = text.find(char, i + 1)


def _positions(body: _BodyWords, words) -> list[int]:
    """Indexes in body.words, in order, of `words` and of the words with the same keys."""
    chars = set(map(body.vocabulary.__getitem__, words))
    return sorted(i for c in chars for i in _find_all(body.keys, c))


# Names that begin with the word that may end the name before them.
NAME_STARTS = frozenset(fold(w) for w in (
    "Đảng ủy", "Đảng bộ", "Đảng đoàn", "Đảng viên", "Đảng ủy viên",
))


def _equal_at(keys: list, n: int) -> list[int]:
    """Positions i where keys[i] == keys[i + n]."""
    return list(compress(range(len(keys)), map(eq, keys, keys[n:])))


# The longest phrase find_repeats looks for, in words.
MAX_REPEAT_WORDS = 4


def find_repeats(line: str, allow: frozenset = REDUPLICATION_ALLOW, max_n: int = MAX_REPEAT_WORDS):
    """Yield (start, end, phrase) of phrases written twice in a row on one line.

    >>> [p for _, _, p in find_repeats("tổ chức tổ chức hiệp thương")]
    ['tổ chức tổ chức']
    """
    words = WORD_RE.findall(line)
    keys = list(map(fold_word, words))
    # Only a position whose word comes back 1..max_n words later can start a repeat (C-level
    # comparisons, no per-word Python work): most lines have none.
    starts = sorted({i for n in range(1, max_n + 1) for i in _equal_at(keys, n)})
    if not starts:
        return
    spans = list(WORD_RE.finditer(line))        # spans[i]: where words[i] stands

    def blank_after(j: int) -> bool:
        """Only blanks between word j and word j + 1 (no comma, dash, slash …)."""
        return line[spans[j].end():spans[j + 1].start()].strip() == ""

    resume = 0          # after a repeat at i, the search goes on at i + 2
    for i in starts:
        if i < resume:
            continue
        found = None
        for n in range(max_n, 0, -1):
            if i + 2 * n > len(words):
                continue
            if keys[i] != keys[i + n] or keys[i:i + n] != keys[i + n:i + 2 * n]:
                continue
            if not all(map(blank_after, range(i, i + 2 * n - 1))):
                continue
            phrase = " ".join(keys[i:i + 2 * n])
            if n == 1:
                w, w2 = words[i], words[i + 1]
                if phrase in allow or (len(w) == 1 and w.isascii()):
                    continue
                # "Ban Ban chấp hành": the same capitalised word twice is a slip too.
                capital_pair = w[:1].isupper() and not w.isupper() and fold(w) == fold(w2)
                # "Ban Xây dựng Đảng Đảng ủy xã": one name ends, the next begins.
                if capital_pair and i + 2 < len(words) and \
                        keys[i + 1] + " " + keys[i + 2] in NAME_STARTS:
                    capital_pair = False
                # "Chỉ thị số số 46": "số" twice before a number.
                number_pair = keys[i] == "số" and re.match(r"\s*\d", line[spans[i + 1].end():]) is not None
                if keys[i] not in FUNCTION_WORDS and not capital_pair and not number_pair:
                    continue
                # "kỳ họp tiếp theo theo đề nghị", "hiện có có số lượng": a compound that
                # ends in the function word, then the word itself.
                if i > 0 and keys[i - 1] + " " + keys[i] in COMPOUND_ENDS:
                    continue
            start, end = spans[i].start(), spans[i + 2 * n - 1].end()
            found = (start, end, line[start:end])
            break
        if found:
            yield found
            resume = i + 2
        else:
            resume = i + 1


# A phrase of 1..MAX_REPEAT_WORDS words written twice in a row is, in _BodyWords.keys (one
# character per word), a string written twice in a row.  "." does not match the "\n"
# between two lines, so such a match never spans two lines.
_REPEAT_KEYS_RE = re.compile(r"(.{1,%d})\1" % MAX_REPEAT_WORDS)


def _repeat_candidates(ctx: CheckContext) -> list[tuple[int, str]]:
    """The body lines on which find_repeats may find something, in order.

    find_repeats yields only where some phrase of n <= MAX_REPEAT_WORDS words is followed
    by the same n folded words: where _REPEAT_KEYS_RE matches the line's keys.  It runs
    once over the whole body's keys, so that the per-line work runs only on the few lines
    it finds.  (A match hides only the matches that start inside it, on its own line.)
    """
    body = _body_words(ctx)
    found = {body.line_index(m.start()) for m in _REPEAT_KEYS_RE.finditer(body.keys)}
    return [body.lines[k] for k in sorted(found)]


@check(
    "text.repeated_word",
    severity="warning",
    summary="Từ hoặc cụm từ bị lặp lại liền nhau.",
    message=("Cụm “{evidence}” lặp lại liền nhau, có lẽ do sơ suất; nên là “{expected}”."),
    options={"allow": "str_list"},
)
def repeated_word(ctx: CheckContext) -> Iterator[Finding]:
    """A word or phrase is written twice in a row by mistake.

    Fires when:
        ``tổ chức tổ chức hiệp thương``, ``các các``, ``theo theo``, ``Ban Ban chấp hành``.
    Does not fire when:
        Legitimate reduplication (``từ từ``, ``thường thường``, ``ngày ngày``, ``năm năm``);
        numbers (``20 20``); the repeat is split by punctuation (``Tổ chức, tổ chức``) or falls
        across a line break or a table cell.
    Wrong:
        cho Ủy ban MTTQ Việt Nam cấp huyện, cấp xã tổ chức tổ chức hiệp thương
    Right:
        cho Ủy ban MTTQ Việt Nam cấp huyện, cấp xã tổ chức hiệp thương
    """
    allow = REDUPLICATION_ALLOW | {fold(w) for w in ctx.options.get("allow", ())}
    for ln, line in _repeat_candidates(ctx):
        for start, end, phrase in find_repeats(line, allow):
            words = phrase.split()
            expected = " ".join(words[:len(words) // 2])
            yield ctx.finding(ln, evidence=phrase, expected=expected)


# An abbreviation: two or more capitals, maybe with lower-case letters inside (UBMTTQVN,
# HĐBCQG, CTrTT); not part of a symbol ("KH/BCĐ", "QĐ-UBND": a slash or hyphen touches it).
# The look-behind sits after the first capital (it then tests the character before it):
# a pattern that opens with a character class is scanned for quickly, one that opens with
# a look-behind is tried at every position.  Same matches as with the look-behind first.
ABBR_RE = re.compile(r"(?P<a>[A-ZĐ](?<![\w/\-–.][A-ZĐ])[A-ZĐ]*[a-z]?[A-ZĐ]+)(?![\w/\-–])")
# What every ABBR_RE match contains: two capitals, maybe one lower-case letter between.
# Starting with a character class, it is scanned for quickly (ABBR_RE's look-behind is not).
ABBR_HINT_RE = re.compile(r"[A-ZĐ][a-z]?[A-ZĐ]")
ROMAN_RE = re.compile(r"[IVXLC]+")
# A word in capitals that reads as one Vietnamese syllable ("NAM", "XEM", "XONG" in a line
# of mixed case, phu-luc-I:20, 118) is a word, not an abbreviation: initial consonant, 1–3
# vowels, final consonant.  UBND, HĐBCQG, WTO, ASEAN do not read so.
SYLLABLE_RE = re.compile(r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?[aeiouy]{1,3}(?:ch|ng|nh|[cmnpt])?")
# "Hội đồng bầu cử quốc gia (HĐBCQG)", "(sau đây gọi tắt là HĐBCQG)": a definition.
DEFINED_RE = re.compile(r"\((?:sau\s+đây\s+)?(?:gọi\s+)?(?:tắt\s+)?(?:là\s+)?(?:viết\s+tắt\s+)?(?:là\s+)?[“\"]?(?P<a>[A-ZĐ][A-Za-zĐđ]+)[”\"]?\)")
# Abbreviations every reader of administrative text knows (NĐ 30 Phụ lục I allows them
# in the header; the rest are standard in Party and State texts).
COMMON_ABBR = frozenset("""UBND HĐND MTTQ TW TƯ UBMTTQ CNTT THPT THCS BCH BTV ĐBQH QH CP TTg
VN TP TX BCĐ VP UB CB CCVC CBCC VBQPPL KT XH KTXH ATGT TTATGT ANTT ANQP QPAN BHXH BHYT
THÔNG TIN ĐT GD GDĐT ĐH CĐ SGK PCCC TNHH CT TNCS HCM MTTQVN UBBC KH QĐ NQ HD TB BC CV
COVID PDF HTML USB PC OK""".split())


@check(
    "text.undefined_abbreviation",
    severity="info",
    summary="Chữ viết tắt dùng mà không được giải thích.",
    message=("Chữ viết tắt “{evidence}” được dùng mà không có tên đầy đủ kèm “({evidence})” ở lần "
             "dùng đầu tiên."),
    options={"known": "str_list"},
)
def undefined_abbreviation(ctx: CheckContext) -> Iterator[Finding]:
    """An abbreviation is used without being defined at its first use.

    Fires when:
        ``(*HĐBCQG yêu cầu tổng kết trước ngày 22/6/2021*)`` with no
        ``Hội đồng bầu cử quốc gia (HĐBCQG)`` earlier.
    Does not fire when:
        The abbreviation is defined (``Hội đồng bầu cử quốc gia (HĐBCQG)``), is common
        (``UBND``, ``HĐND``, ``MTTQ``), sits in a symbol (``01-KH/BCĐ``) or in a heading in capitals.
    Wrong:
        HĐBCQG yêu cầu tổng kết trước ngày 22/6/2021
    Right:
        Hội đồng bầu cử quốc gia (HĐBCQG) yêu cầu tổng kết trước ngày 22/6/2021
    """
    known = COMMON_ABBR | set(ctx.options.get("known", ()))
    defined = {m.group("a") for m in DEFINED_RE.finditer("\n".join(ctx.doc.lines))}
    reported: set[str] = set()
    start = max(ctx.doc.header.body_start, 1)
    last = ctx.doc.body_last
    lines = ctx.doc.lines
    in_table = table_flags(ctx)
    for ln in range(start, last + 1):
        line = lines[ln - 1]
        if not ABBR_HINT_RE.search(line):
            continue      # no two capitals close together: ABBR_RE cannot match (most lines)
        if is_upper_line(line) or in_table[ln - 1]:
            continue
        for m in ABBR_RE.finditer(line):
            a = m.group("a")
            if a in known or a in defined or a in reported or len(a) < 3:
                continue
            if ROMAN_RE.fullmatch(a) or SYLLABLE_RE.fullmatch(a.lower()):
                continue
            reported.add(a)
            yield ctx.finding(ln, evidence=a)


# Old and new tone placement: "khoá"/"khóa", "hoà"/"hòa", "uỷ"/"ủy".
TONE_VARIANT_RE = re.compile(r"(?i)(?:o[àáảãạ]|[òóỏõọ]a|o[èéẻẽẹ]|[òóỏõọ]e|u[ỳýỷỹỵ]|[ùúủũụ]y)")


@lru_cache(maxsize=1 << 15)
def _tone_variant(word: str) -> str | None:
    """The word in lower case when it carries a tone that has two placements, else None.

    Memoised: this runs on every word of every body line, over a small vocabulary.
    """
    w = nfc(word).lower()
    return w if TONE_VARIANT_RE.search(w) else None


@check(
    "text.inconsistent_spelling",
    severity="info",
    summary="Cùng một từ viết hai kiểu bỏ dấu khác nhau.",
    message=("Từ “{evidence}” viết khác với “{other}” ({count} lần ở chỗ khác): nên thống nhất "
             "một cách bỏ dấu trong văn bản."),
)
def inconsistent_spelling(ctx: CheckContext) -> Iterator[Finding]:
    """One word is written with two tone-mark placements in the same document.

    Fires when:
        ``khoá XV`` on one line and ``khóa XV`` on the others: the rarer form is reported.
    Does not fire when:
        The document is consistent, in either convention.
    Wrong:
        Quốc hội khoá XV … Quốc hội khóa XV
    Right:
        Quốc hội khóa XV … Quốc hội khóa XV
    """
    body = _body_words(ctx)
    # A finding needs a word written two ways in the body.  The body's vocabulary tells
    # which words are (none in most documents); only where they stand is there anything
    # to count.
    spellings: dict[str, set[str]] = {}
    for word in filter(_tone_variant, body.vocabulary):
        w = _tone_variant(word)
        spellings.setdefault(fold(w), set()).add(w)
    counted = [word for word in filter(_tone_variant, body.vocabulary)
               if len(spellings[fold(_tone_variant(word))]) > 1]
    seen: dict[str, Counter] = {}
    first: dict[str, int] = {}
    words, lines = body.words, body.lines
    line_ok: dict[int, bool] = {}
    # Those words (and the others with their keys) in document order: as a loop over the
    # lines and their words would meet them.
    for i in _positions(body, counted):
        k = body.line_index(i)
        ok = line_ok.get(k)
        if ok is None:
            # Only lines the pattern finds are counted (lines are NFC; the pattern ignores
            # case).  The word is part of the line: when the pattern finds the word as
            # written, it finds the line, without scanning the whole line.
            ok = line_ok[k] = (TONE_VARIANT_RE.search(words[i]) is not None
                               or TONE_VARIANT_RE.search(lines[k][1]) is not None)
        if not ok:
            continue
        w = _tone_variant(words[i])
        if w is None:
            continue
        key = fold(w)
        forms = seen.get(key)
        if forms is None:
            forms = seen[key] = Counter()
        forms[w] += 1
        first.setdefault(w, lines[k][0])
    for key, forms in seen.items():
        if len(forms) < 2:
            continue
        (major, count), *rest = forms.most_common()
        for w, _ in rest:
            yield ctx.finding(first[w], evidence=w, other=major, count=count)
