"""The import graph follows the layers of ARCHITECTURE.md §3.6 (checked with ast)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from testkit import REPO

PKG = REPO / "pipeline"
LAYER_OF = {
    "model": 0, "text": 0, "errors": 0,
    "lexicon": 1, "dates": 1,
    "ingest": 2, "parse": 2, "extract": 2, "checks": 2, "nlp": 2, "rulepack": 2,
    "report": 3, "evaluate": 3, "process": 3, "batch": 3, "api": 3,
    "cli": 4, "__main__": 4, "__init__": 4,
}
# Stage-to-stage imports that are not allowed even inside one layer.
FORBIDDEN = {("checks", "ingest"), ("parse", "extract"), ("parse", "checks"),
             ("ingest", "parse"), ("ingest", "extract"), ("ingest", "checks"), ("extract", "checks")}


def _top(module_path: Path) -> str:
    rel = module_path.relative_to(PKG)
    return rel.parts[0].removesuffix(".py")


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("pipeline"):
            parts = node.module.split(".")
            if len(parts) > 1:
                yield parts[1], node.lineno
            else:
                for alias in node.names:
                    yield alias.name, node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("pipeline."):
                    yield alias.name.split(".")[1], node.lineno


@pytest.mark.parametrize("path", sorted(PKG.rglob("*.py")), ids=lambda p: str(p.relative_to(PKG)))
def test_layers_imports_point_down(path):
    src = _top(path)
    if src not in LAYER_OF:
        pytest.fail(f"{path}: top-level module {src!r} has no layer in tests/test_layers.py")
    for dst, lineno in _imports(path):
        if dst == src or dst not in LAYER_OF:
            continue
        assert (src, dst) not in FORBIDDEN, f"{path}:{lineno}: {src} must not import {dst}"
        assert LAYER_OF[dst] <= LAYER_OF[src], f"{path}:{lineno}: {src} (layer {LAYER_OF[src]}) imports {dst} (layer {LAYER_OF[dst]})"
