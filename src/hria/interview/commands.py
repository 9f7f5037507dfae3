"""`hria new`, `hria resume` and `hria edit`: set up a session and run the interview.

Everything typed is saved as soon as it is answered, so Ctrl-C loses at most the question on
screen; the message says how to carry on."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from hria.errors import ExitCode, HriaError
from hria.files.store import load_assessment
from hria.interview.prompts import Prompter
from hria.interview.session import Session
from hria.interview.walk import Interview, flag_line
from hria.models.bank import Bank
from hria.models.findings import Evaluation


class NotInteractiveError(HriaError):
    pass


class InterruptedInterview(HriaError):
    exit_code = ExitCode.INTERRUPTED


def require_terminal() -> None:
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise NotInteractiveError(
            "the interview needs a terminal (no interactive input or output here)",
            hint="write the file by hand against `hria schema` and check it with `hria check`",
        )


def new(bank: Bank, path: Path, prompter: Prompter, today: dt.date, force: bool) -> int:
    from hria.interview.intake import ask_metadata

    if path.exists() and not force:
        raise HriaError(f"{path} exists already", hint=f"use `hria resume {path}`, or --force")
    replacing = path.read_bytes() if path.exists() else None
    assessment = ask_metadata(prompter, bank, today)
    session = Session(path, assessment, None, replacing=replacing)
    return _interview(bank, session, prompter, today, lambda i: i.run())


def resume(bank: Bank, path: Path, prompter: Prompter, today: dt.date) -> int:
    session = _open(bank, path)
    return _interview(bank, session, prompter, today, lambda i: i.run())


def edit(
    bank: Bank,
    path: Path,
    prompter: Prompter,
    today: dt.date,
    question: str | None,
    section: str | None,
) -> int:
    if question and question not in bank.questions:
        raise HriaError(f"no question '{question}'", hint="`hria questions` lists them")
    if section and section not in {s.id for s in bank.sections}:
        raise HriaError(f"no section '{section}'", hint="`hria questions` lists them")
    session = _open(bank, path)

    def chosen(qid: str) -> bool:
        if question:
            return qid == question
        return section is None or bank.section_of[qid].id == section

    return _interview(bank, session, prompter, today, lambda i: i.run(chosen, revisit=True))


def _open(bank: Bank, path: Path) -> Session:
    loaded = load_assessment(path, bank)
    return Session(path, loaded.assessment, loaded.text)


def _interview(
    bank: Bank,
    session: Session,
    prompter: Prompter,
    today: dt.date,
    walk: Callable[[Interview], object],
) -> int:
    from hria.interview.intake import edit_register

    with session:
        if not session.path.exists():
            session.save(session.assessment)
        interview = Interview(bank, session, prompter, today)
        try:
            walk(interview)
            edit_register(prompter, session)
            evaluation = interview.finish()
        except KeyboardInterrupt:
            raise InterruptedInterview(
                f"interrupted; everything answered so far is saved in {session.path}",
                hint=f"carry on with: hria resume {session.path}",
            ) from None
    _summary(prompter, session.path, evaluation)
    return 0


def _summary(prompter: Prompter, path: Path, evaluation: Evaluation) -> None:
    prompter.show(f"\n{evaluation.verdict.text}", style="bold")
    for flag in evaluation.flags:
        prompter.show(f"  {flag_line(flag)}")
    if evaluation.complete:
        prompter.show(f"\nThe assessment is complete and saved in {path}.")
        report = path.with_suffix("").with_suffix(".html").name
        prompter.show(f"Render the report with: hria report {path} -o {report}")
    else:
        missing = sum(1 for g in evaluation.gaps if g.kind == "unanswered" and g.required)
        prompter.show(f"\n{missing} required question(s) remain; the draft is saved in {path}.")
        prompter.show(f"Carry on with: hria resume {path}")
