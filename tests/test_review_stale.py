"""A review against an assessment that changed since (stale), and reviews that are refused:
of another assessment, of another bank, or challenging a question that does not exist."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner, Result

from hria.cli import app
from hria.domain.digest import remarks_digest
from hria.domain.reviews import Change, changed_since
from hria.files.reviews import load_review, review_path_for
from hria.files.store import load_assessment
from hria.models.bank import Bank
from tests.test_review_file import copy_example, review_text

SEEN = ("red_lines.face_identification", "context.compulsion", "context.people_per_year")


def seen_body(bank: Bank, assessment: Path) -> str:
    """Answers accepted with a record of what was seen, as `hria review` writes them."""
    answers = load_assessment(assessment, bank).assessment.answers
    lines = ["answers:"]
    for qid in SEEN:
        value, digest = json.dumps(answers[qid].value), remarks_digest(answers[qid])
        lines.append(f"  {qid}: {{verdict: accepted, seen: {{value: {value}, digest: {digest}}}}}")
    return "\n".join(lines) + "\n"


def run(assessment: Path, review: Path, *args: str) -> Result:
    return CliRunner().invoke(app, ["check", str(assessment), "--review", str(review), *args])


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_review_of_the_assessment_as_it_is_is_not_stale(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    review = review_path_for(assessment)
    review.write_text(review_text(bank, assessment, seen_body(bank, assessment)), encoding="utf-8")
    result = run(assessment, review)
    assert result.exit_code == 0, result.output
    assert "changed since" not in result.stdout


def test_a_stale_review_lists_the_answers_changed_since(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    review = review_path_for(assessment)
    review.write_text(review_text(bank, assessment, seen_body(bank, assessment)), encoding="utf-8")
    edit(assessment, "value: 60000", "value: 90000")
    edit(assessment, "No gallery\n      exists", "No gallery\n      is kept")
    result = run(assessment, review)
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "the assessment has changed since this review was made (its SHA-256 differs)" in out
    assert "answers changed since the review: 2" in out
    assert "red_lines.face_identification: note or evidence changed" in out
    assert "context.people_per_year: answer changed" in out
    assert "context.compulsion" not in out.split("answers changed since", 1)[1].split("\n  con")[0]

    entry = json.loads(run(assessment, review, "-f", "json").stdout)["files"][0]["review"]
    assert entry["stale"] is True
    assert entry["changed_since"] == [
        {"question": "red_lines.face_identification", "change": "remarks"},
        {"question": "context.people_per_year", "change": "value"},
    ]


def test_a_removed_answer_is_a_change(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    review = review_path_for(assessment)
    review.write_text(review_text(bank, assessment, seen_body(bank, assessment)), encoding="utf-8")
    edit(assessment, "  context.people_per_year:\n    value: 60000\n", "")
    now = load_assessment(assessment, bank).assessment
    assert changed_since(load_review(review, bank).review, now) == [
        Change("context.people_per_year", "removed")
    ]


def test_a_stale_hand_written_review_says_it_cannot_list(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    review = review_path_for(assessment)
    review.write_text(review_text(bank, assessment), encoding="utf-8")
    edit(assessment, "value: 60000", "value: 90000")
    out = run(assessment, review).stdout
    assert "the review records no answers as seen, so what changed cannot be listed" in out


def test_a_review_of_another_assessment_is_refused(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    other = copy_example(tmp_path, "gps-tagging-immigration-bail")
    review = review_path_for(assessment)
    review.write_text(review_text(bank, assessment), encoding="utf-8")
    result = run(other, review)
    assert result.exit_code == 2
    assert (
        f"{review}:7:9: assessment.path: this review is of 'on-device-verification.hria.yaml', "
        "not of 'gps-tagging-immigration-bail.hria.yaml'"
    ) in result.stderr
    assert result.stdout.count("Fails") <= 1  # the assessment's own block, nothing of the review


def test_the_review_found_through_its_relative_path(tmp_path: Path, bank: Bank) -> None:
    """A review in another folder names the assessment relative to itself."""
    assessment = copy_example(tmp_path, "on-device-verification")
    (tmp_path / "reviews").mkdir()
    review = tmp_path / "reviews" / "mine.review.hria.yaml"
    body = review_text(bank, assessment, path="../on-device-verification.hria.yaml")
    review.write_text(body, encoding="utf-8")
    assert run(assessment, review).exit_code == 0


def test_a_review_of_another_bank_is_refused(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    review = review_path_for(assessment)
    text = review_text(bank, assessment)
    review.write_text(text.replace("{id: hria-core,", "{id: other-bank,"), encoding="utf-8")
    result = run(assessment, review)
    assert result.exit_code == 2
    assert (
        "assessment.bank.id: this review is of an assessment of bank 'other-bank', but the "
        "assessment given answers 'hria-core'"
    ) in result.stderr
    review.write_text(text.replace("version: 2.0.0}", "version: 1.0.0}"), encoding="utf-8")
    result = run(assessment, review)
    assert result.exit_code == 2
    assert "this review was made against hria-core 1.0.0" in result.stderr


def test_a_challenge_to_a_question_that_does_not_exist(tmp_path: Path, bank: Bank) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    review = review_path_for(assessment)
    body = "answers:\n  legality.legal_bases: {verdict: challenged, value: 'no'}\n"
    review.write_text(review_text(bank, assessment, body), encoding="utf-8")
    result = run(assessment, review)
    assert result.exit_code == 2
    assert (
        f"{review}:11:3: answers.legality.legal_bases: unknown question id (not in bank "
        "hria-core 2.0.0); did you mean 'legality.legal_basis'?"
    ) in result.stderr
    assert "Traceback" not in result.output


def test_a_review_that_does_not_exist(tmp_path: Path) -> None:
    assessment = copy_example(tmp_path, "on-device-verification")
    result = run(assessment, tmp_path / "missing.review.hria.yaml")
    assert result.exit_code == 2
    assert "missing.review.hria.yaml" in result.stderr
