"""The report's view model: everything the templates show, computed here, so templates hold
only loops and ifs. Deterministic: same input, same output."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from typing import Any

from hria import __version__
from hria.bank.listing import basis_lines, cite
from hria.bank.numbering import Numbering
from hria.domain.digest import canonical_digest as canonical_digest  # the footer's hash
from hria.domain.flow import shown_value
from hria.domain.plan import LIKELIHOOD_WORDS, SEVERITY_WORDS, mitigation_status, ordered, overdue
from hria.models.assessment import Assessment
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Evaluation, Flag, Outcome

SYMBOLS = {
    Severity.RED_LINE: "⛔",
    Severity.HIGH: "▲",
    Severity.MEDIUM: "◆",
    Severity.LOW: "●",
    Severity.INFO: "ℹ",
}
OUTCOME_SENTENCES = {
    Outcome.DO_NOT_DEPLOY: "At least one use crosses a line that no safeguard can make acceptable.",
    Outcome.FAILS: "Serious flags mean the interference cannot be justified as it stands.",
    Outcome.CONDITIONAL: "Problems were found that must be mitigated before and during use.",
    Outcome.NO_MAJOR_FLAGS: "No serious risk was identified on the answers given; "
    "this is not a certificate of compliance.",
    Outcome.SCREENED: "Only the screen (the setting and the red lines) was answered, and it found "
    "no red line; the full test of legality, necessity, proportionality and non-discrimination "
    "has not been run.",
}


def generated_at() -> str | None:
    """Only with SOURCE_DATE_EPOCH: reports are otherwise byte-identical across runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


def report_context(
    bank: Bank, assessment: Assessment, evaluation: Evaluation, today: dt.date, command: str
) -> dict[str, Any]:
    numbering = Numbering(bank)
    cited: set[str] = set()
    flags = [_flag(bank, assessment, f, numbering, cited) for f in evaluation.flags]
    return {
        "meta": _meta(bank, assessment),
        "verdict": _verdict(bank, evaluation),
        "profile": _profile(evaluation, numbering),
        "summary": _summary(evaluation, flags),
        "gates": _gates(bank, assessment, evaluation, flags, numbering, cited),
        "other_sections": _other_sections(bank, assessment, evaluation, numbering, cited),
        "impacts": _impacts(assessment),
        "matrix": _matrix(assessment),
        "actions": _actions(assessment, today),
        "waivers": _waivers(bank, assessment, evaluation, today),
        "gaps": _gaps(bank, evaluation, numbering),
        "bibliography": _bibliography(bank, cited),
        "provenance": {
            "hria_version": __version__,
            "bank": f"{bank.id} {bank.version}",
            "digest": canonical_digest(assessment),
            "command": command,
            "generated_at": generated_at(),
            "today": today.isoformat(),
        },
        "draft": not evaluation.complete or assessment.metadata.status.value != "complete",
    }


def _meta(bank: Bank, assessment: Assessment) -> dict[str, Any]:
    m = assessment.metadata
    return {
        "title": m.title,
        "organisation": m.organisation,
        "assessor": m.assessor,
        "role": m.role.value,
        "created": m.created.isoformat(),
        "updated": m.updated.isoformat() if m.updated else None,
        "review_by": m.review_by.isoformat() if m.review_by else None,
        "status": m.status.value,
        "description": m.description,
        "bank": f"{bank.id} {bank.version}",
    }


def _verdict(bank: Bank, evaluation: Evaluation) -> dict[str, Any]:
    verdict = evaluation.verdict
    gates = [
        {
            "title": g.title,
            "text": g.text,
            "outcome": g.outcome.value,
            "explanation": bank.gates_by_id[g.gate].summary,
            "counts": {s.value: n for s, n in g.counts.items() if n},
        }
        for g in verdict.gates
    ]
    return {
        "text": verdict.text,
        "outcome": verdict.outcome.value,
        "sentence": OUTCOME_SENTENCES[verdict.outcome],
        "gates": gates,
    }


def _profile(evaluation: Evaluation, numbering: Numbering) -> dict[str, Any] | None:
    """The intrusion level, the factors behind it, and the unknowns that hold it up."""
    profile = evaluation.profile
    if profile is None:
        return None
    return {
        "level": profile.level,
        "name": profile.name,
        "title": profile.title,
        "provisional": profile.provisional,
        "burden": profile.burden,
        "reasons": [
            {
                "level": r.level,
                "title": r.title,
                "reason": r.reason,
                "uncertain": r.uncertain,
                "answers": [numbering.numbers.get(t.ref, t.ref) for t in r.triggers],
            }
            for r in profile.reasons
        ],
        "uncertain": [numbering.numbers.get(q, q) for q in profile.uncertain],
    }


def _summary(evaluation: Evaluation, flags: list[dict[str, Any]]) -> dict[str, Any]:
    counts = Counter(f.severity for f in evaluation.flags)
    return {
        "counts": [
            {"severity": s.label, "symbol": SYMBOLS[s], "count": counts[s]} for s in Severity
        ],
        "top": flags[:3],
        "total": len(flags),
    }


