"""Evaluation of conditions against answers, with two kinds of "cannot say".

UNKNOWN: an answer of 'unknown' leaves a comparison undecided. MISSING: the question has no
answer in play (unanswered, or hidden by its `when`). They differ on purpose: not knowing a
fact is a finding and can raise a flag; a fact that was never asked cannot.

In `all`, FALSE wins, then MISSING, then UNKNOWN; in `any`, TRUE wins, then UNKNOWN, then
MISSING. `cause` names the questions that decided the result.
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from hria.models.assessment import Answer
from hria.models.conditions import AllOf, AnyOf, Condition, Leaf, NotOf


class Tri(Enum):
    TRUE = "true"
    FALSE = "false"
    UNKNOWN = "unknown"
    MISSING = "missing"


@dataclass(frozen=True, slots=True)
class Result:
    value: Tri
    cause: frozenset[str]
    #: questions that decided a TRUE only by what they are not (under a `not`): shown as
    #: triggers only when nothing else triggered
    weak: frozenset[str] = frozenset()

    def triggers(self) -> frozenset[str]:
        return self.cause or self.weak


_NOT = {
    Tri.TRUE: Tri.FALSE,
    Tri.FALSE: Tri.TRUE,
    Tri.UNKNOWN: Tri.UNKNOWN,
    Tri.MISSING: Tri.MISSING,
}
_ALL = (Tri.FALSE, Tri.MISSING, Tri.UNKNOWN)
_ANY = (Tri.TRUE, Tri.UNKNOWN, Tri.MISSING)


def evaluate(condition: Condition, answers: Mapping[str, Answer]) -> Result:
    """Kleene logic over the tree; `answers` holds only answers that are in scope."""
    if isinstance(condition, Leaf):
        return _leaf(condition, answers.get(condition.question))
    if isinstance(condition, NotOf):
        inner = evaluate(condition.not_, answers)
        if inner.value is Tri.FALSE:
            return Result(Tri.TRUE, frozenset(), inner.cause | inner.weak)
        return Result(_NOT[inner.value], inner.cause, inner.weak)
    if isinstance(condition, AllOf):
        return _combine([evaluate(c, answers) for c in condition.all], _ALL, Tri.TRUE)
    assert isinstance(condition, AnyOf)
    return _combine([evaluate(c, answers) for c in condition.any], _ANY, Tri.FALSE)


def _combine(results: list[Result], precedence: tuple[Tri, ...], otherwise: Tri) -> Result:
    """The first value in `precedence` that any child has wins; else `otherwise`."""
    for wanted in precedence:
        hits = [r for r in results if r.value is wanted]
        if hits:
            return _merged(wanted, hits)
    return _merged(otherwise, results)


def _merged(value: Tri, results: list[Result]) -> Result:
    cause = frozenset().union(*(r.cause for r in results))
    return Result(value, cause, frozenset().union(*(r.weak for r in results)))


def _leaf(leaf: Leaf, answer: Answer | None) -> Result:
    return Result(_leaf_value(leaf, answer), frozenset({leaf.question}))


def _leaf_value(leaf: Leaf, answer: Answer | None) -> Tri:
    op = leaf.operator
    if op == "answered":
        return _tri((answer is not None) == leaf.operand)
    if answer is None:
        return Tri.MISSING
    if op == "is_unknown":
        return _tri(answer.is_unknown == leaf.operand)
    if op == "has_evidence":
        return _tri(bool(answer.evidence) == leaf.operand)
    if answer.is_unknown:
        return Tri.UNKNOWN
    return _tri(_COMPARE[op](leaf.operand, normalise(answer.value)))


def _ordered(compare: Callable[[float, float], bool]) -> Callable[[float, Any], bool]:
    """gt, gte, lt, lte: a number compared with the operand; anything else never matches."""

    def test(operand: float, value: Any) -> bool:
        is_number = isinstance(value, int | float) and not isinstance(value, bool)
        return is_number and compare(float(value), operand)

    return test


def _includes_any(operand: list[str], value: Any) -> bool:
    return isinstance(value, list) and any(v in value for v in operand)


# operand, value -> whether the comparison holds (value is never 'unknown' here)
_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "equals": lambda operand, value: bool(value == operand),
    "in": lambda operand, value: value in operand,
    "includes": lambda operand, value: isinstance(value, list) and operand in value,
    "includes_any": _includes_any,
    "gt": _ordered(operator.gt),
    "gte": _ordered(operator.ge),
    "lt": _ordered(operator.lt),
    "lte": _ordered(operator.le),
}


def normalise(value: Any) -> Any:
    """Dates compare as ISO strings whether YAML made them dates or JSON left them text."""
    return value.isoformat() if isinstance(value, dt.date) else value


def _tri(flag: bool) -> Tri:
    return Tri.TRUE if flag else Tri.FALSE
