"""The steps of the review interview that ask something: a challenge, an opinion on a flag,
the findings the assessment missed, the overall opinion and the sign-off. Each one that
changes the review hands the new review to `save` at once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from hria.bank.words import severity_word
from hria.i18n import N_, _
from hria.interview.asking import ask_value, help_text
from hria.interview.prompts import BACK, SKIP, Keys, Prompter
from hria.models.bank import Bank, Question
from hria.models.base import Severity
from hria.models.findings import Flag
from hria.models.review import (
    AnswerReview,
    AnswerVerdict,
    Decision,
    FlagOpinion,
    MissedFinding,
    Opinion,
    Review,
    SignOff,
)

Save = Callable[[Review], None]
#: What changed in an answer since the review saw it (a `Change`'s text), as a sentence.
CHANGES = {
    "removed": N_("%(question)s: answer removed; it is asked again"),
    "value": N_("%(question)s: answer changed; it is asked again"),
    "remarks": N_("%(question)s: note or evidence changed; it is asked again"),
}


def _required(text: str) -> str | None:
    return None if text.strip() else _("this cannot be left empty")


def _evidence(text: str) -> list[str]:
    return [part.strip() for part in text.split(";") if part.strip()]


def challenge(prompter: Prompter, bank: Bank, question: Question) -> AnswerReview | None:
    """The reviewer's own answer, through the control the assessment interview uses for the
    question, then the evidence and a comment; None to go back to accept or challenge."""
    keys = Keys(help=help_text(bank, question, None), back=True)
    value = ask_value(prompter, question, None, keys, bank.lang)
    if value in (BACK, SKIP):
        return None
    evidence = prompter.text(_("Your evidence (separate with ';'; empty if none)"), "")
    comment = prompter.text(_("Why do you challenge it? (optional)"), "").strip()
    return AnswerReview(
        verdict=AnswerVerdict.CHALLENGED,
        value=value,
        evidence=_evidence(evidence),
        comment=comment or None,
    )


def ask_flag(prompter: Prompter, flag: Flag) -> FlagOpinion:
    keys = Keys(help=" ".join(flag.rationale.split()))
    choices = [
        ("agree", _("Agree with this flag")),
        ("disagree", _("Disagree: it should not be raised")),
        ("severity", _("It stands, but its severity should differ")),
    ]
    picked = prompter.select(_("Your opinion on this flag"), choices, None, keys)
    if picked == "agree":
        return FlagOpinion.model_validate({"opinion": "agree"})
    severity = None
    if picked == "severity":
        others = [(s.value, severity_word(s)) for s in Severity if s is not flag.severity]
        severity = prompter.select(_("Which severity should it have?"), others)
    why = prompter.text(_("Why?"), "", _required).strip()
    return FlagOpinion.model_validate({"opinion": picked, "severity": severity, "why": why})


def ask_missed(prompter: Prompter, bank: Bank, review: Review, save: Save) -> None:
    """Findings the assessment missed, one at a time, each saved as it is given."""
    while True:
        count = len(review.missed)
        choices = [("add", _("Add a finding the assessment missed")), ("done", _("Continue"))]
        asked = _("Findings the assessment missed (%(count)s so far)") % {"count": count}
        if prompter.select(asked, choices) == "done":
            return
        gate = prompter.select(_("Which gate of the test does it belong to?"), _gates(bank))
        title = prompter.text(_("What was missed, in one line"), "", _required).strip()
        severities = [(s.value, severity_word(s)) for s in Severity]
        severity = prompter.select(_("How serious is it?"), severities)
        description = prompter.text(_("Describe it (optional)"), "").strip()
        evidence = prompter.text(_("What shows it? (separate with ';')"), "", _required)
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
        _("The verdict is: %(verdict)s. Do you agree with it?") % {"verdict": verdict},
        [("yes", _("Yes, I agree with the verdict")), ("no", _("No, I do not"))],
    )
    decisions = [(d.value, _(d.label)) for d in Decision]
    recommended = prompter.select(_("Which decision do you recommend?"), decisions)
    comment = prompter.text(_("Your overall comment (optional)"), "").strip()
    opinion: dict[str, Any] = {
        "agrees_with_verdict": agrees == "yes",
        "recommended": recommended,
        "comment": comment or None,
    }
    save(review.model_copy(update={"opinion": Opinion.model_validate(opinion)}))


def ask_signoff(prompter: Prompter, review: Review, today: dt.date, save: Save) -> None:
    choices = [
        ("sign", _("Sign the review now")),
        ("later", _("Leave it unsigned for now (a draft)")),
    ]
    if prompter.select(_("Sign the review?"), choices) == "later":
        return
    name = prompter.text(_("Signed by"), review.reviewer.name, _required).strip()
    save(review.model_copy(update={"signed": SignOff(name=name, date=today)}))
