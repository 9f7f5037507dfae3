"""`hria i18n status`: how much of hria each language covers."""

from typing import Annotated

import typer

from hria.cli.base import BankOption, LangOption, ListFormat, _lang, _out, app, guarded

i18n = typer.Typer(help="Translations of hria's texts.", no_args_is_help=True)
app.add_typer(i18n, name="i18n")


@i18n.command("status")
@guarded
def status(
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.TEXT,
    strict: Annotated[
        bool, typer.Option(help="Exit 1 if a text is untranslated or stale, as CI does.")
    ] = False,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Coverage per language: the bank's texts translated and current, and those that are
    missing or stale (their English changed since)."""
    from hria.bank.translations import coverage_report

    _lang(lang)  # the report speaks the interface's language
    text, complete = coverage_report(bank, output_format.value)
    _out(text)
    if strict and not complete:
        raise typer.Exit(1)
