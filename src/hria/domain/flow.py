"""Pure questionnaire logic for the interview: order, resume point, reviews, new flags."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from hria.domain.engine import scope
from hria.models.assessment import Answer, Assessment
from hria.models.bank import Bank, ChoiceQuestion, Question, YesNoQuestion
from hria.models.findings import Evaluation, Flag


def visible(bank: Bank, answers: Mapping[str, Answer]) -> list[str]:
    """The questions that apply under these answers, in bank order."""
    return scope(bank, answers).visible


def first_unanswered(bank: Bank, answers: Mapping[str, Answer]) -> int | None:
    """Index (into `visible`) of the first visible question without an answer."""
    order = visible(bank, answers)
    return next((i for i, qid in enumerate(order) if qid not in answers), None)


def section_rows(bank: Bank, answers: Mapping[str, Answer], section_id: str) -> list[str]:
    """The visible questions of one section."""
    return [q for q in visible(bank, answers) if bank.section_of[q].id == section_id]


def with_answer(assessment: Assessment, qid: str, answer: Answer, today: dt.date) -> Assessment:
    answers = dict(assessment.answers)
    answers[qid] = answer
    metadata = assessment.metadata.model_copy(update={"updated": today})
    return assessment.model_copy(update={"answers": answers, "metadata": metadata})


def new_flags(before: Evaluation | None, after: Evaluation) -> list[Flag]:
    """Flags present now that were not before (by code, severity and triggers)."""

    def key(flag: Flag) -> tuple[str, str, tuple[str, ...]]:
        return (flag.code, flag.severity.value, tuple(t.ref for t in flag.triggers))

    seen = {key(f) for f in before.flags} if before else set()
    return [f for f in after.flags if key(f) not in seen]


def shown_value(question: Question, answer: Answer | None) -> str:
    """An answer as a person reads it: labels for choices, 'unknown', or the text."""
    if answer is None:
        return "(not answered)"
    if answer.is_unknown:
        return "unknown"
    value: Any = answer.value
    if isinstance(question, YesNoQuestion) and isinstance(value, str):
        return value.capitalize()
    if isinstance(question, ChoiceQuestion):
        labels = {c.value: c.label for c in question.choices}
        values = value if isinstance(value, list) else [value]
        return "; ".join(labels.get(v, str(v)) for v in values)
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)
