"""The committed JSON Schema stays in step with the bank, and agrees with hria's own checks."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import ROOT

SCHEMA_FILE = ROOT / "schema" / "hria-assessment.schema.json"
EXAMPLES = sorted((ROOT / "assessments").glob("*.hria.yaml"))


def _schema() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return data


def _as_json(path: Path) -> Any:
    """YAML dates become ISO strings, as they would be in a JSON file."""
    return json.loads(json.dumps(YAML(typ="safe", pure=True).load(path.read_text()), default=str))


def test_committed_schema_matches_the_bank() -> None:
    printed = CliRunner().invoke(app, ["schema"]).stdout
    assert json.loads(printed) == _schema(), "run: hria schema > schema/hria-assessment.schema.json"


def test_schema_is_valid_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(_schema())


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_examples_validate_against_the_schema(path: Path) -> None:
    jsonschema.validate(_as_json(path), _schema())


def test_schema_rejects_a_value_that_is_not_offered() -> None:
    document = _as_json(EXAMPLES[0])
    document["answers"]["context.migration_setting"] = {"value": "perhaps"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _schema())
    document["answers"]["context.migration_setting"] = {"value": "unknown"}
    document["answers"]["context.made_up"] = {"value": "yes"}
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _schema())
