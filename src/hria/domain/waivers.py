"""Accepted risks. A waiver names a rule whose flags an organisation has knowingly accepted,
with a reason, an approval and an expiry. A waived flag is still raised, shown and counted by
the verdict: a waiver accepts a risk, it does not remove it. Until the waiver expires the
flag does not fail `hria check --fail-on`. A red line can never be waived."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from hria.domain.names import did_you_mean
from hria.i18n import N_, translator
from hria.models.assessment import Waiver
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Flag, Waived

Loc = tuple[str | int, ...]
RED_LINE = N_("a red line cannot be waived: no reason or approval makes it acceptable")


@dataclass(frozen=True)
class Accepted:
    """A waiver and where it comes from: the assessment itself, or a waivers file."""

    waiver: Waiver
    source: str = ""


def check_waivers(
    bank: Bank, waivers: Sequence[Waiver] | None, key: str = "waivers"
) -> Iterator[tuple[Loc, str]]:
    """Waivers of rules the bank does not have, or of red lines: both make the file invalid."""
    for index, waiver in enumerate(waivers or []):
        rule = bank.rules_by_code.get(waiver.rule)
        where = (key, index, "rule")
        _ = translator(bank.lang)
        if rule is None:
            known = [*bank.rules_by_code, *(r.name for r in bank.rules)]
            guess = did_you_mean(waiver.rule, known, bank.lang)
            yield where, _("no rule '%(code)s'") % {"code": waiver.rule} + guess
        elif rule.severity is Severity.RED_LINE:
            values = {"code": rule.code, "why": _(RED_LINE)}
            yield where, _("%(code)s is a red line, and %(why)s") % values


def waive(
    bank: Bank, flags: list[Flag], accepted: Sequence[Accepted], today: dt.date
) -> list[Flag]:
    """The flags, each waived one marked with its waiver (one in force before an expired one,
    then the latest expiry). Red lines are never marked, whatever the waivers say."""
    chosen: dict[str, Accepted] = {}
    for item in accepted:
        rule = bank.rules_by_code.get(item.waiver.rule)
        if rule is None or rule.severity is Severity.RED_LINE:
            continue
        best = chosen.get(rule.code)
        if best is None or _rank(item, today) > _rank(best, today):
            chosen[rule.code] = item
    if not chosen:
        return flags
    return [
        replace(flag, waived=_note(chosen[flag.code], today))
        if flag.code in chosen and flag.rule_severity is not Severity.RED_LINE
        else flag
        for flag in flags
    ]


def _rank(item: Accepted, today: dt.date) -> tuple[bool, dt.date]:
    return item.waiver.active(today), item.waiver.expires


def _note(item: Accepted, today: dt.date) -> Waived:
    waiver = item.waiver
    return Waived(
        reason=waiver.reason,
        approved_by=waiver.approved_by,
        approved=waiver.approved,
        expires=waiver.expires,
        expired=not waiver.active(today),
        source=item.source,
    )


def canonical(bank: Bank, code: str) -> str:
    """A rule's code for one of its aliases (or the code itself)."""
    rule = bank.rules_by_code.get(code)
    return rule.code if rule is not None else code
