"""The review interview through a scripted prompter: resuming after the assessment changed
asks the changed answers again; a review file of another assessment is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from hria.domain.digest import canonical_digest
from hria.errors import InvalidFileError
from hria.files.reviews import load_review
from hria.files.store import load_assessment
from hria.interview.prompts import ScriptedPrompter
from hria.interview.reviewing import InterruptedReview, review
from hria.models.bank import Bank
from tests.test_plan_tui import NO_LAW

TODAY = dt.date(2026, 12, 1)
START = ["R. Reviewer", "Watch", "ngo"]
ALL_ACCEPTED = ["accepted"] * 4


def test_resuming_after_the_assessment_changed(tmp_path: Path, mini: Bank) -> None:
    assessment = tmp_path / "a.hria.yaml"
    assessment.write_text(NO_LAW, encoding="utf-8")
    with pytest.raises(InterruptedReview):
        review(mini, assessment, ScriptedPrompter([*START, *ALL_ACCEPTED, KeyboardInterrupt()]),
               TODAY, None)  # fmt: skip
    path = tmp_path / "a.review.hria.yaml"
    assert len(load_review(path, mini).review.answers) == 4

    assessment.write_text(NO_LAW.replace("value: 12", "value: 5000"), encoding="utf-8")
    prompter = ScriptedPrompter(["accepted", KeyboardInterrupt()])
    with pytest.raises(InterruptedReview):
        review(mini, assessment, prompter, TODAY, None)
    assert "The assessment has changed since this review was started." in prompter.shown
    assert "  details.people: answer changed; it is asked again" in prompter.shown
    assert any(line.startswith("\nAnswer 3 of 4: 2.1 How many people?") for line in prompter.shown)
    saved = load_review(path, mini).review
    now = load_assessment(assessment, mini).assessment
    assert saved.assessment.sha256 == canonical_digest(now)
    assert saved.answers["details.people"].seen is not None
    assert saved.answers["details.people"].seen.value == 5000


def test_an_existing_review_of_another_assessment_is_refused(tmp_path: Path, mini: Bank) -> None:
    first = tmp_path / "a.hria.yaml"
    first.write_text(NO_LAW, encoding="utf-8")
    with pytest.raises(InterruptedReview):
        review(mini, first, ScriptedPrompter([*START, KeyboardInterrupt()]), TODAY, None)
    other = tmp_path / "b.hria.yaml"
    other.write_text(NO_LAW, encoding="utf-8")
    target = tmp_path / "a.review.hria.yaml"
    with pytest.raises(InvalidFileError) as caught:
        review(mini, other, ScriptedPrompter([]), TODAY, target)
    assert "this review is of 'a.hria.yaml', not of 'b.hria.yaml'" in str(caught.value.problems[0])


def test_accepting_the_rest_of_a_section(tmp_path: Path, mini: Bank) -> None:
    assessment = tmp_path / "a.hria.yaml"
    assessment.write_text(NO_LAW, encoding="utf-8")
    prompter = ScriptedPrompter([*START, "section", "accepted", KeyboardInterrupt()])
    with pytest.raises(InterruptedReview):
        review(mini, assessment, prompter, TODAY, None)
    assert "  Accepted 2 answers of Basics." in prompter.shown
    saved = load_review(tmp_path / "a.review.hria.yaml", mini).review
    assert list(saved.answers) == ["basics.tech", "basics.law", "details.people"]
    assert all(r.seen is not None and not r.challenged for r in saved.answers.values())


def test_the_last_answer_of_a_section_offers_no_rest(tmp_path: Path, mini: Bank) -> None:
    assessment = tmp_path / "a.hria.yaml"
    assessment.write_text(NO_LAW, encoding="utf-8")
    prompter = ScriptedPrompter([*START, "accepted", "accepted", "accepted", "section"])
    with pytest.raises(AssertionError, match="'section' is not offered"):
        review(mini, assessment, prompter, TODAY, None)
