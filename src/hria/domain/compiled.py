"""Conditions compiled once into closures that give only the value `logic.evaluate` gives,
without collecting causes: the engine asks every rule's and every question's condition on
every evaluation, and most do not hold, so walking the pydantic tree each time dominated.

The tests compare the two over the whole bank. No eval: each node becomes a small Python
function built from the data."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from hria.domain.logic import _ALL, _ANY, _COMPARE, _NOT, Tri, normalise
from hria.models.assessment import Answer
from hria.models.conditions import AllOf, AnyOf, Condition, Leaf, NotOf

Truth = Callable[[Mapping[str, Answer]], Tri]
# id -> (condition, compiled): the condition is kept so its id is never reused while cached
_CACHE: dict[int, tuple[Condition, Truth]] = {}


def compiled(condition: Condition) -> Truth:
    """The compiled form of `condition`, built on first use."""
    entry = _CACHE.get(id(condition))
    if entry is None or entry[0] is not condition:
        entry = (condition, _compile(condition))
        _CACHE[id(condition)] = entry
    return entry[1]


def _compile(condition: Condition) -> Truth:
    if isinstance(condition, Leaf):
        return _leaf(condition)
    if isinstance(condition, NotOf):
        inner = _compile(condition.not_)
        return lambda answers: _NOT[inner(answers)]
    if isinstance(condition, AllOf):
        return _combine([_compile(c) for c in condition.all], _ALL, Tri.TRUE)
    assert isinstance(condition, AnyOf)
    return _combine([_compile(c) for c in condition.any], _ANY, Tri.FALSE)


def _combine(children: list[Truth], precedence: tuple[Tri, ...], otherwise: Tri) -> Truth:
    first, rest = precedence[0], precedence[1:]

    def combined(answers: Mapping[str, Answer]) -> Tri:
        seen = set()
        for child in children:
            value = child(answers)
            if value is first:
                return value  # nothing outranks it
            seen.add(value)
        return next((wanted for wanted in rest if wanted in seen), otherwise)

    return combined


def _leaf(leaf: Leaf) -> Truth:
    qid, op, operand = leaf.question, leaf.operator, leaf.operand
    if op == "answered":
        return lambda answers: Tri.TRUE if (qid in answers) == operand else Tri.FALSE
    if op == "is_unknown":
        return _about(qid, lambda answer: answer.is_unknown == operand)
    if op == "has_evidence":
        return _about(qid, lambda answer: bool(answer.evidence) == operand)
    compare: Callable[[Any, Any], bool] = _COMPARE[op]

    def test(answers: Mapping[str, Answer]) -> Tri:
        answer = answers.get(qid)
        if answer is None:
            return Tri.MISSING
        if answer.is_unknown:
            return Tri.UNKNOWN
        return Tri.TRUE if compare(operand, normalise(answer.value)) else Tri.FALSE

    return test


def _about(qid: str, check: Callable[[Answer], bool]) -> Truth:
    def test(answers: Mapping[str, Answer]) -> Tri:
        answer = answers.get(qid)
        if answer is None:
            return Tri.MISSING
        return Tri.TRUE if check(answer) else Tri.FALSE

    return test
