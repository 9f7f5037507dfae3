"""What evaluation produces: flags, gate verdicts and the overall verdict. Data, not exceptions."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, SkipValidation

from hria.models.base import Severity, Source


class Finding(BaseModel):
    model_config = ConfigDict(frozen=True, defer_build=True)


class Trigger(Finding):
    """What made a rule fire: an answer, an impact, an action or a metadata field."""

    kind: Literal["answer", "impact", "action", "metadata"] = "answer"
    ref: str  # question id, impact id, action id or metadata field
    value: Any


class Basis(StrEnum):
    ANSWER = "answer"  # the condition held on the answers given
    UNKNOWN = "unknown"  # the condition could not be decided because answers were 'unknown'


class Flag(Finding):
    code: str
    name: str
    title: str
    gate: str
    severity: Severity
    rule_severity: Severity
    basis: Basis
    triggers: Annotated[list[Trigger], SkipValidation]  # built by the engine just before
    rationale: str
    recommendation: str
    # The rule's sources, validated when the bank loaded: checking them again for every flag
    # of every file costs half of building a flag.
    sources: Annotated[list[Source], SkipValidation]
    mitigable: bool
    status: str = "open"  # "open" | "mitigation planned" | "mitigation done"


class Outcome(StrEnum):
    """Verdict outcomes, most serious first. Never 'approved' or 'compliant'."""

    DO_NOT_DEPLOY = "do_not_deploy"
    FAILS = "fails"
    CONDITIONAL = "conditional"
    NO_MAJOR_FLAGS = "no_major_flags"


class GateVerdict(Finding):
    gate: str
    title: str
    outcome: Outcome
    text: str
    counts: dict[Severity, int]


class Verdict(Finding):
    outcome: Outcome
    text: str
    failed_gates: list[str]
    gates: list[GateVerdict]
    provisional: bool  # the assessment is incomplete, so more flags may follow


class Gap(Finding):
    """Something missing that an assessor should look at: unanswered or unknown."""

    question: str
    kind: str  # "unanswered" | "unknown" | "no_evidence"
    required: bool


class Evaluation(Finding):
    """The engine builds every part just before; re-checking them would double its cost."""

    flags: Annotated[list[Flag], SkipValidation]
    verdict: Verdict
    gaps: Annotated[list[Gap], SkipValidation]
    hidden_answers: list[str]  # answered but not applicable under the current answers
    complete: bool
