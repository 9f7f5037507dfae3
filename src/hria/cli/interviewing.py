"""`hria new`, `resume` and `edit`: the interview commands."""

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hria.errors import UsageError
from hria.i18n import _, ngettext

if TYPE_CHECKING:
    import datetime as dt

    from hria.interview.carry import Given
    from hria.interview.prompts import Prompter
    from hria.models.bank import Bank

from hria.cli.base import (
    BankOption,
    LangOption,
    _bank,
    _day,
    _lang,
    _out,
    app,
    guarded,
)


def _interactive_setup(bank: Path | None, lang: str | None) -> tuple["Bank", "dt.date", "Prompter"]:
    from hria.interview.commands import require_terminal
    from hria.interview.prompts import QuestionaryPrompter

    _lang(lang)  # the language first: the messages of the checks below are in it
    require_terminal()
    return _bank(bank, lang), _day(None), QuestionaryPrompter()


class RoleChoice(StrEnum):
    DEPLOYER = "deployer"
    VENDOR = "vendor"
    AUDITOR = "auditor"


def _text(help_text: str, metavar: str = "TEXT") -> Any:
    return typer.Option(help=help_text, metavar=metavar)


@app.command()
@guarded
def new(
    file: Annotated[Path, typer.Argument(help="The assessment file to create.")] = Path(
        "assessment.hria.yaml"
    ),
    force: Annotated[bool, typer.Option(help="Overwrite an existing file.")] = False,
    screen_only: Annotated[
        bool, typer.Option(help="Ask only the screen: the setting and the red lines.")
    ] = False,
    skeleton: Annotated[
        bool,
        typer.Option("--skeleton", help="Write the questions as comments, to answer in an editor."),
    ] = False,
    source: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="Re-assess an earlier assessment file: its answers are carried over, to confirm.",
            metavar="OLD",
        ),
    ] = None,
    title: Annotated[str | None, _text("The deployment assessed.")] = None,
    organisation: Annotated[str | None, _text("Who deploys, sells or audits it.")] = None,
    role: Annotated[RoleChoice | None, typer.Option(help="Your role.")] = None,
    assessor: Annotated[str | None, _text("Who answers (a person or a team).")] = None,
    review_by: Annotated[
        str | None, _text("When the assessment must be redone (YYYY-MM-DD).", "DATE")
    ] = None,
    description: Annotated[str | None, _text("What the system is and does.")] = None,
    vendor: Annotated[str | None, _text("The company that supplies or runs the system.")] = None,
    schema: Annotated[
        str | None,
        typer.Option(
            help="With --skeleton: the JSON Schema path or URL for the editor.",
            metavar="PATH_OR_URL",
        ),
    ] = None,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Start a new assessment: an interview in the terminal, saved after every answer
    (or, with --skeleton, a file to complete in an editor)."""
    from hria.interview.carry import Given

    _lang(lang)  # the language first: the messages of the checks below are in it
    given = Given(
        title,
        organisation,
        role.value if role else None,
        assessor,
        _date(review_by),
        description,
        vendor,
    )
    if schema is not None and not skeleton:
        raise UsageError(_("--schema goes with --skeleton"))
    if screen_only and (skeleton or source is not None):
        raise UsageError(_("--screen-only goes with neither --skeleton nor --from"))
    if skeleton:
        _skeleton(file, force, source, given, schema, _bank(bank, lang))
        return
    if source is not None:
        from hria.interview.reassess import check_from

        check_from(source, file, force)  # before the terminal is needed
    loaded, today, prompter = _interactive_setup(bank, lang)
    if source is not None:
        from hria.interview.reassess import new_from

        new_from(loaded, source, file, prompter, today, force, given)
        return
    from hria.interview import commands as interactive

    interactive.new(loaded, file, prompter, today, force, given.fields(), screen_only)


def _date(text: str | None) -> "dt.date | None":
    import datetime as dt

    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        said = _("--review-by expects a date as YYYY-MM-DD, not '%(text)s'")
        raise UsageError(said % {"text": text}) from None


def _skeleton(
    file: Path,
    force: bool,
    source: Path | None,
    given: "Given",
    schema: str | None,
    loaded: "Bank",
) -> None:
    from shlex import quote

    from hria.interview.skeleton import write

    written = write(loaded, file, _day(None), given, force, source, schema)
    name = quote(str(file))
    carried = written.carried
    counts = {"file": file, "now": written.now, "later": written.later}
    head = (
        ngettext(
            "%(file)s: %(now)s question(s) to answer now, %(later)s more on later answers",
            "%(file)s: %(now)s question(s) to answer now, %(later)s more on later answers",
            written.now,
        )
        % counts
    )
    if carried is not None:
        kept = len(carried.assessment.answers)
        head += "; " + ngettext(
            "%(count)s answer(s) carried over", "%(count)s answer(s) carried over", kept
        ) % {"count": kept}
    lines = [head]
    dropped = _("not carried over: %(id)s (%(why)s)")
    lines += [
        "  " + dropped % {"id": q, "why": why} for q, why in (carried.dropped if carried else [])
    ]
    lines.append("  " + _("check it with: hria check %(file)s") % {"file": name})
    lines.append("  " + _("or answer in a terminal: hria resume %(file)s") % {"file": name})
    _out("\n".join(lines) + "\n")


@app.command()
@guarded
def resume(
    file: Annotated[Path, typer.Argument(help="A draft assessment file.")],
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Continue an assessment at its first unanswered question."""
    from hria.interview import commands as interactive

    loaded, today, prompter = _interactive_setup(bank, lang)
    interactive.resume(loaded, file, prompter, today)


@app.command()
@guarded
def edit(
    file: Annotated[Path, typer.Argument(help="An assessment file.")],
    question: Annotated[str | None, typer.Option(help="Re-ask only this question.")] = None,
    section: Annotated[str | None, typer.Option(help="Re-ask only this section.")] = None,
    register: Annotated[
        bool, typer.Option("--register", help="Edit the impact register only.")
    ] = False,
    plan: Annotated[bool, typer.Option("--plan", help="Plan actions for the flags only.")] = False,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Change answers, the impact register or the action plan, with the current values as
    defaults."""
    from hria.interview import commands as interactive

    loaded, today, prompter = _interactive_setup(bank, lang)
    interactive.edit(loaded, file, prompter, today, question, section, register, plan)


@app.command()
@guarded
def review(
    assessment: Annotated[Path, typer.Argument(help="The assessment file to review.")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="The review file (default: NAME.review.hria.yaml beside the assessment).",
            metavar="REVIEW",
        ),
    ] = None,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Review an assessment: accept or challenge each answer, give an opinion on each flag,
    add findings it missed, and sign off; saved after every step in a review file, never in
    the assessment."""
    from hria.interview.reviewing import review as run_review

    loaded, today, prompter = _interactive_setup(bank, lang)
    run_review(loaded, assessment, prompter, today, output)
