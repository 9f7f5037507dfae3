"""`hria check`: find files, validate, evaluate, and decide the exit code. No printing."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hria.check.discover import STDIN, Discovery, find
from hria.domain.engine import assess
from hria.errors import ExitCode, InvalidFileError, Problem
from hria.files.construct import Positions
from hria.files.store import load_assessment, load_text
from hria.i18n import _, ngettext
from hria.models.assessment import PLACEHOLDER, Assessment, Scope, Status
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Evaluation, Flag, Outcome

if TYPE_CHECKING:
    from hria.files.waivers import Waivers


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

    def worst(self, counted: bool = False) -> Severity | None:
        """The most serious flag; with `counted`, of those a waiver in force does not accept
        (the flags that count towards --fail-on)."""
        if self.evaluation is None:
            return None
        flags = [f for f in self.evaluation.flags if not (counted and f.accepted)]
        return max((f.severity for f in flags), key=lambda s: s.rank, default=None)


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
    paths: Iterable[Path],
    bank: Bank,
    today: dt.date,
    isolate: bool = True,
    discovery: Discovery | None = None,
    waivers: Waivers | None = None,
) -> Iterator[FileResult]:
    """One result per file, as each is checked, so that output can follow file by file and
    memory stays flat however many files there are. With `isolate`, a file whose check
    crashes gives a result that says so, and the other files are still checked. `-` is
    standard input, named `discovery.stdin_name`. `waivers` are those of a waivers file."""
    discovery = discovery or Discovery()
    with _few_collections():
        for given in paths:
            if str(given) == STDIN:
                yield from _stdin(bank, today, isolate, discovery, waivers)
                continue
            if not given.exists():
                yield FileResult(str(given), problems=[Problem(str(given), _("no such file"))])
                continue
            found = find(given, discovery)
            if not found and given.is_dir():
                message = _("no *.hria.yaml, *.hria.yml or *.hria.json files in this folder")
                yield FileResult(str(given), problems=[Problem(str(given), message)])
            for path in found:
                yield check_file(path, bank, today, isolate, waivers=waivers)


def _stdin(
    bank: Bank, today: dt.date, isolate: bool, discovery: Discovery, waivers: Waivers | None
) -> Iterator[FileResult]:
    """Standard input, checked as a file of its given name (YAML unless it ends in .json)."""
    from hria.check.discover import excluded
    from hria.files.reading import read_stdin

    name = Path(discovery.stdin_name)
    if discovery.force_exclude and excluded(name, discovery):
        return
    try:
        text = read_stdin(str(name))
    except InvalidFileError as exc:
        yield FileResult(str(name), problems=exc.problems)
        return
    yield check_file(name, bank, today, isolate, text, waivers)


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


def check_file(
    path: Path,
    bank: Bank,
    today: dt.date,
    isolate: bool = True,
    text: str | None = None,
    waivers: Waivers | None = None,
) -> FileResult:
    try:
        return _check_file(path, bank, today, text, waivers)
    except Exception as exc:
        if not isolate:
            raise
        return FileResult(str(path), internal=type(exc).__name__)


def _check_file(
    path: Path, bank: Bank, today: dt.date, text: str | None, waivers: Waivers | None
) -> FileResult:
    try:
        loaded = load_assessment(path, bank) if text is None else load_text(text, path, bank)
    except InvalidFileError as exc:
        return FileResult(str(path), problems=exc.problems)
    result = FileResult(
        str(path),
        loaded.assessment,
        warnings=loaded.warnings,
        text=loaded.text,
        positions=loaded.positions,
    )
    evaluation = assess(bank, loaded.assessment, today)
    if waivers is not None:  # marked after the verdict, which waivers never change
        evaluation = waivers.apply(bank, path, loaded.assessment, evaluation, today)
    result.evaluation = evaluation
    result.warnings.extend(_waiver_warnings(path, bank, loaded.assessment, result, today))
    if loaded.assessment.metadata.status is Status.COMPLETE and not result.evaluation.complete:
        missing = sum(1 for g in result.evaluation.gaps if g.kind == "unanswered" and g.required)
        text = ngettext(
            "status is complete but %(n)s required question(s) unanswered",
            "status is complete but %(n)s required question(s) unanswered",
            missing,
        )
        result.warnings.append(Problem(str(path), text % {"n": missing}))
    result.warnings.extend(_placeholders(path, loaded.assessment, loaded.text))
    return result


def _waiver_warnings(
    path: Path, bank: Bank, assessment: Assessment, result: FileResult, today: dt.date
) -> list[Problem]:
    """The file's own waivers that expired (their flags count again) or waive nothing."""
    if not assessment.waivers:
        return []
    from hria.domain.waivers import canonical
    from hria.files.waivers import expired
    from hria.files.yamlio import Locator

    assert result.evaluation is not None
    raised = {f.code for f in result.evaluation.flags}
    locator = Locator(result.text)
    found = []
    for index, waiver in enumerate(assessment.waivers):
        code = canonical(bank, waiver.rule)
        if not waiver.active(today):
            message, key = expired(bank, code, waiver.expires), "expires"
        elif code not in raised:
            message = _("the waiver of %(code)s accepts no flag: %(code)s is not raised") % {
                "code": code
            }
            key = "rule"
        else:
            continue
        line, column, where = locator.find(["waivers", index, key])
        found.append(Problem(str(path), message, line=line, column=column, where=where))
    return found


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
        message = _("still %(placeholder)s: replace it, or run `hria resume` to be asked") % {
            "placeholder": PLACEHOLDER
        }
        found.append(Problem(str(path), message, line=line, column=column, where=where))
    return found


def counted(result: FileResult, fail_on: Severity | None) -> list[Flag]:
    """The flags of a valid file that reach `fail_on` (none when `fail_on` is None), but for
    those a waiver in force accepts."""
    if fail_on is None or result.evaluation is None:
        return []
    return [
        f for f in result.evaluation.flags if f.severity.rank >= fail_on.rank and not f.accepted
    ]


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
