"""The change set between two versions of an assessment: typed changes, no logic but what
"worse" means. Built by hria.domain.diff."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hria.models.assessment import Action, Answer, Impact
from hria.models.findings import Flag, GateVerdict, Outcome, Profile, Verdict

#: How serious an outcome is, for "got worse": higher is worse. A screening that found no red
#: line knows less than a full test that found no major flag, and more than nothing.
OUTCOME_RANK = {
    Outcome.NO_MAJOR_FLAGS: 0,
    Outcome.SCREENED: 1,
    Outcome.CONDITIONAL: 2,
    Outcome.FAILS: 3,
    Outcome.DO_NOT_DEPLOY: 4,
}


class Change(StrEnum):
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"


class FlagChangeKind(StrEnum):
    RAISED = "raised"
    CLEARED = "cleared"
    SEVERITY = "severity"  # the same finding at another severity
    STATUS = "status"  # open, mitigation planned, mitigation done


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldChange:
    """A metadata field: `old` or `new` is None when the field was absent."""

    name: str
    old: Any
    new: Any


@dataclass(frozen=True, slots=True, kw_only=True)
class AnswerChange:
    question: str
    change: Change
    old: Answer | None
    new: Answer | None
    fields: tuple[str, ...] = ()  # for a change: which of ANSWER_FIELDS differ


@dataclass(frozen=True, slots=True, kw_only=True)
class AppliesChange:
    """A question that started (`applies`) or stopped applying under the answers given."""

    question: str
    applies: bool


@dataclass(frozen=True, slots=True, kw_only=True)
class FlagChange:
    code: str
    gate: str
    kind: FlagChangeKind
    old: Flag | None
    new: Flag | None

    @property
    def worse(self) -> bool:
        if self.kind is FlagChangeKind.RAISED:
            return True
        if self.kind is FlagChangeKind.SEVERITY:
            assert self.old is not None and self.new is not None
            return self.new.severity.rank > self.old.severity.rank
        return False


@dataclass(frozen=True, slots=True, kw_only=True)
class GateChange:
    gate: str
    old: GateVerdict
    new: GateVerdict

    @property
    def worse(self) -> bool:
        return OUTCOME_RANK[self.new.outcome] > OUTCOME_RANK[self.old.outcome]


@dataclass(frozen=True, slots=True, kw_only=True)
class VerdictChange:
    old: Verdict
    new: Verdict

    @property
    def worse(self) -> bool:
        return OUTCOME_RANK[self.new.outcome] > OUTCOME_RANK[self.old.outcome]


@dataclass(frozen=True, slots=True, kw_only=True)
class LevelChange:
    old: Profile | None
    new: Profile | None


@dataclass(frozen=True, slots=True, kw_only=True)
class EntryChange:
    """An impact of the register or an action of the plan, by its id."""

    id: str
    change: Change
    old: Impact | Action | None
    new: Impact | Action | None
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeSet:
    metadata: list[FieldChange] = field(default_factory=list)
    answers: list[AnswerChange] = field(default_factory=list)
    applies: list[AppliesChange] = field(default_factory=list)
    flags: list[FlagChange] = field(default_factory=list)
    gates: list[GateChange] = field(default_factory=list)
    verdict: VerdictChange | None = None
    level: LevelChange | None = None
    impacts: list[EntryChange] = field(default_factory=list)
    actions: list[EntryChange] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        """No difference in meaning."""
        lists = (self.metadata, self.answers, self.applies, self.flags, self.gates)
        return not any(lists) and not self.impacts and not self.actions and not self.changed_top

    @property
    def changed_top(self) -> bool:
        return self.verdict is not None or self.level is not None

    @property
    def worse(self) -> bool:
        """The overall verdict or a gate's verdict is more serious than before."""
        return (self.verdict is not None and self.verdict.worse) or any(g.worse for g in self.gates)
