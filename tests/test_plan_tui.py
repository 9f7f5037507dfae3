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

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]
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


IMPACT = """\
impacts:
  - {id: stops, right: Liberty, groups: [travellers], description: False matches,
     status: potential, involvement: cause, scale: 4, scope: 2, irremediability: 3,
     likelihood: 2}
"""


def test_the_register_on_an_80_column_screen(tmp_path: Path) -> None:
    """As a person sees it: whole entries, the way to the plan, help under `?`, and Ctrl-C
    leaves the file as it was."""
    from tests.test_terminal_controls import Terminal

    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW + IMPACT, encoding="utf-8")
    before = path.read_bytes()
    term = Terminal("edit", "a.hria.yaml", "--register", "--bank", str(MINI), cwd=tmp_path,
                    columns=80, colour=False, rows=40)  # fmt: skip
    term.wait("Impact register (1 impact): add, change, or continue")
    lines = term.lines()
    assert any(line.endswith("Edit or delete: severe stops: Liberty (potential, possible)")
               for line in lines), term.text()  # fmt: skip
    assert any(line.endswith("Go to the action plan (1 flag, 0 actions)") for line in lines)
    assert any("? why we ask" in line and "< back" not in line for line in lines), "no Back"
    assert all(len(line) <= 80 for line in lines)
    term.press("?", "4 grave: harm to life, liberty or safety, or the core of a right")
    assert "Irremediability: how hard it is to put right:" in term.text()
    term.stop()
    assert term.child.exitstatus == 130
    assert path.read_bytes() == before
