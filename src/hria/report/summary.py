"""The first page: what a reader needs to take in the verdict and its reasons at a glance.
Pure: data in, data out."""

from __future__ import annotations

from typing import Any

from hria.bank.numbering import Numbering
from hria.bank.words import severity_word
from hria.domain.verdict import judge
from hria.i18n import _
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Basis, Evaluation, Flag, Outcome
from hria.report.findings import RANK, first_sentence, shorten

#: The severity mark that stands for each verdict, so the banner shares the flags' icons.
OUTCOME_MARKS = {
    Outcome.DO_NOT_DEPLOY: "red_line",
    Outcome.FAILS: "high",
    Outcome.CONDITIONAL: "medium",
    Outcome.NO_MAJOR_FLAGS: "low",
    Outcome.SCREENED: "info",
}
ACTIONS = 5
UNKNOWNS = 3


def themes(gates: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A row per gate: its verdict, its worst finding, how many findings and flags."""
    rows = []
    for gate in gates:
        found = gate["findings"]
        worst = found[0] if found else None
        rows.append(
            {
                "id": gate["id"],
                "title": gate["title"],
                "verdict": gate["verdict"],
                "outcome": gate["outcome"],
                "findings": len(found),
                "flags": sum(f["count"] for f in found),
                "worst": worst["severity"] if worst else None,
                "worst_key": worst["severity_key"] if worst else None,
                "anchor": f"gate-{gate['id']}",
            }
        )
    return rows


def key_actions(gates: list[dict[str, Any]], limit: int = ACTIONS) -> list[dict[str, Any]]:
    """The recommendations of the most serious findings: established ones before those raised
    by an unknown answer, then in gate order."""
    found = [(i, f) for i, g in enumerate(gates) for f in g["findings"] if f["open"]]
    found.sort(key=lambda pair: (-RANK[pair[1]["severity_key"]], pair[1]["unknown"], pair[0]))
    return [
        {
            "text": first_sentence(f["recommendations"][0], 140),
            "code": f["code"],
            "title": f["title"],
            "severity": f["severity"],
            "severity_key": f["severity_key"],
            "anchor": f["id"],
        }
        for _, f in found[:limit]
    ]


def red_lines(flags: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Red lines crossed, and those the answers leave open (raised because of an unknown)."""
    crossed = [f for f in flags if f["severity_key"] == "red_line"]
    open_ = [f for f in flags if f["rule_red_line"] and f["severity_key"] != "red_line"]
    return {"crossed": crossed, "open": open_}


def _refs(flag: Flag) -> set[str]:
    return {t.ref for t in flag.triggers if t.kind == "answer"}


def deciding_unknowns(
    bank: Bank, evaluation: Evaluation, numbering: Numbering
) -> list[dict[str, Any]]:
    """Questions answered 'unknown' whose answer could change the verdict, or a gate's: one
    that holds up flags which decide it, or that leaves undecided (or raises on the unknown
    at less than its full weight) a rule graver than anything its gate has found."""
    worst: dict[str, int] = {}
    for flag in evaluation.flags:
        worst[flag.gate] = max(worst.get(flag.gate, -1), flag.severity.rank)
    out = []
    for gap in evaluation.gaps:
        if gap.kind == "unknown" and gap.question in bank.questions:
            entry = _deciding(bank, evaluation, gap.question, gap.held, worst)
            if entry is not None:
                entry["number"] = numbering.numbers[gap.question]
                out.append(entry)
    out.sort(key=lambda u: (not u["overall"], -u["weight"]))
    return out


def _deciding(
    bank: Bank, evaluation: Evaluation, qid: str, held_rules: tuple[str, ...], worst: dict[str, int]
) -> dict[str, Any] | None:
    held = [f for f in evaluation.flags if f.basis is Basis.UNKNOWN and qid in _refs(f)]
    rules = {f.code: (f.gate, f.rule_severity.rank) for f in held}
    for code in held_rules:
        if code in bank.rules_by_code:
            rules[code] = (bank.rules_by_code[code].gate, _rank(bank, code))
    changed = {g for g, rank in rules.values() if rank > worst.get(g, -1)}
    changed |= _changed_by_clearing(bank, evaluation, held)
    if not changed:
        return None
    return {
        "id": qid,
        "anchor": f"answer-{qid}",
        "prompt": shorten(bank.questions[qid].prompt, 120),
        "overall": "verdict" in changed or _graver_overall(evaluation, rules),
        "gates": [g.title for g in bank.gates if g.id in changed],
        "rules": sorted(rules),
        "weight": max(rank for _, rank in rules.values()),
    }


def _rank(bank: Bank, code: str) -> int:
    return bank.rules_by_code[code].severity.rank


def _graver_overall(evaluation: Evaluation, rules: dict[str, tuple[str, int]]) -> bool:
    """A rule graver than every flag raised would change the overall verdict."""
    top = max((f.severity.rank for f in evaluation.flags), default=-1)
    return any(rank > top and rank >= Severity.MEDIUM.rank for _, rank in rules.values())


def _changed_by_clearing(bank: Bank, evaluation: Evaluation, held: list[Flag]) -> set[str]:
    """What an answer that clears these flags would change: 'verdict' and gate ids."""
    if not held:
        return set()
    rest = [f for f in evaluation.flags if f not in held]
    v = evaluation.verdict
    after = judge(bank, rest, provisional=v.provisional, screening=v.screening)
    changed = {"verdict"} if after.text != v.text else set()
    changed |= {b.gate for a, b in zip(after.gates, v.gates, strict=True) if a.text != b.text}
    return changed


def no_plan(assessment_actions: int, flags: list[dict[str, Any]]) -> dict[str, Any] | None:
    """With flags open and no action planned, the missing plan is itself a finding."""
    open_flags = [f for f in flags if f["status"] == "open" and RANK[f["severity_key"]] >= 2]
    if assessment_actions or not open_flags:
        return None
    grave = any(RANK[f["severity_key"]] >= Severity.HIGH.rank for f in open_flags)
    severity = Severity.HIGH if grave else Severity.MEDIUM
    return {
        "title": _("No action is planned"),
        "severity": severity_word(severity),
        "severity_key": severity.value,
        "open": len(open_flags),
    }
