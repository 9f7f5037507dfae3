"""`hria diff` and `hria summary`: the auditor's commands, comparing versions and portfolios."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hria.cli.base import BankOption, LangOption, TodayOption, _bank, _day, _err, _out, app, guarded


class DiffFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    JSON = "json"


@app.command()
@guarded
def diff(
    args: Annotated[
        list[str],
        typer.Argument(
            help="OLD NEW (two files), or REV1 REV2 -- FILE (a file at two git revisions).",
            metavar="OLD NEW | REV1 REV2 -- FILE",
        ),
    ],
    output_format: Annotated[
        DiffFormat, typer.Option("--format", "-f", help="text, md or json.")
    ] = DiffFormat.TEXT,
    fail_if_worse: Annotated[
        bool,
        typer.Option(
            "--fail-if-worse", help="Exit 1 only when the verdict or a gate got worse (for CI)."
        ),
    ] = False,
    git_driver: Annotated[
        bool,
        typer.Option(
            "--git-driver", help="Take git's seven diff-driver arguments (diff.hria.command)."
        ),
    ] = False,
    today: TodayOption = None,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """Show what changed in meaning between two versions of an assessment (exit 1 if any)."""
    from hria.audit.diffing import run_diff

    result = run_diff(
        args, _bank(bank, lang), _day(today), output_format.value, fail_if_worse, git_driver
    )
    from hria.i18n import _

    for warning in result.warnings:
        _err(_("warning: %(problem)s") % {"problem": warning} + "\n")
    _out(result.output)
    raise typer.Exit(int(result.code))


class SummaryFormat(StrEnum):
    TEXT = "text"
    MD = "md"
    CSV = "csv"
    JSON = "json"
    HTML = "html"


class SummarySort(StrEnum):
    PATH = "path"
    VERDICT = "verdict"
    OVERDUE = "overdue"
    LEVEL = "level"
    FLAGS = "flags"
    TITLE = "title"
    ORGANISATION = "organisation"
    VENDOR = "vendor"
    REVIEW_BY = "review-by"
    CONTESTED = "contested"
    LAST_REVIEW = "last-review"


@app.command()
@guarded
def summary(
    paths: Annotated[list[Path], typer.Argument(help="Assessment files or folders.")],
    output_format: Annotated[
        SummaryFormat | None,
        typer.Option("--format", "-f", help="text, md, csv, json or html (default: from -o)."),
    ] = None,
    sort: Annotated[
        SummarySort, typer.Option(help="Order of the rows (most serious or most urgent first).")
    ] = SummarySort.PATH,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (format from the suffix).")
    ] = None,
    templates: Annotated[
        Path | None,
        typer.Option(
            help="A folder whose summary.html.j2 replaces the bundled one.",
            exists=True,
            file_okay=False,
        ),
    ] = None,
    today: TodayOption = None,
    private: Annotated[
        bool, typer.Option("--private", help="Write -o owner-only (0600), like an assessment.")
    ] = False,
    lang: LangOption = None,
    bank: BankOption = None,
) -> None:
    """One row per assessment: verdict, level, flags, review and overdue dates (a portfolio)."""
    import os

    from hria.audit.summarising import check_output, format_for, run_summary, write_output

    if output is not None:
        check_output(output)
    fmt = format_for(output_format.value if output_format else None, output)
    isolate = not os.environ.get("HRIA_DEBUG")
    result = run_summary(paths, _bank(bank, lang), _day(today), fmt, sort.value, isolate, templates)
    _err(result.diagnostics)
    if output is None:
        _out(result.output)
    else:
        from hria.escapes import visible
        from hria.i18n import _

        write_output(output, result.output, private)
        _err(_("wrote %(path)s") % {"path": visible(output)} + "\n")
    raise typer.Exit(int(result.code))
