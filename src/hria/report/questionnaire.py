"""The whole bank as a blank questionnaire an officer can send to a vendor or print."""

from __future__ import annotations

from typing import Any

from hria.bank.listing import cite
from hria.bank.numbering import Numbering
from hria.models.bank import Bank, ChoiceQuestion, NumberQuestion, Question, Section


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
        "condition": numbering.words(section.when),
        "questions": [_question(bank, numbering, q) for q in section.questions],
    }


def _question(bank: Bank, numbering: Numbering, question: Question) -> dict[str, Any]:
    evidence = None
    if question.expects_evidence:
        evidence = question.evidence_hint or "Cite the documents that support the answer."
    return {
        "number": numbering.numbers[question.id],
        "id": question.id,
        "prompt": question.prompt,
        "help": question.help,
        "required": question.required,
        "condition": numbering.words(question.when),
        "answer_kind": _kind_words(question),
        "options": _options(question),
        "evidence": evidence,
        "sources": [cite(bank, s) for s in question.sources],
    }


def _kind_words(question: Question) -> str:
    if isinstance(question, NumberQuestion):
        unit = f" ({question.unit})" if question.unit else ""
        return f"A {'whole ' if question.integer else ''}number{unit}, or “unknown”"
    return {
        "yes_no": "Yes, no or unknown",
        "single_choice": "Choose one, or “unknown”",
        "multiple_choice": "Choose all that apply, or “unknown”",
        "text": "Free text, or “unknown”",
        "date": "A date (YYYY-MM-DD), or “unknown”",
    }[question.kind]


def _options(question: Question) -> list[str]:
    if isinstance(question, ChoiceQuestion):
        return [c.label for c in question.choices] + ["Unknown"]
    if question.kind == "yes_no":
        return ["Yes", "No", "Unknown"]
    return []


def render_questionnaire(bank: Bank, output_format: str) -> str:
    """The blank questionnaire as Markdown or HTML, through the report templates."""
    from hria.report.jinja import render

    return render(f"questionnaire.{output_format}.j2", questionnaire_context(bank))
