"""Answers and severities as a person reads them, in the language in force: the interview,
`check`, the listings, the report and the review all say them the same way."""

from __future__ import annotations

from hria.domain.flow import shown_value
from hria.i18n import _
from hria.models.assessment import Answer
from hria.models.bank import Question, YesNoQuestion
from hria.models.base import SEVERITY_NAMES, Severity


def answer_words(question: Question, answer: Answer | None) -> str:
    """Yes, no, unknown and no answer in words; choices by their labels (the bank's, already
    in its language); anything else as typed."""
    if answer is None:
        return _("(not answered)")
    if answer.is_unknown:
        return _("unknown")
    if isinstance(question, YesNoQuestion) and answer.value in ("yes", "no"):
        return _("Yes") if answer.value == "yes" else _("No")
    return shown_value(question, answer)


def severity_word(severity: Severity) -> str:
    """'red line', 'high'... ('línea roja', 'alta')."""
    return _(SEVERITY_NAMES[severity])
