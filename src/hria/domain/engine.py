"""Pure evaluation: which questions apply, which rules fire, and the verdict."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from hria.domain.compiled import compiled
from hria.domain.logic import Tri, evaluate, normalise
from hria.domain.plan import mitigation_status
from hria.domain.profile import SUBSTANTIAL, derive, level_answer, scaled
from hria.domain.scopes import SCOPES, Context
from hria.domain.verdict import judge
from hria.domain.waivers import Accepted, waive
from hria.models.assessment import Answer, Assessment
from hria.models.assessment import Scope as Reach
from hria.models.bank import Bank, Rule
from hria.models.base import Severity
from hria.models.findings import Basis, Evaluation, Flag, Gap, Profile, Trigger
from hria.models.profile import LEVEL


@dataclass(frozen=True)
class Scope:
    """The questions that apply under the current answers, and the answers in play."""

    visible: list[str]  # question ids, bank order
    answers: dict[str, Answer]  # visible and answered
    hidden_answers: list[str]  # answered, but not applicable now
    profile: Profile | None = None  # from the first section's answers


#: Levels at which an unknown answer to an ordinary rule is a gap rather than a flag.
LOW_LEVELS = SUBSTANTIAL - 1


def shows(value: Tri, when_unknown: str = "skip") -> bool:
    """A `when` that holds shows the question. One left undecided by an 'unknown' answer
    does not, unless the question says `when_unknown: ask`: its follow-ups could only be
    answered 'unknown' too, and the unknown answer is itself the gap to close."""
    return value is Tri.TRUE or (value is Tri.UNKNOWN and when_unknown == "ask")


def scope(bank: Bank, answers: Mapping[str, Answer]) -> Scope:
    """The intrusion profile is derived once the first section (the setting) is through, so
    later `when` conditions can test `profile.level`."""
    in_play: dict[str, Answer] = {}
    visible: list[str] = []
    profile: Profile | None = None
    for index, section in enumerate(bank.sections):
        if index == 1 and bank.profile is not None:
            profile = derive(bank.profile, in_play)
            in_play[LEVEL] = level_answer(profile)
        section_on = section.when is None or shows(
            compiled(section.when)(in_play), section.when_unknown
        )
        for question in section.questions:
            if not section_on:
                continue
            if question.when is None or shows(
                compiled(question.when)(in_play), question.when_unknown
            ):
                visible.append(question.id)
                if question.id in answers:
                    in_play[question.id] = answers[question.id]
    in_play.pop(LEVEL, None)
    hidden = [qid for qid in answers if qid in bank.questions and qid not in in_play]
    return Scope(visible, in_play, hidden, profile)


def assess(bank: Bank, assessment: Assessment, today: dt.date | None = None) -> Evaluation:
    """Answers, impacts and actions -> flags -> verdict. Hidden answers are not evaluated.
    A screening (`metadata.scope`) is judged on the red lines and the screen's questions only.
    Flags the file's `waivers` accept are marked, and still judged: a waiver accepts a risk,
    it does not take it away."""
    day = today or dt.date.today()
    current = scope(bank, assessment.answers)
    ctx = Context(bank, assessment, current.answers, day, current.profile)
    screening = is_screening(bank, assessment)
    rules = [r for r in bank.rules if r.severity is Severity.RED_LINE] if screening else bank.rules
    order = {g.id: i for i, g in enumerate(bank.gates)}
    flags = sorted(
        (flag for rule in rules for flag in _apply(ctx, rule)),
        key=lambda f: (-f.severity.rank, order.get(f.gate, len(order)), f.code),
    )
    flags = waive(bank, flags, [Accepted(w) for w in assessment.waivers], day)
    gaps = list(_gaps(bank, current, set(ctx.unsubstantiated), ctx.held))
    if screening:
        gaps = [g for g in gaps if g.question in bank.screening_questions]
    complete = not any(g.kind == "unanswered" and g.required for g in gaps)
    return Evaluation(
        flags=flags,
        verdict=judge(bank, flags, provisional=not complete, screening=screening),
        gaps=gaps,
        hidden_answers=current.hidden_answers,
        complete=complete,
        profile=current.profile,
        visible=tuple(current.visible),
    )


def is_screening(bank: Bank, assessment: Assessment) -> bool:
    """A file that stopped after the screen, in a bank that has one."""
    return bool(bank.screening) and assessment.metadata.scope is Reach.SCREENING


def _apply(ctx: Context, rule: Rule) -> Iterator[Flag]:
    severity = scaled(ctx.bank, rule, rule.severity, ctx.profile)
    if severity is None:
        return  # the rule does not apply at this intrusion level
    if rule.scope != "assessment":
        for hit in SCOPES[rule.scope](ctx):
            yield _flag(ctx, rule, severity, Basis.ANSWER, hit.triggers, hit.gate)
        return
    assert rule.condition is not None
    answers = ctx.conditions_answers
    if compiled(rule.condition)(answers) in (Tri.FALSE, Tri.MISSING):
        return  # the rule does not fire: no need to find out why
    result = evaluate(rule.condition, answers)
    if result.value is Tri.TRUE:
        triggers = _answers(ctx, sorted(result.triggers()))
        yield _flag(ctx, rule, severity, Basis.ANSWER, triggers)
    elif result.value is Tri.UNKNOWN:
        unknown = sorted(q for q in result.cause if q in ctx.answers)
        on_unknown = unknown_severity(ctx, rule, severity)
        if unknown and on_unknown is not None:
            yield _flag(ctx, rule, on_unknown, Basis.UNKNOWN, _answers(ctx, unknown))
        elif rule.on_unknown != "ignore":
            for qid in unknown:  # no flag: the gap names what an answer would settle
                ctx.held.setdefault(qid, []).append(rule.code)


def unknown_severity(ctx: Context, rule: Rule, scaled_severity: Severity) -> Severity | None:
    """The flag an 'unknown' answer raises, if any.

    Not knowing whether a red line is crossed is high, or medium at the minimal and moderate
    levels, where people chose the service or it decides nothing: never a red line. For other
    rules the burden follows the intrusion. Where the profile puts the burden of proof on the
    deployer (a substantial interference imposed on people, or a grave one), a safeguard it
    cannot show counts as missing: the rule's scaled severity. Elsewhere at the substantial
    level the flag is one step lower, and none where that falls to 'info'. A rule's own
    `on_unknown` overrides both. At the minimal and moderate levels not knowing is a gap to
    close (the gaps list it), not a finding."""
    if rule.on_unknown == "ignore":
        return None
    level = ctx.profile.level if ctx.profile is not None else None
    low_level = level is not None and level <= LOW_LEVELS
    if rule.severity is Severity.RED_LINE:
        return Severity.MEDIUM if low_level else (rule.on_unknown or Severity.HIGH)
    if low_level:
        return None
    if rule.on_unknown is not None:
        return scaled(ctx.bank, rule, rule.on_unknown, ctx.profile)
    if ctx.profile is not None and ctx.profile.burden:
        return scaled_severity
    lowered = scaled_severity.lowered()
    if lowered is Severity.INFO and scaled_severity is not Severity.INFO:
        return None
    return lowered


def _answers(ctx: Context, qids: list[str]) -> list[Trigger]:
    """Triggers for the answered questions among `qids` (an `answered: false` leaf can hold
    because a question has no answer, and then there is no value to show)."""
    return [Trigger(ref=q, value=normalise(ctx.answers[q].value)) for q in qids if q in ctx.answers]
    # `profile.level` is never among them: it is not an answer, and the profile is shown apart


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


def _gaps(
    bank: Bank, current: Scope, missing_evidence: set[str], held: Mapping[str, list[str]]
) -> Iterator[Gap]:
    for qid in current.visible:
        required = bank.questions[qid].required
        answer = current.answers.get(qid)
        if answer is None:
            yield Gap(question=qid, kind="unanswered", required=required)
        elif answer.is_unknown:
            rules = tuple(sorted(set(held.get(qid, ()))))
            yield Gap(question=qid, kind="unknown", required=required, held=rules)
        elif qid in missing_evidence:
            yield Gap(question=qid, kind="no_evidence", required=required)
