"""`hria new`, `resume` and `edit`: the interview commands."""

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    import datetime as dt

    from hria.interview.prompts import Prompter
    from hria.models.bank import Bank

from hria.cli.base import (
    BankOption,
    _bank,
    _day,
    app,
    guarded,
)


def _interactive_setup(bank: Path | None) -> tuple["Bank", "dt.date", "Prompter"]:
    from hria.interview.commands import require_terminal
    from hria.interview.prompts import QuestionaryPrompter

    require_terminal()
    return _bank(bank), _day(None), QuestionaryPrompter()


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
    bank: BankOption = None,
) -> None:
    """Start a new assessment: an interview in the terminal, saved after every answer."""
    from hria.interview import commands as interactive

    loaded, today, prompter = _interactive_setup(bank)
    interactive.new(loaded, file, prompter, today, force, screen_only)


@app.command()
@guarded
def resume(
    file: Annotated[Path, typer.Argument(help="A draft assessment file.")],
    bank: BankOption = None,
) -> None:
    """Continue an assessment at its first unanswered question."""
    from hria.interview import commands as interactive

    loaded, today, prompter = _interactive_setup(bank)
    interactive.resume(loaded, file, prompter, today)


@app.command()
@guarded
def edit(
    file: Annotated[Path, typer.Argument(help="An assessment file.")],
    question: Annotated[str | None, typer.Option(help="Re-ask only this question.")] = None,
    section: Annotated[str | None, typer.Option(help="Re-ask only this section.")] = None,
    bank: BankOption = None,
) -> None:
    """Change answers, with the current values as defaults."""
    from hria.interview import commands as interactive

    loaded, today, prompter = _interactive_setup(bank)
    interactive.edit(loaded, file, prompter, today, question, section)
