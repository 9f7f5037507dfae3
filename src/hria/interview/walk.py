"""The interview: walks the bank, saves after every answer, shows new flags, reviews each
section, and finishes the assessment. Talks to people only through a Prompter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hria.bank.numbering import Numbering
from hria.domain.engine import assess
from hria.domain.flow import new_flags, with_answer
from hria.i18n import _
from hria.interview.asking import ask
from hria.interview.progress import (
    STYLES,
    applying_sections,
    change_lines,
    flag_line,
    review_lines,
    where,
)
from hria.interview.prompts import BACK, SKIP, Prompter
from hria.interview.screen import offer_stop, with_scope
from hria.interview.session import Session
from hria.models.assessment import Answer, Assessment, Scope, Status
from hria.models.bank import Bank
from hria.models.findings import Evaluation

CONTINUE = "__continue__"
Only = Callable[[str], bool] | None

__all__ = ["CONTINUE", "Interview"]


class Interview:
    def __init__(self, bank: Bank, session: Session, prompter: Prompter, today: dt.date) -> None:
        self.bank = bank
        self.session = session
        self.prompter = prompter
        self.today = today
        self.numbering = Numbering(bank)
        self.evaluation: Evaluation = self._evaluate()
        self.offer_screen = False  # offer to stop once the screen is answered (a new file)

    @property
    def assessment(self) -> Assessment:
        return self.session.assessment

    def _evaluate(self) -> Evaluation:
        return assess(self.bank, self.assessment, self.today)

    def refresh(self) -> None:
        """Re-evaluate after the file changed other than by an answer."""
        self.evaluation = self._evaluate()

    def _order(self, only: Only) -> list[str]:
        """The questions that apply now (kept by the last evaluation), those `only` selects."""
        return [q for q in self.evaluation.visible if not only or only(q)]

    def run(self, only: Only = None, revisit: bool = False) -> Evaluation:
        """Ask the visible questions that `only` selects (all by default): unanswered ones, or
        every one when `revisit`. Each section ends with a review."""
        cursor, forced, asked_in = 0, False, ""
        while True:
            order = self._order(only)
            if cursor >= len(order):
                break
            qid = order[cursor]
            section = self.bank.section_of[qid].id
            if asked_in and section != asked_in:
                if self._leave(asked_in, qid):
                    return self.evaluation
                asked_in = ""
            if qid in self.assessment.answers and not (revisit or forced):
                cursor += 1
                continue
            if not asked_in:
                self._enter(section)
            asked_in, forced = section, False
            cursor, forced = self._move(self.ask_one(qid, order), qid, cursor, only)
            if forced and self.bank.section_of[order[cursor]].id != section:
                asked_in = ""  # stepping back out of a section is not finishing it
        if asked_in:
            self.review(asked_in)
        return self.evaluation

    def _move(self, reply: str, qid: str, cursor: int, only: Only) -> tuple[int, bool]:
        """Where the walk goes after a reply, and whether it goes back."""
        if reply == SKIP:
            return cursor + 1, False
        if reply == BACK:
            return max(cursor - 1, 0), True
        return self._after(qid, only), False

    def _leave(self, section_id: str, next_qid: str) -> bool:
        """A section is done: review it, then offer to stop if that ends the screen."""
        self.review(section_id)
        return self._stops_at_screen(next_qid)

    def _stops_at_screen(self, next_qid: str) -> bool:
        """At the first question past the screen of a new assessment, offer to stop there."""
        if not self.offer_screen or next_qid in self.bank.screening_questions:
            return False
        self.offer_screen = False
        if not offer_stop(self.prompter, self.bank, self.evaluation, self._order(None)):
            return False
        self.session.save(with_scope(self.assessment, Scope.SCREENING))
        self.evaluation = self._evaluate()
        return True

    def _after(self, qid: str, only: Only) -> int:
        order = self._order(only)
        return order.index(qid) + 1 if qid in order else 0

    def _enter(self, section_id: str) -> None:
        section = next(s for s in self.bank.sections if s.id == section_id)
        sections = applying_sections(self.bank, self._order(None))
        number = sections.index(section_id) + 1 if section_id in sections else len(sections)
        heading = _("%(title)s (section %(number)s of %(count)s)")
        self.prompter.show(
            "\n" + heading % {"title": section.title, "number": number, "count": len(sections)},
            "bold",
        )
        self.prompter.show(section.intro.strip())

    def ask_one(self, qid: str, order: list[str]) -> str:
        question = self.bank.questions[qid]
        answers = self.assessment.answers
        done = sum(1 for q in order if q in answers)
        to_go = sum(1 for q in order if q not in answers)
        self.prompter.show(f"[{self.numbering.numbers[qid]}] {where(done, to_go)}", style="dim")
        condition = self.numbering.words(question.when)
        reply = ask(self.prompter, self.bank, question, answers.get(qid), condition)
        if isinstance(reply, str):
            return reply
        self.record(qid, reply)
        return qid

    def record(self, qid: str, answer: Answer) -> None:
        """Save at once, then tell the user what the answer changed."""
        hidden_before = set(self.evaluation.hidden_answers)
        before_order = [q for q in self._order(None) if q != qid]
        updated = with_answer(self.assessment, qid, answer, self.today)
        self.session.save(_as_draft(updated))
        before, self.evaluation = self.evaluation, self._evaluate()
        for flag in new_flags(before, self.evaluation):
            line = _("flag: %(flag)s") % {"flag": flag_line(flag)}
            self.prompter.show(f"  {line}", style=STYLES[flag.severity])
        after_order = [q for q in self._order(None) if q != qid]
        for line in change_lines(self.bank, before_order, after_order, answer):
            self.prompter.show(f"  {line}")
        now_hidden = set(self.evaluation.hidden_answers) - hidden_before
        if now_hidden:
            names = ", ".join(sorted(now_hidden))
            gone = _("Now not applicable (kept in the file, not evaluated): %(names)s")
            self.prompter.show("  " + gone % {"names": names})

    def review(self, section_id: str) -> None:
        """Show the section's answers in full; the user may pick any to change, or continue."""
        while True:
            rows = [q for q in self._order(None) if self.bank.section_of[q].id == section_id]
            title = self.bank.section_of[rows[0]].title if rows else section_id
            self.prompter.show("\n" + _("Review: %(title)s") % {"title": title}, style="bold")
            answers = dict(self.assessment.answers)
            for text, style in review_lines(
                self.bank, self.numbering, rows, answers, self.evaluation.flags
            ):
                self.prompter.show(text, style=style)
            choices = [(CONTINUE, _("Continue"))] + [
                (q, _("Change %(number)s") % {"number": self.numbering.numbers[q]}) for q in rows
            ]
            asked = _("Review: %(title)s. Change an answer?") % {"title": title}
            picked = self.prompter.select(asked, choices, CONTINUE)
            if picked == CONTINUE:
                return
            self.ask_one(picked, rows)

    def finish(self) -> Evaluation:
        """Mark complete when every required visible question is answered; else stay draft."""
        status = Status.COMPLETE if self.evaluation.complete else Status.DRAFT
        metadata = self.assessment.metadata.model_copy(update={"status": status})
        self.session.save(self.assessment.model_copy(update={"metadata": metadata}))
        self.evaluation = self._evaluate()
        return self.evaluation


def _as_draft(assessment: Assessment) -> Assessment:
    if assessment.metadata.status is Status.DRAFT:
        return assessment
    metadata = assessment.metadata.model_copy(update={"status": Status.DRAFT})
    return assessment.model_copy(update={"metadata": metadata})
