"""numbering.*: section labels against their siblings (duplicates, gaps, order, ordinals).

Siblings are sections with the same parent and the same label style (`1.` items under
`III`), so a new parent restarts the count and bullets/table rows never take part
(the parser does not make sections of them).  Word auto-numbers (Section.auto) count
like typed labels.
"""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator

from pipeline.checks import CheckContext, check
from pipeline.checks._common import (folded_title, label_value, label_with_value, sibling_groups,
                                     step_at_start_folded)
from pipeline.model import Finding


def _parent_name(parent: str | None) -> str:
    return parent if parent else "gốc văn bản"


def _absolute(style: str) -> bool:
    # Phần / Chương / Điều are numbered through the whole text, whatever their parent.
    return style in ("WORD:phần", "WORD:chương", "WORD:điều")


# A form or annex after the body ("Mẫu số 01", "PHỤ LỤC"): fields numbered by the form's
# own logic, often with gaps on purpose (fields for another level left out).
ANNEX_RE = re.compile(r"^\s*(?:PHỤ\s+LỤC|Phụ\s+lục\s+(?:số\s+)?[IVX\d]|MẪU\s+SỐ|Mẫu\s+(?:số\s+)?\d|Biểu\s+mẫu)\b")
# A title that is only a blank to fill in: "1. ……………", "2 ………".
PLACEHOLDER_RE = re.compile(r"^[\s.…_:;,-]*$")


def _has_fill_in(title: str) -> bool:
    """A form's fill-in dots inside a title ("Điều 1......8......"): five dots or two "…".

    Two substring tests; the regex they replace, (?:\\.{5,}|…{2,}), was tried at every
    position of every heading.
    """
    return "....." in title or "……" in title


def _punct(sec) -> str:
    tail = sec.marker[len(sec.label):] if sec.marker.startswith(sec.label) else ""
    return tail.strip()[:1]


def _eligible(ctx: CheckContext):
    """Sections the numbering checks judge: the body's own headings."""
    # The four numbering checks each ask for the same document's eligible sections, groups
    # and runs: each is computed once per run_checks call (CheckContext.memo).
    return list(ctx.memo(_memo_eligible))


def _memo_eligible(ctx: CheckContext) -> tuple:
    return tuple(_find_eligible(ctx.doc))


def _find_eligible(doc):
    # No section stands in quoted text (an amending law's quoted articles): parse_sections
    # leaves those lines out (parse.sections.quoted_lines).
    first = doc.sections[0].line if doc.sections else 0
    annex = next((ln for ln, line in enumerate(doc.lines[first:], first + 1) if ANNEX_RE.match(line)),
                 None)
    out = []
    for s in doc.sections:
        # Substantive appendices and attached regulations (Document.annexes) are judged;
        # forms and anything else past the first "PHỤ LỤC"/"Mẫu số" are not.
        if not doc.in_body(s.line) or \
                (annex is not None and s.line > annex
                 and not any(a <= s.line <= b for a, b in doc.annexes)):
            continue
        if s.title is not None and (PLACEHOLDER_RE.match(s.title) or _has_fill_in(s.title)
                                    or s.title[:1].isdigit()):
            continue
        out.append(s)
    return out


def _groups(ctx: CheckContext):
    """(parent, siblings) lists the checks judge, once per run; not to be mutated."""
    return ctx.memo(_find_groups)


def _find_groups(ctx: CheckContext):
    keep = {s.id for s in _eligible(ctx)}
    groups = []
    for p, sibs in sibling_groups(ctx.doc):
        # "đ." and "đ)" under one parent belong to two different lists.
        by_punct: dict[str, list] = {}
        for s in sibs:
            if s.id in keep:
                by_punct.setdefault(_punct(s), []).append(s)
        groups.extend((p, g) for g in by_punct.values())
    merged: dict[str, list] = {}
    out = []
    for parent, sibs in groups:
        st = sibs[0].style
        if _absolute(st):
            merged.setdefault(st, []).extend(sibs)
        else:
            out.append((parent, sibs))
    for st, sibs in merged.items():
        out.append((None, sorted(sibs, key=lambda s: s.line)))
    return out


def _group_runs(ctx: CheckContext):
    """(parent, siblings, _runs(siblings)) for each of _groups, once per run."""
    return ctx.memo(_find_group_runs)


def _find_group_runs(ctx: CheckContext):
    values = _label_values(ctx)
    return [(parent, group, _runs(group, ctx.doc, values)) for parent, group in _groups(ctx)]


def _label_values(ctx: CheckContext) -> dict[int, int | None]:
    """label_value of every section, by id(section), once per run: the four checks each
    ask it of every sibling (all of them sections of ctx.doc)."""
    return ctx.memo(_find_label_values)


