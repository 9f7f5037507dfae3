"""Compiled conditions give exactly what the tree walk gives, for every condition in the bank."""

from __future__ import annotations

import random

from hria.domain.compiled import compiled
from hria.domain.logic import truth
from hria.models.assessment import Answer
from hria.models.bank import Bank, ChoiceQuestion, MultipleChoiceQuestion, YesNoQuestion
from hria.models.conditions import Condition


def _conditions(bank: Bank) -> list[Condition]:
    found: list[Condition] = [r.condition for r in bank.rules if r.condition is not None]
    found += [q.when for q in bank.questions.values() if q.when is not None]
    found += [s.when for s in bank.sections if s.when is not None]
    if bank.profile is not None:
        found += [f.condition for f in bank.profile.factors]
    return found


def _random_answers(bank: Bank, rng: random.Random) -> dict[str, Answer]:
    answers: dict[str, Answer] = {}
    for qid, question in bank.questions.items():
        roll = rng.random()
        if roll < 0.3:
            continue
        if roll < 0.4:
            answers[qid] = Answer(value="unknown")
        elif isinstance(question, YesNoQuestion):
            answers[qid] = Answer(value=rng.choice(["yes", "no"]))
        elif isinstance(question, MultipleChoiceQuestion):
            values = list(question.values)
            answers[qid] = Answer(value=rng.sample(values, rng.randint(1, len(values))))
        elif isinstance(question, ChoiceQuestion):
            answers[qid] = Answer(value=rng.choice(list(question.values)))
        else:
            answers[qid] = Answer(value=rng.choice([0, 5, 20000, 2000000, "text"]))
    answers["profile.level"] = Answer(value=rng.randint(1, 4))
    return answers


def test_compiled_conditions_agree_with_the_tree_walk(bank: Bank) -> None:
    rng = random.Random(20261201)
    conditions = _conditions(bank)
    for _ in range(60):
        answers = _random_answers(bank, rng)
        for condition in conditions:
            assert compiled(condition)(answers) is truth(condition, answers), condition


def test_a_condition_is_compiled_once(bank: Bank) -> None:
    condition = next(r.condition for r in bank.rules if r.condition is not None)
    assert condition is not None
    assert compiled(condition) is compiled(condition)
