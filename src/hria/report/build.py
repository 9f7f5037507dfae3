"""`hria report`: load, evaluate, render. The command line in the footer re-creates the report."""

from __future__ import annotations

import datetime as dt
import shlex
from pathlib import Path

from hria.domain.engine import assess
from hria.files.store import load_assessment
from hria.i18n import using
from hria.lang import ENGLISH
from hria.models.bank import Bank
from hria.report.context import report_context
from hria.report.render import ReportFormat, render


def build_report(
    bank: Bank,
    path: Path,
    fmt: ReportFormat,
    today: dt.date,
    templates: Path | None = None,
    review: Path | None = None,
) -> bytes:
    """The report, in the bank's language (which `hria report --lang` sets on its own)."""
    with using(bank.lang):
        return _build(bank, path, fmt, today, templates, review)


def _build(
    bank: Bank,
    path: Path,
    fmt: ReportFormat,
    today: dt.date,
    templates: Path | None,
    review: Path | None,
) -> bytes:
    loaded = load_assessment(path, bank)
    evaluation = assess(bank, loaded.assessment, today)
    words = ["hria", "report", path.name, "--format", fmt.value, "--today", today.isoformat()]
    if review is not None:
        words += ["--review", review.name]
    if bank.lang != ENGLISH:
        words += ["--lang", bank.lang]
    context = report_context(bank, loaded.assessment, evaluation, today, shlex.join(words))
    if review is not None:
        from hria.domain.whatif import contest
        from hria.files.reviews import open_review
        from hria.report.review import review_context

        found = open_review(review, bank, path, loaded.assessment).review
        reviewed = contest(bank, loaded.assessment, found, today)
        context["review"] = review_context(bank, loaded.assessment, reviewed, review.name)
    return render(context, fmt, templates)