def _find_label_values(ctx: CheckContext) -> dict[int, int | None]:
    return {id(s): label_value(s) for s in ctx.doc.sections}


def _runs(sibs, doc, values: dict[int, int | None]):
    """Split one sibling group into lists that each count from their own start.

    `values`: _label_values, label_value of each section by id().

    A label that goes back to the group's first value (``1.`` after ``1. 2. 3.``) opens a
    new list: plans and annexes restart numbering under headings the parser does not see
    as sections (unnumbered captions, attached forms, a Quy định after its Quyết định).
    A label equal to the one just before it (``1. 1.``) is a duplicate, not a restart.
    """
    runs: list[list] = []
    cur: list = []
    start_val = None
    for sec in sibs:
        val = values[id(sec)]
        if val is None:
            continue
        if cur and val == start_val and len(cur) >= 2 and values[id(cur[-1])] != val:
            runs.append(cur)
            cur = []
        if not cur:
            start_val = val
        cur.append(sec)
    if cur:
        runs.append(cur)
    # A list that does not start at its first value ("đ) … g) … đ)") lost labels: Word
    # auto-numbers not rendered into the text (RULES-RESEARCH §5).  Judging it would
    # report the converter, not the document.
    return [r for r in runs if values[id(r[0])] == 1 or not _labels_lost(doc, r[0])]


def _labels_lost(doc, first) -> bool:
    """True when the lines above a list that starts at value v (>1) hold v-1 unlabeled
    paragraphs: the first items are there, their labels are not."""
    missing = label_value(first) - 1
    above = 0
    at_line = {s.line: s for s in doc.sections}
    for ln in range(first.line - 1, 0, -1):
        text = doc.lines[ln - 1].strip()
        if not text:
            continue
        sec = at_line.get(ln)
        if sec is not None:
            # The lost item's own points ("a. … đ." between an unlabeled 2.5.1 and 2.5.2.)
            # hang from the same parent in another style: look past them.
            if first.parent is not None and sec.parent == first.parent and sec.style != first.style:
                continue
            break
        if not text.startswith(("-", "+", "•")):
            above += 1
    return above >= missing


@check(
    "numbering.duplicate",
    severity="error",
    summary="Hai mục cùng cấp trùng số thứ tự.",
    message=("Số thứ tự “{label}” bị trùng trong mục {parent}: đã dùng ở dòng {first_line}. "
             "Các mục cùng cấp phải có số khác nhau (mục này lẽ ra là “{expected}”)."),
)
def duplicate(ctx: CheckContext) -> Iterator[Finding]:
    """Two sibling sections carry the same label.

    Fires when:
        Under one parent a label repeats: ``4.`` then ``4.`` again under ``III``.
    Does not fire when:
        The same label appears under different parents (``II.1`` and ``III.1``).
        Bullets (``-``, ``+``, ``•``) and schedule-table rows are not sections.
    Wrong:
        III. … / 4. Các huyện, thị ủy … / 4. Đảng đoàn Ủy ban MTTQ …
    Right:
        III. … / 4. Các huyện, thị ủy … / 5. Đảng đoàn Ủy ban MTTQ …
    """
    values = _label_values(ctx)
    for parent, group, runs in _group_runs(ctx):
        for sibs in runs:
            first: dict[int, int] = {}
            prev_val = 0
            for sec in sibs:
                val = values[id(sec)]
                if val in first:
                    expected = label_with_value(sec, prev_val + 1) or "?"
                    yield ctx.finding(sec.line, evidence=sec.marker or sec.label, section=sec.id,
                                      label=sec.marker or sec.label, parent=_parent_name(parent),
                                      first_line=first[val], expected=expected)
                else:
                    first[val] = sec.line
                prev_val = max(prev_val, val)


FIRST_CHILD_MESSAGE = ("Các mục con trong mục {parent} bắt đầu từ “{label}”: thiếu {missing}. "
                       "Các mục cùng cấp phải đánh số liên tiếp, bắt đầu từ “{expected}”.")


def _dotted_prefix(sec) -> str | None:
    return sec.label.rsplit(".", 1)[0] if sec.style.startswith("DOTTED") else None


