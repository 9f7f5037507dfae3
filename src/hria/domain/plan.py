"""The impact register and the action plan: ordering, references and mitigation status.

Pure functions. Severity follows UNGP 14 and 24: any dimension at its maximum makes an impact
severe, impacts are ordered by severity first and likelihood second, and likelihood never
lowers severity.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator, Sequence

from hria.i18n import N_, translator
from hria.lang import ENGLISH
from hria.models.assessment import Action, Assessment, Impact, ImpactStatus
from hria.models.bank import Bank

Loc = tuple[str | int, ...]

SEVERITY_WORDS = {1: N_("limited"), 2: N_("moderate"), 3: N_("serious"), 4: N_("severe")}
LIKELIHOOD_WORDS = {1: N_("unlikely"), 2: N_("possible"), 3: N_("likely"), 4: N_("almost certain")}


def ordered(impacts: list[Impact]) -> list[Impact]:
    """Most severe first; within a severity, actual before potential, then by likelihood."""

    def key(impact: Impact) -> tuple[int, int, int, str]:
        spread = impact.scale + impact.scope + impact.irremediability
        likely = 5 if impact.status is ImpactStatus.ACTUAL else impact.likelihood or 0
        return (-impact.severity, -spread, -likely, impact.id)

    return sorted(impacts, key=key)


def check_plan(
    bank: Bank, impacts: Sequence[Impact] | None, actions: Sequence[Action] | None
) -> Iterator[tuple[Loc, str]]:
    """Unknown references and duplicate ids in the impact register and action plan.

    A section is None when it did not validate (its own problems are reported): ids are then
    not checked for duplicates there, nor references against it.
    """
    _ = translator(bank.lang)
    yield from _duplicates("impacts", impacts or [], bank.lang)
    yield from _duplicates("actions", actions or [], bank.lang)
    if impacts is None or actions is None:
        return
    known_impacts = {i.id for i in impacts}
    for index, action in enumerate(actions):
        for position, ref in enumerate(action.addresses):
            if ref not in known_impacts and ref not in bank.rules_by_code:
                message = _("'%(ref)s' is neither a rule code nor an impact id in this file")
                yield ("actions", index, "addresses", position), message % {"ref": ref}


def _duplicates(key: str, items: Sequence[Impact | Action], lang: str) -> Iterator[tuple[Loc, str]]:
    _ = translator(lang)
    counts = Counter(item.id for item in items)
    for index, item in enumerate(items):
        if counts[item.id] > 1:
            yield (key, index, "id"), _("id '%(id)s' is used more than once") % {"id": item.id}


def red_line_actions(bank: Bank, assessment: Assessment) -> Iterator[tuple[Loc, str]]:
    """Actions that claim to address a red line: allowed, but they mitigate nothing."""
    for index, action in enumerate(assessment.actions):
        for position, ref in enumerate(action.addresses):
            rule = bank.rules_by_code.get(ref)
            if rule is not None and not rule.can_be_mitigated:
                _ = translator(bank.lang)
                message = _("%(ref)s cannot be mitigated: the only answer to it is not to deploy")
                yield ("actions", index, "addresses", position), message % {"ref": ref}


def actions_for(assessment: Assessment, ref: str) -> list[Action]:
    return [a for a in assessment.actions if ref in a.addresses]


def mitigation_status(assessment: Assessment, ref: str, mitigable: bool) -> str:
    """'open', 'mitigation planned' or 'mitigation done' for a flag code or impact id."""
    actions = [a for a in actions_for(assessment, ref) if a.status.value != "dropped"]
    if not mitigable or not actions:
        return "open"
    if any(a.status.open for a in actions):
        return "mitigation planned"
    return "mitigation done"


def overdue(assessment: Assessment, today: dt.date) -> list[Action]:
    return [a for a in assessment.actions if a.status.open and a.due < today]


def describe_impact(impact: Impact, lang: str = ENGLISH) -> str:
    """One line: severity word, id, right, and status with likelihood, in `lang`."""
    _ = translator(lang)
    if impact.status is ImpactStatus.ACTUAL:
        when = _("actual")
    else:
        when = _("potential, %(likelihood)s") % {
            "likelihood": _(LIKELIHOOD_WORDS[impact.likelihood or 1])
        }
    severity = _(SEVERITY_WORDS[impact.severity])
    width = max(9, *(len(_(w)) for w in SEVERITY_WORDS.values()))
    return f"{severity:<{width}} {impact.id}: {impact.right} ({when})"
