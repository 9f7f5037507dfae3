"""`hria report`: load, evaluate, render. The command line in the footer re-creates the report."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

from hria.domain.engine import assess
from hria.files.store import load_assessment
from hria.models.bank import Bank
from hria.report.context import report_context
from hria.report.render import ReportFormat, render


def build_report(
    bank: Bank,
    path: Path,
    fmt: ReportFormat,
    today: dt.date,
    templates: Path | None = None,
) -> bytes:
    loaded = load_assessment(path, bank)
    evaluation = assess(bank, loaded.assessment, today)
    command = shlex.join(
        ["hria", "report", path.name, "--format", fmt.value, "--today", today.isoformat()]
    )
    context = report_context(bank, loaded.assessment, evaluation, today, command)
    return render(context, fmt, templates)
