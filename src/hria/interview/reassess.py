"""Taking over a file that was not written by the interview: placeholders left by a skeleton
are asked first, then answers carried over from an earlier assessment are confirmed or
changed, section by section; then the interview asks what is still unanswered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hria.domain.flow import visible
from hria.errors import HriaError
from hria.interview.carry import Carried, Given, carry, same_file
from hria.interview.progress import review_lines
from hria.interview.prompts import Prompter
from hria.interview.session import Session
from hria.interview.walk import Interview
from hria.models.assessment import Answer
from hria.models.bank import Bank, Section

KEEP = "__keep__"


def check_from(old: Path, path: Path, force: bool) -> None:
    """The mistakes `hria new --from` refuses before anything is read or asked."""
    if not old.exists():
        raise HriaError(f"no such file: {old}", hint="name the earlier assessment to start from")
    if same_file(old, path):
        raise HriaError(
            f"{old} is both the earlier assessment and the new one",
            hint="a re-assessment goes to a new file: name another one",
        )
    if path.exists() and not force:
        raise HriaError(f"{path} exists already", hint="name another file, or use --force")


def new_from(
    bank: Bank, old: Path, path: Path, prompter: Prompter, today: dt.date, force: bool, given: Given
) -> int:
    """`hria new --from OLD NEW`: a re-assessment, saved at once, then the interview."""
    from hria.interview.commands import _interview
    from hria.interview.start import check_target

    check_from(old, path, force)
    check_target(path)
    carried = carry(bank, old, today, given)
    replacing = path.read_bytes() if path.exists() else None
    session = Session(path, carried.assessment, None, replacing=replacing)

    def walk(interview: Interview) -> None:
        session.save(interview.assessment)
        _report(prompter, old, carried)
        take_over(interview)
        interview.run()

    return _interview(bank, session, prompter, today, walk, None)


def _report(prompter: Prompter, old: Path, carried: Carried) -> None:
    count = len(carried.assessment.answers)
    prompter.show(f"A re-assessment of {old}: {count} answer(s) carried over.", style="bold")
    for qid, why in carried.dropped:
        prompter.show(f"  not carried over: {qid} ({why}); it stays in {old}")
    if carried.hidden:
        names = ", ".join(carried.hidden)
        prompter.show(f"  carried over but not applicable now (kept, not evaluated): {names}")


def take_over(interview: Interview) -> None:
    """What comes before the first unanswered question of a file written by hand or carried
    over: the metadata still to fill in, then the carried-over answers to confirm."""
    fill_placeholders(interview)
    confirm_carried(interview)


def resume_walk(interview: Interview) -> None:
    take_over(interview)
    interview.run()


def fill_placeholders(interview: Interview) -> None:
    from hria.interview.intake import _ask_field

    metadata = interview.assessment.metadata
    if not metadata.placeholders:
        return
    interview.prompter.show("First, the metadata still marked TO FILL IN.", style="bold")
    for name in metadata.placeholders:
        metadata = metadata.model_copy(update={name: _ask_field(interview.prompter, name)})
        interview.session.save(interview.assessment.model_copy(update={"metadata": metadata}))


def confirm_carried(interview: Interview) -> None:
    """Per section, the carried-over answers that apply: keep them all, or change some."""
    assessment = interview.assessment
    if not assessment.carried:
        return
    previous = assessment.metadata.previous
    source = f"“{previous.title}” ({previous.date.isoformat()})" if previous else "earlier"
    interview.prompter.show(
        f"\nAnswers carried over from {source}: confirm or change them, section by section.",
        style="bold",
    )
    for section in interview.bank.sections:
        _confirm_section(interview, section)
    hidden = interview.assessment.carried
    if hidden:
        interview.prompter.show(
            "  Carried over but not applicable now (kept in the file, not evaluated, still "
            f"marked carried over): {', '.join(hidden)}"
        )


def _confirm_section(interview: Interview, section: Section) -> None:
    bank, numbering = interview.bank, interview.numbering
    while True:
        answers = interview.assessment.answers
        rows = [
            q
            for q in visible(bank, answers)
            if bank.section_of[q].id == section.id and q in answers and answers[q].carried_over
        ]
        if not rows:
            return
        interview.prompter.show(f"\nCarried over: {section.title}", style="bold")
        lines = review_lines(bank, numbering, rows, dict(answers), interview.evaluation.flags)
        for text, style in lines:
            interview.prompter.show(text, style=style)
        choices = [(KEEP, f"Keep all {len(rows)} as they are")]
        choices += [(q, f"Change {numbering.numbers[q]}") for q in rows]
        picked = interview.prompter.select(
            f"Carried over: {section.title}. Keep these answers?", choices, KEEP
        )
        if picked == KEEP:
            _confirm(interview, rows)
            return
        interview.ask_one(picked, rows)  # a new answer clears the mark


def _confirm(interview: Interview, qids: list[str]) -> None:
    assessment = interview.assessment
    answers: dict[str, Answer] = dict(assessment.answers)
    for qid in qids:
        answers[qid] = answers[qid].model_copy(update={"carried_over": None})
    metadata = assessment.metadata.model_copy(update={"updated": interview.today})
    interview.session.save(assessment.model_copy(update={"answers": answers, "metadata": metadata}))
