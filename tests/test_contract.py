"""Every result validates against result.schema.json; the project's copy equals the contract's."""
from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from testkit import REPO, SHARED
from pipeline.process import process_file
from pipeline.report.json_out import result_dict

SCHEMA_PATH = REPO / "pipeline" / "schema" / "result.schema.json"
VALIDATOR = jsonschema.Draft202012Validator(json.loads(SCHEMA_PATH.read_text(encoding="utf-8")))

# Scans go through OCR (slow); they are validated in the `ocr`-marked test below.
SLOW_SUFFIXES = {".jpg", ".jpeg", ".png"}


def _validate(path: Path) -> dict:
    result = result_dict(process_file(path))
    errors = sorted(VALIDATOR.iter_errors(result), key=lambda e: list(e.path))
    assert not errors, f"{path.name}: " + "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    return result


def test_schema_copy_equals_contract():
    shared = SHARED / "contract" / "result.schema.json"
    if not shared.exists():
        pytest.skip("../shared/contract absent")
    assert json.loads(shared.read_text(encoding="utf-8")) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", sorted((REPO / "corpora" / "inbox").glob("*")), ids=lambda p: p.name)
def test_contract_inbox_documents_validate(path):
    result = _validate(path)
    assert result["status"] == "ok", result.get("error")


def _shared_files(kind: str) -> list[Path]:
    folder = SHARED / "corpus" / "real" / kind
    return sorted(p for p in folder.glob("*") if p.is_file()) if folder.is_dir() else []


@pytest.mark.parametrize("path", _shared_files("text"), ids=lambda p: p.name)
def test_contract_real_texts_validate(path):
    result = _validate(path)
    assert result["status"] == "ok", result.get("error")


@pytest.mark.parametrize("path", [p for p in _shared_files("original") if p.suffix.lower() not in SLOW_SUFFIXES],
                         ids=lambda p: p.name)
def test_contract_real_originals_process_or_fail_cleanly(path):
    result = _validate(path)
    if result["status"] == "failed":
        err = result["error"]
        assert err["code"] != "internal", err["message"]
        assert "\n" not in err["message"] and path.name in err["message"]


def test_contract_failed_result_validates(tmp_path):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    result = _validate(empty)
    assert result["status"] == "failed" and result["error"]["code"] == "input.empty"
