"""`vanban run`: process every document of an inbox into an output folder (minimal)."""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from pipeline.errors import EXIT_FINDINGS, EXIT_OK


def atomic_write(path: Path, data: str | bytes) -> None:
    """Write to a temp file in the same folder, then rename: never a half-written file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def run_batch(inbox: Path, out: Path, *, packs=None, jobs: int = 0, progress: bool = True,
              force: bool = False) -> int:
    from pipeline.cli import iter_documents
    from pipeline.process import process_file
    from pipeline.report.json_out import dumps, result_dict
    failed = 0
    index = []
    for path in iter_documents([str(inbox)]):
        rel = path.relative_to(inbox).as_posix()
        r = process_file(path, packs)
        d = result_dict(r, display_path=rel)
        atomic_write(out / "documents" / rel / "result.json", dumps(d) + "\n")
        index.append({"path": rel, "status": r.status})
        if r.status != "ok":
            failed += 1
            sys.stderr.write(f"vanban: lỗi [{r.error.code}]: {r.error.message}\n")
    atomic_write(out / "index.json", json.dumps(index, ensure_ascii=False, indent=2) + "\n")
    return EXIT_FINDINGS if failed else EXIT_OK
