"""What changed between two versions of an assessment, in terms of its meaning.

Pure: two assessments and their evaluations in, a typed change set out. Key order, comments,
the order of ticked choices and the order of the impact register or the action plan are not
part of the meaning, so they never show up as changes. Renderers live outside the domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from hria.domain.logic import normalise
from hria.models.assessment import Action, Answer, Assessment, Impact
from hria.models.bank import Bank, MultipleChoiceQuestion
from hria.models.findings import Evaluation, Flag, GateVerdict, Outcome, Profile, Verdict

ANSWER_FIELDS = ("value", "note", "evidence", "carried_over")
METADATA_IGNORED = frozenset({"updated"})  # bumped by every save: not a change of meaning

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


def compare(
    bank: Bank,
    old: Assessment,
    old_eval: Evaluation,
    new: Assessment,
    new_eval: Evaluation,
) -> ChangeSet:
    """Every difference in meaning between `old` and `new`, each list in a stable order."""
    return ChangeSet(
        metadata=list(metadata_changes(old, new)),
        answers=answer_changes(bank, old.answers, new.answers),
        applies=applies_changes(bank, old_eval.visible, new_eval.visible),
        flags=flag_changes(old_eval.flags, new_eval.flags),
        gates=gate_changes(old_eval.verdict, new_eval.verdict),
        verdict=_verdict(old_eval.verdict, new_eval.verdict),
        level=_level(old_eval.profile, new_eval.profile),
        impacts=entry_changes(old.impacts, new.impacts),
        actions=entry_changes(old.actions, new.actions),
    )


def metadata_changes(old: Assessment, new: Assessment) -> Iterator[FieldChange]:
    before = old.metadata.model_dump(mode="json", exclude_none=True)
    after = new.metadata.model_dump(mode="json", exclude_none=True)
    for name in type(old.metadata).model_fields:
        if name in METADATA_IGNORED:
            continue
        if before.get(name) != after.get(name):
            yield FieldChange(name=name, old=before.get(name), new=after.get(name))


def answer_changes(
    bank: Bank, old: Mapping[str, Answer], new: Mapping[str, Answer]
) -> list[AnswerChange]:
    """Added, removed and changed answers, in the bank's order (unknown ids last)."""
    found: list[AnswerChange] = []
    for qid in _in_bank_order(bank, set(old) | set(new)):
        before, after = old.get(qid), new.get(qid)
        if before is None:
            found.append(AnswerChange(question=qid, change=Change.ADDED, old=None, new=after))
        elif after is None:
            found.append(AnswerChange(question=qid, change=Change.REMOVED, old=before, new=None))
        else:
            fields = answer_fields(bank, qid, before, after)
            if fields:
                change = AnswerChange(
                    question=qid, change=Change.CHANGED, old=before, new=after, fields=fields
                )
                found.append(change)
    return found


def answer_fields(bank: Bank, qid: str, old: Answer, new: Answer) -> tuple[str, ...]:
    """Which parts of an answer differ in meaning."""
    multiple = isinstance(bank.questions.get(qid), MultipleChoiceQuestion)
    differ = []
    if comparable(old.value, multiple) != comparable(new.value, multiple):
        differ.append("value")
    if (old.note or "").split() != (new.note or "").split():  # re-wrapping is not meaning
        differ.append("note")
    if old.evidence != new.evidence:
        differ.append("evidence")
    if bool(old.carried_over) != bool(new.carried_over):
        differ.append("carried_over")
    return tuple(differ)


def comparable(value: Any, multiple: bool = False) -> Any:
    """A value as its meaning: dates as ISO text, ticked choices in any order."""
    if multiple and isinstance(value, list):
        return sorted({str(normalise(v)) for v in value})
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return normalise(value)


def applies_changes(bank: Bank, old: Iterable[str], new: Iterable[str]) -> list[AppliesChange]:
    before, after = set(old), set(new)
    return [
        AppliesChange(question=qid, applies=qid in after)
        for qid in _in_bank_order(bank, before ^ after)
    ]


