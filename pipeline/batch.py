"""`vanban run`: process every new or changed document of an inbox into an output folder.

Layout of the output folder DIR:
    DIR/documents/<path in inbox>/result.json, report.html, report.md
    DIR/index.html, findings.csv, tasks.csv, tasks.xlsx, tasks.jsonl, deadlines.csv,
        tasks.ics, summary.json
    DIR/.vanban/manifest.json   path → sha256, size, mtime_ns, status, outputs …
    DIR/.vanban/journal.jsonl   one line per document finished since the last manifest
    DIR/.vanban/lock            flock'ed for the whole run

Design choices (and why):
- Change detection: size+mtime_ns unchanged → trusted without hashing (a rerun of 1,000
  documents costs 1,000 stats); otherwise sha256 of the content decides.  A result is
  also redone when vanban's version or the rule packs change (`fingerprint`); `--force`
  redoes everything.
- A renamed or copied input (same sha256, same extension) reuses the stored result: only
  the path inside it and the reports are rewritten.  Deleted inputs lose their outputs.
- Resume: every file is written atomically (temp + os.replace), and each finished
  document is appended to the journal at once (O(1) per document, unlike rewriting a
  1,000-entry manifest each time).  The next run replays the journal, so a killed run
  redoes at most the documents that were in flight.
- Concurrency: a second `vanban run` on the same DIR does not wait: it exits 2 at once
  with a message naming the running process (a scheduler will simply try again; waiting
  would only redo the first run's work).
- Failed documents are remembered like the others and not retried until they change
  (or `--force`), except `tool.missing`, which a newly installed tool may cure.  The exit
  code tells the state of the whole batch: 1 while any document in it is failed.
- Inputs are only ever opened for reading.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pipeline.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE

STATE_DIR = ".vanban"
TMP_SUFFIX = ".vanban-tmp"
MANIFEST_VERSION = 1
DOC_FILES = ("result.json", "report.html", "report.md")
RETRY_CODES = {"tool.missing"}
EXIT_INTERRUPTED = 130


# ---- files --------------------------------------------------------------------------------

def atomic_write(path: Path, data: str | bytes, *, durable: bool = False) -> None:
    """Write to a temp file in the same folder, then rename: never a half-written file.

    `durable` adds an fsync (for the manifest); per-document outputs skip it because a
    lost output after a power cut is simply redone, and fsync dominates small writes.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=TMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def sweep_temp_files(out: Path) -> int:
    """Remove temp files left by a killed run (ours only: the TMP_SUFFIX)."""
    n = 0
    for root, _dirs, files in os.walk(out):
        for f in files:
            if f.endswith(TMP_SUFFIX):
                try:
                    os.unlink(os.path.join(root, f))
                    n += 1
                except OSError:
                    pass
    return n


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def scan_inbox(inbox: Path, exclude: Path | None = None) -> dict[str, tuple[Path, int, int]]:
    """rel path → (path, size, mtime_ns) for every regular, non-hidden file in the tree.

    Folders are not followed through symlinks (no loops); `exclude` (the output folder,
    when it lies inside the inbox) is skipped so vanban never reads its own outputs.
    """
    found: dict[str, tuple[Path, int, int]] = {}
    excl = str(exclude.resolve()) if exclude else None
    stack = [(inbox, "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for e in entries:
            if e.name.startswith("."):
                continue
            rel = prefix + e.name
            try:
                if e.is_dir(follow_symlinks=False):
                    if excl and os.path.realpath(e.path) == excl:
                        continue
                    stack.append((Path(e.path), rel + "/"))
                elif e.is_file():
                    st = e.stat()
                    found[rel] = (Path(e.path), st.st_size, st.st_mtime_ns)
            except OSError:
                continue
    return found


# ---- manifest -----------------------------------------------------------------------------

class Manifest:
    """`DIR/.vanban/manifest.json` plus the journal of documents finished since."""

    def __init__(self, state: Path):
        self.state = state
        self.path = state / "manifest.json"
        self.journal_path = state / "journal.jsonl"
        self.docs: dict[str, dict] = {}
        self.meta: dict = {}
        self._journal = None

    def load(self) -> "Manifest":
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == MANIFEST_VERSION:
                self.docs = data.get("documents", {})
                self.meta = data.get("meta", {})
        except (OSError, ValueError):
            pass
        try:
            with open(self.journal_path, encoding="utf-8") as fh:
                for line in fh:
                    try:
                        op = json.loads(line)
                    except ValueError:
                        continue  # the line a kill cut short
                    self._apply(op)
        except OSError:
            pass
        return self

    def _apply(self, op: dict) -> None:
        if op.get("op") == "set":
            self.docs[op["path"]] = op["entry"]
        elif op.get("op") == "del":
            self.docs.pop(op["path"], None)

    def record(self, op: dict) -> None:
        """Apply and journal one change; flushed so a killed run keeps it."""
        self._apply(op)
        if self._journal is None:
            self.state.mkdir(parents=True, exist_ok=True)
            self._journal = open(self.journal_path, "a", encoding="utf-8")
        self._journal.write(json.dumps(op, ensure_ascii=False) + "\n")
        self._journal.flush()

    def save(self) -> None:
        """Fold the journal into manifest.json (atomically), then drop the journal."""
        if self._journal is not None:
            self._journal.close()
            self._journal = None
        payload = {"version": MANIFEST_VERSION, "meta": self.meta, "documents": self.docs}
        atomic_write(self.path, json.dumps(payload, ensure_ascii=False, indent=1) + "\n", durable=True)
        try:
            os.unlink(self.journal_path)
        except FileNotFoundError:
            pass


class BatchLocked(Exception):
    pass


class Lock:
    """An exclusive flock on DIR/.vanban/lock for the whole run (released if we die)."""

    def __init__(self, state: Path):
        self.path = state / "lock"
        self.fh = None

    def __enter__(self):
        import fcntl
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.path, "a+", encoding="utf-8")
        try:
            fcntl.flock(self.fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                raise
            self.fh.seek(0)
            holder = self.fh.read().strip()
            self.fh.close()
            raise BatchLocked(holder) from None
        self.fh.seek(0)
        self.fh.truncate()
        self.fh.write(f"{os.getpid()}\n")
        self.fh.flush()
        return self

    def __exit__(self, *exc):
        import fcntl
        fcntl.flock(self.fh.fileno(), fcntl.LOCK_UN)
        self.fh.close()


def fingerprint(packs) -> str:
    """What a stored result depends on besides the input: vanban's version, the result
    schema and the rule packs.  (Not the source files' mtimes: a developer editing the
    code reruns with `--force`, and results do not churn under a shared work tree.)"""
    import dataclasses
    import pipeline
    from pipeline.report.json_out import SCHEMA_VERSION
    h = hashlib.sha256(f"{pipeline.__version__}:{SCHEMA_VERSION}:".encode())
    try:
        packs_repr = json.dumps(dataclasses.asdict(packs), sort_keys=True, default=str) if packs is not None else ""
    except TypeError:
        packs_repr = repr(packs)
    h.update(packs_repr.encode())
    return h.hexdigest()[:20]


# ---- one document (runs in a worker process) ----------------------------------------------

_PACKS = None


def _init_worker(packs) -> None:
    import signal
    global _PACKS
    _PACKS = packs
    # Ctrl-C is the parent's to handle: it stops the pool and saves the manifest.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def doc_dir(out: Path, rel: str) -> Path:
    return out / "documents" / rel


def index_href(rel: str) -> str:
    return "../" * (rel.count("/") + 2) + "index.html"


def write_document_outputs(out: Path, rel: str, d: dict) -> None:
    from pipeline.report.html import render_document_html
    from pipeline.report.json_out import dumps
    from pipeline.report.md import render_document_md
    folder = doc_dir(out, rel)
    atomic_write(folder / "result.json", dumps(d) + "\n")
    atomic_write(folder / "report.html", render_document_html(d, index_href=index_href(rel)))
    atomic_write(folder / "report.md", render_document_md(d))


def _digest(rel: str, d: dict) -> dict:
    """What the parent keeps of a result: enough for the manifest and the summary line."""
    from pipeline.report.labels import severity_counts
    err = d.get("error") or {}
    src = d.get("source") or {}
    return {"path": rel, "status": d.get("status"), "error_code": err.get("code"),
            "error_message": err.get("message"), "format": src.get("format"),
            "sha": src.get("sha256"), "counts": severity_counts(d)}


def work(job: tuple[str, str, str]) -> dict:
    """Process one document and write its outputs; returns its digest."""
    from pipeline.process import process_file
    from pipeline.report.json_out import result_dict
    path, rel, out = job
    r = process_file(Path(path), _PACKS)
    try:
        d = result_dict(r, display_path=rel)
        write_document_outputs(Path(out), rel, d)
    except Exception as exc:  # a report bug must not stop the batch: the document fails
        import logging
        logging.getLogger(__name__).exception("writing outputs of %s", rel)
        return {"path": rel, "status": "failed", "error_code": "internal", "counts": {},
                "error_message": f"“{Path(rel).name}”: lỗi nội bộ khi ghi báo cáo ({type(exc).__name__}: {exc})"
                                 .replace("\n", " "), "format": r.format, "sha": r.sha256, "transient": True}
    return _digest(rel, d)


# ---- the run ------------------------------------------------------------------------------

@dataclass
class Plan:
    todo: list[tuple[str, Path, int, int, str | None]] = field(default_factory=list)  # rel, path, size, mtime, sha
    unchanged: list[str] = field(default_factory=list)
    reuse: list[tuple[str, str, int, int, str]] = field(default_factory=list)  # new rel, old rel, size, mtime, sha
    restat: list[tuple[str, int, int]] = field(default_factory=list)           # same content, touched
    deleted: list[str] = field(default_factory=list)


def _outputs_present(out: Path, rel: str) -> bool:
    folder = doc_dir(out, rel)
    return all((folder / f).is_file() for f in DOC_FILES)


def make_plan(files: dict, manifest: Manifest, out: Path, fp: str, force: bool) -> Plan:
    plan = Plan()
    by_sha: dict[tuple[str, str], str] = {}
    for rel, e in manifest.docs.items():
        if e.get("fp") == fp and e.get("sha"):
            by_sha.setdefault((e["sha"], Path(rel).suffix.lower()), rel)
    for rel in sorted(files):
        path, size, mtime = files[rel]
        e = manifest.docs.get(rel)
        usable = (not force and e is not None and e.get("fp") == fp
                  and e.get("error_code") not in RETRY_CODES and _outputs_present(out, rel))
        if usable and e.get("size") == size and e.get("mtime_ns") == mtime:
            plan.unchanged.append(rel)
            continue
        try:
            sha = sha256_file(path)
        except OSError:
            sha = None  # unreadable: process_file reports it with its code
        if usable and sha and e.get("sha") == sha:
            plan.restat.append((rel, size, mtime))
            continue
        src = by_sha.get((sha, Path(rel).suffix.lower())) if sha and not force else None
        if src and src != rel and _outputs_present(out, src) \
                and manifest.docs[src].get("error_code") not in RETRY_CODES:
            plan.reuse.append((rel, src, size, mtime, sha))
            continue
        plan.todo.append((rel, path, size, mtime, sha))
    plan.deleted = sorted(set(manifest.docs) - set(files))
    return plan


def _entry(digest: dict, size: int, mtime: int, sha: str | None, fp: str) -> dict:
    return {"sha": digest.get("sha") or sha, "size": size, "mtime_ns": mtime, "fp": fp,
            "status": digest["status"], "format": digest.get("format"),
            "error_code": digest.get("error_code"), "error_message": digest.get("error_message"),
            "counts": digest.get("counts"), "processed_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
            "outputs": [f"documents/{digest['path']}/{f}" for f in DOC_FILES]}


def _reuse(out: Path, new: str, old: str) -> dict:
    """A renamed/copied input: same content, so rewrite the stored result under the new path."""
    d = json.loads((doc_dir(out, old) / "result.json").read_text(encoding="utf-8"))
    d.setdefault("source", {})["path"] = new
    err = d.get("error")
    if err and err.get("message"):
        err["message"] = err["message"].replace(f"“{Path(old).name}”", f"“{Path(new).name}”")
    write_document_outputs(out, new, d)
    return _digest(new, d)


def _remove_outputs(out: Path, rel: str) -> None:
    """Drop a deleted input's outputs: our files only, then the folders they leave empty."""
    folder = doc_dir(out, rel)
    for f in DOC_FILES:
        try:
            (folder / f).unlink()
        except FileNotFoundError:
            pass
    stop = (out / "documents").resolve()
    cur = folder
    while cur.resolve() != stop and stop in cur.resolve().parents:
        try:
            cur.rmdir()
        except OSError:
            break
        cur = cur.parent


def _warm_imports(formats: set[str]) -> None:
    """Import the pipeline once in the parent so forked workers share it."""
    import importlib
    for mod in ("pipeline.process", "pipeline.checks", "pipeline.extract", "pipeline.parse",
                "pipeline.ingest", "pipeline.report.html", "pipeline.report.md", "pipeline.report.json_out"):
        importlib.import_module(mod)
    from pipeline.ingest import READERS
    for fmt in formats:
        try:
            importlib.import_module(READERS[fmt])
        except Exception:  # a missing reader is reported per document by process_file
            pass


def _run_jobs(jobs_list, out: Path, packs, jobs: int, show_bar: bool, on_done) -> None:
    from pipeline.ingest import EXTENSIONS
    bar = None
    if show_bar:
        from tqdm import tqdm
        bar = tqdm(total=len(jobs_list), unit="vb", desc="vanban", dynamic_ncols=True, file=sys.stderr)
    try:
        if jobs <= 1 or len(jobs_list) <= 1:
            global _PACKS
            _PACKS = packs
            for job in jobs_list:
                on_done(job, work((str(job[1]), job[0], str(out))))
                if bar:
                    bar.update()
            return
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool
        _warm_imports({EXTENSIONS.get(Path(j[0]).suffix.lower(), "txt") for j in jobs_list})
        ex = ProcessPoolExecutor(max_workers=min(jobs, len(jobs_list)), initializer=_init_worker,
                                 initargs=(packs,))
        try:
            futures = {ex.submit(work, (str(j[1]), j[0], str(out))): j for j in jobs_list}
            for fut in as_completed(futures):
                job = futures[fut]
                try:
                    digest = fut.result()
                except BrokenProcessPool:
                    # A worker died (killed, out of memory): report the document, keep it
                    # out of the manifest so the next run tries it again.
                    digest = {"path": job[0], "status": "failed", "error_code": "internal",
                              "error_message": f"“{Path(job[0]).name}”: tiến trình xử lý bị dừng đột ngột",
                              "counts": {}, "transient": True}
                on_done(job, digest)
                if bar:
                    bar.update()
        except BaseException:
            ex.shutdown(wait=False, cancel_futures=True)
            for p in list((getattr(ex, "_processes", None) or {}).values()):
                p.terminate()
            raise
        ex.shutdown(wait=True)
    finally:
        if bar:
            bar.close()


def run_batch(inbox: Path, out: Path, *, packs=None, jobs: int = 0, progress: bool = True,
              force: bool = False, today: date | None = None) -> int:
    """Process INBOX into OUT; returns the exit code (0 all ok, 1 some failed, 2 usage)."""
    inbox, out = Path(inbox), Path(out)
    if not inbox.is_dir():
        sys.stderr.write(f"vanban: lỗi [usage.inbox]: không có thư mục hộp thư đến “{inbox}”\n")
        return EXIT_USAGE
    jobs = jobs if jobs and jobs > 0 else (os.cpu_count() or 1)
    state = out / STATE_DIR
    try:
        state.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        sys.stderr.write(f"vanban: lỗi [usage.out]: không tạo được thư mục kết quả “{out}” ({exc.strerror})\n")
        return EXIT_USAGE
    try:
        with Lock(state):
            return _run_locked(inbox, out, state, packs, jobs, progress, force, today or date.today())
    except BatchLocked as exc:
        who = f" (tiến trình {exc.args[0]})" if exc.args and exc.args[0] else ""
        sys.stderr.write(f"vanban: lỗi [usage.locked]: thư mục kết quả “{out}” đang được một lần chạy "
                         f"khác dùng{who}; hãy chạy lại khi lần đó xong\n")
        return EXIT_USAGE


def _run_locked(inbox, out, state, packs, jobs, progress, force, today) -> int:
    t0 = time.perf_counter()
    running_marker = state / "running"
    if running_marker.exists():          # the last run was killed: clear its temp files
        sweep_temp_files(out)
    running_marker.touch()

    manifest = Manifest(state).load()
    fp = fingerprint(packs)
    inside = out.resolve()
    exclude = out if inbox.resolve() in inside.parents else None
    files = scan_inbox(inbox, exclude=exclude)
    plan = make_plan(files, manifest, out, fp, force)

    failed_now: list[dict] = []
    done = 0

    def on_done(job, digest):
        nonlocal done
        rel, _path, size, mtime, sha = job
        done += 1
        if digest["status"] != "ok":
            failed_now.append(digest)
        if not digest.get("transient"):
            manifest.record({"op": "set", "path": rel, "entry": _entry(digest, size, mtime, sha, fp)})

    interrupted = False
    try:
        for rel, size, mtime in plan.restat:
            e = dict(manifest.docs[rel], size=size, mtime_ns=mtime)
            manifest.record({"op": "set", "path": rel, "entry": e})
        for new, old, size, mtime, sha in plan.reuse:
            manifest.record({"op": "set", "path": new, "entry": _entry(_reuse(out, new, old), size, mtime, sha, fp)})
        for rel in plan.deleted:
            _remove_outputs(out, rel)
            manifest.record({"op": "del", "path": rel})
        show_bar = progress and sys.stderr.isatty() and len(plan.todo) > 1
        _run_jobs(plan.todo, out, packs, jobs, show_bar, on_done)
    except KeyboardInterrupt:
        interrupted = True

    changed = bool(plan.todo or plan.reuse or plan.deleted or force)
    built = manifest.meta.get("batch")
    need_batch = (changed or not built or built.get("fp") != fp or built.get("date") != today.isoformat()
                  or not (out / "summary.json").is_file()) and not interrupted
    if need_batch:
        _write_batch_files(out, manifest, today, run={
            "processed": done, "unchanged": len(plan.unchanged) + len(plan.restat),
            "reused": len(plan.reuse), "removed": len(plan.deleted)})
        manifest.meta["batch"] = {"fp": fp, "date": today.isoformat()}
    if changed or plan.restat or need_batch or manifest.journal_path.exists():
        manifest.save()
    if interrupted:
        sweep_temp_files(out)
        sys.stderr.write(f"\nvanban: đã dừng theo yêu cầu; {done} văn bản đã xong được giữ lại. "
                         "Chạy lại cùng lệnh để tiếp tục.\n")
        running_marker.unlink(missing_ok=True)
        return EXIT_INTERRUPTED
    running_marker.unlink(missing_ok=True)
    return _finish(out, manifest, plan, done, failed_now, time.perf_counter() - t0)


def _write_batch_files(out: Path, manifest: Manifest, today: date, run: dict) -> None:
    from pipeline.report.exports import batch_files
    docs = []
    for rel in sorted(manifest.docs):
        try:
            docs.append((rel, json.loads((doc_dir(out, rel) / "result.json").read_text(encoding="utf-8"))))
        except (OSError, ValueError):
            continue
    for name, data in batch_files(docs, today=today, run=run).items():
        atomic_write(out / name, data)


def _finish(out: Path, manifest: Manifest, plan: Plan, done: int, failed_now: list, elapsed: float) -> int:
    from pipeline.report.labels import SEVERITIES
    totals = {s: 0 for s in SEVERITIES}
    failed = []
    for rel, e in sorted(manifest.docs.items()):
        for s in SEVERITIES:
            totals[s] += (e.get("counts") or {}).get(s, 0)
        if e.get("status") != "ok":
            failed.append((rel, e))
    transient = [d for d in failed_now if d.get("transient")]
    for rel, e in failed:
        again = "" if any(d["path"] == rel for d in failed_now) else " (từ lần chạy trước)"
        sys.stderr.write(f"vanban: lỗi [{e.get('error_code')}] {rel}: {e.get('error_message')}{again}\n")
    for d in transient:
        sys.stderr.write(f"vanban: lỗi [{d['error_code']}] {d['path']}: {d['error_message']}\n")
    n_failed = len(failed) + len(transient)
    parts = [f"đã xử lý {done}", f"bỏ qua {len(plan.unchanged) + len(plan.restat)} (không đổi)"]
    if plan.reuse:
        parts.append(f"dùng lại {len(plan.reuse)} (đổi tên/bản sao)")
    if plan.deleted:
        parts.append(f"gỡ {len(plan.deleted)} (đã xoá khỏi hộp thư)")
    parts.append(f"không đọc được {n_failed}")
    sys.stdout.write(f"vanban: {len(manifest.docs)} văn bản — " + ", ".join(parts)
                     + f"; phát hiện: {totals['error']} lỗi, {totals['warning']} cảnh báo, "
                     f"{totals['info']} thông tin; {elapsed:.1f} s → {out / 'index.html'}\n")
    return EXIT_FINDINGS if n_failed else EXIT_OK
