"""SARIF 2.1.0 for CI systems: one run, one result per finding, rules from the registry."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Sequence

from pipeline.model import Result

LEVELS = {"error": "error", "warning": "warning", "info": "note"}


def render_sarif(results: Sequence[Result]) -> str:
    from pipeline.checks import load_checks
    registry = load_checks()
    rules = [{"id": cid, "shortDescription": {"text": spec.summary},
              "defaultConfiguration": {"level": LEVELS[spec.severity]}}
             for cid, spec in sorted(registry.items())]
    sarif_results = []
    for r in results:
        uri = Path(r.path).as_posix()
        if r.status != "ok":
            sarif_results.append({
                "ruleId": r.error.code, "level": "error",
                "message": {"text": r.error.message},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}]})
            continue
        for f in r.findings:
            loc = {"artifactLocation": {"uri": uri}}
            if f.line:
                loc["region"] = {"startLine": f.line}
            res = {"ruleId": f.rule, "level": LEVELS[f.severity], "message": {"text": f.message},
                   "locations": [{"physicalLocation": loc}]}
            if f.source:
                res["properties"] = {"source": f.source}
            sarif_results.append(res)
    doc = {"$schema": "https://json.schemastore.org/sarif-2.1.0.json", "version": "2.1.0",
           "runs": [{"tool": {"driver": {"name": "vanban", "informationUri": "https://example.invalid/vanban",
                                         "rules": rules}},
                     "results": sarif_results}]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
