"""The parts of the interview outside the question bank: the metadata of a new assessment and
the impact register (a repeatable group: add, edit, remove)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from hria.domain.plan import LIKELIHOOD_WORDS, SEVERITY_WORDS, describe_impact, ordered
from hria.errors import InvalidFileError
from hria.files.reading import read_text
from hria.files.yamlio import parse
from hria.interview.prompts import Prompter
from hria.interview.session import Session
from hria.models.assessment import SCHEMA_VERSION, Assessment, Impact, Metadata, Role, Status
from hria.models.bank import Bank

DONE = "__done__"
ADD = "__add__"
INTAKE = ("title", "organisation", "role", "assessor")  # the metadata asked, in this order
_QUESTIONS = {
    "title": "Which deployment is assessed (a short title)?",
    "organisation": "Which organisation deploys, sells or audits it?",
    "assessor": "Who is answering (a person or a team)?",
}


def _required(value: str) -> str | None:
    return None if value.strip() else "this cannot be empty"


def _optional_date(value: str) -> str | None:
    if not value.strip():
        return None
    try:
        dt.date.fromisoformat(value.strip())
    except ValueError:
        return "use YYYY-MM-DD, or leave empty"
    return None


def new_draft(bank: Bank, today: dt.date) -> dict[str, Any]:
    """The start of a new assessment, before any metadata is asked."""
    metadata = {"created": today, "updated": today, "status": Status.DRAFT.value}
    bank_ref = {"id": bank.id, "version": bank.version}
    return {"schema_version": SCHEMA_VERSION, "metadata": {**metadata, "bank": bank_ref}}


def ask_metadata(
    prompter: Prompter, draft: dict[str, Any], save: Callable[[dict[str, Any]], None]
) -> Assessment:
    """Ask what the draft's metadata lacks; the draft is saved after every answer, so Ctrl-C
    keeps what was typed and `hria resume` asks only the rest."""
    metadata: dict[str, Any] = draft["metadata"]
    fresh = not any(name in metadata for name in INTAKE)
    prompter.show(
        "A new assessment. First, what is assessed and by whom."
        if fresh
        else "The metadata of this assessment is not complete; first, the rest of it.",
        style="bold",
    )
    for name in INTAKE:
        if name not in metadata:
            metadata[name] = _ask_field(prompter, name)
            save(_ordered(draft))
    if "review_by" not in metadata:
        review = prompter.text("Review by (YYYY-MM-DD, empty to decide later)", "", _optional_date)
        if review.strip():
            metadata["review_by"] = dt.date.fromisoformat(review.strip())
    return Assessment.model_validate(_ordered(draft))


def _ask_field(prompter: Prompter, name: str) -> str:
    if name == "role":
        roles = [(r.value, r.value.capitalize()) for r in Role]
        return prompter.select("Your role in this assessment", roles, Role.DEPLOYER.value)
    return prompter.text(_QUESTIONS[name], "", _required).strip()


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


def edit_register(prompter: Prompter, session: Session) -> None:
    """Add, edit and remove impacts; every change is saved at once."""
    while True:
        impacts = ordered(session.assessment.impacts)
        choices = [(DONE, "Continue"), (ADD, "Add an impact")]
        choices += [(i.id, f"Edit or remove: {describe_impact(i)}") for i in impacts]
        picked = prompter.select("Impact register: the harms this system may cause", choices, DONE)
        if picked == DONE:
            return
        if picked == ADD:
            _save_impacts(session, [*session.assessment.impacts, _ask_impact(prompter, None)])
            continue
        current = next(i for i in impacts if i.id == picked)
        action = prompter.select(
            f"Impact {picked}",
            [("edit", "Edit"), ("remove", "Remove"), (DONE, "Keep as it is")],
            "edit",
        )
        others = [i for i in session.assessment.impacts if i.id != picked]
        if action == "remove":
            _save_impacts(session, others)
        elif action == "edit":
            _save_impacts(session, [*others, _ask_impact(prompter, current)])


def _save_impacts(session: Session, impacts: list[Impact]) -> None:
    session.save(session.assessment.model_copy(update={"impacts": impacts}))


def _levels(words: dict[int, str]) -> list[tuple[str, str]]:
    return [(str(n), f"{n}: {w}") for n, w in words.items()]


def _ask_impact(prompter: Prompter, current: Impact | None) -> Impact:
    """Every field of one impact, with the current values as defaults."""
    while True:
        data: dict[str, Any] = {
            "id": prompter.text(
                "Short id (letters, digits, '-')", current.id if current else "", _required
            )
            .strip()
            .lower(),
            "right": prompter.text(
                "Which right is affected?", current.right if current else "", _required
            ),
            "groups": [
                g.strip()
                for g in prompter.text(
                    "Who is affected (separate groups with ';')?",
                    "; ".join(current.groups) if current else "",
                    _required,
                ).split(";")
                if g.strip()
            ],
            "description": prompter.text(
                "What happens to them?", current.description if current else "", _required
            ),
            "status": prompter.select(
                "Has it happened?",
                [("potential", "Potential"), ("actual", "Actual")],
                current.status if current else None,
            ),
            "involvement": prompter.select(
                "How is your organisation involved (UNGP 13)?",
                [
                    ("cause", "We cause it"),
                    ("contribute", "We contribute to it"),
                    ("linked", "It is linked to our product or service"),
                ],
                current.involvement if current else None,
            ),
        }
        for field in ("scale", "scope", "irremediability"):
            default = str(getattr(current, field)) if current else None
            data[field] = int(
                prompter.select(f"{field.capitalize()} (1 to 4)", _levels(SEVERITY_WORDS), default)
            )
        if data["status"] == "potential":
            default = str(current.likelihood) if current and current.likelihood else None
            data["likelihood"] = int(
                prompter.select("Likelihood", _levels(LIKELIHOOD_WORDS), default)
            )
        try:
            return Impact.model_validate(data)
        except ValidationError as exc:
            prompter.show(f"  {exc.errors()[0]['msg']}; please try again", style="bold")
