"""What a new assessment starts from: metadata given as options, and for a re-assessment
(`hria new --from`) the answers of an earlier file, marked as carried over. Nothing here
prompts or prints: the callers say what was carried and what was not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from shlex import quote
from typing import Any

from pydantic import ValidationError

from hria.domain.answers import value_problem
from hria.domain.engine import scope
from hria.errors import HriaError, InvalidFileError
from hria.files.limits import ASSESSMENT
from hria.files.reading import read_text
from hria.files.validation import problems_from
from hria.files.yamlio import Locator, parse
from hria.i18n import _
from hria.interview.start import new_draft
from hria.models.assessment import PLACEHOLDER, Assessment, Status
from hria.models.bank import Bank
from hria.models.migration import major

#: What a skeleton writes for metadata not given as an option.
PLACEHOLDERS = {
    "title": f"{PLACEHOLDER}: which deployment is assessed (a short title)",
    "organisation": f"{PLACEHOLDER}: the organisation that deploys, sells or audits it",
    "assessor": f"{PLACEHOLDER}: who is answering (a person or a team)",
}


@dataclass(frozen=True)
class Given:
    """Metadata given on the command line; None is 'not given'."""

    title: str | None = None
    organisation: str | None = None
    role: str | None = None
    assessor: str | None = None
    review_by: dt.date | None = None
    description: str | None = None
    vendor: str | None = None

    def fields(self) -> dict[str, Any]:
        given = {k: v for k, v in self.__dict__.items() if v is not None}
        for name, value in given.items():
            if isinstance(value, str) and not value.strip():
                option = f"--{name.replace('_', '-')}"
                raise HriaError(_("%(option)s cannot be empty") % {"option": option})
        return {k: v.strip() if isinstance(v, str) else v for k, v in given.items()}


@dataclass
class Carried:
    """A re-assessment as it starts, and what of the earlier file did not come along."""

    assessment: Assessment
    dropped: list[tuple[str, str]] = field(default_factory=list)  # question id, why
    hidden: list[str] = field(default_factory=list)  # carried, but not applicable now


def fresh(bank: Bank, today: dt.date, given: Given) -> Assessment:
    """A new assessment with no answers: the metadata given, placeholders for the rest."""
    draft = new_draft(bank, today)
    metadata = {**draft["metadata"], **PLACEHOLDERS, "role": "deployer", **given.fields()}
    return Assessment.model_validate({**draft, "metadata": metadata})


def carry(bank: Bank, old_path: Path, today: dt.date, given: Given) -> Carried:
    """The earlier file's metadata and answers, every answer marked carried over; an answer
    whose question is gone, or whose value no longer fits it, is dropped and listed."""
    old = read_old(bank, old_path)
    answers, dropped = {}, []
    for qid, answer in old.answers.items():
        question = bank.questions.get(qid)
        if question is None:
            gone = _("no longer in bank %(bank)s %(version)s")
            dropped.append((qid, gone % {"bank": bank.id, "version": bank.version}))
        elif value_problem(question, answer.value) is not None:
            dropped.append((qid, _("its value no longer fits the question")))
        else:
            answers[qid] = answer.model_copy(update={"carried_over": True})
    meta = old.metadata
    keep = {"title", "organisation", "vendor", "role", "assessor", "description"}
    previous = {"title": meta.title, "date": meta.updated or meta.created, "file": str(old_path)}
    metadata = meta.model_dump(include=keep, exclude_none=True) | {
        "created": today,
        "updated": today,
        "status": Status.DRAFT,
        "bank": {"id": bank.id, "version": bank.version},
        "previous": previous,
    }
    metadata |= given.fields()
    update = {"answers": answers, "metadata": meta.model_validate(metadata)}
    assessment = old.model_copy(update=update)
    hidden = list(scope(bank, answers).hidden_answers)
    return Carried(assessment, dropped, hidden)


def read_old(bank: Bank, path: Path) -> Assessment:
    """An earlier assessment, checked against the model only: answers that the bank no longer
    takes are the re-assessment's business (they are dropped and listed), not an error."""
    if not path.exists():
        raise HriaError(
            _("no such file: %(path)s") % {"path": path},
            hint=_("name the earlier assessment to start from"),
        )
    if path.is_dir():
        raise HriaError(
            _("%(path)s is a folder") % {"path": path}, hint=_("name the earlier assessment file")
        )
    text = read_text(path)
    data = parse(text, str(path), limits=ASSESSMENT)
    try:
        old = Assessment.model_validate(data)
    except ValidationError as exc:
        raise InvalidFileError(problems_from(exc, str(path), Locator(text))) from None
    ref = old.metadata.bank
    if ref.id != bank.id:
        raise HriaError(
            _("%(path)s answers question bank '%(old)s', not '%(bank)s'")
            % {"path": path, "old": ref.id, "bank": bank.id}
        )
    before, now = major(ref.version), major(bank.version)
    if before is not None and now is not None and before < now:
        raise HriaError(
            _("%(path)s was answered against %(bank)s %(old)s; this hria uses %(version)s")
            % {"path": path, "bank": ref.id, "old": ref.version, "version": bank.version},
            hint=_("carry it over first: hria migrate %(path)s") % {"path": quote(str(path))},
        )
    return old


def same_file(first: Path, second: Path) -> bool:
    if first.resolve() == second.resolve():
        return True
    try:
        return first.exists() and second.exists() and first.samefile(second)
    except OSError:
        return False
