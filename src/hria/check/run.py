"""`hria check`: find files, validate, evaluate, and decide the exit code. No printing."""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hria.domain.engine import assess
from hria.errors import ExitCode, InvalidFileError, Problem
from hria.files.store import discover, load_assessment
from hria.models.assessment import Assessment, Status
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Evaluation


@dataclass
class FileResult:
    path: str
    assessment: Assessment | None = None
    evaluation: Evaluation | None = None
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    text: str = ""  # kept to locate flags in the file (GitHub annotations)

    @property
    def valid(self) -> bool:
        return self.evaluation is not None and not self.problems

    def worst(self) -> Severity | None:
        if self.evaluation is None or not self.evaluation.flags:
            return None
        return max((f.severity for f in self.evaluation.flags), key=lambda s: s.rank)


def check_paths(paths: Iterable[Path], bank: Bank, today: dt.date) -> list[FileResult]:
    with _few_collections():
        return _check_paths(paths, bank, today)


@contextlib.contextmanager
def _few_collections() -> Iterator[None]:
    """Results pile up file after file, and the cyclic garbage collector rescans them all
    each time it runs: a third of the time on a thousand files. Checking creates no cycles
    worth collecting promptly, so it runs less often here (measured in bench/)."""
    before = gc.get_threshold()
    gc.set_threshold(20_000, 50, 50)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _check_paths(paths: Iterable[Path], bank: Bank, today: dt.date) -> list[FileResult]:
    results: list[FileResult] = []
    for given in paths:
        if not given.exists():
            results.append(FileResult(str(given), problems=[Problem(str(given), "no such file")]))
            continue
        found = discover([given])
        if not found:
            message = "no *.hria.yaml, *.hria.yml or *.hria.json files in this folder"
            results.append(FileResult(str(given), problems=[Problem(str(given), message)]))
        results.extend(check_file(path, bank, today) for path in found)
    return results


def check_file(path: Path, bank: Bank, today: dt.date) -> FileResult:
    try:
        loaded = load_assessment(path, bank)
    except InvalidFileError as exc:
        return FileResult(str(path), problems=exc.problems)
    result = FileResult(str(path), loaded.assessment, warnings=loaded.warnings, text=loaded.text)
    result.evaluation = assess(bank, loaded.assessment, today)
    if loaded.assessment.metadata.status is Status.COMPLETE and not result.evaluation.complete:
        missing = sum(1 for g in result.evaluation.gaps if g.kind == "unanswered" and g.required)
        result.warnings.append(
            Problem(str(path), f"status is complete but {missing} required question(s) unanswered")
        )
    return result


def exit_code(results: list[FileResult], fail_on: Severity | None, strict: bool) -> ExitCode:
    """2 if any file is invalid; else 1 if a flag reaches `fail_on` (or, under --strict, a
    file is incomplete); else 0."""
    if any(not r.valid for r in results):
        return ExitCode.INPUT_ERROR
    for result in results:
        worst = result.worst()
        if fail_on is not None and worst is not None and worst.rank >= fail_on.rank:
            return ExitCode.FINDINGS
        if strict and result.evaluation is not None and not is_complete(result):
            return ExitCode.FINDINGS
    return ExitCode.OK


def is_complete(result: FileResult) -> bool:
    """Complete means every required applicable question answered and the file says so."""
    return (
        result.evaluation is not None
        and result.evaluation.complete
        and result.assessment is not None
        and result.assessment.metadata.status is Status.COMPLETE
    )
