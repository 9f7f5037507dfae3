"""Why a typed answer is refused, in the interface's language. The reasons are the domain's
(`problem_said`); in another language the interview says the ones about typing with an
example in the language's own way of writing numbers and dates ("2.000.000", "31/12/2026"),
and writes the numbers in them that way too."""

from __future__ import annotations

from typing import Any

from hria.domain.answers import problem_said
from hria.i18n import N_, _, active
from hria.lang import ENGLISH
from hria.models.bank import Question

#: The domain's reasons about typing, and how the interview says each outside English.
TYPED = {
    "expected a number (or unknown)": N_(
        "expected a number as this language writes it (or unknown)"
    ),
    "expected a whole number": N_("expected a whole number as this language writes it"),
    "expected a date as YYYY-MM-DD (or unknown)": N_(
        "expected a date as YYYY-MM-DD or as this language writes it (or unknown)"
    ),
}


def answer_problem(question: Question, value: Any) -> str | None:
    """Why `value` does not answer `question`, or None; in English as the domain says it."""
    said = problem_said(question, value)
    if said is None:
        return None
    text, values = said
    if active() != ENGLISH:
        text = TYPED.get(text, text)
        values = {k: written(v) if isinstance(v, int | float) else v for k, v in values.items()}
    return _(text) % values


def written(number: float) -> str:
    """A number as the interface's language writes it ("2.000.000", "2,5" in Spanish)."""
    from babel.numbers import format_decimal

    from hria.interview.reading import LOCALES

    locale = LOCALES.get(active())
    return str(number) if locale is None else format_decimal(number, locale=locale)
