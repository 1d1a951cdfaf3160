"""The user's seed plan, end to end: the issues' "done when" on the seed, as tests.

Header fields and required sections exactly (issue 2); deadlines and citations all
right, bodies F1 ≥ 0.9 (issue 3); exactly the gold findings at error/warning level,
nothing else above info except what the gold lists as optional (issue 4).
"""
from __future__ import annotations

import json

from testkit import SEED_GOLD

GOLD = json.loads(SEED_GOLD.read_text(encoding="utf-8"))


def _rule_matches(pattern: str, rule: str) -> bool:
    return rule.split(".")[0] == pattern[:-2] if pattern.endswith(".*") else rule == pattern


def _near(a, b) -> bool:
    return a is None or b is None or abs(a - b) <= 1


def test_seed_findings_exactly_gold(seed_result):
    got = [f for f in seed_result["findings"] if f["severity"] != "info"]
    required = list(GOLD["findings"])
    optional = list(GOLD["findings_optional"])
    for g in required:
        hit = [f for f in got if f["rule"] == g["rule"] and (g["line"] is None or _near(f["line"], g["line"]))]
        assert hit, f"missing {g['rule']} at {g['line']}: {g['why']}"
    for f in got:
        ok = any(f["rule"] == g["rule"] and (g["line"] is None or _near(f["line"], g["line"])) for g in required)
        ok = ok or any(_rule_matches(g["rule"], f["rule"]) and
                       (g["line"] is None or f["rule"].startswith("header.") or _near(f["line"], g["line"]))
                       for g in optional)
        assert ok, f"unexpected finding above info: {f['rule']} line {f['line']}: {f['message']}"


def test_seed_deadlines_exactly_gold(seed_result):
    got = [(d["start"], d["end"], d["kind"], d["constraint"], d["line"]) for d in seed_result["deadlines"]]
    want = [(g["start"], g["end"], g["kind"], g["constraint"], g["line"]) for g in GOLD["deadlines"]]
    assert sorted(got, key=str) == sorted(want, key=str)


def test_seed_citations_exactly_gold(seed_result):
    got = sorted((c["number"], c["symbol"], c["date"], c["issuer"], c["line"]) for c in seed_result["citations"])
    want = sorted((g["number"], g["symbol"], g["date"], g["issuer"], g["line"]) for g in GOLD["citations"])
    assert got == want


def test_seed_bodies_f1_at_least_0_9(seed_result):
    import difflib

    def similar(a, b):
        a, b = a.casefold(), b.casefold()
        return a in b or b in a or difflib.SequenceMatcher(None, a, b).ratio() >= 0.8

    pred = [b for b in seed_result["bodies"] if b["role"] not in ("recipient", "signer")]
    used, tp = set(), 0
    for g in GOLD["bodies"]:
        for i, p in enumerate(pred):
            if i not in used and p["role"] == g["role"] and _near(p["line"], g["line"]) and similar(p["name"], g["name"]):
                used.add(i)
                tp += 1
                break
    rest = [p for i, p in enumerate(pred) if i not in used]
    optional_hits = sum(any(p["role"] == g["role"] and _near(p["line"], g["line"]) and similar(p["name"], g["name"])
                            for g in GOLD["bodies_optional"]) for p in rest)
    fp = len(rest) - optional_hits
    fn = len(GOLD["bodies"]) - tp
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= 0.9, (tp, fp, fn)
