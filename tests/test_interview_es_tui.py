"""The whole interview in Spanish, in a real pseudo-terminal (HRIA_LANG=es), on the bundled bank.

The driver of tests/test_whole_interview_tui.py, made to find each question and choice by its
Spanish text (`load_bank(None, "es")`): it answers the bundled live facial recognition case
from its file, typing the number of people as a Spanish reader writes it ("2.000.000"), and
checks what a Spanish reader sees: every prompt and choice label in full and wrapped at spaces,
the keys and the controls in Spanish with no English interface text left on screen, and a file
whose answers are those of the case, the same bytes an interview in English writes for them.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.bank.load import load_bank
from hria.cli import app
from hria.files.store import load_assessment
from hria.i18n import _, using
from hria.interview.controls import NEUTRAL, NOT_YET
from hria.interview.layout import FOOTERS
from hria.models.assessment import Answer
from hria.models.bank import ChoiceQuestion, MultipleChoiceQuestion, Question
from tests.test_terminal_controls import ENTER, HEAD, META, REAL, entry, joined
from tests.test_whole_interview_tui import (
    Control,
    Screen,
    _plain,
    _words,
    case_answers,
    current,
    value_keys,
    wait_control,
)
from tests.test_whole_interview_tui import Seen as WholeSeen

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]
ES = load_bank(None, "es")
PROMPTS = {_words(q.prompt): q for q in ES.questions.values()}
NUMBER = "context.people_per_year"  # 2000000 in the case: typed "2.000.000"


def es(text: str) -> str:
    with using("es"):
        return _(text)


def head(text: str) -> str:
    """What a translated message with placeholders starts with, up to the first one."""
    return es(text).split("%(")[0]


#: A footer's key texts in Spanish, and the kind of control each one shows.
KINDS = {es("Space tick"): "checkbox", es("Enter choose"): "select", es("Enter confirm"): "text"}
#: English words of the interface's own texts (keys, hints, controls, progress, messages) that
#: must not be left on a Spanish screen. None of them is in the case's own typed answers.
ENGLISH = [
    *(part for parts in FOOTERS.values() for part in parts),
    "why we ask",
    "< back",
    "Ctrl-B back",
    "(choose an answer)",
    "Nothing is chosen yet",
    "'unknown' if you do not know",
    "optional: Enter on an empty line skips",
    "Why we ask:",
    "Sources:",
    "Evidence expected:",
    "Evidence:",
    "Note (optional)",
    "answered,",
    "questions to go",
    "as the answers stand",
    "(section ",
    "This answer adds",
    "This answer takes",
    "Answering 'unknown'",
    "Review:",
    "Change an answer?",
    "Continue",
    "Change ",
    "Yes",
    "Unknown",
    "flag:",
    " RED LINE:",
    " HIGH:",
    " MEDIUM:",
    " LOW:",
    " INFO:",
    "(answer unknown)",
    "The screen is done",
    "Intrusion level",
    "Red lines crossed",
    "Go on",
    "Stop here",
    "Impact register",
    "Action plan",
    "Which deployment",
    "Which organisation",
    "Your role",
    "Deployer",
    "Who is answering",
    "Review by",
    "A new assessment",
    "The assessment is complete",
    "Render the report",
    "Plan actions",
]


@dataclass
class Seen(WholeSeen):
    help_shown: bool = False
    number_typed: str = ""


def entry_of(lines: list[str], label: str) -> list[str]:
    """The screen lines of the choice `label`, in full: among the choices whose first line
    starts it ("No" starts "No corresponde: ..."), the one that reads as the whole label."""
    candidates = []
    for at, line in enumerate(lines):
        found = HEAD.match(line)
        if found and line[found.end() :] and label.startswith(line[found.end() :]):
            candidates.append(entry(lines[at:], label))
    whole = [c for c in candidates if joined(c) == _words(label)]
    assert whole, (label, candidates)
    return whole[0]


def check_labels(control: Control, question: Question, seen: Seen) -> None:
    """Every choice of a list control is on screen in full, wrapped at spaces."""
    if not isinstance(question, ChoiceQuestion):
        return
    for choice in question.choices:
        entry_of(control.lines, choice.label)
        seen.labels_checked += 1


def check_footer(control: Control) -> None:
    """The keys under a control are the Spanish ones, each whole."""
    footer = " ".join(control.lines[-3:])
    wanted = {
        "select": FOOTERS["select"],
        "checkbox": FOOTERS["checkbox"],
        "text": ["Enter confirm"],
    }
    for part in wanted[control.kind]:
        assert es(part) in footer, (part, control.lines[-3:])
    assert es("? why we ask") in footer or es("? or F1 why we ask") in footer


def keys_for(term: Screen, control: Control, answers: dict[str, Answer], seen: Seen) -> str:
    prompt, last = control.prompt, seen.questions[-1] if seen.questions else ""
    review = es("Review: %(title)s. Change an answer?").split("%(title)s")
    if prompt.startswith(review[0]) and prompt.endswith(review[1]):
        return ENTER
    if prompt == es("Go on, or stop at the screen?"):
        return ENTER
    if prompt.startswith((head("Impact register (%(count)s): add, change, or continue"),
                          head("Action plan (%(counts)s): pick a flag or an action"))):  # fmt: skip
        return ENTER
    if prompt.startswith(head("Evidence: %(hint)s (separate with ';', empty if none)")):
        return "; ".join(answers[last].evidence) + ENTER
    if prompt.startswith(es("Note (optional)")):
        return (answers[last].note or "").replace("\n", " ") + ENTER
    if prompt not in PROMPTS:
        raise AssertionError(f"an unexpected control: {prompt!r}\n{term.text()}")
    question = PROMPTS[prompt]
    seen.questions.append(question.id)
    check_footer(control)
    check_labels(control, question, seen)
    answer = answers[question.id]
    if question.kind == "yes_no" and not seen.enter_refused:
        yes_no_in_spanish(term, control)
        seen.enter_refused = True
    elif isinstance(question, MultipleChoiceQuestion) and not seen.help_shown:
        help_in_spanish(term, question, answer)
        seen.help_shown = True
        return ENTER
    if question.id == NUMBER:
        seen.number_typed = "2.000.000"
        return seen.number_typed + ENTER
    return value_keys(question, answer)


def yes_no_in_spanish(term: Screen, control: Control) -> None:
    """The choices of a yes/no question are Spanish words, and Enter on the untouched control
    says in Spanish how to answer."""
    assert f"  > {es(NEUTRAL)}" in control.lines, control.lines
    for label in ("Yes", "No", "Unknown"):
        entry_of(control.lines, es(label))
    shown = term.asked()
    term.press(ENTER, es(NOT_YET).split(":")[0])
    assert term.asked() == shown and current(term, KINDS) is not None, "the question still waits"


def help_in_spanish(term: Screen, question: MultipleChoiceQuestion, answer: Answer) -> None:
    """Tick the case's choices, ask for help: it is in Spanish, and the ticks are kept."""
    term.child.send(value_keys(question, answer).removesuffix(ENTER))
    term._read(0.3)
    term.press("?", head("Why we ask: %(help)s"))
    control = current(term, KINDS)
    assert control is not None, "the question still waits after help"
    ticked = {c.value for c in question.choices if "[x]" in entry_of(control.lines, c.label)[0]}
    assert ticked == set(answer.value), "the ticks made before help are kept"


