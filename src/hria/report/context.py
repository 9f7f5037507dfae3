"""The report's view model: everything the templates show, computed here, so templates hold
only loops and ifs. Deterministic: same input, same output."""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from hria import __version__
from hria.bank.listing import basis_lines, cite
from hria.bank.numbering import Numbering
from hria.bank.words import answer_words, severity_word
from hria.domain.digest import canonical_digest as canonical_digest  # the footer's hash
from hria.domain.plan import mitigation_status
from hria.i18n import _
from hria.models.assessment import Assessment
from hria.models.bank import Bank
from hria.models.base import SYMBOLS, Severity
from hria.models.findings import Evaluation, Flag
from hria.report import register, summary
from hria.report.findings import findings
from hria.report.words import OUTCOME_SENTENCES, TRIGGERS


def generated_at() -> str | None:
    """Only with SOURCE_DATE_EPOCH: reports are otherwise byte-identical across runs."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).strftime("%Y-%m-%d %H:%M UTC")


@dataclass
class _Build:
    """What the context collects while it is built: instruments cited, and each basis entry
    of a recommendation, numbered once for the whole report."""

    bank: Bank
    assessment: Assessment
    evaluation: Evaluation
    numbering: Numbering
    cited: set[str] = field(default_factory=set)
    basis: dict[str, int] = field(default_factory=dict)

    def basis_ref(self, line: str) -> int:
        return self.basis.setdefault(line, len(self.basis) + 1)


def report_context(
    bank: Bank, assessment: Assessment, evaluation: Evaluation, today: dt.date, command: str
) -> dict[str, Any]:
    build = _Build(bank, assessment, evaluation, Numbering(bank))
    flags = [_flag(build, f, n) for n, f in enumerate(evaluation.flags, 1)]
    appendix = _appendix(build)
    answers = {row["id"]: row for section in appendix for row in section["answers"]}
    gates = _gates(build, flags, answers)
    deciding = summary.deciding_unknowns(bank, evaluation, build.numbering)
    return {
        "meta": _meta(bank, assessment),
        "verdict": _verdict(bank, evaluation),
        "profile": _profile(evaluation, build.numbering),
        "summary": _summary(evaluation, flags, gates, deciding, len(assessment.actions)),
        "gates": gates,
        "appendix": appendix,
        "impacts": register.impacts(assessment),
        "matrix": register.matrix(assessment),
        "actions": register.actions(assessment, today),
        "waivers": _waivers(bank, assessment, evaluation, today),
        "gaps": register.gaps(bank, evaluation, build.numbering, {u["id"] for u in deciding}),
        "basis": [{"number": n, "text": line} for line, n in build.basis.items()],
        "bibliography": register.bibliography(bank, build.cited),
        "provenance": {
            "hria_version": __version__,
            "bank": f"{bank.id} {bank.version}",
            "digest": canonical_digest(assessment),
            "command": command,
            "generated_at": generated_at(),
            "today": today.isoformat(),
        },
        "symbols": {s.value: SYMBOLS[s] for s in Severity},
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
            "id": g.gate,
            "title": g.title,
            "text": g.text,
            "outcome": g.outcome.value,
            "mark": summary.OUTCOME_MARKS[g.outcome],
            "explanation": bank.gates_by_id[g.gate].summary,
            "counts": {s.value: n for s, n in g.counts.items() if n},
        }
        for g in verdict.gates
    ]
    return {
        "text": verdict.text,
        "outcome": verdict.outcome.value,
        "mark": summary.OUTCOME_MARKS[verdict.outcome],
        "sentence": _(OUTCOME_SENTENCES[verdict.outcome]),
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
        "top": [r.title for r in profile.reasons if r.level == profile.level][:2],
        "more": max(sum(r.level == profile.level for r in profile.reasons) - 2, 0),
    }


def _summary(
    evaluation: Evaluation,
    flags: list[dict[str, Any]],
    gates: list[dict[str, Any]],
    deciding: list[dict[str, Any]],
    actions: int,
) -> dict[str, Any]:
    counts = Counter(f.severity for f in evaluation.flags)
    return {
        "counts": [
            {"severity": severity_word(s), "key": s.value, "symbol": SYMBOLS[s], "count": counts[s]}
            for s in Severity
        ],
        "total": len(flags),
        "findings": sum(len(g["findings"]) for g in gates),
        "red_lines": summary.red_lines(flags),
        "themes": summary.themes(gates),
        "actions": summary.key_actions(gates),
        "unknowns": deciding[: summary.UNKNOWNS],
        "unknowns_total": len(deciding),
        "all_unknowns": deciding,
        "no_plan": summary.no_plan(actions, flags),
    }


def _trigger(build: _Build, kind: str, ref: str) -> dict[str, Any]:
    bank = build.bank
    if kind == "answer" and ref in bank.questions:
        question = bank.questions[ref]
        said = answer_words(question, build.assessment.answers.get(ref))
        number = build.numbering.numbers[ref]
        return {
            "text": f"{number} {question.prompt}: {said}",
            "label": number,
            "answer": said,
            "anchor": f"answer-{ref}",
        }
    text = _(TRIGGERS[kind]) % {"ref": ref} if kind in TRIGGERS else f"{kind} {ref}"
    return {"text": text, "label": text, "answer": None, "anchor": None}


def _flag(build: _Build, flag: Flag, index: int) -> dict[str, Any]:
    bank = build.bank
    build.cited.update(s.instrument for s in flag.sources)
    basis = basis_lines(bank, bank.rules_by_code[flag.code])
    return {
        "code": flag.code,
        "index": index,
        "title": flag.title,
        "severity": severity_word(flag.severity),
        "severity_key": flag.severity.value,
        "symbol": SYMBOLS[flag.severity],
        "rule_red_line": flag.rule_severity is Severity.RED_LINE,
        "gate": bank.gates_by_id[flag.gate].title if flag.gate in bank.gates_by_id else flag.gate,
        "gate_id": flag.gate,
        "unknown": flag.basis == "unknown",
        "status": mitigation_status(build.assessment, flag.code, flag.mitigable),
        "refs": [t.ref for t in flag.triggers if t.kind == "answer"],
        "triggers": [_trigger(build, t.kind, t.ref) for t in flag.triggers],
        "rationale": " ".join(flag.rationale.split()),
        "recommendation": " ".join(flag.recommendation.split()),
        "sources": [cite(bank, s) for s in flag.sources],
        "basis": basis,
        "basis_refs": [build.basis_ref(line) for line in basis],
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


def _answers(build: _Build, section_ids: list[str]) -> list[dict[str, Any]]:
    hidden = set(build.evaluation.hidden_answers)
    rows = []
    for section in build.bank.sections:
        if section.id not in section_ids:
            continue
        for question in section.questions:
            answer = build.assessment.answers.get(question.id)
            if answer is None or question.id in hidden:
                continue
            build.cited.update(s.instrument for s in question.sources)
            rows.append(
                {
                    "number": build.numbering.numbers[question.id],
                    "id": question.id,
                    "anchor": f"answer-{question.id}",
                    "prompt": question.prompt,
                    "answer": _("%(answer)s (carried over, not yet confirmed)")
                    % {"answer": answer_words(question, answer)}
                    if answer.carried_over
                    else answer_words(question, answer),
                    "unknown": answer.is_unknown,
                    "note": answer.note,
                    "evidence": list(answer.evidence),
                }
            )
    return rows


def _appendix(build: _Build) -> list[dict[str, Any]]:
    """Every answer that applies, with its note and evidence, section by section."""
    out = []
    for section in build.bank.sections:
        rows = _answers(build, [section.id])
        if rows:
            out.append({"id": section.id, "title": section.title, "answers": rows})
    return out


def _gates(
    build: _Build, flags: list[dict[str, Any]], answers: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    order = {qid: n for n, qid in enumerate(build.numbering.numbers)}
    gates = []
    for gate, verdict in zip(build.bank.gates, build.evaluation.verdict.gates, strict=True):
        own = [f for f in flags if f["gate_id"] == gate.id]
        refs = sorted({r for f in own for r in f["refs"] if r in answers}, key=order.__getitem__)
        gates.append(
            {
                "id": gate.id,
                "title": gate.title,
                "summary": gate.summary,
                "verdict": verdict.text,
                "outcome": verdict.outcome.value,
                "mark": summary.OUTCOME_MARKS[verdict.outcome],
                "flags": own,
                "findings": findings(own),
                "answers": [answers[r] for r in refs],
            }
        )
    return gates
