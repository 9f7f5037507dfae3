"""The steps of the review interview that ask something: a challenge, an opinion on a flag,
the findings the assessment missed, the overall opinion and the sign-off. Each one that
changes the review hands the new review to `save` at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hria.interview.asking import ask_value, help_text
from hria.interview.prompts import BACK, SKIP, Keys, Prompter
from hria.models.bank import Bank, Question
from hria.models.base import Severity
from hria.models.findings import Flag
from hria.models.review import (
    DECISION_LABELS,
    AnswerReview,
    AnswerVerdict,
    FlagOpinion,
    MissedFinding,
    Opinion,
    Review,
    SignOff,
)

Save = Callable[[Review], None]
EVIDENCE = "separate with ';'"


def _required(text: str) -> str | None:
    return None if text.strip() else "this cannot be left empty"


def _evidence(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def challenge(prompter: Prompter, bank: Bank, question: Question) -> AnswerReview | None:
    """The reviewer's own answer, through the control the assessment interview uses for the
    question, then the evidence and a comment; None to go back to accept or challenge."""
    keys = Keys(help=help_text(bank, question, None), back=True)
    value = ask_value(prompter, question, None, keys)
    if value in (BACK, SKIP):
        return None
    evidence = prompter.text(f"Your evidence ({EVIDENCE}; empty if none)", "")
    comment = prompter.text("Why do you challenge it? (optional)", "").strip()
    return AnswerReview(
        verdict=AnswerVerdict.CHALLENGED,
        value=value,
        evidence=_evidence(evidence),
        comment=comment or None,
    )


def ask_flag(prompter: Prompter, flag: Flag) -> FlagOpinion:
    keys = Keys(help=" ".join(flag.rationale.split()))
    choices = [
        ("agree", "Agree with this flag"),
        ("disagree", "Disagree: it should not be raised"),
        ("severity", "It stands, but its severity should differ"),
    ]
    picked = prompter.select("Your opinion on this flag", choices, None, keys)
    if picked == "agree":
        return FlagOpinion.model_validate({"opinion": "agree"})
    severity = None
    if picked == "severity":
        others = [(s.value, s.label) for s in Severity if s is not flag.severity]
        severity = prompter.select("Which severity should it have?", others)
    why = prompter.text("Why?", "", _required).strip()
    return FlagOpinion.model_validate({"opinion": picked, "severity": severity, "why": why})


def ask_missed(prompter: Prompter, bank: Bank, review: Review, save: Save) -> None:
    """Findings the assessment missed, one at a time, each saved as it is given."""
    while True:
        count = len(review.missed)
        choices = [("add", "Add a finding the assessment missed"), ("done", "Continue")]
        if prompter.select(f"Findings the assessment missed ({count} so far)", choices) == "done":
            return
        gate = prompter.select("Which gate of the test does it belong to?", _gates(bank))
        title = prompter.text("What was missed, in one line", "", _required).strip()
        severities = [(s.value, s.label) for s in Severity]
        severity = prompter.select("How serious is it?", severities)
        description = prompter.text("Describe it (optional)", "").strip()
        evidence = prompter.text(f"What shows it? ({EVIDENCE})", "", _required)
        finding = MissedFinding.model_validate(
            {
                "gate": gate,
                "title": title,
                "severity": severity,
                "description": description or None,
                "evidence": _evidence(evidence),
            }
        )
        review = review.model_copy(update={"missed": [*review.missed, finding]})
        save(review)


def _gates(bank: Bank) -> list[tuple[str, str]]:
    return [(g.id, g.title) for g in bank.gates]


def ask_opinion(prompter: Prompter, verdict: str, review: Review, save: Save) -> None:
    agrees = prompter.select(
        f"The verdict is: {verdict}. Do you agree with it?",
        [("yes", "Yes, I agree with the verdict"), ("no", "No, I do not")],
    )
    decisions = [(d.value, label) for d, label in DECISION_LABELS.items()]
    recommended = prompter.select("Which decision do you recommend?", decisions)
    comment = prompter.text("Your overall comment (optional)", "").strip()
    opinion: dict[str, Any] = {
        "agrees_with_verdict": agrees == "yes",
        "recommended": recommended,
        "comment": comment or None,
    }
    save(review.model_copy(update={"opinion": Opinion.model_validate(opinion)}))


def ask_signoff(prompter: Prompter, review: Review, today: dt.date, save: Save) -> None:
    choices = [("sign", "Sign the review now"), ("later", "Leave it unsigned for now (a draft)")]
    if prompter.select("Sign the review?", choices) == "later":
        return
    name = prompter.text("Signed by", review.reviewer.name, _required).strip()
    save(review.model_copy(update={"signed": SignOff(name=name, date=today)}))
