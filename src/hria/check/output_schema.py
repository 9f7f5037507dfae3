"""The JSON Schema of `hria check --format json` output (`hria schema --check-output`).

The evaluation part is derived from the findings model, so the schema cannot drift from
what is written; the rest describes the document and file entries around it.
"""

from __future__ import annotations

from typing import Any

from hria.check.jsonout import JSON_FORMAT_VERSION

_NULLABLE_INT = {"type": ["integer", "null"], "minimum": 1}
_PROBLEM = {
    "type": "object",
    "required": ["message", "line", "column", "where"],
    "additionalProperties": False,
    "properties": {
        "message": {"type": "string"},
        "line": _NULLABLE_INT,
        "column": _NULLABLE_INT,
        "where": {"type": "string", "description": "Dotted path of the node, or empty"},
    },
}


def check_output_schema() -> dict[str, Any]:
    from pydantic import TypeAdapter

    from hria.models.findings import Evaluation

    evaluation = TypeAdapter(Evaluation).json_schema(mode="serialization")
    defs: dict[str, Any] = evaluation.pop("$defs")
    _located(defs["Flag"])
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:hria:schema:check-output:{JSON_FORMAT_VERSION}",
        "title": "hria check --format json",
        "description": "The result of checking assessment files. format_version changes only "
        "when a field is removed or changes meaning; new fields may appear at any time.",
        "type": "object",
        "required": ["format_version", "hria_version", "bank", "fail_on", "exit_code", "files"],
        "properties": {
            "format_version": {"const": JSON_FORMAT_VERSION},
            "hria_version": {"type": "string"},
            "bank": {
                "type": "object",
                "required": ["id", "version"],
                "properties": {"id": {"type": "string"}, "version": {"type": "string"}},
            },
            "fail_on": {"enum": ["red_line", "high", "medium", "low", "none"]},
            "exit_code": {"enum": [0, 1, 2, 3]},
            "files": {"type": "array", "items": {"$ref": "#/$defs/File"}},
        },
        "$defs": {**defs, "File": _file(evaluation), "Problem": _PROBLEM},
    }


def _located(flag: dict[str, Any]) -> None:
    flag["properties"] |= {
        "file": {"type": "string", "description": "The file, as given or found"},
        "line": {**_NULLABLE_INT, "description": "Line of the answer that triggered the flag"},
        "column": {**_NULLABLE_INT, "description": "Its column"},
    }
    flag["required"] = [*flag["required"], "file", "line", "column"]


def _file(evaluation: dict[str, Any]) -> dict[str, Any]:
    """A file entry: always its path, validity and problems; the evaluation when valid."""
    props = dict(evaluation["properties"])
    props.pop("visible", None)
    strings = {"type": "array", "items": {"type": "string"}}
    problems = {"type": "array", "items": {"$ref": "#/$defs/Problem"}}
    valid_required = [r for r in evaluation["required"] if r in props]
    return {
        "type": "object",
        "required": ["path", "valid", "problems", "warnings"],
        "properties": {
            "path": {"type": "string"},
            "valid": {"type": "boolean"},
            "problems": problems,
            "warnings": problems,
            "internal_error": {"type": "string", "description": "The exception's name"},
            **props,
            "needs_review": strings,
            "carried_over": strings,
        },
        "if": {"properties": {"valid": {"const": True}}},
        "then": {"required": [*valid_required, "needs_review", "carried_over"]},
    }
