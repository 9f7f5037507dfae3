"""Real questionary prompts, fed keystrokes through a prompt_toolkit pipe."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from prompt_toolkit.application import create_app_session
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.input.base import PipeInput
from prompt_toolkit.output import DummyOutput

from hria.files.store import load_assessment
from hria.interview import commands as interactive
from hria.interview.prompts import QuestionaryPrompter
from hria.models.bank import Bank

ENTER, DOWN, SPACE, CTRL_C = "\r", "\x1b[B", " ", "\x03"


@pytest.fixture
def keys() -> Iterator[PipeInput]:
    with create_pipe_input() as pipe, create_app_session(input=pipe, output=DummyOutput()):
        yield pipe


META = "Pilot\r" + "Example agency\r" + ENTER + "A. Person\r" + ENTER


def test_a_whole_interview_through_real_prompts(
    keys: PipeInput, mini: Bank, tmp_path: Path
) -> None:
    keys.send_text(
        META
        + DOWN
        + SPACE
        + ENTER  # technologies: GPS
        + DOWN
        + DOWN
        + ENTER  # law: No (the pointer starts on no answer)
        + ENTER  # review: continue
        + "12\r"
        + ENTER
        + ENTER  # people; optional date and reason skipped
        + ENTER  # review: continue
        + ENTER  # impact register: continue
    )
    path = tmp_path / "a.hria.yaml"
    interactive.new(mini, path, QuestionaryPrompter(), dt.date(2026, 11, 22), force=False)
    saved = load_assessment(path, mini).assessment
    assert {q: a.value for q, a in saved.answers.items()} == {
        "basics.tech": ["gps"],
        "basics.law": "no",
        "details.people": 12,
    }
    assert saved.metadata.title == "Pilot" and saved.metadata.role == "deployer"
    assert saved.metadata.status == "complete"


def test_ctrl_c_in_a_real_prompt_keeps_the_draft(
    keys: PipeInput, mini: Bank, tmp_path: Path
) -> None:
    keys.send_text(META + DOWN + SPACE + ENTER + CTRL_C)
    path = tmp_path / "a.hria.yaml"
    with pytest.raises(interactive.InterruptedInterview):
        interactive.new(mini, path, QuestionaryPrompter(), dt.date(2026, 11, 22), force=False)
    saved = load_assessment(path, mini).assessment
    assert saved.answers["basics.tech"].value == ["gps"]
    assert saved.metadata.status == "draft"


def test_invalid_number_is_refused_at_the_prompt(
    keys: PipeInput, mini: Bank, tmp_path: Path
) -> None:
    keys.send_text(
        META
        + DOWN
        + SPACE
        + ENTER
        + DOWN
        + DOWN
        + ENTER
        + ENTER
        + "many\r"
        + "\x7f" * 4
        + "-3\r"
        + "\x7f" * 2
        + "7\r"
        + ENTER
        + ENTER
        + ENTER
        + ENTER
    )
    path = tmp_path / "a.hria.yaml"
    interactive.new(mini, path, QuestionaryPrompter(), dt.date(2026, 11, 22), force=False)
    assert load_assessment(path, mini).assessment.answers["details.people"].value == 7