def start_case(tmp_path: Path, columns: int) -> Screen:
    term = Screen("new", "a.hria.yaml", "--lang", "es", cwd=tmp_path, columns=columns, colour=False)
    prompts = [
        es("Which deployment is assessed (a short title)?"),
        es("Which organisation deploys, sells or audits it?"),
        es("Your role in this assessment"),
        es("Who is answering (a person or a team)?"),
        head("Review by (YYYY-MM-DD, empty to decide later)"),
    ]
    for prompt, keys in zip(prompts, META, strict=True):
        term.wait(prompt[:30])
        term.child.send(keys)
    return term


def drive(term: Screen, answers: dict[str, Answer], seen: Seen) -> None:
    shown = term.asked() - 1
    while True:
        control = wait_control(term, shown, footers=KINDS)
        if control is None:
            return
        keys = keys_for(term, control, answers, seen)
        shown = term.asked()
        term.child.send(keys)


def _bounded(word: str) -> str:
    return rf"(?<![\w'])({re.escape(word)})(?![\w])"


def english_left(lines: list[str]) -> list[str]:
    """The lines that show an English interface text (ENGLISH), with the text."""
    found = []
    for line in lines:
        found += [f"{w!r} in {line!r}" for w in ENGLISH if re.search(_bounded(w), line)]
    return found


