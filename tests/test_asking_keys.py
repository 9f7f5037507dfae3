"""Help and back as keys, through the scripted prompter: help keeps the control as it was,
back at the evidence returns to the question, back at the note returns to the evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import pytest

from hria.files.store import load_assessment
from hria.interview import commands as interactive
from hria.interview.prompts import BACK, HELP, ScriptedPrompter
from hria.models.bank import Bank

TODAY = dt.date(2026, 11, 22)
META = ["Pilot", "Example agency", "deployer", "A. Person", "2027-06-30"]
REST = ["__continue__", "12", "", "", "__continue__", "__done__"]


def run(mini: Bank, path: Path, replies: Sequence[object]) -> ScriptedPrompter:
    prompter = ScriptedPrompter([*META, *replies])
    interactive.new(mini, path, prompter, TODAY, force=False)
    assert not prompter.replies, f"unused replies: {prompter.replies}"
    return prompter


def test_back_at_the_note_keeps_the_evidence_typed(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    prompter = run(mini, path, [["gps"], "yes", "Act 1", BACK, None, "Read it", *REST])
    saved = load_assessment(path, mini).assessment.answers["basics.law"]
    assert (saved.value, saved.evidence, saved.note) == ("yes", ["Act 1"], "Read it")
    assert sum(a.startswith("Evidence:") for a in prompter.asked) == 2


def test_back_at_the_evidence_asks_the_question_again(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    prompter = run(mini, path, [["gps"], "yes", "<", "no", *REST])
    assert load_assessment(path, mini).assessment.answers["basics.law"].value == "no"
    assert prompter.asked.count("Is there a law?") == 2


def test_help_at_a_text_prompt_then_the_answer(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    replies = [["gps"], "no", "__continue__", HELP, "?", "12", "", "", "__continue__", "__done__"]
    prompter = run(mini, path, replies)
    assert sum(s.startswith("Why we ask: Scale.") for s in prompter.shown) == 2
    assert load_assessment(path, mini).assessment.answers["details.people"].value == 12


def test_enter_on_an_untouched_choice_is_no_answer(mini: Bank, tmp_path: Path) -> None:
    with pytest.raises(AssertionError, match="Enter does not answer"):
        run(mini, tmp_path / "a.hria.yaml", [["gps"], None])