def _skipped_start(doc, parent: str | None, first, eligible: set[str]) -> bool:
    """True when the first numbered child of `parent` starts above 1 and nothing explains it.

    `3.3.` as the only numbered item under `3.` (kh_mttq-xa-luong-minh … hiep-thuong-hdnd-xa:101)
    skips 3.1 and 3.2.  Not judged:
    - lost labels: the paragraphs above hold the first items without their labels (Word
      auto-numbers not rendered; _runs has dropped those lists already);
    - an earlier sibling of the same style, whatever its punctuation (`2.5.1` then
      `2.5.2.`, hd_mttq-tinh-quangninh … WORD-RENDERED-NUMBERS:97–104): the list does not
      start here;
    - a list that goes on from the nearest earlier one of the same style under another
      parent (`II. 1. 2. 3.` then `III. 4. 5.`; khoản `6.` … `7.` of an amending article
      around a quoted Điều, law_luat-sua-doi-luat-bau-cu-83-2025-QH15:37–49); for dotted
      labels only under the same heading (repeated or not);
    - a parent that is itself not judged (quoted, annex, form).
    """
    start = label_value(first)
    if start is None or start <= 1 or _absolute(first.style):
        return False
    if parent is not None and parent not in eligible:
        return False
    prefix = _dotted_prefix(first)
    nearest = None
    for s in doc.sections:
        if s.line >= first.line:
            break
        if s.style != first.style:
            continue
        if s.parent == parent:
            return False
        if prefix is not None and _unrepeated(s.parent) != _unrepeated(parent):
            # A dotted label carries its parent's number: "1.1.1" under the "1.1" of
            # another part (I.1.1 vs II.1.1) is another list, which "1.1.2" does not
            # continue.  The same heading written twice (1.1 and 1.1~2) is one list.
            continue
        if s.id in eligible and _dotted_prefix(s) == prefix and label_value(s) is not None:
            nearest = s
    return nearest is None or label_value(nearest) != start - 1


_REPEAT_MARK = re.compile(r"~\d+")


def _unrepeated(section_id: str | None) -> str | None:
    """A section id without its "~N" repeat marks: "II~2.3~2" → "II.3"."""
    return _REPEAT_MARK.sub("", section_id) if section_id else section_id


@check(
    "numbering.gap",
    severity="warning",
    summary="Số thứ tự các mục cùng cấp bị nhảy cóc.",
    message=("Số thứ tự nhảy từ “{prev}” sang “{label}” trong mục {parent}: thiếu “{expected}”. "
             "Các mục cùng cấp phải đánh số liên tiếp (chữ cái theo thứ tự a, b, c, d, đ, e, g, h, i, k…)."),
)
def gap(ctx: CheckContext) -> Iterator[Finding]:
    """A sibling label is skipped.

    Fires when:
        ``1, 2, 4``; ``a, b, d``; ``I, II, IV``; ``a) b) c) d) e)`` (``đ`` skipped);
        ``I, II, II, IV`` (after a duplicate the count goes on from the highest label);
        the first numbered child starts above 1 (``3.`` → ``3.3.``).
    Does not fire when:
        The Vietnamese letter order is followed: ``d) đ) e) g)``, ``h) i) k)`` (no f, j, w, z).
        A new parent restarts the count.  A list starting above 1 whose first items are
        there without labels, or that continues a list of the same style under an earlier
        parent.
    Wrong:
        a) … / b) … / d) …
    Right:
        a) … / b) … / c) …
    """
    values = _label_values(ctx)
    eligible = {s.id for s in _eligible(ctx)}
    for parent, group, runs in _group_runs(ctx):
        for n, sibs in enumerate(runs):
            if n == 0 and _skipped_start(ctx.doc, parent, sibs[0], eligible):
                first = sibs[0]
                label = first.marker or first.label
                missing = [label_with_value(first, v) or "?" for v in range(1, label_value(first))]
                yield ctx.finding(first.line, evidence=label, section=first.id,
                                  message=FIRST_CHILD_MESSAGE, label=label,
                                  parent=_parent_name(parent), expected=missing[0],
                                  missing=", ".join(f"“{m}”" for m in missing[:4])
                                  + (", …" if len(missing) > 4 else ""))
            prev = None
            prev_val = None
            filled = 0      # slots taken by duplicates since the last step forward
            for sec in sibs:
                val = values[id(sec)]
                # A duplicate fills the slot of the label it replaced: "1, 2, 2, 4" is one
                # slip (numbering.duplicate), not also a gap — the 4 stands where a 4 belongs
                # (kh_mttq-xa-luong-minh … kiem-tra-giam-sat-bau-cu:135, "I, II, II, IV").
                if prev is not None and val == prev_val:
                    filled += 1
                    continue
                if prev is not None and val > prev_val + 1 + filled:
                    expected = label_with_value(sec, prev_val + 1) or "?"
                    yield ctx.finding(sec.line, evidence=sec.marker or sec.label, section=sec.id,
                                      prev=prev.marker or prev.label, label=sec.marker or sec.label,
                                      parent=_parent_name(parent), expected=expected)
                if prev_val is None or val > prev_val:
                    filled = 0
                    prev, prev_val = sec, val


