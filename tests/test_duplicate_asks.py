"""No fact is asked twice: an audit of the whole question bank for duplicate asks.

Two kinds of duplicate made the interview longer than it had to be:
- an evidence prompt that asks for what the next question shown asks (the legal basis asked
  for the statute's title, article and date, then "Which provision is it?");
- a question that asks again for evidence another question already collects (the problem's
  evidence was asked with the problem, then again with whether it is documented).

Both are found by the content words two texts share. Words of the first question's own prompt
are its subject and do not count for the first kind, since a follow-up always names its
parent's subject. A pair that shares words but asks for different facts is accepted below,
with the reason."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import cache
from typing import Any

import pytest

from hria.bank.load import load_bank
from hria.domain.logic import Tri, evaluate
from hria.models.assessment import Answer
from hria.models.bank import (
    Bank,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    Section,
    SingleChoiceQuestion,
    TextQuestion,
    YesNoQuestion,
)

#: Content words an evidence hint shares with the next prompt, beyond its own subject.
HINT_TO_PROMPT = 2
#: Content words an evidence hint shares with the next question that collects evidence.
EVIDENCE_AGAIN = 3
#: Share of content words two evidence hints anywhere in the bank have in common.
SAME_EVIDENCE = 0.4

_STOP_WORDS = """a an the and or of to in on for with by from at as is are was were be been it
its this that these those which what who whom whose how any each every all some no not nor than
then there their they them people person system systems use used using does do did has have had
can could may might must should would will shall if so such other another only also into out
about over under where when whether before after"""
STOP = frozenset(re.findall(r"[a-z]+", _STOP_WORDS))

#: Pairs that share words but ask for different facts, with the reason.
ACCEPTED: dict[tuple[str, str], str] = {
    ("border_surveillance.partner_conditions", "border_surveillance.export_review"): (
        "'human rights' is the subject of both: the cooperation agreement's clauses, then the "
        "export-control review of equipment sent abroad"
    ),
    ("border_surveillance.rescue_first", "border_surveillance.rescue_priority"): (
        "alerting the rescue centre at once and putting rescue before interception were split "
        "on purpose (migration 1.yaml); each cites its own rule"
    ),
    ("device_extraction.evidential_weight", "device_extraction.other_recipients"): (
        "how decision-makers weigh extraction reports, then who else can see them: the shared "
        "words name the report, not a second ask"
    ),
    ("necessity.accuracy_in_context", "necessity.accuracy_conditions"): (
        "error rates on the people the system is used on, then in the real conditions of use: "
        "split on purpose (migration 1.yaml), each with its own test report"
    ),
    ("proportionality.revealing_data_needed", "proportionality.special_category_condition"): (
        "why each kind of data is needed, then the legal condition for special categories: "
        "both may point to the DPIA, for different facts"
    ),
    ("red_lines.return_by_proxy", "border_surveillance.partner_abuses"): (
        "the red-line screen asks about any force the data reach, the deployer's own included, "
        "and only about returns; the border section asks about each foreign partner authority, "
        "and also about detention and abuse. The same human rights review may serve both"
    ),
}

Pair = tuple[str, str]


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def words(text: str | None) -> frozenset[str]:
    """The content words of a text, crudely stemmed."""
    found = re.findall(r"[a-z]+", (text or "").lower())
    return frozenset(_stem(w) for w in found if w not in STOP and len(w) > 2)


def _claims(question: Question) -> list[Any]:
    """Answers that would make the question ask for evidence (or, without evidence_for, any
    answer it offers)."""
    if isinstance(question, YesNoQuestion):
        return list(question.evidence_for or ["yes"])
    if isinstance(question, MultipleChoiceQuestion):
        return [[v] for v in (question.evidence_for or question.values)]
    if isinstance(question, SingleChoiceQuestion):
        return list(question.evidence_for or question.values)
    if isinstance(question, TextQuestion):
        return ["text"]
    if isinstance(question, NumberQuestion):
        return [1]
    return ["2026-01-01"]


def next_shown(section: Section, index: int) -> Iterator[Question]:
    """For each claim answer to question `index`, the next question of the section that this
    answer does not rule out (other answers are taken as not given yet)."""
    question = section.questions[index]
    for value in _claims(question):
        answers = {question.id: Answer(value=value)}
        for later in section.questions[index + 1 :]:
            if later.when is None or evaluate(later.when, answers).value is not Tri.FALSE:
                yield later
                break


def hint_asked_next(bank: Bank) -> dict[Pair, frozenset[str]]:
    """Evidence hints that ask for what the next question shown asks."""
    found: dict[Pair, frozenset[str]] = {}
    for section in bank.sections:
        for index, question in enumerate(section.questions):
            hint = words(question.evidence_hint) - words(question.prompt)
            for later in next_shown(section, index):
                shared = hint & words(later.prompt)
                if len(shared) >= HINT_TO_PROMPT:
                    found[(question.id, later.id)] = shared
    return found


def evidence_asked_again(bank: Bank) -> dict[Pair, frozenset[str]]:
    """Questions that collect again the evidence another question collects: the next question
    shown, or any question in the bank whose evidence hint is mostly the same."""
    found: dict[Pair, frozenset[str]] = {}
    for section in bank.sections:
        for index, question in enumerate(section.questions):
            if not (question.expects_evidence and question.evidence_hint):
                continue
            hint = words(question.evidence_hint)
            for later in next_shown(section, index):
                if later.expects_evidence:
                    shared = hint & (words(later.prompt) | words(later.evidence_hint))
                    if len(shared) >= EVIDENCE_AGAIN:
                        found[(question.id, later.id)] = shared
    hinted = [q for q in bank.questions.values() if q.expects_evidence and q.evidence_hint]
    for first, second in itertools.combinations(hinted, 2):
        a, b = words(first.evidence_hint), words(second.evidence_hint)
        if len(a & b) / len(a | b) >= SAME_EVIDENCE:
            found[(first.id, second.id)] = a & b
    return found


def duplicates(bank: Bank) -> dict[Pair, frozenset[str]]:
    return {**hint_asked_next(bank), **evidence_asked_again(bank)}


@cache
def _bank() -> Bank:
    return load_bank()


def _section(data: dict[str, Any]) -> Section:
    return Section.model_validate(data)


def _synthetic(*sections: dict[str, Any]) -> Bank:
    real = _bank()
    return Bank(
        id="synthetic",
        version="2.0.0",
        title="A bank that asks some facts twice",
        description="For the audit's own tests.",
        gates=real.gates,
        instruments=real.instruments,
        sections=[_section(s) for s in sections],
        rules=[],
    )


SOURCE = [{"instrument": "iccpr", "article": "17"}]

# The two pairs as bank 2.0.0 first had them, before each fact was asked once.
LEGALITY_BEFORE: dict[str, Any] = {
    "id": "legality",
    "title": "Legality",
    "intro": "Before the merge.",
    "questions": [
        {
            "id": "legality.legal_basis",
            "kind": "single_choice",
            "prompt": "What law allows this body to use the system in this way?",
            "help": "A public body may act only within the powers the law gives it.",
            "sources": SOURCE,
            "choices": [
                {"value": "yes", "label": "A specific provision"},
                {"value": "general_power", "label": "Only a general power"},
                {"value": "no", "label": "No law"},
            ],
            "expects_evidence": True,
            "evidence_for": ["yes", "general_power"],
            "evidence_hint": "The title, article and date of the statute or regulation, with a "
            "link to the published text.",
        },
        {
            "id": "legality.provision",
            "kind": "text",
            "prompt": "Which provision is it? Give the instrument, article and date.",
            "help": "Naming the exact provision lets reviewers check it.",
            "sources": SOURCE,
            "when": {"question": "legality.legal_basis", "equals": "yes"},
        },
    ],
}
NECESSITY_BEFORE: dict[str, Any] = {
    "id": "necessity",
    "title": "Necessity",
    "intro": "Before the merge.",
    "questions": [
        {
            "id": "necessity.pressing_need",
            "kind": "text",
            "prompt": "What specific problem is the system meant to solve, and how serious is it?",
            "help": "Necessity is measured against a concrete problem.",
            "sources": SOURCE,
            "expects_evidence": True,
            "evidence_hint": "Statistics, incident records, audit findings or studies that show "
            "the size of the problem before the system was chosen.",
        },
        {
            "id": "necessity.need_evidenced",
            "kind": "yes_no",
            "prompt": "Is there documented evidence, gathered before the system was chosen, "
            "that the problem exists on the scale claimed?",
            "help": "A limitation of rights must answer a need shown on objective grounds.",
            "sources": SOURCE,
            "expects_evidence": True,
            "evidence_hint": "Data or studies that measure the problem, with their dates and "
            "authors.",
        },
    ],
}


def test_the_audit_finds_the_provision_asked_again_after_the_legal_basis() -> None:
    found = hint_asked_next(_synthetic(LEGALITY_BEFORE))
    assert ("legality.legal_basis", "legality.provision") in found
    assert {"article", "date"} <= found[("legality.legal_basis", "legality.provision")]


def test_the_audit_finds_the_problems_evidence_asked_twice() -> None:
    found = evidence_asked_again(_synthetic(NECESSITY_BEFORE))
    assert ("necessity.pressing_need", "necessity.need_evidenced") in found


def test_the_audit_finds_both_pairs_in_a_bank_that_still_has_them() -> None:
    found = duplicates(_synthetic(LEGALITY_BEFORE, NECESSITY_BEFORE))
    assert set(found) - set(ACCEPTED) == {
        ("legality.legal_basis", "legality.provision"),
        ("necessity.pressing_need", "necessity.need_evidenced"),
    }


def test_a_follow_up_that_a_claim_rules_out_is_not_the_next_question() -> None:
    section = _section(LEGALITY_BEFORE)
    shown = [q.id for q in next_shown(section, 0)]
    # 'yes' shows the provision; 'general_power' rules it out, and nothing follows
    assert shown == ["legality.provision"]


def test_distinct_asks_are_not_duplicates() -> None:
    after = {
        **LEGALITY_BEFORE,
        "questions": [
            {
                **LEGALITY_BEFORE["questions"][0],
                "evidence_hint": "The provision relied on: the instrument, its article and its "
                "date.",
            },
            {
                "id": "legality.law_public",
                "kind": "yes_no",
                "prompt": "Is the law published and available to the people it affects?",
                "help": "People can only foresee how a law applies if they can read it.",
                "sources": SOURCE,
            },
        ],
    }
    assert duplicates(_synthetic(after)) == {}


def test_no_fact_is_asked_twice_in_the_bank() -> None:
    found = duplicates(_bank())
    unexplained = [
        f"{a} and {b} both ask for: {', '.join(sorted(shared))}"
        for (a, b), shared in sorted(found.items())
        if (a, b) not in ACCEPTED
    ]
    assert not unexplained, "merge them, or accept the pair with a reason:\n" + "\n".join(
        unexplained
    )


@pytest.mark.parametrize("pair", sorted(ACCEPTED), ids="->".join)
def test_every_accepted_pair_is_still_found(pair: Pair) -> None:
    """An accepted pair the audit no longer finds was fixed: take it off the list."""
    assert pair in duplicates(_bank())


def test_the_merged_pairs_are_asked_once() -> None:
    bank = _bank()
    assert "legality.provision" not in bank.questions
    assert not bank.questions["necessity.pressing_need"].expects_evidence
    assert bank.questions["necessity.need_evidenced"].expects_evidence
    found = duplicates(bank)
    assert ("legality.legal_basis", "legality.law_public") not in found
    assert ("necessity.pressing_need", "necessity.need_evidenced") not in found
