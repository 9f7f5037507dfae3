"""`hria check --format sarif`, validated against the official SARIF 2.1.0 JSON Schema."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from hria.bank.load import load_bank
from tests.conftest import MINI, ROOT
from tests.format_cases import (
    MEDIUM,
    NO_FLAGS,
    NO_LAW,
    Write,
    check,
    check_examples,
    explode_on,
    hria,
    mixed,
)

SCHEMA = ROOT / "tests" / "schemas" / "sarif-2.1.0.json"


@cache
def _validator() -> jsonschema.Draft4Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert schema["title"].startswith("Static Analysis Results Format (SARIF) Version 2.1.0")
    return jsonschema.Draft4Validator(schema)


def _sarif(result: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(result.stdout)
    _validator().validate(document)
    return document


def _results(document: dict[str, Any]) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = document["runs"][0]["results"]
    return results


def test_the_examples_are_valid_sarif_with_one_result_per_flag() -> None:
    sarif = _sarif(check_examples("--format", "sarif"))
    flags = json.loads(check_examples("--format", "json").stdout)
    expected = [(f["code"], f["line"]) for e in flags["files"] for f in e["flags"]]
    results = _results(sarif)
    got = [
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results
    ]
    assert got == expected and len(got) > 100
    assert sarif["version"] == "2.1.0"
    assert sarif["runs"][0]["invocations"] == [
        {"executionSuccessful": True, "exitCode": 0, "toolExecutionNotifications": []}
    ]


def test_every_rule_code_has_a_rule_entry() -> None:
    driver = _sarif(check_examples("--format", "sarif"))["runs"][0]["tool"]["driver"]
    assert driver["name"] == "hria" and driver["version"] and driver["informationUri"]
    rules = driver["rules"]
    bank = load_bank()
    assert [r["id"] for r in rules[: len(bank.rules)]] == [r.code for r in bank.rules]
    for entry, rule in zip(rules, bank.rules, strict=False):
        assert entry["name"] == rule.name
        assert entry["shortDescription"]["text"] == rule.title
        assert entry["fullDescription"]["text"] and entry["help"]["text"]
        assert entry["defaultConfiguration"]["level"] in {"error", "warning", "note"}
    with_uri = {r["id"]: r["helpUri"] for r in rules if "helpUri" in r}
    for rule in bank.rules:
        urls = [bank.instruments[s.instrument].url for s in rule.sources]
        first = next((u for u in urls if u), None)
        assert with_uri.get(rule.code) == first, rule.code
    assert with_uri and all(u.startswith("https://") for u in with_uri.values())
    for result in _results(_sarif(check_examples("--format", "sarif"))):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_a_rule_whose_source_has_an_address_has_a_help_uri(write: Write, tmp_path: Path) -> None:
    bank = tmp_path / "bank"
    shutil.copytree(MINI, bank)
    instruments = bank / "instruments.yaml"
    instruments.write_text(
        instruments.read_text(encoding="utf-8").replace(
            "title: International Covenant on Civil and Political Rights}",
            "title: International Covenant on Civil and Political Rights,"
            " url: 'https://www.ohchr.org/en/instruments-mechanisms/instruments/iccpr'}",
        ),
        encoding="utf-8",
    )
    result = hria("check", "--bank", bank, "--format", "sarif", write("a.hria.yaml", NO_LAW))
    rules = _sarif(result)["runs"][0]["tool"]["driver"]["rules"]
    law = next(r for r in rules if r["id"] == "LEG-001")
    assert law["helpUri"] == "https://www.ohchr.org/en/instruments-mechanisms/instruments/iccpr"


def test_levels_follow_severity(write: Write) -> None:
    results = _results(_sarif(check("--format", "sarif", write("a.hria.yaml", NO_LAW))))
    assert {(r["ruleId"], r["level"]) for r in results} == {
        ("LEG-001", "error"),
        ("NEC-002", "note"),
    }
    medium = _results(_sarif(check("--format", "sarif", write("m.hria.yaml", MEDIUM))))
    assert ("NEC-001", "warning") in {(r["ruleId"], r["level"]) for r in medium}
    examples = _results(_sarif(check_examples("--format", "sarif")))
    by_severity = {(r["properties"]["severity"], r["level"]) for r in examples}
    assert ("red_line", "error") in by_severity and ("low", "note") in by_severity
    assert all(
        level == {"red_line": "error", "high": "error", "medium": "warning"}.get(sev, "note")
        for sev, level in by_severity
    )


def test_a_result_points_at_its_answer(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(write("x", "").parent)
    write("a.hria.yaml", NO_LAW)
    (law,) = [
        r
        for r in _results(_sarif(check("--format", "sarif", Path("a.hria.yaml"))))
        if r["ruleId"] == "LEG-001"
    ]
    assert law["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {"uri": "a.hria.yaml"},
                "region": {"startLine": 12, "startColumn": 3},
            }
        }
    ]
    assert len(law["fingerprints"]["hria/v1"]) == 64


def test_further_triggers_are_related_locations() -> None:
    results = _results(_sarif(check_examples("--format", "sarif")))
    related = [r for r in results if r.get("relatedLocations")]
    assert related
    for result in related:
        primary = result["locations"][0]["physicalLocation"]
        lines = {primary["region"]["startLine"]}
        for i, location in enumerate(result["relatedLocations"], start=1):
            assert location["id"] == i and location["message"]["text"].startswith("also ")
            lines.add(location["physicalLocation"]["region"]["startLine"])
        assert len(lines) == 1 + len(result["relatedLocations"])


def test_invalid_files_are_error_results(write: Write) -> None:
    result = check("--format", "sarif", *mixed(write))
    assert result.exit_code == 2
    sarif = _sarif(result)
    invalid = [r for r in _results(sarif) if r["ruleId"] == "invalid-file"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in invalid}
    assert {u.rsplit("/", 1)[1] for u in uris} == {"broken.hria.yaml", "wrong.hria.yaml"}
    assert all(r["level"] == "error" for r in invalid)
    broken = next(
        r
        for r in invalid
        if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].endswith(
            "broken.hria.yaml"
        )
    )
    assert broken["locations"][0]["physicalLocation"]["region"]["startLine"] == 2
    assert sarif["runs"][0]["invocations"][0]["exitCode"] == 2


def test_a_crash_is_a_tool_execution_notification(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    explode_on(monkeypatch, "Pilot")
    result = check("--format", "sarif", write("a.hria.yaml", NO_LAW))
    assert result.exit_code == 3
    invocation = _sarif(result)["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 3
    (note,) = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "this is a bug in hria" in note["message"]["text"]
    assert "secret answer text" not in result.stdout


def test_a_run_without_results_is_valid_sarif(write: Write) -> None:
    clean = check("--format", "sarif", write("c.hria.yaml", NO_FLAGS))
    assert clean.exit_code == 0
    assert _results(_sarif(clean)) == []


def test_the_schema_rejects_what_it_should(write: Write) -> None:
    """The stored schema is enforced: a wrong level does not pass."""
    document = json.loads(check("--format", "sarif", write("a.hria.yaml", NO_LAW)).stdout)
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validator().validate(document)


def test_text_output_does_not_import_the_other_formats(tmp_path: Path) -> None:
    code = (
        "import sys; from hria.cli import main; sys.argv = ['hria', 'check', '--bank', "
        f"{str(MINI)!r}, {str(tmp_path)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith('hria.check.')))"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    loaded = proc.stdout.strip().splitlines()[-1]
    assert "hria.check.stream" in loaded
    for module in ("sarif", "junit", "gitlab", "github", "job_summary", "output_schema", "locate"):
        assert f"hria.check.{module}'" not in loaded, loaded


def test_files_inside_the_working_folder_get_relative_uris(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("sub/a b.hria.yaml", NO_LAW)
    monkeypatch.chdir(path.parent.parent)
    inside = _results(_sarif(check("--format", "sarif", path.resolve())))
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in inside} == {
        "sub/a%20b.hria.yaml"
    }
    outside = _results(_sarif(check("--format", "sarif", ROOT / "nowhere.hria.yaml")))
    assert outside[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].startswith(
        "file:///"
    )
