"""`hria summary --format html`: one self-contained page, the table and an inline SVG chart of
verdicts. No script and no external resource; the template is autoescaped."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path
from typing import Any

from hria import __version__
from hria.audit.portfolio import Row
from hria.audit.summaryview import HEADERS, OUTCOME_WORDS, cells, tally
from hria.models.bank import Bank
from hria.models.findings import Outcome

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
                "label": OUTCOME_WORDS[outcome],
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


def context(found: list[Row], bank: Bank, today: dt.date) -> dict[str, object]:
    table = []
    for row in found:
        values = cells(row)
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
        "headers": HEADERS,
        "rows": table,
        "chart": chart(found),
        "tally": tally(found),
        "today": today.isoformat(),
        "hria_version": __version__,
        "bank": {"id": bank.id, "version": bank.version},
    }


def render_html(found: list[Row], bank: Bank, today: dt.date, templates: Path | None = None) -> str:
    from hria.report.jinja import render

    return render(TEMPLATE, context(found, bank, today), templates)
