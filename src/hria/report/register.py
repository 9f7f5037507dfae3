"""The report's register parts: impacts and their matrix, the action plan, the gaps, and the
sources. Pure: data in, data out."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from hria.bank.numbering import Numbering
from hria.domain.plan import LIKELIHOOD_WORDS, SEVERITY_WORDS, ordered, overdue
from hria.i18n import _
from hria.models.assessment import Assessment
from hria.models.bank import Bank
from hria.models.findings import Evaluation

SAFE_URL = ("http://", "https://")


def impacts(assessment: Assessment) -> list[dict[str, Any]]:
    return [
        {
            "id": i.id,
            "right": i.right,
            "groups": ", ".join(i.groups),
            "description": i.description,
            "status": i.status.value,
            "involvement": i.involvement.value,
            "scale": i.scale,
            "scope": i.scope,
            "irremediability": i.irremediability,
            "severity": SEVERITY_WORDS[i.severity],
            "severity_level": i.severity,
            "severe": i.severe,
            "likelihood": LIKELIHOOD_WORDS[i.likelihood] if i.likelihood else "actual",
            "likelihood_level": i.likelihood or 5,
        }
        for i in ordered(assessment.impacts)
    ]


def matrix(assessment: Assessment) -> list[dict[str, Any]]:
    """Rows: severity 4..1; columns: likelihood 1..4 plus 'actual'. Cells list impact ids."""
    rows = []
    for severity in (4, 3, 2, 1):
        cells = []
        for likelihood in (1, 2, 3, 4, 5):
            ids = [
                i.id
                for i in assessment.impacts
                if i.severity == severity and (i.likelihood or 5) == likelihood
            ]
            cells.append({"ids": ids, "likelihood": likelihood})
        rows.append({"severity": SEVERITY_WORDS[severity], "level": severity, "cells": cells})
    return rows


def actions(assessment: Assessment, today: dt.date) -> list[dict[str, Any]]:
    late = {a.id for a in overdue(assessment, today)}
    return [
        {
            "id": a.id,
            "description": a.description,
            "addresses": ", ".join(a.addresses),
            "owner": a.owner,
            "due": a.due.isoformat(),
            "status": a.status.value.replace("_", " "),
            "overdue": a.id in late,
        }
        for a in sorted(assessment.actions, key=lambda a: (a.due, a.id))
    ]


def gaps(
    bank: Bank, evaluation: Evaluation, numbering: Numbering, deciding: set[str]
) -> dict[str, list[str]]:
    def label(qid: str) -> str:
        said = f"{numbering.numbers[qid]} {bank.questions[qid].prompt}"
        return (
            _("%(question)s (could change the verdict)") % {"question": said}
            if qid in deciding
            else said
        )

    kinds: dict[str, list[str]] = {"unknown": [], "unanswered": [], "no_evidence": []}
    for gap in evaluation.gaps:
        if gap.kind == "unanswered" and not gap.required:
            continue
        said = label(gap.question)
        if gap.held:
            said = _("%(question)s (an answer would settle %(rules)s)") % {
                "question": said,
                "rules": ", ".join(gap.held),
            }
        kinds[gap.kind].append(said)
    return kinds


def safe_url(url: str | None) -> str | None:
    """An instrument's link, if it is http or https: nothing else is ever linked."""
    if not url:
        return None
    clean = url.strip()
    if not clean.lower().startswith(SAFE_URL) or any(c.isspace() or c < " " for c in clean):
        return None
    # anything unusual percent-encoded; the templates escape the rest for their format (the
    # HTML by autoescaping, Markdown by md_url, which escapes parentheses)
    return quote(clean, safe=":/?#@!$&'()*+,;=%-._~")


def bibliography(bank: Bank, cited: set[str]) -> list[dict[str, str | None]]:
    entries = [bank.instruments[i] for i in sorted(cited) if i in bank.instruments]
    return [
        {
            "short": i.short,
            "title": i.title,
            "reference": i.reference or "",
            "url": safe_url(i.url),
        }
        for i in sorted(entries, key=lambda i: i.short.lower())
    ]
