"""Forms of several fields, asked one after another, for the impact register and the action
plan: help on request, Back to the previous field (or out of the form from the first one), and
checks that re-ask with what was typed, so nothing typed is lost. Saving goes through the
Session, like answers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from hria.escapes import visible
from hria.i18n import N_, _, active, ngettext
from hria.interview.prompts import BACK, Choices, Keys, Prompter
from hria.interview.reading import read_date
from hria.interview.session import Session
from hria.lang import ENGLISH

#: What `ref_problem` says of an id another impact or action already has.
TAKEN = {
    "impact": N_("another impact already has this id"),
    "action": N_("another action already has this id"),
}
Values = dict[str, Any]  # what was typed or picked, by field name: text, a value, or a list
_REF = re.compile(r"[a-z0-9][a-z0-9_-]*")
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class Field:
    """One step of a form. `choices` makes it a list (or check boxes when `several`), else
    it is text; `check` returns a problem with the text, or None; `when` skips the field."""

    name: str
    message: str
    help: str
    choices: Choices | None = None
    several: bool = False
    check: Callable[[str], str | None] | None = None
    when: Callable[[Values], bool] | None = None
    check_ticks: Callable[[list[str]], str | None] | None = None  # for check boxes

    def applies(self, values: Values) -> bool:
        return self.when is None or self.when(values)


def fill(prompter: Prompter, fields: list[Field], values: Mapping[str, Any]) -> Values | None:
    """Ask every field that applies, with `values` as the defaults. None when Back is chosen
    at the first field: the form is left and nothing is changed."""
    filled: Values = dict(values)
    index = 0
    while index < len(fields):
        field = fields[index]
        if not field.applies(filled):
            index += 1
            continue
        reply = ask_field(prompter, field, filled.get(field.name))
        if isinstance(reply, str) and reply == BACK:
            earlier = [n for n in range(index) if fields[n].applies(filled)]
            if not earlier:
                return None
            index = earlier[-1]
            continue
        filled[field.name] = reply
        index += 1
    return filled


def ask_field(prompter: Prompter, field: Field, default: Any) -> str | list[str]:
    """One field until its reply passes the check; a refused text comes back as the default.
    Help and Back are the control's keys (`?` and `<`), never choices."""
    keys = Keys(help=field.help, back=True)
    while True:
        if field.choices is not None and field.several:
            ticked = [str(v) for v in default] if isinstance(default, list) else []
            picked = prompter.checkbox(field.message, field.choices, ticked, keys)
            if BACK in picked:
                return BACK
            problem = field.check_ticks(picked) if field.check_ticks else None
            if problem is None:
                return picked
            prompter.show("  " + again(problem), style="bold")
            default = picked
            continue
        if field.choices is not None:
            offered = {value for value, _ in field.choices}
            start = str(default) if default is not None and str(default) in offered else None
            return prompter.select(field.message, field.choices, start, keys)
        typed = prompter.text(field.message, str(default or ""), None, keys)
        if typed == BACK:
            return BACK
        problem = field.check(typed.strip()) if field.check else None
        if problem is None:
            return typed.strip()
        prompter.show("  " + again(problem), style="bold")
        default = typed


def again(problem: str) -> str:
    """A refused reply: the problem, and that the field is asked again."""
    return _("%(problem)s; please try again") % {"problem": problem}


def required(value: str) -> str | None:
    return None if value.strip() else _("this cannot be empty")


def ref_problem(value: str, taken: set[str], kind: str) -> str | None:
    """A problem with a short id for an impact or an action, or None."""
    ref = value.strip().lower()
    if not ref:
        return _("the id cannot be empty")
    if len(ref) > 64:
        return _("the id can have at most 64 characters")
    if not _REF.fullmatch(ref):
        return _("use lower-case letters, digits, '-' and '_', starting with a letter or digit")
    if ref in taken:
        return _(TAKEN[kind])
    return None


def date_problem(value: str) -> str | None:
    """A problem with a date typed as YYYY-MM-DD (or as the interface's language writes a date:
    31/12/2026 in Spanish), or None."""
    text = value.strip()
    if not text:
        return _("a date is needed (YYYY-MM-DD, e.g. 2027-03-01)")
    lang = active()
    if lang != ENGLISH and not _DATE.fullmatch(text):
        return None if read_date(text, lang) else _("write the date as YYYY-MM-DD, e.g. 2027-03-01")
    if not _DATE.fullmatch(text):
        return _("write the date as YYYY-MM-DD, e.g. 2027-03-01")
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return _("there is no such day: check the month (01 to 12) and the day of the month")
    return None


def day(value: str) -> dt.date:
    """The date of a reply that `date_problem` accepted."""
    found = read_date(value, active())
    assert found is not None
    return found


def unique(base: str, taken: set[str]) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free."""
    ref = base[:60]
    number = 2
    while ref in taken:
        ref = f"{base[:56]}-{number}"
        number += 1
    return ref


def save_plan(session: Session, today: dt.date, **update: object) -> None:
    """Save a change to the register or the plan at once (atomic, owner-only)."""
    assessment = session.assessment
    metadata = assessment.metadata.model_copy(update={"updated": today})
    session.save(assessment.model_copy(update={**update, "metadata": metadata}))


def flags_and_actions(flags: int, actions: int) -> str:
    """'1 flag, 3 actions'."""
    return _("%(flags)s, %(actions)s") % {
        "flags": ngettext("%(count)s flag", "%(count)s flags", flags) % {"count": flags},
        "actions": ngettext("%(count)s action", "%(count)s actions", actions) % {"count": actions},
    }


def clip(text: str, width: int) -> str:
    """Text from the file on one line of at most `width` characters, its controls escaped."""
    line = visible(" ".join(text.split()))
    return line if len(line) <= width else line[: width - 1] + "…"
