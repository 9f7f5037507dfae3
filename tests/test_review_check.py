"""`hria check FILE --review REVIEW`: the what-if on bundled examples (a challenge that
crosses a red line, one that clears a high flag), in text and JSON."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from typer.testing import CliRunner, Result

from hria.cli import app
from hria.domain.whatif import apply_challenges, what_if
from hria.files.reviews import load_review, review_path_for
from hria.files.store import load_assessment
from hria.models.bank import Bank
from tests.test_review_file import copy_example, review_text

TODAY = "2026-12-01"
RED_LINE = """\
answers:
  red_lines.face_identification:
    verdict: challenged
    value: "yes"
    evidence: ["Procurement notice 2026/114, lot 2"]
    comment: The vendor's gallery search is switched on.
  context.compulsion: {verdict: accepted}
"""
CLEARS_HIGH = """\
answers:
  monitoring.location_tracking:
    verdict: challenged
    value: at_check_ins
    evidence: [Contract schedule 4, clause 2 (check-in mode only)]
opinion: {agrees_with_verdict: true, recommended: do_not_deploy}
"""


def reviewed(tmp_path: Path, bank: Bank, example: str, body: str) -> tuple[Path, Path]:
    assessment = copy_example(tmp_path, example)
    review = review_path_for(assessment)
    review.write_text(review_text(bank, assessment, body), encoding="utf-8")
    return assessment, review


def run(*args: str) -> Result:
    return CliRunner().invoke(app, ["check", *args, "--today", TODAY])


def test_a_challenge_that_crosses_a_red_line(tmp_path: Path, bank: Bank) -> None:
    assessment, review = reviewed(tmp_path, bank, "on-device-verification", RED_LINE)
    result = run(str(assessment), "--review", str(review))
    assert result.exit_code == 0, result.output  # the exit code is the assessment's as answered
    out = result.stdout
    assert "verdict as answered:         No major flags found" in out
    assert "verdict with the challenges: Incompatible with human rights: do not deploy" in out
    assert "contested answers: 1 (red_lines.face_identification)" in out
    raised = out.split("flags the challenges raise:", 1)[1]
    assert "RED LINE RL-001   Faces are searched one-to-many to identify people" in raised
    assert "flags the challenges clear" not in out

    document = json.loads(run(str(assessment), "--review", str(review), "-f", "json").stdout)
    entry = document["files"][0]["review"]
    assert entry["verdict_as_answered"]["outcome"] == "no_major_flags"
    assert entry["verdict_with_challenges"]["outcome"] == "do_not_deploy"
    assert {"code": "RL-001", "severity": "red_line"}.items() <= entry["raised"][0].items()
    assert entry["cleared"] == [] and entry["stale"] is False
    assert document["files"][0]["verdict"]["outcome"] == "no_major_flags"


def test_a_challenge_that_clears_a_high_flag(tmp_path: Path, bank: Bank) -> None:
    assessment, review = reviewed(tmp_path, bank, "gps-tagging-immigration-bail", CLEARS_HIGH)
    before = run(str(assessment))
    assert "ATD-002  People's location is tracked around the clock" in before.stdout
    result = run(str(assessment), "--review", str(review))
    assert result.exit_code == before.exit_code == 1
    cleared = result.stdout.split("flags the challenges clear:", 1)[1]
    assert "HIGH     ATD-002  People's location is tracked around the clock" in cleared
    assert "the reviewer agrees with the verdict and recommends: Do not deploy" in result.stdout
    document = json.loads(run(str(assessment), "--review", str(review), "-f", "json").stdout)
    assert [f["code"] for f in document["files"][0]["review"]["cleared"]] == ["ATD-002"]


def test_the_assessment_itself_is_never_changed(tmp_path: Path, bank: Bank) -> None:
    assessment, review = reviewed(tmp_path, bank, "on-device-verification", RED_LINE)
    before = assessment.read_bytes()
    loaded = load_assessment(assessment, bank).assessment
    applied = apply_challenges(loaded, load_review(review, bank).review)
    assert applied.answers["red_lines.face_identification"].value == "yes"
    assert applied.answers["red_lines.face_identification"].evidence == [
        "Procurement notice 2026/114, lot 2"
    ]
    assert loaded.answers["red_lines.face_identification"].value == "no"
    run(str(assessment), "--review", str(review))
    assert assessment.read_bytes() == before


def test_a_flag_raised_on_other_answers_is_neither_raised_nor_cleared(
    tmp_path: Path, bank: Bank
) -> None:
    """Where errors can cost liberty, unmeasured and unknown error rates both raise NEC-003."""
    assessment, review = reviewed(
        tmp_path,
        bank,
        "gps-tagging-immigration-bail",
        "answers:\n  necessity.accuracy_in_context: {verdict: challenged, value: unknown}\n"
        "  necessity.accuracy_conditions: {verdict: challenged, value: unknown}\n",
    )
    loaded = load_assessment(assessment, bank).assessment
    result = what_if(bank, loaded, load_review(review, bank).review, dt.date(2026, 12, 1))
    codes = {f.code for f in result.raised} | {f.code for f in result.cleared}
    assert "NEC-003" not in codes  # raised as answered, and on the unknowns
    after = {f.code: f for f in result.challenged.flags}
    assert "NEC-003" in after and "NEC-003" in {f.code for f in result.as_answered.flags}
    assert "NEC-003" not in {m.after.code for m in result.moved}
    assert result.as_answered.verdict.outcome is result.challenged.verdict.outcome
    assert not result.verdict_changes


def test_review_goes_with_one_file(tmp_path: Path, bank: Bank) -> None:
    assessment, review = reviewed(tmp_path, bank, "on-device-verification", RED_LINE)
    result = run(str(tmp_path), "--review", str(review))
    assert result.exit_code == 2
    assert "--review goes with one assessment file" in result.stderr
    result = run(str(assessment), "--review", str(review), "--format", "github")
    assert result.exit_code == 2 and "--review shows text or json" in result.stderr
