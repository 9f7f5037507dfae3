"""The assessment file: metadata plus answers keyed by question id."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, field_validator, model_validator

from hria.i18n import N_
from hria.models.base import BankId, Strict, Text, refusal
from hria.models.migration import ReviewItem

SCHEMA_VERSION = 1
UNKNOWN = "unknown"
#: Metadata text that starts so is still to be written (a skeleton's title, say): the file is
#: valid, `check` warns and `hria resume` asks for it.
PLACEHOLDER = "TO FILL IN"
PLACEHOLDER_FIELDS = ("title", "organisation", "assessor")


class Role(StrEnum):
    DEPLOYER = "deployer"
    VENDOR = "vendor"
    AUDITOR = "auditor"


class Status(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


class Scope(StrEnum):
    """How far the assessment goes: the full test, or the screen alone."""

    FULL = "full"
    SCREENING = "screening"


class BankRef(Strict):
    id: BankId = Field(description="The question bank answered")
    version: str = Field(description="The bank version answered")


class Previous(Strict):
    """The earlier assessment that a re-assessment (`hria new --from`) started from."""

    title: Text = Field(description="Its title")
    date: dt.date = Field(description="When it was last updated (or created)")
    file: str | None = Field(None, description="Its file, as named when carried over")


class Metadata(Strict):
    title: Text = Field(description="The deployment assessed")
    organisation: Text = Field(description="Who deploys, sells or audits the system")
    vendor: Text | None = Field(
        None, description="The company that supplies or runs the system, where there is one"
    )
    role: Role = Field(description="The assessor's role: deployer, vendor or auditor")
    assessor: Text = Field(description="Who answered (a person or a team)")
    created: dt.date
    updated: dt.date | None = None
    review_by: dt.date | None = Field(None, description="When the assessment must be redone")
    status: Status = Status.DRAFT
    scope: Scope = Field(
        Scope.FULL,
        description="'screening' when the assessor stopped after the setting and red lines",
    )
    bank: BankRef
    description: str | None = Field(None, description="What the system is and does")
    previous: Previous | None = Field(
        None, description="The earlier assessment this one re-assesses (hria new --from)"
    )

    @property
    def placeholders(self) -> list[str]:
        """The fields still holding a placeholder, in the order they are asked."""
        return [f for f in PLACEHOLDER_FIELDS if getattr(self, f).startswith(PLACEHOLDER)]


class Answer(Strict):
    """One answer. `value` is checked against the question's kind by the bank, not here."""

    value: Any = Field(
        description="yes/no/unknown, a choice value, a list of choice values, text, a number "
        "or an ISO date; 'unknown' is always a real answer"
    )
    note: str | None = Field(None, description="Why, in the assessor's words")
    evidence: list[Text] = Field(
        default_factory=list, description="References that substantiate the answer"
    )
    carried_over: bool | None = Field(
        None,
        description="true: taken from an earlier assessment by `hria new --from` and not yet "
        "confirmed; remove it (or confirm in `hria resume`) once the answer still holds",
    )

    @property
    def is_unknown(self) -> bool:
        return isinstance(self.value, str) and self.value == UNKNOWN


class ImpactStatus(StrEnum):
    ACTUAL = "actual"
    POTENTIAL = "potential"


class Involvement(StrEnum):
    """UNGP 13 and 19: how the organisation is involved in an impact."""

    CAUSE = "cause"
    CONTRIBUTE = "contribute"
    LINKED = "linked"


Level = Annotated[int, Field(ge=1, le=4)]
RefId = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$", max_length=64)]


