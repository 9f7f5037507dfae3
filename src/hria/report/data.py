"""`hria report --format json`: the report's content as data for other tools, with a format
version and a published JSON Schema (`hria schema --report`, schema/hria-report.schema.json).
The models below are the schema; the data is built from the same context as the documents."""

from __future__ import annotations

import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

#: Raised when a field is removed or changes meaning; new optional fields keep it.
FORMAT_VERSION = 1
SCHEMA_ID = f"urn:hria:schema:report:{FORMAT_VERSION}"
SeverityKey = Literal["red_line", "high", "medium", "low", "info"]
OutcomeKey = Literal["do_not_deploy", "fails", "conditional", "no_major_flags", "screened"]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Meta(_Data):
    title: str
    organisation: str
    assessor: str
    role: str
    created: str
    updated: str | None
    review_by: str | None
    status: str
    description: str | None
    bank: str


class GateResult(_Data):
    id: str
    title: str
    text: str
    outcome: OutcomeKey
    passing: str = Field(description="What passing this gate means")
    counts: dict[SeverityKey, int]


class Verdict(_Data):
    text: str
    outcome: OutcomeKey
    sentence: str
    gates: list[GateResult]


class Profile(_Data):
    level: int
    title: str
    reasons: list[str] = Field(description="The factors that hold, gravest first")
    uncertain: list[str] = Field(description="Question numbers that could lower the level")


class Theme(_Data):
    gate: str
    verdict: str
    worst: SeverityKey | None
    findings: int
    flags: int


class KeyAction(_Data):
    text: str
    finding: str
    severity: SeverityKey


class Unknown(_Data):
    question: str
    number: str
    prompt: str
    overall: bool = Field(description="An answer could change the overall verdict")
    gates: list[str] = Field(description="Gates whose verdict an answer could change")
    rules: list[str]


class NoPlan(_Data):
    severity: SeverityKey
    open_flags: int


class Summary(_Data):
    counts: dict[SeverityKey, int]
    flags: int
    findings: int
    red_lines_crossed: list[str]
    red_lines_open: list[str]
    themes: list[Theme]
    actions: list[KeyAction]
    unknowns: list[Unknown] = Field(description="Every unknown that could change the verdict")
    no_plan: NoPlan | None


class Trigger(_Data):
    text: str
    question: str | None = Field(description="The number of the question, if an answer")
    answer: str | None


class Flag(_Data):
    code: str
    title: str
    severity: SeverityKey
    status: str
    unknown: bool = Field(description="Raised because an answer is unknown")
    rationale: str


class Finding(_Data):
    id: str
    code: str
    title: str
    severity: SeverityKey
    flags: list[Flag]
    triggers: list[Trigger]
    recommendations: list[str]
    sources: list[str]
    basis: list[int] = Field(description="Numbers of the entries of `basis`")


class Gate(_Data):
    id: str
    title: str
    verdict: str
    findings: list[Finding]
    answers: list[str] = Field(description="Question ids of the answers behind the findings")


class Answer(_Data):
    id: str
    number: str
    section: str
    prompt: str
    answer: str
    unknown: bool
    note: str | None
    evidence: list[str]


class Impact(_Data):
    id: str
    right: str
    groups: str
    description: str
    status: str
    involvement: str
    severity: int
    severe: bool
    likelihood: str


class Action(_Data):
    id: str
    description: str
    addresses: str
    owner: str
    due: str
    status: str
    overdue: bool


class Source(_Data):
    short: str
    title: str
    reference: str
    url: str | None


class Report(_Data):
    """The content of an hria report."""

    format_version: Literal[1]
    meta: Meta
    draft: bool
    verdict: Verdict
    profile: Profile | None
    summary: Summary
    gates: list[Gate]
    impacts: list[Impact]
    actions: list[Action]
    gaps: dict[Literal["unknown", "unanswered", "no_evidence"], list[str]]
    answers: list[Answer]
    basis: list[str] = Field(description="What the recommendations rest on, numbered from 1")
    sources: list[Source]
    provenance: dict[str, str | None]


def report_schema() -> dict[str, Any]:
    schema = Report.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
        "title": "hria report",
    }


def report_json(context: dict[str, Any]) -> str:
    from hria.escapes import json_safe
    from hria.report.data_build import report_data

    data = Report.model_validate(report_data(context)).model_dump(mode="json")
    return json_safe(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"
