"""The check catalogue: ids, severities, docstrings, case files and shipped packs agree."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from testkit import REPO

FINDINGS_MD = REPO.parent / "shared" / "contract" / "FINDINGS.md"
CASES = Path(__file__).parent / "cases"
RULES = REPO / "rules"

# The fixed ids of ../shared/contract/FINDINGS.md and their default severities (kept here
# so that the test runs on a clone without ../shared; compared with the file when present).
FIXED = {
    "numbering.duplicate": "error", "numbering.gap": "warning", "numbering.order": "warning",
    "numbering.ordinal_mismatch": "warning", "deadline.invalid": "error", "deadline.order": "error",
    "deadline.conflict": "error", "deadline.constraint": "error",
    "deadline.weekday_mismatch": "warning", "deadline.before_issue": "warning",
    "citation.issuer_mismatch": "error", "citation.inconsistent": "warning",
    "citation.after_issue": "warning", "header.missing_date": "warning",
    "header.symbol_format": "warning", "text.repeated_word": "warning",
}
SECTIONS = ("Fires when:", "Does not fire when:", "Wrong:", "Right:")


@pytest.fixture(scope="module")
def registry():
    from pipeline.checks import load_checks
    return load_checks()


def test_catalog_fixed_table_matches_findings_md():
    if not FINDINGS_MD.is_file():
        pytest.skip("../shared/contract/FINDINGS.md is absent")
    rows = dict(re.findall(r"^\| `([a-z_]+\.[a-z_]+)` \| (error|warning|info) \|",
                           FINDINGS_MD.read_text(encoding="utf-8"), re.M))
    assert rows == FIXED


@pytest.mark.parametrize("check_id, severity", sorted(FIXED.items()))
def test_catalog_fixed_ids_registered_with_default_severity(registry, check_id, severity):
    assert check_id in registry, f"{check_id} is not registered"
    assert registry[check_id].severity == severity


def test_catalog_core_pack_sets_every_check(registry):
    core = yaml.safe_load((RULES / "core.yaml").read_text(encoding="utf-8"))
    assert set(core["checks"]) == set(registry)
    for cid, conf in core["checks"].items():
        if cid in FIXED:
            assert conf["severity"] == FIXED[cid], f"core.yaml changes the default of {cid}"


def test_catalog_ids_and_modules(registry):
    for cid, spec in registry.items():
        assert re.fullmatch(r"[a-z]+\.[a-z_]+", cid), cid
        assert spec.module == "pipeline.checks." + cid.split(".")[0], f"{cid} lives in {spec.module}"


@pytest.mark.parametrize("section", SECTIONS)
def test_catalog_docstring_sections(registry, section):
    missing = [cid for cid, spec in registry.items() if section not in spec.doc]
    assert not missing, f"docstrings without {section!r}: {missing}"


def test_catalog_messages_are_templates(registry):
    for cid, spec in registry.items():
        assert spec.summary.strip() and spec.message.strip(), cid
        assert "{" in spec.message, f"{cid}: the message should quote evidence via placeholders"
        # English docstring, Vietnamese message: the message has Vietnamese letters.
        assert re.search(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", spec.message), cid


def test_catalog_every_check_has_cases(registry):
    for cid in registry:
        path = CASES / f"{cid}.yaml"
        assert path.is_file(), f"no case file {path.name}"
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["check"] == cid
        names = list(data["cases"])
        assert any(n.startswith("fails_") for n in names), f"{cid}: no fails_ case"
        assert any(n.startswith("passes_") for n in names), f"{cid}: no passes_ case"


@pytest.mark.parametrize("path", sorted(RULES.glob("*.yaml")), ids=lambda p: p.name)
def test_catalog_every_pack_loads(path, registry):
    from pipeline.rulepack import load_pack
    pack = load_pack(path)
    for e in pack["entries"]:
        assert e.check in registry
        assert registry[e.check].takes_entries
        assert e.source.strip()
        assert e.verified or "verified" not in e.source     # unverified entries say so via the flag


def test_catalog_all_packs_load_together():
    from pipeline.rulepack import describe_rules, load_packs
    packs = load_packs()
    text = describe_rules(packs)
    for cid in FIXED:
        assert cid in text
    assert "rules/bau-cu-2021.yaml:" in text and "tong-ket-truoc-22-6-2021" in text


def test_catalog_unverified_entries_are_marked():
    from pipeline.rulepack import load_packs
    by_id = {e.id: e for e in load_packs().entries}
    tk = by_id["tong-ket-truoc-22-6-2021"]
    assert tk.verified is False and "dòng 87" in tk.source


def test_catalog_election_offsets_resolve():
    """2021 uses the 2015 offsets, 2026 those of Luật 83/2025 (RULES-RESEARCH §3.1)."""
    from datetime import date

    from pipeline.rulepack import load_packs
    by_id = {e.id: e for e in load_packs().entries}
    assert by_id["hiep-thuong-lan-thu-ba-2021"].get("by") == date(2021, 4, 18)    # 35 days
    assert by_id["hiep-thuong-lan-thu-ba-2026"].get("by") == date(2026, 2, 20)    # 23 days
    assert by_id["nop-ho-so-ung-cu-2026"].get("by") == date(2026, 2, 1)           # 42 days
    assert by_id["hiep-thuong-lan-thu-hai-2026"].get("by") == date(2026, 2, 3)    # 40 days
