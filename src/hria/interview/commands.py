"""`hria new`, `hria resume` and `hria edit`: set up a session and run the interview.

Everything typed is saved as soon as it is answered, so Ctrl-C loses at most the question on
screen; the message says how to carry on."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hria.domain.engine import assess
from hria.domain.names import did_you_mean
from hria.errors import ExitCode, HriaError, InvalidFileError
from hria.files.store import load_assessment
from hria.i18n import _, active, ngettext
from hria.interview.progress import STYLES, flag_line
from hria.interview.prompts import Prompter
from hria.interview.screen import with_scope
from hria.interview.session import Session
from hria.interview.start import check_target
from hria.interview.walk import Interview
from hria.models.assessment import Scope
from hria.models.bank import Bank
from hria.models.findings import Evaluation

Walk = Callable[[Interview], object]
SCREENS = ("register",)  # after the questions: the impact register, which offers the plan
Draft = dict[str, Any]  # the plain data of an assessment whose metadata is being asked


class NotInteractiveError(HriaError):
    pass


class InterruptedInterview(HriaError):
    exit_code = ExitCode.INTERRUPTED


def require_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NotInteractiveError(
            _("the interview needs a terminal (no interactive input or output here)"),
            hint=_("write the file by hand against `hria schema` and check it with `hria check`"),
        )


def new(
    bank: Bank,
    path: Path,
    prompter: Prompter,
    today: dt.date,
    force: bool,
    given: Draft | None = None,
    screen_only: bool = False,
) -> int:
    """A new assessment; metadata `given` (by options) is not asked."""
    from hria.interview.start import new_draft

    check_target(path)
    if screen_only and not bank.screening:
        raise HriaError(_("this bank defines no screen"), hint=_("run the full interview"))
    if path.exists() and not force:
        raise HriaError(
            _("%(path)s exists already") % {"path": path},
            hint=_("use `hria resume %(path)s`, or --force") % {"path": path},
        )
    replacing = path.read_bytes() if path.exists() else None
    session = Session(path, None, None, replacing=replacing)
    draft = new_draft(bank, today)
    draft["metadata"].update(given or {})
    walk = _screen_only if screen_only else _full_with_offer
    return _interview(bank, session, prompter, today, walk, draft)


def _full_with_offer(interview: Interview) -> None:
    interview.offer_screen = bool(interview.bank.screening)
    interview.run()


def _screen_only(interview: Interview) -> None:
    interview.run(lambda qid: qid in interview.bank.screening_questions)
    interview.session.save(with_scope(interview.assessment, Scope.SCREENING))
    interview.refresh()


def resume(bank: Bank, path: Path, prompter: Prompter, today: dt.date) -> int:
    """Carry on at the first gap: metadata a skeleton left to fill in, carried-over answers
    to confirm, then the first unanswered question."""
    session, draft = _open(bank, path)
    return _interview(bank, session, prompter, today, _resume, draft)


def _resume(interview: Interview) -> None:
    """Take over at the first gap (placeholders, carried-over answers); a screening continues
    into the full test if the user wants; else the walk goes on."""
    from hria.interview.reassess import take_over

    take_over(interview)
    if interview.assessment.metadata.scope is Scope.SCREENING:
        choices = [
            ("full", _("Go on to the full test")),
            ("screen", _("Keep it a screening (only unanswered screen questions are asked)")),
        ]
        picked = interview.prompter.select(_("This file is a screening."), choices, "full")
        if picked == "screen":
            _screen_only(interview)
            return
        interview.session.save(with_scope(interview.assessment, Scope.FULL))
        interview.refresh()
    interview.run()


def edit(
    bank: Bank,
    path: Path,
    prompter: Prompter,
    today: dt.date,
    question: str | None,
    section: str | None,
    register: bool = False,
    plan: bool = False,
) -> int:
    """Re-ask answers (all, a section's or one), then the register and the plan; with
    `register` or `plan`, those screens only, after the answers asked for if any."""
    if question and question not in bank.questions:
        guess = did_you_mean(question, bank.questions, active())
        raise HriaError(
            _("no question '%(id)s'%(guess)s") % {"id": question, "guess": guess},
            hint=_("`hria questions` lists them"),
        )
    sections = [s.id for s in bank.sections]
    if section and section not in sections:
        guess = did_you_mean(section, sections, active())
        raise HriaError(
            _("no section '%(id)s'%(guess)s") % {"id": section, "guess": guess},
            hint=_("`hria questions` lists them"),
        )
    session, draft = _open(bank, path)

    def chosen(qid: str) -> bool:
        if question:
            return qid == question
        return section is None or bank.section_of[qid].id == section

    walk: Walk | None = lambda i: i.run(chosen, revisit=True)  # noqa: E731
    screens = tuple(s for s, on in (("register", register), ("plan", plan)) if on)
    if screens and not (question or section):
        walk = None
    return _interview(bank, session, prompter, today, walk, draft, screens or SCREENS)


def _open(bank: Bank, path: Path) -> tuple[Session, Draft | None]:
    """The session of an existing file; with the draft data too if its metadata is unfinished."""
    from hria.interview.intake import unfinished_metadata

    check_target(path)
    try:
        loaded = load_assessment(path, bank)
    except InvalidFileError as error:
        unfinished = unfinished_metadata(path, error)
        if unfinished is None:
            raise
        text, draft = unfinished
        return Session(path, None, text), draft
    return Session(path, loaded.assessment, loaded.text), None


def _interview(
    bank: Bank,
    session: Session,
    prompter: Prompter,
    today: dt.date,
    walk: Walk | None,
    draft: Draft | None,
    screens: tuple[str, ...] = SCREENS,
) -> int:
    with session:
        try:
            evaluation = _run(bank, session, prompter, today, walk, draft, screens)
        except KeyboardInterrupt:
            raise _interrupted(session) from None
    _summary(prompter, session.path, evaluation)
    return 0


def _run(
    bank: Bank,
    session: Session,
    prompter: Prompter,
    today: dt.date,
    walk: Walk | None,
    draft: Draft | None,
    screens: tuple[str, ...],
) -> Evaluation:
    from hria.interview.intake import ask_metadata, end_screens, last_review

    if draft is not None:  # a new assessment, or one interrupted during its metadata
        session.save(ask_metadata(prompter, draft, session.save_draft))
    interview = Interview(bank, session, prompter, today)
    if walk is not None:
        walk(interview)
    if walk is None or interview.assessment.metadata.scope is Scope.FULL:
        previous = last_review(interview) if walk is not None else None
        end_screens(prompter, bank, session, today, screens, previous)
        interview.refresh()
    interview.finish()
    return assess(bank, session.assessment, today)  # with the register, plan and status


def _interrupted(session: Session) -> InterruptedInterview:
    path = session.path
    if session.saved or session.text is not None:
        return InterruptedInterview(
            _("interrupted; everything answered so far is saved in %(path)s") % {"path": path},
            hint=_("carry on with: hria resume %(path)s") % {"path": path},
        )
    force = " --force" if path.exists() else ""
    return InterruptedInterview(
        _("interrupted before the first answer; nothing was saved"),
        hint=_("start again with: hria new %(path)s") % {"path": f"{path}{force}"},
    )


def _summary(prompter: Prompter, path: Path, evaluation: Evaluation) -> None:
    prompter.show(f"\n{evaluation.verdict.text}", style="bold")
    for flag in evaluation.flags:
        prompter.show(f"  {flag_line(flag)}", style=STYLES[flag.severity])
    where = {"path": path}
    if evaluation.verdict.screening and evaluation.complete:
        prompter.show("\n" + _("The screening is saved in %(path)s.") % where)
        prompter.show(_("Go on to the full test later with: hria resume %(path)s") % where)
    elif evaluation.complete:
        prompter.show("\n" + _("The assessment is complete and saved in %(path)s.") % where)
        report = path.with_suffix("").with_suffix(".html").name
        shown = _("Render the report with: hria report %(path)s -o %(report)s")
        prompter.show(shown % {"path": path, "report": report})
        unplanned = [f for f in evaluation.flags if f.mitigable and f.status == "open"]
        if unplanned:
            plan = ngettext(
                "Plan actions for %(count)s open flag(s) with: hria edit %(path)s --plan",
                "Plan actions for %(count)s open flag(s) with: hria edit %(path)s --plan",
                len(unplanned),
            )
            prompter.show(plan % {"count": len(unplanned), "path": path})
    else:
        missing = sum(1 for g in evaluation.gaps if g.kind == "unanswered" and g.required)
        remain = ngettext(
            "%(count)s required question(s) remain; the draft is saved in %(path)s.",
            "%(count)s required question(s) remain; the draft is saved in %(path)s.",
            missing,
        )
        prompter.show("\n" + remain % {"count": missing, "path": path})
        prompter.show(_("Carry on with: hria resume %(path)s") % where)
