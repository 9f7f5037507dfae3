"""Carry answers over from an older major version of a bank. Pure: data in, data out.

Works on the parsed document in place (a ruamel CommentedMap keeps its comments), so that a
file rewritten by `hria migrate` keeps everything its author wrote around the answers."""

from __future__ import annotations

from collections.abc import MutableMapping
from dataclasses import dataclass, field
from typing import Any

from hria.domain.moves import Folded, fold
from hria.models.migration import Change, MigrationSpec, Move


@dataclass
class Outcome:
    """What one migration did: answers renamed or converted, and answers set aside."""

    carried: list[str] = field(default_factory=list)  # old ids carried over (renamed or not)
    converted: list[tuple[str, Any, Any]] = field(default_factory=list)  # id, old, new value
    reviews: list[dict[str, Any]] = field(default_factory=list)  # entries for needs_review
    moved: list[str] = field(default_factory=list)  # ids folded into the question that asks it


def migrate(spec: MigrationSpec, document: MutableMapping[str, Any]) -> Outcome:
    """Apply `spec` to an assessment document; returns what changed."""
    outcome = Outcome()
    answers = document.get("answers")
    if isinstance(answers, MutableMapping):
        for change in spec.changes:
            if change.question in answers:
                _apply(change, answers, outcome)
        _fold(spec.moves, answers, outcome)
    _finish(document, spec.to_version, outcome)
    return outcome


def move_answers(moves: list[Move], document: MutableMapping[str, Any]) -> Outcome:
    """Fold answers to questions the current bank has moved (its `moved` entries), in a file
    that already answers the current version."""
    outcome = Outcome()
    answers = document.get("answers")
    if isinstance(answers, MutableMapping):
        _fold(moves, answers, outcome)
    _finish(document, None, outcome)
    return outcome


def _fold(moves: list[Move], answers: MutableMapping[str, Any], outcome: Outcome) -> None:
    for folded in fold(moves, answers):
        if folded.carried:
            outcome.moved.append(folded.move.question)
        else:
            outcome.reviews.append(_review_of_move(folded))


def _review_of_move(folded: Folded) -> dict[str, Any]:
    move = folded.move
    reason = (
        f"{move.reason.strip()} The answer could not be carried over because "
        f"{move.into} is not answered: answer it, and cite this as its evidence."
    )
    change = Change(question=move.question, becomes=move.into, removed=True, reason=reason)
    return _review(change, move.into, folded.answer)


def _finish(document: MutableMapping[str, Any], version: str | None, outcome: Outcome) -> None:
    if outcome.reviews:
        existing = document.get("needs_review")
        document["needs_review"] = [*(existing or []), *outcome.reviews]
    metadata = document.get("metadata")
    if isinstance(metadata, MutableMapping):
        bank = metadata.get("bank")
        if isinstance(bank, MutableMapping) and version is not None:
            bank["version"] = version
        if outcome.reviews and metadata.get("status") == "complete":
            metadata["status"] = "draft"


def _apply(change: Change, answers: MutableMapping[str, Any], outcome: Outcome) -> None:
    answer = answers[change.question]
    target = change.becomes or change.question
    value = answer.get("value") if isinstance(answer, MutableMapping) else None
    new_value, keeps_meaning = _convert(change, value)
    if change.removed or not keeps_meaning:
        del answers[change.question]
        outcome.reviews.append(_review(change, target, answer))
        return
    if isinstance(answer, MutableMapping) and new_value != value:
        answer["value"] = new_value
        outcome.converted.append((change.question, value, new_value))
    if target != change.question:
        _rename(answers, change.question, target)
    outcome.carried.append(change.question)


def _convert(change: Change, value: Any) -> tuple[Any, bool]:
    """The value in the new bank, and whether its meaning holds. 'unknown' always does."""
    if change.values is None or value == "unknown":
        return value, True
    if isinstance(value, list):
        if all(isinstance(v, str) and v in change.values for v in value):
            return [change.values[v] for v in value], True
        return value, False
    if isinstance(value, str) and value in change.values:
        return change.values[value], True
    return value, False


def _rename(answers: MutableMapping[str, Any], old: str, new: str) -> None:
    """Rename a key where it stands, so the file's order and comments stay put."""
    insert = getattr(answers, "insert", None)
    keys = list(answers)
    answer = answers.pop(old)
    if insert is not None:
        insert(keys.index(old), new, answer)
    else:
        answers[new] = answer


def _review(change: Change, target: str, answer: Any) -> dict[str, Any]:
    item: dict[str, Any] = {
        "question": target,
        "reason": change.reason.strip(),
        "previous_question": change.question,
        "previous_value": answer.get("value") if isinstance(answer, MutableMapping) else answer,
    }
    if isinstance(answer, MutableMapping):
        if answer.get("note"):
            item["note"] = answer["note"]
        if answer.get("evidence"):
            item["evidence"] = list(answer["evidence"])
    return item
