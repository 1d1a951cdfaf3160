"""Error types with stable codes, and the exit codes of the commands.

Bad input is an `InputError` with a contract code (README "Failed documents"); a bad
rule pack is a `RulePackError` naming file:line:col.  Bugs are not caught here: the
two isolation boundaries (per check, per document) are in checks/ and process.py.
"""
from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1   # check: findings at or above --fail-on; run: some documents failed
EXIT_USAGE = 2      # bad usage, unreadable input (extract/check), invalid rule pack


class VanbanError(Exception):
    """Base error: `code` is stable (`input.corrupt`), `message` is one Vietnamese line."""

    code = "internal"

    def __init__(self, code: str, message: str, hint: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class InputError(VanbanError):
    """The input cannot be read: input.* or tool.missing."""


class RulePackError(VanbanError):
    """A rules/ file is invalid: the message starts with path:line:col."""


class UsageError(VanbanError):
    """The command line is wrong."""
