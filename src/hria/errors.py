"""Exceptions and exit codes. Nothing here prints; the CLI turns errors into messages."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    INPUT_ERROR = 2
    INTERNAL_ERROR = 3
    INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    where: str = ""  # dotted location inside the document, e.g. "answers.legality.basis.value"

    def __str__(self) -> str:
        pos = self.path
        if self.line is not None:
            pos += f":{self.line}"
            if self.column is not None:
                pos += f":{self.column}"
        prefix = f"{self.where}: " if self.where else ""
        return one_line(f"{pos}: {prefix}{self.message}")


# What str.splitlines breaks at, besides the control characters.
_BREAKS = frozenset("\u2028\u2029")


def one_line(text: str) -> str:
    """`text` on one line and inert on a terminal: line breaks and control characters (a key
    may hold any) are shown as escapes, so every error line starts with its file name."""
    if text.isprintable():
        return text
    return "".join(_escape(c) if _unsafe(c) else c for c in text)


def _unsafe(char: str) -> bool:
    return char in _BREAKS or unicodedata.category(char) in ("Cc", "Cs")


def _escape(char: str) -> str:
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


class HriaError(Exception):
    """Base for errors a user can act on; carries a message and an optional hint."""

    exit_code: ExitCode = ExitCode.INPUT_ERROR

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class InvalidFileError(HriaError):
    """A file (assessment or question bank) that cannot be used; lists every problem found."""

    def __init__(self, problems: list[Problem], kind: str = "assessment file") -> None:
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"invalid {kind}: {count} {noun}")
        self.problems = problems
        self.kind = kind


class BankError(InvalidFileError):
    """The question bank or its rules are broken."""


class UsageError(HriaError):
    """Bad command-line usage that typer cannot catch by itself."""
