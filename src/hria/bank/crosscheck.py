"""Cross-checks a bank after each file validated on its own: ids, references, conditions."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator

from hria.errors import Problem
from hria.files.yamlio import Locator
from hria.models.bank import Bank, ChoiceQuestion, Question, Rule, YesNoQuestion
from hria.models.base import Source
from hria.models.conditions import OPERATORS, Condition, Leaf, leaves
from hria.models.profile import LEVEL, LEVELS

Origins = dict[str, tuple[str, Locator, list[str | int]]]
YES_NO = ("yes", "no")


def cross_check(bank: Bank, origins: Origins) -> list[Problem]:
    """Every reference problem in the bank, each naming its file, position and id."""
    found: list[Problem] = []

    def report(owner: str, message: str, where: list[str | int] | None = None) -> None:
        path, locator, base = origins.get(owner, ("<bank>", Locator(""), []))
        line, column, _ = locator.find([*base, *(where or [])])
        found.append(Problem(path, f"{owner}: {message}", line=line, column=column))

    for owner, message, where in _all_checks(bank):
        report(owner, message, where)
    return found


Finding = tuple[str, str, list[str | int]]


def _all_checks(bank: Bank) -> Iterator[Finding]:
    yield from _duplicates(bank)
    yield from _sections(bank)
    yield from _questions(bank)
    yield from _rules(bank)
    yield from _moves(bank)
    yield from _profile(bank)


def _duplicates(bank: Bank) -> Iterator[Finding]:
    ids = Counter(q.id for s in bank.sections for q in s.questions)
    ids.update(s.id for s in bank.sections)
    for ident, count in ids.items():
        if count > 1:
            yield ident, f"id used {count} times", []
    names = Counter(n for r in bank.rules for n in (r.code, r.name, *r.aliases))
    for name, count in names.items():
        if count > 1:
            owner = next(r.code for r in bank.rules if name in (r.code, r.name, *r.aliases))
            yield owner, f"rule code or name '{name}' used {count} times", []
    gates = Counter(g.id for g in bank.gates)
    for gate, count in gates.items():
        if count > 1:
            yield gate, f"gate id used {count} times", []


def _sections(bank: Bank) -> Iterator[Finding]:
    for section in bank.sections:
        if section.gate and section.gate not in bank.gates_by_id:
            yield section.id, f"unknown gate '{section.gate}'", ["gate"]
        for index, question in enumerate(section.questions):
            if question.section_id != section.id:
                yield question.id, f"id must start with '{section.id}.'", []
            del index
        if section.when is not None:
            first = section.questions[0].id
            yield from _condition(bank, section.id, section.when, ["when"], before=first)


def _questions(bank: Bank) -> Iterator[Finding]:
    for question in bank.questions.values():
        yield from _sources(bank, question.id, question.sources)
        yield from _evidence(question)
        if question.when is not None:
            yield from _condition(bank, question.id, question.when, ["when"], before=question.id)


def _rules(bank: Bank) -> Iterator[Finding]:
    for rule in bank.rules:
        if rule.gate not in bank.gates_by_id:
            yield rule.code, f"unknown gate '{rule.gate}'", ["gate"]
        yield from _sources(bank, rule.code, rule.sources)
        yield from _basis(bank, rule)
        if rule.condition is not None:
            yield from _condition(bank, rule.code, rule.condition, ["condition"])
        if rule.scale is not None and (bank.profile is None or not bank.profile.scale(rule.scale)):
            yield rule.code, f"scale '{rule.scale}' is not defined in profile.yaml", ["scale"]


def _moves(bank: Bank) -> Iterator[Finding]:
    """A moved question is gone (or, when only its evidence moves, still asked), and the
    question it moved to is asked and collects evidence."""
    for section in bank.sections:
        for index, move in enumerate(section.moved):
            where: list[str | int] = ["moved", index]
            asked = move.question in bank.questions
            if asked != move.evidence_only:
                state = "is still asked" if asked else "is not in the bank"
                yield section.id, f"moved question '{move.question}' {state}", where
            target = bank.questions.get(move.into)
            if target is None:
                yield section.id, f"moved to unknown question '{move.into}'", where
            elif not target.expects_evidence:
                yield section.id, f"moved to '{move.into}', which expects no evidence", where


def _profile(bank: Bank) -> Iterator[Finding]:
    """Factors read only the first section, which every later `when` may then build on."""
    spec = bank.profile
    if spec is None:
        return
    yield from _sources(bank, "profile", spec.sources)
    first = {q.id for q in bank.sections[0].questions if q.when is None} if bank.sections else set()
    for factor in spec.factors:
        owner = f"profile:{factor.id}"
        yield from _sources(bank, owner, factor.sources)
        yield from _condition(bank, owner, factor.condition, ["condition"])
        for leaf in leaves(factor.condition):
            if leaf.question not in first and leaf.question in bank.questions:
                msg = (
                    "a factor may only read questions of the first section that are always "
                    f"asked, not '{leaf.question}'"
                )
                yield owner, msg, ["condition"]
    for scale in spec.scales:
        yield from _sources(bank, "profile", scale.sources)


def _evidence(question: Question) -> Iterator[Finding]:
    claims, offered = question.evidence_for, _offered(question)
    if claims and not question.expects_evidence:
        yield question.id, "evidence_for needs expects_evidence: true", ["evidence_for"]
    elif claims and offered is None:
        yield question.id, f"evidence_for does not apply to {question.kind} questions", []
    elif question.expects_evidence and isinstance(question, ChoiceQuestion) and not claims:
        msg = "a choice question that expects evidence must list evidence_for values"
        yield question.id, msg, ["expects_evidence"]
    for value in claims or []:
        if offered is not None and value not in offered:
            yield question.id, f"evidence_for names '{value}', which is not offered", []


def _basis(bank: Bank, rule: Rule) -> Iterator[Finding]:
    if not rule.basis:
        msg = "a rule needs a basis: a recommendation from recommendations.yaml or a source"
        yield rule.code, msg, []
    for index, entry in enumerate(rule.basis):
        if isinstance(entry, Source):
            yield from _sources(bank, rule.code, [entry])
        elif entry not in bank.recommendations:
            msg = f"basis names '{entry}', which is not in recommendations.yaml"
            yield rule.code, msg, ["basis", index]


def _sources(bank: Bank, owner: str, sources: list[Source]) -> Iterator[Finding]:
    for index, source in enumerate(sources):
        if source.instrument not in bank.instruments:
            msg = f"source cites '{source.instrument}', which is not in instruments.yaml"
            yield owner, msg, ["sources", index]


def _condition(
    bank: Bank, owner: str, condition: Condition, where: list[str | int], before: str | None = None
) -> Iterator[Finding]:
    order = list(bank.questions)
    for leaf in leaves(condition):
        if leaf.question == LEVEL:
            yield from _level_leaf(bank, owner, leaf, where, before)
            continue
        question = bank.questions.get(leaf.question)
        if question is None:
            yield owner, f"condition names unknown question '{leaf.question}'", where
            continue
        if before is not None and order.index(leaf.question) >= order.index(before):
            msg = f"'when' may only depend on earlier questions, not '{leaf.question}'"
            yield owner, msg, where
        for message in _leaf_problems(leaf, question):
            yield owner, message, where


_LEVEL_OPERATORS = ("equals", "in", "gt", "gte", "lt", "lte")


def _level_leaf(
    bank: Bank, owner: str, leaf: Leaf, where: list[str | int], before: str | None
) -> Iterator[Finding]:
    if bank.profile is None:
        yield owner, f"'{LEVEL}' needs a profile.yaml in the bank", where
        return
    first = {q.id for q in bank.sections[0].questions}
    if owner.startswith("profile:") or (before is not None and before in first):
        yield owner, f"'{LEVEL}' is known only after the first section", where
    if leaf.operator not in _LEVEL_OPERATORS:
        yield owner, f"operator '{leaf.operator}' does not apply to '{LEVEL}'", where
        return
    values = leaf.operand if isinstance(leaf.operand, list) else [leaf.operand]
    if leaf.operator in ("equals", "in") and any(v not in LEVELS for v in values):
        yield owner, f"'{LEVEL}' is one of {', '.join(map(str, LEVELS))}", where


def _leaf_problems(leaf: Leaf, question: Question) -> Iterator[str]:
    op, operand = leaf.operator, leaf.operand
    if question.kind not in OPERATORS[op]:
        yield f"operator '{op}' does not apply to {question.kind} question '{question.id}'"
        return
    values = operand if isinstance(operand, list) else [operand]
    if op in ("equals", "in", "includes", "includes_any"):
        allowed = _offered(question)
        for value in values:
            if value == "unknown":
                yield f"use 'is_unknown' rather than comparing '{question.id}' with 'unknown'"
            elif allowed is not None and value not in allowed:
                yield f"'{value}' is not a value offered by '{question.id}'"
            elif question.kind == "date" and not _is_date(value):
                yield f"'{value}' is not an ISO date"


def _offered(question: Question) -> tuple[str, ...] | None:
    if isinstance(question, YesNoQuestion):
        return YES_NO
    if isinstance(question, ChoiceQuestion):
        return question.values
    return None


def _is_date(value: object) -> bool:
    try:
        dt.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True