def test_the_english_words_are_the_interfaces_own_and_not_the_cases() -> None:
    """The check has teeth: each word is in the English interface, none in what the case's
    answerer types (so the Spanish run could only show it from the interface)."""
    typed = " ".join(
        [*META]
        + [str(a.value) for a in case_answers().values()]
        + [a.note or "" for a in case_answers().values()]
        + ["; ".join(a.evidence) for a in case_answers().values()]
    )
    assert not english_left([typed])
    assert english_left(["  ↑/↓ move · Enter choose · ? why we ask · < back"])
    assert english_left(["[1.1] 3 answered, 110 questions to go as the answers stand"])


def test_a_whole_interview_in_spanish(tmp_path: Path) -> None:
    answers, seen = case_answers(), Seen()
    term = start_case(tmp_path, columns=80)
    drive(term, answers, seen)
    term.child.close()
    transcript = term.transcript()
    assert term.child.exitstatus == 0, "\n".join(transcript[-40:])
    shown = "\n".join(transcript)
    assert head("The assessment is complete and saved in %(path)s.") in shown
    assert seen.enter_refused and seen.help_shown and seen.number_typed == "2.000.000"
    assert len(seen.questions) == len(answers) and seen.labels_checked > 300
    assert all(len(line) <= 80 for line in transcript)
    progress = re.compile(r"^\[[\d.]+\] respondidas: \d+; quedan? \d+ preguntas? según")
    assert sum(1 for line in transcript if progress.match(line.strip())) == len(answers)
    assert english_left(transcript) == []
    saved = load_assessment(tmp_path / "a.hria.yaml", REAL).assessment
    assert saved.answers[NUMBER].value == 2000000
    assert {q: _plain(a) for q, a in saved.answers.items()} == {
        q: _plain(a) for q, a in answers.items()
    }
    assert saved.metadata.role.value == "deployer"
    result = CliRunner().invoke(app, ["check", str(tmp_path / "a.hria.yaml")])
    assert result.exit_code == 1 and "RL-001" in result.stdout
    assert (tmp_path / "a.hria.yaml").read_bytes() == english_file(tmp_path)


class CaseInEnglish:
    """The same answerer in English, without a terminal: each control is answered by its
    English text as the pty driver answers it (notes typed on one line, Enter on the reviews,
    the screen's offer, the register and the plan)."""

    def __init__(self, answers: dict[str, Answer]) -> None:
        self.answers = answers
        self.prompts = {_words(q.prompt): q for q in REAL.questions.values()}
        self.meta = {"Which deployment": "Border pilot", "Which organisation": "Example agency"}
        self.meta["Who is answering"] = "A. Person"
        self.last = ""

    def show(self, text: str, style: str = "") -> None:
        del text, style

    def text(
        self, message: str, default: str = "", validate: object = None, keys: object = None
    ) -> str:
        del default, validate, keys
        for start, typed in self.meta.items():
            if message.startswith(start):
                return typed
        if message.startswith("Review by"):
            return ""
        if message.startswith("Evidence:"):
            return "; ".join(self.answers[self.last].evidence)
        if message.startswith("Note (optional)"):
            return (self.answers[self.last].note or "").replace("\n", " ")
        value = self._value(message)
        return value.isoformat() if isinstance(value, dt.date) else str(value)

    def select(
        self, message: str, choices: object, default: str | None = None, keys: object = None
    ) -> str:
        del choices, keys
        if message.startswith("Your role"):
            return "deployer"
        if message in self.prompts:
            return str(self._value(message))
        assert default is not None, message
        return default  # Enter: the reviews, the screen's offer, the register and the plan

    def checkbox(self, message: str, choices: list[tuple[str, str]], checked: object,
                 keys: object = None, alone: object = ()) -> list[str]:  # fmt: skip
        """The ticks in the order of the choices, as a real check box returns them."""
        del checked, keys, alone
        value = self._value(message)
        wanted = [value] if isinstance(value, str) else list(value)
        return [v for v, _label in choices if v in wanted]

    def _value(self, message: str) -> Any:
        question = self.prompts[_words(message)]
        self.last = question.id
        return self.answers[question.id].value


def english_file(tmp_path: Path) -> bytes:
    """The file an interview in English writes for the case's answers."""
    from hria.interview.commands import new

    path = tmp_path / "english" / "a.hria.yaml"
    path.parent.mkdir()
    new(REAL, path, CaseInEnglish(case_answers()), dt.date.today(), force=False)
    return path.read_bytes()
