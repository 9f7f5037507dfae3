"""`hria summary`: the rows of a portfolio, in order, rendered in the format asked for."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from hria.audit import portfolio, summaryview
from hria.errors import ExitCode, UsageError
from hria.i18n import _
from hria.models.bank import Bank

FORMATS = ("text", "md", "csv", "json", "html")
SUFFIXES = {".txt": "text", ".md": "md", ".csv": "csv", ".json": "json", ".html": "html"}


@dataclass(frozen=True)
class SummaryResult:
    output: str
    diagnostics: str  # errors, one per line, for standard error
    code: ExitCode


def format_for(given: str | None, output: Path | None) -> str:
    """The format asked for, or the one -o's suffix names, or text."""
    if given is not None:
        return given
    if output is None:
        return "text"
    fmt = SUFFIXES.get(output.suffix.lower())
    if fmt is None:
        raise UsageError(
            _("cannot tell the format from '{name}'").format(name=output.name),
            hint=_("name the file .txt, .md, .csv, .json or .html, or give --format"),
        )
    return fmt


def run_summary(
    paths: list[Path],
    bank: Bank,
    today: dt.date,
    output_format: str,
    sort: str = "path",
    isolate: bool = True,
    templates: Path | None = None,
) -> SummaryResult:
    """The portfolio's rows, in order, rendered; `templates` replaces the HTML template."""
    found = list(portfolio.rows(paths, bank, today, isolate=isolate))
    code = portfolio.exit_code(found)
    found = portfolio.ordered(found, sort)
    if output_format == "html":
        from hria.audit.summaryhtml import render_html

        output = render_html(found, bank, today, templates)
    else:
        output = _render(found, bank, today, output_format, code)
    return SummaryResult(output, _errors(found), code)


def _render(
    found: list[portfolio.Row], bank: Bank, today: dt.date, output_format: str, code: ExitCode
) -> str:
    if output_format == "json":
        return summaryview.render_json(found, bank, today.isoformat(), int(code))
    renderers = {
        "text": summaryview.render_text,
        "md": summaryview.render_markdown,
        "csv": summaryview.render_csv,
    }
    return renderers[output_format](found)


def _errors(found: list[portfolio.Row]) -> str:
    lines = [_("error: %(problem)s") % {"problem": p} for row in found for p in row.problems]
    text = _("error: internal error while checking %(path)s (%(error)s); this is a bug in hria")
    lines += [text % {"path": row.path, "error": row.internal} for row in found if row.internal]
    return "".join(f"{line}\n" for line in lines)


def write_output(output: Path, text: str, private: bool = False) -> None:
    """Like a report: with the user's umask, or owner-only when `private`."""
    from hria.report.output import write_report

    write_report(output, text.encode("utf-8"), private)


def check_output(output: Path) -> None:
    from hria.report.output import check_target

    check_target(output)
