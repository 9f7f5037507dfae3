"""Reading and writing review files (`NAME.review.hria.yaml`), and pairing a review with the
assessment it reviews. Every problem is reported with its file:line:column."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hria.domain.answers import Loc
from hria.domain.reviews import check_bank, check_review
from hria.errors import InvalidFileError, Problem
from hria.files.fsutil import atomic_write
from hria.files.limits import ASSESSMENT
from hria.files.reading import read_text
from hria.files.store import dump_model
from hria.files.validation import dedupe, problems_from
from hria.files.yamlio import Locator, parse
from hria.i18n import _
from hria.models.assessment import Assessment
from hria.models.bank import Bank
from hria.models.review import REVIEW_SCHEMA_VERSION, REVIEW_SUFFIX, Review

KIND = "review file"
_ASSESSMENT_SUFFIXES = (".hria.yaml", ".hria.yml", ".hria.json")


@dataclass
class LoadedReview:
    path: Path
    review: Review
    text: str


def review_path_for(assessment: Path) -> Path:
    """`NAME.hria.yaml` (or .yml, .json) → `NAME.review.hria.yaml` beside it."""
    name = assessment.name
    for suffix in _ASSESSMENT_SUFFIXES:
        if name.endswith(suffix):
            return assessment.with_name(name[: -len(suffix)] + REVIEW_SUFFIX)
    return assessment.with_name(name + REVIEW_SUFFIX)


def relative_path(assessment: Path, review: Path) -> str:
    """The assessment's path as a review records it: relative to the review's folder."""
    return Path(os.path.relpath(assessment.resolve(), review.resolve().parent)).as_posix()


def load_review(path: Path, bank: Bank) -> LoadedReview:
    """Parse and validate a review against the model and the bank; report every problem."""
    name = str(path)
    text = read_text(path, KIND)
    data = parse(text, name, KIND, limits=ASSESSMENT)
    locator = Locator(text)
    _check_version(data, name, locator)
    try:
        review = Review.model_validate(data)
    except ValidationError as exc:
        raise InvalidFileError(problems_from(exc, name, locator), KIND) from None
    problems = located(name, locator, check_review(bank, review))
    if problems:
        raise InvalidFileError(problems, KIND)
    return LoadedReview(path, review, text)


def _check_version(data: Any, name: str, locator: Locator) -> None:
    if not isinstance(data, dict):
        line, column, _where = locator.find([])
        top = _("expected a mapping at the top of the file")
        raise InvalidFileError([Problem(name, top, line=line, column=column)], KIND)
    if "review_schema_version" in data:
        return
    message = _("review_schema_version is missing (this hria writes {supported})").format(
        supported=REVIEW_SCHEMA_VERSION
    )
    if "schema_version" in data:
        message = _("this is an assessment file, not a review")
    raise InvalidFileError([Problem(name, message, line=1, column=1)], KIND)


def open_review(
    path: Path, bank: Bank, assessment_path: Path, assessment: Assessment
) -> LoadedReview:
    """Load a review and refuse it unless it reviews this assessment, of this bank."""
    loaded = load_review(path, bank)
    pair(loaded, assessment_path, assessment)
    return loaded


def pair(loaded: LoadedReview, assessment_path: Path, assessment: Assessment) -> None:
    """Refuse a review of another assessment file, or of another bank (exit 2)."""
    locator = Locator(loaded.text)
    name = str(loaded.path)
    found: list[tuple[Loc, str]] = list(check_bank(loaded.review, assessment))
    recorded = loaded.review.assessment.path
    if not _same_file(loaded.path, recorded, assessment_path):
        message = _(
            "this review is of '{recorded}', not of '{name}'; "
            "review that file with `hria review {path}`"
        ).format(recorded=recorded, name=assessment_path.name, path=assessment_path)
        found.insert(0, (("assessment", "path"), message))
    problems = located(name, locator, found)
    if problems:
        raise InvalidFileError(problems, KIND)


def _same_file(review: Path, recorded: str, assessment: Path) -> bool:
    """The file the review names, found from the review's folder, or a file of that name
    (both files moved together, or the review copied elsewhere)."""
    named = review.resolve().parent / recorded
    if named.exists() and assessment.exists() and named.resolve() == assessment.resolve():
        return True
    return Path(recorded).name == assessment.name


def located(name: str, locator: Locator, found: Iterable[tuple[Loc, str]]) -> list[Problem]:
    problems = []
    for loc, message in found:
        line, column, where = locator.find(loc)
        problems.append(Problem(name, message, line=line, column=column, where=where))
    return dedupe(problems)


def dump_review(review: Review, path: Path, previous_text: str | None = None) -> str:
    return dump_model(review, path, previous_text)


def save_review(review: Review, path: Path, previous_text: str | None = None) -> str:
    """Write atomically, owner-only, keeping the comments of `previous_text`."""
    text = dump_review(review, path, previous_text)
    atomic_write(path, text)
    return text