def _in_bank_order(bank: Bank, qids: set[str]) -> list[str]:
    order = {qid: i for i, qid in enumerate(bank.questions)}
    return sorted(qids, key=lambda q: (order.get(q, len(order)), q))


FlagKey = tuple[str, str, tuple[tuple[str, str], ...]]


def flag_key(flag: Flag) -> FlagKey:
    """One finding: its rule and gate, and for rules that fire once per impact, action or
    metadata field, which one. The answers that trigger it may change; it is the same flag."""
    refs = tuple(sorted((t.kind, t.ref) for t in flag.triggers if t.kind != "answer"))
    return (flag.code, flag.gate, refs)


def flag_changes(old: list[Flag], new: list[Flag]) -> list[FlagChange]:
    """Raised, cleared, re-graded and re-statused flags, most serious first."""
    before = {flag_key(f): f for f in old}
    after = {flag_key(f): f for f in new}
    found: list[FlagChange] = []
    for key in before.keys() | after.keys():
        was, now = before.get(key), after.get(key)
        kind = _flag_kind(was, now)
        if kind is not None:
            found.append(FlagChange(code=key[0], gate=key[1], kind=kind, old=was, new=now))

    def order(change: FlagChange) -> tuple[int, str, str]:
        flag = change.new or change.old
        assert flag is not None
        return (-flag.severity.rank, flag.code, flag.gate)

    return sorted(found, key=order)


def _flag_kind(was: Flag | None, now: Flag | None) -> FlagChangeKind | None:
    if was is None:
        return FlagChangeKind.RAISED
    if now is None:
        return FlagChangeKind.CLEARED
    if was.severity is not now.severity:
        return FlagChangeKind.SEVERITY
    if was.status != now.status:
        return FlagChangeKind.STATUS
    return None


def gate_changes(old: Verdict, new: Verdict) -> list[GateChange]:
    before = {g.gate: g for g in old.gates}
    return [
        GateChange(gate=g.gate, old=before[g.gate], new=g)
        for g in new.gates
        if g.gate in before and (before[g.gate].outcome, before[g.gate].text) != (g.outcome, g.text)
    ]


def _verdict(old: Verdict, new: Verdict) -> VerdictChange | None:
    if (old.outcome, old.text) == (new.outcome, new.text):
        return None
    return VerdictChange(old=old, new=new)


def _level(old: Profile | None, new: Profile | None) -> LevelChange | None:
    if (old.level if old else None) == (new.level if new else None):
        return None
    return LevelChange(old=old, new=new)


def entry_changes(
    old: Iterable[Impact | Action], new: Iterable[Impact | Action]
) -> list[EntryChange]:
    """Impacts or actions added, removed and changed, by id; their order is not meaning."""
    before = {e.id: e for e in old}
    after = {e.id: e for e in new}
    found: list[EntryChange] = []
    for key in sorted(before.keys() | after.keys()):
        was, now = before.get(key), after.get(key)
        if was is None:
            found.append(EntryChange(id=key, change=Change.ADDED, old=None, new=now))
        elif now is None:
            found.append(EntryChange(id=key, change=Change.REMOVED, old=was, new=None))
        else:
            fields = _entry_fields(was, now)
            if fields:
                found.append(
                    EntryChange(id=key, change=Change.CHANGED, old=was, new=now, fields=fields)
                )
    return found


def _entry_fields(old: Impact | Action, new: Impact | Action) -> tuple[str, ...]:
    before, after = old.model_dump(mode="json"), new.model_dump(mode="json")
    for name in ("groups", "addresses"):  # sets in meaning
        for side in (before, after):
            if isinstance(side.get(name), list):
                side[name] = sorted(side[name])
    return tuple(name for name in type(old).model_fields if before.get(name) != after.get(name))
