"""The screen in a real pseudo-terminal: its result on screen, the offer to stop, and a
screening file that `hria check` reads. The screen is decoded by a terminal emulator (pyte)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import MINI
from tests.test_terminal_controls import DOWN, ENTER, META, SPACE, Terminal

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]


def _screened_bank(tmp_path: Path) -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(MINI, folder)
    manifest = folder / "bank.yaml"
    text = manifest.read_text(encoding="utf-8")
    screen = "screening: [basics]\nsections: [basics, details]"
    manifest.write_text(text.replace("sections: [basics, details]", screen), encoding="utf-8")
    return folder


@pytest.mark.parametrize("columns", [80, 100])
def test_stopping_at_the_screen_writes_a_screening_that_check_reads(
    tmp_path: Path, columns: int
) -> None:
    bank = _screened_bank(tmp_path)
    term = Terminal(
        "new", "a.hria.yaml", "--bank", str(bank), cwd=tmp_path, columns=columns, colour=False
    )
    prompts = ("Which deployment", "Which organisation", "Your role", "Who is answering", "Review")
    for prompt, keys in zip(prompts, META, strict=True):
        term.wait(prompt)
        term.child.send(keys)
    term.wait("? Which technologies?")
    assert "0 answered, 5 questions to go" in term.text()
    term.press(DOWN + SPACE + ENTER, "Is there a law?")  # GPS only: the face question stays shut
    term.press(DOWN + DOWN + ENTER, "Change an answer?")  # No: LEG-001
    assert "▲ LEG-001 HIGH" in term.text(), "the flag is marked by a symbol under NO_COLOR"
    term.press(ENTER, "Go on, or stop at the screen?")  # the review: continue
    screen = term.text()
    assert "The screen is done." in screen and "No red line is crossed" in screen
    assert "Go on to the full test (3 more questions as the answers stand)" in screen
    term.press(DOWN + ENTER, "The screening is saved")
    term.settle()
    assert "Go on to the full test later with: hria resume a.hria.yaml" in term.text()
    term.child.close()
    assert term.child.exitstatus == 0
    result = CliRunner().invoke(app, ["check", "--bank", str(bank), str(tmp_path / "a.hria.yaml")])
    assert "Screening only: no red line found; the full test was not run" in result.stdout
    assert result.exit_code == 0
