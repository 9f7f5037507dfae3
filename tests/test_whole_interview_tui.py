"""One whole interview of a realistic case in a real pseudo-terminal, on the bundled bank.

A driver reads each control off the emulated screen (pyte), works out which question it is
from the prompt shown, and answers it as the bundled live facial recognition case answers it.
Along the way it checks what a person would see: every prompt and choice label in full, a
progress count that moves only by what the last answer opened or closed, and, at the end, a
file equal in its answers to the case and judged the same by `hria check`.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyte
import pytest
from typer.testing import CliRunner

from hria.cli import app
from hria.files.store import load_assessment
from hria.interview.controls import NOT_YET
from hria.models.assessment import UNKNOWN, Answer
from hria.models.bank import ChoiceQuestion, MultipleChoiceQuestion, Question
from tests.test_terminal_controls import DOWN, ENTER, META, REAL, SPACE, Terminal, entry, joined

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]
ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "assessments" / "live-frt-public-square.hria.yaml"
PROGRESS = re.compile(r"^\[[\d.]+\] (\d+) answered, (\d+) questions? to go as the answers stand")
OPENED = re.compile(r"(?:This answer adds|Answering 'unknown' keeps) (\d+) questions?")
CLOSED = re.compile(r"This answer takes (\d+) questions? ")
FOOTERS = {"Space tick": "checkbox", "Enter choose": "select", "Enter confirm": "text"}


def _words(text: str) -> str:
    return " ".join(text.split())


PROMPTS = {_words(q.prompt): q for q in REAL.questions.values()}


class Screen(Terminal):
    """A terminal that keeps the lines scrolled off the top, for the whole transcript."""

    def __init__(self, *args: str, cwd: Path, columns: int, colour: bool) -> None:
        super().__init__(*args, cwd=cwd, columns=columns, colour=colour, rows=50)
        self.history = pyte.HistoryScreen(columns, 50, history=100_000)
        self.screen = self.history
        self.stream = pyte.Stream(self.screen)
        self._scrolled: list[str] = []

    def transcript(self) -> list[str]:
        """Every line shown so far: those scrolled off the top, then the screen."""
        top = self.history.history.top
        width = self.screen.columns
        for line in list(top)[len(self._scrolled) :]:
            self._scrolled.append("".join(line[x].data for x in range(width)).rstrip())
        return self._scrolled + self.lines()

    def asked(self) -> int:
        """How many controls have been shown so far."""
        return sum(1 for line in self.transcript() if line.startswith("? "))


@dataclass
class Control:
    kind: str  # select, checkbox or text
    prompt: str  # the words of the question, as on screen
    lines: list[str]  # the screen from the question down


@dataclass
class Seen:
    labels_checked: int = 0
    enter_refused: bool = False
    help_kept_ticks: bool = False
    questions: list[str] = field(default_factory=list)


def control_at(lines: list[str], footers: Mapping[str, str] = FOOTERS) -> Control | None:
    """The control waiting for keys at the bottom of `lines`, known by its footer's keys."""
    lines = list(lines)
    while lines and not lines[-1]:
        lines.pop()
    tail = " ".join(lines[-3:])
    kinds = [kind for key, kind in footers.items() if key in tail]
    if not kinds or not any(line.startswith("? ") for line in lines):
        return None
    start = max(i for i, line in enumerate(lines) if line.startswith("? "))
    words = [lines[start][2:]]
    for line in lines[start + 1 :]:
        if not line.startswith("  ") or line[2:3] in (" ", ">", "[", ""):
            break
        words.append(line)
    return Control(kinds[0], _words(" ".join(words)), lines[start:])


def current(term: Screen, footers: Mapping[str, str] = FOOTERS) -> Control | None:
    """The control waiting for keys at the bottom of the screen, if one is."""
    return control_at(term.lines(), footers)


