"""The action plan screen: the flags of the current evaluation, most serious first, and for
each an action (what, who, by when, how far along), linked to its rule code or, for a flag on
an impact, to that impact. Red lines cannot be mitigated, and the screen says so. Every change
is saved at once; a flag with an open action then shows as "mitigation planned", as in
`hria check`."""

from __future__ import annotations

import datetime as dt

from hria.bank.words import severity_word
from hria.domain.engine import assess
from hria.escapes import visible
from hria.i18n import N_, _
from hria.interview.forms import (
    Field,
    Values,
    clip,
    date_problem,
    day,
    fill,
    flags_and_actions,
    required,
    save_plan,
)
from hria.interview.forms import unique as unique_ref
from hria.interview.progress import MARKS
from hria.interview.prompts import BACK, Choices, Keys, Prompter
from hria.interview.session import Session
from hria.models.assessment import Action, ActionStatus
from hria.models.bank import Bank
from hria.models.base import Severity
from hria.models.findings import Flag

DONE = "__done__"
INTRO = N_(
    "The action plan says what will be done about each flag: what, by whom and by when. "
    "A flag with an open action (planned or in progress) shows as 'mitigation planned'; it "
    "still counts towards the verdict. A red line cannot be mitigated."
)
HELP_TEXT = N_(
    "Pick a flag to plan an action for it, or an action to change or delete it. An action on "
    "a flag about an impact is linked to that impact, and the flag goes once it has one. "
    "Statuses: planned and in progress are open; done mitigates; dropped mitigates nothing. "
    "An open action past its due date is flagged as overdue."
)
STATUSES: Choices = [
    ("planned", N_("Planned")),
    ("in_progress", N_("In progress")),
    ("done", N_("Done")),
    ("dropped", N_("Dropped (it mitigates nothing)")),
]
#: A flag's mitigation status, as the plan shows it (translated where shown).
FLAG_STATUSES = {
    "open": N_("open"),
    "mitigation planned": N_("mitigation planned"),
    "mitigation done": N_("mitigation done"),
    "overdue": N_("overdue"),
}
#: An action's status, as the plan's list shows it.
ACTION_STATUSES = {
    "planned": N_("planned"),
    "in_progress": N_("in progress"),
    "done": N_("done"),
    "dropped": N_("dropped"),
}


def flag_status(status: str) -> str:
    return _(FLAG_STATUSES[status]) if status in FLAG_STATUSES else status


def flag_label(flag: Flag) -> str:
    """Severity, code and title, the impact it is about, and its mitigation status."""
    impacts = [t.ref for t in flag.triggers if t.kind == "impact"]
    about = f" [{', '.join(impacts)}]" if impacts else ""
    why = " " + _("(answer unknown)") if flag.basis == "unknown" else ""
    if not flag.mitigable:
        status = " " + _("(cannot be mitigated)")
    else:
        status = "" if flag.status == "open" else f" ({flag_status(flag.status)})"
    head = f"{MARKS[flag.severity]} {severity_word(flag.severity).upper()} {flag.code}: "
    return head + clip(flag.title, 300) + visible(about + why + status)


def action_label(action: Action) -> str:
    status = _(ACTION_STATUSES[action.status.value])
    refs = clip(", ".join(action.addresses), 30)
    tail = " " + _("(%(status)s, due %(due)s) for %(refs)s") % {
        "status": status,
        "due": action.due.isoformat(),
        "refs": refs,
    }
    head = _("Action %(id)s: ") % {"id": clip(action.id, 20)}
    return head + clip(action.description, max(76 - len(head) - len(tail), 16)) + tail


def flags_of(bank: Bank, session: Session, today: dt.date) -> list[Flag]:
    flags = assess(bank, session.assessment, today).flags
    return sorted(flags, key=lambda f: (-f.severity.rank, f.code, f.title))


