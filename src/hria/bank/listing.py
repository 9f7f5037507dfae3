"""Text and JSON listings of the bank for `hria rules`, `hria explain` and `hria questions`."""

from __future__ import annotations

import json
import textwrap
from typing import Any

from hria.bank.words import severity_word
from hria.domain.names import did_you_mean
from hria.errors import UsageError
from hria.i18n import N_, _, active
from hria.models.bank import Bank, ChoiceQuestion, Question, Rule
from hria.models.base import Severity, Source
from hria.models.conditions import describe

WIDTH = 88


def cite(bank: Bank, source: Source) -> str:
    """'ICCPR art. 17' style citation."""
    instrument = bank.instruments.get(source.instrument)
    name = instrument.short if instrument else source.instrument
    return f"{name} {source.locator(bank.lang)}"


def rules_text(bank: Bank, gate: str | None = None) -> str:
    width = max(9, *(len(severity_word(s)) + 1 for s in Severity))
    lines = [
        f"{rule.code:<8} {severity_word(rule.severity):<{width}} {rule.gate:<19} {rule.title}"
        for rule in _rules(bank, gate)
    ]
    return "\n".join(lines) + "\n"


def rules_json(bank: Bank, gate: str | None = None) -> str:
    data = [r.model_dump(mode="json", by_alias=True, exclude_none=True) for r in _rules(bank, gate)]
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _rules(bank: Bank, gate: str | None) -> list[Rule]:
    if gate is not None and gate not in bank.gates_by_id:
        guess = did_you_mean(gate, bank.gates_by_id, active())
        raise UsageError(
            _("no gate '%(gate)s'") % {"gate": gate} + guess,
            hint=_("gates: %(gates)s") % {"gates": ", ".join(bank.gates_by_id)},
        )
    order = {g.id: index for index, g in enumerate(bank.gates)}
    chosen = [r for r in bank.rules if gate is None or r.gate == gate]
    return sorted(chosen, key=lambda r: (order.get(r.gate, len(order)), r.code))


def find_rule(bank: Bank, code: str) -> Rule:
    """A rule by its code (any case), an alias or its name; else a 'did you mean' error."""
    rule = bank.rules_by_code.get(code.upper()) or next(
        (r for r in bank.rules if r.name == code), None
    )
    if rule is None:
        known = [*bank.rules_by_code, *(r.name for r in bank.rules)]
        guess = did_you_mean(code, known, active())
        raise UsageError(
            _("no rule '%(code)s'") % {"code": code} + guess, hint=_("`hria rules` lists them")
        )
    return rule


def explain_text(bank: Bank, code: str) -> str:
    if code.lower() == "profile":
        from hria.bank.profiletext import profile_text

        return profile_text(bank)
    rule = find_rule(bank, code)
    gate = bank.gates_by_id[rule.gate]
    unknown = rule.unknown_severity()
    heads = _heads()
    mitigable = _("yes, by an action plan") if rule.can_be_mitigated else _("never")
    parts = [
        f"{rule.code}  {rule.name}",
        rule.title,
        "",
        heads["gate"] + gate.title,
        heads["severity"] + severity_word(rule.severity) + _unknown_words(rule, unknown),
        *_scale_lines(bank, rule, heads["level"]),
        heads["mitigable"] + mitigable,
        _("Raised when: %(condition)s") % {"condition": _raised_when(rule)},
        "",
        _("Why it matters"),
        _wrap(rule.rationale),
        "",
        _("What to do"),
        _wrap(rule.recommendation),
        "",
        _("Sources"),
        *(line for s in rule.sources for line in _source_lines(bank, s)),
    ]
    if rule.basis:
        wrapped = [_bullet(line) for line in basis_lines(bank, rule)]
        parts += ["", _("The recommendation rests on"), *wrapped]
    return "\n".join(parts) + "\n"


_HEADS = {
    "gate": N_("Gate:"),
    "severity": N_("Severity:"),
    "level": N_("By level:"),
    "mitigable": N_("Mitigable:"),
}


def _heads() -> dict[str, str]:
    """The headings of `hria explain`, translated and padded to line their values up."""
    shown = {key: _(text) for key, text in _HEADS.items()}
    width = max(12, *(len(text) + 2 for text in shown.values()))
    return {key: f"{text:<{width}}" for key, text in shown.items()}


def _raised_when(rule: Rule) -> str:
    if rule.condition is None:
        return _(SCOPE_WORDS[rule.scope])
    return describe(rule.condition, lang=active())


def explain_json(bank: Bank, code: str) -> str:
    """`hria explain CODE --format json`: the rule as `hria rules --format json` gives it, with
    what the text adds: the gate's title, the severity at each level, what an unknown answer
    raises, whether it can be mitigated, the condition in words and the sources cited."""
    if code.lower() == "profile":
        spec = bank.profile
        data: Any = None if spec is None else spec.model_dump(mode="json", exclude_none=True)
        return json.dumps({"profile": data}, indent=2, ensure_ascii=False) + "\n"
    rule = find_rule(bank, code)
    unknown = rule.unknown_severity()
    entry: dict[str, Any] = rule.model_dump(mode="json", by_alias=True, exclude_none=True)
    entry |= {
        "gate_title": bank.gates_by_id[rule.gate].title,
        "by_level": {str(level): sev for level, sev in _by_level(bank, rule).items()},
        "unknown_severity": None if unknown is None else unknown.value,
        "can_be_mitigated": rule.can_be_mitigated,
        "raised_when": describe(rule.condition) if rule.condition else _scope_words(rule),
        "citations": [_citation(bank, s) for s in rule.sources],
        "rests_on": basis_lines(bank, rule),
    }
    return json.dumps(entry, indent=2, ensure_ascii=False) + "\n"


