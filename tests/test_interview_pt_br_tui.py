"""The first screens of the interview in Brazilian Portuguese, in a real pseudo-terminal
(HRIA_LANG=pt-BR): the metadata, then the screening questions of the bundled bank, answered as
the live facial recognition case answers them. Every prompt and choice label is the
Portuguese one, in full and wrapped at spaces; the keys are Portuguese; no English interface
text is left on screen; and the answers saved are the case's values, language-neutral."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from hria.bank.load import load_bank
from hria.files.store import load_assessment
from hria.i18n import _, using
from hria.interview.layout import FOOTERS
from hria.models.assessment import Answer
from hria.models.bank import ChoiceQuestion
from tests.test_interview_es_tui import english_left
from tests.test_terminal_controls import META, REAL, Terminal, entry, joined
from tests.test_whole_interview_tui import (
    Control,
    Screen,
    _plain,
    _words,
    case_answers,
    control_at,
    value_keys,
)

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty"),
    pytest.mark.slow,
]
PT = load_bank(None, "pt-BR")
PROMPTS = {_words(q.prompt): q for q in PT.questions.values()}
SCREENING = 4  # the screening questions answered here


def pt(text: str) -> str:
    with using("pt-BR"):
        return _(text)


KINDS = {pt("Space tick"): "checkbox", pt("Enter choose"): "select", pt("Enter confirm"): "text"}


def spawn(tmp_path: Path, columns: int) -> Screen:
    """`hria new` with HRIA_LANG=pt-BR in the environment (no --lang)."""
    os.environ["HRIA_LANG"] = "pt-BR"
    try:
        return Screen("new", "a.hria.yaml", cwd=tmp_path, columns=columns, colour=False)
    finally:
        del os.environ["HRIA_LANG"]


def control(term: Terminal) -> Control:
    """The control at the bottom of the screen, once its Portuguese keys are drawn."""
    for _attempt in range(200):
        term._read(0.1)
        found = control_at([line for line in term.lines() if line], KINDS)
        if found is not None:
            return found
    raise AssertionError(f"no control appeared on:\n{term.text()}")


def answer(term: Screen, answers: dict[str, Answer]) -> str:
    """Answer the screening question on screen as the case does; its id."""
    shown = control(term)
    assert shown.prompt in PROMPTS, (shown.prompt, term.text())
    question = PROMPTS[shown.prompt]
    if isinstance(question, ChoiceQuestion):
        for choice in question.choices:
            assert joined(entry(shown.lines, choice.label)) == _words(choice.label)
        assert joined(entry(shown.lines, pt("Unknown"))) == pt("Unknown")
    footer = " ".join(shown.lines[-3:])
    for part in FOOTERS[shown.kind]:
        assert pt(part) in footer, (part, footer)
    asked = term.asked()
    term.child.send(value_keys(question, answers[question.id]))
    end = 0
    while term.asked() == asked and end < 100:
        term._read(0.1)
        end += 1
    return question.id


def test_the_first_screens_in_portuguese(tmp_path: Path) -> None:
    answers = case_answers()
    term = spawn(tmp_path, columns=72)
    prompts = [
        pt("Which deployment is assessed (a short title)?"),
        pt("Which organisation deploys, sells or audits it?"),
        pt("Your role in this assessment"),
        pt("Who is answering (a person or a team)?"),
        pt("Review by (YYYY-MM-DD, empty to decide later)"),
    ]
    for prompt, keys in zip(prompts, META, strict=True):
        term.wait(prompt[:25])
        term.child.send(keys)
    asked = [answer(term, answers) for _n in range(SCREENING)]
    assert all(q in REAL.screening_questions for q in asked)
    control(term)  # the next question waits
    transcript = term.transcript()
    term.stop()
    shown = "\n".join(transcript)
    assert pt("A new assessment. First, what is assessed and by whom.") in shown
    assert pt("Deployer") in shown and "respondidas" in shown
    assert all(len(line) <= 72 for line in transcript)
    assert english_left(transcript) == []
    saved = load_assessment(tmp_path / "a.hria.yaml", REAL).assessment
    assert {q: _plain(a) for q, a in saved.answers.items()} == {
        q: _plain(answers[q]) for q in asked
    }
