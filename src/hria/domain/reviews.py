"""A review against the bank and against the assessment it reviews. Pure: (location, message)
pairs for the files wing to locate, and what changed in the assessment since the review.

`changed_since` compares the answers a review saw with the file as it is now. It is the one
place that decides what "changed since the review" means, so a meaning-level comparison can
replace it without touching its callers.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from dataclasses import dataclass

from hria.domain.answers import Loc, check_answers
from hria.domain.digest import remarks_digest
from hria.models.assessment import Answer, Assessment
from hria.models.bank import Bank
from hria.models.review import Review


def check_review(bank: Bank, review: Review) -> Iterator[tuple[Loc, str]]:
    """Every part of a review that does not fit the bank: unknown question ids and rule codes
    (with a "did you mean"), challenged values of the wrong kind, and unknown gates."""
    challenged = {
        qid: Answer(value=r.value) if r.challenged else None for qid, r in review.answers.items()
    }
    yield from check_answers(bank, challenged)
    for code in review.flags:
        if code not in bank.rules_by_code:
            yield ("flags", code), f"unknown rule code{_hint(code, list(bank.rules_by_code))}"
    for index, missed in enumerate(review.missed):
        if missed.gate not in bank.gates_by_id:
            hint = _hint(missed.gate, list(bank.gates_by_id), 0.6)
            yield ("missed", index, "gate"), f"unknown gate{hint}"


def _hint(name: str, names: list[str], cutoff: float = 0.75) -> str:
    close = difflib.get_close_matches(name, names, n=1, cutoff=cutoff)
    return f"; did you mean '{close[0]}'?" if close else ""


def check_bank(review: Review, assessment: Assessment) -> Iterator[tuple[Loc, str]]:
    """A review of an assessment answered against another bank, or another version of it."""
    reviewed, answered = review.assessment.bank, assessment.metadata.bank
    if reviewed.id != answered.id:
        yield (
            ("assessment", "bank", "id"),
            f"this review is of an assessment of bank '{reviewed.id}', but the assessment "
            f"given answers '{answered.id}'",
        )
    elif reviewed.version != answered.version:
        yield (
            ("assessment", "bank", "version"),
            f"this review was made against {reviewed.id} {reviewed.version}, but the assessment "
            f"given answers {answered.version}: review it again",
        )


@dataclass(frozen=True)
class Change:
    question: str
    kind: str  # "value" | "remarks" (note or evidence) | "removed"

    @property
    def text(self) -> str:
        return {
            "value": "answer changed",
            "remarks": "note or evidence changed",
            "removed": "answer removed",
        }[self.kind]


def changed_since(review: Review, assessment: Assessment) -> list[Change]:
    """The answers the review saw that have changed in `assessment`, in the review's order.
    Answers reviewed without a record of what was seen (a hand-written review) are compared
    by nothing, so they never show as changed."""
    changes: list[Change] = []
    for qid, reviewed in review.answers.items():
        seen = reviewed.seen
        if seen is None:
            continue
        now = assessment.answers.get(qid)
        if now is None:
            changes.append(Change(qid, "removed"))
        elif not same_value(now.value, seen.value):
            changes.append(Change(qid, "value"))
        elif remarks_digest(now) != seen.digest:
            changes.append(Change(qid, "remarks"))
    return changes


def same_value(a: object, b: object) -> bool:
    """Equal as a file would hold them: a date and its ISO text are the same answer."""
    return _plain(a) == _plain(b)


def _plain(value: object) -> object:
    import datetime as dt

    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
