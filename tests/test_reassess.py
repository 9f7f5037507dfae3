"""Re-assessment: `hria new --from OLD NEW` carries the answers over, marked, and the interview
confirms or changes them section by section; what does not carry over is reported."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from hria.files.store import load_assessment
from hria.interview import commands as interactive
from hria.interview.carry import Given, carry
from hria.interview.prompts import ScriptedPrompter
from hria.interview.reassess import KEEP, new_from
from hria.models.bank import Bank
from tests.conftest import MINI, MINI_HEADER

TODAY = dt.date(2026, 11, 22)
CONTINUE, DONE = "__continue__", "__done__"
OLD = (
    MINI_HEADER.replace("created: 2026-01-05", "created: 2026-01-05\n  review_by: 2026-10-01")
    + """\
answers:
  basics.tech: {value: [faces]}
  basics.law: {value: "yes", evidence: [Act 1]}
  basics.mode: {value: one_to_one}
  details.people: {value: 12}
  details.why: {value: Safety, note: As stated by the board.}
"""
)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, [*args, "--bank", str(MINI)])


def old_file(tmp_path: Path, text: str = OLD) -> Path:
    path = tmp_path / "old.hria.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_answers_are_carried_over_and_marked(mini: Bank, tmp_path: Path) -> None:
    carried = carry(mini, old_file(tmp_path), TODAY, Given(assessor="B. Person"))
    assessment = carried.assessment
    assert set(assessment.carried) == {
        "basics.tech",
        "basics.law",
        "basics.mode",
        "details.people",
        "details.why",
    }
    assert assessment.answers["basics.law"].evidence == ["Act 1"]
    assert assessment.answers["details.why"].note == "As stated by the board."
    metadata = assessment.metadata
    assert (metadata.created, metadata.status, metadata.review_by) == (TODAY, "draft", None)
    assert metadata.assessor == "B. Person" and metadata.title == "Pilot"
    assert metadata.previous is not None
    assert (metadata.previous.title, metadata.previous.date) == ("Pilot", dt.date(2026, 1, 5))
    assert carried.dropped == [] and carried.hidden == []


def test_what_no_longer_exists_or_applies_is_reported(mini: Bank, tmp_path: Path) -> None:
    text = OLD.replace("basics.tech: {value: [faces]}", "basics.tech: {value: [gps]}")
    text += "  basics.gone: {value: 'yes'}\n  details.people2: {value: 3}\n"
    text = text.replace("details.people: {value: 12}", "details.people: {value: -4}")
    carried = carry(mini, old_file(tmp_path, text), TODAY, Given())
    assert carried.dropped == [
        ("details.people", "its value no longer fits the question"),
        ("basics.gone", "no longer in bank mini 0.1.0"),
        ("details.people2", "no longer in bank mini 0.1.0"),
    ]
    assert carried.hidden == ["basics.mode"]  # kept, still marked, not evaluated
    assert "basics.mode" in carried.assessment.carried


def test_a_skeleton_from_an_earlier_file_keeps_the_marks_and_checks(
    mini: Bank, tmp_path: Path
) -> None:
    old = old_file(tmp_path, OLD.replace("  details.people: {value: 12}\n", ""))
    new = tmp_path / "new.hria.yaml"
    result = invoke("new", "--skeleton", "--from", str(old), str(new))
    assert result.exit_code == 0, result.output
    assert "4 answer(s) carried over" in result.stdout
    text = new.read_text(encoding="utf-8")
    assert text.count("\n    carried_over: true\n") == 4
    assert "  # details.people:\n  #   value:\n" in text  # the gap, as a block to fill in
    assert "A re-assessment of “Pilot” (2026-01-05" in text
    loaded = load_assessment(new, mini).assessment
    assert loaded.metadata.previous is not None and loaded.metadata.previous.file == str(old)
    checked = invoke("check", str(new), "--fail-on", "none")
    assert checked.exit_code == 0, checked.output
    assert "carried over from Pilot (2026-01-05), not yet confirmed: basics.tech" in checked.stdout
    as_json = json.loads(invoke("check", str(new), "--format", "json", "--fail-on", "none").stdout)
    assert as_json["files"][0]["carried_over"] == [
        "basics.tech",
        "basics.law",
        "basics.mode",
        "details.why",
    ]


def test_confirming_clears_the_marks_section_by_section(mini: Bank, tmp_path: Path) -> None:
    new = tmp_path / "new.hria.yaml"
    replies = [
        "basics.law",  # Basics: change the law answer...
        "no",  # ...to no
        KEEP,  # keep the rest of Basics
        KEEP,  # Details: keep all
        "",  # details.started (optional, skipped)
        CONTINUE,  # review: Details
        DONE,  # impact register
    ]
    prompter = ScriptedPrompter(replies)
    new_from(mini, old_file(tmp_path), new, prompter, TODAY, False, Given())
    assert not prompter.replies
    assert prompter.asked[:3] == [
        "Carried over: Basics. Keep these answers?",
        "Is there a law?",
        "Carried over: Basics. Keep these answers?",
    ]
    final = load_assessment(new, mini).assessment
    assert final.carried == [] and final.metadata.status == "complete"
    assert final.answers["basics.law"].value == "no"
    assert final.answers["details.why"].note == "As stated by the board."
    assert "carried_over" not in new.read_text(encoding="utf-8")
    assert any("5 answer(s) carried over" in line for line in prompter.shown)


def test_an_interrupted_confirmation_resumes_where_it_stopped(mini: Bank, tmp_path: Path) -> None:
    new = tmp_path / "new.hria.yaml"
    prompter = ScriptedPrompter([KEEP, KeyboardInterrupt()])
    with pytest.raises(interactive.InterruptedInterview):
        new_from(mini, old_file(tmp_path), new, prompter, TODAY, False, Given())
    assert load_assessment(new, mini).assessment.carried == ["details.people", "details.why"]
    resumed = ScriptedPrompter([KEEP, "", CONTINUE, DONE])
    interactive.resume(mini, new, resumed, TODAY)
    assert resumed.asked[0] == "Carried over: Details. Keep these answers?"
    assert load_assessment(new, mini).assessment.carried == []


def test_a_hidden_carried_answer_is_reported_in_the_interview(mini: Bank, tmp_path: Path) -> None:
    text = OLD.replace("basics.tech: {value: [faces]}", "basics.tech: {value: [gps]}")
    prompter = ScriptedPrompter([KEEP, KEEP, "", CONTINUE, DONE])
    new_from(
        mini, old_file(tmp_path, text), tmp_path / "n.hria.yaml", prompter, TODAY, False, Given()
    )
    shown = "\n".join(prompter.shown)
    assert "carried over but not applicable now (kept, not evaluated): basics.mode" in shown
    assert "still marked carried over): basics.mode" in shown


def test_the_report_shows_unconfirmed_answers(tmp_path: Path) -> None:
    new = tmp_path / "new.hria.yaml"
    assert invoke("new", "--skeleton", "--from", str(old_file(tmp_path)), str(new)).exit_code == 0
    out = tmp_path / "r.md"
    result = invoke("report", str(new), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "(carried over, not yet confirmed)" in out.read_text(encoding="utf-8")


def test_strict_check_fails_while_answers_wait_for_confirmation(tmp_path: Path) -> None:
    text = OLD.replace(
        'basics.law: {value: "yes", evidence: [Act 1]}',
        'basics.law: {value: "yes", evidence: [Act 1], carried_over: true}',
    )
    path = old_file(tmp_path, text)
    assert invoke("check", str(path), "--strict", "--fail-on", "none").exit_code == 1
    assert invoke("check", str(old_file(tmp_path)), "--strict", "--fail-on", "none").exit_code == 0


@pytest.mark.parametrize("skeleton", [[], ["--skeleton"]])
def test_option_errors_exit_2_with_a_clear_message(tmp_path: Path, skeleton: list[str]) -> None:
    new = tmp_path / "new.hria.yaml"
    missing = invoke("new", *skeleton, "--from", str(tmp_path / "nope.hria.yaml"), str(new))
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    old = old_file(tmp_path)
    same = invoke("new", *skeleton, "--from", str(old), str(old))
    assert same.exit_code == 2 and "both the earlier assessment and the new one" in same.stderr
    new.write_text("mine\n", encoding="utf-8")
    existing = invoke("new", *skeleton, "--from", str(old), str(new))
    assert existing.exit_code == 2 and "exists already" in existing.stderr
    assert "--force" in existing.stderr
    assert new.read_text(encoding="utf-8") == "mine\n" and old.read_text(encoding="utf-8") == OLD
    assert not missing.stdout and not same.stdout and not existing.stdout


def test_an_earlier_file_of_an_older_bank_is_sent_to_migrate(tmp_path: Path) -> None:
    old = old_file(tmp_path, OLD.replace("version: 0.1.0", "version: 0.0.1"))
    result = invoke("new", "--skeleton", "--from", str(old), str(tmp_path / "n.hria.yaml"))
    assert result.exit_code == 0  # same major: carried over, with the bank of today
    broken = old_file(tmp_path, OLD.replace("role: deployer", "role: judge"))
    result = invoke("new", "--skeleton", "--from", str(broken), str(tmp_path / "m.hria.yaml"))
    assert result.exit_code == 2 and "metadata.role" in result.stderr
