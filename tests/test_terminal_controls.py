"""The interview's controls in a real pseudo-terminal, the screen decoded by a terminal emulator.

Each test spawns `hria new` or `hria resume`, presses keys and reads the screen as a person
would see it (pyte), then the file on disk.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path

import pexpect
import pyte
import pytest

from hria.bank.load import load_bank
from hria.files.store import load_assessment
from hria.interview.controls import NEUTRAL, NOT_YET
from hria.models.bank import MultipleChoiceQuestion
from tests.conftest import MINI

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]
DOWN, UP, SPACE, ENTER, F1, CTRL_B = "\x1b[B", "\x1b[A", " ", "\r", "\x1bOP", "\x02"
META = ["Border pilot\r", "Example agency\r", ENTER, "A. Person\r", ENTER]
REAL = load_bank()


def _technologies() -> MultipleChoiceQuestion:
    """The first question of the bundled bank: check boxes with long labels."""
    question = REAL.questions["context.technologies"]
    assert isinstance(question, MultipleChoiceQuestion)
    return question


TECH = _technologies()


class Terminal:
    """`hria ARGS` in a pty of `columns` x `rows`, its output fed to an emulated screen."""

    def __init__(self, *args: str, cwd: Path, columns: int, colour: bool, rows: int = 60) -> None:
        env = {**os.environ, "TERM": "xterm", "COLUMNS": str(columns), "LINES": str(rows)}
        env.pop("PROMPT_TOOLKIT_NO_CPR", None)
        env.pop("NO_COLOR", None)
        if not colour:
            env["NO_COLOR"] = "1"
        self.child = pexpect.spawn(
            sys.executable,
            ["-m", "hria", *args],
            cwd=str(cwd),
            env=env,
            encoding="utf-8",
            timeout=15,
            dimensions=(rows, columns),
        )
        self.columns = columns
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait(self, shown: str, more_than: int = 0, timeout: float = 15) -> None:
        """Read output until `shown` is on the screen more than `more_than` times (and the
        output has settled)."""
        end = time.monotonic() + timeout
        while self.text().count(shown) <= more_than:
            if time.monotonic() > end:
                raise AssertionError(f"{shown!r} never appeared on:\n{self.text()}")
            self._read(0.1)
        self._read(0.3)

    def _read(self, seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            try:
                self.stream.feed(self.child.read_nonblocking(65536, timeout=0.05))
            except pexpect.TIMEOUT:
                continue
            except pexpect.EOF:
                return

    def press(self, keys: str, then: str) -> None:
        """Send `keys`, then wait until `then` is on the screen once more than before."""
        before = self.text().count(then)
        self.child.send(keys)
        self.wait(then, before)

    def settle(self) -> None:
        self._read(0.8)

    def stop(self) -> None:
        self.child.sendcontrol("c")
        self.child.expect(pexpect.EOF)
        self.child.close()


def start(
    tmp_path: Path, columns: int, colour: bool, mini: bool = False, rows: int = 60
) -> Terminal:
    bank = ["--bank", str(MINI)] if mini else []
    term = Terminal(
        "new", "a.hria.yaml", *bank, cwd=tmp_path, columns=columns, colour=colour, rows=rows
    )
    prompts = ("Which deployment", "Which organisation", "Your role", "Who is answering", "Review")
    for prompt, keys in zip(prompts, META, strict=True):
        term.wait(prompt)
        term.child.send(keys)
    term.wait("? Which technologies?" if mini else "? Which kinds")
    return term


HEAD = re.compile(r"^  [> ] (\[[x ]\] )?")


def entry(lines: list[str], label: str) -> list[str]:
    """The screen lines of the choice `label`: its first line and the continuation lines under
    it, which carry the hanging indent (under the label after a box, deeper in a plain list)."""
    for at, line in enumerate(lines):
        found = HEAD.match(line)
        first = line[found.end() :] if found else ""
        if not found or not first or not label.startswith(first):
            continue
        indent = " " * (found.end() + (0 if found.group(1) else 2))
        rest = []
        for later in lines[at + 1 :]:
            if not later.startswith(indent) or later[len(indent) : len(indent) + 1] in ("", " "):
                break
            rest.append(later)
        return [line, *rest]
    raise AssertionError(f"{label!r} is not on screen")


def joined(lines: list[str]) -> str:
    """The words of an entry, as one line."""
    return " ".join(
        HEAD.sub("", lines[0]).split() + [w for line in lines[1:] for w in line.split()]
    )


def saved(path: Path, bank_dir: Path | None = None) -> dict[str, object]:
    bank = load_bank(bank_dir) if bank_dir else REAL
    return {q: a.value for q, a in load_assessment(path, bank).assessment.answers.items()}


@pytest.mark.parametrize(("columns", "colour"), [(80, True), (100, True), (60, True), (80, False)])
def test_long_labels_appear_in_full_wrapped_at_spaces(
    tmp_path: Path, columns: int, colour: bool
) -> None:
    term = start(tmp_path, columns, colour)
    lines = term.lines()
    wrapped = 0
    for choice in TECH.choices:
        shown = entry(lines, choice.label)
        assert joined(shown) == " ".join(choice.label.split()), shown
        assert all(len(line) < columns for line in shown), "nothing reaches the last column"
        wrapped += len(shown) > 1
    assert wrapped, f"at {columns} columns some label must need more than one line"
    question = next(i for i, line in enumerate(lines) if line.startswith("? Which kinds"))
    prompt = [lines[question]]
    for line in lines[question + 1 :]:
        if not line.startswith("  ") or line.startswith(("  > ", "    [")):
            break
        prompt.append(line)
    assert " ".join(" ".join(prompt)[2:].split()) == TECH.prompt
    assert (len(prompt) > 1) == (len("? " + TECH.prompt) >= columns), prompt
    assert lines[question + len(prompt)].startswith("  > [ ] "), "the pointer is a symbol"
    footer = next(line for line in lines if "a all/none" in line)
    assert "? why we ask" in term.text() and "< back" in term.text(), footer
    term.stop()


def test_a_list_taller_than_the_terminal_scrolls_whole_choices_into_view(tmp_path: Path) -> None:
    term = start(tmp_path, 60, colour=False, rows=16)
    assert any(line.endswith("↓") for line in term.lines()), "an arrow: more choices below"
    term.child.send(DOWN * 12)
    pointed = TECH.choices[12].label
    term.wait("  > [ ] " + pointed.split()[0])
    term.settle()
    without_arrows = [line.rstrip("↑↓").rstrip() for line in term.lines()]
    shown = entry(without_arrows, pointed)
    assert len(shown) > 1 and joined(shown) == pointed, "the whole wrapped choice is in view"
    assert any(line.endswith("↑") for line in term.lines()), "and more lie above"
    term.press(UP * 12, "  > [ ] " + TECH.choices[0].label.split()[0])
    assert term.lines()[1].startswith("  > [ ] Facial recognition")
    term.stop()


@pytest.mark.parametrize("colour", [True, False])
def test_help_keeps_the_ticks(tmp_path: Path, colour: bool) -> None:
    term = start(tmp_path, 80, colour)
    term.child.send(DOWN + SPACE + DOWN + SPACE)
    term.wait("[x] " + TECH.choices[2].label)
    term.press("?", "Why we ask: Different technologies")
    lines = term.lines()
    ticked = [
        c.value for c in TECH.choices if entry(lines, c.label)[0].startswith(("  > [x]", "    [x]"))
    ]
    assert ticked == [TECH.choices[1].value, TECH.choices[2].value]
    assert "Sources: Amnesty primer" in term.text()
    help_at = next(i for i, line in enumerate(lines) if line.startswith("Why we ask"))
    asked_at = max(i for i, line in enumerate(lines) if line.startswith("? Which kinds"))
    assert help_at < asked_at, "the help is printed above the control, which comes back"
    term.press(ENTER, "In a few sentences")
    assert saved(tmp_path / "a.hria.yaml")["context.technologies"] == ticked
    term.stop()


def test_toggle_all_ticks_only_real_choices(tmp_path: Path) -> None:
    term = start(tmp_path, 80, colour=False)
    term.press("a", "[x] " + TECH.choices[-1].label)
    lines = term.lines()
    for choice in TECH.choices:
        assert "[x]" in entry(lines, choice.label)[0], choice.label
    assert "[ ] Unknown" in term.text(), "Unknown stands alone: toggle-all leaves it"
    assert "Why we ask" not in term.text() and not any("Back" in line for line in lines)
    assert sum("[x]" in line for line in lines) == len(TECH.choices)
    term.press(ENTER, "In a few sentences")
    assert saved(tmp_path / "a.hria.yaml")["context.technologies"] == [
        c.value for c in TECH.choices
    ]
    term.stop()


def test_help_at_a_text_prompt_keeps_what_was_typed(tmp_path: Path) -> None:
    term = start(tmp_path, 80, colour=False)
    term.press(SPACE + ENTER, "In a few sentences")
    term.press("Checks? At the border", "> Checks? At the border")  # `?` inside text is text
    assert "Why we ask: Every later step" not in term.text()
    term.press(F1, "Why we ask: Every later step")
    assert term.lines().count("> Checks? At the border") == 1
    term.press(" of Ruritania" + ENTER, "Who operates the system?")
    answers = saved(tmp_path / "a.hria.yaml")
    assert answers["context.purpose"] == "Checks? At the border of Ruritania"
    term.stop()


@pytest.mark.parametrize("colour", [True, False])
def test_enter_on_an_untouched_yes_no_does_not_answer(tmp_path: Path, colour: bool) -> None:
    term = start(tmp_path, 80, colour, mini=True)
    term.press(DOWN + SPACE + ENTER, "Is there a law?")  # GPS
    path = tmp_path / "a.hria.yaml"
    before = path.read_text(encoding="utf-8")
    assert f"  > {NEUTRAL}" in term.lines(), "the pointer starts on no answer"
    assert not any(line.startswith("  > Yes") for line in term.lines())
    term.press(ENTER, NOT_YET.split(":")[0])
    term.settle()
    assert path.read_text(encoding="utf-8") == before, "Enter on no answer saves nothing"
    assert "basics.law" not in saved(path, MINI)
    assert term.lines()[-1] == "" and "Evidence:" not in term.text()
    term.press(DOWN + DOWN, "  > No")
    term.press(ENTER, "LEG-001")
    assert saved(path, MINI)["basics.law"] == "no"
    term.stop()


def test_back_is_a_key_in_every_control(tmp_path: Path) -> None:
    term = start(tmp_path, 80, colour=False, mini=True)
    term.press(SPACE + ENTER, "Is there a law?")  # Faces
    term.press(DOWN + DOWN + ENTER, "Which mode?")  # No
    term.press("?", "Asked only if the answer to 1.1 includes “Faces”.")  # the condition
    term.press("<", "Is there a law?")
    assert "  > No" in term.lines(), "the current answer is the default"
    term.press("<", "? Which technologies?")
    assert "  > [x] Faces" in term.lines(), "the answer given stays ticked"
    term.press(DOWN + DOWN + SPACE, "[x] None of these")
    assert "[ ] Faces" in term.text(), "an exclusive choice stands alone"
    term.press(UP + UP + SPACE, "> [x] Faces")
    assert "[ ] None of these" in term.text()
    term.press(ENTER, "Which mode?")
    term.press(DOWN + ENTER, "Review: Basics")
    term.press(ENTER, "How many people?")
    term.press("1" + CTRL_B, "Which mode?")  # Ctrl-B goes back, even with text typed
    assert "  > 1:1" in term.lines()
    term.press(ENTER, "Review: Basics")
    term.press(ENTER, "How many people?")
    term.press("<", "Which mode?")  # `<` on an empty line goes back
    term.stop()
    saved_now = saved(tmp_path / "a.hria.yaml", MINI)
    assert saved_now == {"basics.tech": ["faces"], "basics.law": "no", "basics.mode": "one_to_one"}


def test_resume_preselects_the_current_answer(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    term = start(tmp_path, 80, colour=False, mini=True)
    term.press(DOWN + SPACE + ENTER, "Is there a law?")
    term.press(DOWN + DOWN + ENTER, "Review: Basics")
    term.stop()
    term = Terminal(
        "resume", "a.hria.yaml", "--bank", str(MINI), cwd=tmp_path, columns=60, colour=True
    )
    term.wait("How many people?")
    term.press("<", "Is there a law?")
    assert "  > No" in term.lines() and NEUTRAL not in term.text()
    term.press(ENTER, "Review: Basics")
    term.press(ENTER, "How many people?")
    term.press("x" + ENTER, "expected")
    assert "> x" in term.lines(), "a refused value stays to be corrected"
    term.stop()
    assert saved(path, MINI) == {"basics.tech": ["gps"], "basics.law": "no"}
