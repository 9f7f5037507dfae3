"""Taking over a file that was not written by the interview: placeholders left by a skeleton
are asked first, then answers carried over from an earlier assessment are confirmed or
changed, section by section; then the interview asks what is still unanswered."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hria.domain.flow import visible
from hria.errors import HriaError
from hria.i18n import _, ngettext
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
        raise HriaError(
            _("no such file: %(path)s") % {"path": old},
            hint=_("name the earlier assessment to start from"),
        )
    if same_file(old, path):
        raise HriaError(
            _("%(path)s is both the earlier assessment and the new one") % {"path": old},
            hint=_("a re-assessment goes to a new file: name another one"),
        )
    if path.exists() and not force:
        raise HriaError(
            _("%(path)s exists already") % {"path": path},
            hint=_("name another file, or use --force"),
        )


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
    head = ngettext(
        "A re-assessment of %(path)s: %(count)s answer(s) carried over.",
        "A re-assessment of %(path)s: %(count)s answer(s) carried over.",
        count,
    )
    prompter.show(head % {"path": old, "count": count}, style="bold")
    for qid, why in carried.dropped:
        dropped = _("not carried over: %(id)s (%(why)s); it stays in %(path)s")
        prompter.show("  " + dropped % {"id": qid, "why": why, "path": old})
    if carried.hidden:
        names = ", ".join(carried.hidden)
        hidden = _("carried over but not applicable now (kept, not evaluated): %(names)s")
        prompter.show("  " + hidden % {"names": names})


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
    interview.prompter.show(_("First, the metadata still marked TO FILL IN."), style="bold")
    for name in metadata.placeholders:
        metadata = metadata.model_copy(update={name: _ask_field(interview.prompter, name)})
        interview.session.save(interview.assessment.model_copy(update={"metadata": metadata}))


def confirm_carried(interview: Interview) -> None:
    """Per section, the carried-over answers that apply: keep them all, or change some."""
    assessment = interview.assessment
    if not assessment.carried:
        return
    previous = assessment.metadata.previous
    if previous:
        source = f"“{previous.title}” ({previous.date.isoformat()})"
        said = _(
            "Answers carried over from %(source)s: confirm or change them, section by section."
        ) % {"source": source}
    else:
        said = _("Answers carried over from earlier: confirm or change them, section by section.")
    interview.prompter.show(f"\n{said}", style="bold")
    for section in interview.bank.sections:
        _confirm_section(interview, section)
    hidden = interview.assessment.carried
    if hidden:
        said = _(
            "Carried over but not applicable now (kept in the file, not evaluated, still "
            "marked carried over): %(names)s"
        ) % {"names": ", ".join(hidden)}
        interview.prompter.show(f"  {said}")


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
        head = _("Carried over: %(section)s") % {"section": section.title}
        interview.prompter.show(f"\n{head}", style="bold")
        lines = review_lines(bank, numbering, rows, dict(answers), interview.evaluation.flags)
        for text, style in lines:
            interview.prompter.show(text, style=style)
        choices = [(KEEP, _("Keep all %(count)s as they are") % {"count": len(rows)})]
        choices += [(q, _("Change %(number)s") % {"number": numbering.numbers[q]}) for q in rows]
        asked = _("Carried over: %(section)s. Keep these answers?") % {"section": section.title}
        picked = interview.prompter.select(asked, choices, KEEP)
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
