"""JSON Schema of the assessment file, specialised to a bank so that editors can complete
question ids and offer each question's allowed values."""

from __future__ import annotations

from typing import Any

from hria.models.assessment import SCHEMA_VERSION, UNKNOWN, Assessment
from hria.models.bank import (
    Bank,
    ChoiceQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    YesNoQuestion,
)
from hria.models.base import Severity

DIALECT = "https://json-schema.org/draft/2020-12/schema"


def schema_id(bank: Bank) -> str:
    return f"urn:hria:schema:assessment:{SCHEMA_VERSION}:{bank.id}:{bank.version}"


def assessment_schema(bank: Bank) -> dict[str, Any]:
    schema = Assessment.model_json_schema(by_alias=True)
    schema = {"$schema": DIALECT, "$id": schema_id(bank), **schema}
    schema["title"] = "hria assessment file"
    schema["description"] = (
        f"A human rights impact assessment answering question bank {bank.id} {bank.version}. "
        "Findings are risks, never a certificate of compliance."
    )
    schema["properties"]["schema_version"] = {"const": SCHEMA_VERSION}
    schema["properties"]["answers"] = {
        "type": ["object", "null"],
        "description": "Answers keyed by question id (nothing under `answers:` is none yet)",
        "properties": {q.id: _answer(q) for q in bank.questions.values()},
        "additionalProperties": False,
    }
    waivable = [r.code for r in bank.rules if r.severity is not Severity.RED_LINE]
    schema["$defs"]["Waiver"]["properties"]["rule"]["enum"] = waivable  # never a red line
    return schema


def _answer(question: Question) -> dict[str, Any]:
    return {
        "description": question.prompt,
        "allOf": [
            {"$ref": "#/$defs/Answer"},
            {"properties": {"value": _value(question)}},
        ],
    }


def _value(question: Question) -> dict[str, Any]:
    unknown: list[dict[str, Any]] = [{"const": UNKNOWN}] if question.allow_unknown else []
    if isinstance(question, YesNoQuestion):
        return {"enum": ["yes", "no", *([UNKNOWN] if question.allow_unknown else [])]}
    if isinstance(question, MultipleChoiceQuestion):
        items = {"enum": list(question.values)}
        listed = {"type": "array", "items": items, "uniqueItems": True}
        listed["minItems"] = question.min_selected
        return {"anyOf": [listed, *unknown]}
    if isinstance(question, ChoiceQuestion):
        return {"enum": [*question.values, *([UNKNOWN] if question.allow_unknown else [])]}
    if isinstance(question, NumberQuestion):
        number: dict[str, Any] = {"type": "integer" if question.integer else "number"}
        if question.minimum is not None:
            number["minimum"] = question.minimum
        if question.maximum is not None:
            number["maximum"] = question.maximum
        return {"anyOf": [number, *unknown]}
    if question.kind == "date":
        return {"anyOf": [{"type": "string", "format": "date"}, *unknown]}
    return {"type": "string", "minLength": 1}


def review_schema(bank: Bank) -> dict[str, Any]:
    """The JSON Schema of review files for this bank: question ids, rule codes and gates are
    offered; a challenged value is checked against its question as in an assessment."""
    from hria.models.review import REVIEW_SCHEMA_VERSION, Review

    schema = Review.model_json_schema(by_alias=True)
    schema = {
        "$schema": DIALECT,
        "$id": f"urn:hria:schema:review:{REVIEW_SCHEMA_VERSION}:{bank.id}:{bank.version}",
        **schema,
    }
    schema["title"] = "hria review file"
    schema["description"] = (
        f"A review of an assessment answering question bank {bank.id} {bank.version}: "
        "answers accepted or challenged, opinions on flags, findings missed, and a sign-off."
    )
    props = schema["properties"]
    props["review_schema_version"] = {"const": REVIEW_SCHEMA_VERSION}
    props["answers"] = {
        "type": ["object", "null"],
        "description": "Verdicts keyed by question id",
        "properties": {q.id: _answer_review(q) for q in bank.questions.values()},
        "additionalProperties": False,
    }
    props["flags"] = {
        "type": ["object", "null"],
        "description": "Opinions keyed by rule code",
        "properties": {
            code: {"description": rule.title, "$ref": "#/$defs/FlagOpinion"}
            for code, rule in sorted(bank.rules_by_code.items())
        },
        "additionalProperties": False,
    }
    schema["$defs"]["MissedFinding"]["properties"]["gate"] = {
        "enum": [g.id for g in bank.gates],
        "description": "The gate it belongs to",
    }
    return schema


def _answer_review(question: Question) -> dict[str, Any]:
    value = _value(question)
    return {
        "description": question.prompt,
        "allOf": [
            {"$ref": "#/$defs/AnswerReview"},
            {
                "if": {"properties": {"verdict": {"const": "challenged"}}},
                "then": {"required": ["value"], "properties": {"value": value}},
            },
        ],
    }
