"""The review file: a reviewer's opinion layered on an assessment, never editing it.

`NAME.review.hria.yaml` holds who reviews, which assessment (its path, bank and the SHA-256
of its canonical answers), a verdict per answer (accepted, or challenged with the reviewer's
own answer), an opinion per flag, the findings the assessment missed, an overall opinion and
a sign-off. Values are checked against the bank by `hria.domain.reviews`, not here.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from pydantic import Field, field_validator, model_validator

from hria.i18n import N_
from hria.models.assessment import BankRef
from hria.models.base import RULE_CODE, Severity, Slug, Strict, Text, refusal

REVIEW_SCHEMA_VERSION = 1
REVIEW_SUFFIX = ".review.hria.yaml"
DIGEST = r"^[0-9a-f]{64}$"


class ReviewerRole(StrEnum):
    NGO = "ngo"
    INDEPENDENT_AUDITOR = "independent_auditor"
    DATA_PROTECTION_OFFICER = "data_protection_officer"
    AFFECTED_PEOPLE_REPRESENTATIVE = "affected_people_representative"
    OTHER = "other"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    ReviewerRole.NGO: N_("NGO"),
    ReviewerRole.INDEPENDENT_AUDITOR: N_("Independent auditor"),
    ReviewerRole.DATA_PROTECTION_OFFICER: N_("Data protection officer"),
    ReviewerRole.AFFECTED_PEOPLE_REPRESENTATIVE: N_("Representative of affected people"),
    ReviewerRole.OTHER: N_("Other"),
}


class Reviewer(Strict):
    name: Text = Field(description="Who reviews (a person)")
    organisation: Text = Field(description="On whose behalf")
    role: ReviewerRole = Field(description="The reviewer's standing")


class Reviewed(Strict):
    """The assessment reviewed, as it was when the review was made."""

    path: Text = Field(description="The assessment file, relative to the review's folder")
    bank: BankRef
    sha256: str = Field(
        pattern=DIGEST,
        description="SHA-256 of the canonical answers (as in the report's footer)",
    )


class Seen(Strict):
    """An answer as the reviewer saw it: how a later change to it is told apart."""

    value: Any = Field(description="The assessment's value when reviewed")
    digest: str = Field(pattern=DIGEST, description="SHA-256 of its note and evidence")


class AnswerVerdict(StrEnum):
    ACCEPTED = "accepted"
    CHALLENGED = "challenged"


class AnswerReview(Strict):
    verdict: AnswerVerdict = Field(description="accepted, or challenged with another answer")
    value: Any = Field(
        None, description="challenged: the reviewer's own answer, of the question's kind"
    )
    evidence: list[Text] = Field(default_factory=list, description="What the challenge rests on")
    comment: str | None = Field(None, description="Why, in the reviewer's words")
    seen: Seen | None = Field(None, description="The answer as reviewed (written by hria review)")

    @model_validator(mode="after")
    def _challenge(self) -> AnswerReview:
        if self.verdict is AnswerVerdict.CHALLENGED and self.value is None:
            raise refusal(N_("a challenged answer needs the reviewer's own `value`"))
        if self.verdict is AnswerVerdict.ACCEPTED and self.value is not None:
            raise refusal(N_("an accepted answer has no `value` of its own: leave it out"))
        return self

    @property
    def challenged(self) -> bool:
        return self.verdict is AnswerVerdict.CHALLENGED


class FlagOpinionKind(StrEnum):
    AGREE = "agree"
    DISAGREE = "disagree"
    SEVERITY = "severity"  # the flag stands, at another severity


class FlagOpinion(Strict):
    opinion: FlagOpinionKind = Field(description="agree, disagree, or severity (should differ)")
    severity: Severity | None = Field(None, description="severity: the one it should have")
    why: str | None = Field(None, description="Why (needed unless the reviewer agrees)")

    @model_validator(mode="after")
    def _reasons(self) -> FlagOpinion:
        if self.opinion is not FlagOpinionKind.AGREE and not (self.why or "").strip():
            raise refusal(N_("'{opinion}' needs `why`"), opinion=self.opinion.value)
        if self.opinion is FlagOpinionKind.SEVERITY and self.severity is None:
            raise refusal(N_("'severity' needs the `severity` the flag should have"))
        if self.opinion is not FlagOpinionKind.SEVERITY and self.severity is not None:
            raise refusal(N_("`severity` goes with opinion 'severity' only"))
        return self


class MissedFinding(Strict):
    """A finding the assessment missed, tied to a gate of the test."""

    gate: Slug = Field(description="The gate it belongs to (hria rules lists them)")
    title: Text = Field(description="What was missed, in one line")
    severity: Severity = Field(description="How serious the reviewer finds it")
    description: str | None = None
    evidence: list[Text] = Field(min_length=1, description="What shows it")


class Decision(StrEnum):
    DO_NOT_DEPLOY = "do_not_deploy"
    SUSPEND = "suspend"
    PROCEED_WITH_MITIGATIONS = "proceed_with_mitigations"
    NO_OBJECTION = "no_objection"

    @property
    def label(self) -> str:
        return DECISION_LABELS[self]


DECISION_LABELS = {
    Decision.DO_NOT_DEPLOY: N_("Do not deploy"),
    Decision.SUSPEND: N_("Suspend until the failures are put right"),
    Decision.PROCEED_WITH_MITIGATIONS: N_("Proceed only with the mitigations required"),
    Decision.NO_OBJECTION: N_("No objection on the answers reviewed"),
}


class Opinion(Strict):
    agrees_with_verdict: bool = Field(description="Whether the reviewer agrees with the verdict")
    recommended: Decision = Field(description="The decision the reviewer recommends")
    comment: str | None = None


class SignOff(Strict):
    name: Text
    date: dt.date


class Review(Strict):
    schema_: str | None = Field(None, alias="$schema", description="JSON Schema of this file")
    review_schema_version: int = Field(description="Review file format version; hria writes 1")
    reviewer: Reviewer
    assessment: Reviewed
    answers: dict[str, AnswerReview] = Field(
        default_factory=dict, description="Verdicts keyed by question id"
    )
    flags: dict[str, FlagOpinion] = Field(
        default_factory=dict, description="Opinions keyed by rule code"
    )
    missed: list[MissedFinding] = Field(default_factory=list, description="Findings missed")
    opinion: Opinion | None = None
    signed: SignOff | None = Field(None, description="The sign-off; without it, a draft")

    @field_validator("answers", "flags", mode="before")
    @classmethod
    def _none_is_empty(cls, value: Any) -> Any:
        return {} if value is None else value

    @field_validator("flags")
    @classmethod
    def _codes(cls, value: dict[str, FlagOpinion]) -> dict[str, FlagOpinion]:
        import re

        for code in value:
            if not re.match(RULE_CODE, code):
                raise refusal(N_("'{code}' is not a rule code (like LEG-001)"), code=code)
        return value

    @field_validator("review_schema_version")
    @classmethod
    def _supported(cls, value: int) -> int:
        if value > REVIEW_SCHEMA_VERSION:
            raise refusal(
                N_(
                    "review_schema_version {value} was written by a newer hria; this one reads "
                    "{supported}: upgrade hria"
                ),
                value=value,
                supported=REVIEW_SCHEMA_VERSION,
            )
        if value < 1:
            raise refusal(
                N_("review_schema_version must be {supported}"), supported=REVIEW_SCHEMA_VERSION
            )
        return value

    @property
    def challenged(self) -> dict[str, AnswerReview]:
        return {q: r for q, r in self.answers.items() if r.challenged}