def wait_control(
    term: Screen, after: int, timeout: float = 20, footers: Mapping[str, str] = FOOTERS
) -> Control | None:
    """The next control once more than `after` have been shown and its footer is drawn; None
    when the process ends first."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        term._read(0.1)
        control = current(term, footers) if term.asked() > after else None
        if control is not None:
            term._read(0.1)  # let the control finish drawing
            return current(term, footers) or control
        if not term.child.isalive():
            term._read(0.3)
            return None
    raise AssertionError(f"no control appeared on:\n{term.text()}")


def value_keys(question: Question, answer: Answer) -> str:
    """The keys that give `answer` to `question` from an untouched control."""
    value = answer.value
    if question.kind == "yes_no":
        return DOWN * (["yes", "no", UNKNOWN].index(value) + 1) + ENTER
    if isinstance(question, MultipleChoiceQuestion):
        values = [c.value for c in question.choices] + [UNKNOWN]
        wanted = [UNKNOWN] if value == UNKNOWN else list(value)
        keys, at = "", 0
        for index in sorted(values.index(v) for v in wanted):
            keys += DOWN * (index - at) + SPACE
            at = index
        return keys + ENTER
    if isinstance(question, ChoiceQuestion):
        values = [c.value for c in question.choices] + [UNKNOWN]
        return DOWN * (values.index(value) + 1) + ENTER
    if isinstance(value, dt.date):
        return value.isoformat() + ENTER
    return f"{value}{ENTER}"


def check_labels(control: Control, question: Question, seen: Seen) -> None:
    """Every choice of a list control is on screen in full, wrapped at spaces."""
    if not isinstance(question, ChoiceQuestion):
        return
    for choice in question.choices:
        shown = entry(control.lines, choice.label)
        assert joined(shown) == _words(choice.label), (question.id, shown)
        seen.labels_checked += 1


def progress_steps(transcript: list[str]) -> Iterator[tuple[int, int, int, int]]:
    """(answered, to go, opened, closed) for each question, the last two announced since."""
    opened = closed = 0
    for line in transcript:
        found = PROGRESS.match(line.strip())
        if found:
            yield int(found.group(1)), int(found.group(2)), opened, closed
            opened = closed = 0
            continue
        more, fewer = OPENED.search(line), CLOSED.search(line)
        opened += int(more.group(1)) if more else 0
        closed += int(fewer.group(1)) if fewer else 0


def enter_is_refused(term: Screen) -> None:
    """Enter on an untouched yes/no question answers nothing: it says how to answer."""
    shown = term.asked()
    term.press(ENTER, NOT_YET.split(":")[0])
    assert term.asked() == shown and current(term) is not None, "the question still waits"


def help_keeps_ticks(term: Screen, question: MultipleChoiceQuestion, answer: Answer) -> None:
    """Tick the case's choices, ask for help, and find the same ticks under the help."""
    term.child.send(value_keys(question, answer).removesuffix(ENTER))
    term._read(0.3)
    term.press("?", "Why we ask:")
    control = current(term)
    assert control is not None, "the question still waits after help"
    ticked = {c.value for c in question.choices if "[x]" in entry(control.lines, c.label)[0]}
    assert ticked == set(answer.value), "the ticks made before help are kept"


def case_answers() -> dict[str, Answer]:
    return dict(load_assessment(CASE, REAL).assessment.answers)


def drive(term: Screen, answers: dict[str, Answer], seen: Seen, until: str = "") -> Control | None:
    """Answer every control as the case does, until the process ends or a prompt starting
    with `until` waits (returned)."""
    shown = term.asked() - 1  # the control on screen now is the first to answer
    while True:
        control = wait_control(term, shown)
        if control is None:
            return None
        if until and control.prompt.startswith(until):
            return control
        keys = keys_for(term, control, answers, seen)
        shown = term.asked()
        term.child.send(keys)


