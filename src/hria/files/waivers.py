"""A waivers file: accepted risks kept apart from the assessments, named by `waivers` in the
configuration. Read and checked against the bank like an assessment file, once per run."""

from __future__ import annotations

import datetime as dt
import fnmatch
import os
import warnings
from dataclasses import dataclass, replace
from pathlib import Path

from pydantic import ValidationError

from hria.domain.waivers import Accepted, canonical, check_waivers, waive
from hria.errors import HriaWarning, InvalidFileError, Problem
from hria.files.limits import ASSESSMENT
from hria.files.reading import read_text
from hria.files.validation import dedupe, problems_from
from hria.files.yamlio import Locator, parse
from hria.models.assessment import Assessment, SharedWaiver, WaiversFile
from hria.models.bank import Bank
from hria.models.findings import Evaluation

KIND = "waivers file"


@dataclass(frozen=True)
class Waivers:
    """The waivers of one waivers file."""

    path: Path
    waivers: list[SharedWaiver]

    def for_file(self, checked: Path) -> list[Accepted]:
        """The waivers that hold for one assessment file."""
        return [
            Accepted(waiver, str(self.path))
            for waiver in self.waivers
            if not waiver.files or self._names(waiver, checked)
        ]

    def apply(
        self,
        bank: Bank,
        checked: Path,
        assessment: Assessment,
        evaluation: Evaluation,
        today: dt.date,
    ) -> Evaluation:
        """The evaluation with the flags accepted by these waivers and the file's own marked.
        The verdict stays as it is: a waiver accepts a risk, it does not remove it."""
        shared = self.for_file(checked)
        if not shared:
            return evaluation
        own = [Accepted(w) for w in assessment.waivers]
        flags = [replace(f, waived=None) for f in evaluation.flags]
        return replace(evaluation, flags=waive(bank, flags, [*own, *shared], today))

    def _names(self, waiver: SharedWaiver, checked: Path) -> bool:
        folder = os.path.abspath(self.path.parent)  # noqa: PTH100 (as written, links kept)
        target = os.path.relpath(os.path.abspath(checked), folder)  # noqa: PTH100
        text = Path(target).as_posix()
        return any(fnmatch.fnmatchcase(text, pattern) for pattern in waiver.files)


def load_waivers(path: Path, bank: Bank, today: dt.date) -> Waivers:
    """Parse and check a waivers file; every problem is located. An expired waiver is said
    once, here: its flags count again."""
    name = str(path)
    text = read_text(path, kind=KIND)
    data = parse(text, name, kind=KIND, limits=ASSESSMENT)
    locator = Locator(text)
    try:
        document = WaiversFile.model_validate(data)
    except ValidationError as exc:
        raise InvalidFileError(dedupe(problems_from(exc, name, locator)), KIND) from None
    found = []
    for loc, message in check_waivers(bank, document.waivers):
        line, column, where = locator.find(loc)
        found.append(Problem(name, message, line=line, column=column, where=where))
    if found:
        raise InvalidFileError(found, KIND)
    for index, waiver in enumerate(document.waivers):
        line, column, where = locator.find(("waivers", index, "expires"))
        if not waiver.active(today):
            problem = Problem(name, expired(bank, waiver.rule, waiver.expires), line, column, where)
            warnings.warn(str(problem), HriaWarning, stacklevel=2)
    return Waivers(path, document.waivers)


def expired(bank: Bank, code: str, day: dt.date) -> str:
    from hria.i18n import translator

    _ = translator(bank.lang)
    text = _("the waiver of %(code)s expired on %(date)s: its flags count again")
    return text % {"code": canonical(bank, code), "date": day.isoformat()}
