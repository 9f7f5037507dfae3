"""Asking one question through a Prompter: the control that fits its kind, help on request,
going back, validation, and evidence for claims. Returns an Answer, or BACK."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hria.bank.listing import cite
from hria.domain.answers import value_problem
from hria.domain.scopes import is_claim
from hria.interview.prompts import BACK, HELP, SKIP, Choices, Prompter
from hria.models.assessment import UNKNOWN, Answer
from hria.models.bank import Bank, ChoiceQuestion, MultipleChoiceQuestion, NumberQuestion, Question

TEXT_HINT = "  (? for why we ask, < to go back, 'unknown' if you do not know)"
OPTIONAL_HINT = "  (optional: Enter to skip; ? for why we ask, < to go back)"
EXTRA: Choices = [(HELP, "? Why we ask, and sources"), (BACK, "< Back")]


def help_text(bank: Bank, question: Question, condition: str | None) -> str:
    lines = [f"Why we ask: {question.help.strip()}"]
    if condition:
        lines.append(condition)
    if question.expects_evidence:
        lines.append(f"Evidence expected: {question.evidence_hint or 'the documents behind a yes'}")
    lines.append("Sources: " + "; ".join(cite(bank, s) for s in question.sources))
    return "\n".join(lines)


def ask(
    prompter: Prompter,
    bank: Bank,
    question: Question,
    current: Answer | None,
    condition: str | None,
) -> Answer | str:
    """Ask until a valid answer, or BACK. Help is printed above the prompt, never cut."""
    while True:
        value = _ask_value(prompter, question, current)
        if value == HELP:
            prompter.show(help_text(bank, question, condition), style="dim")
            continue
        if value in (BACK, SKIP):
            return str(value)
        answer = Answer(value=value)
        if question.expects_evidence and is_claim(question, answer):
            substantiated = _substantiate(prompter, question, answer, current)
            if substantiated is None:
                continue  # '<' at the evidence prompt: ask the question again
            return substantiated
        note = current.note if current else None
        evidence = current.evidence if current else []
        return answer.model_copy(update={"note": note, "evidence": evidence})


def _ask_value(prompter: Prompter, question: Question, current: Answer | None) -> Any:
    default = current.value if current else None
    if question.kind == "yes_no":
        choices: Choices = [("yes", "Yes"), ("no", "No"), (UNKNOWN, "Unknown")]
        return prompter.select(question.prompt, choices + EXTRA, _str(default))
    if isinstance(question, ChoiceQuestion) and not isinstance(question, MultipleChoiceQuestion):
        options = [(c.value, c.label) for c in question.choices] + [(UNKNOWN, "Unknown")]
        return prompter.select(question.prompt, options + EXTRA, _str(default))
    if isinstance(question, MultipleChoiceQuestion):
        return _ask_multiple(prompter, question, default)
    return _ask_text(prompter, question, default)


def _ask_multiple(prompter: Prompter, question: MultipleChoiceQuestion, default: Any) -> Any:
    options = [(c.value, c.label) for c in question.choices] + [(UNKNOWN, "Unknown")]
    ticked = default if isinstance(default, list) else ([UNKNOWN] if default == UNKNOWN else [])
    while True:
        picked = prompter.checkbox(question.prompt, options + EXTRA, ticked)
        for special in (HELP, BACK):
            if special in picked:
                return special
        value: Any = UNKNOWN if UNKNOWN in picked else picked
        if UNKNOWN in picked and len(picked) > 1:
            problem: str | None = "'Unknown' cannot be combined with other choices"
        else:
            problem = value_problem(question, value)
        if problem is None:
            return value
        prompter.show(f"  {problem}", style="bold")
        ticked = picked


def _ask_text(prompter: Prompter, question: Question, default: Any) -> Any:
    def check(raw: str) -> str | None:
        text = raw.strip()
        if text in ("?", "<") or (not text and not question.required):
            return None
        return value_problem(question, _parse(question, text))

    shown = "" if default is None else _str(default) or ""
    hint = TEXT_HINT if question.required else OPTIONAL_HINT
    raw = prompter.text(question.prompt + hint, shown, check).strip()
    specials = {"?": HELP, "<": BACK, "": SKIP}
    return specials[raw] if raw in specials else _parse(question, raw)


def _parse(question: Question, text: str) -> Any:
    if text.lower() == UNKNOWN:
        return UNKNOWN
    if isinstance(question, NumberQuestion):
        try:
            number = float(text)
        except ValueError:
            return text
        return int(number) if number.is_integer() else number
    if question.kind == "date":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _substantiate(
    prompter: Prompter, question: Question, answer: Answer, current: Answer | None
) -> Answer | None:
    """A claim that needs evidence: ask for references and a note (both may stay empty)."""
    hint = question.evidence_hint or "the document that supports this answer"
    old = "; ".join(current.evidence) if current else ""
    raw = prompter.text(f"Evidence: {hint} (separate with ';', empty if none, < back)", old)
    if raw.strip() == "<":
        return None
    evidence = [part.strip() for part in raw.split(";") if part.strip()]
    note = prompter.text("Note (optional)", (current.note or "") if current else "").strip()
    if not evidence:
        prompter.show("  No evidence given: the answer is saved and flagged as unsubstantiated.")
    return answer.model_copy(update={"evidence": evidence, "note": note or None})


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
