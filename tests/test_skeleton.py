"""The editor path: `hria new --skeleton` writes a valid draft with every question that applies
as a commented block; filled in by hand, `check` accepts it and `resume` completes it."""

from __future__ import annotations

import datetime as dt
import json
import re
import stat
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from hria.cli import app
from hria.domain.flow import visible
from hria.files.store import load_assessment
from hria.interview import commands as interactive
from hria.interview.prompts import ScriptedPrompter
from hria.models.bank import Bank
from tests.conftest import MINI, ROOT

TODAY = dt.date(2026, 11, 22)
BLOCK_ID = re.compile(r"^  # ([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*):$", re.MULTILINE)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def skeleton(path: Path, *extra: str, bank: Path | None = MINI) -> str:
    banked = ["--bank", str(bank)] if bank else []
    result = invoke("new", "--skeleton", str(path), *extra, *banked)
    assert result.exit_code == 0, result.output
    return path.read_text(encoding="utf-8")


def uncomment(text: str, qid: str, value: str) -> str:
    """What a person does in the editor: uncomment a block's id and value, give the value."""
    start = text.index(f"  # {qid}:\n")
    head, rest = text[:start], text[start:]
    lines = rest.split("\n")
    lines[0] = f"  {qid}:"
    assert lines[1].startswith("  #   value:"), lines[1]
    lines[1] = f"    value: {value}"
    return head + "\n".join(lines)


def test_the_skeleton_of_the_bank_lists_what_applies_and_fits_the_schema(
    bank: Bank, tmp_path: Path
) -> None:
    path = tmp_path / "s.hria.yaml"
    text = skeleton(path, bank=None)
    assert BLOCK_ID.findall(text) == visible(bank, {}), "every applicable question, in bank order"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    schema = json.loads((ROOT / "schema" / "hria-assessment.schema.json").read_text())
    document = json.loads(json.dumps(YAML(typ="safe", pure=True).load(text), default=str))
    jsonschema.validate(document, schema)
    assert document["answers"] is None and document["metadata"]["status"] == "draft"
    later = re.sub(r"\n *# *", " ", text[text.index("# Later:") :])
    assert "(13 questions): asked only if the answer to 1.1 includes any of" in later
    assert "Section 10, Biometrics" in later
    checked = invoke("check", str(path))
    assert checked.exit_code == 0, checked.output
    assert "still TO FILL IN" in checked.stderr and "metadata.title" in checked.stderr


def test_the_modeline_points_at_the_committed_schema_when_there_is_one(tmp_path: Path) -> None:
    inside = ROOT / "assessments"
    from hria.bank.load import load_bank
    from hria.interview.skeleton import schema_ref

    assert schema_ref(load_bank(), inside) == "../schema/hria-assessment.schema.json"
    assert schema_ref(load_bank(), tmp_path) == "hria-assessment.schema.json"
    assert schema_ref(load_bank(MINI), inside) == "hria-assessment.schema.json"  # another bank
    text = skeleton(tmp_path / "s.hria.yaml", "--schema", "https://example.org/s.json")
    assert text.startswith("# yaml-language-server: $schema=https://example.org/s.json\n")


def test_blocks_say_what_each_question_takes(tmp_path: Path) -> None:
    text = skeleton(tmp_path / "s.hria.yaml")
    tech = text[text.index("[1.1]") : text.index("[1.2]")]
    assert "a list of these values, at least 1" in tech
    assert "none   None of these (only on its own)" in tech
    assert "Or: unknown" in tech and "#   value: []" in tech
    law = text[text.index("[1.2]") : text.index("[2.1]")]
    assert 'Value: "yes" or "no"' in law and "Evidence expected:" in law
    assert "#   evidence: []" in law
    assert "a whole number, at least 0" in text and "a date, YYYY-MM-DD" in text
    assert "[2.2] When did it start? (optional)" in text
    assert "1.3 basics.mode: Which mode?" in text  # later, with its condition
    assert "Asked only if the answer to 1.1 includes “Faces”." in text


