"""What `hria report FILE --review REVIEW` adds to the report's context: the reviewer, the
two verdicts side by side, the contested answers, the flags the challenges raise or clear,
the reviewer's opinions and findings, and whether the assessment changed since the review.
Shown by the partial templates `_review.md.j2` and `_review.html.j2`."""

from __future__ import annotations

from typing import Any

from hria.bank.numbering import Numbering
from hria.bank.words import answer_words, severity_word
from hria.domain.whatif import Contest
from hria.i18n import N_, _
from hria.models.assessment import Answer, Assessment
from hria.models.bank import Bank
from hria.models.base import SYMBOLS
from hria.models.findings import Flag, Verdict

#: What changed in an answer since the review, in the report's language.
CHANGES = {
    "value": N_("answer changed"),
    "remarks": N_("note or evidence changed"),
    "removed": N_("answer removed"),
}


def review_context(
    bank: Bank, assessment: Assessment, found: Contest, path_name: str
) -> dict[str, Any]:
    review, result = found.review, found.what_if
    numbering = Numbering(bank)
    who, signed = review.reviewer, review.signed
    return {
        "file": path_name,
        "reviewer": {
            "name": who.name,
            "organisation": who.organisation,
            "role": _(who.role.label),
        },
        "signed": {"name": signed.name, "date": signed.date.isoformat()} if signed else None,
        "reviewed": {"path": review.assessment.path, "digest": review.assessment.sha256},
        "stale": found.stale,
        "changes": [
            {"label": _label(bank, numbering, c.question), "change": _(CHANGES[c.kind])}
            for c in found.changes
        ],
        "verdicts": _verdicts(result.as_answered.verdict, result.challenged.verdict),
        "contested": _contested(bank, assessment, found, numbering),
        "raised": [_flag(bank, f) for f in result.raised],
        "cleared": [_flag(bank, f) for f in result.cleared],
        "moved": [
            {**_flag(bank, m.after), "before": severity_word(m.before.severity)}
            for m in result.moved
        ],
        "flag_opinions": _opinions(bank, found),
        "missed": [
            {
                "gate": bank.gates_by_id[m.gate].title,
                "title": m.title,
                "severity": severity_word(m.severity),
                "severity_key": m.severity.value,
                "symbol": SYMBOLS[m.severity],
                "description": m.description,
                "evidence": list(m.evidence),
            }
            for m in review.missed
        ],
        "opinion": _opinion(found),
    }


def _label(bank: Bank, numbering: Numbering, qid: str) -> str:
    question = bank.questions.get(qid)
    return f"{numbering.numbers[qid]} {question.prompt}" if question else qid


def _verdicts(before: Verdict, after: Verdict) -> list[dict[str, str]]:
    rows = [{"title": _("Overall"), "before": before.text, "after": after.text}]
    rows += [
        {"title": a.title, "before": a.text, "after": b.text}
        for a, b in zip(before.gates, after.gates, strict=True)
    ]
    for row in rows:
        row["changed"] = _("yes") if row["before"] != row["after"] else ""
    return rows


def _contested(
    bank: Bank, assessment: Assessment, found: Contest, numbering: Numbering
) -> list[dict[str, Any]]:
    rows = []
    for qid, challenge in found.review.challenged.items():
        question = bank.questions[qid]
        given = assessment.answers.get(qid)
        rows.append(
            {
                "label": _label(bank, numbering, qid),
                "answered": answer_words(question, given) if given else _("not answered"),
                "note": given.note if given else None,
                "evidence": list(given.evidence) if given else [],
                "reviewer": answer_words(question, Answer(value=challenge.value)),
                "reviewer_evidence": list(challenge.evidence),
                "comment": challenge.comment,
            }
        )
    return rows


def _flag(bank: Bank, flag: Flag) -> dict[str, str]:
    gate = bank.gates_by_id[flag.gate].title if flag.gate in bank.gates_by_id else flag.gate
    return {
        "code": flag.code,
        "title": flag.title,
        "severity": severity_word(flag.severity),
        "severity_key": flag.severity.value,
        "symbol": SYMBOLS[flag.severity],
        "gate": gate,
    }


_OPINIONS = {
    "agree": N_("agrees"),
    "disagree": N_("disagrees"),
    "severity": N_("severity should differ"),
}


def _opinions(bank: Bank, found: Contest) -> list[dict[str, Any]]:
    rows = []
    for code, opinion in found.review.flags.items():
        rule = bank.rules_by_code[code]
        rows.append(
            {
                "code": code,
                "title": rule.title,
                "opinion": _(_OPINIONS[opinion.opinion.value]),
                "severity": severity_word(opinion.severity) if opinion.severity else None,
                "why": opinion.why,
            }
        )
    return rows


def _opinion(found: Contest) -> dict[str, Any] | None:
    opinion = found.review.opinion
    if opinion is None:
        return None
    return {
        "agrees": opinion.agrees_with_verdict,
        "recommended": _(opinion.recommended.label),
        "comment": opinion.comment,
    }
