"""`hria check`, `hria migrate` and `hria report`: the commands that read assessment files."""

import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from hria.errors import UsageError

if TYPE_CHECKING:
    import datetime as dt

    from hria.check.settings import Settings
    from hria.check.stream import Options
    from hria.models.bank import Bank

from hria.cli.base import (
    CHECK_EPILOG,
    BankOption,
    CheckFormat,
    Color,
    FailOn,
    LangOption,
    ReportLangOption,
    TodayOption,
    _bank,
    _day,
    _err,
    _lang,
    _out,
    _use_color,
    app,
    guarded,
)


@app.command(epilog=CHECK_EPILOG)
@guarded
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Assessment files or folders; - is stdin.", metavar="PATHS"),
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 on flags at or above this.")
    ] = FailOn.HIGH,
    output_format: Annotated[
        CheckFormat, typer.Option("--format", "-f", help="Text, or a format for CI tools.")
    ] = CheckFormat.TEXT,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", help="Write the format to this file; the console gets text."
        ),
    ] = None,
    quiet: Annotated[
        bool,
        typer.Option("--quiet", "-q", help="One line per failing or invalid file, else nothing."),
    ] = False,
    strict: Annotated[bool, typer.Option(help="Incomplete assessments fail too.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="Show triggers and actions.")
    ] = False,
    color: Annotated[Color, typer.Option(help="Colour the text output.")] = Color.AUTO,
    today: TodayOption = None,
    review: Annotated[
        Path | None,
        typer.Option(
            help="A review of the one FILE: also evaluate it with the challenged answers.",
            metavar="REVIEW",
        ),
    ] = None,
    lang: LangOption = None,
    bank: BankOption = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            help="The name of the file read from `-`: shown, and its format.", metavar="NAME"
        ),
    ] = None,
    exclude: Annotated[
        list[str] | None,
        typer.Option(help="Skip in folders (replaces the defaults; repeatable).", metavar="GLOB"),
    ] = None,
    extend_exclude: Annotated[
        list[str] | None,
        typer.Option(help="Skip in folders, besides the defaults (repeatable).", metavar="GLOB"),
    ] = None,
    force_exclude: Annotated[
        bool, typer.Option("--force-exclude", help="Apply the excludes to files named here too.")
    ] = False,
    config: Annotated[
        Path | None,
        typer.Option(
            help="Read this configuration file instead of looking for one.",
            exists=True,
            dir_okay=False,
        ),
    ] = None,
    isolated: Annotated[
        bool, typer.Option("--isolated", help="Read no configuration file.")
    ] = False,
    show_config: Annotated[
        bool,
        typer.Option(
            "--show-config", help="Print the settings in force and where each comes from."
        ),
    ] = False,
) -> None:
    """Validate and evaluate assessment files (for CI: exit 1 on serious flags).
    `-` reads one from standard input."""
    from hria.check.run import iter_results
    from hria.check.settings import describe
    from hria.check.stream import Options, write_check
    from hria.models.base import Severity

    values: dict[str, Any] = {
        "fail_on": fail_on.value,
        "strict": strict,
        "format": output_format.value,
    }
    values |= {"bank": bank, "exclude": exclude, "extend_exclude": extend_exclude}
    _lang(lang)  # messages from here on are in the language asked for
    chosen = _settings(ctx, values, config, isolated)
    if show_config:
        _out(describe(chosen))
        return
    if not paths:
        from hria.i18n import _

        raise UsageError(
            _("no files or folders to check"), hint=_("`hria check .` checks this folder")
        )
    loaded = _bank(chosen.bank, lang)
    day = _day(today)
    options = Options(
        output_format=chosen.format,
        fail_on=None if chosen.fail_on == FailOn.NONE else Severity(chosen.fail_on),
        fail_on_name=chosen.fail_on,
        strict=chosen.strict,
        color=_use_color(color),
        verbose=verbose,
        quiet=quiet,
        output=output,
        step_summary=_step_summary(chosen.format),
    )
    found = chosen.discovery(force_exclude, stdin_filename)
    isolate = not os.environ.get("HRIA_DEBUG")
    from hria.streams import say

    if review is not None:
        code = _check_review(paths, review, loaded, day, options)
        raise typer.Exit(int(code))
    waivers = chosen.shared_waivers(loaded, day)
    results = iter_results(paths, loaded, day, isolate, found, waivers)
    code = write_check(results, loaded, options, _out, say)
    raise typer.Exit(int(code))


