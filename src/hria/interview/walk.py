"""The interview: walks the bank, saves after every answer, shows new flags, reviews each
section, and finishes the assessment. Talks to people only through a Prompter."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from hria.bank.numbering import Numbering
from hria.domain.engine import assess
from hria.domain.flow import new_flags, shown_value, visible, with_answer
from hria.interview.asking import ask
from hria.interview.prompts import BACK, SKIP, Prompter
from hria.interview.session import Session
from hria.models.assessment import Answer, Assessment, Status
from hria.models.bank import Bank
from hria.models.findings import Evaluation, Flag

CONTINUE = "__continue__"


class Interview:
    def __init__(self, bank: Bank, session: Session, prompter: Prompter, today: dt.date) -> None:
        self.bank = bank
        self.session = session
        self.prompter = prompter
        self.today = today
        self.numbering = Numbering(bank)
        self.evaluation: Evaluation = self._evaluate()

    @property
    def assessment(self) -> Assessment:
        return self.session.assessment

    def _evaluate(self) -> Evaluation:
        return assess(self.bank, self.assessment, self.today)

    def run(self, only: Callable[[str], bool] | None = None, revisit: bool = False) -> Evaluation:
        """Ask the visible questions that `only` selects (all by default): unanswered ones, or
        every one when `revisit`. Each section ends with a review."""
        cursor, forced, asked_in = 0, False, ""
        while True:
            order = [q for q in visible(self.bank, self.assessment.answers) if not only or only(q)]
            if cursor >= len(order):
                break
            qid = order[cursor]
            section = self.bank.section_of[qid].id
            if asked_in and section != asked_in:
                self.review(asked_in)
                asked_in = ""
            if qid in self.assessment.answers and not (revisit or forced):
                cursor += 1
                continue
            if not asked_in:
                self._enter(section)
            asked_in, forced = section, False
            reply = self.ask_one(qid, len(order), cursor)
            if reply == SKIP:
                cursor += 1
            elif reply == BACK:
                cursor, forced = max(cursor - 1, 0), True
                if self.bank.section_of[order[cursor]].id != section:
                    asked_in = ""  # stepping back out of a section is not finishing it
            else:
                cursor = self._after(qid, only)
        if asked_in:
            self.review(asked_in)
        return self.evaluation

    def _after(self, qid: str, only: Callable[[str], bool] | None) -> int:
        order = [q for q in visible(self.bank, self.assessment.answers) if not only or only(q)]
        return order.index(qid) + 1 if qid in order else 0

    def _enter(self, section_id: str) -> None:
        section = next(s for s in self.bank.sections if s.id == section_id)
        number = self.bank.sections.index(section) + 1
        self.prompter.show(
            f"\n{section.title} (section {number} of {len(self.bank.sections)})", style="bold"
        )
        self.prompter.show(section.intro.strip())

    def ask_one(self, qid: str, total: int, index: int) -> str:
        question = self.bank.questions[qid]
        number = self.numbering.numbers[qid]
        self.prompter.show(f"[{number}] question {index + 1} of {total}", style="dim")
        condition = self.numbering.words(question.when)
        reply = ask(self.prompter, self.bank, question, self.assessment.answers.get(qid), condition)
        if isinstance(reply, str):
            return reply
        self.record(qid, reply)
        return qid

    def record(self, qid: str, answer: Answer) -> None:
        """Save at once, then tell the user what the answer changed."""
        hidden_before = set(self.evaluation.hidden_answers)
        updated = with_answer(self.assessment, qid, answer, self.today)
        self.session.save(_as_draft(updated))
        before, self.evaluation = self.evaluation, self._evaluate()
        for flag in new_flags(before, self.evaluation):
            self.prompter.show(f"  flag: {flag_line(flag)}", style="yellow")
        now_hidden = set(self.evaluation.hidden_answers) - hidden_before
        if now_hidden:
            names = ", ".join(sorted(now_hidden))
            self.prompter.show(f"  Now not applicable (kept in the file, not evaluated): {names}")

    def review(self, section_id: str) -> None:
        """List the section's answers; the user may pick any to change, or continue."""
        while True:
            rows = [
                q
                for q in visible(self.bank, self.assessment.answers)
                if self.bank.section_of[q].id == section_id
            ]
            choices = [(CONTINUE, "Continue")] + [
                (
                    q,
                    f"{self.numbering.numbers[q]} {self.bank.questions[q].prompt[:48]}: "
                    f"{shown_value(self.bank.questions[q], self.assessment.answers.get(q))[:40]}",
                )
                for q in rows
            ]
            title = self.bank.section_of[rows[0]].title if rows else section_id
            picked = self.prompter.select(f"Review: {title}. Change an answer?", choices, CONTINUE)
            if picked == CONTINUE:
                return
            self.ask_one(picked, len(rows), rows.index(picked))

    def finish(self) -> Evaluation:
        """Mark complete when every required visible question is answered; else stay draft."""
        status = Status.COMPLETE if self.evaluation.complete else Status.DRAFT
        metadata = self.assessment.metadata.model_copy(update={"status": status})
        self.session.save(self.assessment.model_copy(update={"metadata": metadata}))
        return self.evaluation


def _as_draft(assessment: Assessment) -> Assessment:
    if assessment.metadata.status is Status.DRAFT:
        return assessment
    metadata = assessment.metadata.model_copy(update={"status": Status.DRAFT})
    return assessment.model_copy(update={"metadata": metadata})


def flag_line(flag: Flag) -> str:
    why = " (answer unknown)" if flag.basis == "unknown" else ""
    return f"{flag.code} {flag.severity.label.upper()}: {flag.title}{why}"