def _citation(bank: Bank, source: Source) -> dict[str, str | None]:
    instrument = bank.instruments.get(source.instrument)
    return {"citation": cite(bank, source), "url": instrument.url if instrument else None}


def _by_level(bank: Bank, rule: Rule) -> dict[int, str | None]:
    """The rule's severity at each intrusion level (None: it does not apply there)."""
    scale = bank.profile.scale(rule.scale) if rule.scale and bank.profile else None
    if scale is None:
        return dict.fromkeys((1, 2, 3, 4), rule.severity.value)
    levels = {level: scale.cap(rule.severity, level) for level in (1, 2, 3, 4)}
    return {level: None if sev is None else sev.value for level, sev in levels.items()}


def _source_lines(bank: Bank, source: Source) -> list[str]:
    """A citation, with the instrument's address beneath it when the catalogue has one."""
    instrument = bank.instruments.get(source.instrument)
    url = instrument.url if instrument else None
    return [f"  - {cite(bank, source)}", *([f"    {url}"] if url else [])]


def _scale_lines(bank: Bank, rule: Rule, head: str) -> list[str]:
    """How the severity follows the intrusion level (`hria explain profile` says why)."""
    scale = bank.profile.scale(rule.scale) if rule.scale and bank.profile else None
    if scale is None:
        return [head + _("the same at every intrusion level")]
    steps = []
    for level in (1, 2, 3, 4):
        severity = scale.cap(rule.severity, level)
        steps.append(f"{level}: {severity_word(severity) if severity else _('does not apply')}")
    text = _("%(steps)s (scale: %(scale)s)") % {"steps": "; ".join(steps), "scale": scale.title}
    return [head + text]


def _unknown_words(rule: Rule, unknown: Severity | None) -> str:
    """What an 'unknown' answer raises: see `domain.engine.unknown_severity`."""
    if unknown is None:
        return _(" (an unknown answer is a gap to close)")
    if rule.severity is Severity.RED_LINE:
        return _(" (an unknown answer: high; medium at levels 1 and 2)")
    if rule.on_unknown is not None:
        return _(" (%(severity)s when the answer is unknown, from level 3)") % {
            "severity": severity_word(unknown)
        }
    lesser = _("a gap") if unknown is Severity.INFO else severity_word(unknown)
    text = _(
        " (an unknown answer, from level 3: %(lesser)s, or %(severity)s where"
        " the deployer must show its safeguards)"
    )
    return text % {"lesser": lesser, "severity": severity_word(rule.severity)}


def basis_lines(bank: Bank, rule: Rule) -> list[str]:
    """Each basis entry as a readable line: the primer's recommendation, or a citation."""
    lines = []
    for entry in rule.basis:
        if isinstance(entry, Source):
            lines.append(cite(bank, entry))
        else:
            rec = bank.recommendations[entry]
            lines.append(f"{rec.citation(active())}: {rec.text}")
    return lines


SCOPE_WORDS = {
    "each_claim_without_evidence": N_("an answer that needs evidence cites none"),
    "each_severe_impact_without_action": N_("a severe impact in the register has no action"),
    "each_actual_impact_without_remedy": N_(
        "an actual impact the organisation caused or contributed to has no remedy planned"
    ),
    "each_overdue_action": N_("an open action in the plan is past its due date"),
    "review_overdue": N_("the assessment is past its review-by date"),
    "no_review_date": N_("a complete assessment has no review-by date"),
}


def _scope_words(rule: Rule) -> str:
    return SCOPE_WORDS[rule.scope]


def _bullet(text: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent="  - ", subsequent_indent="    ")


def _wrap(text: str) -> str:
    return textwrap.fill(" ".join(text.split()), WIDTH, initial_indent="  ", subsequent_indent="  ")


def questions_text(bank: Bank) -> str:
    lines = [f"{bank.title} ({bank.id} {bank.version})", ""]
    lang = active()
    for number, section in enumerate(bank.sections, 1):
        lines.append(f"{number}. {section.title}")
        if section.when is not None:
            condition = describe(section.when, lang=lang)
            lines.append("   " + _("Asked only if %(condition)s") % {"condition": condition})
        for question in section.questions:
            lines.extend(_question_lines(bank, question, lang))
        lines.append("")
    return "\n".join(lines)


def _question_lines(bank: Bank, question: Question, lang: str) -> list[str]:
    required = "" if question.required else _(" (optional)")
    lines = [f"   [{question.id}] {question.prompt}{required}"]
    if question.when is not None:
        condition = describe(question.when, lang=lang)
        lines.append("      " + _("asked only if %(condition)s") % {"condition": condition})
    if isinstance(question, ChoiceQuestion):
        choices = "; ".join(f"{c.value} ({c.label})" for c in question.choices)
        if question.kind == "multiple_choice":
            lines.append("      " + _("any of: %(choices)s") % {"choices": choices})
        else:
            lines.append("      " + _("one of: %(choices)s") % {"choices": choices})
    elif question.kind == "yes_no":
        lines.append("      yes / no / unknown")
    if question.expects_evidence:
        if question.evidence_hint:
            hint = {"hint": question.evidence_hint}
            lines.append("      " + _("evidence expected: %(hint)s") % hint)
        else:
            lines.append("      " + _("evidence expected"))
    sources = "; ".join(cite(bank, s) for s in question.sources)
    lines.append("      " + _("sources: %(sources)s") % {"sources": sources})
    return lines


def questions_json(bank: Bank) -> str:
    data: dict[str, Any] = bank.model_dump(mode="json", by_alias=True, exclude_none=True)
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
