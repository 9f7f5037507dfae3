"""The parts of the interview outside the question bank: the metadata of a new assessment, and
the screens after the questions (the impact register and the action plan)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hria.errors import InvalidFileError
from hria.files.reading import read_text
from hria.files.yamlio import parse
from hria.i18n import N_, _, active
from hria.interview.prompts import BACK, Prompter
from hria.interview.reading import read_date
from hria.interview.session import Session
from hria.interview.walk import Interview
from hria.models.assessment import Assessment, Metadata, Role
from hria.models.bank import Bank

INTAKE = ("title", "organisation", "role", "assessor")  # the metadata asked, in this order
_QUESTIONS = {
    "title": N_("Which deployment is assessed (a short title)?"),
    "organisation": N_("Which organisation deploys, sells or audits it?"),
    "assessor": N_("Who is answering (a person or a team)?"),
}
ROLES = {
    Role.DEPLOYER: N_("Deployer"),
    Role.VENDOR: N_("Vendor"),
    Role.AUDITOR: N_("Auditor"),
}


def _required(value: str) -> str | None:
    return None if value.strip() else _("this cannot be empty")


def _optional_date(value: str) -> str | None:
    if not value.strip():
        return None
    if read_date(value, active()) is None:
        return _("use YYYY-MM-DD, or leave empty")
    return None


def ask_metadata(
    prompter: Prompter, draft: dict[str, Any], save: Callable[[dict[str, Any]], None]
) -> Assessment:
    """Ask what the draft's metadata lacks; the draft is saved after every answer, so Ctrl-C
    keeps what was typed and `hria resume` asks only the rest."""
    metadata: dict[str, Any] = draft["metadata"]
    fresh = not any(name in metadata for name in INTAKE)
    prompter.show(
        _("A new assessment. First, what is assessed and by whom.")
        if fresh
        else _("The metadata of this assessment is not complete; first, the rest of it."),
        style="bold",
    )
    for name in INTAKE:
        if name not in metadata:
            metadata[name] = _ask_field(prompter, name)
            save(_ordered(draft))
    if "review_by" not in metadata:
        asked = _("Review by (YYYY-MM-DD, empty to decide later)")
        review = prompter.text(asked, "", _optional_date)
        day = read_date(review, active()) if review.strip() else None
        if day is not None:
            metadata["review_by"] = day
    return Assessment.model_validate(_ordered(draft))


def _ask_field(prompter: Prompter, name: str) -> str:
    if name == "role":
        roles = [(r.value, _(ROLES[r])) for r in Role]
        return prompter.select(_("Your role in this assessment"), roles, Role.DEPLOYER.value)
    return prompter.text(_(_QUESTIONS[name]), "", _required).strip()


def _ordered(draft: dict[str, Any]) -> dict[str, Any]:
    """The draft with its metadata in the order of the model, as a saved assessment has it."""
    metadata = draft["metadata"]
    order = [k for k in Metadata.model_fields if k in metadata]
    order += [k for k in metadata if k not in order]
    return {**draft, "metadata": {k: metadata[k] for k in order}}


def unfinished_metadata(path: Path, error: InvalidFileError) -> tuple[str, dict[str, Any]] | None:
    """The text and data of a draft interrupted while its metadata was asked, if that is all
    that is wrong with it (every problem is a metadata field that is missing); else None."""
    if not error.problems:
        return None
    text = read_text(path)
    data = parse(text, str(path))
    metadata = data.get("metadata") if isinstance(data, dict) else None
    if not isinstance(metadata, dict) or metadata.get("status", "draft") != "draft":
        return None
    missing = {f"metadata.{name}" for name in INTAKE if name not in metadata}
    if not missing or any(p.where not in missing for p in error.problems):
        return None
    return text, data


def end_screens(
    prompter: Prompter,
    bank: Bank,
    session: Session,
    today: dt.date,
    screens: Sequence[str],
    previous: Callable[[], object] | None,
) -> None:
    """The screens named ("register", "plan"), in order. Back on one returns to the one
    before; on the first, to `previous` (the last review) when there is one. A register not
    followed by the plan offers it: Back there returns to the register."""
    from hria.interview.actionplan import edit_plan
    from hria.interview.register import PLAN, edit_register

    index = 0
    while index < len(screens):
        back = index > 0 or previous is not None
        if screens[index] == "plan":
            result = edit_plan(prompter, bank, session, today, back)
        else:
            offer = "plan" not in screens[index + 1 :]
            result = edit_register(prompter, bank, session, today, back, offer)
            if result == PLAN:
                result = edit_plan(prompter, bank, session, today, True)
                if result == BACK:
                    continue  # to the register again
        if result != BACK:
            index += 1
        elif index > 0:
            index -= 1
        elif previous is not None:
            previous()


def last_review(interview: Interview) -> Callable[[], object] | None:
    """The screen before the register: the review of the last section that applies."""
    shown = interview.evaluation.visible
    if not shown:
        return None
    section = interview.bank.section_of[shown[-1]].id
    return lambda: interview.review(section)
