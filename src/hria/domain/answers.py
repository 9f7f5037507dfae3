"""Checks answer values against the bank: known ids, the right kind, offered choices.

Works on answers validated one by one, so that every problem in a file is found in one pass
even when other parts of the file are invalid. Messages never repeat the value that was given.
"""

from __future__ import annotations

import datetime as dt
import difflib
import math
from collections.abc import Iterator, Mapping
from typing import Any

from hria.i18n import N_, translator
from hria.lang import ENGLISH
from hria.models.assessment import UNKNOWN, Answer
from hria.models.bank import (
    Bank,
    DateQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

Loc = tuple[str | int, ...]


def check_answers(bank: Bank, answers: Mapping[str, Answer | None]) -> Iterator[tuple[Loc, str]]:
    """(location, message) for every answer that does not fit the bank, in the bank's
    language. An answer is None when it did not validate (the model reports why): only its
    id is checked then."""
    for qid, answer in answers.items():
        question = bank.questions.get(qid)
        if question is None:
            yield ("answers", qid), _unknown_id(bank, qid)
            continue
        message = None if answer is None else value_problem(question, answer.value, bank.lang)
        if message:
            yield ("answers", qid, "value"), message


def _unknown_id(bank: Bank, qid: str) -> str:
    _ = translator(bank.lang)
    close = difflib.get_close_matches(qid, list(bank.questions), n=1, cutoff=0.75)
    hint = _("; did you mean '%(name)s'?") % {"name": close[0]} if close else ""
    text = _("unknown question id (not in bank %(bank)s %(version)s)")
    return text % {"bank": bank.id, "version": bank.version} + hint


def value_problem(question: Question, value: Any, lang: str = ENGLISH) -> str | None:
    """Why `value` is not a valid answer to `question` (said in `lang`), or None."""
    problem = problem_said(question, value)
    if problem is None:
        return None
    text, values = problem
    return translator(lang)(text) % values


Said = tuple[str, dict[str, Any]] | None  # a marked text and its placeholders' values


def problem_said(question: Question, value: Any) -> Said:
    """Why `value` does not answer `question`: the marked text and its values, or None."""
    if value == UNKNOWN:
        return (
            None
            if question.allow_unknown
            else (N_("this question cannot be answered 'unknown'"), {})
        )
    if isinstance(question, YesNoQuestion):
        return None if value in ("yes", "no") else (N_("expected yes, no or unknown"), {})
    if isinstance(question, SingleChoiceQuestion):
        if isinstance(value, str) and value in question.values:
            return None
        return N_("expected one of: %(values)s (or unknown)"), {
            "values": ", ".join(question.values)
        }
    if isinstance(question, MultipleChoiceQuestion):
        return _multiple(question, value)
    if isinstance(question, NumberQuestion):
        return _number(question, value)
    if isinstance(question, DateQuestion):
        return None if _is_date(value) else (N_("expected a date as YYYY-MM-DD (or unknown)"), {})
    assert isinstance(question, TextQuestion)
    if isinstance(value, str) and value.strip():
        return None
    return N_("expected non-empty text (or unknown)"), {}


def _multiple(question: MultipleChoiceQuestion, value: Any) -> Said:
    offered = {"values": ", ".join(question.values)}
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return N_("expected a list of values from: %(values)s (or unknown)"), offered
    wrong = [v for v in value if v not in question.values]
    if wrong:
        return N_("%(n)s value(s) not offered; choose from: %(values)s"), offered | {
            "n": len(wrong)
        }
    if len(set(value)) != len(value):
        return N_("a value is listed twice"), {}
    if len(value) < question.min_selected:
        return N_("select at least %(n)s"), {"n": question.min_selected}
    exclusive = [c.value for c in question.choices if c.exclusive and c.value in value]
    if exclusive and len(value) > 1:
        return N_("'%(value)s' cannot be combined with other values"), {"value": exclusive[0]}
    return None


def _number(question: NumberQuestion, value: Any) -> Said:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return N_("expected a number (or unknown)"), {}
    if isinstance(value, float) and not math.isfinite(value):
        return N_("expected a finite number"), {}
    if question.integer and isinstance(value, float) and not value.is_integer():
        return N_("expected a whole number"), {}
    if question.minimum is not None and value < question.minimum:
        return N_("must be at least %(n)s"), {"n": plain_number(question.minimum)}
    if question.maximum is not None and value > question.maximum:
        return N_("must be at most %(n)s"), {"n": plain_number(question.maximum)}
    return None


def plain_number(number: float) -> int | float:
    """2500000.0 as 2500000, so that it prints as a person writes it."""
    return int(number) if float(number).is_integer() else number


def _is_date(value: Any) -> bool:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return True
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10
