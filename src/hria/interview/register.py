"""The impact register screen: what it is for, help on rating an impact, and add, edit and
delete, each saved at once. Deleting or renaming an impact carries over to the actions that
address it, so the file never points at an impact that is gone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from hria.domain.engine import assess
from hria.domain.plan import describe_impact, ordered
from hria.interview.forms import (
    Field,
    Values,
    clip,
    count,
    fill,
    ref_problem,
    required,
    save_plan,
)
from hria.interview.prompts import BACK, Choices, Keys, Prompter
from hria.interview.session import Session
from hria.models.assessment import Action, Impact
from hria.models.bank import Bank

DONE = "__done__"
ADD = "__add__"
PLAN = "__plan__"  # from the register to the action plan

INTRO = (
    "The impact register lists the harms to people's rights that this system causes or may "
    "cause: which right, who is affected, what happens to them, and how serious it is. "
    "The most severe come first. A severe impact needs an action in the plan."
)
RATING = (
    "Rate each impact on three scales, 1 to 4, and for a potential impact its likelihood. "
    "Severity is the highest of scale, scope and irremediability: one at 4 makes the impact "
    "severe (UN Guiding Principles 14 and 24). Likelihood orders impacts of the same "
    "severity, and never makes a severe impact less severe."
)
LEVELS = {
    "scale": (
        "Scale: how grave the harm is for a person it reaches",
        [
            "minor: an inconvenience that soon passes (a delay, a second check)",
            "moderate: a real but bounded harm (lost time or money, distress)",
            "serious: harm to a core interest (a job, a benefit, being stopped)",
            "grave: harm to life, liberty or safety, or the core of a right",
        ],
    ),
    "scope": (
        "Scope: how many people it reaches",
        [
            "few: isolated individuals",
            "some: a small group, or a share of the people concerned",
            "many: a large part of the people the system touches",
            "very many: nearly everyone it touches, or a whole group or population",
        ],
    ),
    "irremediability": (
        "Irremediability: how hard it is to put right",
        [
            "easily: corrected at once and in full",
            "with effort: can be put right, with time, effort or money",
            "hardly: only partly (compensation cannot undo it)",
            "never: cannot be undone (a death, a lasting injury, data once exposed)",
        ],
    ),
    "likelihood": (
        "Likelihood (potential impacts only): how likely it is to happen",
        ["unlikely", "possible", "likely", "almost certain"],
    ),
}


def rating_help() -> str:
    lines = [RATING]
    for title, levels in LEVELS.values():
        lines.append(title + ":")
        lines += [f"  {n} {text}" for n, text in enumerate(levels, 1)]
    return "\n".join(lines)


def _levels(field: str) -> Choices:
    return [(str(n), f"{n} {text}") for n, text in enumerate(LEVELS[field][1], 1)]


def _level_help(field: str) -> str:
    title, levels = LEVELS[field]
    return "\n".join([title + ":", *(f"  {n} {t}" for n, t in enumerate(levels, 1)), RATING])


def edit_register(
    prompter: Prompter,
    bank: Bank,
    session: Session,
    today: dt.date,
    back: bool,
    offer_plan: bool = False,
) -> str:
    """The register until Continue (DONE), Back (BACK, when `back`) or, when `offer_plan` and
    there are flags or actions, the action plan (PLAN)."""
    prompter.show("\nImpact register", style="bold")
    prompter.show(INTRO)
    while True:
        impacts = ordered(session.assessment.impacts)
        if not impacts:
            prompter.show("  The register is empty.", style="dim")
        choices: Choices = [(DONE, "Continue"), (ADD, "Add an impact")]
        if offer_plan:
            choices[1:1] = _plan_entry(bank, session, today)
        choices += [(i.id, clip(f"Edit or delete: {describe_impact(i)}", 76)) for i in impacts]
        message = f"Impact register ({count(len(impacts), 'impact')}): add, change, or continue"
        keys = Keys(help=f"{INTRO}\n{rating_help()}", back=back)
        picked = prompter.select(message, choices, DONE, keys)
        if picked in (DONE, BACK, PLAN):
            return picked
        if picked == ADD:
            _add(prompter, session, today)
        else:
            _entry(prompter, session, today, next(i for i in impacts if i.id == picked))


def _plan_entry(bank: Bank, session: Session, today: dt.date) -> Choices:
    """The way to the action plan, when it has flags or actions to show."""
    flags = len(assess(bank, session.assessment, today).flags)
    actions = len(session.assessment.actions)
    if not flags and not actions:
        return []
    return [(PLAN, f"Go to the action plan ({count(flags, 'flag')}, {count(actions, 'action')})")]


def _add(prompter: Prompter, session: Session, today: dt.date) -> None:
    impact = ask_impact(prompter, session, None)
    if impact is None:
        return
    save_plan(session, today, impacts=[*session.assessment.impacts, impact])
    prompter.show(f"  Saved: {clip(describe_impact(impact), 70)}")
    if impact.severe:
        prompter.show("  It is severe: plan an action for it in the action plan.")


def _entry(prompter: Prompter, session: Session, today: dt.date, impact: Impact) -> None:
    choices: Choices = [("edit", "Edit"), ("remove", "Delete")]
    keys = Keys(help="Edit it field by field, or delete it; < goes back to the list.", back=True)
    picked = prompter.select(f"Impact {clip(impact.id, 64)}", choices, "edit", keys)
    if picked == "edit":
        changed = ask_impact(prompter, session, impact)
        if changed is not None:
            impacts = [changed if i.id == impact.id else i for i in session.assessment.impacts]
            actions = _renamed(session.assessment.actions, impact.id, changed.id)
            save_plan(session, today, impacts=impacts, actions=actions)
            prompter.show("  Saved.")
    elif picked == "remove":
        _delete(prompter, session, today, impact)


def _delete(prompter: Prompter, session: Session, today: dt.date, impact: Impact) -> None:
    """Delete an impact; the actions that address only it go with it, after a confirmation."""
    linked = [a for a in session.assessment.actions if impact.id in a.addresses]
    only = [a.id for a in linked if a.addresses == [impact.id]]
    if linked:
        names = clip(", ".join(a.id for a in linked), 50)
        gone = f"; delete {len(only)} action(s) that address only it" if only else ""
        confirm = prompter.select(
            f"{len(linked)} action(s) address this impact ({names})",
            [("remove", f"Delete the impact{gone}"), ("keep", "Keep it")],
            "keep",
            Keys(back=True),
        )
        if confirm != "remove":
            return
    impacts = [i for i in session.assessment.impacts if i.id != impact.id]
    actions = [
        a.model_copy(update={"addresses": [r for r in a.addresses if r != impact.id]})
        for a in session.assessment.actions
        if a.id not in only
    ]
    save_plan(session, today, impacts=impacts, actions=actions)
    prompter.show("  Deleted." + (f" Actions deleted with it: {', '.join(only)}." if only else ""))


def _renamed(actions: list[Action], old: str, new: str) -> list[Action]:
    if old == new:
        return actions
    return [
        a.model_copy(update={"addresses": [new if r == old else r for r in a.addresses]})
        for a in actions
    ]


def _potential(values: Values) -> bool:
    return values.get("status") == "potential"


#: Every field of an impact after its id, in the order asked.
IMPACT_FIELDS = (
    Field(
        "right",
        "Which right is affected?",
        "The right, and where it is written, e.g. 'Privacy (ICCPR art. 17)'.",
        check=required,
    ),
    Field(
        "groups",
        "Who is affected (separate groups with ';')?",
        "The people who bear the harm, e.g. 'people seeking asylum; children'.",
        check=required,
    ),
    Field(
        "description",
        "What happens to them?",
        "The harm in one or two sentences, e.g. 'A false match leads to detention'.",
        check=required,
    ),
    Field(
        "status",
        "Has it happened?",
        "Actual: it has happened. Potential: it may happen (you will rate how likely).",
        choices=[("potential", "Potential: it may happen"), ("actual", "Actual: it has happened")],
    ),
    Field(
        "involvement",
        "How is your organisation involved (UNGP 13)?",
        "Cause: your own activity harms. Contribute: you add to a harm others cause. "
        "Linked: the harm comes through a product, service or business relationship.",
        choices=[
            ("cause", "We cause it"),
            ("contribute", "We contribute to it"),
            ("linked", "It is linked to our product or service"),
        ],
    ),
    *(
        Field(name, f"{LEVELS[name][0]} (1 to 4)", _level_help(name), choices=_levels(name))
        for name in ("scale", "scope", "irremediability")
    ),
    Field(
        "likelihood",
        "Likelihood (1 to 4)",
        _level_help("likelihood"),
        choices=_levels("likelihood"),
        when=_potential,
    ),
)


def _fields(taken: set[str]) -> list[Field]:
    """The id first: it is checked against the ids already in the register."""
    ident = Field(
        "id",
        "Short id (letters, digits, '-')",
        "A name for this impact in the file, e.g. wrongful-detention; actions refer to it.",
        check=lambda v: ref_problem(v, taken, "impact"),
    )
    return [ident, *IMPACT_FIELDS]


def _values(impact: Impact | None) -> Values:
    if impact is None:
        return {}
    values: Values = impact.model_dump(mode="json")
    values["groups"] = "; ".join(impact.groups)
    return {k: str(v) if isinstance(v, int) else v for k, v in values.items() if v is not None}


def ask_impact(prompter: Prompter, session: Session, current: Impact | None) -> Impact | None:
    """Every field of one impact, with the current values as defaults; None on Back."""
    taken = {i.id for i in session.assessment.impacts} - ({current.id} if current else set())
    values: Values | None = _values(current)
    while True:
        values = fill(prompter, _fields(taken), values or {})
        if values is None:
            return None
        try:
            return Impact.model_validate(_data(values))
        except ValidationError as exc:
            prompter.show(f"  {exc.errors()[0]['msg']}; please try again", style="bold")


def _data(values: Values) -> dict[str, Any]:
    data = {k: v for k, v in values.items() if k not in ("groups", "likelihood")}
    data["id"] = str(values["id"]).strip().lower()
    data["groups"] = [g.strip() for g in str(values["groups"]).split(";") if g.strip()]
    for name in ("scale", "scope", "irremediability"):
        data[name] = int(values[name])
    if values.get("status") == "potential":
        data["likelihood"] = int(values["likelihood"])
    return data
