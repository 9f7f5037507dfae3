"""A change set in words: sections of items, each a change mark, a headline and details.
Plain, unescaped text: the text and Markdown renderers escape it for their medium."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from hria.bank.numbering import Numbering
from hria.bank.words import severity_word
from hria.domain.diff import (
    OUTCOME_RANK,
    AnswerChange,
    Change,
    ChangeSet,
    EntryChange,
    FlagChange,
    FlagChangeKind,
    GateChange,
    plain,
)
from hria.domain.flow import shown_value
from hria.i18n import N_, _
from hria.models.assessment import Answer
from hria.models.bank import Bank
from hria.models.base import SYMBOLS, Severity
from hria.models.findings import Flag, Profile

CLIP = 200  # characters of a free-text value shown; JSON output has them whole


@dataclass(frozen=True)
class Item:
    mark: str  # added, removed, changed, raised, cleared, worse, better, applies, ...
    head: str
    details: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Section:
    title: str
    items: list[Item]


def clip(text: str, limit: int = CLIP) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def sections(changes: ChangeSet, bank: Bank) -> list[Section]:
    words = Words(bank)
    found = [
        Section(_("Verdict"), list(words.top(changes))),
        Section(_("Gates"), [words.gate(g) for g in changes.gates]),
        Section(_("Flags"), [words.flag(f) for f in changes.flags]),
        Section(_("Answers"), [words.answer(a) for a in changes.answers]),
        Section(_("Questions that now apply"), words.applying(changes, applies=True)),
        Section(_("Questions that no longer apply"), words.applying(changes, applies=False)),
        Section(_("Impact register"), [words.entry(e, "right") for e in changes.impacts]),
        Section(_("Action plan"), [words.entry(e, "description") for e in changes.actions]),
        Section(_("Metadata"), [words.field(c.name, c.old, c.new) for c in changes.metadata]),
    ]
    return [s for s in found if s.items]


def level_words(profile: Profile | None) -> str:
    if profile is None:
        return _("none")
    return _("%(level)s of 4, %(name)s") % {"level": profile.level, "name": _(profile.name)}


def trend(worse: bool, old_rank: int, new_rank: int) -> str:
    if worse or new_rank > old_rank:
        return "worse"
    return "better" if new_rank < old_rank else "changed"


class Words:
    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.numbering = Numbering(bank)

    def question(self, qid: str) -> str:
        question = self.bank.questions.get(qid)
        if question is None:
            return _("%(id)s (not in this bank)") % {"id": qid}
        return f"{self.numbering.numbers[qid]} {question.prompt} ({qid})"

    def value(self, qid: str, answer: Answer) -> str:
        question = self.bank.questions.get(qid)
        shown = shown_value(question, answer) if question is not None else str(answer.value)
        return f"“{clip(shown)}”"

    def top(self, changes: ChangeSet) -> Iterator[Item]:
        if changes.verdict is not None:
            verdict = changes.verdict
            mark = trend(
                verdict.worse, OUTCOME_RANK[verdict.old.outcome], OUTCOME_RANK[verdict.new.outcome]
            )
            yield Item(mark, f"{verdict.old.text} → {verdict.new.text}")
        if changes.level is not None:
            old, new = changes.level.old, changes.level.new
            mark = trend(False, old.level if old else 0, new.level if new else 0)
            values = {"old": level_words(old), "new": level_words(new)}
            yield Item(mark, _("intrusion level: %(old)s → %(new)s") % values)

    def gate(self, change: GateChange) -> Item:
        gate = change.gate
        title = self.bank.gates_by_id[gate].title if gate in self.bank.gates_by_id else gate
        old, new = OUTCOME_RANK[change.old.outcome], OUTCOME_RANK[change.new.outcome]
        head = f"{title}: {change.old.text} → {change.new.text}"
        return Item(trend(change.worse, old, new), head)

    def flag_head(self, flag: Flag) -> str:
        gate = flag.gate
        title = self.bank.gates_by_id[gate].title if gate in self.bank.gates_by_id else gate
        unknown = _(" (answer unknown)") if flag.basis == "unknown" else ""
        refs = [t.ref for t in flag.triggers if t.kind != "answer"]
        about = f" ({', '.join(refs)})" if refs else ""
        return f"{flag.code} {flag.title}{unknown}{about} [{title}]"

    def flag(self, change: FlagChange) -> Item:
        old, new = change.old, change.new
        if change.kind is FlagChangeKind.RAISED:
            assert new is not None
            return Item("raised", f"{_severity(new.severity)} {self.flag_head(new)}")
        if change.kind is FlagChangeKind.CLEARED:
            assert old is not None
            return Item("cleared", f"{_severity(old.severity)} {self.flag_head(old)}")
        assert old is not None and new is not None
        if change.kind is FlagChangeKind.SEVERITY:
            mark = "worse" if change.worse else "better"
            was, now = _severity(old.severity), _severity(new.severity)
            return Item(mark, f"{was} → {now} {self.flag_head(new)}")
        was, now = _status(old.status), _status(new.status)
        head = f"{_severity(new.severity)} {self.flag_head(new)}: {was} → {now}"
        return Item("changed", head)

    def answer(self, change: AnswerChange) -> Item:
        qid = change.question
        head = self.question(qid)
        if change.change is Change.ADDED:
            assert change.new is not None
            answer = _("answer: %(value)s") % {"value": self.value(qid, change.new)}
            return Item("added", head, [answer])
        if change.change is Change.REMOVED:
            assert change.old is not None
            was = _("was: %(value)s") % {"value": self.value(qid, change.old)}
            return Item("removed", head, [was])
        assert change.old is not None and change.new is not None
        return Item("changed", head, list(self.answer_details(change)))

    def answer_details(self, change: AnswerChange) -> Iterator[str]:
        old, new, qid = change.old, change.new, change.question
        assert old is not None and new is not None
        if "value" in change.fields:
            values = {"old": self.value(qid, old), "new": self.value(qid, new)}
            yield _("answer: %(old)s → %(new)s") % values
        if "note" in change.fields:
            yield _("note: %(old)s → %(new)s") % {"old": _text(old.note), "new": _text(new.note)}
        if "evidence" in change.fields:
            added = [e for e in new.evidence if e not in old.evidence]
            removed = [e for e in old.evidence if e not in new.evidence]
            parts = [_("added %(list)s") % {"list": _list(added)}] if added else []
            parts += [_("removed %(list)s") % {"list": _list(removed)}] if removed else []
            yield _("evidence: %(change)s") % {"change": "; ".join(parts) or _("reordered")}
        if "carried_over" in change.fields:
            was = _(CARRIED) if old.carried_over else _(CONFIRMED)
            now = _(CARRIED) if new.carried_over else _(CONFIRMED)
            yield f"{was} → {now}"

    def applying(self, changes: ChangeSet, applies: bool) -> list[Item]:
        mark = "applies" if applies else "no longer applies"
        return [
            Item(mark, self.question(c.question)) for c in changes.applies if c.applies is applies
        ]

    def entry(self, change: EntryChange, label: str) -> Item:
        entry = change.new or change.old
        assert entry is not None
        head = f"{change.id}: {clip(str(getattr(entry, label)), 80)}"
        if change.change is not Change.CHANGED:
            return Item(change.change.value, head)
        before = plain(change.old) if change.old else {}
        after = plain(change.new) if change.new else {}
        details = [f"{n}: {_shown(before.get(n))} → {_shown(after.get(n))}" for n in change.fields]
        return Item("changed", head, details)

    def field(self, name: str, old: Any, new: Any) -> Item:
        return Item("changed", f"{name}: {_shown(old)} → {_shown(new)}")


CARRIED = N_("carried over, not confirmed")
CONFIRMED = N_("confirmed")
#: Each change mark in words, as the Markdown output shows it.
MARK_WORDS = {
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "raised": N_("raised"),
    "cleared": N_("cleared"),
    "worse": N_("worse"),
    "better": N_("better"),
    "applies": N_("applies"),
    "no longer applies": N_("no longer applies"),
}


def _severity(severity: Severity) -> str:
    return f"{SYMBOLS[severity]} {severity_word(severity).upper()}"


def _status(status: str) -> str:
    from hria.models.findings import FLAG_STATUSES

    return _(FLAG_STATUSES.get(status, status))


def _text(text: str | None) -> str:
    return _("(none)") if not text else f"“{clip(text)}”"


def _list(items: list[str]) -> str:
    return ", ".join(f"“{clip(i, 80)}”" for i in items)


def _shown(value: Any) -> str:
    if value is None:
        return _("(none)")
    if isinstance(value, dict):
        return clip(", ".join(f"{k} {v}" for k, v in value.items()), 80)
    if isinstance(value, list):
        return clip(", ".join(map(str, value)), 80)
    return f"“{clip(str(value), 80)}”" if isinstance(value, str) else str(value)
