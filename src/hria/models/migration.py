"""How answers saved against an older major version of a bank carry over to the current one.

Only what keeps its meaning is carried over silently. An answer whose meaning changed is
taken out of the answers and listed for review, with its old question and value, so that a
person answers it again; it is never reinterpreted on their behalf."""

from __future__ import annotations

from typing import Any

from pydantic import Field

from hria.models.base import QuestionId, Strict, Text


class Change(Strict):
    """One question of the old bank whose id, values or meaning changed."""

    question: QuestionId = Field(description="The question id in the old bank")
    becomes: QuestionId | None = Field(None, description="Its id in the new bank, if renamed")
    values: dict[str, Any] | None = Field(
        None,
        description="Old value -> new value for the values whose meaning holds; any other "
        "value is listed for review. Absent: every value carries over as it is.",
    )
    removed: bool = Field(False, description="The question is gone; its answer goes to review")
    reason: Text = Field(description="What changed, as the person reviewing will read it")


class Move(Strict):
    """A question that asked again for what another question asks: its answer now belongs to
    that question. The text of the answer and its references become evidence there, and its
    note is added to the note there."""

    question: QuestionId = Field(description="The question that asked it again")
    into: QuestionId = Field(description="The question that now asks it")
    evidence_only: bool = Field(
        False, description="The question stays; only the evidence it collected moves"
    )
    reason: Text = Field(description="What moved and why, as the person reading will see it")


class MigrationSpec(Strict):
    """data/migrations/<old major>.yaml: from one major version of a bank to the next."""

    bank: str = Field(description="The bank id this migration is for")
    from_major: int = Field(ge=0)
    to_version: str
    changes: list[Change] = Field(default_factory=list)
    moves: list[Move] = Field(
        default_factory=list, description="Answers folded into another question, after changes"
    )


class ReviewItem(Strict):
    """An answer set aside by `hria migrate` because its question changed meaning."""

    question: QuestionId = Field(description="The question to answer again")
    reason: Text
    previous_question: QuestionId
    previous_value: Any
    note: str | None = None
    evidence: list[Text] = Field(default_factory=list)


def major(version: str) -> int | None:
    """The major version number of 'X.Y.Z', or None if it has none."""
    head = version.split(".", 1)[0]
    return int(head) if head.isdigit() else None
