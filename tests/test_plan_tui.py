"""The action plan in a real pseudo-terminal: `hria edit FILE --plan` plans an action for a
flag, a date that does not exist is refused with the typed text kept, and `hria check` then
shows the flag as "(mitigation planned)"."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest

from hria.bank.load import load_bank
from hria.files.store import load_assessment
from tests.conftest import MINI, MINI_HEADER
from tests.test_tui import DOWN, ENTER, answer, spawn

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty")
BACKSPACE = "\x7f"
NO_LAW = (
    MINI_HEADER
    + """\
answers:
  basics.tech: {value: [gps]}
  basics.law: {value: "no"}
  details.people: {value: 12}
  details.why: {value: Safety}
"""
)


def check(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hria", "check", str(path), "--bank", str(MINI)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )


def test_an_action_planned_in_the_terminal_shows_in_check(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    assert "(mitigation planned)" not in check(path).stdout

    child = spawn("edit", "a.hria.yaml", "--plan", cwd=tmp_path)
    child.expect_exact("The action plan says what will be done")
    answer(child, "HIGH LEG-001: No law", DOWN + ENTER)  # the first flag
    answer(child, "What will be done?", "Find a legal basis\r")
    answer(child, "Who is responsible", "Legal team\r")
    answer(child, "Due by (YYYY-MM-DD)", "2027-02-30\r")
    child.expect_exact("there is no such day")
    # Asked again with the date as typed: two backspaces and "01" make it 2027-02-01.
    answer(child, "Due by (YYYY-MM-DD)", BACKSPACE * 2 + "01\r")
    answer(child, "How far along is it?", ENTER)  # planned
    child.expect_exact("LEG-001 now shows as: mitigation planned.")
    answer(child, "HIGH LEG-001: No law (mitigation planned)", ENTER)  # Continue
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    action = load_assessment(path, load_bank(MINI)).assessment.actions[0]
    assert action.addresses == ["LEG-001"] and action.due == dt.date(2027, 2, 1)
    assert (path.stat().st_mode & 0o777) == 0o600
    result = check(path)
    assert "LEG-001  No law [Legality] (mitigation planned)" in result.stdout, result.stdout
