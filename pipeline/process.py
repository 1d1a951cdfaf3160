"""Process one file end to end: ingest → parse → extract → check → Result.

The per-document isolation boundary: bad input becomes a failed Result with its
contract code; an unexpected bug becomes a failed Result with code `internal` (the
batch goes on).  `strict=True` re-raises bugs with their traceback.
"""
from __future__ import annotations

import hashlib
import logging
import time
from pathlib import Path
from typing import Sequence

from pipeline.errors import InputError
from pipeline.model import Diagnostic, ErrorInfo, Result

log = logging.getLogger(__name__)


def iter_documents(paths: Sequence[str]) -> list[Path]:
    """Expand files and folders into documents: every regular, non-hidden file."""
    out: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            for f in sorted(p.rglob("*")):
                rel = f.relative_to(p)
                if f.is_file() and not any(part.startswith(".") for part in rel.parts):
                    out.append(f)
        else:
            out.append(p)
    return out



def _sha256(path: Path) -> str | None:
    try:
        h = hashlib.sha256()
        with path.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
        return h.hexdigest()
    except OSError:
        return None


def _format_of(path: Path) -> str:
    from pipeline.ingest import EXTENSIONS
    return EXTENSIONS.get(path.suffix.lower(), path.suffix.lower().lstrip(".") or "unknown")


def process_file(path: Path | str, packs=None, *, strict: bool = False, settings=None) -> Result:
    """Process one document; never raises for bad input."""
    from pipeline.checks import run_checks
    from pipeline.extract import extract_all
    from pipeline.ingest import read_source
    from pipeline.parse import parse_document

    path = Path(path)
    t0 = time.perf_counter()
    try:
        src = read_source(path, settings=settings)
        doc = parse_document(src)
        ext = extract_all(doc)
        findings, diags = run_checks(doc, ext, packs, strict=strict)
        diags = tuple(Diagnostic("ingest", src.format, d) for d in src.diagnostics) + diags
        return Result(path=str(path), status="ok", format=src.format, sha256=src.sha256, source=src,
                      document=doc, extraction=ext, findings=findings, diagnostics=diags,
                      elapsed_ms=(time.perf_counter() - t0) * 1000)
    except InputError as exc:
        return Result(path=str(path), status="failed", format=_format_of(path),
                      sha256=_sha256(path) if path.is_file() else None,
                      error=ErrorInfo(exc.code, exc.message),
                      elapsed_ms=(time.perf_counter() - t0) * 1000)
    except Exception as exc:  # isolation boundary: a bug in one document must not stop a batch
        if strict:
            raise
        log.exception("internal error on %s", path)
        return Result(path=str(path), status="failed", format=_format_of(path),
                      sha256=_sha256(path) if path.is_file() else None,
                      error=ErrorInfo("internal", f"“{path.name}”: lỗi nội bộ của vanban "
                                                  f"({type(exc).__name__}: {exc})".replace("\n", " ")),
                      elapsed_ms=(time.perf_counter() - t0) * 1000)
