"""Shared test helpers: build assessments from bare answers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hria.domain.answers import value_problem
from hria.models.assessment import Answer, Assessment
from hria.models.bank import Bank


def answer_of(raw: Any) -> Answer:
    """`value` alone, or a mapping with value/note/evidence."""
    if isinstance(raw, dict):
        return Answer.model_validate(raw)
    return Answer(value=raw)


def make_assessment(
    bank: Bank,
    answers: dict[str, Any],
    impacts: list[dict[str, Any]] | None = None,
    actions: list[dict[str, Any]] | None = None,
    **metadata: Any,
) -> Assessment:
    """An assessment with `answers`; every value is checked against the bank first."""
    built = {qid: answer_of(raw) for qid, raw in answers.items()}
    for qid, answer in built.items():
        assert qid in bank.questions, f"unknown question id {qid}"
        problem = value_problem(bank.questions[qid], answer.value)
        assert problem is None, f"{qid}: {problem}"
    meta = {
        "title": "Test deployment",
        "organisation": "Test organisation",
        "role": "deployer",
        "assessor": "Test assessor",
        "created": dt.date(2026, 1, 1),
        "bank": {"id": bank.id, "version": bank.version},
    } | metadata
    document = {
        "schema_version": 1,
        "metadata": meta,
        "answers": built,
        "impacts": impacts or [],
        "actions": actions or [],
    }
    return Assessment.model_validate(document)
