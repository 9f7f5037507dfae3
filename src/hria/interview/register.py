"""The impact register screen: what it is for, help on rating an impact, and add, edit and
delete, each saved at once. Deleting or renaming an impact carries over to the actions that
address it, so the file never points at an impact that is gone."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import ValidationError

from hria.domain.engine import assess
from hria.domain.plan import ordered
from hria.i18n import N_, _, ngettext
from hria.interview.forms import (
    Field,
    Values,
    again,
    clip,
    fill,
    flags_and_actions,
    ref_problem,
    required,
    save_plan,
)
from hria.interview.prompts import BACK, Choices, Keys, Prompter
from hria.interview.rating import LEVELS, impact_line, level_help, levels, rating_help
from hria.interview.session import Session
from hria.models.assessment import Action, Impact
from hria.models.bank import Bank

DONE = "__done__"
ADD = "__add__"
PLAN = "__plan__"  # from the register to the action plan

INTRO = N_(
    "The impact register lists the harms to people's rights that this system causes or may "
    "cause: which right, who is affected, what happens to them, and how serious it is. "
    "The most severe come first. A severe impact needs an action in the plan."
)


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
    prompter.show("\n" + _("Impact register"), style="bold")
    prompter.show(_(INTRO))
    while True:
        impacts = ordered(session.assessment.impacts)
        if not impacts:
            prompter.show("  " + _("The register is empty."), style="dim")
        choices: Choices = [(DONE, _("Continue")), (ADD, _("Add an impact"))]
        if offer_plan:
            choices[1:1] = _plan_entry(bank, session, today)
        choices += [(i.id, clip(_("Edit or delete: %(impact)s") % {"impact": impact_line(i)}, 76))
                    for i in impacts]  # fmt: skip
        counted = ngettext("%(count)s impact", "%(count)s impacts", len(impacts))
        message = _("Impact register (%(count)s): add, change, or continue") % {
            "count": counted % {"count": len(impacts)}
        }
        keys = Keys(help=f"{_(INTRO)}\n{rating_help()}", back=back)
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
    counts = flags_and_actions(flags, actions)
    return [(PLAN, _("Go to the action plan (%(counts)s)") % {"counts": counts})]


def _add(prompter: Prompter, session: Session, today: dt.date) -> None:
    impact = ask_impact(prompter, session, None)
    if impact is None:
        return
    save_plan(session, today, impacts=[*session.assessment.impacts, impact])
    prompter.show("  " + _("Saved: %(impact)s") % {"impact": clip(impact_line(impact), 70)})
    if impact.severe:
        prompter.show("  " + _("It is severe: plan an action for it in the action plan."))


def _entry(prompter: Prompter, session: Session, today: dt.date, impact: Impact) -> None:
    choices: Choices = [("edit", _("Edit")), ("remove", _("Delete"))]
    keys = Keys(help=_("Edit it field by field, or delete it; < goes back to the list."), back=True)
    picked = prompter.select(
        _("Impact %(id)s") % {"id": clip(impact.id, 64)}, choices, "edit", keys
    )
    if picked == "edit":
        changed = ask_impact(prompter, session, impact)
        if changed is not None:
            impacts = [changed if i.id == impact.id else i for i in session.assessment.impacts]
            actions = _renamed(session.assessment.actions, impact.id, changed.id)
            save_plan(session, today, impacts=impacts, actions=actions)
            prompter.show("  " + _("Saved."))
    elif picked == "remove":
        _delete(prompter, session, today, impact)


def _delete(prompter: Prompter, session: Session, today: dt.date, impact: Impact) -> None:
    """Delete an impact; the actions that address only it go with it, after a confirmation."""
    linked = [a for a in session.assessment.actions if impact.id in a.addresses]
    only = [a.id for a in linked if a.addresses == [impact.id]]
    if linked:
        names = clip(", ".join(a.id for a in linked), 50)
        if only:
            delete = ngettext(
                "Delete the impact; delete %(count)s action(s) that address only it",
                "Delete the impact; delete %(count)s action(s) that address only it",
                len(only),
            ) % {"count": len(only)}
        else:
            delete = _("Delete the impact")
        asked = ngettext(
            "%(count)s action(s) address this impact (%(names)s)",
            "%(count)s action(s) address this impact (%(names)s)",
            len(linked),
        ) % {"count": len(linked), "names": names}
        confirm = prompter.select(
            asked,
            [("remove", delete), ("keep", _("Keep it"))],
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
    if only:
        gone = _("Deleted. Actions deleted with it: %(ids)s.") % {"ids": ", ".join(only)}
    else:
        gone = _("Deleted.")
    prompter.show("  " + gone)


def _renamed(actions: list[Action], old: str, new: str) -> list[Action]:
    if old == new:
        return actions
    return [
        a.model_copy(update={"addresses": [new if r == old else r for r in a.addresses]})
        for a in actions
    ]


def _potential(values: Values) -> bool:
    return values.get("status") == "potential"


def impact_fields() -> list[Field]:
    """Every field of an impact after its id, in the order asked."""
    return [
        Field(
            "right",
            _("Which right is affected?"),
            _("The right, and where it is written, e.g. 'Privacy (ICCPR art. 17)'."),
            check=required,
        ),
        Field(
            "groups",
            _("Who is affected (separate groups with ';')?"),
            _("The people who bear the harm, e.g. 'people seeking asylum; children'."),
            check=required,
        ),
        Field(
            "description",
            _("What happens to them?"),
            _("The harm in one or two sentences, e.g. 'A false match leads to detention'."),
            check=required,
        ),
        Field(
            "status",
            _("Has it happened?"),
            _("Actual: it has happened. Potential: it may happen (you will rate how likely)."),
            choices=[
                ("potential", _("Potential: it may happen")),
                ("actual", _("Actual: it has happened")),
            ],
        ),
        Field(
            "involvement",
            _("How is your organisation involved (UNGP 13)?"),
            _(
                "Cause: your own activity harms. Contribute: you add to a harm others cause. "
                "Linked: the harm comes through a product, service or business relationship."
            ),
            choices=[
                ("cause", _("We cause it")),
                ("contribute", _("We contribute to it")),
                ("linked", _("It is linked to our product or service")),
            ],
        ),
        *(
            Field(
                name,
                _("%(scale)s (1 to 4)") % {"scale": _(LEVELS[name][0])},
                level_help(name),
                choices=levels(name),
            )
            for name in ("scale", "scope", "irremediability")
        ),
        Field(
            "likelihood",
            _("Likelihood (1 to 4)"),
            level_help("likelihood"),
            choices=levels("likelihood"),
            when=_potential,
        ),
    ]


def _fields(taken: set[str]) -> list[Field]:
    """The id first: it is checked against the ids already in the register."""
    ident = Field(
        "id",
        _("Short id (letters, digits, '-')"),
        _("A name for this impact in the file, e.g. wrongful-detention; actions refer to it."),
        check=lambda v: ref_problem(v, taken, "impact"),
    )
    return [ident, *impact_fields()]


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
            prompter.show("  " + again(exc.errors()[0]["msg"]), style="bold")


def _data(values: Values) -> dict[str, Any]:
    data = {k: v for k, v in values.items() if k not in ("groups", "likelihood")}
    data["id"] = str(values["id"]).strip().lower()
    data["groups"] = [g.strip() for g in str(values["groups"]).split(";") if g.strip()]
    for name in ("scale", "scope", "irremediability"):
        data[name] = int(values[name])
    if values.get("status") == "potential":
        data["likelihood"] = int(values["likelihood"])
    return data
