"""`hria explain profile`: the intrusion profile in words, in the interface's language."""

from __future__ import annotations

import textwrap
from typing import Any

from hria.bank.listing import WIDTH, _wrap, cite
from hria.bank.words import severity_word
from hria.i18n import _, active
from hria.models.bank import Bank
from hria.models.conditions import describe


def profile_text(bank: Bank) -> str:
    """The intrusion profile: levels, the factors that set them, and the scales of rules."""
    spec = bank.profile
    if spec is None:
        return _("This bank has no intrusion profile: every rule has one severity.") + "\n"
    lang = active()
    parts = [_("The intrusion profile"), _wrap(spec.principle), "", _("Levels")]
    parts += [
        textwrap.fill(
            f"{lv.level} {_(lv.name)}: {' '.join(lv.summary.split())}",
            WIDTH,
            initial_indent="  ",
            subsequent_indent="      ",
        )
        for lv in spec.levels
    ]
    parts += ["", _("A deployment is at the highest level of any factor that holds:")]
    for factor in spec.factors:
        values = {"level": factor.level, "title": factor.title, "id": factor.id}
        parts.append("  " + _("level %(level)s: %(title)s (%(id)s)") % values)
        condition = describe(factor.condition, lang=lang)
        parts.append("    " + _("when %(condition)s") % {"condition": condition})
    if spec.burden is not None:
        values = {"title": spec.burden.title, "names": ", ".join(spec.burden.factors)}
        parts += ["", _("%(title)s (at level 3 or 4, when any holds: %(names)s)") % values]
        parts += [_wrap(spec.burden.reason)]
        parts += [f"  - {cite(bank, s)}" for s in spec.burden.sources]
    for scale in spec.scales:
        parts += ["", _scale_head(scale), _wrap(scale.reason)]
    parts += ["", _("Sources"), *(f"  - {cite(bank, s)}" for s in spec.sources)]
    return "\n".join(parts) + "\n"


def _scale_head(scale: Any) -> str:
    caps = "; ".join(
        _("level %(level)s: %(cap)s")
        % {
            "level": lv,
            "cap": _("does not apply")
            if cap is None
            else _("at most %(severity)s") % {"severity": severity_word(cap)},
        }
        for lv, cap in sorted(scale.caps.items())
    )
    values = {"id": scale.id, "title": scale.title, "caps": caps}
    return _("Scale '%(id)s': %(title)s (%(caps)s)") % values
