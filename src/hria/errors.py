"""Exceptions and exit codes. Nothing here prints; the CLI turns errors into messages."""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

from hria.escapes import visible
from hria.i18n import N_plural


class ExitCode(IntEnum):
    OK = 0
    FINDINGS = 1
    INPUT_ERROR = 2
    INTERNAL_ERROR = 3
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for `git log | head`


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can."""

    path: str
    message: str
    line: int | None = None
    column: int | None = None
    where: str = ""  # dotted location inside the document, e.g. "answers.legality.basis.value"

    def __str__(self) -> str:
        """One line, whatever the file name, key or message holds (see hria.escapes)."""
        pos = visible(self.path)
        if self.line is not None:
            pos += f":{self.line}"
            if self.column is not None:
                pos += f":{self.column}"
        prefix = f"{visible(self.where)}: " if self.where else ""
        return f"{pos}: {prefix}{visible(self.message)}"


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


#: 'invalid assessment file: 2 problems', whole, for each kind of file.
INVALID = {
    "assessment file": N_plural(
        "invalid assessment file: {count} problem", "invalid assessment file: {count} problems"
    ),
    "question bank": N_plural(
        "invalid question bank: {count} problem", "invalid question bank: {count} problems"
    ),
    "translation": N_plural(
        "invalid translation: {count} problem", "invalid translation: {count} problems"
    ),
    "configuration file": N_plural(
        "invalid configuration file: {count} problem",
        "invalid configuration file: {count} problems",
    ),
    "review file": N_plural(
        "invalid review file: {count} problem", "invalid review file: {count} problems"
    ),
    "waivers file": N_plural(
        "invalid waivers file: {count} problem", "invalid waivers file: {count} problems"
    ),
    "ignore file": N_plural(
        "invalid ignore file: {count} problem", "invalid ignore file: {count} problems"
    ),
    "migration": N_plural(
        "invalid migration: {count} problem", "invalid migration: {count} problems"
    ),
}


def said_message(error: HriaError) -> str:
    """The error's message as the interface says it (a file's problems are counted in it)."""
    if isinstance(error, InvalidFileError) and error.kind in INVALID:
        from hria.i18n import ngettext

        count = len(error.problems)
        return ngettext(*INVALID[error.kind], count).format(count=count)
    return error.message


class BankError(InvalidFileError):
    """The question bank or its rules are broken."""


class HriaWarning(UserWarning):
    """Something the user should know that does not stop the command (the CLI prints it)."""


class UsageError(HriaError):
    """Bad command-line usage that typer cannot catch by itself."""


class OutputError(HriaError):
    """Standard output is closed, full or otherwise unwritable: the environment's problem."""

    def __init__(self, reason: str) -> None:
        from hria.i18n import _

        super().__init__(_("cannot write output: {reason}").format(reason=reason))
