"""Run every case in tests/rules/cases/<check-id>.yaml through the real pipeline.

sqlfluff-style: a case file names one check (`check:`) and its cases; each case is an
inline document (`doc:`) and the findings expected (`expect:`), compared on the keys each
expected item lists; the set of finding lines must match exactly.  The document goes
through ingest (a temp .txt) → parse_document → extract_all → run_checks(only=[check],
strict=True), so a case also tests the extraction the check relies on.

Optional keys per case: `packs:` names of rules/*.yaml to load besides core.yaml
(`[bau-cu-2021]`), `pack:` an inline pack (YAML text), `severity:` expected severity of
every finding.  An expected item may use `source_endswith` instead of `source`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from testkit import REPO

CASES_DIR = Path(__file__).parent / "cases"
RULES_DIR = REPO / "rules"


def _all_cases():
    for path in sorted(CASES_DIR.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for name, case in (data.get("cases") or {}).items():
            yield pytest.param(data["check"], name, case, id=f"{data['check']}::{name}")


def _run(check_id: str, case: dict, tmp_path: Path):
    from pipeline.checks import run_checks
    from pipeline.extract import extract_all
    from pipeline.ingest import read_source
    from pipeline.parse import parse_document
    from pipeline.rulepack import load_packs

    files = [RULES_DIR / "core.yaml"] + [RULES_DIR / f"{p}.yaml" for p in case.get("packs", [])]
    if case.get("pack"):
        inline = tmp_path / "inline-pack.yaml"
        inline.write_text(case["pack"], encoding="utf-8")
        files.append(inline)
    packs = load_packs(files)
    doc_path = tmp_path / "case.txt"
    doc_path.write_text(case["doc"], encoding="utf-8")
    doc = parse_document(read_source(doc_path))
    findings, _ = run_checks(doc, extract_all(doc), packs, strict=True, only=[check_id])
    return findings


def _same(f, key: str, value) -> bool:
    if key == "source_endswith":
        return (f.source or "").endswith(value)
    return getattr(f, key) == value


@pytest.mark.parametrize("check_id, name, case", list(_all_cases()))
def test_rule_cases(check_id, name, case, tmp_path):
    findings = _run(check_id, case, tmp_path)
    expect = case.get("expect") or []
    got_lines = sorted((f.line or 0) for f in findings)
    want_lines = sorted((e.get("line") or 0) for e in expect)
    assert got_lines == want_lines, (
        f"{name}: lines {got_lines} != expected {want_lines}\n"
        + "\n".join(f"  {f.line}: {f.message}" for f in findings))
    remaining = list(findings)
    for e in expect:
        match = next((f for f in remaining if (f.line or 0) == (e.get("line") or 0)
                      and all(_same(f, k, v) for k, v in e.items() if k != "line")), None)
        assert match is not None, f"{name}: no finding matches {e}; got " + repr(
            [(f.line, f.evidence, f.section, f.source, f.severity) for f in findings])
        remaining.remove(match)
    for f in findings:
        assert f.rule == check_id
        assert "{" not in f.message and f.message.strip(), f"unfilled template: {f.message}"
        if "severity" in case:
            assert f.severity == case["severity"]
