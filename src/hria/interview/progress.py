"""What the interview tells people as they go: where they are, what an answer opened or closed,
the flags it raised, and each section's answers in full. Plain text and styles; no prompting."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

from hria.bank.numbering import Numbering
from hria.domain.flow import shown_value
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
    why = " (answer unknown)" if flag.basis == "unknown" else ""
    mark = MARKS[flag.severity]
    return f"{mark} {flag.code} {flag.severity.label.upper()}: {flag.title}{why}"


def where(answered: int, to_go: int) -> str:
    """The progress line: what is done and what is left, as the answers stand now."""
    left = "1 question to go" if to_go == 1 else f"{to_go} questions to go"
    return f"{answered} answered, {left} as the answers stand"


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
    if opened:
        lead = "Answering 'unknown' keeps" if answer.is_unknown else "This answer adds"
        tail = " open until the facts are known" if answer.is_unknown else ""
        lines.append(f"{lead} {_count(opened)} {_where(bank, opened)}{tail}.")
    if closed:
        lines.append(
            f"This answer takes {_count(closed)} {_where(bank, closed)} out of the interview."
        )
    return lines


def _count(qids: Sequence[str]) -> str:
    return "1 question" if len(qids) == 1 else f"{len(qids)} questions"


def _where(bank: Bank, qids: Sequence[str]) -> str:
    by_section = Counter(bank.section_of[q].title for q in qids)
    parts = [f"{n} on {title}" for title, n in by_section.items()]
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
        lines.append((f"    {shown_value(question, answer)}", ""))
        if answer is not None and answer.note:
            lines.append((f"    note: {answer.note.strip()}", "dim"))
        evidence = answer.evidence if answer is not None else []
        lines.extend((f"    evidence: {item}", "dim") for item in evidence)
        raised = [f for f in flags if any(t.ref == qid for t in f.triggers)]
        lines.extend((f"    {flag_line(f)}", STYLES[f.severity]) for f in raised)
    return lines
