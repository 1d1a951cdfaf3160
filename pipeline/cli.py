"""The `vanban` command: extract | check | run | rules | eval.

Each subcommand parses its arguments, calls the library and returns an exit code from
`errors.EXIT_*`.  Nothing here formats findings (see report.FORMATTERS).
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from pipeline.errors import EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, RulePackError
from pipeline.process import iter_documents  # noqa: F401  (re-exported for callers)

SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        sys.stderr.write(f"vanban: lỗi cú pháp lệnh: {message} (xem `vanban --help`)\n")
        raise SystemExit(EXIT_USAGE)


def _packs(args):
    from pipeline.rulepack import load_packs
    return load_packs(args.rules or None)


def cmd_extract(args) -> int:
    from pipeline.process import process_file
    from pipeline.report.json_out import dumps, result_dict
    path = Path(args.file)
    if args.text:
        from pipeline.errors import InputError
        from pipeline.ingest import read_source
        try:
            src = read_source(path)
        except InputError as exc:
            sys.stderr.write(f"vanban: lỗi [{exc.code}]: {exc.message}\n")
            return EXIT_USAGE
        sys.stdout.write(src.text + "\n")
        return EXIT_OK
    result = process_file(path, _packs(args), strict=args.strict)
    sys.stdout.write(dumps(result_dict(result, display_path=args.file)) + "\n")
    if result.status != "ok":
        sys.stderr.write(f"vanban: lỗi [{result.error.code}]: {result.error.message}\n")
        return EXIT_USAGE
    return EXIT_OK


def cmd_check(args) -> int:
    from pipeline.process import process_file
    from pipeline.report import FORMATTERS
    packs = _packs(args)
    results = [process_file(p, packs, strict=args.strict) for p in iter_documents(args.paths)]
    if not results:
        sys.stderr.write("vanban: không có văn bản nào trong các đường dẫn đã cho\n")
        return EXIT_USAGE
    sys.stdout.write(FORMATTERS[args.format](results))
    for r in results:
        if r.status != "ok":
            sys.stderr.write(f"vanban: lỗi [{r.error.code}]: {r.error.message}\n")
    if any(r.status != "ok" for r in results):
        return EXIT_USAGE
    threshold = SEVERITY_RANK[args.fail_on]
    if any(SEVERITY_RANK[f.severity] >= threshold for r in results for f in r.findings):
        return EXIT_FINDINGS
    return EXIT_OK


def cmd_run(args) -> int:
    from pipeline.batch import run_batch
    inbox = Path(args.inbox)
    if not inbox.is_dir():
        sys.stderr.write(f"vanban: lỗi [usage.inbox]: không có thư mục hộp thư đến “{inbox}”\n")
        return EXIT_USAGE
    return run_batch(inbox, Path(args.out), packs=_packs(args), jobs=args.jobs,
                     progress=not args.quiet, force=args.force)


def cmd_rules(args) -> int:
    from pipeline.rulepack import describe_rules
    sys.stdout.write(describe_rules(_packs(args)))
    return EXIT_OK


def cmd_eval(args) -> int:
    from pipeline.evaluate import evaluate_dir
    return evaluate_dir(Path(args.gold_dir), Path(args.doc_dir) if args.doc_dir else None,
                        show_misses=args.misses, json_out=args.json)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="vanban", description=(
        "Đọc văn bản hành chính và văn bản Đảng (Kế hoạch, Chỉ thị, Hướng dẫn, Quyết định, "
        "Công văn, Thông báo): cấu trúc, thời hạn, cơ quan chủ trì/phối hợp, văn bản được dẫn "
        "chiếu và các lỗi nhất quán."))
    p.add_argument("--strict", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--rules", action="append", metavar="FILE",
                   help="gói luật YAML dùng thay cho rules/ (có thể lặp lại)")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    e = sub.add_parser("extract", help="in kết quả JSON của một văn bản")
    e.add_argument("file")
    e.add_argument("--text", action="store_true", help="in văn bản thuần (dòng dùng để đánh số)")
    e.set_defaults(func=cmd_extract)

    c = sub.add_parser("check", help="kiểm tra tệp/thư mục, in các phát hiện")
    c.add_argument("paths", nargs="+")
    c.add_argument("--format", choices=["text", "json", "sarif"], default="text")
    c.add_argument("--fail-on", choices=["error", "warning", "info"], default="error")
    c.set_defaults(func=cmd_check)

    r = sub.add_parser("run", help="xử lý mọi văn bản mới hoặc đã đổi trong hộp thư đến")
    r.add_argument("inbox", nargs="?", default="inbox")
    r.add_argument("--out", default="outputs")
    r.add_argument("--jobs", type=int, default=0, help="số tiến trình (mặc định: số lõi)")
    r.add_argument("--quiet", action="store_true", help="không hiện thanh tiến trình")
    r.add_argument("--force", action="store_true", help="xử lý lại mọi văn bản")
    r.set_defaults(func=cmd_run)

    ru = sub.add_parser("rules", help="liệt kê mọi luật kiểm tra")
    ru.set_defaults(func=cmd_rules)

    ev = sub.add_parser("eval", help="chấm kết quả so với tệp gold (P/R/F1)")
    ev.add_argument("gold_dir")
    ev.add_argument("doc_dir", nargs="?")
    ev.add_argument("--misses", action="store_true")
    ev.add_argument("--json")
    ev.set_defaults(func=cmd_eval)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(encoding="utf-8")
        except (AttributeError, ValueError):
            pass
    try:
        return args.func(args)
    except RulePackError as exc:
        sys.stderr.write(f"vanban: {exc.message}\n")
        return EXIT_USAGE


if __name__ == "__main__":
    raise SystemExit(main())
