"""Fold the answer of a question that asked again for what another asks into that question.
Pure: works in place on the answers mapping (a ruamel CommentedMap keeps its comments).

The answer's text and references become evidence on the question that now asks it, and its
note is added to the note there, so nothing the assessor wrote is lost or reinterpreted."""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from dataclasses import dataclass
from typing import Any

from hria.models.assessment import UNKNOWN
from hria.models.migration import Move


@dataclass(frozen=True)
class Folded:
    move: Move
    answer: Any  # the answer as it was
    #: False: the question it belongs to is unanswered, so what it said was taken out (an
    #: answer that said nothing, such as a bare 'unknown', counts as carried)
    carried: bool


def fold(moves: Iterable[Move], answers: MutableMapping[str, Any]) -> list[Folded]:
    """Apply each move whose question is answered; returns what moved."""
    done: list[Folded] = []
    for move in moves:
        old = answers.get(move.question)
        if not isinstance(old, MutableMapping):
            continue  # not answered, or not an answer: validation says why
        references = _references(move, old)
        if move.evidence_only and not references:
            continue
        target = answers.get(move.into)
        if not isinstance(target, MutableMapping):
            if move.evidence_only:
                continue  # the evidence stays where it was, on a question still asked
            del answers[move.question]
            done.append(Folded(move, old, carried=not (references or _text(old.get("note")))))
            continue
        _add_evidence(target, references)
        if not move.evidence_only:
            _add_note(target, old.get("note"))
        snapshot = dict(old)
        if move.evidence_only:
            del old["evidence"]
        else:
            del answers[move.question]
        done.append(Folded(move, snapshot, carried=True))
    return done


def _references(move: Move, answer: MutableMapping[str, Any]) -> list[str]:
    found: list[str] = []
    value = answer.get("value")
    if not move.evidence_only and isinstance(value, str) and value.strip() and value != UNKNOWN:
        found.append(" ".join(value.split()))
    evidence = answer.get("evidence")
    if isinstance(evidence, list):
        found.extend(e for e in evidence if isinstance(e, str) and e.strip())
    return found


def _add_evidence(target: MutableMapping[str, Any], references: list[str]) -> None:
    if not references:
        return
    existing = target.get("evidence")
    if not isinstance(existing, list):
        existing = []
        target["evidence"] = existing
    for reference in references:
        if reference not in existing:
            existing.append(reference)


def _text(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _add_note(target: MutableMapping[str, Any], note: Any) -> None:
    if not isinstance(note, str) or not note.strip():
        return
    current = target.get("note")
    if isinstance(current, str) and current.strip():
        if note.strip() not in current:
            target["note"] = f"{current.rstrip()}\n{note.strip()}"
    else:
        target["note"] = note
