"""`hria check`: find files, validate, evaluate, and decide the exit code. No printing."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hria.domain.engine import assess
from hria.errors import ExitCode, InvalidFileError, Problem
from hria.files.construct import Positions
from hria.files.store import discover, load_assessment
from hria.models.assessment import PLACEHOLDER, Assessment, Scope, Status
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Evaluation, Flag, Outcome


@dataclass
class FileResult:
    path: str
    assessment: Assessment | None = None
    evaluation: Evaluation | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    text: str = ""  # kept to locate flags in the file (GitHub annotations)
    positions: Positions | None = None  # where the parse found answers and the rest
    internal: str | None = None  # the exception's name, when checking the file crashed

    @property
    def valid(self) -> bool:
        return self.evaluation is not None and not self.problems and self.internal is None

    def worst(self) -> Severity | None:
        if self.evaluation is None or not self.evaluation.flags:
            return None
        return max((f.severity for f in self.evaluation.flags), key=lambda s: s.rank)


@dataclass
class Tally:
    """What the summary line and the exit code need from the files checked so far."""

    fail_on: Severity | None
    strict: bool
    files: int = 0
    invalid: int = 0
    internal: int = 0
    findings: bool = False
    outcomes: Counter[Outcome] = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.internal is not None:
            self.internal += 1
            return
        if not result.valid:
            self.invalid += 1
            return
        assert result.evaluation is not None
        self.outcomes[result.evaluation.verdict.outcome] += 1
        if fails(result, self.fail_on, self.strict):
            self.findings = True

    def exit_code(self) -> ExitCode:
        """3 if checking a file crashed; else 2 if a file is invalid; else 1 if a flag
        reaches `fail_on` (or, under --strict, a file is incomplete); else 0."""
        if self.internal:
            return ExitCode.INTERNAL_ERROR
        if self.invalid:
            return ExitCode.INPUT_ERROR
        return ExitCode.FINDINGS if self.findings else ExitCode.OK


def check_paths(paths: Iterable[Path], bank: Bank, today: dt.date) -> list[FileResult]:
    return list(iter_results(paths, bank, today))


def iter_results(
    paths: Iterable[Path], bank: Bank, today: dt.date, isolate: bool = True
) -> Iterator[FileResult]:
    """One result per file, as each is checked, so that output can follow file by file and
    memory stays flat however many files there are. With `isolate`, a file whose check
    crashes gives a result that says so, and the other files are still checked."""
    with _few_collections():
        for given in paths:
            if not given.exists():
                yield FileResult(str(given), problems=[Problem(str(given), "no such file")])
                continue
            found = discover([given])
            if not found:
                message = "no *.hria.yaml, *.hria.yml or *.hria.json files in this folder"
                yield FileResult(str(given), problems=[Problem(str(given), message)])
            for path in found:
                yield check_file(path, bank, today, isolate)


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """The cyclic garbage collector rescans every live object each time it runs: a third of
    the time on a thousand files. Checking creates no cycles worth collecting promptly, so
    it runs less often here (measured in bench/)."""
    before = gc.get_threshold()
    gc.set_threshold(20_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def check_file(path: Path, bank: Bank, today: dt.date, isolate: bool = True) -> FileResult:
    try:
        return _check_file(path, bank, today)
    except Exception as exc:
        if not isolate:
            raise
        return FileResult(str(path), internal=type(exc).__name__)


def _check_file(path: Path, bank: Bank, today: dt.date) -> FileResult:
    try:
        loaded = load_assessment(path, bank)
    except InvalidFileError as exc:
        return FileResult(str(path), problems=exc.problems)
    result = FileResult(
        str(path),
        loaded.assessment,
        warnings=loaded.warnings,
        text=loaded.text,
        positions=loaded.positions,
    )
    result.evaluation = assess(bank, loaded.assessment, today)
    if loaded.assessment.metadata.status is Status.COMPLETE and not result.evaluation.complete:
        missing = sum(1 for g in result.evaluation.gaps if g.kind == "unanswered" and g.required)
        result.warnings.append(
            Problem(str(path), f"status is complete but {missing} required question(s) unanswered")
        )
    result.warnings.extend(_placeholders(path, loaded.assessment, loaded.text))
    return result


def _placeholders(path: Path, assessment: Assessment, text: str) -> list[Problem]:
    """Metadata a skeleton left to fill in: the file is a valid draft, but not finished."""
    names = assessment.metadata.placeholders
    if not names:
        return []
    from hria.files.yamlio import Locator

    locator = Locator(text)
    found = []
    for name in names:
        line, column, where = locator.find(["metadata", name])
        message = f"still {PLACEHOLDER}: replace it, or run `hria resume` to be asked"
        found.append(Problem(str(path), message, line=line, column=column, where=where))
    return found


def counted(result: FileResult, fail_on: Severity | None) -> list[Flag]:
    """The flags of a valid file that reach `fail_on` (none when `fail_on` is None)."""
    if fail_on is None or result.evaluation is None:
        return []
    return [f for f in result.evaluation.flags if f.severity.rank >= fail_on.rank]


def fails(result: FileResult, fail_on: Severity | None, strict: bool) -> bool:
    """Whether a valid file makes the run exit 1: a flag reaches `fail_on`, or, under
    `strict`, the assessment is incomplete."""
    return bool(counted(result, fail_on)) or (strict and not is_complete(result))


def unconfirmed(result: FileResult) -> list[str]:
    """Answers carried over from an earlier assessment, applicable and not yet confirmed."""
    if result.assessment is None or result.evaluation is None:
        return []
    hidden = set(result.evaluation.hidden_answers)
    return [q for q in result.assessment.carried if q not in hidden]


def exit_code(results: Iterable[FileResult], fail_on: Severity | None, strict: bool) -> ExitCode:
    tally = Tally(fail_on, strict)
    for result in results:
        tally.add(result)
    return tally.exit_code()


def is_complete(result: FileResult) -> bool:
    """Complete means every required applicable question answered and the file says so,
    with no metadata left to fill in and no carried-over answer left to confirm; a screening is
    never a complete assessment, however complete the screen."""
    return (
        result.evaluation is not None
        and result.evaluation.complete
        and result.assessment is not None
        and result.assessment.metadata.status is Status.COMPLETE
        and result.assessment.metadata.scope is Scope.FULL
        and not result.assessment.metadata.placeholders
        and not unconfirmed(result)
    )
