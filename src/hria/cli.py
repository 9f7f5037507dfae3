"""The command line. The only module that imports typer; everything else is imported lazily
so that `hria --help` and `hria check` load only what they use."""

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

if TYPE_CHECKING:
    import datetime as dt

    from hria.interview.prompts import Prompter
    from hria.models.bank import Bank

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="hria",
    help="Human rights impact assessments of data-intensive technology.\n\n"
    "Findings are risks to people, never a certificate of compliance.",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    add_completion=False,
    no_args_is_help=True,
)


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

        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort):
            raise
        except KeyboardInterrupt:
            streams.say("interrupted\n")
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


def _bank(directory: Path | None) -> "Bank":
    from hria.bank.load import load_bank

    return load_bank(directory)


def _day(text: str | None) -> "dt.date":
    import datetime as dt

    from hria.errors import UsageError

    if text is None:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"--today expects a date as YYYY-MM-DD, not '{text}'") from None


def _use_color(choice: Color) -> bool:
    if choice is not Color.AUTO:
        return choice is Color.ALWAYS
    return sys.stdout.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


@app.command()
@guarded
def check(
    paths: Annotated[list[Path], typer.Argument(help="Assessment files or folders.")],
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 on flags at or above this.")
    ] = FailOn.HIGH,
    output_format: Annotated[CheckFormat, typer.Option("--format", "-f")] = CheckFormat.TEXT,
    strict: Annotated[bool, typer.Option(help="Incomplete assessments fail too.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show triggers and actions.")
    ] = False,
    color: Annotated[Color, typer.Option(help="Colour the text output.")] = Color.AUTO,
    today: Annotated[
        str | None,
        typer.Option(
            help="Judge due and review dates as of this day (YYYY-MM-DD).", metavar="DATE"
        ),
    ] = None,
    bank: BankOption = None,
) -> None:
    """Validate and evaluate assessment files (for CI: exit 1 on serious flags)."""
    from hria.check.run import iter_results
    from hria.check.stream import Options, write_check
    from hria.models.base import Severity

    loaded = _bank(bank)
    day = _day(today)
    options = Options(
        output_format=output_format.value,
        fail_on=None if fail_on is FailOn.NONE else Severity(fail_on.value),
        fail_on_name=fail_on.value,
        strict=strict,
        color=_use_color(color),
        verbose=verbose,
    )
    results = iter_results(paths, loaded, day, isolate=not os.environ.get("HRIA_DEBUG"))
    from hria.streams import say

    code = write_check(results, loaded, options, _out, say)
    raise typer.Exit(int(code))


