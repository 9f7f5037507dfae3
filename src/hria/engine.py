"""Pure evaluation: which questions apply, which rules fire, and the verdict."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from hria.logic import Result, Tri, evaluate, normalise
from hria.models.assessment import Answer
from hria.models.bank import Bank, Question, Rule, YesNoQuestion
from hria.models.base import Severity
from hria.models.findings import Basis, Evaluation, Flag, Gap, Trigger
from hria.verdict import judge


@dataclass(frozen=True)
class Scope:
    """The questions that apply under the current answers, and the answers in play."""

    visible: list[str]  # question ids, bank order
    answers: dict[str, Answer]  # visible and answered
    hidden_answers: list[str]  # answered, but not applicable now


def shows(result: Result, answers: Mapping[str, Answer]) -> bool:
    """A `when` that holds, or is undecided because of an 'unknown' answer, shows the question.

    Undecided because an earlier answer is simply missing: the question waits.
    """
    if result.value is Tri.TRUE:
        return True
    if result.value is Tri.FALSE:
        return False
    return any(q in answers and answers[q].is_unknown for q in result.cause)


def scope(bank: Bank, answers: Mapping[str, Answer]) -> Scope:
    in_play: dict[str, Answer] = {}
    visible: list[str] = []
    for section in bank.sections:
        section_on = section.when is None or shows(evaluate(section.when, in_play), in_play)
        for question in section.questions:
            if not section_on:
                continue
            if question.when is None or shows(evaluate(question.when, in_play), in_play):
                visible.append(question.id)
                if question.id in answers:
                    in_play[question.id] = answers[question.id]
    hidden = [qid for qid in answers if qid in bank.questions and qid not in in_play]
    return Scope(visible, in_play, hidden)


def assess(bank: Bank, answers: Mapping[str, Answer]) -> Evaluation:
    """Answers -> flags -> verdict. Hidden answers are not evaluated."""
    current = scope(bank, answers)
    flags = sorted(
        (flag for rule in bank.rules for flag in _apply(bank, rule, current)),
        key=lambda f: (-f.severity.rank, _gate_order(bank, f.gate), f.code),
    )
    gaps = list(_gaps(bank, current))
    complete = not any(g.kind == "unanswered" and g.required for g in gaps)
    return Evaluation(
        flags=flags,
        verdict=judge(bank, flags, provisional=not complete),
        gaps=gaps,
        hidden_answers=current.hidden_answers,
        complete=complete,
    )


def _gate_order(bank: Bank, gate: str) -> int:
    return [g.id for g in bank.gates].index(gate) if gate in bank.gates_by_id else len(bank.gates)


def _apply(bank: Bank, rule: Rule, current: Scope) -> Iterator[Flag]:
    if rule.scope == "each_claim_without_evidence":
        for qid in unsubstantiated(bank, current):
            gate = bank.section_of[qid].gate or rule.gate
            yield _flag(rule, gate, rule.severity, Basis.ANSWER, [qid], current)
        return
    assert rule.condition is not None
    result = evaluate(rule.condition, current.answers)
    if result.value is Tri.TRUE:
        triggers = sorted(result.triggers())
        yield _flag(rule, rule.gate, rule.severity, Basis.ANSWER, triggers, current)
    elif result.value is Tri.UNKNOWN:
        unknown = sorted(q for q in result.cause if q in current.answers)
        severity = rule.unknown_severity()
        if unknown and severity is not None:
            yield _flag(rule, rule.gate, severity, Basis.UNKNOWN, unknown, current)


def _flag(
    rule: Rule, gate: str, severity: Severity, basis: Basis, cause: list[str], current: Scope
) -> Flag:
    triggers = [
        Trigger(question=q, value=normalise(current.answers[q].value))
        for q in cause
        if q in current.answers
    ]
    return Flag(
        code=rule.code,
        name=rule.name,
        title=rule.title,
        gate=gate,
        severity=severity,
        rule_severity=rule.severity,
        basis=basis,
        triggers=triggers,
        rationale=rule.rationale,
        recommendation=rule.recommendation,
        sources=rule.sources,
        mitigable=rule.can_be_mitigated,
    )


def is_claim(question: Question, answer: Answer) -> bool:
    """An answer that asserts something evidence could back (see `evidence_for`)."""
    if answer.is_unknown:
        return False
    claims = question.evidence_for or (["yes"] if isinstance(question, YesNoQuestion) else None)
    if claims is None:
        return True  # text, number, date: any answer is a claim
    values = answer.value if isinstance(answer.value, list) else [answer.value]
    return any(v in claims for v in values)


def unsubstantiated(bank: Bank, current: Scope) -> list[str]:
    """Visible answers whose question expects evidence for them, and that cite none."""
    return [
        qid
        for qid, answer in current.answers.items()
        if bank.questions[qid].expects_evidence
        and is_claim(bank.questions[qid], answer)
        and not answer.evidence
    ]


def _gaps(bank: Bank, current: Scope) -> Iterator[Gap]:
    missing_evidence = set(unsubstantiated(bank, current))
    for qid in current.visible:
        required = bank.questions[qid].required
        answer = current.answers.get(qid)
        if answer is None:
            yield Gap(question=qid, kind="unanswered", required=required)
        elif answer.is_unknown:
            yield Gap(question=qid, kind="unknown", required=required)
        elif qid in missing_evidence:
            yield Gap(question=qid, kind="no_evidence", required=required)
