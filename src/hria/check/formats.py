"""Plain-text output for `hria check`, in the interface's language. Builds strings; the CLI
writes them. (The JSON output is hria.check.jsonout.)

Severity is always spelled out, so colour is an aid and never the only signal. Every string
that comes from a file (assessment or bank: names, keys, ids, titles, values) goes through
hria.escapes, so no output line can be split, forged or turned into a terminal command.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from hria.bank.words import severity_word
from hria.check.run import FileResult, Tally, unconfirmed
from hria.domain.plan import describe_impact, ordered
from hria.escapes import visible
from hria.i18n import N_, _, active, ngettext
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import (
    FLAG_STATUSES,
    OUTCOME_NAMES,
    Evaluation,
    Flag,
    Outcome,
    Profile,
    Trigger,
)

_COLOURS = {
    Severity.RED_LINE: "1;31",
    Severity.HIGH: "31",
    Severity.MEDIUM: "33",
    Severity.LOW: "36",
    Severity.INFO: "2",
}
COLOURS = _COLOURS
_OUTCOME_COLOURS = {
    Outcome.DO_NOT_DEPLOY: "1;31",
    Outcome.FAILS: "31",
    Outcome.CONDITIONAL: "33",
    Outcome.NO_MAJOR_FLAGS: "32",
    Outcome.SCREENED: "36",
}
#: The bundled profile's level names, as `profile_line` shows them.
LEVEL_NAMES = (N_("minimal"), N_("moderate"), N_("substantial"), N_("grave"))


class Paint:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


def severity_mark(severity: Severity, paint: Paint) -> str:
    """The severity in capitals, padded to the longest, painted: 'HIGH    '."""
    return paint(f"{severity_word(severity).upper():<{_mark_width()}}", _COLOURS[severity])


def _mark_width() -> int:
    return max(len(severity_word(s)) for s in Severity)


def text_block(result: FileResult, bank: Bank, paint: Paint, verbose: bool) -> str:
    """The verdict, flags and gaps of one valid file; nothing for an invalid one."""
    return _file_block(result, bank, paint, verbose) if result.valid else ""


def _file_block(result: FileResult, bank: Bank, paint: Paint, verbose: bool) -> str:
    evaluation = result.evaluation
    assert evaluation is not None
    verdict = evaluation.verdict
    lines = [f"{visible(result.path)}: {paint(verdict.text, _OUTCOME_COLOURS[verdict.outcome])}"]
    if evaluation.profile is not None:
        lines.append(f"  {profile_line(evaluation.profile)}")
    for flag in evaluation.flags:
        lines.append(_flag_line(flag, bank, paint))
        if verbose:
            lines.extend(_flag_details(flag))
    lines.extend(_gap_lines(evaluation, verbose))
    lines.extend(_plan_lines(result, verbose))
    if evaluation.hidden_answers:
        n = len(evaluation.hidden_answers)
        text = ngettext(
            "not applicable: %(n)s answer(s) not evaluated",
            "not applicable: %(n)s answer(s) not evaluated",
            n,
        )
        lines.append("  " + text % {"n": n})
    lines.extend(_review_lines(result))
    lines.extend(_carried_lines(result))
    return "\n".join(lines)


_GAP_KINDS: dict[str, Callable[[int], str]] = {
    "unknown": lambda n: ngettext("%(n)s unknown", "%(n)s unknown", n),
    "unanswered": lambda n: ngettext("%(n)s unanswered", "%(n)s unanswered", n),
    "no_evidence": lambda n: ngettext("%(n)s no evidence", "%(n)s no evidence", n),
}


def _gap_count(kind: str, n: int) -> str:
    if kind not in _GAP_KINDS:
        return f"{n} {kind.replace('_', ' ')}"
    return _GAP_KINDS[kind](n) % {"n": n}


def _gap_lines(evaluation: Evaluation, verbose: bool) -> list[str]:
    gaps = Counter(g.kind for g in evaluation.gaps if g.required or g.kind != "unanswered")
    if not gaps:
        return []
    parts = ", ".join(_gap_count(kind, n) for kind, n in sorted(gaps.items()))
    return ["  " + _("gaps: %(parts)s") % {"parts": parts}, *_held_lines(evaluation, verbose)]


def _held_lines(evaluation: Evaluation, verbose: bool) -> list[str]:
    """Rules that unknown answers leave undecided, without a flag: what answering would settle."""
    held = [g for g in evaluation.gaps if g.held]
    if not held:
        return []
    codes = sorted({code for g in held for code in g.held})
    n = len(codes)
    text = ngettext(
        "undecided: %(n)s rule(s) wait on unknown answers",
        "undecided: %(n)s rule(s) wait on unknown answers",
        n,
    )
    lines = ["  " + text % {"n": n}]
    if verbose:
        lines += [f"    {visible(g.question)}: {', '.join(g.held)}" for g in held]
    return lines


def _plan_lines(result: FileResult, verbose: bool) -> list[str]:
    assessment = result.assessment
    if assessment is None or not (assessment.impacts or assessment.actions):
        return []
    lines = [f"  {_plan_summary(result)}"]
    if verbose:
        impacts = ordered(assessment.impacts)
        lines.extend(f"    {visible(describe_impact(i, active()))}" for i in impacts)
    return lines


def _review_lines(result: FileResult) -> list[str]:
    """Answers `hria migrate` set aside: they count as unanswered until answered again."""
    review = result.assessment.needs_review if result.assessment is not None else []
    if not review:
        return []
    questions = ", ".join(visible(r.question) for r in review)
    text = _("to answer again (set aside by hria migrate): %(questions)s; run hria resume")
    return ["  " + text % {"questions": questions}]


def _carried_lines(result: FileResult) -> list[str]:
    """Answers carried over by `hria new --from` that nobody has confirmed yet."""
    carried = unconfirmed(result)
    if not carried:
        return []
    previous = result.assessment.metadata.previous if result.assessment else None
    names = ", ".join(visible(q) for q in carried)
    if previous is None:
        text = _("carried over, not yet confirmed: %(names)s; run hria resume")
        return ["  " + text % {"names": names}]
    text = _(
        "carried over from %(title)s (%(date)s), not yet confirmed: %(names)s; run hria resume"
    )
    values = {"title": visible(previous.title), "date": previous.date.isoformat(), "names": names}
    return ["  " + text % values]


def profile_line(profile: Profile) -> str:
    """The intrusion level and its reasons in one line."""
    top = [r for r in profile.reasons if r.level == profile.level]
    unsure = _(" (unknown or unanswered)")
    why = "; ".join(r.title + (unsure if r.uncertain else "") for r in top)
    values = {"level": profile.level, "name": _(profile.name), "why": why}
    if why:
        line = _("intrusion level %(level)s of 4, %(name)s: %(why)s") % values
    else:
        line = _(
            "intrusion level %(level)s of 4, %(name)s: none of the factors that raise it holds"
        )
        line %= values
    return line + (_("; unknown safeguards count as missing") if profile.burden else "")


def _plan_summary(result: FileResult) -> str:
    assert result.assessment is not None
    impacts, actions = result.assessment.impacts, result.assessment.actions
    values = {
        "impacts": len(impacts),
        "severe": sum(1 for i in impacts if i.severe),
        "actions": len(actions),
        "open": sum(1 for a in actions if a.status.open),
    }
    text = _(
        "impact register: %(impacts)s (%(severe)s severe); action plan: %(actions)s (%(open)s open)"
    )
    return text % values


def _flag_line(flag: Flag, bank: Bank, paint: Paint) -> str:
    label = severity_mark(flag.severity, paint)
    why = _(" (answer unknown)") if flag.basis == "unknown" else ""
    status = "" if flag.status == "open" else f" ({_(FLAG_STATUSES.get(flag.status, flag.status))})"
    text = f"{flag.code:<8} {flag.title}{why} [{gate_title(bank, flag)}]{status}{waived(flag)}"
    return f"  {label} {visible(text)}"


def waived(flag: Flag) -> str:
    """' (waived until ...: reason)', or that the waiver expired; nothing if not waived."""
    note = flag.waived
    if note is None:
        return ""
    reason = " ".join(note.reason.split())
    if note.expired:
        return _(" (waiver expired on %(date)s: counts again)") % {"date": note.expires.isoformat()}
    values = {"date": note.expires.isoformat(), "who": note.approved_by, "reason": reason}
    return _(" (waived until %(date)s by %(who)s: %(reason)s)") % values


def gate_title(bank: Bank, flag: Flag) -> str:
    return bank.gates_by_id[flag.gate].title if flag.gate in bank.gates_by_id else flag.gate


def _flag_details(flag: Flag) -> list[str]:
    triggers = "; ".join(_trigger(t) for t in flag.triggers)
    advice = " ".join(flag.recommendation.split())
    indent = " " * (_mark_width() + 3)  # under the rule's code
    return [
        indent + _("triggered by: %(triggers)s") % {"triggers": visible(triggers)},
        indent + _("do: %(advice)s") % {"advice": visible(advice)},
    ]


_TRIGGER_KINDS = {"impact": N_("impact"), "action": N_("action"), "metadata": N_("metadata")}


def _trigger(trigger: Trigger) -> str:
    kind = _TRIGGER_KINDS.get(trigger.kind, trigger.kind)
    prefix = "" if trigger.kind == "answer" else f"{_(kind)} "
    shown = "" if trigger.value is None else f" = {_show(trigger.value)}"
    return f"{prefix}{trigger.ref}{shown}"


def _show(value: Any) -> str:
    return ", ".join(map(str, value)) if isinstance(value, list) else str(value)


def summary(tally: Tally) -> str:
    parts = [f"{n} {_(OUTCOME_NAMES[o])}" for o, n in tally.outcomes.items()]
    if tally.invalid:
        parts.append(
            ngettext("%(n)s invalid", "%(n)s invalid", tally.invalid) % {"n": tally.invalid}
        )
    if tally.internal:
        text = ngettext("%(n)s internal error", "%(n)s internal errors", tally.internal)
        parts.append(text % {"n": tally.internal})
    if not parts:
        return ""
    text = ngettext("%(n)s file checked: %(parts)s", "%(n)s files checked: %(parts)s", tally.files)
    return text % {"n": tally.files, "parts": ", ".join(parts)}


def internal_message(result: FileResult) -> str:
    text = _(
        "internal error while checking %(path)s (%(error)s); this is a bug in hria. "
        "Set HRIA_DEBUG=1 to see the traceback."
    )
    return text % {"path": result.path, "error": result.internal}


def diagnostics(result: FileResult) -> str:
    """One file's errors, then its warnings."""
    lines = [_("error: %(problem)s") % {"problem": p} for p in result.problems]
    if result.internal is not None:
        lines.append(_("error: %(problem)s") % {"problem": internal_message(result)})
    lines += [_("warning: %(problem)s") % {"problem": p} for p in result.warnings]
    return "".join(f"{line}\n" for line in lines)
