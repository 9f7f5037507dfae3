"""From flags to verdicts, per gate and overall. An HRIA finds risks; it never certifies."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hria.models.bank import Bank, Gate
from hria.models.base import Severity
from hria.models.findings import Flag, GateVerdict, Outcome, Verdict

DO_NOT_DEPLOY = "Incompatible with human rights: do not deploy"
CONDITIONAL = "Conditional: mitigations required"
NO_MAJOR_FLAGS = "No major flags found"
SCREENED = "Screening only: no red line found; the full test was not run"
SCREENING = " (screening only: the full test was not run)"
PROVISIONAL = " (provisional: the assessment is incomplete)"


def judge(bank: Bank, flags: list[Flag], provisional: bool, screening: bool = False) -> Verdict:
    """The verdict from the flags. A screening judges the red lines alone: it can find one,
    or say that it found none, never that the deployment passes."""
    gates = [_gate(gate, [f for f in flags if f.gate == gate.id]) for gate in bank.gates]
    if screening:
        gates = [_screened_gate(bank, g) for g in gates]
    failed = [g.gate for g in gates if g.outcome in (Outcome.FAILS, Outcome.DO_NOT_DEPLOY)]
    worst = max((f.severity.rank for f in flags), default=-1)
    if screening:
        outcome, text = _screened(worst)
    elif worst >= Severity.RED_LINE.rank:
        outcome, text = Outcome.DO_NOT_DEPLOY, DO_NOT_DEPLOY
    elif worst >= Severity.HIGH.rank:
        names = [bank.gates_by_id[g].test_name for g in failed if g in bank.gates_by_id]
        outcome, text = Outcome.FAILS, f"Fails the {_join(names)} {_plural(names, 'test')}"
    elif worst >= Severity.MEDIUM.rank:
        outcome, text = Outcome.CONDITIONAL, CONDITIONAL
    else:
        outcome, text = Outcome.NO_MAJOR_FLAGS, NO_MAJOR_FLAGS
    return Verdict(
        outcome=outcome,
        text=text + (PROVISIONAL if provisional else ""),
        failed_gates=failed,
        gates=gates,
        provisional=provisional,
        screening=screening,
    )


def _screened(worst: int) -> tuple[Outcome, str]:
    if worst >= Severity.RED_LINE.rank:
        return Outcome.DO_NOT_DEPLOY, DO_NOT_DEPLOY + SCREENING
    return Outcome.SCREENED, SCREENED


def _screened_gate(bank: Bank, verdict: GateVerdict) -> GateVerdict:
    """In a screening, a gate the screen does not test is not assessed, not passed."""
    if verdict.outcome is Outcome.DO_NOT_DEPLOY:
        return verdict
    tested = any(r.gate == verdict.gate and r.severity is Severity.RED_LINE for r in bank.rules)
    text = "No red line found" if tested else "Not assessed: screening only"
    return replace(verdict, outcome=Outcome.SCREENED, text=text)


def _gate(gate: Gate, flags: list[Flag]) -> GateVerdict:
    counts = Counter(f.severity for f in flags)
    if counts[Severity.RED_LINE]:
        outcome, text = Outcome.DO_NOT_DEPLOY, "Crosses a red line: do not deploy"
    elif counts[Severity.HIGH]:
        outcome, text = Outcome.FAILS, f"Fails the {gate.test_name} test"
    elif counts[Severity.MEDIUM]:
        outcome, text = Outcome.CONDITIONAL, CONDITIONAL
    else:
        outcome, text = Outcome.NO_MAJOR_FLAGS, NO_MAJOR_FLAGS
    return GateVerdict(
        gate=gate.id,
        title=gate.title,
        outcome=outcome,
        text=text,
        counts={sev: counts[sev] for sev in Severity},
    )


def _join(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def _plural(names: list[str], word: str) -> str:
    return word if len(names) == 1 else word + "s"
