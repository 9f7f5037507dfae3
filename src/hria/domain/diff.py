"""What changed between two versions of an assessment, in terms of its meaning.

Pure: two assessments and their evaluations in, a typed change set out. Key order, comments,
the order of ticked choices and the order of the impact register or the action plan are not
part of the meaning, so they never show up as changes. Renderers live outside the domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from enum import Enum
from typing import Any

from pydantic import BaseModel

from hria.domain.changeset import (
    OUTCOME_RANK,
    AnswerChange,
    AppliesChange,
    Change,
    ChangeSet,
    EntryChange,
    FieldChange,
    FlagChange,
    FlagChangeKind,
    GateChange,
    LevelChange,
    VerdictChange,
)
from hria.domain.logic import normalise
from hria.models.assessment import Action, Answer, Assessment, Impact
from hria.models.bank import Bank, MultipleChoiceQuestion
from hria.models.findings import Evaluation, Flag, Profile, Verdict

__all__ = [
    "OUTCOME_RANK",
    "AnswerChange",
    "AppliesChange",
    "Change",
    "ChangeSet",
    "EntryChange",
    "FieldChange",
    "FlagChange",
    "FlagChangeKind",
    "GateChange",
    "LevelChange",
    "VerdictChange",
    "answer_changes",
    "compare",
    "flag_changes",
    "plain",
]

ANSWER_FIELDS = ("value", "note", "evidence", "carried_over")
METADATA_IGNORED = frozenset({"updated"})  # bumped by every save: not a change of meaning


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
    """Metadata fields that differ, as plain data (read field by field: serialising the
    models would build their serialisers, which is most of the time of a small diff)."""
    for name in type(old.metadata).model_fields:
        was, now = plain(getattr(old.metadata, name)), plain(getattr(new.metadata, name))
        if name not in METADATA_IGNORED and _words(was) != _words(now):
            yield FieldChange(name=name, old=was, new=now)


def plain(value: Any) -> Any:
    """A model's value as JSON-ready data: enums as values, dates as ISO text, models as
    mappings without their unset fields."""
    if isinstance(value, BaseModel):
        fields = {k: plain(getattr(value, k)) for k in type(value).model_fields}
        return {k: v for k, v in fields.items() if v is not None}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return normalise(value)


def _words(value: Any) -> Any:
    """Text as its words: a description re-wrapped over other lines says the same."""
    return value.split() if isinstance(value, str) else value


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
    if _words(old.note or "") != _words(new.note or ""):
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


Entry = Impact | Action


def entry_changes(old: Iterable[Entry], new: Iterable[Entry]) -> list[EntryChange]:
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


def _entry_fields(old: Entry, new: Entry) -> tuple[str, ...]:
    def value(entry: Entry, name: str) -> Any:
        found = plain(getattr(entry, name))
        return sorted(found) if name in ("groups", "addresses") else found  # sets in meaning

    return tuple(n for n in type(old).model_fields if value(old, n) != value(new, n))
