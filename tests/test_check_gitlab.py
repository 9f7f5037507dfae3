"""`hria check --format gitlab`: GitLab Code Quality reports, checked for the fields GitLab
documents as required (description, check_name, fingerprint, severity, location.path and
location.lines.begin) and for fingerprints that survive lines moving."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT
from tests.format_cases import (
    MEDIUM,
    NO_FLAGS,
    NO_LAW,
    Write,
    check,
    check_examples,
    explode_on,
    mixed,
)

SEVERITIES = {"info", "minor", "major", "critical", "blocker"}


def _report(result: Any) -> list[dict[str, Any]]:
    issues = json.loads(result.stdout)
    assert isinstance(issues, list)
    for issue in issues:
        assert isinstance(issue["description"], str) and issue["description"]
        assert isinstance(issue["check_name"], str) and issue["check_name"]
        assert isinstance(issue["fingerprint"], str) and issue["fingerprint"]
        assert issue["severity"] in SEVERITIES
        assert isinstance(issue["location"]["path"], str)
        begin = issue["location"]["lines"]["begin"]
        assert isinstance(begin, int) and begin >= 1
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(set(fingerprints)) == len(fingerprints), "GitLab merges issues that share one"
    return issues


def test_the_examples_give_an_issue_per_flag_with_the_required_fields(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(ROOT)  # the examples are named by absolute paths inside it
    issues = _report(check_examples("--format", "gitlab"))
    flags = json.loads(check_examples("--format", "json").stdout)
    expected = [
        (f["code"], f"assessments/{Path(f['file']).name}", f["line"])
        for e in flags["files"]
        for f in e["flags"]
    ]
    got = [
        (i["check_name"], i["location"]["path"], i["location"]["lines"]["begin"]) for i in issues
    ]
    assert got == expected and len(got) > 100


def test_severities_map_onto_gitlabs(write: Write) -> None:
    issues = _report(check("--format", "gitlab", write("a.hria.yaml", NO_LAW)))
    assert {(i["check_name"], i["severity"]) for i in issues} == {
        ("LEG-001", "critical"),
        ("NEC-002", "info"),
    }
    medium = _report(check("--format", "gitlab", write("m.hria.yaml", MEDIUM)))
    assert ("NEC-001", "major") in {(i["check_name"], i["severity"]) for i in medium}
    examples = {i["severity"] for i in _report(check_examples("--format", "gitlab"))}
    assert {"blocker", "critical", "major", "minor"} <= examples


def test_fingerprints_stay_when_lines_move(write: Write) -> None:
    path = write("a.hria.yaml", NO_LAW)
    before = {i["check_name"]: i for i in _report(check("--format", "gitlab", path))}
    again = {i["check_name"]: i for i in _report(check("--format", "gitlab", path))}
    path.write_text("# reviewed\n# again\n" + NO_LAW, encoding="utf-8")
    moved = {i["check_name"]: i for i in _report(check("--format", "gitlab", path))}
    assert moved["LEG-001"]["location"]["lines"]["begin"] == 14
    assert before["LEG-001"]["location"]["lines"]["begin"] == 12
    for code in before:
        assert (
            before[code]["fingerprint"] == again[code]["fingerprint"] == moved[code]["fingerprint"]
        )
    other = write("b.hria.yaml", NO_LAW)
    elsewhere = {i["check_name"]: i for i in _report(check("--format", "gitlab", other))}
    assert elsewhere["LEG-001"]["fingerprint"] != before["LEG-001"]["fingerprint"]


def test_invalid_files_are_blocker_issues(write: Write) -> None:
    result = check("--format", "gitlab", *mixed(write))
    assert result.exit_code == 2
    invalid = [i for i in _report(result) if i["check_name"] == "invalid-file"]
    assert {Path(i["location"]["path"]).name for i in invalid} == {
        "broken.hria.yaml",
        "wrong.hria.yaml",
    }
    assert all(i["severity"] == "blocker" for i in invalid)
    broken = next(i for i in invalid if i["location"]["path"].endswith("broken.hria.yaml"))
    assert broken["location"]["lines"]["begin"] == 2


def test_a_crash_is_an_issue(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    explode_on(monkeypatch, "Pilot")
    result = check("--format", "gitlab", write("a.hria.yaml", NO_LAW))
    assert result.exit_code == 3
    (issue,) = _report(result)
    assert issue["check_name"] == "internal-error" and "bug in hria" in issue["description"]


def test_no_issues_is_an_empty_list(write: Write) -> None:
    result = check("--format", "gitlab", write("clean.hria.yaml", NO_FLAGS))
    assert result.exit_code == 0
    assert result.stdout == "[]\n"


def test_paths_outside_the_project_stay_as_given(write: Write, tmp_path: Path) -> None:
    path = write("a.hria.yaml", NO_LAW)
    assert tmp_path.is_absolute()
    issues = _report(check("--format", "gitlab", path))
    assert {i["location"]["path"] for i in issues} == {str(path)}
