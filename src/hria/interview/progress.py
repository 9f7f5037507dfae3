"""What the interview tells people as they go: where they are, what an answer opened or closed,
the flags it raised, and each section's answers in full. Plain text and styles; no prompting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from hria.bank.numbering import Numbering
from hria.bank.words import answer_words, severity_word
from hria.i18n import _, ngettext
from hria.models.assessment import Answer
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Flag

#: A symbol per severity, so that they differ without colour too (NO_COLOR).
MARKS = {
    Severity.RED_LINE: "⛔",
    Severity.HIGH: "▲",
    Severity.MEDIUM: "●",
    Severity.LOW: "○",
    Severity.INFO: "·",
}
STYLES = {
    Severity.RED_LINE: "bold red",
    Severity.HIGH: "red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}


def flag_line(flag: Flag) -> str:
    why = " " + _("(answer unknown)") if flag.basis == "unknown" else ""
    mark = MARKS[flag.severity]
    return f"{mark} {flag.code} {severity_word(flag.severity).upper()}: {flag.title}{why}"


def where(answered: int, to_go: int) -> str:
    """The progress line: what is done and what is left, as the answers stand now."""
    return ngettext(
        "%(answered)s answered, %(count)s question to go as the answers stand",
        "%(answered)s answered, %(count)s questions to go as the answers stand",
        to_go,
    ) % {"answered": answered, "count": to_go}


def applying_sections(bank: Bank, visible: Iterable[str]) -> list[str]:
    """The sections with at least one question that applies now, in bank order."""
    present = {bank.section_of[q].id for q in visible}
    return [s.id for s in bank.sections if s.id in present]


def change_lines(
    bank: Bank, before: Sequence[str], after: Sequence[str], answer: Answer
) -> list[str]:
    """One line for the questions an answer opened, one for those it closed."""
    opened = [q for q in after if q not in set(before)]
    closed = [q for q in before if q not in set(after)]
    lines = []
    if opened and answer.is_unknown:
        text = ngettext(
            "Answering 'unknown' keeps %(count)s question %(where)s open until the facts are "
            "known.",
            "Answering 'unknown' keeps %(count)s questions %(where)s open until the facts are "
            "known.",
            len(opened),
        )
        lines.append(text % {"count": len(opened), "where": _where(bank, opened)})
    elif opened:
        text = ngettext(
            "This answer adds %(count)s question %(where)s.",
            "This answer adds %(count)s questions %(where)s.",
            len(opened),
        )
        lines.append(text % {"count": len(opened), "where": _where(bank, opened)})
    if closed:
        text = ngettext(
            "This answer takes %(count)s question %(where)s out of the interview.",
            "This answer takes %(count)s questions %(where)s out of the interview.",
            len(closed),
        )
        lines.append(text % {"count": len(closed), "where": _where(bank, closed)})
    return lines


def _where(bank: Bank, qids: Sequence[str]) -> str:
    by_section = Counter(bank.section_of[q].title for q in qids)
    parts = [
        _("%(count)s on %(section)s") % {"count": n, "section": t} for t, n in by_section.items()
    ]
    return f"({', '.join(parts)})"


def review_lines(
    bank: Bank,
    numbering: Numbering,
    rows: Sequence[str],
    answers: dict[str, Answer],
    flags: Sequence[Flag],
) -> list[tuple[str, str]]:
    """Each answer of a section in full: prompt, value, note, evidence and the flags it
    raises, as (text, style) pairs for `Prompter.show`, which wraps them."""
    lines: list[tuple[str, str]] = []
    for qid in rows:
        question, answer = bank.questions[qid], answers.get(qid)
        lines.append((f"{numbering.numbers[qid]} {question.prompt.strip()}", "bold"))
        lines.append((f"    {answer_words(question, answer)}", ""))
        if answer is not None and answer.note:
            lines.append(("    " + _("note: %(note)s") % {"note": answer.note.strip()}, "dim"))
        evidence = answer.evidence if answer is not None else []
        lines.extend(
            ("    " + _("evidence: %(item)s") % {"item": item}, "dim") for item in evidence
        )
        raised = [f for f in flags if any(t.ref == qid for t in f.triggers)]
        lines.extend((f"    {flag_line(f)}", STYLES[f.severity]) for f in raised)
    return lines
