"""The intrusion profile of a deployment, derived from its answers, and how it scales rules.

Pure: it reads answers and the bank's profile spec, and returns data."""

from __future__ import annotations

from collections.abc import Mapping

from hria.domain.compiled import compiled
from hria.domain.logic import Tri, evaluate, normalise
from hria.models.assessment import Answer
from hria.models.bank import Bank, Rule
from hria.models.base import Severity
from hria.models.findings import Profile, ProfileReason, Trigger
from hria.models.profile import LEVEL, Factor, ProfileSpec

__all__ = ["LEVEL", "SUBSTANTIAL", "derive", "level_answer", "scaled", "with_level"]

#: The substantial level: from here the burden of proof can apply and unknowns raise flags.
SUBSTANTIAL = 3


def derive(spec: ProfileSpec, answers: Mapping[str, Answer]) -> Profile:
    """The highest level among the factors that hold. A factor undecided because of an
    'unknown' or a missing answer counts as holding, marked uncertain: severity comes down
    only once the facts that lower it are given, since the deployer carries the burden of
    showing that an interference is slight."""
    reasons: list[ProfileReason] = []
    provisional = False
    given: set[str] = set()  # factors that hold on answers given, 'unknown' included
    for factor in spec.factors:
        value = compiled(factor.condition)(answers)
        if value is Tri.FALSE:
            continue
        provisional = provisional or value is Tri.MISSING
        if value is not Tri.MISSING:
            given.add(factor.id)
        reasons.append(_reason(factor, answers, value))
    reasons.sort(key=lambda r: (-r.level, r.uncertain))
    level = max((r.level for r in reasons), default=1)
    named = spec.levels[level - 1]
    # the burden of proof rests on facts given, not on questions still unanswered
    burden = spec.burden is not None and bool(given & set(spec.burden.factors))
    return Profile(
        level=level,
        name=named.name,
        title=named.title,
        reasons=reasons,
        provisional=provisional,
        burden=burden and level >= SUBSTANTIAL,
    )


def _reason(factor: Factor, answers: Mapping[str, Answer], value: Tri) -> ProfileReason:
    cause = evaluate(factor.condition, answers).triggers() if value is not Tri.MISSING else set()
    triggers = [
        Trigger(ref=q, value=normalise(answers[q].value)) for q in sorted(cause) if q in answers
    ]
    return ProfileReason(
        factor=factor.id,
        level=factor.level,
        title=factor.title,
        reason=factor.reason,
        triggers=triggers,
        uncertain=value is not Tri.TRUE,
    )


def level_answer(profile: Profile) -> Answer:
    """The derived `profile.level`, as an answer that conditions can test."""
    return Answer.model_construct(value=profile.level, note=None, evidence=[])


def with_level(answers: Mapping[str, Answer], profile: Profile | None) -> dict[str, Answer]:
    """The answers plus the derived `profile.level`, for conditions that test it."""
    merged = dict(answers)
    if profile is not None:
        merged[LEVEL] = level_answer(profile)
    return merged


def scaled(bank: Bank, rule: Rule, severity: Severity, profile: Profile | None) -> Severity | None:
    """The severity a flag of `rule` has at the profile's level (None: it does not apply)."""
    if rule.scale is None or profile is None or bank.profile is None:
        return severity
    scale = bank.profile.scale(rule.scale)
    return severity if scale is None else scale.cap(severity, profile.level)