def edit_plan(prompter: Prompter, bank: Bank, session: Session, today: dt.date, back: bool) -> str:
    """The plan until Continue (DONE) or, when `back`, Back (BACK). Without flags or actions
    there is nothing to plan, and nothing is asked."""
    prompter.show("\n" + _("Action plan"), style="bold")
    if not flags_of(bank, session, today) and not session.assessment.actions:
        prompter.show("  " + _("No flags, and no actions: there is nothing to plan."))
        return DONE
    prompter.show(_(INTRO))
    while True:
        flags = flags_of(bank, session, today)
        actions = session.assessment.actions
        choices: Choices = [(DONE, _("Continue"))]
        choices += [(f"flag:{n}", flag_label(f)) for n, f in enumerate(flags)]
        choices += [(f"action:{n}", action_label(a)) for n, a in enumerate(actions)]
        counts = flags_and_actions(len(flags), len(actions))
        message = _("Action plan (%(counts)s): pick a flag or an action") % {"counts": counts}
        picked = prompter.select(message, choices, DONE, Keys(help=_(HELP_TEXT), back=back))
        if picked in (DONE, BACK):
            return picked
        if picked.startswith("flag:"):
            plan_for(prompter, bank, session, today, flags[int(picked[5:])])
        else:
            _entry(prompter, bank, session, today, actions[int(picked[7:])])


def refusal(flag: Flag) -> str:
    """Why no action is offered for a flag that cannot be mitigated."""
    if flag.rule_severity is Severity.RED_LINE:
        text = _(
            "%(code)s is a red line: it cannot be mitigated, and no action plan changes "
            "that. The only answer to it is not to deploy."
        ) % {"code": flag.code}
    else:
        text = _("%(code)s cannot be mitigated by an action plan: %(recommendation)s") % {
            "code": flag.code,
            "recommendation": flag.recommendation,
        }
    if flag.basis == "unknown":
        text += " " + _(
            "It is raised because an answer is unknown: find out, and change the answer."
        )
    return " ".join(text.split())


def plan_for(prompter: Prompter, bank: Bank, session: Session, today: dt.date, flag: Flag) -> None:
    """A new action for one flag, saved at once; then the flag's status is shown."""
    if not flag.mitigable:
        prompter.show(refusal(flag), style="bold")
        return
    impacts = [t.ref for t in flag.triggers if t.kind == "impact"]
    prompter.show(f"  {flag.code}: {clip(flag.title, 70)}", style="bold")
    todo = _("What to do: %(recommendation)s") % {"recommendation": clip(flag.recommendation, 300)}
    prompter.show(f"  {todo}", style="dim")
    values = fill(prompter, _fields(session, link=not impacts), {"status": "planned"})
    if values is None:
        return
    taken = {a.id for a in session.assessment.actions}
    addresses = impacts or [flag.code, *values.get("impacts", [])]
    ref = unique_ref(impacts[0] if impacts else flag.code.lower(), taken)
    action = _action(values, ref, addresses)
    save_plan(session, today, actions=[*session.assessment.actions, action])
    _report(prompter, bank, session, today, flag, action)


def _report(
    prompter: Prompter, bank: Bank, session: Session, today: dt.date, flag: Flag, action: Action
) -> None:
    prompter.show("  " + _("Saved as action %(id)s.") % {"id": action.id})
    refs = [t.ref for t in flag.triggers]
    same = [f for f in flags_of(bank, session, today) if f.code == flag.code]
    now = next((f for f in same if [t.ref for t in f.triggers] == refs), None)
    impacts = [t.ref for t in flag.triggers if t.kind == "impact"]
    if now is None and impacts:
        gone = _("%(code)s on %(impacts)s is no longer raised.")
        prompter.show("  " + gone % {"code": flag.code, "impacts": ", ".join(impacts)})
    elif now is None:
        prompter.show("  " + _("%(code)s is no longer raised.") % {"code": flag.code})
    else:
        shows = _("%(code)s now shows as: %(status)s.")
        prompter.show("  " + shows % {"code": flag.code, "status": flag_status(now.status)})
    if action.status.open and action.due < today:
        prompter.show(
            "  " + _("The due date is past: while the action is open, it is flagged overdue.")
        )


