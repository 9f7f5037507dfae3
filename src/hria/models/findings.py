"""What evaluation produces: flags, gate verdicts and the overall verdict. Data, not exceptions."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

from hria.i18n import N_
from hria.models.base import Severity, Source

if TYPE_CHECKING:
    from pydantic import TypeAdapter

# Findings are built by the engine from data already validated, tens of them per file, so
# they are plain frozen dataclasses: a pydantic model would re-check every field each time.
# `to_json` serialises them through pydantic when a JSON output needs it.


@dataclass(frozen=True, slots=True, kw_only=True)
class Trigger:
    """What made a rule fire: an answer, an impact, an action or a metadata field."""

    kind: Literal["answer", "impact", "action", "metadata"] = "answer"
    ref: str  # question id, impact id, action id or metadata field
    value: Any


class Basis(StrEnum):
    ANSWER = "answer"  # the condition held on the answers given
    UNKNOWN = "unknown"  # the condition could not be decided because answers were 'unknown'


@dataclass(frozen=True, slots=True, kw_only=True)
class Waived:
    """The waiver that accepts a flag's risk (models.assessment.Waiver), as the flag shows it."""

    reason: str
    approved_by: str
    approved: dt.date
    expires: dt.date
    expired: bool  # past its expiry: the flag counts again
    source: str = ""  # the waivers file it comes from; "" for the assessment's own


@dataclass(frozen=True, slots=True, kw_only=True)
class Flag:
    code: str
    name: str
    title: str
    gate: str
    severity: Severity
    rule_severity: Severity
    basis: Basis
    triggers: list[Trigger]
    rationale: str
    recommendation: str
    sources: list[Source]
    mitigable: bool
    status: str = "open"  # "open" | "mitigation planned" | "mitigation done"
    waived: Waived | None = None  # an accepted risk: shown, and counted by the verdict

    @property
    def accepted(self) -> bool:
        """Waived and the waiver still holds: the flag does not count towards --fail-on."""
        return self.waived is not None and not self.waived.expired


class Outcome(StrEnum):
    """Verdict outcomes, most serious first. Never 'approved' or 'compliant'."""

    DO_NOT_DEPLOY = "do_not_deploy"
    FAILS = "fails"
    CONDITIONAL = "conditional"
    NO_MAJOR_FLAGS = "no_major_flags"
    SCREENED = "screened"  # the screen found no red line; the full test was not run


#: Each outcome in a count of files ("4 do not deploy"), translated where shown.
OUTCOME_NAMES = {
    Outcome.DO_NOT_DEPLOY: N_("do not deploy"),
    Outcome.FAILS: N_("fails"),
    Outcome.CONDITIONAL: N_("conditional"),
    Outcome.NO_MAJOR_FLAGS: N_("no major flags"),
    Outcome.SCREENED: N_("screened"),
}
#: A flag's mitigation status (Flag.status), translated where shown.
FLAG_STATUSES = {
    "open": N_("open"),
    "mitigation planned": N_("mitigation planned"),
    "mitigation done": N_("mitigation done"),
}


@dataclass(frozen=True, slots=True, kw_only=True)
class GateVerdict:
    gate: str
    title: str
    outcome: Outcome
    text: str
    counts: dict[Severity, int]


@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    outcome: Outcome
    text: str
    failed_gates: list[str]
    gates: list[GateVerdict]
    provisional: bool  # the assessment is incomplete, so more flags may follow
    screening: bool = False  # only the screen was judged (`metadata.scope`)


@dataclass(frozen=True, slots=True, kw_only=True)
class Gap:
    """Something missing that an assessor should look at: unanswered or unknown."""

    question: str
    kind: str  # "unanswered" | "unknown" | "no_evidence"
    required: bool
    # for an unknown answer: the rules it leaves undecided without raising a flag (the
    # points an answer would settle; see `domain.engine.unknown_severity`)
    held: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ProfileReason:
    """A factor of the intrusion profile that holds, and the answers that make it hold."""

    factor: str
    level: int
    title: str
    reason: str
    triggers: list[Trigger]
    uncertain: bool  # holds only because an answer is 'unknown'


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    """How deeply the deployment intrudes: a level of 1 to 4 and the reasons for it."""

    level: int
    name: str
    title: str
    reasons: list[ProfileReason]  # the factors that hold, gravest first
    provisional: bool  # some of the answers it rests on are not given yet
    burden: bool = False  # an unknown safeguard counts as missing (profile.yaml `burden`)

    @property
    def uncertain(self) -> list[str]:
        """Questions answered 'unknown' that hold the level up: answering them may lower it."""
        top = [r for r in self.reasons if r.level == self.level]
        if any(not r.uncertain for r in top):
            return []
        return sorted({t.ref for r in top for t in r.triggers})


@dataclass(frozen=True, slots=True, kw_only=True)
class Evaluation:
    flags: list[Flag]
    verdict: Verdict
    gaps: list[Gap]
    hidden_answers: list[str]  # answered but not applicable under the current answers
    complete: bool
    profile: Profile | None = None
    visible: tuple[str, ...] = ()  # the questions that apply under these answers, bank order


def to_json(evaluation: Evaluation) -> dict[str, Any]:
    """The evaluation as JSON-ready data: enums as their values, dates as ISO text."""
    data: dict[str, Any] = _adapter().dump_python(evaluation, mode="json", exclude={"visible"})
    return data


def encoded(evaluation: Evaluation) -> dict[str, Any]:
    """The flags, verdict, gaps and profile as `to_json` gives them, already JSON text (a list
    of texts for the flags and gaps). pydantic's serializer writes them directly, in a
    fraction of the time of building Python data and encoding that."""
    flag, verdict, gap, profile = _piece_adapters()
    return {
        "flags": [flag.dump_json(f).decode("utf-8") for f in evaluation.flags],
        "verdict": verdict.dump_json(evaluation.verdict).decode("utf-8"),
        "gaps": [gap.dump_json(g).decode("utf-8") for g in evaluation.gaps],
        "profile": profile.dump_json(evaluation.profile).decode("utf-8"),
    }


@cache
def _piece_adapters() -> tuple[
    TypeAdapter[Flag], TypeAdapter[Verdict], TypeAdapter[Gap], TypeAdapter[Profile | None]
]:
    from pydantic import TypeAdapter

    profile: TypeAdapter[Profile | None] = TypeAdapter(Profile | None)
    return TypeAdapter(Flag), TypeAdapter(Verdict), TypeAdapter(Gap), profile


@cache
def _adapter() -> TypeAdapter[Evaluation]:
    """Built once, on first use: only JSON output needs it."""
    from pydantic import TypeAdapter

    return TypeAdapter(Evaluation)
