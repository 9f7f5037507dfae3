"""Accepted risks in the CI formats: a waived flag is still reported, never as a failure."""

from __future__ import annotations

import json
from pathlib import Path

from junitparser import JUnitXml

from tests.format_cases import NO_LAW, Write, check

WAIVER = """\
waivers:
  - rule: LEG-001
    reason: The statute is before parliament; the board accepts the gap until then.
    approved_by: Audit board
    approved: 2026-02-01
    expires: 2027-01-31
"""


def _waived(write: Write) -> Path:
    return write("a.hria.yaml", NO_LAW + WAIVER)


def test_sarif_marks_a_waived_flag_as_an_accepted_suppression(write: Write) -> None:
    from tests.test_check_sarif import _results, _sarif

    result = check("--isolated", "--today", "2026-06-01", "--format", "sarif", _waived(write))
    assert result.exit_code == 0
    law = next(r for r in _results(_sarif(result)) if r["ruleId"] == "LEG-001")
    assert law["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "The statute is before parliament; the board accepts the gap until then.",
        }
    ]
    expired = check("--isolated", "--today", "2027-03-01", "--format", "sarif", _waived(write))
    assert expired.exit_code == 1
    law = next(r for r in _results(_sarif(expired)) if r["ruleId"] == "LEG-001")
    assert "suppressions" not in law


def test_junit_does_not_fail_a_gate_on_a_waived_flag(write: Write) -> None:
    result = check("--isolated", "--today", "2026-06-01", "--format", "junit", _waived(write))
    assert result.exit_code == 0
    (suite,) = list(JUnitXml.fromstring(result.stdout))
    legality = next(case for case in suite if case.name == "Legality")
    assert legality.result == []
    assert "waived until 2027-01-31 by Audit board" in (legality.system_out or "")


def test_quiet_and_the_github_format_follow_the_waiver(write: Write) -> None:
    path = _waived(write)
    quiet = check("--isolated", "--today", "2026-06-01", "-q", path)
    assert (quiet.exit_code, quiet.stdout) == (0, "")
    github = check("--isolated", "--today", "2026-06-01", "--format", "github", path)
    (law,) = [line for line in github.stdout.splitlines() if "LEG-001" in line]
    assert law.startswith("::notice ") and "waived until 2027-01-31" in law
    document = json.loads(check("--isolated", "--today", "2026-06-01", "-f", "json", path).stdout)
    flag = next(f for f in document["files"][0]["flags"] if f["code"] == "LEG-001")
    assert flag["line"] == 12 and flag["waived"]["approved_by"] == "Audit board"
