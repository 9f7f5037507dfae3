"""Screening first: the screen's result, the offer to stop, screen-only files, and how `check`
and `resume` treat a screening. Driven by a scripted prompter over the small test bank, to
which a screen (its first section) is added."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.bank.load import load_bank
from hria.cli import app
from hria.files.store import load_assessment
from hria.interview import commands as interactive
from hria.interview.prompts import ScriptedPrompter
from hria.models.bank import Bank
from tests.conftest import MINI

TODAY = dt.date(2026, 11, 22)
META = ["Pilot", "Example agency", "deployer", "A. Person", "2027-06-30"]
CONTINUE, DONE = "__continue__", "__done__"
BASICS_RED = [["faces"], "yes", "Act 1, s. 2", "", "one_to_many", CONTINUE]
BASICS_CLEAN = [["faces"], "yes", "Act 1, s. 2", "", "one_to_one", CONTINUE]
DETAILS = ["12", "2026-01-01", "Safety", CONTINUE]
runner = CliRunner()


@pytest.fixture
def screened_bank(tmp_path: Path) -> tuple[Bank, Path]:
    folder = tmp_path / "bank"
    shutil.copytree(MINI, folder)
    manifest = folder / "bank.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace(
            "sections: [basics, details]", "screening: [basics]\nsections: [basics, details]"
        ),
        encoding="utf-8",
    )
    return load_bank(folder), folder


def _new(bank: Bank, path: Path, replies: list[Any], screen_only: bool = False) -> ScriptedPrompter:
    prompter = ScriptedPrompter(META + replies)
    interactive.new(bank, path, prompter, TODAY, force=False, screen_only=screen_only)
    assert not prompter.replies, f"unused replies: {prompter.replies}"
    return prompter


def _check(folder: Path, path: Path, *options: str) -> Any:
    return runner.invoke(app, ["check", "--bank", str(folder), *options, str(path)])


def test_the_screen_shows_its_result_and_stopping_saves_a_screening(
    screened_bank: tuple[Bank, Path], tmp_path: Path
) -> None:
    bank, folder = screened_bank
    path = tmp_path / "a.hria.yaml"
    prompter = _new(bank, path, [*BASICS_RED, "stop"])
    shown = "\n".join(prompter.shown)
    assert "The screen is done." in shown
    assert "Red lines crossed:" in shown and "RL-001" in shown
    assert "Go on, or stop at the screen?" in prompter.asked[-1]
    metadata = load_assessment(path, bank).assessment.metadata
    assert metadata.scope == "screening" and metadata.status == "complete"
    assert "details.people" not in load_assessment(path, bank).assessment.answers
    result = _check(folder, path)
    assert result.exit_code == 1
    assert "do not deploy (screening only: the full test was not run)" in result.stdout


def test_a_clean_screen_never_passes(screened_bank: tuple[Bank, Path], tmp_path: Path) -> None:
    bank, folder = screened_bank
    path = tmp_path / "a.hria.yaml"
    _new(bank, path, [*BASICS_CLEAN, "stop"])
    result = _check(folder, path)
    assert result.exit_code == 0
    assert "Screening only: no red line found; the full test was not run" in result.stdout
    assert "no major flags" not in result.stdout
    assert _check(folder, path, "--strict").exit_code == 1, "a screening is not a full assessment"
    data = json.loads(_check(folder, path, "--format", "json").stdout)
    assert data["files"][0]["verdict"]["outcome"] == "screened"


def test_going_on_runs_the_full_test(screened_bank: tuple[Bank, Path], tmp_path: Path) -> None:
    bank, _ = screened_bank
    path = tmp_path / "a.hria.yaml"
    _new(bank, path, [*BASICS_CLEAN, "full", *DETAILS, DONE])
    metadata = load_assessment(path, bank).assessment.metadata
    assert metadata.scope == "full" and metadata.status == "complete"


def test_screen_only_asks_the_screen_and_no_more(
    screened_bank: tuple[Bank, Path], tmp_path: Path
) -> None:
    bank, _ = screened_bank
    path = tmp_path / "a.hria.yaml"
    prompter = _new(bank, path, BASICS_CLEAN, screen_only=True)
    assert not any("Go on, or stop" in m for m in prompter.asked)
    assert load_assessment(path, bank).assessment.metadata.scope == "screening"
    assert any("hria resume" in s for s in prompter.shown)


def test_resume_takes_a_screening_into_the_full_test(
    screened_bank: tuple[Bank, Path], tmp_path: Path
) -> None:
    bank, _ = screened_bank
    path = tmp_path / "a.hria.yaml"
    _new(bank, path, BASICS_CLEAN, screen_only=True)
    prompter = ScriptedPrompter(["full", *DETAILS, DONE])
    interactive.resume(bank, path, prompter, TODAY)
    assert not prompter.replies
    loaded = load_assessment(path, bank).assessment
    assert loaded.metadata.scope == "full" and loaded.answers["details.people"].value == 12


def test_a_bank_without_a_screen_refuses_screen_only(mini: Bank, tmp_path: Path) -> None:
    with pytest.raises(Exception, match="defines no screen"):
        interactive.new(
            mini, tmp_path / "a.hria.yaml", ScriptedPrompter([]), TODAY, False, screen_only=True
        )


def test_the_report_says_it_is_a_screening(
    screened_bank: tuple[Bank, Path], tmp_path: Path
) -> None:
    bank, folder = screened_bank
    path = tmp_path / "a.hria.yaml"
    _new(bank, path, [*BASICS_CLEAN, "stop"])
    out = tmp_path / "r.md"
    result = runner.invoke(app, ["report", "--bank", str(folder), str(path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "Screening only" in text and "Not assessed: screening only" in text


def test_the_bundled_screen_is_short(bank: Bank) -> None:
    assert bank.screening == ["context", "red_lines"]
    assert 15 <= len(bank.screening_questions) <= 40
