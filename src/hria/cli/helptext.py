"""The command line's help in the interface's language. Typer keeps each command's help, its
options' help and its epilog as plain strings on the click commands it builds; before the
command line is parsed, they are replaced by their translations, so `--help` and usage
errors speak the language too. The language is `--lang` when the words hold it, else
HRIA_LANG, else the locale: help is shown before any option is acted on."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import Any

import typer
import typer.core
from typer._click.core import Context
from typer._click.formatting import HelpFormatter

USAGE = "Usage: "  # the vendored click's own prefix, translated by SpeakingFormatter
METAVARS = ("[OPTIONS]", "COMMAND [ARGS]...")  # the usage line's placeholders
TYPER_WORDS = ("Arguments", "Options", "Commands", "default: {default}", "required")


class SpeakingFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        from hria.i18n import _

        super().write_usage(prog, args, _(USAGE) if prefix is None else prefix)


class SpeakingContext(Context):
    formatter_class = SpeakingFormatter


def _params(command: Any) -> list[Any]:
    """The command's options and arguments, its --help option included."""
    helper = command.get_help_option(Context(command))
    return [*command.params, *([helper] if helper is not None else [])]


def help_texts(command: Any) -> Iterator[str]:
    """Every help text of `command` and the commands under it (the catalogs extract these)."""
    for text in (command.help, getattr(command, "epilog", None), command.short_help):
        if text:
            yield text
    for param in _params(command):
        if getattr(param, "help", None):
            yield param.help
    for sub in getattr(command, "commands", {}).values():
        yield from help_texts(sub)


def every_help_text() -> list[str]:
    """The whole command line's help, and the words typer and click add around it."""
    import importlib

    import typer.main

    from hria.cli.base import app

    importlib.import_module("hria.cli")  # every command registered on the app
    return [*help_texts(typer.main.get_command(app)), USAGE, *METAVARS, *TYPER_WORDS]


def _translate(command: Any, gettext: Any) -> None:
    command.context_class = SpeakingContext
    for name in ("help", "epilog", "short_help", "options_metavar", "subcommand_metavar"):
        if getattr(command, name, None):
            setattr(command, name, gettext(getattr(command, name)))
    for param in _params(command):
        if getattr(param, "help", None):
            param.help = gettext(param.help)
    for sub in getattr(command, "commands", {}).values():
        _translate(sub, gettext)


def help_lang(words: Sequence[str]) -> str:
    """The language of the help: --lang among the words, else HRIA_LANG or the locale; one
    hria does not know is English here (the command itself then reports it)."""
    from hria.lang import ENGLISH, LANGS, UnknownLanguage, choose

    flag = None
    for index, word in enumerate(words):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(words):
            flag = words[index + 1]
        elif word.startswith("--lang="):
            flag = word.partition("=")[2]
    try:
        chosen = choose(flag if flag in LANGS else None, os.environ)
    except UnknownLanguage:
        return ENGLISH
    return chosen


class SpeakingGroup(typer.core.TyperGroup):
    """The root command: it puts the help into the language before parsing."""

    def main(self, args: Sequence[str] | None = None, *rest: Any, **extra: Any) -> Any:
        import sys

        from hria.i18n import _, catalog, using
        from hria.lang import ENGLISH

        lang = help_lang(list(sys.argv[1:] if args is None else args))
        if lang != ENGLISH:
            _translate(self, catalog(lang).gettext)
            typer.core._ = _  # type: ignore[attr-defined]  # Options, Commands, default
        with using(lang):
            return super().main(args, *rest, **extra)