def _step_summary(output_format: str) -> Path | None:
    """GitHub's job summary file, for the github format in a GitHub Actions step."""
    name = os.environ.get("GITHUB_STEP_SUMMARY")
    return Path(name) if name and output_format == CheckFormat.GITHUB.value else None


def _settings(
    ctx: typer.Context, values: dict[str, Any], config: Path | None, isolated: bool
) -> "Settings":
    """The command line's values over the configuration file's, over the defaults."""
    from hria.check.settings import Choices, settings

    names = {"output_format": "format"}
    sources = {name: ctx.get_parameter_source(name) for name in ctx.params}
    given = {names.get(n, n) for n, s in sources.items() if s and s.name == "COMMANDLINE"}
    choices = Choices(tuple(f.value for f in FailOn), tuple(f.value for f in CheckFormat))
    return settings(values, given, choices, config, isolated)


def _check_review(
    paths: list[Path], review: Path, bank: "Bank", day: "dt.date", options: "Options"
) -> int:
    from hria.check.review import check_with_review
    from hria.errors import UsageError
    from hria.i18n import _
    from hria.streams import say

    if len(paths) != 1 or paths[0].is_dir():
        raise UsageError(
            _("--review goes with one assessment file"), hint="hria check FILE --review REVIEW"
        )
    if options.output_format not in ("text", "json") or options.output is not None:
        raise UsageError(
            _("--review shows text or json on standard output"),
            hint=_("use --format text or --format json, without -o"),
        )
    return check_with_review(paths[0], review, bank, day, options, _out, say)


@app.command()
@guarded
def migrate(
    paths: Annotated[list[Path], typer.Argument(help="Assessment files to carry over.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing.")
    ] = False,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Carry a file's answers over to this bank version (comments kept, FILE.bak left)."""
    from hria.bank.migrations import describe, migrate_file

    loaded = _bank(bank, lang)
    for path in paths:
        migrated = migrate_file(path, loaded, write=not dry_run)
        sys.stdout.write(describe(migrated, loaded, written=not dry_run))


class ReportFormatChoice(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"


@app.command()
@guarded
def report(
    file: Annotated[Path, typer.Argument(help="An assessment file.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (format from the suffix).")
    ] = None,
    output_format: Annotated[
        ReportFormatChoice | None, typer.Option("--format", "-f", help="md, html, pdf or json.")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            help="A folder of templates that replace the bundled ones.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    today: TodayOption = None,
    review: Annotated[
        Path | None,
        typer.Option(
            help="A review of FILE: adds the contested answers, the reviewer's findings and "
            "opinion, and the two verdicts side by side.",
            metavar="REVIEW",
        ),
    ] = None,
    private: Annotated[
        bool,
        typer.Option(
            "--private", help="Make the file written with -o readable by its owner only (0600)."
        ),
    ] = False,
    lang: ReportLangOption = None,
    bank: BankOption = None,
) -> None:
    """Render the flagged impact report: Markdown (default, to stdout), HTML, PDF or JSON."""
    from hria.report.build import build_report
    from hria.report.output import check_target
    from hria.report.render import ReportFormat

    if output_format is not None:
        fmt = ReportFormat(output_format.value)
    else:
        fmt = ReportFormat.from_suffix(output) if output else ReportFormat.MD
    if output is not None:
        check_target(output)
    elif private:
        from hria.errors import UsageError
        from hria.i18n import _

        raise UsageError(
            _("--private applies to a file written with -o"), hint=_("add -o report.md")
        )
    data = build_report(
        _bank(bank, lang, interface=False), file, fmt, _day(today), templates, review
    )
    _write_output(data, output, binary=fmt is ReportFormat.PDF, private=private)


def _write_output(data: bytes, output: Path | None, binary: bool, private: bool) -> None:
    from hria.errors import UsageError
    from hria.escapes import visible
    from hria.i18n import _
    from hria.report.output import write_report

    if output is None:
        if binary:
            raise UsageError(_("PDF goes to a file"), hint=_("add -o report.pdf"))
        _out(data.decode("utf-8"))
        return
    write_report(output, data, private=private)
    _err(_("wrote %(path)s") % {"path": visible(output)} + "\n")
