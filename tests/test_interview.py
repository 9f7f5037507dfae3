"""The interview's flow, driven by a scripted prompter (no terminal, no library patching)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest

from hria.errors import HriaError, InvalidFileError
from hria.files.store import load_assessment
from hria.interview import commands as interactive
from hria.interview.prompts import BACK, HELP, ScriptedPrompter
from hria.interview.session import ConflictError, LockedError, Session
from hria.models.bank import Bank

TODAY = dt.date(2026, 11, 22)
META = ["Pilot", "Example agency", "deployer", "A. Person", "2027-06-30"]
CONTINUE, DONE = "__continue__", "__done__"


def run_new(mini: Bank, path: Path, replies: list[Any]) -> ScriptedPrompter:
    prompter = ScriptedPrompter(META + replies)
    interactive.new(mini, path, prompter, TODAY, force=False)
    assert not prompter.replies, f"unused replies: {prompter.replies}"
    return prompter


def answers(mini: Bank, path: Path) -> dict[str, Any]:
    loaded = load_assessment(path, mini)
    return {q: a.value for q, a in loaded.assessment.answers.items()}


FULL = [
    ["faces"],  # basics.tech
    "yes",
    "Act 1, s. 2",
    "",  # basics.law, evidence, note
    "one_to_one",  # basics.mode
    CONTINUE,  # review: Basics
    "12",
    "2026-01-01",
    "Safety",  # details
    CONTINUE,  # review: Details
    DONE,  # impact register
]


def test_a_whole_assessment_is_saved_complete(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    prompter = run_new(mini, path, FULL)
    loaded = load_assessment(path, mini)
    assert loaded.assessment.metadata.status == "complete"
    assert loaded.assessment.metadata.review_by == dt.date(2027, 6, 30)
    assert answers(mini, path) == {
        "basics.tech": ["faces"],
        "basics.law": "yes",
        "basics.mode": "one_to_one",
        "details.people": 12,
        "details.started": dt.date(2026, 1, 1),
        "details.why": "Safety",
    }
    assert loaded.assessment.answers["basics.law"].evidence == ["Act 1, s. 2"]
    assert (path.stat().st_mode & 0o777) == 0o600
    assert any("The assessment is complete" in s for s in prompter.shown)
    assert any(f"hria report {path} -o a.html" in s for s in prompter.shown)
    assert any("0 answered, 5 questions to go" in s for s in prompter.shown), "progress is visible"


def test_back_returns_to_the_previous_question(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    replies = [["faces"], "yes", "Act 1", "", BACK, "no", "one_to_one", *FULL[5:]]
    run_new(mini, path, replies)
    assert answers(mini, path)["basics.law"] == "no"


def test_help_is_shown_above_the_prompt(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    prompter = run_new(mini, path, [[HELP], *FULL])
    assert any(s.startswith("Why we ask: Decides what follows.") for s in prompter.shown)
    assert any("Sources: ICCPR art. 17" in s for s in prompter.shown)


def test_review_lets_an_answer_change(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    replies = [*FULL[:5], "basics.law", "no", CONTINUE, *FULL[6:]]
    prompter = run_new(mini, path, replies)
    assert answers(mini, path)["basics.law"] == "no"
    assert any("LEG-001" in s for s in prompter.shown), "the new flag is shown at once"


def test_claim_without_evidence_is_saved_and_flagged(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    replies = [["gps"], "yes", "", "", CONTINUE, "12", "", "", CONTINUE, DONE]
    prompter = run_new(mini, path, replies)
    assert any("EVD-001" in s for s in prompter.shown)
    assert any("flagged as unsubstantiated" in s for s in prompter.shown)


def test_interrupt_saves_the_draft_and_resume_continues(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    prompter = ScriptedPrompter([*META, *FULL[:6], KeyboardInterrupt()])
    with pytest.raises(interactive.InterruptedInterview) as caught:
        interactive.new(mini, path, prompter, TODAY, force=False)
    assert caught.value.exit_code == 130
    assert f"hria resume {path}" in (caught.value.hint or "")
    saved = load_assessment(path, mini).assessment
    assert saved.metadata.status == "draft"
    assert set(saved.answers) == {"basics.tech", "basics.law", "basics.mode"}
    assert not list(tmp_path.glob(".*.lock")), "the lock is released"
    again = ScriptedPrompter(FULL[6:])
    interactive.resume(mini, path, again, TODAY)
    assert again.asked[0].startswith("How many people?"), "resume starts at the first gap"
    assert load_assessment(path, mini).assessment.metadata.status == "complete"


def test_changed_condition_keeps_hidden_answers(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    run_new(mini, path, FULL)
    prompter = ScriptedPrompter([["gps"], CONTINUE, DONE])
    interactive.edit(mini, path, prompter, TODAY, question="basics.tech", section=None)
    assert any("Now not applicable" in s and "basics.mode" in s for s in prompter.shown)
    assert answers(mini, path)["basics.mode"] == "one_to_one", "kept in the file"


def test_edit_a_section_uses_current_values_as_defaults(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    run_new(mini, path, FULL)
    prompter = ScriptedPrompter([None, None, None, CONTINUE, DONE])
    interactive.edit(mini, path, prompter, TODAY, question=None, section="details")
    assert answers(mini, path)["details.people"] == 12


def test_new_refuses_to_overwrite(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text("keep me", encoding="utf-8")
    with pytest.raises(HriaError, match="exists already"):
        interactive.new(mini, path, ScriptedPrompter([]), TODAY, force=False)
    assert path.read_text(encoding="utf-8") == "keep me"


def test_a_second_interview_is_refused(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    run_new(mini, path, FULL)
    loaded = load_assessment(path, mini)
    with Session(path, loaded.assessment, loaded.text), pytest.raises(LockedError):
        interactive.resume(mini, path, ScriptedPrompter([]), TODAY)


def test_a_stale_lock_is_taken_over(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    run_new(mini, path, FULL)
    (tmp_path / ".a.hria.yaml.lock").write_text("999999999", encoding="utf-8")
    interactive.resume(mini, path, ScriptedPrompter([DONE]), TODAY)


def test_changes_on_disk_are_never_overwritten(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    run_new(mini, path, FULL)
    loaded = load_assessment(path, mini)
    session = Session(path, loaded.assessment, loaded.text)
    path.write_text(loaded.text + "# edited elsewhere\n", encoding="utf-8")
    with pytest.raises(ConflictError):
        session.save(loaded.assessment)
    assert path.read_text(encoding="utf-8").endswith("# edited elsewhere\n")
    assert (tmp_path / "a.hria.yaml.mine").exists()


def test_impacts_can_be_added_edited_and_removed(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    impact = [
        "stops",
        "Liberty",
        "travellers; children",
        "False matches",
        "potential",
        "cause",
        "4",
        "2",
        "3",
        "2",
    ]
    run_new(mini, path, [*FULL[:-1], "__add__", *impact, DONE])
    saved = load_assessment(path, mini).assessment
    assert saved.impacts[0].groups == ["travellers", "children"] and saved.impacts[0].severe
    edit = ["stops", "edit", None, None, None, None, "actual", None, None, None, None]
    interactive.resume(mini, path, ScriptedPrompter([*edit, DONE]), TODAY)
    assert load_assessment(path, mini).assessment.impacts[0].status == "actual"
    interactive.resume(mini, path, ScriptedPrompter(["stops", "remove", DONE]), TODAY)
    assert load_assessment(path, mini).assessment.impacts == []


def test_no_terminal_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    with pytest.raises(interactive.NotInteractiveError):
        interactive.require_terminal()


# --- the metadata is saved from its first answer ------------------------------------------


@pytest.mark.parametrize("given", [1, 2, 3, 4])
def test_ctrl_c_during_the_metadata_keeps_what_was_typed(
    mini: Bank, tmp_path: Path, given: int
) -> None:
    path = tmp_path / "a.hria.yaml"
    prompter = ScriptedPrompter([*META[:given], KeyboardInterrupt()])
    with pytest.raises(interactive.InterruptedInterview) as caught:
        interactive.new(mini, path, prompter, TODAY, force=False)
    assert caught.value.exit_code == 130
    assert f"hria resume {path}" in (caught.value.hint or "")
    assert (path.stat().st_mode & 0o777) == 0o600
    assert "title: Pilot" in path.read_text(encoding="utf-8")
    assert not list(tmp_path.glob(".*")), "no lock and no temp file are left"
    # With all four required answers the file is a whole draft: the optional review date
    # asked last is left for later, and resume goes on with the questions.
    rest = META[given:] if given < 4 else []
    again = ScriptedPrompter([*rest, *FULL])
    interactive.resume(mini, path, again, TODAY)
    assert not again.replies
    questions = ["Which deployment", "Which organisation", "Your role", "Who is answering"]
    first = [*questions, "Which technologies"][given]
    assert again.asked[0].startswith(first), "the rest of the metadata comes first"
    assert not any(a.startswith(q) for a in again.asked for q in questions[:given])
    saved = load_assessment(path, mini).assessment
    assert saved.metadata.status == "complete"
    assert (saved.metadata.title, saved.metadata.assessor) == ("Pilot", "A. Person")
    assert saved.metadata.review_by == (dt.date(2027, 6, 30) if rest else None)


def test_every_metadata_answer_is_saved_at_once(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    seen: list[str] = []

    class Watching(ScriptedPrompter):
        def _next(self, message: str) -> object:
            seen.append(path.read_text(encoding="utf-8") if path.exists() else "")
            return super()._next(message)

    interactive.new(mini, path, Watching([*META, *FULL]), TODAY, force=False)
    assert seen[0] == "", "nothing is written before the first answer"
    for count, value in enumerate(["Pilot", "Example agency", "deployer", "A. Person"], 1):
        assert value in seen[count], f"answer {count} is on disk before the next question"


def test_ctrl_c_before_the_first_answer_writes_nothing(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    with pytest.raises(interactive.InterruptedInterview) as caught:
        interactive.new(mini, path, ScriptedPrompter([KeyboardInterrupt()]), TODAY, force=False)
    assert "nothing was saved" in caught.value.message
    assert f"hria new {path}" in (caught.value.hint or "")
    assert list(tmp_path.iterdir()) == []


def test_a_half_metadata_draft_with_other_problems_is_refused(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    with pytest.raises(interactive.InterruptedInterview):
        interactive.new(mini, path, ScriptedPrompter(["Pilot", KeyboardInterrupt()]), TODAY, False)
    path.write_text(path.read_text(encoding="utf-8") + "answers: 3\n", encoding="utf-8")
    with pytest.raises(InvalidFileError):
        interactive.resume(mini, path, ScriptedPrompter([]), TODAY)


# --- a file that could not be saved is refused before anything is asked --------------------


def test_new_into_a_missing_folder_is_refused_at_once(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "missing" / "a.hria.yaml"
    with pytest.raises(HriaError, match="folder does not exist: ") as caught:
        interactive.new(mini, path, ScriptedPrompter([]), TODAY, force=False)
    assert caught.value.exit_code == 2
    assert str(tmp_path / "missing") in caught.value.message


def test_new_where_a_file_stands_for_the_folder_is_refused(mini: Bank, tmp_path: Path) -> None:
    (tmp_path / "notes").write_text("", encoding="utf-8")
    with pytest.raises(HriaError, match="not a folder: ") as caught:
        interactive.new(
            mini, tmp_path / "notes" / "a.hria.yaml", ScriptedPrompter([]), TODAY, False
        )
    assert caught.value.exit_code == 2
    with pytest.raises(HriaError, match="is a folder"):
        interactive.new(mini, tmp_path, ScriptedPrompter([]), TODAY, force=True)


def test_new_into_a_folder_that_is_not_writable_is_refused(
    mini: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "shared"
    folder.mkdir()
    folder.chmod(0o500)
    if os.access(folder, os.W_OK):  # root may write anywhere: pretend it may not
        monkeypatch.setattr(os, "access", lambda *_args, **_kw: False)
    try:
        with pytest.raises(HriaError, match="folder is not writable: ") as caught:
            interactive.new(mini, folder / "a.hria.yaml", ScriptedPrompter([]), TODAY, False)
    finally:
        folder.chmod(0o700)
    assert caught.value.exit_code == 2
