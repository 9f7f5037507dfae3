"""`hria review` end to end in a real pseudo-terminal: accept and challenge answers, Ctrl-C
with the review saved, carrying on where it stopped, the flags, a missed finding, the opinion
and the sign-off; the lock against a second review; and `hria check --review` afterwards."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from hria.bank.load import load_bank
from hria.files.reviews import load_review
from tests.conftest import MINI
from tests.test_plan_tui import NO_LAW
from tests.test_tui import CTRL_C, DOWN, ENTER, answer, spawn

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]
FIRST, SECOND, THIRD = DOWN + ENTER, DOWN * 2 + ENTER, DOWN * 3 + ENTER


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    status: int = child.exitstatus
    return status


def test_review_interrupt_and_carry_on(tmp_path: Path) -> None:
    assessment = tmp_path / "a.hria.yaml"
    assessment.write_text(NO_LAW, encoding="utf-8")
    before = assessment.read_bytes()
    path = tmp_path / "a.review.hria.yaml"

    child = spawn("review", "a.hria.yaml", cwd=tmp_path)
    answer(child, "Your name", "R. Reviewer\r")
    answer(child, "On behalf of which organisation?", "Example Rights Watch\r")
    answer(child, "Your role", FIRST)  # NGO
    child.expect_exact("Answer 1 of 4: 1.1 Which technologies?")
    answer(child, "Answered: GPS", "")
    answer(child, "Accept or challenge?", FIRST)
    child.expect_exact("Answer 2 of 4: 1.2 Is there a law?")
    answer(child, "Answered: No", "")
    answer(child, "Accept or challenge?", SECOND)  # challenge
    answer(child, "Is there a law?", FIRST)  # Yes, with the yes/no control
    answer(child, "Your evidence", "Act 2020 s. 1\r")
    answer(child, "Why do you challenge it?", "The law exists.\r")
    child.expect_exact("Answer 3 of 4: 2.1 How many people?")
    answer(child, "Accept or challenge?", CTRL_C)
    child.expect_exact("the review so far is saved in a.review.hria.yaml")
    child.expect_exact("carry on with: hria review a.hria.yaml")
    assert finish(child) == 130

    saved = load_review(path, load_bank(MINI)).review
    assert list(saved.answers) == ["basics.tech", "basics.law"]
    assert saved.answers["basics.law"].value == "yes"
    assert saved.answers["basics.law"].evidence == ["Act 2020 s. 1"]
    assert saved.answers["basics.law"].seen is not None
    assert (path.stat().st_mode & 0o777) == 0o600

    child = spawn("review", "a.hria.yaml", cwd=tmp_path)
    child.expect_exact("Answer 3 of 4: 2.1 How many people?")  # where it stopped
    answer(child, "Accept or challenge?", FIRST)
    child.expect_exact("Answer 4 of 4: 2.3 Why?")
    answer(child, "Accept or challenge?", FIRST)
    child.expect_exact("Flag 1 of 1:")
    answer(child, "LEG-001 HIGH: No law", "")
    answer(child, "Your opinion on this flag", SECOND)  # disagree
    answer(child, "Why?", "There is a law.\r")
    answer(child, "Findings the assessment missed (0 so far)", FIRST)  # add
    answer(child, "Which gate of the test does it belong to?", THIRD)  # necessity
    answer(child, "What was missed, in one line", "No impact assessment\r")
    answer(child, "How serious is it?", THIRD)  # medium
    answer(child, "Describe it (optional)", ENTER)
    answer(child, "What shows it?", "DPIA register\r")
    answer(child, "Findings the assessment missed (1 so far)", SECOND)  # continue
    answer(child, "Do you agree with it?", SECOND)  # no
    answer(child, "Which decision do you recommend?", SECOND)  # suspend
    answer(child, "Your overall comment (optional)", ENTER)
    answer(child, "Sign the review?", FIRST)
    answer(child, "Signed by", ENTER)  # the reviewer's name
    child.expect_exact("Verdict as answered:         Fails the legality test")
    child.expect_exact("Verdict with the challenges: No major flags found")
    child.expect_exact("The review is signed in a.review.hria.yaml")
    assert finish(child) == 0

    done = load_review(path, load_bank(MINI)).review
    assert len(done.answers) == 4 and done.flags["LEG-001"].opinion == "disagree"
    assert done.missed[0].gate == "necessity" and done.missed[0].severity == "medium"
    assert done.opinion is not None and done.opinion.recommended == "suspend"
    assert done.signed is not None and done.signed.name == "R. Reviewer"
    assert assessment.read_bytes() == before  # the assessment is never written

    checked = subprocess.run(
        [sys.executable, "-m", "hria", "check", "a.hria.yaml", "--review", path.name,
         "--bank", str(MINI)],
        cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert "flags the challenges clear: 1" in checked.stdout, checked.stdout + checked.stderr
    assert "HIGH     LEG-001  No law [Legality]" in checked.stdout.split("clear: 1", 1)[1]


def test_a_second_review_of_the_same_file_is_refused_while_one_runs(tmp_path: Path) -> None:
    (tmp_path / "a.hria.yaml").write_text(NO_LAW, encoding="utf-8")
    first = spawn("review", "a.hria.yaml", cwd=tmp_path)
    answer(first, "Your name", "R. Reviewer\r")
    answer(first, "On behalf of which organisation?", "Watch\r")
    answer(first, "Your role", FIRST)
    first.expect_exact("Accept or challenge?")
    second = spawn("review", "a.hria.yaml", cwd=tmp_path)
    second.expect_exact("a.review.hria.yaml is open in another interview")
    assert finish(second) == 2
    first.send(CTRL_C)
    assert finish(first) == 130


def test_review_needs_a_terminal(tmp_path: Path) -> None:
    (tmp_path / "a.hria.yaml").write_text(NO_LAW, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "hria", "review", "a.hria.yaml", "--bank", str(MINI)],
        cwd=tmp_path, capture_output=True, text=True, timeout=30, check=False, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert result.returncode == 2
    assert "the interview needs a terminal" in result.stderr
    assert not (tmp_path / "a.review.hria.yaml").exists()