def _entry(
    prompter: Prompter, bank: Bank, session: Session, today: dt.date, action: Action
) -> None:
    choices: Choices = [("edit", _("Edit")), ("remove", _("Delete"))]
    keys = Keys(help=_("Edit it field by field, or delete it; < goes back to the list."), back=True)
    picked = prompter.select(
        _("Action %(id)s") % {"id": clip(action.id, 64)}, choices, "edit", keys
    )
    others = [a for a in session.assessment.actions if a.id != action.id]
    if picked == "remove":
        save_plan(session, today, actions=others)
        prompter.show("  " + _("Deleted action %(id)s.") % {"id": action.id})
    elif picked == "edit":
        current = action.model_dump(mode="json")
        fields = [*_fields(session, link=False), _links(bank, session, today, action)]
        values = fill(prompter, fields, current)
        if values is None:
            return
        changed = _action(values, action.id, list(values["addresses"]))
        actions = [changed if a.id == action.id else a for a in session.assessment.actions]
        save_plan(session, today, actions=actions)
        prompter.show("  " + _("Saved."))
        if changed.status.open and changed.due < today:
            prompter.show(
                "  " + _("The due date is past: while it is open, it is flagged overdue.")
            )


def _links(bank: Bank, session: Session, today: dt.date, action: Action) -> Field:
    """What an action addresses, to change when it is edited: the flags that an action can
    mitigate now, the impacts in the register, and whatever it already names."""
    choices: Choices = []
    for flag in flags_of(bank, session, today):
        if flag.mitigable and flag.code not in {value for value, _label in choices}:
            choices.append((flag.code, f"{MARKS[flag.severity]} {flag.code}: {flag.title}"))
    for impact in session.assessment.impacts:
        label = _("Impact %(id)s: %(right)s") % {"id": impact.id, "right": clip(impact.right, 70)}
        choices.append((impact.id, label))
    offered = {value for value, _label in choices}
    choices += [
        (ref, _("%(ref)s (not raised now)") % {"ref": ref})
        for ref in action.addresses
        if ref not in offered
    ]
    return Field(
        "addresses",
        _("Which flags and impacts does it address?"),
        _(
            "Tick every flag (by its rule code) and every impact in the register that this "
            "action prevents, mitigates or remedies. A flag or impact that is no longer raised "
            "stays ticked until you untick it."
        ),
        choices=choices,
        several=True,
        check_ticks=lambda ticked: None if ticked else _("tick at least one flag or impact"),
    )


def _action(values: Values, ref: str, addresses: list[str]) -> Action:
    """The fields are checked one by one, so the model cannot refuse them."""
    return Action(
        id=ref,
        description=str(values["description"]).strip(),
        addresses=addresses,
        owner=str(values["owner"]).strip(),
        due=day(str(values["due"])),
        status=ActionStatus(values["status"]),
    )


def action_fields() -> list[Field]:
    """Every field of an action, in the order asked."""
    return [
        Field(
            "description",
            _("What will be done?"),
            _(
                "One step that prevents, mitigates or remedies the harm, e.g. 'Two trained "
                "officers confirm every match before anyone is stopped'."
            ),
            check=required,
        ),
        Field(
            "owner",
            _("Who is responsible (a person or a role)?"),
            _("Whoever answers for the action getting done, e.g. 'Head of border operations'."),
            check=required,
        ),
        Field(
            "due",
            _("Due by (YYYY-MM-DD)"),
            _("The day the action is to be done by, e.g. 2027-03-01."),
            check=date_problem,
        ),
        Field(
            "status",
            _("How far along is it?"),
            _(
                "Planned and in progress are open: the flag shows as 'mitigation planned'. "
                "Done: 'mitigation done'. Dropped: it mitigates nothing."
            ),
            choices=[(value, _(label)) for value, label in STATUSES],
        ),
    ]


def _fields(session: Session, link: bool) -> list[Field]:
    """With `link`, and impacts in the register, the impacts it also addresses."""
    impacts = session.assessment.impacts
    if not (link and impacts):
        return action_fields()
    choices = [(i.id, clip(f"{i.id}: {i.right}", 70)) for i in impacts]
    ticks = Field(
        "impacts",
        _("Does it also address impacts in the register? (optional)"),
        _(
            "Tick the impacts this action prevents or mitigates; a severe impact with an "
            "action is no longer flagged. Tick none to link it to the flag alone."
        ),
        choices=choices,
        several=True,
    )
    return [*action_fields(), ticks]