def keys_for(term: Screen, control: Control, answers: dict[str, Answer], seen: Seen) -> str:
    """What the case's answerer types at `control`."""
    prompt, last = control.prompt, seen.questions[-1] if seen.questions else ""
    if prompt.startswith("Review: ") and prompt.endswith("Change an answer?"):
        return ENTER
    if prompt == "Go on, or stop at the screen?":
        return ENTER
    if prompt.startswith(("Impact register (", "Action plan (")):
        return ENTER  # continue: the register and the plan have tests of their own
    if prompt.startswith("Evidence:"):
        return "; ".join(answers[last].evidence) + ENTER
    if prompt.startswith("Note (optional)"):
        return (answers[last].note or "").replace("\n", " ") + ENTER
    if prompt not in PROMPTS:
        raise AssertionError(f"an unexpected control: {prompt!r}\n{term.text()}")
    question = PROMPTS[prompt]
    seen.questions.append(question.id)
    check_labels(control, question, seen)
    answer = answers[question.id]
    if question.kind == "yes_no" and not seen.enter_refused:
        enter_is_refused(term)
        seen.enter_refused = True
    elif isinstance(question, MultipleChoiceQuestion) and not seen.help_kept_ticks:
        help_keeps_ticks(term, question, answer)
        seen.help_kept_ticks = True
        return ENTER
    return value_keys(question, answer)


def _plain(answer: Answer) -> Any:
    """A value to compare: the choices of a multiple choice in any order."""
    return sorted(answer.value) if isinstance(answer.value, list) else answer.value


def start_case(tmp_path: Path, columns: int, colour: bool) -> Screen:
    term = Screen("new", "a.hria.yaml", cwd=tmp_path, columns=columns, colour=colour)
    prompts = ("Which deployment", "Which organisation", "Your role", "Who is answering", "Review")
    for prompt, keys in zip(prompts, META, strict=True):
        term.wait(prompt)
        term.child.send(keys)
    return term


@pytest.mark.parametrize(("columns", "colour"), [(100, True), (80, False)])
def test_a_whole_realistic_interview(tmp_path: Path, columns: int, colour: bool) -> None:
    answers, seen = case_answers(), Seen()
    term = start_case(tmp_path, columns, colour)
    assert drive(term, answers, seen) is None
    term.child.close()
    assert term.child.exitstatus == 0, term.text()
    assert "The assessment is complete" in "\n".join(term.transcript())
    assert seen.enter_refused and seen.help_kept_ticks
    assert len(seen.questions) == len(answers) and seen.labels_checked > 300
    steps = list(progress_steps(term.transcript()))
    assert len(steps) == len(answers), "one progress line per question"
    assert any(step[2] for step in steps), "some answers open questions, and say so"
    for before, after in itertools.pairwise(steps):
        assert after[0] == before[0] + 1, "one more answered each time"
        total_before, total_after = before[0] + before[1], after[0] + after[1]
        assert total_after == total_before + after[2] - after[3], (before, after)
    saved = load_assessment(tmp_path / "a.hria.yaml", REAL).assessment
    assert {q: _plain(a) for q, a in saved.answers.items()} == {
        q: _plain(a) for q, a in answers.items()
    }
    evidenced = [q for q, a in saved.answers.items() if a.evidence]
    assert evidenced and all(saved.answers[q].evidence == answers[q].evidence for q in evidenced)
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.hria.yaml")])
    assert result.exit_code == 1 and "RL-001" in result.stdout


def test_stopping_at_the_screen_of_a_real_case(tmp_path: Path) -> None:
    answers, seen = case_answers(), Seen()
    term = start_case(tmp_path, 80, colour=False)
    offer = drive(term, answers, seen, until="Go on, or stop at the screen?")
    assert offer is not None and len(seen.questions) < 25, "the screen is short"
    screen = "\n".join(term.transcript())
    assert "Red lines crossed:" in screen and "RL-001" in screen
    term.press(DOWN + ENTER, "The screening is saved")
    term.settle()
    term.child.close()
    assert term.child.exitstatus == 0
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.hria.yaml")])
    assert result.exit_code == 1 and "screening only: the full test was not run" in result.stdout