class Impact(Strict):
    """An identified human rights impact (UNGP 14, 24): severity, then likelihood."""

    id: RefId
    right: Text = Field(description="The right affected, e.g. 'Privacy (ICCPR art. 17)'")
    groups: list[Text] = Field(min_length=1, description="Who is affected")
    description: Text
    status: ImpactStatus
    involvement: Involvement
    scale: Level = Field(description="How grave the harm is, 1 (minor) to 4 (grave)")
    scope: Level = Field(description="How many people, 1 (few) to 4 (very many)")
    irremediability: Level = Field(description="How hard to put right, 1 (easily) to 4 (never)")
    likelihood: Level | None = Field(None, description="For potential impacts, 1 to 4")

    @model_validator(mode="after")
    def _likelihood(self) -> Impact:
        if self.status is ImpactStatus.POTENTIAL and self.likelihood is None:
            raise refusal(N_("a potential impact needs a likelihood from 1 to 4"))
        if self.status is ImpactStatus.ACTUAL and self.likelihood is not None:
            raise refusal(N_("an actual impact has happened: leave out likelihood"))
        return self

    @property
    def severity(self) -> int:
        """The highest of scale, scope and irremediability: one grave dimension is enough."""
        return max(self.scale, self.scope, self.irremediability)

    @property
    def severe(self) -> bool:
        return self.severity == 4


class ActionStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"

    @property
    def open(self) -> bool:
        return self in (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class Action(Strict):
    """A step of the action plan, addressing flag codes and/or impact ids."""

    id: RefId
    description: Text
    addresses: list[Text] = Field(min_length=1, description="Rule codes and/or impact ids")
    owner: Text
    due: dt.date
    status: ActionStatus = ActionStatus.PLANNED


class Waiver(Strict):
    """An accepted risk: a rule's flag that the organisation has knowingly accepted, for a
    time. The flag is still shown, and still counts towards the verdict; until the waiver
    expires it no longer fails `hria check --fail-on`. A red line cannot be waived."""

    rule: Text = Field(description="The rule code whose flags are accepted, e.g. SAF-003")
    reason: Text = Field(description="Why the risk is accepted")
    approved_by: Text = Field(description="Who accepted it (a person, a board)")
    approved: dt.date = Field(description="When it was accepted")
    expires: dt.date = Field(description="The last day it holds; after it the flag counts again")

    @model_validator(mode="after")
    def _order(self) -> Waiver:
        if self.expires < self.approved:
            raise refusal(N_("a waiver cannot expire before it was approved"))
        return self

    def active(self, today: dt.date) -> bool:
        return today <= self.expires


class SharedWaiver(Waiver):
    """A waiver in a waivers file (named by the configuration): for the files it names."""

    files: list[Text] = Field(
        default_factory=list,
        description="The assessment files it holds for: paths or shell patterns relative to "
        "the waivers file's folder; empty for every file checked",
    )


class WaiversFile(Strict):
    """A file of accepted risks, kept apart from the assessments (`waivers` in the config)."""

    waivers: list[SharedWaiver] = Field(default_factory=list)


class Assessment(Strict):
    schema_: str | None = Field(None, alias="$schema", description="JSON Schema of this file")
    schema_version: int = Field(description="File format version; this hria writes 1")
    metadata: Metadata
    answers: dict[str, Answer] = Field(default_factory=dict)
    impacts: list[Impact] = Field(default_factory=list, description="The impact register")
    actions: list[Action] = Field(default_factory=list, description="The action plan")
    needs_review: list[ReviewItem] = Field(
        default_factory=list,
        description="Answers that `hria migrate` set aside because their question changed",
    )
    waivers: list[Waiver] = Field(
        default_factory=list,
        description="Accepted risks: flags accepted with a reason, an approval and an expiry",
    )

    @field_validator("answers", mode="before")
    @classmethod
    def _no_answers(cls, value: Any) -> Any:
        """`answers:` with nothing under it (a skeleton, all commented out) is no answers."""
        return {} if value is None else value

    @property
    def carried(self) -> list[str]:
        """Answers carried over from an earlier assessment and not yet confirmed."""
        return [q for q, a in self.answers.items() if a.carried_over]

    @field_validator("schema_version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise refusal(
                N_(
                    "schema_version {value} was written by a newer hria; this one reads "
                    "{supported}: upgrade hria"
                ),
                value=value,
                supported=SCHEMA_VERSION,
            )
        if value < 1:
            raise refusal(N_("schema_version must be {supported}"), supported=SCHEMA_VERSION)
        return value