def _flag(
    bank: Bank, assessment: Assessment, flag: Flag, numbering: Numbering, cited: set[str]
) -> dict[str, Any]:
    cited.update(s.instrument for s in flag.sources)
    triggers = []
    for trigger in flag.triggers:
        if trigger.kind == "answer" and trigger.ref in bank.questions:
            question = bank.questions[trigger.ref]
            shown = shown_value(question, assessment.answers.get(trigger.ref))
            triggers.append(f"{numbering.numbers[trigger.ref]} {question.prompt}: {shown}")
        else:
            triggers.append(f"{trigger.kind} {trigger.ref}")
    return {
        "code": flag.code,
        "title": flag.title,
        "severity": flag.severity.label,
        "severity_key": flag.severity.value,
        "symbol": SYMBOLS[flag.severity],
        "gate": bank.gates_by_id[flag.gate].title if flag.gate in bank.gates_by_id else flag.gate,
        "gate_id": flag.gate,
        "unknown": flag.basis == "unknown",
        "status": mitigation_status(assessment, flag.code, flag.mitigable),
        "triggers": triggers,
        "rationale": " ".join(flag.rationale.split()),
        "recommendation": " ".join(flag.recommendation.split()),
        "sources": [cite(bank, s) for s in flag.sources],
        "basis": basis_lines(bank, bank.rules_by_code[flag.code]),
        "waived": _waived(flag),
    }


def _waived(flag: Flag) -> dict[str, Any] | None:
    note = flag.waived
    if note is None:
        return None
    return {
        "reason": " ".join(note.reason.split()),
        "approved_by": note.approved_by,
        "expires": note.expires.isoformat(),
        "expired": note.expired,
    }


def _waivers(
    bank: Bank, assessment: Assessment, evaluation: Evaluation, today: dt.date
) -> list[dict[str, Any]]:
    """Every waiver of the assessment: the risk accepted, by whom, until when, and how many
    flags it covers (the flags stay in the report and in the verdict)."""
    rows = []
    for waiver in assessment.waivers:
        rule = bank.rules_by_code.get(waiver.rule)
        code = rule.code if rule is not None else waiver.rule
        rows.append(
            {
                "code": code,
                "title": rule.title if rule is not None else "",
                "reason": " ".join(waiver.reason.split()),
                "approved_by": waiver.approved_by,
                "approved": waiver.approved.isoformat(),
                "expires": waiver.expires.isoformat(),
                "expired": not waiver.active(today),
                "flags": sum(1 for f in evaluation.flags if f.code == code),
            }
        )
    return rows


def _answers(
    bank: Bank,
    assessment: Assessment,
    evaluation: Evaluation,
    section_ids: list[str],
    numbering: Numbering,
    cited: set[str],
) -> list[dict[str, Any]]:
    hidden = set(evaluation.hidden_answers)
    rows = []
    for section in bank.sections:
        if section.id not in section_ids:
            continue
        for question in section.questions:
            answer = assessment.answers.get(question.id)
            if answer is None or question.id in hidden:
                continue
            cited.update(s.instrument for s in question.sources)
            rows.append(
                {
                    "number": numbering.numbers[question.id],
                    "id": question.id,
                    "prompt": question.prompt,
                    "answer": shown_value(question, answer)
                    + (" (carried over, not yet confirmed)" if answer.carried_over else ""),
                    "unknown": answer.is_unknown,
                    "note": answer.note,
                    "evidence": list(answer.evidence),
                }
            )
    return rows


def _gates(
    bank: Bank,
    assessment: Assessment,
    evaluation: Evaluation,
    flags: list[dict[str, Any]],
    numbering: Numbering,
    cited: set[str],
) -> list[dict[str, Any]]:
    gates = []
    for gate, verdict in zip(bank.gates, evaluation.verdict.gates, strict=True):
        sections = [s.id for s in bank.sections if s.gate == gate.id]
        gates.append(
            {
                "id": gate.id,
                "title": gate.title,
                "summary": gate.summary,
                "verdict": verdict.text,
                "flags": [f for f in flags if f["gate_id"] == gate.id],
                "answers": _answers(bank, assessment, evaluation, sections, numbering, cited),
            }
        )
    return gates


def _other_sections(
    bank: Bank,
    assessment: Assessment,
    evaluation: Evaluation,
    numbering: Numbering,
    cited: set[str],
) -> list[dict[str, Any]]:
    out = []
    for section in bank.sections:
        if section.gate is not None:
            continue
        rows = _answers(bank, assessment, evaluation, [section.id], numbering, cited)
        if rows:
            out.append({"id": section.id, "title": section.title, "answers": rows})
    return out


def _impacts(assessment: Assessment) -> list[dict[str, Any]]:
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
            "severe": i.severe,
            "likelihood": LIKELIHOOD_WORDS[i.likelihood] if i.likelihood else "actual",
        }
        for i in ordered(assessment.impacts)
    ]


def _matrix(assessment: Assessment) -> list[dict[str, Any]]:
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


def _actions(assessment: Assessment, today: dt.date) -> list[dict[str, Any]]:
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


def _gaps(bank: Bank, evaluation: Evaluation, numbering: Numbering) -> dict[str, list[str]]:
    def label(qid: str) -> str:
        return f"{numbering.numbers[qid]} {bank.questions[qid].prompt}"

    kinds: dict[str, list[str]] = {"unknown": [], "unanswered": [], "no_evidence": []}
    for gap in evaluation.gaps:
        if gap.kind == "unanswered" and not gap.required:
            continue
        settles = f" (an answer would settle {', '.join(gap.held)})" if gap.held else ""
        kinds[gap.kind].append(label(gap.question) + settles)
    return kinds


def _bibliography(bank: Bank, cited: set[str]) -> list[dict[str, str]]:
    entries = [bank.instruments[i] for i in sorted(cited) if i in bank.instruments]
    return [
        {"short": i.short, "title": i.title, "reference": i.reference or "", "url": i.url or ""}
        for i in sorted(entries, key=lambda i: i.short.lower())
    ]
