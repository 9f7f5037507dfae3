"""`hria summary`: one row per assessment of a portfolio, checked as `hria check` checks it.
No printing: rows in, rows out; the renderers are in hria.audit.summaryview."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from hria.check.discover import Discovery, find
from hria.check.run import FileResult, _few_collections, check_file
from hria.domain.diff import OUTCOME_RANK
from hria.domain.plan import overdue
from hria.errors import ExitCode, Problem
from hria.i18n import _
from hria.models.assessment import Assessment
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Evaluation, Outcome

#: Where the bundled bank records the supplier, for files without `metadata.vendor`.
VENDOR_QUESTION = "vendor.company"
EMPTY_FOLDER = "no *.hria.yaml, *.hria.yml or *.hria.json files in this folder"
COUNTED = (Severity.RED_LINE, Severity.HIGH, Severity.MEDIUM, Severity.LOW)


@dataclass(frozen=True)
class ReviewFacts:
    """What a portfolio shows of the review beside an assessment."""

    path: Path | None = None  # the review file, when there is one
    contested: int = 0  # answers the reviewer challenged
    last_review: dt.date | None = None  # the date of its sign-off


def review_facts(path: Path, bank: Bank) -> ReviewFacts:
    """The review of the assessment at `path`, if one sits beside it: how many answers it
    challenges and the date of its sign-off. A review that does not validate is named only
    (`hria check --review` says what is wrong with it)."""
    from hria.errors import HriaError
    from hria.files.reviews import load_review, review_path_for
    from hria.models.review import AnswerVerdict

    found = review_path_for(path)
    if not found.is_file():
        return ReviewFacts()
    try:
        review = load_review(found, bank).review
    except HriaError:
        return ReviewFacts(path=found)
    challenged = [a for a in review.answers.values() if a.verdict is AnswerVerdict.CHALLENGED]
    signed = review.signed.date if review.signed else None
    return ReviewFacts(path=found, contested=len(challenged), last_review=signed)


@dataclass(frozen=True)
class Row:
    path: str
    title: str = ""
    organisation: str = ""
    vendor: str | None = None
    outcome: Outcome | None = None  # None: the file is invalid
    verdict: str = ""
    provisional: bool = False
    level: int | None = None
    level_name: str | None = None
    counts: dict[Severity, int] = field(default_factory=dict)
    review_by: dt.date | None = None
    review_overdue: bool = False
    overdue_actions: int = 0
    review: ReviewFacts = field(default_factory=ReviewFacts)
    problems: list[Problem] = field(default_factory=list)
    internal: str | None = None


def assessment_paths(paths: Iterable[Path]) -> Iterator[Path | Problem]:
    """Files as `hria check` finds them (a walk leaves out the review files beside the
    assessments); a missing path or an empty folder is a problem."""
    for given in paths:
        if not given.exists():
            yield Problem(str(given), _("no such file"))
            continue
        found = list(find(given, Discovery()))
        if not found:
            yield Problem(
                str(given), "no *.hria.yaml, *.hria.yml or *.hria.json files in this folder"
            )
        yield from found


def rows(
    paths: Iterable[Path],
    bank: Bank,
    today: dt.date,
    reviews: Callable[[Path], ReviewFacts] | None = None,
    isolate: bool = True,
) -> Iterator[Row]:
    """One row per assessment, as each is checked (with the collector tuned as for check)."""
    if reviews is None:

        def reviews(path: Path) -> ReviewFacts:
            return review_facts(path, bank)

    with _few_collections():
        for item in assessment_paths(paths):
            if isinstance(item, Problem):
                yield Row(item.path, problems=[item])
                continue
            yield row_of(check_file(item, bank, today, isolate), reviews(item), today)


def row_of(result: FileResult, review: ReviewFacts, today: dt.date) -> Row:
    assessment, evaluation = result.assessment, result.evaluation
    if not result.valid or assessment is None or evaluation is None:
        return Row(result.path, problems=result.problems, internal=result.internal)
    meta = assessment.metadata
    profile = evaluation.profile
    return Row(
        path=result.path,
        title=meta.title,
        organisation=meta.organisation,
        vendor=vendor_of(assessment, evaluation),
        outcome=evaluation.verdict.outcome,
        verdict=evaluation.verdict.text,
        provisional=evaluation.verdict.provisional,
        level=profile.level if profile else None,
        level_name=profile.name if profile else None,
        counts=counts_of(evaluation),
        review_by=meta.review_by,
        review_overdue=meta.review_by is not None and meta.review_by < today,
        overdue_actions=len(overdue(assessment, today)),
        review=review,
    )


def counts_of(evaluation: Evaluation) -> dict[Severity, int]:
    counts = Counter(f.severity for f in evaluation.flags)
    return {severity: counts[severity] for severity in COUNTED}


def vendor_of(assessment: Assessment, evaluation: Evaluation) -> str | None:
    """`metadata.vendor`, or else the first clause of the answer naming the companies
    ("Example Vision Ltd, which licenses ..." gives "Example Vision Ltd")."""
    if assessment.metadata.vendor:
        return assessment.metadata.vendor
    answer = assessment.answers.get(VENDOR_QUESTION)
    if answer is None or answer.is_unknown or VENDOR_QUESTION in evaluation.hidden_answers:
        return None
    if not isinstance(answer.value, str):
        return None
    first = " ".join(answer.value.split()).split(", ", 1)[0].split("; ", 1)[0]
    return first[:80] or None


SORTS: dict[str, Callable[[Row], tuple[object, ...]]] = {
    "path": lambda r: (r.path,),
    "verdict": lambda r: (
        -OUTCOME_RANK.get(r.outcome, -1) if r.outcome else 1,
        *(-r.counts.get(s, 0) for s in COUNTED),
        r.title.casefold(),
    ),
    "overdue": lambda r: (
        not r.review_overdue,
        -r.overdue_actions,
        r.review_by or dt.date.max,
        r.title.casefold(),
    ),
    "level": lambda r: (-(r.level or 0), r.title.casefold()),
    "flags": lambda r: (*(-r.counts.get(s, 0) for s in COUNTED), r.title.casefold()),
    "title": lambda r: (r.title.casefold(), r.path),
    "organisation": lambda r: (r.organisation.casefold(), r.title.casefold()),
    "vendor": lambda r: ((r.vendor or "\uffff").casefold(), r.title.casefold()),
    "review-by": lambda r: (r.review_by or dt.date.max, r.title.casefold()),
    "contested": lambda r: (-r.review.contested, r.title.casefold()),
    "last-review": lambda r: (r.review.last_review or dt.date.min, r.title.casefold()),
}


def ordered(found: list[Row], sort: str) -> list[Row]:
    """Sorted by `sort` (SORTS); invalid files last, in the order given."""
    valid = sorted((r for r in found if r.outcome is not None), key=SORTS[sort])
    return valid + [r for r in found if r.outcome is None]


def exit_code(found: list[Row]) -> ExitCode:
    """3 if checking a file crashed, 2 if a file is invalid or missing, else 0: a summary
    reports, it does not judge (use `hria check` to fail on flags)."""
    if any(r.internal for r in found):
        return ExitCode.INTERNAL_ERROR
    if any(r.outcome is None for r in found):
        return ExitCode.INPUT_ERROR
    return ExitCode.OK
