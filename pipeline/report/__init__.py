"""Report: formatters for `vanban check` and per-document / batch files.

`FORMATTERS[name](results) -> str` for the check command; no format logic lives in
cli.py (sqlfluff's if/elif chain is the counter-example).
"""
from __future__ import annotations

from typing import Callable, Sequence

from pipeline.model import Result


def _text(results: Sequence[Result]) -> str:
    from pipeline.report.text_out import render_text
    return render_text(results)


def _json(results: Sequence[Result]) -> str:
    from pipeline.report.check_json import render_check_json
    return render_check_json(results)


def _sarif(results: Sequence[Result]) -> str:
    from pipeline.report.sarif import render_sarif
    return render_sarif(results)


FORMATTERS: dict[str, Callable[[Sequence[Result]], str]] = {
    "text": _text,
    "json": _json,
    "sarif": _sarif,
}
