"""Rule packs (rules/*.yaml): severities, options and data entries for built-in checks.

Minimal loader; the full validating loader (file:line:col errors, entries anchored to
event dates) replaces it in the checks work.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_RULES_DIR = Path(__file__).resolve().parent.parent / "rules"


@dataclass
class RulePacks:
    severities: dict = field(default_factory=dict)
    opts: dict = field(default_factory=dict)
    entries: list = field(default_factory=list)

    def severity(self, check_id: str, default: str) -> str:
        return self.severities.get(check_id, default)

    def options(self, check_id: str) -> dict:
        return dict(self.opts.get(check_id, {}))

    def entries_for(self, check_id: str, doc) -> tuple:
        return tuple(e for e in self.entries if e.get("check") == check_id)


def load_packs(paths=None) -> RulePacks:
    packs = RulePacks()
    folder = DEFAULT_RULES_DIR
    files = [Path(p) for p in paths] if paths else sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    for f in files:
        data = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        for cid, conf in (data.get("checks") or {}).items():
            if "severity" in conf:
                packs.severities[cid] = conf["severity"]
        packs.entries.extend(data.get("entries") or [])
    return packs


def describe_rules(packs: RulePacks) -> str:
    from pipeline.checks import load_checks
    lines = []
    for cid, spec in sorted(load_checks().items()):
        sev = packs.severity(cid, spec.severity)
        lines.append(f"{cid}\t{sev}\t{spec.summary}\t{spec.module.replace('.', '/')}.py")
    return "\n".join(lines) + ("\n" if lines else "")
