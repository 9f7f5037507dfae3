"""The assessment file: metadata plus answers keyed by question id."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator

from hria.models.base import BankId, Strict, Text

SCHEMA_VERSION = 1
UNKNOWN = "unknown"


class Role(StrEnum):
    DEPLOYER = "deployer"
    VENDOR = "vendor"
    AUDITOR = "auditor"


class Status(StrEnum):
    DRAFT = "draft"
    COMPLETE = "complete"


class BankRef(Strict):
    id: BankId = Field(description="The question bank answered")
    version: str = Field(description="The bank version answered")


class Metadata(Strict):
    title: Text = Field(description="The deployment assessed")
    organisation: Text = Field(description="Who deploys, sells or audits the system")
    role: Role = Field(description="The assessor's role: deployer, vendor or auditor")
    assessor: Text = Field(description="Who answered (a person or a team)")
    created: dt.date
    updated: dt.date | None = None
    review_by: dt.date | None = Field(None, description="When the assessment must be redone")
    status: Status = Status.DRAFT
    bank: BankRef
    description: str | None = Field(None, description="What the system is and does")


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

    @property
    def is_unknown(self) -> bool:
        return isinstance(self.value, str) and self.value == UNKNOWN


class Assessment(Strict):
    schema_: str | None = Field(None, alias="$schema", description="JSON Schema of this file")
    schema_version: int = Field(description="File format version; this hria writes 1")
    metadata: Metadata
    answers: dict[str, Answer] = Field(default_factory=dict)

    @field_validator("schema_version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value > SCHEMA_VERSION:
            raise ValueError(
                f"schema_version {value} was written by a newer hria; this one reads "
                f"{SCHEMA_VERSION}: upgrade hria"
            )
        if value < 1:
            raise ValueError(f"schema_version must be {SCHEMA_VERSION}")
        return value
