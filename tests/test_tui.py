"""End to end in a real pseudo-terminal: `hria new`, back, review, Ctrl-C, `hria resume`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from hria.bank.load import load_bank
from hria.files.store import load_assessment
from tests.conftest import MINI

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
DOWN, SPACE, ENTER, CTRL_C = "\x1b[B", " ", "\r", "\x03"


def spawn(*args: str, cwd: Path) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm", "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("PROMPT_TOOLKIT_NO_CPR", None)  # hria must cope with a terminal that never answers
    child = pexpect.spawn(
        sys.executable,
        ["-m", "hria", *args, "--bank", str(MINI)],
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        timeout=15,
        dimensions=(24, 80),
    )
    return child


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    child.expect_exact(prompt)
    child.send(keys)


def test_new_back_review_interrupt_and_resume(tmp_path: Path) -> None:
    child = spawn("new", "pilot.hria.yaml", cwd=tmp_path)
    answer(child, "Which deployment is assessed", "Border pilot\r")
    answer(child, "Which organisation", "Example agency\r")
    answer(child, "Your role", ENTER)
    answer(child, "Who is answering", "A. Person\r")
    answer(child, "Review by", ENTER)
    answer(child, "Which technologies?", DOWN + SPACE + ENTER)  # GPS
    answer(child, "Is there a law?", "<")  # back
    answer(child, "Which technologies?", ENTER)  # keep GPS
    answer(child, "Is there a law?", DOWN + DOWN + ENTER)  # No (the pointer starts on none)
    child.expect_exact("LEG-001")  # the new flag, at once
    answer(child, "Review: Basics", DOWN + DOWN + ENTER)  # change the law answer
    answer(child, "Is there a law?", DOWN + ENTER)  # from No to Unknown
    answer(child, "Review: Basics", ENTER)
    answer(child, "How many people?", CTRL_C)
    child.expect_exact("hria resume pilot.hria.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130

    bank = load_bank(MINI)
    draft = load_assessment(tmp_path / "pilot.hria.yaml", bank).assessment
    assert {q: a.value for q, a in draft.answers.items()} == {
        "basics.tech": ["gps"],
        "basics.law": "unknown",
    }
    assert draft.metadata.status == "draft" and draft.metadata.title == "Border pilot"

    child = spawn("resume", "pilot.hria.yaml", cwd=tmp_path)
    answer(child, "How many people?", "250\r")
    answer(child, "When did it start?", ENTER)
    answer(child, "Why?", "Safety of staff\r")
    answer(child, "Review: Details", ENTER)
    answer(child, "Impact register", ENTER)
    child.expect_exact("The assessment is complete")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    final = load_assessment(tmp_path / "pilot.hria.yaml", bank).assessment
    assert final.answers["details.people"].value == 250
    assert final.answers["details.why"].value == "Safety of staff"
    assert final.metadata.status == "complete"


@pytest.mark.parametrize("command", ["new", "resume", "edit"])
def test_no_terminal_is_refused_at_once(tmp_path: Path, command: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hria", command, "x.hria.yaml"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=20,
        check=False,
    )
    assert result.returncode == 2
    assert "needs a terminal" in result.stderr and "hria schema" in result.stderr
    assert "Traceback" not in result.stderr


START = [
    ("Which deployment is assessed", "Border pilot\r"),
    ("Which organisation", "Example agency\r"),
    ("Your role", ENTER),
    ("Who is answering", "A. Person\r"),
    ("Review by", "2027-06-30\r"),
]
STEPS = [
    ("Which technologies?", DOWN + SPACE + ENTER),
    ("Is there a law?", DOWN + ENTER),
    ("Evidence:", "Act 1, s. 2\r"),
    ("Note (optional)", "Section two applies\r"),
    ("Review: Basics", ENTER),
    ("How many people?", "250\r"),
    ("When did it start?", "2026-01-01\r"),
    ("Why?", "Safety\r"),
    ("Review: Details", ENTER),
    ("Impact register", ENTER),
]
EXPECTED = {
    "basics.tech": ["gps"],
    "basics.law": "yes",
    "details.people": 250,
    "details.started": "2026-01-01",
    "details.why": "Safety",
}


@pytest.mark.parametrize("stop", [0, 1, 2, 4, 7, 9], ids=lambda i: STEPS[i][0].split()[0])
def test_ctrl_c_anywhere_then_resume_gives_what_was_typed(tmp_path: Path, stop: int) -> None:
    child = spawn("new", "a.hria.yaml", cwd=tmp_path)
    for prompt, keys in START + STEPS[:stop]:
        answer(child, prompt, keys)
    answer(child, STEPS[stop][0], CTRL_C)
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    child = spawn("resume", "a.hria.yaml", cwd=tmp_path)
    # resume asks the first unanswered question: the one on screen when Ctrl-C came (its
    # evidence and note go with it), or the next one after a finished section's review
    restart = {0: 0, 1: 1, 2: 1, 4: 5, 7: 7, 9: 9}[stop]
    for prompt, keys in STEPS[restart:]:
        answer(child, prompt, keys)
    child.expect_exact("The assessment is complete")
    child.expect(pexpect.EOF)
    child.close()
    saved = load_assessment(tmp_path / "a.hria.yaml", load_bank(MINI)).assessment
    values = {q: a.value for q, a in saved.answers.items()}
    values["details.started"] = str(values["details.started"])
    assert values == EXPECTED
    assert saved.answers["basics.law"].evidence == ["Act 1, s. 2"]
    assert saved.answers["basics.law"].note == "Section two applies"


@pytest.mark.parametrize("given", [1, 3])
def test_ctrl_c_during_the_metadata_then_resume_asks_the_rest(tmp_path: Path, given: int) -> None:
    child = spawn("new", "a.hria.yaml", cwd=tmp_path)
    for prompt, keys in START[:given]:
        answer(child, prompt, keys)
    answer(child, START[given][0], CTRL_C)
    child.expect_exact("hria resume a.hria.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert "Border pilot" in (tmp_path / "a.hria.yaml").read_text(encoding="utf-8")
    child = spawn("resume", "a.hria.yaml", cwd=tmp_path)
    for prompt, keys in START[given:] + STEPS:
        answer(child, prompt, keys)
    child.expect_exact("The assessment is complete")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = load_assessment(tmp_path / "a.hria.yaml", load_bank(MINI)).assessment
    assert (saved.metadata.title, saved.metadata.organisation) == ("Border pilot", "Example agency")
    assert str(saved.metadata.review_by) == "2027-06-30"


def test_new_into_a_missing_folder_asks_nothing(tmp_path: Path) -> None:
    child = spawn("new", "missing/a.hria.yaml", cwd=tmp_path)
    child.expect_exact("folder does not exist: missing")
    shown = child.before
    child.expect(pexpect.EOF)
    shown += child.before
    child.close()
    assert child.exitstatus == 2
    assert "Which deployment" not in shown and "Traceback" not in shown
