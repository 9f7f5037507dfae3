"""The app, its shared options and the guard that turns errors into exit codes."""

import functools
import os
import sys
import warnings
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TextIO, TypeVar

import typer

from hria import __version__
from hria.cli.helptext import SpeakingGroup

if TYPE_CHECKING:
    import datetime as dt

    from hria.models.bank import Bank

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="hria",
    help="Human rights impact assessments of data-intensive technology.\n\n"
    "Findings are risks to people, never a certificate of compliance.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=True,
    no_args_is_help=True,
    cls=SpeakingGroup,
)


# \b keeps click from rewrapping the table.
CHECK_EPILOG = """\b
Exit codes:
  0    every file is valid, and no flag is at or above --fail-on
  1    a flag is at or above --fail-on (or, with --strict, a file is incomplete)
  2    usage error, or an unreadable or invalid input (file, configuration)
  3    internal error: a bug in hria (HRIA_DEBUG=1 shows the traceback)
  130  interrupted (Ctrl-C)
  141  the reader of standard output went away"""


class FailOn(StrEnum):
    RED_LINE = "red_line"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"


class CheckFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    GITHUB = "github"
    SARIF = "sarif"
    JUNIT = "junit"
    GITLAB = "gitlab"


class ListFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class QuestionsFormat(StrEnum):
    TEXT = "text"
    JSON = "json"
    MD = "md"
    HTML = "html"


class Color(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


TodayOption = Annotated[
    str | None,
    typer.Option(help="Judge due and review dates as of this day (YYYY-MM-DD).", metavar="DATE"),
]
BankOption = Annotated[
    Path | None,
    typer.Option(
        "--bank",
        help="A question bank folder (default: the bundled bank).",
        exists=True,
        file_okay=False,
    ),
]


def guarded(func: Callable[P, R]) -> Callable[P, R]:
    """Turn errors into messages and exit codes: 2 for input, 130 for Ctrl-C, 3 for bugs."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        from hria import streams
        from hria.errors import ExitCode, HriaError
        from hria.i18n import _, active, using

        try:
            with using(active()):  # a command's language ends with it
                return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            streams.say(_("interrupted") + "\n")
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except BrokenPipeError:
            raise typer.Exit(streams.broken_pipe()) from None
        except HriaError as error:
            streams.report(error)
            raise typer.Exit(error.exit_code) from None
        except Exception as error:
            streams.internal_error(error, debug=bool(os.environ.get("HRIA_DEBUG")))
            raise typer.Exit(ExitCode.INTERNAL_ERROR) from None

    return wrapper


def _out(text: str) -> None:
    from hria.streams import out

    out(text)


def _err(text: str) -> None:
    from hria.streams import say

    say(text)


LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of what hria says: en, es or pt-BR (default: HRIA_LANG, then the "
        "locale, then English).",
        metavar="LANG",
    ),
]
ReportLangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Language of the report: en, es or pt-BR (default: HRIA_LANG, then the locale, "
        "then English). Messages on the terminal keep HRIA_LANG or the locale.",
        metavar="LANG",
    ),
]


def _lang(flag: str | None, interface: bool = True) -> str:
    """The language in force: --lang, HRIA_LANG, the locale, English. It becomes the
    interface's language too, unless `interface` is false (a report's own --lang)."""
    from hria.errors import UsageError
    from hria.i18n import _, activate
    from hria.lang import LANGS, UnknownLanguage, choose

    try:
        chosen = choose(flag, os.environ)
        activate(chosen if interface else choose(None, os.environ))
        return chosen
    except UnknownLanguage as error:
        raise UsageError(
            _("hria has no texts in '{name}': choose one of {choices}").format(
                name=error, choices=", ".join(LANGS)
            )
        ) from None


def _bank(directory: Path | None, lang: str | None = None, interface: bool = True) -> "Bank":
    """The bank in the language in force; one warning if some of its texts fall back to
    English (a translation missing, or older than the English it translates)."""
    from hria.bank.load import load_bank
    from hria.errors import HriaWarning
    from hria.i18n import ngettext

    loaded = load_bank(directory, _lang(lang, interface))
    if loaded.untranslated:
        message = ngettext(
            "{count} text of the question bank has no current {lang} translation; "
            "it is shown in English",
            "{count} texts of the question bank have no current {lang} translation; "
            "they are shown in English",
            loaded.untranslated,
        )
        warnings.warn(
            message.format(count=loaded.untranslated, lang=_language_name(loaded.lang)),
            HriaWarning,
            stacklevel=2,
        )
    return loaded


def _language_name(lang: str) -> str:
    """A language's name in the interface's language: "Spanish", "espanhol"."""
    from babel import Locale

    from hria.i18n import active

    where = Locale.parse(active().replace("-", "_"))
    return Locale.parse(lang.replace("-", "_")).get_display_name(where) or lang


def _day(text: str | None) -> "dt.date":
    import datetime as dt

    from hria.errors import UsageError
    from hria.i18n import _

    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        message = _("--today expects a date as YYYY-MM-DD, not '{text}'")
        raise UsageError(message.format(text=text)) from None


def _use_color(choice: Color) -> bool:
    if choice is not Color.AUTO:
        return choice is Color.ALWAYS
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


_show_other_warning = warnings.showwarning


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """hria's own warnings (an untrusted cache, say) as one line on stderr."""
    from hria.errors import HriaWarning

    if issubclass(category, HriaWarning):
        from hria.i18n import _

        sys.stderr.write(_("warning: {message}").format(message=message) + "\n")
    else:
        _show_other_warning(message, category, filename, lineno, file, line)


def _version(value: bool) -> None:
    if value:
        _out(f"hria {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version.")
    ] = False,
) -> None:
    """Human rights impact assessments of data-intensive technology."""
    del version  # handled by its callback
    warnings.showwarning = _show_warning
