"""Reviewed data files (YAML) with one cached loader.

`load(name)` reads `pipeline/lexicon/<name>.yaml`, checks it against the small schema in
`SCHEMAS` (required top-level keys and their types) and caches it.  Nothing else in
the package opens these files.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

HERE = Path(__file__).parent

# Required top-level keys and their types, per lexicon.  Unknown top-level keys are errors.
SCHEMAS: dict[str, dict[str, type]] = {
    "doc_types": {"names": list, "codes": dict},
    "abbreviations": {"entries": list},
    "roles": {"labels": list, "inline": list, "assign_sections": list, "heads": list,
              "bare_heads": list, "not_heads": list, "stops": list, "person_titles": list,
              "no_assign_sections": list, "plural_heads": list, "name_phrases": list},
    "deadline_cues": {"cues": list, "not_deadline": list, "past_markers": str,
                      "recurring": str, "skip_paragraph": str, "year_cues": str},
    "issuer_codes": {"issuers": list},
    "ordinals": {"words": dict},
}


class LexiconError(ValueError):
    pass


@lru_cache(maxsize=None)
def load(name: str):
    path = HERE / f"{name}.yaml"
    with path.open(encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    schema = SCHEMAS.get(name)
    if schema is not None:
        if not isinstance(data, dict):
            raise LexiconError(f"{path}: expected a mapping at the top")
        for key, typ in schema.items():
            if not isinstance(data.get(key), typ):
                raise LexiconError(f"{path}: key '{key}' must be a {typ.__name__}")
        unknown = set(data) - set(schema)
        if unknown:
            raise LexiconError(f"{path}: unknown keys {sorted(unknown)}")
    return data


def names() -> list[str]:
    return sorted(p.stem for p in HERE.glob("*.yaml"))
