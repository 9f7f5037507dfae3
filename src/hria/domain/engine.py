"""Pure evaluation: which questions apply, which rules fire, and the verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from hria.domain.logic import Tri, evaluate, normalise, truth
from hria.domain.plan import mitigation_status
from hria.domain.scopes import SCOPES, Context
from hria.domain.verdict import judge
from hria.models.assessment import Answer, Assessment
from hria.models.bank import Bank, Rule
from hria.models.base import Severity
from hria.models.findings import Basis, Evaluation, Flag, Gap, Trigger


@dataclass(frozen=True)
class Scope:
    """The questions that apply under the current answers, and the answers in play."""

    visible: list[str]  # question ids, bank order
    answers: dict[str, Answer]  # visible and answered
    hidden_answers: list[str]  # answered, but not applicable now


def shows(value: Tri) -> bool:
    """A `when` that holds, or is undecided because of an 'unknown' answer, shows the question;
    one that depends on an answer not yet given waits."""
    return value in (Tri.TRUE, Tri.UNKNOWN)


def scope(bank: Bank, answers: Mapping[str, Answer]) -> Scope:
    in_play: dict[str, Answer] = {}
    visible: list[str] = []
    for section in bank.sections:
        section_on = section.when is None or shows(truth(section.when, in_play))
        for question in section.questions:
            if not section_on:
                continue
            if question.when is None or shows(truth(question.when, in_play)):
                visible.append(question.id)
                if question.id in answers:
                    in_play[question.id] = answers[question.id]
    hidden = [qid for qid in answers if qid in bank.questions and qid not in in_play]
    return Scope(visible, in_play, hidden)


def assess(bank: Bank, assessment: Assessment, today: dt.date | None = None) -> Evaluation:
    """Answers, impacts and actions -> flags -> verdict. Hidden answers are not evaluated."""
    current = scope(bank, assessment.answers)
    ctx = Context(bank, assessment, current.answers, today or dt.date.today())
    order = {g.id: i for i, g in enumerate(bank.gates)}
    flags = sorted(
        (flag for rule in bank.rules for flag in _apply(ctx, rule)),
        key=lambda f: (-f.severity.rank, order.get(f.gate, len(order)), f.code),
    )
    gaps = list(_gaps(bank, current, set(ctx.unsubstantiated)))
    complete = not any(g.kind == "unanswered" and g.required for g in gaps)
    return Evaluation(
        flags=flags,
        verdict=judge(bank, flags, provisional=not complete),
        gaps=gaps,
        hidden_answers=current.hidden_answers,
        complete=complete,
    )


def _apply(ctx: Context, rule: Rule) -> Iterator[Flag]:
    if rule.scope != "assessment":
        for hit in SCOPES[rule.scope](ctx):
            yield _flag(ctx, rule, rule.severity, Basis.ANSWER, hit.triggers, hit.gate)
        return
    assert rule.condition is not None
    if truth(rule.condition, ctx.answers) in (Tri.FALSE, Tri.MISSING):
        return  # the rule does not fire: no need to find out why
    result = evaluate(rule.condition, ctx.answers)
    if result.value is Tri.TRUE:
        triggers = _answers(ctx, sorted(result.triggers()))
        yield _flag(ctx, rule, rule.severity, Basis.ANSWER, triggers)
    elif result.value is Tri.UNKNOWN:
        unknown = sorted(q for q in result.cause if q in ctx.answers)
        severity = rule.unknown_severity()
        if unknown and severity is not None:
            yield _flag(ctx, rule, severity, Basis.UNKNOWN, _answers(ctx, unknown))


def _answers(ctx: Context, qids: list[str]) -> list[Trigger]:
    """Triggers for the answered questions among `qids` (an `answered: false` leaf can hold
    because a question has no answer, and then there is no value to show)."""
    return [Trigger(ref=q, value=normalise(ctx.answers[q].value)) for q in qids if q in ctx.answers]


def _flag(
    ctx: Context,
    rule: Rule,
    severity: Severity,
    basis: Basis,
    triggers: list[Trigger],
    gate: str | None = None,
) -> Flag:
    return Flag(
        code=rule.code,
        name=rule.name,
        title=rule.title,
        gate=gate or rule.gate,
        severity=severity,
        rule_severity=rule.severity,
        basis=basis,
        triggers=triggers,
        rationale=rule.rationale,
        recommendation=rule.recommendation,
        sources=rule.sources,
        mitigable=rule.can_be_mitigated,
        status=mitigation_status(ctx.assessment, rule.code, rule.can_be_mitigated),
    )


def _gaps(bank: Bank, current: Scope, missing_evidence: set[str]) -> Iterator[Gap]:
    for qid in current.visible:
        required = bank.questions[qid].required
        answer = current.answers.get(qid)
        if answer is None:
            yield Gap(question=qid, kind="unanswered", required=required)
        elif answer.is_unknown:
            yield Gap(question=qid, kind="unknown", required=required)
        elif qid in missing_evidence:
            yield Gap(question=qid, kind="no_evidence", required=required)
