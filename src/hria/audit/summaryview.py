"""`hria summary` output: a text table, Markdown, CSV, JSON and a self-contained HTML page.
Builds strings; the CLI writes them. Text from files is escaped for each medium; CSV cells
that a spreadsheet would run as a formula are defused."""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from typing import Any

from hria import __version__
from hria.audit.changes import clip
from hria.audit.portfolio import COUNTED, Row
from hria.bank.words import severity_word
from hria.escapes import json_safe, md_escape, printable, visible
from hria.i18n import N_, _, ngettext
from hria.models.bank import Bank
from hria.models.base import SYMBOLS
from hria.models.findings import Outcome

OUTCOME_WORDS = {
    Outcome.DO_NOT_DEPLOY: N_("do not deploy"),
    Outcome.FAILS: N_("fails"),
    Outcome.CONDITIONAL: N_("conditional"),
    Outcome.NO_MAJOR_FLAGS: N_("no major flags"),
    Outcome.SCREENED: N_("screening only"),
}
#: The headings of the Markdown table (and of the HTML page), translated where shown; the
#: severity columns start with their mark.
HEADERS = {
    "title": N_("Title"),
    "organisation": N_("Organisation"),
    "vendor": N_("Vendor"),
    "verdict": N_("Verdict"),
    "level": N_("Level"),
    "red_line": f"{SYMBOLS[COUNTED[0]]} red line",
    "high": f"{SYMBOLS[COUNTED[1]]} high",
    "medium": f"{SYMBOLS[COUNTED[2]]} medium",
    "low": f"{SYMBOLS[COUNTED[3]]} low",
    "review_by": N_("Review by"),
    "overdue_actions": N_("Overdue actions"),
    "contested": N_("Contested"),
    "last_review": N_("Last review"),
    "path": N_("File"),
}
#: The text table: short headings, the title first; long text is clipped to these widths.
TEXT_HEADERS = {
    "title": N_("Title"),
    "organisation": N_("Organisation"),
    "vendor": N_("Vendor"),
    "verdict": N_("Verdict"),
    "level": N_("Level"),
    "red_line": N_("RL"),
    "high": N_("High"),
    "medium": N_("Med"),
    "low": N_("Low"),
    "review_by": N_("Review by"),
    "overdue_actions": N_("Late"),
    "contested": N_("Contested"),
    "last_review": N_("Reviewed"),
    "path": N_("File"),
}
CLIPPED = {"title": 36, "organisation": 20, "vendor": 20}
LEGEND = N_(
    "RL, High, Med, Low: flags by severity; Late: overdue actions; "
    "Contested: answers a review challenges"
)


def headers() -> dict[str, str]:
    """The Markdown headings in the interface's language."""
    shown = {key: _(text) for key, text in HEADERS.items()}
    for severity in COUNTED:
        shown[severity.value] = f"{SYMBOLS[severity]} {severity_word(severity)}"
    return shown


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def verdict_words(row: Row) -> str:
    if row.outcome is None:
        return _("invalid") if row.internal is None else _("internal error")
    return _(OUTCOME_WORDS[row.outcome]) + (_(" (provisional)") if row.provisional else "")


def cells(row: Row) -> dict[str, str]:
    """A row as plain text, column by column (unescaped)."""
    valid = row.outcome is not None
    review_by = row.review_by.isoformat() if row.review_by else ""
    last = row.review.last_review
    return {
        "verdict": verdict_words(row),
        "level": f"{row.level} {_(row.level_name or '')}" if row.level else "",
        **{s.value: str(row.counts.get(s, 0)) if valid else "" for s in COUNTED},
        "review_by": review_by + (_(" overdue") if row.review_overdue else ""),
        "overdue_actions": str(row.overdue_actions) if valid else "",
        "contested": str(row.review.contested) if valid else "",
        "last_review": last.isoformat() if last else "",
        "title": row.title,
        "organisation": row.organisation,
        "vendor": row.vendor or "",
        "path": row.path,
    }


