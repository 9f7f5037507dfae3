"""Steady progress: the count of questions to go moves only by what an answer opened or closed,
the interview says so when it does, sections that never apply are not counted, and reviews show
every answer in full."""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path

from hria.interview import commands as interactive
from hria.interview.progress import change_lines, flag_line
from hria.interview.prompts import ScriptedPrompter
from hria.models.assessment import Answer
from hria.models.bank import Bank
from hria.models.base import Severity

TODAY = dt.date(2026, 11, 22)
META = ["Pilot", "Example agency", "deployer", "A. Person", "2027-06-30"]
CONTINUE, DONE = "__continue__", "__done__"
PROGRESS = re.compile(r"(\d+) answered, (\d+) questions? to go")


def _run(mini: Bank, path: Path, replies: list[object]) -> ScriptedPrompter:
    prompter = ScriptedPrompter(META + replies)
    interactive.new(mini, path, prompter, TODAY, force=False)
    assert not prompter.replies
    return prompter


def test_the_count_moves_only_by_what_an_answer_opened(mini: Bank, tmp_path: Path) -> None:
    replies = [["faces"], "yes", "Act 1", "", "one_to_one", CONTINUE]
    prompter = _run(mini, tmp_path / "a.hria.yaml", [*replies, "12", "", "", CONTINUE, DONE])
    shown = prompter.shown
    counts = [(int(m[1]), int(m[2])) for s in shown if (m := PROGRESS.search(s))]
    assert counts[0] == (0, 5), "faces opens one more question; five apply before it"
    opened = next(i for i, s in enumerate(shown) if s.strip().startswith("This answer adds"))
    assert "1 question (1 on Basics)" in shown[opened]
    for (done, left), (done2, left2) in itertools.pairwise(counts):
        if done2 == done + 1:  # one more answered: one fewer to go, plus what it opened
            assert left2 in (left - 1, left), (counts, shown)


def test_an_answer_that_closes_questions_says_so(mini: Bank) -> None:
    bank_order = ["basics.tech", "basics.law", "basics.mode"]
    lines = change_lines(mini, bank_order, ["basics.tech", "basics.law"], Answer(value=["gps"]))
    assert lines == ["This answer takes 1 question (1 on Basics) out of the interview."]


def test_unknown_says_what_it_keeps_open(mini: Bank) -> None:
    lines = change_lines(
        mini, ["basics.tech"], ["basics.tech", "basics.mode"], Answer(value="unknown")
    )
    assert lines == [
        "Answering 'unknown' keeps 1 question (1 on Basics) open until the facts are known."
    ]


def test_sections_that_never_apply_are_not_counted(bank: Bank) -> None:
    from hria.domain.flow import visible
    from hria.interview.progress import applying_sections

    order = visible(bank, {})
    sections = applying_sections(bank, order)
    assert sections[0] == "context" and len(sections) < len(bank.sections)


def test_reviews_show_the_whole_answer(mini: Bank, tmp_path: Path) -> None:
    replies = [["faces"], "yes", "Act 1, s. 2", "Passed in 2020", "one_to_many", CONTINUE]
    prompter = _run(mini, tmp_path / "a.hria.yaml", [*replies, "12", "", "", CONTINUE, DONE])
    review = prompter.shown[prompter.shown.index("\nReview: Basics") :]
    text = "\n".join(review)
    assert "1.2 Is there a law?" in text and "    Yes" in text, "yes/no shown as words"
    assert "note: Passed in 2020" in text and "evidence: Act 1, s. 2" in text
    assert "⛔ RL-001 RED LINE" in text, "the flag an answer raises is shown under it"


def test_severities_differ_by_symbol_without_colour(mini: Bank) -> None:
    from hria.domain.engine import assess
    from hria.interview.progress import MARKS
    from tests.helpers import make_assessment

    ranked = (Severity.RED_LINE, Severity.HIGH, Severity.MEDIUM, Severity.LOW)
    assert len({MARKS[s] for s in ranked}) == len(ranked)
    answers = {"basics.tech": ["faces"], "basics.mode": "one_to_many", "basics.law": "no"}
    flags = assess(mini, make_assessment(mini, answers)).flags
    lines = {f.severity: flag_line(f) for f in flags}
    assert lines[Severity.RED_LINE].startswith("⛔ RL-001")
    assert lines[Severity.HIGH].startswith("▲ LEG-001")


def test_the_summary_points_to_the_plan_for_open_flags(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    replies: list[object] = [["gps"], "no", CONTINUE, "12", "", "", CONTINUE, DONE]
    prompter = _run(mini, path, replies)
    assert any(f"with: hria edit {path} --plan" in s for s in prompter.shown), prompter.shown[-6:]
