"""Question numbers as a reader sees them, and conditions spelled out with those numbers."""

from __future__ import annotations

from typing import Any

from hria.models.bank import Bank, ChoiceQuestion
from hria.models.conditions import Condition
from hria.models.profile import LEVEL


class Numbering:
    """Question numbers as a reader sees them: section.position, e.g. '3.2'."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank
        self.numbers = {
            q.id: f"{s_index}.{q_index}"
            for s_index, section in enumerate(bank.sections, 1)
            for q_index, q in enumerate(section.questions, 1)
        }

    def name(self, qid: str) -> str:
        if qid == LEVEL:
            return "the intrusion level"
        return f"the answer to {self.numbers.get(qid, qid)}"

    def label(self, qid: str, value: Any) -> str:
        question = self.bank.questions.get(qid)
        if isinstance(question, ChoiceQuestion):
            labels = {c.value: c.label for c in question.choices}
            return f"“{labels.get(value, value)}”"
        return f"“{value}”"

    def words(self, condition: Condition | None) -> str | None:
        """'Asked only if the answer to 3.2 is “Yes”.', in the interface's language."""
        from hria.bank.conditions import asked_only_if

        return asked_only_if(self, condition)