def tally(found: list[Row]) -> str:
    """The line under a table: how many of each verdict, and what is overdue."""
    outcomes = Counter(r.outcome for r in found if r.outcome is not None)
    parts = [f"{outcomes[o]} {_(OUTCOME_WORDS[o])}" for o in Outcome if outcomes[o]]
    invalid = sum(1 for r in found if r.outcome is None)
    if invalid:
        parts.append(ngettext("%(n)s invalid", "%(n)s invalid", invalid) % {"n": invalid})
    values = {
        "n": len(found),
        "parts": ", ".join(parts) or _("none"),
        "overdue": sum(1 for r in found if r.review_overdue),
        "late": sum(r.overdue_actions for r in found),
    }
    text = ngettext(
        "%(n)s assessment: %(parts)s; %(overdue)s past their review-by date; "
        "%(late)s overdue action(s)",
        "%(n)s assessments: %(parts)s; %(overdue)s past their review-by date; "
        "%(late)s overdue action(s)",
        len(found),
    )
    return text % values


def render_text(found: list[Row]) -> str:
    table = [
        {k: visible(clip(v, CLIPPED[k]) if k in CLIPPED else v) for k, v in cells(r).items()}
        for r in found
    ]
    heads = {k: _(h) for k, h in TEXT_HEADERS.items()}
    widths = {k: max([len(h), *(len(t[k]) for t in table)]) for k, h in heads.items()}
    last = list(TEXT_HEADERS)[-1]

    def line(values: dict[str, str]) -> str:
        padded = [values[k] if k == last else values[k].ljust(widths[k]) for k in TEXT_HEADERS]
        return "  ".join(padded).rstrip()

    lines = [line(heads), *(line(t) for t in table), tally(found), _(LEGEND)]
    return "\n".join(lines) + "\n"


def render_markdown(found: list[Row]) -> str:
    lines = [
        "| " + " | ".join(headers().values()) + " |",
        "|" + "---|" * len(HEADERS),
    ]
    for row in found:
        values = cells(row)
        if row.outcome is not None:
            values["verdict"] = row.verdict
        lines.append("| " + " | ".join(md_escape(values[k]) or " " for k in HEADERS) + " |")
    head = _("## Portfolio")
    return printable("\n".join([head, "", *lines, "", md_escape(tally(found))]) + "\n")


def render_csv(found: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [*HEADERS, "level_name", "outcome", "verdict_text", "review_overdue"]
    writer.writerow(names)
    for row in found:
        values = cells(row)
        values["review_by"] = row.review_by.isoformat() if row.review_by else ""
        values["level"] = str(row.level) if row.level else ""
        values["level_name"] = row.level_name or ""
        values["outcome"] = row.outcome.value if row.outcome else ""
        values["verdict_text"] = row.verdict
        values["review_overdue"] = "yes" if row.review_overdue else "no"
        writer.writerow([_defused(visible(values[n])) for n in names])
    return out.getvalue()


def _defused(cell: str) -> str:
    """A cell a spreadsheet would read as a formula starts with a quote instead."""
    return "'" + cell if cell.startswith(FORMULA_START) else cell


def row_json(row: Row) -> dict[str, Any]:
    return {
        "path": row.path,
        "valid": row.outcome is not None,
        "title": row.title or None,
        "organisation": row.organisation or None,
        "vendor": row.vendor,
        "outcome": row.outcome.value if row.outcome else None,
        "verdict": row.verdict or None,
        "provisional": row.provisional,
        "level": row.level,
        "level_name": row.level_name,
        "flags": {s.value: row.counts.get(s, 0) for s in COUNTED},
        "review_by": row.review_by.isoformat() if row.review_by else None,
        "review_overdue": row.review_overdue,
        "overdue_actions": row.overdue_actions,
        "review": str(row.review.path) if row.review.path else None,
        "contested": row.review.contested,
        "last_review": row.review.last_review.isoformat() if row.review.last_review else None,
        "problems": [p.message for p in row.problems],
        "internal_error": row.internal,
    }


def render_json(found: list[Row], bank: Bank, today: str, exit_code: int) -> str:
    outcomes = Counter(r.outcome.value for r in found if r.outcome is not None)
    document = {
        "hria_version": __version__,
        "bank": {"id": bank.id, "version": bank.version},
        "today": today,
        "exit_code": exit_code,
        "outcomes": {o.value: outcomes[o.value] for o in Outcome},
        "assessments": [row_json(r) for r in found],
    }
    return json_safe(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"
