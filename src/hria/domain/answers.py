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
    """(location, message) for every answer that does not fit the bank. An answer is None
    when it did not validate (the model reports why): only its id is checked then."""
    for qid, answer in answers.items():
        question = bank.questions.get(qid)
        if question is None:
            yield ("answers", qid), _unknown_id(bank, qid)
            continue
        message = None if answer is None else value_problem(question, answer.value)
        if message:
            yield ("answers", qid, "value"), message


def _unknown_id(bank: Bank, qid: str) -> str:
    close = difflib.get_close_matches(qid, list(bank.questions), n=1, cutoff=0.75)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return f"unknown question id (not in bank {bank.id} {bank.version}){hint}"


def value_problem(question: Question, value: Any) -> str | None:
    """Why `value` is not a valid answer to `question`, or None."""
    if value == UNKNOWN:
        return None if question.allow_unknown else "this question cannot be answered 'unknown'"
    if isinstance(question, YesNoQuestion):
        return None if value in ("yes", "no") else "expected yes, no or unknown"
    if isinstance(question, SingleChoiceQuestion):
        if isinstance(value, str) and value in question.values:
            return None
        return f"expected one of: {', '.join(question.values)} (or unknown)"
    if isinstance(question, MultipleChoiceQuestion):
        return _multiple(question, value)
    if isinstance(question, NumberQuestion):
        return _number(question, value)
    if isinstance(question, DateQuestion):
        return None if _is_date(value) else "expected a date as YYYY-MM-DD (or unknown)"
    assert isinstance(question, TextQuestion)
    if isinstance(value, str) and value.strip():
        return None
    return "expected non-empty text (or unknown)"


def _multiple(question: MultipleChoiceQuestion, value: Any) -> str | None:
    offered = ", ".join(question.values)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return f"expected a list of values from: {offered} (or unknown)"
    wrong = [v for v in value if v not in question.values]
    if wrong:
        return f"{len(wrong)} value(s) not offered; choose from: {offered}"
    if len(set(value)) != len(value):
        return "a value is listed twice"
    if len(value) < question.min_selected:
        return f"select at least {question.min_selected}"
    exclusive = [c.value for c in question.choices if c.exclusive and c.value in value]
    if exclusive and len(value) > 1:
        return f"'{exclusive[0]}' cannot be combined with other values"
    return None


def _number(question: NumberQuestion, value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "expected a number (or unknown)"
    if isinstance(value, float) and not math.isfinite(value):
        return "expected a finite number"
    if question.integer and isinstance(value, float) and not value.is_integer():
        return "expected a whole number"
    if question.minimum is not None and value < question.minimum:
        return f"must be at least {question.minimum:g}"
    if question.maximum is not None and value > question.maximum:
        return f"must be at most {question.maximum:g}"
    return None


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
