from __future__ import annotations

from typing import Any

import pytest
from pydantic import TypeAdapter, ValidationError

from hria.domain.logic import Tri, evaluate
from hria.models.assessment import Answer
from hria.models.conditions import Condition, describe, leaves

COND: TypeAdapter[Condition] = TypeAdapter(Condition)


def cond(data: dict[str, Any]) -> Condition:
    return COND.validate_python(data)


def ans(**values: Any) -> dict[str, Answer]:
    return {k.replace("__", "."): Answer(value=v) for k, v in values.items()}


YES = {"question": "a.x", "equals": "yes"}
BIG = {"question": "a.n", "gte": 10}


@pytest.mark.parametrize(
    ("condition", "answers", "expected"),
    [
        (YES, ans(a__x="yes"), Tri.TRUE),
        (YES, ans(a__x="no"), Tri.FALSE),
        (YES, ans(a__x="unknown"), Tri.UNKNOWN),
        (YES, {}, Tri.MISSING),
        ({"all": [YES, BIG]}, ans(a__n="unknown"), Tri.MISSING),
        ({"all": [YES, BIG]}, ans(a__n=1), Tri.FALSE),
        ({"any": [YES, BIG]}, ans(a__n="unknown"), Tri.UNKNOWN),
        ({"any": [YES, BIG]}, ans(a__n=1), Tri.MISSING),
        ({"not": YES}, {}, Tri.MISSING),
        ({"not": YES}, ans(a__x="unknown"), Tri.UNKNOWN),
        ({"not": YES}, ans(a__x="no"), Tri.TRUE),
        ({"all": [YES, BIG]}, ans(a__x="no", a__n="unknown"), Tri.FALSE),
        ({"all": [YES, BIG]}, ans(a__x="yes", a__n="unknown"), Tri.UNKNOWN),
        ({"all": [YES, BIG]}, ans(a__x="yes", a__n=10), Tri.TRUE),
        ({"any": [YES, BIG]}, ans(a__x="unknown", a__n=11), Tri.TRUE),
        ({"any": [YES, BIG]}, ans(a__x="unknown", a__n=1), Tri.UNKNOWN),
        ({"any": [YES, BIG]}, ans(a__x="no", a__n=1), Tri.FALSE),
        ({"question": "a.x", "in": ["yes", "no"]}, ans(a__x="no"), Tri.TRUE),
        ({"question": "a.m", "includes": "f"}, ans(a__m=["f", "g"]), Tri.TRUE),
        ({"question": "a.m", "includes_any": ["h", "g"]}, ans(a__m=["f"]), Tri.FALSE),
        ({"question": "a.m", "includes": "f"}, ans(a__m="unknown"), Tri.UNKNOWN),
        ({"question": "a.x", "answered": True}, {}, Tri.FALSE),
        ({"question": "a.x", "answered": True}, ans(a__x="unknown"), Tri.TRUE),
        ({"question": "a.x", "is_unknown": True}, ans(a__x="unknown"), Tri.TRUE),
        ({"question": "a.x", "is_unknown": True}, ans(a__x="yes"), Tri.FALSE),
        ({"question": "a.n", "lt": 5}, ans(a__n=4.5), Tri.TRUE),
        ({"question": "a.n", "gt": 5}, ans(a__n=5), Tri.FALSE),
        ({"question": "a.n", "lte": 5}, ans(a__n=5), Tri.TRUE),
        ({"question": "a.d", "equals": "2026-01-01"}, ans(a__d="2026-01-01"), Tri.TRUE),
    ],
)
def test_three_valued_evaluation(
    condition: dict[str, Any], answers: dict[str, Answer], expected: Tri
) -> None:
    assert evaluate(cond(condition), answers).value is expected


def test_has_evidence_reads_the_evidence_list() -> None:
    answers = {"a.x": Answer(value="yes", evidence=["Act 12, s. 4"])}
    assert evaluate(cond({"question": "a.x", "has_evidence": True}), answers).value is Tri.TRUE
    bare = {"a.x": Answer(value="yes")}
    assert evaluate(cond({"question": "a.x", "has_evidence": True}), bare).value is Tri.FALSE


def test_cause_names_the_deciding_answers() -> None:
    result = evaluate(cond({"any": [YES, BIG]}), ans(a__x="yes", a__n=1))
    assert result.cause == {"a.x"}
    undecided = evaluate(cond({"all": [YES, BIG]}), ans(a__x="yes", a__n="unknown"))
    assert undecided.cause == {"a.n"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"question": "a.x"}, "exactly one operator"),
        ({"question": "a.x", "equals": "yes", "gt": 1}, "found: equals, gt"),
        ({"question": "a.x", "eq": "yes"}, "Extra inputs"),
        ({"question": "bad id", "equals": "yes"}, "pattern"),
        ({"all": []}, "at least 1"),
    ],
)
def test_malformed_conditions_are_rejected(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        cond(data)


def test_describe_and_leaves() -> None:
    tree = cond({"all": [YES, {"not": BIG}, {"question": "a.m", "includes_any": ["f", "g"]}]})
    assert (
        describe(tree)
        == "(a.x is 'yes' and not (a.n is at least 10) and a.m includes any of 'f', 'g')"
    )
    assert [leaf.question for leaf in leaves(tree)] == ["a.x", "a.n", "a.m"]


def test_negated_exclusions_are_not_triggers() -> None:
    tree = cond({"all": [YES, {"not": {"question": "a.m", "includes": "f"}}]})
    result = evaluate(tree, ans(a__x="yes", a__m=["g"]))
    assert result.value is Tri.TRUE
    assert result.triggers() == {"a.x"}
    alone = evaluate(cond({"not": YES}), ans(a__x="no"))
    assert alone.value is Tri.TRUE and alone.triggers() == {"a.x"}
    undecided = evaluate(cond({"not": YES}), ans(a__x="unknown"))
    assert undecided.value is Tri.UNKNOWN and undecided.cause == {"a.x"}


def test_compiled_conditions_agree_with_evaluate_on_the_whole_bank() -> None:
    """Compiled conditions are the engine's shortcut; they must give evaluate's value for every
    condition in the bank, under every bundled example and under random answers of every kind."""
    import random
    from pathlib import Path

    from hria.bank.load import load_bank
    from hria.domain.compiled import compiled
    from hria.files.store import load_assessment

    bank = load_bank()
    conditions = [r.condition for r in bank.rules if r.condition is not None]
    conditions += [q.when for q in bank.questions.values() if q.when is not None]
    conditions += [s.when for s in bank.sections if s.when is not None]
    if bank.profile is not None:
        conditions += [f.condition for f in bank.profile.factors]
    examples = Path(__file__).resolve().parent.parent / "assessments"
    answer_sets = [
        dict(load_assessment(p, bank).assessment.answers) for p in examples.glob("*.hria.yaml")
    ]
    rng = random.Random(3)
    pool = [a for answers in answer_sets for a in answers.items()]
    for _ in range(300):  # random mixes, with gaps and unknowns
        mixed = dict(rng.sample(pool, rng.randint(0, len(pool) // 3)))
        for qid in rng.sample(sorted(mixed), len(mixed) // 5):
            mixed[qid] = Answer(value="unknown")
        mixed["profile.level"] = Answer(value=rng.randint(1, 4))
        answer_sets.append(mixed)
    seen = set()
    for answers in answer_sets:
        for condition in conditions:
            expected = evaluate(condition, answers).value
            assert compiled(condition)(answers) is expected
            seen.add(expected)
    assert seen == set(Tri)
