"""`hria report --format json`: the report's content as data, valid against the published
schema (schema/hria-report.schema.json, printed by `hria schema --report`), versioned,
deterministic, and faithful to untrusted text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from hria.report.data import FORMAT_VERSION
from tests.conftest import MINI, ROOT
from tests.test_report import (
    EXAMPLES,
    PAYLOADS,
    check_json,
    hria,
    render,
    report,
    stem,
    write_injected,
)

SCHEMA = ROOT / "schema" / "hria-report.schema.json"


def validator() -> Draft202012Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


def as_json(path: Path, *args: str | Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(report(path, "--format", "json", *args).stdout)
    return data


def test_the_published_schema_is_current() -> None:
    result = hria("schema", "--report")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == SCHEMA.read_text(encoding="utf-8"), (
        "regenerate with: hria schema --report > schema/hria-report.schema.json"
    )
    assert json.loads(result.stdout)["$id"] == f"urn:hria:schema:report:{FORMAT_VERSION}"


@pytest.mark.parametrize("path", EXAMPLES, ids=stem)
def test_every_example_as_json(path: Path) -> None:
    data = as_json(path)
    errors = [e.message for e in validator().iter_errors(data)]
    assert not errors, errors[:3]
    assert data["format_version"] == FORMAT_VERSION == 1
    assert data["verdict"]["text"] == check_json(path)["verdict"]["text"]
    summary = data["summary"]
    assert sum(summary["counts"].values()) == summary["flags"]
    assert summary["flags"] == sum(len(f["flags"]) for g in data["gates"] for f in g["findings"])
    assert summary["findings"] == sum(len(g["findings"]) for g in data["gates"])
    ids = {a["id"] for a in data["answers"]}
    assert all(set(g["answers"]) <= ids for g in data["gates"]), "supporting answers exist"
    assert all(
        0 < n <= len(data["basis"])
        for g in data["gates"]
        for f in g["findings"]
        for n in f["basis"]
    )


def test_the_schema_can_fail() -> None:
    data = as_json(EXAMPLES[0])
    del data["format_version"]
    data["summary"]["themes"][0]["worst"] = "catastrophic"
    messages = [e.message for e in validator().iter_errors(data)]
    assert any("format_version" in m for m in messages)
    assert any("catastrophic" in m for m in messages)


def test_json_is_deterministic_and_follows_the_suffix(tmp_path: Path) -> None:
    path = EXAMPLES[0]
    first = render(path, "json", tmp_path)
    assert first == render(path, "json", tmp_path)
    assert json.loads(first) == as_json(path)


def test_unknowns_are_all_listed() -> None:
    path = ROOT / "tests" / "calibration" / "swisscovid-app" / "answers.hria.yaml"
    data = as_json(path)
    assert len(data["summary"]["unknowns"]) > 3, "the data holds all, not the first page's three"
    assert all(u["overall"] for u in data["summary"]["unknowns"][:3])


def test_untrusted_text_is_kept_exactly(tmp_path: Path) -> None:
    path = write_injected(tmp_path, PAYLOADS)
    raw = report(path, "--bank", MINI, "--format", "json").stdout
    data = json.loads(raw)
    assert data["meta"]["title"] == "\n".join(PAYLOADS)
    assert not list(validator().iter_errors(data))
    assert not any(ord(c) < 32 and c != "\n" for c in raw), "control characters are escaped"
    control = write_injected(tmp_path, ["a\x1b[31mred\u202eb"], "ctl")
    text = report(control, "--bank", MINI, "--format", "json").stdout
    assert "\x1b" not in text and "\u202e" not in text
    assert json.loads(text)["meta"]["title"] == "a\x1b[31mred\u202eb"
