"""Asking one question through a Prompter: the control that fits its kind, help on request,
going back, validation, and evidence for claims. Returns an Answer, or BACK."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from hria.bank.listing import cite
from hria.domain.scopes import is_claim
from hria.i18n import N_, _
from hria.interview.problems import answer_problem
from hria.interview.prompts import BACK, SKIP, Choices, Keys, Prompter
from hria.interview.reading import read_date, read_number
from hria.models.assessment import UNKNOWN, Answer
from hria.models.bank import Bank, ChoiceQuestion, MultipleChoiceQuestion, NumberQuestion, Question

REQUIRED_HINT = N_("'unknown' if you do not know")
OPTIONAL_HINT = N_("optional: Enter on an empty line skips")


def help_text(bank: Bank, question: Question, condition: str | None) -> str:
    lines = [_("Why we ask: %(help)s") % {"help": question.help.strip()}]
    if condition:
        lines.append(condition)
    if question.expects_evidence:
        hint = question.evidence_hint or _("the documents behind a yes")
        lines.append(_("Evidence expected: %(hint)s") % {"hint": hint})
    sources = "; ".join(cite(bank, s) for s in question.sources)
    lines.append(_("Sources: %(sources)s") % {"sources": sources})
    return "\n".join(lines)


def ask(
    prompter: Prompter,
    bank: Bank,
    question: Question,
    current: Answer | None,
    condition: str | None,
) -> Answer | str:
    """Ask until a valid answer, or BACK (or SKIP for an optional question left empty). The
    control's `?` key prints the help above it, never cut, and the control stays as it was."""
    keys = Keys(help=help_text(bank, question, condition), back=True)
    while True:
        value = _ask_value(prompter, question, current, keys, bank.lang)
        if value in (BACK, SKIP):
            return str(value)
        answer = Answer(value=value)
        if question.expects_evidence and is_claim(question, answer):
            substantiated = _substantiate(prompter, question, answer, current, keys)
            if substantiated is None:
                continue  # back at the evidence prompt: ask the question again
            return substantiated
        note = current.note if current else None
        evidence = current.evidence if current else []
        return answer.model_copy(update={"note": note, "evidence": evidence})


def ask_value(
    prompter: Prompter, question: Question, current: Answer | None, keys: Keys, lang: str = "en"
) -> Any:
    """A value of the question's kind through the control that fits it (BACK, or SKIP for an
    optional question left empty), as the assessment interview asks it; nothing more."""
    return _ask_value(prompter, question, current, keys, lang)


def _ask_value(
    prompter: Prompter, question: Question, current: Answer | None, keys: Keys, lang: str
) -> Any:
    """The value given; an unanswered single choice starts on no answer (Enter is refused).
    Numbers and dates are read as people write them in `lang` ("2.000.000" in Spanish)."""
    default = current.value if current else None
    if question.kind == "yes_no":
        choices: Choices = [("yes", _("Yes")), ("no", _("No")), (UNKNOWN, _("Unknown"))]
        return prompter.select(question.prompt, choices, _str(default), keys)
    if isinstance(question, ChoiceQuestion) and not isinstance(question, MultipleChoiceQuestion):
        options = [(c.value, c.label) for c in question.choices] + [(UNKNOWN, _("Unknown"))]
        return prompter.select(question.prompt, options, _str(default), keys)
    if isinstance(question, MultipleChoiceQuestion):
        return _ask_multiple(prompter, question, default, keys)
    return _ask_text(prompter, question, default, keys, lang)


def _ask_multiple(
    prompter: Prompter, question: MultipleChoiceQuestion, default: Any, keys: Keys
) -> Any:
    options = [(c.value, c.label) for c in question.choices] + [(UNKNOWN, _("Unknown"))]
    alone = [UNKNOWN] + [c.value for c in question.choices if c.exclusive]
    ticked = default if isinstance(default, list) else ([UNKNOWN] if default == UNKNOWN else [])
    while True:
        picked = prompter.checkbox(question.prompt, options, ticked, keys, alone)
        if BACK in picked:
            return BACK
        value: Any = UNKNOWN if UNKNOWN in picked else picked
        if UNKNOWN in picked and len(picked) > 1:
            problem: str | None = _("'Unknown' cannot be combined with other choices")
        else:
            problem = answer_problem(question, value)
        if problem is None:
            return value
        prompter.show(f"  {problem}", style="bold")
        ticked = picked


def _ask_text(prompter: Prompter, question: Question, default: Any, keys: Keys, lang: str) -> Any:
    def check(raw: str) -> str | None:
        text = raw.strip()
        if not text and not question.required:
            return None
        return answer_problem(question, _parse(question, text, lang))

    shown = "" if default is None else _str(default) or ""
    hint = _(REQUIRED_HINT) if question.required else _(OPTIONAL_HINT)
    raw = prompter.text(question.prompt, shown, check, replace(keys, hint=hint)).strip()
    if raw == BACK:
        return BACK
    return SKIP if not raw else _parse(question, raw, lang)


def _parse(question: Question, text: str, lang: str = "en") -> Any:
    if text.lower() == UNKNOWN:
        return UNKNOWN
    if isinstance(question, NumberQuestion):
        number = read_number(text, lang)
        if number is None:
            return text
        return int(number) if number.is_integer() else number
    if question.kind == "date":
        return read_date(text, lang) or text
    return text


def _substantiate(
    prompter: Prompter, question: Question, answer: Answer, current: Answer | None, keys: Keys
) -> Answer | None:
    """A claim that needs evidence: ask for references and a note (both may stay empty). Back at
    the evidence returns None (the question again); back at the note returns to the evidence."""
    hint = question.evidence_hint or _("the document that supports this answer")
    typed = "; ".join(current.evidence) if current else ""
    note = (current.note or "") if current else ""
    asked = _("Evidence: %(hint)s (separate with ';', empty if none)") % {"hint": hint}
    while True:
        raw = prompter.text(asked, typed, None, keys)
        if raw == BACK:
            return None
        typed = raw
        note = prompter.text(_("Note (optional)"), note, None, keys)
        if note != BACK:
            break
        note = (current.note or "") if current else ""
    evidence = [part.strip() for part in typed.split(";") if part.strip()]
    if not evidence:
        prompter.show(
            "  " + _("No evidence given: the answer is saved and flagged as unsubstantiated.")
        )
    return answer.model_copy(update={"evidence": evidence, "note": note.strip() or None})


def _str(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
