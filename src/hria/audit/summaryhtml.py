"""`hria summary --format html`: one self-contained page, the table and an inline SVG chart of
verdicts. No script and no external resource; the template is autoescaped."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from hria import __version__
from hria.audit.portfolio import COUNTED, Row
from hria.audit.summaryview import HEADERS, OUTCOME_WORDS, cells, tally
from hria.i18n import N_, _, using
from hria.models.bank import Bank
from hria.models.base import SYMBOLS
from hria.models.findings import Outcome

COLUMNS = {
    "title": N_("Title"),
    "organisation": N_("Organisation"),
    "vendor": N_("Vendor"),
    "verdict": N_("Verdict"),
    "level": N_("Level"),
    "red_line": N_("red line"),
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "review_by": N_("Review by"),
    "overdue_actions": N_("Overdue actions"),
    "contested": N_("Contested"),
    "last_review": N_("Last review"),
    "path": N_("File"),
}
LEVELS = {
    "minimal": N_("minimal"),
    "moderate": N_("moderate"),
    "substantial": N_("substantial"),
    "grave": N_("grave"),
}
TEMPLATE = "summary.html.j2"
BAR_HEIGHT = 28
BAR_GAP = 10
LABEL_WIDTH = 150
BAR_WIDTH = 360


def chart(found: list[Row]) -> dict[str, Any]:
    """Bars of the chart, most serious verdict first, each labelled with words and a count,
    so that the chart never relies on colour."""
    counts = Counter(r.outcome for r in found if r.outcome is not None)
    most = max(counts.values(), default=0)
    bars = []
    for index, outcome in enumerate(Outcome):
        count = counts[outcome]
        width = round(BAR_WIDTH * count / most) if most else 0
        bars.append(
            {
                "outcome": outcome.value,
                "label": _(OUTCOME_WORDS[outcome]),
                "count": count,
                "y": index * (BAR_HEIGHT + BAR_GAP),
                "width": width,
            }
        )
    height = len(bars) * (BAR_HEIGHT + BAR_GAP) - BAR_GAP
    summary = ", ".join(f"{b['count']} {b['label']}" for b in bars)
    return {
        "bars": bars,
        "height": height,
        "width": LABEL_WIDTH + BAR_WIDTH + 60,
        "label_width": LABEL_WIDTH,
        "bar_height": BAR_HEIGHT,
        "summary": summary,
    }


def headers() -> dict[str, str]:
    """The table's headings; the severities keep their marks."""
    marks = {s.value: SYMBOLS[s] for s in COUNTED}
    said = {key: _(COLUMNS[key]) for key in HEADERS}
    return {k: f"{marks[k]} {v}" if k in marks else v for k, v in said.items()}


def verdict(row: Row) -> str:
    if row.outcome is None:
        return _("invalid") if row.internal is None else _("internal error")
    words = _(OUTCOME_WORDS[row.outcome])
    return _("%(verdict)s (provisional)") % {"verdict": words} if row.provisional else words


def _day(value: dt.date | None) -> str:
    from hria.report.words import day

    return str(day(value.isoformat(), "medium")) if value else ""


def _cells(row: Row) -> dict[str, str]:
    """A row's cells as the page shows them: the same as the other formats in English."""
    values = cells(row)
    review_by = _day(row.review_by)
    values["verdict"] = verdict(row)
    if row.level:
        name = LEVELS.get(row.level_name or "", row.level_name or "")
        values["level"] = f"{row.level} {_(name)}"
    values["review_by"] = (
        _("%(date)s overdue") % {"date": review_by} if row.review_overdue else review_by
    )
    values["last_review"] = _day(row.review.last_review)
    return values


def context(found: list[Row], bank: Bank, today: dt.date) -> dict[str, object]:
    table = []
    for row in found:
        values = _cells(row)
        table.append(
            {
                "cells": values,
                "outcome": row.outcome.value if row.outcome else "invalid",
                "verdict": row.verdict or values["verdict"],
                "overdue": row.review_overdue,
                "late": row.overdue_actions > 0,
            }
        )
    return {
        "headers": headers(),
        "rows": table,
        "chart": chart(found),
        "tally": tally(found),
        "today": today.isoformat(),
        "hria_version": __version__,
        "bank": {"id": bank.id, "version": bank.version},
    }


def render_html(found: list[Row], bank: Bank, today: dt.date, templates: Path | None = None) -> str:
    """The page, in the bank's language (the language in force)."""
    from hria.report.jinja import render

    with using(bank.lang):
        return render(TEMPLATE, context(found, bank, today), templates)
