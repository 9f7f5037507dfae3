"""What-if: the assessment as answered, and with a reviewer's challenged answers applied.

Pure: the assessment is never changed, only a copy evaluated. Flags are compared by rule code
and the impacts or actions they are about, so that a rule that fires once per impact is told
apart, and a flag whose severity moved is a change rather than one flag cleared and another
raised.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from hria.domain.digest import canonical_digest
from hria.domain.engine import assess
from hria.domain.reviews import Change, changed_since
from hria.models.assessment import Answer, Assessment
from hria.models.bank import Bank
from hria.models.findings import Evaluation, Flag
from hria.models.review import Review

FlagKey = tuple[str, tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class SeverityChange:
    before: Flag
    after: Flag


@dataclass(frozen=True)
class WhatIf:
    contested: list[str]  # question ids challenged, in the review's order
    as_answered: Evaluation
    challenged: Evaluation
    raised: list[Flag]  # flags the challenges raise
    cleared: list[Flag]  # flags the challenges clear
    moved: list[SeverityChange]  # flags whose severity the challenges change

    @property
    def verdict_changes(self) -> bool:
        return self.as_answered.verdict.outcome is not self.challenged.verdict.outcome


def apply_challenges(assessment: Assessment, review: Review) -> Assessment:
    """A copy of `assessment` with every challenged answer replaced by the reviewer's, which
    brings its own evidence and comment as note."""
    answers = dict(assessment.answers)
    for qid, challenge in review.challenged.items():
        answers[qid] = Answer(
            value=challenge.value, note=challenge.comment, evidence=list(challenge.evidence)
        )
    return assessment.model_copy(update={"answers": answers})


def flag_key(flag: Flag) -> FlagKey:
    about = tuple(sorted((t.kind, t.ref) for t in flag.triggers if t.kind in ("impact", "action")))
    return flag.code, about


def what_if(bank: Bank, assessment: Assessment, review: Review, today: dt.date) -> WhatIf:
    before = assess(bank, assessment, today)
    after = assess(bank, apply_challenges(assessment, review), today)
    old = {flag_key(f): f for f in before.flags}
    new = {flag_key(f): f for f in after.flags}
    moved = [
        SeverityChange(old[k], new[k])
        for k in old
        if k in new and old[k].severity is not new[k].severity
    ]
    return WhatIf(
        contested=list(review.challenged),
        as_answered=before,
        challenged=after,
        raised=[f for k, f in new.items() if k not in old],
        cleared=[f for k, f in old.items() if k not in new],
        moved=moved,
    )


@dataclass(frozen=True)
class Contest:
    """A review read against its assessment: the what-if, and what changed since the review."""

    review: Review
    what_if: WhatIf
    stale: bool  # the assessment's hash differs from the one the review recorded
    changes: list[Change]  # the answers the review saw that changed since


def contest(bank: Bank, assessment: Assessment, review: Review, today: dt.date) -> Contest:
    stale = canonical_digest(assessment) != review.assessment.sha256
    changes = changed_since(review, assessment) if stale else []
    return Contest(review, what_if(bank, assessment, review, today), stale, changes)