def test_round_trip_edit_check_resume(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "s.hria.yaml"
    text = skeleton(path, "--title", "Border pilot", "--role", "auditor")
    text = uncomment(text, "basics.tech", "[faces]")
    text = uncomment(text, "basics.law", '"no"')
    text = text.replace('"TO FILL IN: the organisation that deploys, sells or audits it"', "Agency")
    text = text.replace("  # Later:", "  # my own note, kept\n  # Later:")
    path.write_text(text, encoding="utf-8")
    checked = invoke("check", str(path), "--bank", str(MINI), "--fail-on", "none")
    assert checked.exit_code == 0, checked.output
    assert "metadata.assessor: still TO FILL IN" in checked.stderr
    assert "metadata.organisation" not in checked.stderr
    replies = ["A. Person", "one_to_one", "__continue__", "12", "", "", "__continue__", "__done__"]
    prompter = ScriptedPrompter(replies)
    interactive.resume(mini, path, prompter, TODAY)
    assert not prompter.replies
    assert prompter.asked[:2] == ["Who is answering (a person or a team)?", "Which mode?"]
    final = load_assessment(path, mini).assessment
    assert final.metadata.status == "complete" and final.metadata.role == "auditor"
    assert final.metadata.assessor == "A. Person" and final.metadata.title == "Border pilot"
    assert {q: a.value for q, a in final.answers.items()} == {
        "basics.tech": ["faces"],
        "basics.law": "no",
        "basics.mode": "one_to_one",
        "details.people": 12,
    }
    assert "# my own note, kept" in path.read_text(encoding="utf-8")
    assert (
        invoke("check", str(path), "--bank", str(MINI), "--strict", "--fail-on", "none").exit_code
        == 0
    )


def test_an_untouched_skeleton_resumes_at_the_metadata(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "s.hria.yaml"
    skeleton(path)
    prompter = ScriptedPrompter(["Pilot", "Agency", "A. Person", KeyboardInterrupt()])
    with pytest.raises(interactive.InterruptedInterview):
        interactive.resume(mini, path, prompter, TODAY)
    assert prompter.asked[-1] == "Which technologies?"
    draft = load_assessment(path, mini).assessment
    assert (draft.metadata.title, draft.metadata.organisation) == ("Pilot", "Agency")
    assert draft.metadata.placeholders == []


def test_an_existing_file_is_kept_without_force(tmp_path: Path) -> None:
    path = tmp_path / "s.hria.yaml"
    path.write_text("mine\n", encoding="utf-8")
    result = invoke("new", "--skeleton", str(path), "--bank", str(MINI))
    assert result.exit_code == 2
    assert "exists already" in result.stderr and "--force" in result.stderr
    assert path.read_text(encoding="utf-8") == "mine\n"
    skeleton(path, "--force")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert "answers:" in path.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["s.hria.json"], "a skeleton is a YAML file"),
        (["s.hria.yaml", "--review-by", "soon"], "--review-by expects a date"),
        (["s.hria.yaml", "--title", "  "], "--title cannot be empty"),
        (["s.hria.yaml", "--role", "judge"], "judge"),
        (["missing/s.hria.yaml"], "folder does not exist"),
    ],
)
def test_bad_options_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    target = [str(tmp_path / args[0]), *args[1:]]
    result = invoke("new", "--skeleton", *target, "--bank", str(MINI))
    assert result.exit_code == 2, result.output
    assert message in result.output + result.stderr
    assert not (tmp_path / args[0]).exists()


def test_schema_without_skeleton_is_refused(tmp_path: Path) -> None:
    result = invoke("new", str(tmp_path / "a.hria.yaml"), "--schema", "x.json")
    assert result.exit_code == 2 and "--schema goes with --skeleton" in result.stderr


def test_metadata_options_fill_the_metadata(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "s.hria.yaml"
    skeleton(
        path,
        *("--title", "T", "--organisation", "O", "--assessor", "A", "--role", "vendor"),
        *("--review-by", "2027-05-01", "--description", "What it does."),
    )
    metadata = load_assessment(path, mini).assessment.metadata
    assert metadata.placeholders == [] and metadata.role == "vendor"
    assert metadata.review_by == dt.date(2027, 5, 1) and metadata.description == "What it does."
    assert invoke("check", str(path), "--bank", str(MINI)).stderr == ""


def test_metadata_options_are_not_asked_by_the_interview(mini: Bank, tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    prompter = ScriptedPrompter(["deployer", "A. Person", "", KeyboardInterrupt()])
    given = {"title": "Pilot", "organisation": "Agency"}
    with pytest.raises(interactive.InterruptedInterview):
        interactive.new(mini, path, prompter, TODAY, False, given)
    assert prompter.asked[0] == "Your role in this assessment"
    assert load_assessment(path, mini).assessment.metadata.title == "Pilot"


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_a_skeleton_is_written_atomically_beside_no_leftovers(tmp_path: Path) -> None:
    skeleton(tmp_path / "s.hria.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s.hria.yaml"]


def test_comments_after_a_list_survive_when_the_list_changes(mini: Bank, tmp_path: Path) -> None:
    from hria.files.store import dump
    from hria.models.assessment import Answer

    path = tmp_path / "s.hria.yaml"
    text = uncomment(skeleton(path), "basics.tech", "[gps]")
    loaded = assessment_of(mini, path, text)
    for value in (["gps"], ["faces", "gps"]):
        answers = {"basics.tech": Answer(value=value)}
        text = dump(loaded.model_copy(update={"answers": answers}), path, text)
        assert "  # [1.2] Is there a law?" in text and "  # Later:" in text


def assessment_of(mini: Bank, path: Path, text: str) -> Any:
    path.write_text(text, encoding="utf-8")
    return load_assessment(path, mini).assessment