@app.command()
@guarded
def migrate(
    paths: Annotated[list[Path], typer.Argument(help="Assessment files to carry over.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    bank: BankOption = None,
) -> None:
    """Carry a file's answers over to this bank version (comments kept, FILE.bak left)."""
    from hria.bank.migrations import describe, migrate_file

    loaded = _bank(bank)
    for path in paths:
        migrated = migrate_file(path, loaded, write=not dry_run)
        sys.stdout.write(describe(migrated, loaded, written=not dry_run))


@app.command()
@guarded
def rules(
    gate: Annotated[str | None, typer.Option(help="Only this gate's rules.")] = None,
    output_format: Annotated[ListFormat, typer.Option("--format", "-f")] = ListFormat.TEXT,
    bank: BankOption = None,
) -> None:
    """List the flag rules: code, severity, gate and title."""
    from hria.bank.listing import rules_json, rules_text
    from hria.escapes import json_safe, printable

    loaded = _bank(bank)
    if output_format is ListFormat.JSON:
        _out(json_safe(rules_json(loaded, gate)))
    else:
        _out(printable(rules_text(loaded, gate)))


@app.command()
@guarded
def explain(
    code: Annotated[str, typer.Argument(help="A rule code such as LEG-001, or its name.")],
    bank: BankOption = None,
) -> None:
    """Show one rule: what it tests, why it matters, what to do, and its sources."""
    from hria.bank.listing import explain_text
    from hria.escapes import printable

    _out(printable(explain_text(_bank(bank), code)))


@app.command()
@guarded
def questions(
    output_format: Annotated[
        QuestionsFormat,
        typer.Option(
            "--format", "-f", help="md and html give a blank questionnaire to send or print."
        ),
    ] = QuestionsFormat.TEXT,
    bank: BankOption = None,
) -> None:
    """Print the question bank, section by section, with conditions in words."""

    loaded = _bank(bank)
    if output_format.value in ("md", "html"):
        from hria.report.questionnaire import render_questionnaire

        text = render_questionnaire(loaded, output_format.value)
    else:
        from hria.bank.listing import questions_json, questions_text
        from hria.escapes import json_safe, printable

        if output_format.value == "json":
            text = json_safe(questions_json(loaded))
        else:
            text = printable(questions_text(loaded))
    _out(text)


@app.command()
@guarded
def schema(bank: BankOption = None) -> None:
    """Print the JSON Schema of assessment files (for editors and other validators)."""
    import json

    from hria.bank.schema import assessment_schema
    from hria.escapes import json_safe

    _out(json_safe(json.dumps(assessment_schema(_bank(bank)), indent=2)) + "\n")


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
    bank: BankOption = None,
) -> None:
    """Start a new assessment: an interview in the terminal, saved after every answer."""
    from hria.interview import commands as interactive

    loaded, today, prompter = _interactive_setup(bank)
    interactive.new(loaded, file, prompter, today, force)


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


class ReportFormatChoice(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"


@app.command()
@guarded
def report(
    file: Annotated[Path, typer.Argument(help="An assessment file.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (format from the suffix).")
    ] = None,
    output_format: Annotated[
        ReportFormatChoice | None, typer.Option("--format", "-f", help="md, html or pdf.")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            help="A folder of templates that replace the bundled ones.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    today: Annotated[
        str | None, typer.Option(help="Judge due and review dates as of this day.", metavar="DATE")
    ] = None,
    bank: BankOption = None,
) -> None:
    """Render the flagged impact report: Markdown (default, to stdout), HTML or PDF."""
    from hria.report.build import build_report
    from hria.report.output import check_target
    from hria.report.render import ReportFormat

    if output_format is not None:
        fmt = ReportFormat(output_format.value)
    else:
        fmt = ReportFormat.from_suffix(output) if output else ReportFormat.MD
    if output is not None:
        check_target(output)
    data = build_report(_bank(bank), file, fmt, _day(today), templates)
    _write_output(data, output, binary=fmt is ReportFormat.PDF)


def _write_output(data: bytes, output: Path | None, binary: bool) -> None:
    from hria.errors import UsageError
    from hria.escapes import visible
    from hria.report.output import write_report

    if output is None:
        if binary:
            raise UsageError("PDF goes to a file", hint="add -o report.pdf")
        _out(data.decode("utf-8"))
        return
    write_report(output, data)
    _err(f"wrote {visible(output)}\n")


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
        sys.stderr.write(f"warning: {message}\n")
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


def main() -> None:
    """Console entry point. Every outcome, a failing standard stream included, ends in a
    documented exit code: see hria.streams."""
    from hria import streams

    streams.prepare()
    sys.exit(streams.finish(_run()))


def _run() -> int:
    from hria import streams
    from hria.errors import ExitCode, HriaError

    try:
        return _invoke()
    except BrokenPipeError:
        return streams.broken_pipe()
    except HriaError as error:  # raised outside a command: the --version callback
        streams.report(error)
        return error.exit_code
    except OSError as error:  # typer writing help or usage to a closed or full stream
        streams.report(streams.output_failed(error))
        return ExitCode.INPUT_ERROR
    except (KeyboardInterrupt, typer.Abort):
        streams.say("interrupted\n")
        return ExitCode.INTERRUPTED


def _invoke() -> int:
    """Run the app without typer's own exit handling, which exits 1 on a broken pipe, an
    aborted prompt or a ClickException: 1 means findings and nothing else."""
    from hria import streams
    from hria.errors import ExitCode

    before = sys.stdout
    try:
        result = app(prog_name="hria", standalone_mode=False)
    except typer.TyperException as error:  # usage errors; typer prints them
        streams.usage_error(error)
        return ExitCode.INPUT_ERROR if error.exit_code == ExitCode.FINDINGS else error.exit_code
    except SystemExit as done:
        if done.code == 1 and sys.stdout is not before:  # typer's answer to a broken pipe
            raise BrokenPipeError from None
        raise
    return result if isinstance(result, int) else 0
