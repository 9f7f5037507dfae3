"""Why a typed answer is refused, in the interface's language. The domain says it in English
(`value_problem`); in another language the interview says it again in that language, with
numbers and dates written as that language writes them ("2.000.000", "31/12/2026")."""

from __future__ import annotations

from typing import Any

from hria.domain.answers import value_problem
from hria.i18n import _, active
from hria.lang import ENGLISH
from hria.models.assessment import UNKNOWN
from hria.models.bank import DateQuestion, MultipleChoiceQuestion, NumberQuestion, Question


def answer_problem(question: Question, value: Any) -> str | None:
    """Why `value` does not answer `question`, or None; in English exactly as the domain
    says it."""
    problem = value_problem(question, value)
    if problem is None or active() == ENGLISH:
        return problem
    return _translated(question, value, problem)


def _translated(question: Question, value: Any, problem: str) -> str:
    if value == UNKNOWN:
        return _("this question cannot be answered 'unknown'")
    if isinstance(question, NumberQuestion):
        return _number(question, value)
    if isinstance(question, DateQuestion):
        return _("expected a date as YYYY-MM-DD or as this language writes it (or unknown)")
    if isinstance(question, MultipleChoiceQuestion) and isinstance(value, list):
        if len(value) < question.min_selected:
            return _("select at least %(count)s") % {"count": question.min_selected}
        return _("these choices cannot be combined")
    if question.kind == "text":
        return _("expected non-empty text (or unknown)")
    return _(problem)


def _number(question: NumberQuestion, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _("expected a number as this language writes it (or unknown)")
    if question.integer and isinstance(value, float) and not value.is_integer():
        return _("expected a whole number as this language writes it")
    if question.minimum is not None and value < question.minimum:
        return _("must be at least %(number)s") % {"number": written(question.minimum)}
    if question.maximum is not None and value > question.maximum:
        return _("must be at most %(number)s") % {"number": written(question.maximum)}
    return _("expected a finite number")


def written(number: float) -> str:
    """A number as the interface's language writes it ("2.000.000", "2,5" in Spanish)."""
    from babel.numbers import format_decimal

    from hria.interview.reading import LOCALES

    plain: float | int = int(number) if float(number).is_integer() else number
    locale = LOCALES.get(active())
    return str(plain) if locale is None else format_decimal(plain, locale=locale)
