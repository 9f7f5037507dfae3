"""The whole bank as a blank questionnaire an officer can send to a vendor or print."""

from __future__ import annotations

from typing import Any

from hria.bank.conditions import asked_only_if
from hria.bank.listing import cite
from hria.bank.numbering import Numbering
from hria.i18n import N_, _
from hria.models.bank import Bank, ChoiceQuestion, NumberQuestion, Question, Section

#: How each kind of question is answered, as the questionnaire says it.
KINDS = {
    "yes_no": N_("Yes, no or unknown"),
    "single_choice": N_("Choose one, or “unknown”"),
    "multiple_choice": N_("Choose all that apply, or “unknown”"),
    "text": N_("Free text, or “unknown”"),
    "date": N_("A date (YYYY-MM-DD), or “unknown”"),
}


def questionnaire_context(bank: Bank) -> dict[str, Any]:
    numbering = Numbering(bank)
    sections = [_section(bank, numbering, s, n) for n, s in enumerate(bank.sections, 1)]
    cited = sorted({s.instrument for q in bank.questions.values() for s in q.sources})
    return {
        "bank": {"id": bank.id, "version": bank.version, "title": bank.title},
        "description": bank.description,
        "sections": sections,
        "question_count": len(bank.questions),
        "instruments": [bank.instruments[i] for i in cited if i in bank.instruments],
    }


def _section(bank: Bank, numbering: Numbering, section: Section, number: int) -> dict[str, Any]:
    return {
        "number": number,
        "id": section.id,
        "title": section.title,
        "intro": section.intro,
        "condition": asked_only_if(numbering, section.when),
        "questions": [_question(bank, numbering, q) for q in section.questions],
    }


def _question(bank: Bank, numbering: Numbering, question: Question) -> dict[str, Any]:
    evidence = None
    if question.expects_evidence:
        evidence = question.evidence_hint or _("Cite the documents that support the answer.")
    return {
        "number": numbering.numbers[question.id],
        "id": question.id,
        "prompt": question.prompt,
        "help": question.help,
        "required": question.required,
        "condition": asked_only_if(numbering, question.when),
        "answer_kind": _kind_words(question),
        "options": _options(question),
        "evidence": evidence,
        "sources": [cite(bank, s) for s in question.sources],
    }


def _kind_words(question: Question) -> str:
    if isinstance(question, NumberQuestion):
        if question.unit:
            if question.integer:
                return _("A whole number (%(unit)s), or “unknown”") % {"unit": question.unit}
            return _("A number (%(unit)s), or “unknown”") % {"unit": question.unit}
        return (
            _("A whole number, or “unknown”") if question.integer else _("A number, or “unknown”")
        )
    return _(KINDS[question.kind])


def _options(question: Question) -> list[str]:
    if isinstance(question, ChoiceQuestion):
        return [c.label for c in question.choices] + [_("Unknown")]
    if question.kind == "yes_no":
        return [_("Yes"), _("No"), _("Unknown")]
    return []


def render_questionnaire(bank: Bank, output_format: str) -> str:
    """The blank questionnaire as Markdown or HTML, through the report templates."""
    from hria.i18n import using
    from hria.report.jinja import render

    with using(bank.lang):
        return render(f"questionnaire.{output_format}.j2", questionnaire_context(bank))
