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
        question = bank.questions.get(leaf.question)
        if question is None:
            yield owner, f"condition names unknown question '{leaf.question}'", where
            continue
        if before is not None and order.index(leaf.question) >= order.index(before):
            msg = f"'when' may only depend on earlier questions, not '{leaf.question}'"
            yield owner, msg, where
        for message in _leaf_problems(leaf, question):
            yield owner, message, where


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
