"""From flags to verdicts, per gate and overall. An HRIA finds risks; it never certifies."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from hria.i18n import N_, plural, translator
from hria.models.bank import Bank, Gate
from hria.models.base import Severity
from hria.models.findings import Flag, GateVerdict, Outcome, Verdict

DO_NOT_DEPLOY = N_("Incompatible with human rights: do not deploy")
CONDITIONAL = N_("Conditional: mitigations required")
NO_MAJOR_FLAGS = N_("No major flags found")
SCREENED = N_("Screening only: no red line found; the full test was not run")
SCREENING = N_(" (screening only: the full test was not run)")
PROVISIONAL = N_(" (provisional: the assessment is incomplete)")
CROSSES = N_("Crosses a red line: do not deploy")
NO_RED_LINE = N_("No red line found")
NOT_ASSESSED = N_("Not assessed: screening only")
AND = N_(" and ")


def judge(bank: Bank, flags: list[Flag], provisional: bool, screening: bool = False) -> Verdict:
    """The verdict from the flags. A screening judges the red lines alone: it can find one,
    or say that it found none, never that the deployment passes."""
    _ = translator(bank.lang)
    gates = [_gate(bank, gate, [f for f in flags if f.gate == gate.id]) for gate in bank.gates]
    if screening:
        gates = [_screened_gate(bank, g) for g in gates]
    failed = [g.gate for g in gates if g.outcome in (Outcome.FAILS, Outcome.DO_NOT_DEPLOY)]
    worst = max((f.severity.rank for f in flags), default=-1)
    if screening:
        outcome, text = _screened(bank, worst)
    elif worst >= Severity.RED_LINE.rank:
        outcome, text = Outcome.DO_NOT_DEPLOY, _(DO_NOT_DEPLOY)
    elif worst >= Severity.HIGH.rank:
        names = [bank.gates_by_id[g].test_name for g in failed if g in bank.gates_by_id]
        outcome, text = Outcome.FAILS, _fails(bank.lang, names)
    elif worst >= Severity.MEDIUM.rank:
        outcome, text = Outcome.CONDITIONAL, _(CONDITIONAL)
    else:
        outcome, text = Outcome.NO_MAJOR_FLAGS, _(NO_MAJOR_FLAGS)
    return Verdict(
        outcome=outcome,
        text=text + (_(PROVISIONAL) if provisional else ""),
        failed_gates=failed,
        gates=gates,
        provisional=provisional,
        screening=screening,
    )


def _fails(lang: str, names: list[str]) -> str:
    """'Fails the legality test', 'Fails the legality and necessity tests'."""
    _ = translator(lang)
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + _(AND) + names[-1]
    template = plural(lang, "Fails the {names} test", "Fails the {names} tests", len(names))
    return template.format(names=joined if names else "")


def _screened(bank: Bank, worst: int) -> tuple[Outcome, str]:
    _ = translator(bank.lang)
    if worst >= Severity.RED_LINE.rank:
        return Outcome.DO_NOT_DEPLOY, _(DO_NOT_DEPLOY) + _(SCREENING)
    return Outcome.SCREENED, _(SCREENED)


def _screened_gate(bank: Bank, verdict: GateVerdict) -> GateVerdict:
    """In a screening, a gate the screen does not test is not assessed, not passed."""
    if verdict.outcome is Outcome.DO_NOT_DEPLOY:
        return verdict
    tested = any(r.gate == verdict.gate and r.severity is Severity.RED_LINE for r in bank.rules)
    _ = translator(bank.lang)
    text = _(NO_RED_LINE) if tested else _(NOT_ASSESSED)
    return replace(verdict, outcome=Outcome.SCREENED, text=text)


def _gate(bank: Bank, gate: Gate, flags: list[Flag]) -> GateVerdict:
    _ = translator(bank.lang)
    counts = Counter(f.severity for f in flags)
    if counts[Severity.RED_LINE]:
        outcome, text = Outcome.DO_NOT_DEPLOY, _(CROSSES)
    elif counts[Severity.HIGH]:
        outcome, text = Outcome.FAILS, _fails(bank.lang, [gate.test_name])
    elif counts[Severity.MEDIUM]:
        outcome, text = Outcome.CONDITIONAL, _(CONDITIONAL)
    else:
        outcome, text = Outcome.NO_MAJOR_FLAGS, _(NO_MAJOR_FLAGS)
    return GateVerdict(
        gate=gate.id,
        title=gate.title,
        outcome=outcome,
        text=text,
        counts={sev: counts[sev] for sev in Severity},
    )


def verdict_json(verdict: Verdict) -> dict[str, object]:
    """A verdict as the JSON of `check --review` and `hria diff` gives it."""
    return {
        "outcome": verdict.outcome.value,
        "text": verdict.text,
        "provisional": verdict.provisional,
    }
