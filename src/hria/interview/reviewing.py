"""`hria review ASSESSMENT`: a review as an interview. Every answer is shown with its prompt,
value, note and evidence, to accept or challenge; then the flags; then the findings missed,
the overall opinion and the sign-off. The review is saved after every step, so Ctrl-C loses
at most the step on screen, and running the command again carries on where it stopped.
The assessment itself is never written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from hria.bank.numbering import Numbering
from hria.bank.words import answer_words
from hria.domain.digest import canonical_digest, remarks_digest
from hria.domain.engine import assess
from hria.domain.reviews import changed_since
from hria.errors import ExitCode, HriaError
from hria.files.reviews import dump_review, load_review, pair, relative_path, review_path_for
from hria.files.store import load_assessment
from hria.i18n import _, ngettext
from hria.interview.asking import help_text
from hria.interview.progress import STYLES, flag_line
from hria.interview.prompts import Keys, Prompter
from hria.interview.review_steps import (
    CHANGES,
    ask_flag,
    ask_missed,
    ask_opinion,
    ask_signoff,
)
from hria.interview.review_steps import challenge as ask_challenge
from hria.interview.session import Session
from hria.models.assessment import Answer, Assessment
from hria.models.bank import Bank
from hria.models.findings import Evaluation
from hria.models.review import (
    REVIEW_SCHEMA_VERSION,
    AnswerReview,
    AnswerVerdict,
    Review,
    ReviewerRole,
    Seen,
)


class InterruptedReview(HriaError):
    exit_code = ExitCode.INTERRUPTED


class ReviewSession(Session):
    """A review file for the length of the interview: locked, autosaved, never overwriting a
    file that someone else changed meanwhile (see Session)."""

    def __init__(self, path: Path, text: str | None) -> None:
        super().__init__(path, None, text)
        self.review: Review | None = None

    def save_review(self, review: Review) -> None:
        self.review = review
        self._write(dump_review(review, self.path, self.text))


def review(
    bank: Bank, assessment_path: Path, prompter: Prompter, today: dt.date, output: Path | None
) -> int:
    from hria.interview.start import check_target

    path = output or review_path_for(assessment_path)
    check_target(path)
    assessment = load_assessment(assessment_path, bank).assessment
    existing = None
    if path.exists():
        loaded = load_review(path, bank)
        pair(loaded, assessment_path, assessment)
        existing = loaded
    session = ReviewSession(path, existing.text if existing else None)
    with session:
        try:
            current = (
                existing.review
                if existing
                else _start(prompter, session, assessment_path, assessment)
            )
            session.review = current
            _walk(bank, session, prompter, assessment, today)
        except KeyboardInterrupt:
            raise _interrupted(session, assessment_path) from None
    _summary(bank, prompter, session, assessment, assessment_path, today)
    return 0


def _start(
    prompter: Prompter, session: ReviewSession, assessment_path: Path, assessment: Assessment
) -> Review:
    """Who reviews; then the first save, recording the assessment reviewed."""
    said = _("Reviewing %(path)s: the assessment itself is never changed.")
    prompter.show(said % {"path": assessment_path})
    name = _required(prompter, _("Your name"))
    organisation = _required(prompter, _("On behalf of which organisation?"))
    roles = [(role.value, _(role.label)) for role in ReviewerRole]
    role = prompter.select(_("Your role"), roles)
    data: dict[str, Any] = {
        "review_schema_version": REVIEW_SCHEMA_VERSION,
        "reviewer": {"name": name, "organisation": organisation, "role": role},
        "assessment": {
            "path": relative_path(assessment_path, session.path),
            "bank": assessment.metadata.bank.model_dump(),
            "sha256": canonical_digest(assessment),
        },
    }
    started = Review.model_validate(data)
    session.save_review(started)
    return started


def _required(prompter: Prompter, message: str, default: str = "") -> str:
    def check(text: str) -> str | None:
        return None if text.strip() else _("this cannot be left empty")

    return prompter.text(message, default, check).strip()


def _walk(
    bank: Bank, session: ReviewSession, prompter: Prompter, assessment: Assessment, today: dt.date
) -> None:
    _catch_up(prompter, session, assessment)
    evaluation = assess(bank, assessment, today)
    _answers(bank, session, prompter, assessment, evaluation)
    _flags(session, prompter, evaluation)
    current = _current(session)
    if current.opinion is None:
        ask_missed(prompter, bank, current, session.save_review)
        ask_opinion(prompter, evaluation.verdict.text, _current(session), session.save_review)
    if _current(session).signed is None:
        ask_signoff(prompter, _current(session), today, session.save_review)


def _current(session: ReviewSession) -> Review:
    assert session.review is not None
    return session.review


def _catch_up(prompter: Prompter, session: ReviewSession, assessment: Assessment) -> None:
    """The assessment changed since the review was started: the answers that changed are
    asked again, and the review now records the assessment as it is."""
    current = _current(session)
    digest = canonical_digest(assessment)
    if current.assessment.sha256 == digest:
        return
    changes = changed_since(current, assessment)
    prompter.show(_("The assessment has changed since this review was started."), style="bold")
    for change in changes:
        again = _(CHANGES.get(change.kind, CHANGES["value"]))
        prompter.show("  " + again % {"question": change.question})
    answers = {q: r for q, r in current.answers.items() if q not in {c.question for c in changes}}
    reviewed = current.assessment.model_copy(update={"sha256": digest})
    session.save_review(current.model_copy(update={"answers": answers, "assessment": reviewed}))


def _answers(
    bank: Bank,
    session: ReviewSession,
    prompter: Prompter,
    assessment: Assessment,
    evaluation: Evaluation,
) -> None:
    numbering = Numbering(bank)
    shown = [q for q in evaluation.visible if q in assessment.answers]
    for index, qid in enumerate(shown, 1):
        if qid in _current(session).answers:
            continue
        question, answer = bank.questions[qid], assessment.answers[qid]
        head = _("Answer %(index)s of %(count)s: %(number)s") % {
            "index": index,
            "count": len(shown),
            "number": numbering.numbers[qid],
        }
        _show_answer(prompter, head, question, answer)
        section = bank.section_of[qid].id
        rest = [q for q in shown[index:] if bank.section_of[q].id == section]
        rest = [q for q in rest if q not in _current(session).answers]
        verdict = _verdict(prompter, bank, question, _seen(answer), len(rest))
        current = _current(session)
        if verdict is None:  # this answer and the rest of its section accepted
            accepted = {q: _accepted(assessment.answers[q]) for q in [qid, *rest]}
            answers = {**current.answers, **accepted}
            took = ngettext(
                "Accepted %(count)s answer of %(section)s.",
                "Accepted %(count)s answers of %(section)s.",
                len(accepted),
            )
            section_title = bank.section_of[qid].title
            prompter.show("  " + took % {"count": len(accepted), "section": section_title})
        else:
            answers = {**current.answers, qid: verdict}
        session.save_review(current.model_copy(update={"answers": answers}))


def _show_answer(prompter: Prompter, head: str, question: Any, answer: Answer) -> None:
    prompter.show(f"\n{head} {question.prompt}")
    prompter.show("  " + _("Answered: %(value)s") % {"value": answer_words(question, answer)})
    if answer.note:
        prompter.show("  " + _("Note: %(note)s") % {"note": " ".join(answer.note.split())})
    if answer.evidence:
        evidence = "; ".join(answer.evidence)
        prompter.show("  " + _("Evidence: %(evidence)s") % {"evidence": evidence})


def _seen(answer: Answer) -> Seen:
    return Seen(value=_plain(answer.value), digest=remarks_digest(answer))


def _accepted(answer: Answer) -> AnswerReview:
    return AnswerReview(verdict=AnswerVerdict.ACCEPTED, seen=_seen(answer))


def _verdict(
    prompter: Prompter, bank: Bank, question: Any, seen: Seen, rest: int
) -> AnswerReview | None:
    """Accepted or challenged; None to accept it and the `rest` of its section as well."""
    keys = Keys(help=help_text(bank, question, None))
    choices = [
        ("accepted", _("Accept this answer")),
        ("challenged", _("Challenge it: give your own")),
    ]
    if rest:
        more = _("Accept it and the rest of this section (%(count)s more)") % {"count": rest}
        choices.append(("section", more))
    while True:
        picked = prompter.select(_("Accept or challenge?"), choices, None, keys)
        if picked == "accepted":
            return AnswerReview(verdict=AnswerVerdict.ACCEPTED, seen=seen)
        if picked == "section":
            return None
        challenged = ask_challenge(prompter, bank, question)
        if challenged is not None:  # None: back to accept or challenge
            return challenged.model_copy(update={"seen": seen})


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def _flags(session: ReviewSession, prompter: Prompter, evaluation: Evaluation) -> None:
    codes: list[str] = []
    for flag in evaluation.flags:
        if flag.code not in codes:
            codes.append(flag.code)
    for index, code in enumerate(codes, 1):
        if code in _current(session).flags:
            continue
        flag = next(f for f in evaluation.flags if f.code == code)
        prompter.show(
            "\n" + _("Flag %(index)s of %(count)s:") % {"index": index, "count": len(codes)}
        )
        prompter.show(f"  {flag_line(flag)}", style=STYLES[flag.severity])
        opinion = ask_flag(prompter, flag)
        current = _current(session)
        session.save_review(current.model_copy(update={"flags": {**current.flags, code: opinion}}))


def _interrupted(session: ReviewSession, assessment_path: Path) -> InterruptedReview:
    if session.saved or session.text is not None:
        return InterruptedReview(
            _("interrupted; the review so far is saved in %(path)s") % {"path": session.path},
            hint=_("carry on with: hria review %(path)s") % {"path": assessment_path},
        )
    return InterruptedReview(
        _("interrupted before the first step; nothing was saved"),
        hint=_("start again with: hria review %(path)s") % {"path": assessment_path},
    )


def _summary(
    bank: Bank,
    prompter: Prompter,
    session: ReviewSession,
    assessment: Assessment,
    assessment_path: Path,
    today: dt.date,
) -> None:
    from hria.domain.whatif import what_if

    result = what_if(bank, assessment, _current(session), today)
    answered = _("Verdict as answered:         %(verdict)s")
    prompter.show("\n" + answered % {"verdict": result.as_answered.verdict.text})
    challenged = _("Verdict with the challenges: %(verdict)s")
    prompter.show(challenged % {"verdict": result.challenged.verdict.text}, style="bold")
    for flag in result.raised:
        raised = _("raised:  %(flag)s") % {"flag": flag_line(flag)}
        prompter.show(f"  {raised}", style=STYLES[flag.severity])
    for flag in result.cleared:
        prompter.show("  " + _("cleared: %(flag)s") % {"flag": flag_line(flag)})
    where = {"path": session.path}
    if _current(session).signed:
        prompter.show("\n" + _("The review is signed in %(path)s.") % where)
    else:
        prompter.show("\n" + _("The review is saved, not signed in %(path)s.") % where)
    see = _("See it with: hria check %(assessment)s --review %(review)s")
    prompter.show(see % {"assessment": assessment_path, "review": session.path})
