"""Checks: registered functions that turn a Document and its Extraction into Findings.

A check is one function decorated with `@check(id, severity=…, summary=…, message=…)`
in `checks/<family>.py`.  `ctx.finding(...)` builds every Finding (rule id, severity
after rule-pack overrides, formatted Vietnamese message, section, source), so no check
builds one by hand.  A crash inside one check is isolated: it becomes a Diagnostic and
the other checks still run (`strict=True`, used by the tests, re-raises instead).
"""
from __future__ import annotations

import importlib
import logging
import traceback
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from pipeline.model import Diagnostic, Document, Extraction, Finding, Severity

log = logging.getLogger(__name__)

FAMILIES = ("header", "numbering", "deadline", "citation", "body", "task", "text")
# Modules that register checks; imported on first use.
CHECK_MODULES = tuple(f"pipeline.checks.{f}" for f in FAMILIES)


@dataclass(frozen=True)
class CheckSpec:
    id: str
    severity: Severity
    summary: str                 # Vietnamese, one line: what `vanban rules` shows
    message: str                 # Vietnamese template with named placeholders
    func: Callable[["CheckContext"], Iterable[Finding]]
    module: str
    doc: str = ""
    takes_entries: bool = False  # rule-pack entries may name this check
    # Options a pack may set under `checks: {id: {options: …}}`: name → field kind
    # ("str", "str_list", "bool", "int", "date", "enum:a|b").
    options: tuple = ()
    # Fields an entry for this check may carry (besides id/check/source/verified/…),
    # name → field kind (as above, plus "when": a date or an event offset).
    entry_fields: tuple = ()
    # Required entry fields; a tuple inside means "one of these".
    entry_required: tuple = ()


REGISTRY: dict[str, CheckSpec] = {}


def check(check_id: str, *, severity: Severity, summary: str, message: str,
          takes_entries: bool = False, options: dict | None = None,
          entry_fields: dict | None = None, entry_required: tuple = ()):
    """Register a check under its fixed id (`family.name`)."""
    family = check_id.split(".")[0]
    if family not in FAMILIES:
        raise ValueError(f"check id {check_id!r}: family must be one of {FAMILIES}")

    def wrap(func):
        if check_id in REGISTRY and REGISTRY[check_id].func is not func:
            raise ValueError(f"check id {check_id!r} registered twice")
        REGISTRY[check_id] = CheckSpec(check_id, severity, summary, message, func,
                                       func.__module__, func.__doc__ or "", takes_entries,
                                       tuple((options or {}).items()),
                                       tuple((entry_fields or {}).items()), tuple(entry_required))
        return func
    return wrap


# Family modules this tree does not have (yet): looked for once per process, not on every
# run_checks call (a failed import searches the whole import path each time).
_MISSING_MODULES: set[str] = set()


def load_checks() -> dict[str, CheckSpec]:
    for mod in CHECK_MODULES:
        if mod in _MISSING_MODULES:
            continue
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise
            _MISSING_MODULES.add(mod)
    return REGISTRY


@dataclass
class CheckContext:
    """What a check sees: the document, its extraction, the packs, and a finding factory."""
    doc: Document
    ext: Extraction
    spec: CheckSpec
    severity: Severity
    options: dict = field(default_factory=dict)
    entries: tuple = ()
    # Facts about this document that several checks need (table lines, the body's words,
    # folded lines, the plan's deadlines): computed by the first check that asks and shared
    # by every check of one run_checks call, so that none is derived twice.
    shared: dict = field(default_factory=dict)

    def memo(self, compute: Callable[["CheckContext"], object]):
        """`compute(ctx)` for this document, computed once per run_checks call.

        `compute` may read only the document and its extraction (never options, entries or
        the spec: every check of the run gets the same value), and callers must not
        mutate what it returns.
        """
        try:
            return self.shared[compute]
        except KeyError:
            value = self.shared[compute] = compute(self)
            return value

    def finding(self, line: int | None, *, evidence: str | None = None, section: str | None = None,
                source: str | None = None, message: str | None = None,
                severity: Severity | None = None, **params) -> Finding:
        if section is None and line is not None:
            sec = self.doc.section_at(line)
            section = sec.id if sec else None
        template = message or self.spec.message
        params.setdefault("evidence", evidence or "")
        text = template.format(**params)
        return Finding(rule=self.spec.id, severity=severity or self.severity, message=text, line=line,
                       section=section, evidence=evidence, source=source)


def run_checks(doc: Document, ext: Extraction, packs=None, *, strict: bool = False,
               only: Iterable[str] | None = None) -> tuple[tuple[Finding, ...], tuple[Diagnostic, ...]]:
    """Run every enabled check; return findings sorted by line, and diagnostics."""
    from pipeline.rulepack import default_packs
    if packs is None:
        packs = default_packs()
    registry = load_checks()
    findings: list[Finding] = []
    diags: list[Diagnostic] = []
    only_set = set(only) if only is not None else None
    shared: dict = {}       # CheckContext.shared: one document, one run
    verdicts: dict = {}     # rule-pack applies_to verdicts for this document (entries_for)
    for check_id, spec in sorted(registry.items()):
        if only_set is not None and check_id not in only_set:
            continue
        severity = packs.severity(check_id, spec.severity)
        if severity == "off":
            continue
        # Only the checks that declare takes_entries read entries (the loader rejects an
        # entry for any other check): matching every pack entry against the document for
        # each of the other checks was wasted work.
        entries = packs.entries_for(check_id, doc, verdicts) if spec.takes_entries else ()
        ctx = CheckContext(doc, ext, spec, severity, packs.options(check_id), entries, shared)
        try:
            findings.extend(_collect(spec.func(ctx)))
        except Exception as exc:  # isolation boundary: one check must not stop the others
            if strict:
                raise
            log.error("check %s crashed: %s", check_id, traceback.format_exc())
            diags.append(Diagnostic("internal.check_failed", check_id, f"{type(exc).__name__}: {exc}"))
    findings.sort(key=lambda f: (f.line if f.line is not None else 0, f.rule))
    return tuple(_dedupe(findings)), tuple(diags)


def _collect(it: Iterable[Finding] | None) -> Iterator[Finding]:
    return iter(it or ())


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        k = (f.rule, f.line, f.evidence, f.source)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out
