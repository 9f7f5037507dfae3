"""Rules that look beyond single answers: evidence, the impact register, the action plan and
the review date. Each scope yields one hit per thing it finds."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from hria.domain.logic import normalise
from hria.domain.plan import actions_for, overdue
from hria.domain.profile import with_level
from hria.models.assessment import Answer, Assessment, ImpactStatus, Involvement, Status
from hria.models.bank import Bank, Question, YesNoQuestion
from hria.models.findings import Profile, Trigger


@dataclass(frozen=True)
class Hit:
    triggers: list[Trigger]
    gate: str | None = None  # overrides the rule's gate


@dataclass(frozen=True)
class Context:
    bank: Bank
    assessment: Assessment
    answers: dict[str, Answer]  # visible and answered
    today: dt.date
    profile: Profile | None = None
    #: question id -> codes of rules an 'unknown' answer to it left undecided, with no flag
    held: dict[str, list[str]] = field(default_factory=dict)

    @cached_property
    def conditions_answers(self) -> dict[str, Answer]:
        """The answers plus the derived `profile.level`, which rule conditions may test."""
        return with_level(self.answers, self.profile)

    @cached_property
    def unsubstantiated(self) -> list[str]:
        """Computed once: both a rule and the gaps need it."""
        return unsubstantiated(self.bank, self.answers)


def is_claim(question: Question, answer: Answer) -> bool:
    """An answer that asserts something evidence could back (see `evidence_for`)."""
    if answer.is_unknown:
        return False
    claims = question.evidence_for or (["yes"] if isinstance(question, YesNoQuestion) else None)
    if claims is None:
        return True  # text, number, date: any answer is a claim
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    return any(v in claims for v in values)


def unsubstantiated(bank: Bank, answers: dict[str, Answer]) -> list[str]:
    """Visible answers whose question expects evidence for them, and that cite none."""
    return [
        qid
        for qid, answer in answers.items()
        if bank.questions[qid].expects_evidence
        and is_claim(bank.questions[qid], answer)
        and not answer.evidence
    ]


def _claims(ctx: Context) -> Iterator[Hit]:
    """One finding listing every claim that cites no evidence: the problem and the fix (cite
    the documents) are the same for all of them."""
    triggers = [
        Trigger(ref=qid, value=normalise(ctx.answers[qid].value)) for qid in ctx.unsubstantiated
    ]
    if triggers:
        yield Hit(triggers)


def _severe_impacts(ctx: Context) -> Iterator[Hit]:
    for impact in ctx.assessment.impacts:
        if impact.severe and not actions_for(ctx.assessment, impact.id):
            yield Hit([Trigger(kind="impact", ref=impact.id, value=impact.right)])


def _unremedied(ctx: Context) -> Iterator[Hit]:
    causing = (Involvement.CAUSE, Involvement.CONTRIBUTE)
    for impact in ctx.assessment.impacts:
        harmed = impact.status is ImpactStatus.ACTUAL and impact.involvement in causing
        if harmed and not actions_for(ctx.assessment, impact.id):
            yield Hit([Trigger(kind="impact", ref=impact.id, value=impact.involvement.value)])


def _overdue(ctx: Context) -> Iterator[Hit]:
    for action in overdue(ctx.assessment, ctx.today):
        yield Hit([Trigger(kind="action", ref=action.id, value=action.due.isoformat())])


def _review_overdue(ctx: Context) -> Iterator[Hit]:
    review_by = ctx.assessment.metadata.review_by
    if review_by is not None and review_by < ctx.today:
        yield Hit([Trigger(kind="metadata", ref="review_by", value=review_by.isoformat())])


def _no_review_date(ctx: Context) -> Iterator[Hit]:
    metadata = ctx.assessment.metadata
    if metadata.review_by is None and metadata.status is Status.COMPLETE:
        yield Hit([Trigger(kind="metadata", ref="review_by", value=None)])


SCOPES: dict[str, Callable[[Context], Iterator[Hit]]] = {
    "each_claim_without_evidence": _claims,
    "each_severe_impact_without_action": _severe_impacts,
    "each_actual_impact_without_remedy": _unremedied,
    "each_overdue_action": _overdue,
    "review_overdue": _review_overdue,
    "no_review_date": _no_review_date,
}