@check(
    "numbering.order",
    severity="warning",
    summary="Các mục cùng cấp đánh số ngược thứ tự.",
    message=("Mục “{label}” đứng sau mục “{prev}” (dòng {prev_line}) trong mục {parent}: "
             "số thứ tự đi lùi. Các mục cùng cấp phải đánh số tăng dần."),
)
def order(ctx: CheckContext) -> Iterator[Finding]:
    """Sibling labels go backwards.

    Fires when:
        ``2.3`` comes before ``2.2`` under the same parent; ``c)`` after ``d)``.
    Does not fire when:
        A new parent restarts the count (``II.1`` after ``I.3``).
        A label repeats (that is numbering.duplicate).
    Wrong:
        2.1. … / 2.3. … / 2.2. …
    Right:
        2.1. … / 2.2. … / 2.3. …
    """
    values = _label_values(ctx)
    for parent, group, runs in _group_runs(ctx):
        for sibs in runs:
            best = None
            best_val = None
            seen: set[int] = set()
            for sec in sibs:
                val = values[id(sec)]
                if best is not None and val < best_val and val not in seen:
                    yield ctx.finding(sec.line, evidence=sec.marker or sec.label, section=sec.id,
                                      label=sec.marker or sec.label, prev=best.marker or best.label,
                                      prev_line=best.line, parent=_parent_name(parent))
                seen.add(val)
                if best_val is None or val > best_val:
                    best, best_val = sec, val


@check(
    "numbering.ordinal_mismatch",
    severity="warning",
    summary="Từ chỉ thứ tự trong đề mục không khớp với số thứ tự của mục.",
    message=("Đề mục “{evidence}” ghi “{step} thứ {ordinal}” nhưng mang số “{label}”; các mục "
             "cùng cấp đánh số khớp với thứ tự (mục này lẽ ra là “{step} thứ {expected}” "
             "hoặc số “{expected_label}”)."),
)
def ordinal_mismatch(ctx: CheckContext) -> Iterator[Finding]:
    """A heading's ordinal word disagrees with its label.

    The reference is the siblings themselves: the offset between ordinal word and label
    that most siblings share (normally 0).  A lone heading is not judged: "1. Hội nghị
    hiệp thương lần thứ hai" may be the first item of a plan about round two.

    Fires when:
        ``2.1. Cuộc họp thứ nhất`` … ``2.3. Cuộc họp lần thứ tư`` ``2.4. Cuộc họp lần thứ tư``.
    Does not fire when:
        ``2.4. Cuộc họp lần thứ tư`` among siblings that agree; a single heading with an ordinal.
    Wrong:
        2.2. Cuộc họp lần thứ hai / 2.3. Cuộc họp lần thứ tư / 2.4. Cuộc họp lần thứ tư
    Right:
        2.2. Cuộc họp lần thứ hai / 2.3. Cuộc họp lần thứ ba / 2.4. Cuộc họp lần thứ tư
    """
    values = _label_values(ctx)
    for parent, sibs in _groups(ctx):
        items = []
        used: set[int] = set()
        prev_val = None
        for sec in sibs:
            val = values[id(sec)]
            # A repeated or skipped label is numbering.duplicate's / numbering.gap's
            # finding, not an ordinal slip: report the cause once.
            skipped = val is not None and prev_val is not None and val > prev_val + 1
            if val is not None:
                prev_val = val if prev_val is None else max(prev_val, val)
            if val in used or skipped:
                continue
            used.add(val)
            # The step phrase must open the title: "Cuộc họp lần thứ tư", not
            # "Nghe báo cáo kết quả hiệp thương lần thứ hai".
            # and the title must be a heading, not a khoản that is a whole sentence about a
            # round ("1. Hội nghị hiệp thương lần thứ hai ở trung ương do Đoàn Chủ tịch …").
            st = (step_at_start_folded(folded_title(ctx, sec))
                  if sec.title and len(sec.title) <= 60 else None)
            if val is None or st is None:
                continue
            items.append((sec, val, st))
        by_head: dict[str, list] = {}
        for it in items:
            by_head.setdefault(it[2][0], []).append(it)
        for head, group in by_head.items():
            if len(group) < 2:
                continue
            offsets = Counter(st[1] - val for _, val, st in group)
            top = max(offsets.values())
            tied = [o for o, c in offsets.items() if c == top]
            ref = 0 if 0 in tied else tied[0]
            for sec, val, st in group:
                off = st[1] - val
                if off == ref or not (offsets[ref] > offsets[off] or ref == 0):
                    continue
                expected = val + ref
                yield ctx.finding(sec.line, evidence=sec.title[:80], section=sec.id,
                                  step=head, ordinal=st[1], label=sec.marker or sec.label,
                                  expected=expected,
                                  expected_label=label_with_value(sec, st[1] - ref) or "?")
