"""How an impact is rated (scale, scope, irremediability and likelihood, 1 to 4) and how the
register names an impact, in the interface's language: the texts of the register's help and
of its rating fields."""

from __future__ import annotations

from hria.i18n import N_, _
from hria.interview.prompts import Choices
from hria.models.assessment import Impact, ImpactStatus

RATING = N_(
    "Rate each impact on three scales, 1 to 4, and for a potential impact its likelihood. "
    "Severity is the highest of scale, scope and irremediability: one at 4 makes the impact "
    "severe (UN Guiding Principles 14 and 24). Likelihood orders impacts of the same "
    "severity, and never makes a severe impact less severe."
)
LEVELS = {
    "scale": (
        N_("Scale: how grave the harm is for a person it reaches"),
        [
            N_("minor: an inconvenience that soon passes (a delay, a second check)"),
            N_("moderate: a real but bounded harm (lost time or money, distress)"),
            N_("serious: harm to a core interest (a job, a benefit, being stopped)"),
            N_("grave: harm to life, liberty or safety, or the core of a right"),
        ],
    ),
    "scope": (
        N_("Scope: how many people it reaches"),
        [
            N_("few: isolated individuals"),
            N_("some: a small group, or a share of the people concerned"),
            N_("many: a large part of the people the system touches"),
            N_("very many: nearly everyone it touches, or a whole group or population"),
        ],
    ),
    "irremediability": (
        N_("Irremediability: how hard it is to put right"),
        [
            N_("easily: corrected at once and in full"),
            N_("with effort: can be put right, with time, effort or money"),
            N_("hardly: only partly (compensation cannot undo it)"),
            N_("never: cannot be undone (a death, a lasting injury, data once exposed)"),
        ],
    ),
    "likelihood": (
        N_("Likelihood (potential impacts only): how likely it is to happen"),
        [N_("unlikely"), N_("possible"), N_("likely"), N_("almost certain")],
    ),
}


#: An impact's severity and likelihood in one word, as the register lists it.
SEVERITY_WORDS = {1: N_("limited"), 2: N_("moderate"), 3: N_("serious"), 4: N_("severe")}
LIKELIHOOD_WORDS = {1: N_("unlikely"), 2: N_("possible"), 3: N_("likely"), 4: N_("almost certain")}


def impact_line(impact: Impact) -> str:
    """One line: severity word, id, right, and status with likelihood (as `hria check` has it,
    in the interface's language)."""
    if impact.status is ImpactStatus.ACTUAL:
        when = _("actual")
    else:
        likely = _(LIKELIHOOD_WORDS[impact.likelihood or 1])
        when = _("potential, %(likelihood)s") % {"likelihood": likely}
    return f"{_(SEVERITY_WORDS[impact.severity]):<9} {impact.id}: {impact.right} ({when})"


def rating_help() -> str:
    lines = [_(RATING)]
    for title, levels in LEVELS.values():
        lines.append(_(title) + ":")
        lines += [f"  {n} {_(text)}" for n, text in enumerate(levels, 1)]
    return "\n".join(lines)


def levels(field: str) -> Choices:
    return [(str(n), f"{n} {_(text)}") for n, text in enumerate(LEVELS[field][1], 1)]


def level_help(field: str) -> str:
    title, levels = LEVELS[field]
    rows = [f"  {n} {_(t)}" for n, t in enumerate(levels, 1)]
    return "\n".join([_(title) + ":", *rows, _(RATING)])
