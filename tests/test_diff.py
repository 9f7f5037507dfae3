"""`hria diff`: the meaning-level comparison (every kind of change), the command's formats and
exit codes, git revisions in a temporary repository, and the git diff driver."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.bank.load import load_bank
from hria.cli import app
from hria.domain.diff import Change, ChangeSet, FlagChangeKind, compare
from hria.domain.engine import assess
from hria.files.store import dump, load_assessment
from hria.models.assessment import Action, Answer, Assessment, Impact
from hria.models.bank import Bank, MultipleChoiceQuestion
from tests.conftest import ROOT

EXAMPLE = ROOT / "assessments" / "on-device-verification.hria.yaml"
TODAY = dt.date(2026, 11, 22)
runner = CliRunner()


@pytest.fixture(scope="module")
def full() -> Bank:
    return load_bank()


@pytest.fixture(scope="module")
def base(full: Bank) -> Assessment:
    return load_assessment(EXAMPLE, full).assessment


def answered(assessment: Assessment, **changes: Any) -> Assessment:
    """The assessment with answers replaced (an Answer, or a bare value that keeps the note and
    evidence) or removed (None)."""
    answers = dict(assessment.answers)
    for key, value in changes.items():
        qid = key.replace("__", ".")
        if value is None:
            answers.pop(qid)
        elif isinstance(value, Answer):
            answers[qid] = value
        else:
            kept = answers.get(qid)
            answers[qid] = kept.model_copy(update={"value": value}) if kept else Answer(value=value)
    return assessment.model_copy(update={"answers": answers})


def diff_of(bank: Bank, old: Assessment, new: Assessment) -> ChangeSet:
    return compare(bank, old, assess(bank, old, TODAY), new, assess(bank, new, TODAY))


def run(*args: object) -> Any:
    return runner.invoke(app, ["diff", *(str(a) for a in args)], catch_exceptions=False)


# --- the change set, kind by kind ---------------------------------------------------------


def test_identical_is_empty(full: Bank, base: Assessment) -> None:
    changes = diff_of(full, base, base)
    assert changes.empty
    assert not changes.worse


def test_answer_added_removed_changed(full: Bank, base: Assessment) -> None:
    new = answered(
        base,
        legality__law_public="no",
        legality__covers_people=None,
    )
    old = answered(base, legality__covers_people=None, context__purpose=None)
    changes = diff_of(full, old, new)
    kinds = {(a.question, a.change) for a in changes.answers}
    assert kinds == {
        ("legality.law_public", Change.CHANGED),
        ("context.purpose", Change.ADDED),
    }
    back = diff_of(full, new, old)
    assert ("context.purpose", Change.REMOVED) in {(a.question, a.change) for a in back.answers}
    changed = next(a for a in changes.answers if a.question == "legality.law_public")
    assert changed.fields == ("value",)


def test_note_evidence_and_carried_over(full: Bank, base: Assessment) -> None:
    old = base.answers["legality.law_public"]
    new = old.model_copy(
        update={"note": "Different note", "evidence": ["Gazette"], "carried_over": True}
    )
    changes = diff_of(full, base, answered(base, legality__law_public=new))
    (change,) = changes.answers
    assert change.fields == ("note", "evidence", "carried_over")
    assert not changes.flags
    assert changes.verdict is None


def test_note_whitespace_and_tick_order_are_not_meaning(full: Bank, base: Assessment) -> None:
    note = base.answers["red_lines.face_identification"].note
    assert note is not None
    reflowed = base.answers["red_lines.face_identification"].model_copy(
        update={"note": "  " + note.replace(" ", "\n", 3) + "\n"}
    )
    ticks = full.questions["legality.law_precision"]
    assert isinstance(ticks, MultipleChoiceQuestion)
    two = [v for v in ticks.values if v != "none"][:2]
    old = answered(base, legality__law_precision=two)
    new = answered(
        base, legality__law_precision=list(reversed(two)), red_lines__face_identification=reflowed
    )
    assert diff_of(full, old, new).empty


def test_flags_raised_and_cleared_with_gates_and_verdict(full: Bank, base: Assessment) -> None:
    worse = answered(base, legality__law_public="no", red_lines__emotion_inference="yes")
    changes = diff_of(full, base, worse)
    raised = {(f.code, f.kind) for f in changes.flags}
    assert {("RL-003", FlagChangeKind.RAISED), ("LEG-002", FlagChangeKind.RAISED)} <= raised
    assert changes.verdict is not None and changes.verdict.worse
    assert changes.verdict.new.outcome == "do_not_deploy"
    assert {g.gate for g in changes.gates if g.worse} >= {"red_lines", "legality"}
    assert changes.worse
    back = diff_of(full, worse, base)
    assert {f.kind for f in back.flags if f.code in ("RL-003", "LEG-002")} == {
        FlagChangeKind.CLEARED
    }
    assert not back.worse
    assert back.verdict is not None and not back.verdict.worse


def test_flag_changes_severity(full: Bank, base: Assessment) -> None:
    crossed = answered(base, red_lines__emotion_inference="yes")
    unsure = answered(base, red_lines__emotion_inference="unknown")
    changes = diff_of(full, crossed, unsure)
    (flag,) = [f for f in changes.flags if f.code == "RL-003"]
    assert flag.kind is FlagChangeKind.SEVERITY
    assert flag.old is not None and flag.new is not None
    assert flag.old.severity == "red_line"
    assert flag.new.severity.rank < flag.old.severity.rank
    assert not flag.worse
    assert diff_of(full, unsure, crossed).flags[0].worse


def test_flag_status_follows_the_action_plan(full: Bank, base: Assessment) -> None:
    failing = answered(base, legality__law_public="no")
    action = Action(
        id="publish-law",
        description="Publish the regulations",
        addresses=["LEG-002"],
        owner="Legal",
        due=dt.date(2027, 1, 1),
    )
    planned = failing.model_copy(update={"actions": [*failing.actions, action]})
    changes = diff_of(full, failing, planned)
    (flag,) = changes.flags
    assert flag.kind is FlagChangeKind.STATUS
    assert flag.old is not None and flag.new is not None
    assert (flag.old.status, flag.new.status) == ("open", "mitigation planned")
    assert [(e.id, e.change) for e in changes.actions] == [("publish-law", Change.ADDED)]
    assert not changes.worse


def test_questions_start_and_stop_applying(full: Bank, base: Assessment) -> None:
    narrowed = answered(base, due_diligence__relationships=["none"])
    changes = diff_of(full, base, narrowed)
    stopped = {c.question for c in changes.applies if not c.applies}
    assert "vendor.company" in stopped
    assert all(not c.applies for c in changes.applies)
    assert [f.code for f in changes.flags if f.kind is FlagChangeKind.CLEARED] == ["VEN-014"]
    again = diff_of(full, narrowed, base)
    assert {c.question for c in again.applies if c.applies} == stopped


def test_impacts_and_actions(full: Bank, base: Assessment) -> None:
    (impact,) = base.impacts
    graver = impact.model_copy(update={"scale": 4})
    extra = Impact.model_validate(
        impact.model_dump() | {"id": "second", "groups": ["b", "a"], "likelihood": 1}
    )
    old = base.model_copy(update={"impacts": [impact, extra]})
    reordered = extra.model_copy(update={"groups": ["a", "b"]})
    new = base.model_copy(update={"impacts": [reordered, graver], "actions": []})
    changes = diff_of(full, old, new)
    assert [(e.id, e.change, e.fields) for e in changes.impacts] == [
        ("lockout-older-women", Change.CHANGED, ("scale",))
    ]
    assert [(e.id, e.change) for e in changes.actions] == [("narrow-gap-and-pin", Change.REMOVED)]


def test_metadata_but_not_the_save_date(full: Bank, base: Assessment) -> None:
    saved = base.model_copy(
        update={"metadata": base.metadata.model_copy(update={"updated": dt.date(2030, 1, 1)})}
    )
    assert diff_of(full, base, saved).empty
    description = base.metadata.description or "One two three"
    rewrapped = base.model_copy(
        update={
            "metadata": base.metadata.model_copy(
                update={"description": description.replace(" ", "\n  ", 2)}
            )
        }
    )
    assert diff_of(full, base, rewrapped).empty
    renamed = base.model_copy(
        update={"metadata": base.metadata.model_copy(update={"title": "Another title"})}
    )
    (field,) = diff_of(full, base, renamed).metadata
    assert (field.name, field.new) == ("title", "Another title")


def test_intrusion_level(full: Bank, base: Assessment) -> None:
    level = assess(full, base, TODAY).profile
    assert level is not None
    graver = answered(base, context__error_consequence="liberty_status")
    changes = diff_of(full, base, graver)
    assert changes.level is not None
    assert changes.level.old is not None and changes.level.old.level == level.level
    assert changes.level.new is not None and changes.level.new.level == 4


# --- the command ---------------------------------------------------------------------------


def _write_changed(folder: Path, assessment: Assessment, name: str) -> Path:
    path = folder / name
    path.write_text(dump(assessment, path), encoding="utf-8")
    return path


def test_reordered_keys_and_comments_are_no_difference(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines()
    # comments changed and added, and the top-level keys reordered (answers before metadata)
    commented = [line.replace("# 3. Legality", "# The legality test") for line in lines]
    body = "\n".join(commented) + "\n# a closing comment\n"
    head, rest = body.split("\nanswers:", 1)
    answers, tail = ("answers:" + rest), ""
    if "\nimpacts:" in answers:
        answers, tail = answers.split("\nimpacts:", 1)
        tail = "impacts:" + tail
    header, metadata = head.split("\nmetadata:", 1)
    reordered = f"{header}\n{answers.rstrip()}\nmetadata:{metadata}\n{tail}"
    new = tmp_path / "new.hria.yaml"
    new.write_text(reordered, encoding="utf-8")
    assert reordered.index("\nanswers:") < reordered.index("\nmetadata:")
    assert "# a closing comment" in reordered and "# The legality test" in reordered
    result = run(EXAMPLE, new)
    assert result.exit_code == 0, result.output
    assert "no difference in meaning" in result.output
    as_json = tmp_path / "same.hria.json"
    bank = load_bank()
    loaded = load_assessment(EXAMPLE, bank).assessment
    as_json.write_text(dump(loaded, as_json), encoding="utf-8")
    assert run(EXAMPLE, as_json).exit_code == 0


def test_text_output_names_prompts_and_labels(tmp_path: Path, full: Bank, base: Assessment) -> None:
    new = _write_changed(tmp_path, answered(base, legality__law_public="no"), "n.hria.yaml")
    result = run(EXAMPLE, new, "--today", TODAY)
    assert result.exit_code == 1
    out = result.output
    assert full.questions["legality.law_public"].prompt in out
    assert "answer: “Yes” → “No”" in out
    assert "+ ▲ HIGH LEG-002" in out
    assert "No major flags found → Fails the legality test" in out
    assert out.rstrip().endswith("the verdict is worse")


def test_fail_if_worse(tmp_path: Path, base: Assessment) -> None:
    worse = _write_changed(tmp_path, answered(base, legality__law_public="no"), "w.hria.yaml")
    noted = answered(
        base,
        legality__law_public=base.answers["legality.law_public"].model_copy(update={"note": "x"}),
    )
    same_verdict = _write_changed(tmp_path, noted, "s.hria.yaml")
    assert run("--fail-if-worse", EXAMPLE, worse).exit_code == 1
    assert run("--fail-if-worse", worse, EXAMPLE).exit_code == 0  # better
    assert run(EXAMPLE, same_verdict).exit_code == 1
    assert run("--fail-if-worse", EXAMPLE, same_verdict).exit_code == 0


def test_markdown_and_json(tmp_path: Path, full: Bank, base: Assessment) -> None:
    changed = answered(base, legality__law_public="no", context__purpose="**bold** | <b>x</b>")
    new = _write_changed(tmp_path, changed, "n.hria.yaml")
    md = run("-f", "md", EXAMPLE, new).output
    assert md.startswith("## hria diff: ")
    assert "### Flags" in md and "- **raised** ▲ HIGH LEG-002" in md
    assert "\\*\\*bold\\*\\* \\| \\<b\\>x\\</b\\>" in md  # free text cannot inject markup
    document = json.loads(run("-f", "json", EXAMPLE, new).output)
    assert document["different"] is True and document["worse"] is True
    assert document["verdict"]["new"]["outcome"] == "fails"
    answer = next(a for a in document["answers"] if a["question"] == "legality.law_public")
    assert answer["old"]["label"] == "Yes" and answer["new"]["label"] == "No"
    assert answer["prompt"] == full.questions["legality.law_public"].prompt
    flag = next(f for f in document["flags"] if f["code"] == "LEG-002")
    assert (flag["change"], flag["new"]["severity"]) == ("raised", "high")
    same = json.loads(run("-f", "json", EXAMPLE, EXAMPLE).output)
    assert same["different"] is False and same["answers"] == [] and same["verdict"] is None


def test_bad_input_is_located_exit_2(tmp_path: Path) -> None:
    broken = tmp_path / "bad.hria.yaml"
    broken.write_text(EXAMPLE.read_text(encoding="utf-8").replace('value: "no"', "value: maybe", 1))
    result = runner.invoke(app, ["diff", str(EXAMPLE), str(broken)])
    assert result.exit_code == 2
    assert f"{broken}:" in result.output and "red_lines.face_identification" in result.output
    missing = runner.invoke(app, ["diff", str(EXAMPLE), str(tmp_path / "none.hria.yaml")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    wrong = runner.invoke(app, ["diff", str(EXAMPLE)])
    assert wrong.exit_code == 2 and "two files" in wrong.output


# --- git ----------------------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def _git(repo: Path, *args: str) -> str:
    env = os.environ | {
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(repo),
    }
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, env=env, check=True
    )
    return done.stdout


@pytest.fixture
def repo(tmp_path: Path, base: Assessment) -> Path:
    """Two commits of one assessment: the second makes the law secret (LEG-002, high)."""
    folder = tmp_path / "repo"
    (folder / "sub").mkdir(parents=True)
    _git(folder, "init", "-q")
    target = folder / "sub" / "city.hria.yaml"
    shutil.copyfile(EXAMPLE, target)
    _git(folder, "add", ".")
    _git(folder, "commit", "-qm", "first")
    _write_changed(folder / "sub", answered(base, legality__law_public="no"), "city.hria.yaml")
    _git(folder, "commit", "-qam", "second")
    return folder


@needs_git
def test_git_revisions(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    result = run("HEAD~1", "HEAD", "--", "sub/city.hria.yaml")
    assert result.exit_code == 1, result.output
    assert "--- HEAD~1:sub/city.hria.yaml" in result.output
    assert "+ ▲ HIGH LEG-002" in result.output
    monkeypatch.chdir(repo / "sub")
    assert run("HEAD", "HEAD", "--", "city.hria.yaml").exit_code == 0
    bad = runner.invoke(app, ["diff", "nosuchrev", "HEAD", "--", "city.hria.yaml"])
    assert bad.exit_code == 2
    assert "git cannot read nosuchrev:city.hria.yaml" in bad.output
    absent = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "--", "other.hria.yaml"])
    assert absent.exit_code == 2 and "does not exist" in absent.output
    option = runner.invoke(app, ["diff", "--", "--output=x", "HEAD", "city.hria.yaml"])
    assert option.exit_code == 2 and "not a git revision" in option.output


@needs_git
def test_git_blob_that_is_invalid_is_located(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = repo / "sub" / "city.hria.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("schema_version: 1", "schema_version: x")
    )
    _git(repo, "commit", "-qam", "broken")
    monkeypatch.chdir(repo)
    result = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "--", "sub/city.hria.yaml"])
    assert result.exit_code == 2
    assert "HEAD:sub/city.hria.yaml:1:" in result.output


def test_without_git(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    monkeypatch.setenv("PATH", str(repo / "nothing-here"))
    result = runner.invoke(app, ["diff", "HEAD~1", "HEAD", "--", "sub/city.hria.yaml"])
    assert result.exit_code == 2
    assert "git is not installed" in result.output


def test_driver_arguments(tmp_path: Path, base: Assessment) -> None:
    new = _write_changed(tmp_path, answered(base, legality__law_public="no"), "t.hria.yaml")
    args = ["city.hria.yaml", EXAMPLE, "a" * 40, "100644", new, "0" * 40, "100644"]
    result = run(*args)
    assert result.exit_code == 0, result.output  # git stops the whole diff on a failing driver
    assert "--- aaaaaaa:city.hria.yaml" in result.output
    assert "+++ city.hria.yaml" in result.output and "LEG-002" in result.output
    added = run("--git-driver", "city.hria.yaml", "/dev/null", ".", ".", new, "b" * 40, "100644")
    assert added.exit_code == 0
    assert added.output.startswith("city.hria.yaml: new assessment; its verdict: Fails")
    short = runner.invoke(app, ["diff", "--git-driver", "a", "b"])
    assert short.exit_code == 2 and "7 arguments" in short.output


@needs_git
def test_as_git_diff_driver(repo: Path) -> None:
    """The README's two lines, with git itself calling hria."""
    (repo / ".gitattributes").write_text("*.hria.yaml diff=hria\n", encoding="utf-8")
    command = f"{sys.executable} -m hria diff --git-driver"
    _git(repo, "config", "diff.hria.command", command)
    out = _git(repo, "diff", "HEAD~1", "HEAD")
    assert "+ ▲ HIGH LEG-002" in out
    assert "3.2 " in out and "answer: “Yes” → “No”" in out
    assert "schema_version" not in out  # not a line diff


def test_hostile_text_is_escaped(tmp_path: Path, base: Assessment) -> None:
    """A note that would drive a terminal or forge a line stays one visible line."""
    hostile = "ok\x1b[2J\nFlags:\n  + forged\u202e"
    note = base.answers["legality.law_public"].model_copy(update={"note": hostile})
    new = _write_changed(tmp_path, answered(base, legality__law_public=note), "h.hria.yaml")
    text = run(EXAMPLE, new).output
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b[2J" in text and "\\u202e" in text
    assert "Flags:" in text, "the note is shown"
    assert not any(line.startswith("Flags:") for line in text.splitlines()), "on its own line"
    md = run("-f", "md", EXAMPLE, new).output
    assert "\x1b" not in md and "\n  + forged" not in md
    document = json.loads(run("-f", "json", EXAMPLE, new).output)
    assert document["answers"][0]["new"]["note"] == hostile
