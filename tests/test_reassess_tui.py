"""In a real pseudo-terminal: a re-assessment's per-section screen, and `hria resume` taking
over a skeleton at its first gap."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pexpect
import pytest

from hria.bank.load import load_bank
from hria.files.store import load_assessment
from tests.conftest import MINI, MINI_HEADER

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
DOWN, ENTER = "\x1b[B", "\r"


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "80"}
    return pexpect.spawn(
        sys.executable,
        ["-m", "hria", *args, "--bank", str(MINI)],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(24, 80),
    )


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


def finish(child: pexpect.spawn) -> None:
    child.expect_exact("The assessment is complete")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0


def test_a_re_assessment_keeps_one_section_and_changes_another(tmp_path: Path) -> None:
    answers = "answers:\n  basics.tech: {value: [gps]}\n  basics.law: {value: 'no'}\n"
    answers += "  details.people: {value: 12}\n"
    (tmp_path / "old.hria.yaml").write_text(MINI_HEADER + answers, encoding="utf-8")
    child = spawn("new", "--from", "old.hria.yaml", "new.hria.yaml", cwd=tmp_path)
    child.expect_exact("3 answer(s) carried over")
    answer(child, "Carried over: Basics. Keep these answers?", ENTER)  # keep all
    answer(child, "Carried over: Details. Keep these answers?", DOWN + ENTER)  # change 2.1
    answer(child, "How many people?", "\x7f\x7f40\r")
    answer(child, "When did it start?", ENTER)
    answer(child, "Why?", ENTER)
    answer(child, "Review: Details", ENTER)
    answer(child, "Impact register", ENTER)
    finish(child)
    final = load_assessment(tmp_path / "new.hria.yaml", load_bank(MINI)).assessment
    assert final.carried == [] and final.answers["details.people"].value == 40
    assert final.metadata.previous is not None and final.metadata.previous.title == "Pilot"


def test_resume_takes_over_a_skeleton(tmp_path: Path) -> None:
    child = spawn("new", "--skeleton", "s.hria.yaml", "--title", "Pilot", cwd=tmp_path)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    child = spawn("resume", "s.hria.yaml", cwd=tmp_path)
    answer(child, "Which organisation", "Agency\r")
    answer(child, "Who is answering", "A. Person\r")
    answer(child, "Which technologies?", DOWN + " " + ENTER)  # GPS
    answer(child, "Is there a law?", DOWN + DOWN + ENTER)  # No (the pointer starts on none)
    answer(child, "Review: Basics", ENTER)
    answer(child, "How many people?", "5\r")
    answer(child, "When did it start?", ENTER)
    answer(child, "Why?", ENTER)
    answer(child, "Review: Details", ENTER)
    answer(child, "Impact register", ENTER)
    finish(child)
    final = load_assessment(tmp_path / "s.hria.yaml", load_bank(MINI)).assessment
    assert final.metadata.placeholders == [] and final.metadata.organisation == "Agency"
    assert "# [1.1] Which technologies?" in (tmp_path / "s.hria.yaml").read_text()
