"""A condition is compiled once; test_conditions holds compiled conditions to `evaluate`."""

from __future__ import annotations

from hria.domain.compiled import compiled
from hria.models.bank import Bank


def test_a_condition_is_compiled_once(bank: Bank) -> None:
    condition = next(r.condition for r in bank.rules if r.condition is not None)
    assert condition is not None
    assert compiled(condition) is compiled(condition)
