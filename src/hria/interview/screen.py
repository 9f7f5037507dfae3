"""The screen: the setting and the red lines, asked first. At its end the interview shows the
intrusion level and the red lines found, and offers to stop there with a screening verdict."""

from __future__ import annotations

from hria.i18n import _, ngettext
from hria.interview.progress import STYLES, flag_line
from hria.interview.prompts import Prompter
from hria.models.assessment import Assessment, Scope
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Evaluation

GO_ON = "full"
STOP = "stop"


def with_scope(assessment: Assessment, scope: Scope) -> Assessment:
    metadata = assessment.metadata.model_copy(update={"scope": scope})
    return assessment.model_copy(update={"metadata": metadata})


def summary_lines(evaluation: Evaluation) -> list[tuple[str, str]]:
    """The screen's result: the intrusion level and its reasons, then the red lines."""
    lines: list[tuple[str, str]] = [("\n" + _("The screen is done."), "bold")]
    profile = evaluation.profile
    if profile is not None:
        top = [r.title for r in profile.reasons if r.level == profile.level]
        level = {"level": profile.level, "name": profile.name, "reasons": "; ".join(top)}
        if top:
            text = _("Intrusion level %(level)s of 4, %(name)s: %(reasons)s.") % level
        else:
            text = _("Intrusion level %(level)s of 4, %(name)s.") % level
        lines.append((text, ""))
    red = [f for f in evaluation.flags if f.severity is Severity.RED_LINE]
    doubtful = [
        f for f in evaluation.flags if f.rule_severity is Severity.RED_LINE and f.basis == "unknown"
    ]
    if red:
        lines.append((_("Red lines crossed:"), "bold red"))
        lines += [(f"  {flag_line(f)}", STYLES[f.severity]) for f in red]
    else:
        lines.append((_("No red line is crossed on these answers."), ""))
    if doubtful:
        lines.append((_("Not known yet, and to be settled:"), "bold"))
        lines += [(f"  {flag_line(f)}", STYLES[f.severity]) for f in doubtful]
    return lines


def offer_stop(prompter: Prompter, bank: Bank, evaluation: Evaluation, order: list[str]) -> bool:
    """Show the screen's result and ask whether to stop there. True to stop."""
    for text, style in summary_lines(evaluation):
        prompter.show(text, style=style)
    left = sum(1 for q in order if q not in bank.screening_questions)
    more = ngettext(
        "Go on to the full test (%(count)s more question as the answers stand)",
        "Go on to the full test (%(count)s more questions as the answers stand)",
        left,
    )
    choices = [
        (GO_ON, more % {"count": left}),
        (STOP, _("Stop here and save a screening: its verdict covers the red lines only")),
    ]
    return prompter.select(_("Go on, or stop at the screen?"), choices, GO_ON) == STOP
