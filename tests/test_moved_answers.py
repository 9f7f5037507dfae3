"""Answers to questions that asked again for what another asks: a file that still has them
keeps working. They are read where the bank now asks them, with a warning, and `hria migrate`
moves them in the file; 1.x files get the same move when they are migrated."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from ruamel.yaml import YAML
from typer.testing import CliRunner

from hria.bank.load import default_bank_dir, load_bank
from hria.cli import app
from hria.domain.moves import fold
from hria.errors import BankError
from hria.models.migration import Move

runner = CliRunner()

CURRENT = """\
# Written before the provision was folded into the legal basis
schema_version: 1
metadata:
  title: Border kiosks
  organisation: Example Border Agency
  role: deployer
  assessor: Assessment team
  created: 2026-11-20
  status: draft
  bank: {id: hria-core, version: 2.0.0}
answers:
  context.deployer:
    value: law_enforcement_or_border
  legality.legal_basis:
    value: "yes"
    evidence:
      - Border Act 2021, s. 14
  # the provision, as the old question asked it
  legality.provision:
    value: Border Act 2021, section 14 (automated checks at crossings), in force 2022-01-01
    note: Read with the Border Regulations 2021.
  necessity.pressing_need:
    value: Queues at the crossing reach four hours in summer.
    evidence:
      - Agency queue statistics 2025
  necessity.need_evidenced:
    value: "yes"
"""

PROVISION = "Border Act 2021, section 14 (automated checks at crossings), in force 2022-01-01"


def _file(tmp_path: Path, text: str = CURRENT, name: str = "a.hria.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def _answers(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    return data["answers"]  # type: ignore[no-any-return]


def test_check_reads_a_moved_answer_where_the_bank_asks_it_now(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = runner.invoke(app, ["check", "--format", "json", "--fail-on", "none", str(path)])
    assert result.exit_code == 0, result.stderr
    assert "answers.legality.provision: is no longer asked" in result.stderr
    assert "read as evidence of legality.legal_basis" in result.stderr
    assert f"hria migrate {path}" in result.stderr
    assert "answers.necessity.pressing_need: its evidence belongs to" in result.stderr
    flags = json.loads(result.stdout)["files"][0]["flags"]
    unsubstantiated = [
        t["ref"] for f in flags if f["code"] == "EVD-001" for t in f.get("triggers", [])
    ]
    assert "necessity.need_evidenced" not in unsubstantiated
    assert "legality.legal_basis" not in unsubstantiated
    assert path.read_text(encoding="utf-8") == CURRENT  # reading never writes


def test_migrate_moves_them_in_a_current_file(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0, result.output
    assert "moved 2 answers to the questions that now ask them" in result.stdout
    answers = _answers(path)
    assert "legality.provision" not in answers
    assert answers["legality.legal_basis"] == {
        "value": "yes",
        "note": "Read with the Border Regulations 2021.",
        "evidence": ["Border Act 2021, s. 14", PROVISION],
    }
    assert "evidence" not in answers["necessity.pressing_need"]
    assert answers["necessity.need_evidenced"]["evidence"] == ["Agency queue statistics 2025"]
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Written before the provision")
    assert (tmp_path / "a.hria.yaml.bak").read_text(encoding="utf-8") == CURRENT
    again = runner.invoke(app, ["check", "--fail-on", "none", str(path)])
    assert "no longer asked" not in again.stderr and "belongs to" not in again.stderr
    assert "already answers" in runner.invoke(app, ["migrate", str(path)]).stdout


def test_migrate_dry_run_says_what_would_move(tmp_path: Path) -> None:
    path = _file(tmp_path)
    result = runner.invoke(app, ["migrate", "--dry-run", str(path)])
    assert "would move 2 answers" in result.stdout
    assert path.read_text(encoding="utf-8") == CURRENT


def test_a_moved_answer_whose_new_home_is_unanswered_is_kept_for_review(
    tmp_path: Path,
) -> None:
    text = CURRENT.replace('  legality.legal_basis:\n    value: "yes"\n', "").replace(
        "    evidence:\n      - Border Act 2021, s. 14\n", ""
    )
    path = _file(tmp_path, text)
    checked = runner.invoke(app, ["check", "--fail-on", "none", str(path)])
    assert checked.exit_code == 0, checked.stderr
    assert "legality.legal_basis is not answered, so it is not read" in checked.stderr
    runner.invoke(app, ["migrate", str(path)])
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert "legality.provision" not in data["answers"]
    [review] = data["needs_review"]
    assert review["question"] == "legality.legal_basis"
    assert review["previous_question"] == "legality.provision"
    assert review["previous_value"] == PROVISION
    assert review["note"] == "Read with the Border Regulations 2021."


OLD = """\
schema_version: 1
metadata:
  title: Border kiosks
  organisation: Example Border Agency
  role: deployer
  assessor: Assessment team
  created: 2025-01-05
  status: complete
  bank: {id: hria-core, version: 1.0.0}
answers:
  legality.legal_basis:
    value: "yes"
  legality.provision:
    value: Border Act 2021, section 14
  necessity.pressing_need:
    value: Queues at the crossing.
    evidence: [Agency queue statistics 2024]
  necessity.need_evidenced:
    value: "yes"
    evidence: [Agency queue statistics 2024]
"""


def test_a_1x_file_gets_the_same_move_when_migrated(tmp_path: Path) -> None:
    path = _file(tmp_path, OLD)
    result = runner.invoke(app, ["migrate", str(path)])
    assert "migrated from hria-core 1.0.0 to 2.0.0" in result.stdout
    answers = _answers(path)
    assert answers["legality.legal_basis"] == {
        "value": "yes",
        "evidence": ["Border Act 2021, section 14"],
    }
    assert "legality.provision" not in answers
    assert "evidence" not in answers["necessity.pressing_need"]
    assert answers["necessity.need_evidenced"]["evidence"] == ["Agency queue statistics 2024"]


def test_a_1x_provision_goes_to_review_with_a_legal_basis_set_aside(tmp_path: Path) -> None:
    path = _file(
        tmp_path, OLD.replace('legal_basis:\n    value: "yes"', "legal_basis:\n    value: no")
    )
    runner.invoke(app, ["migrate", str(path)])
    data = YAML(typ="safe").load(path.read_text(encoding="utf-8"))
    assert "legality.provision" not in data["answers"]
    reviews = {(r["question"], r["previous_question"]) for r in data["needs_review"]}
    assert ("legality.legal_basis", "legality.provision") in reviews
    assert data["metadata"]["status"] == "draft"


MOVE = Move(question="s.old", into="s.new", reason="Asked twice.")
EVIDENCE = Move(question="s.kept", into="s.new", evidence_only=True, reason="Asked twice.")


def test_fold_keeps_every_reference_once_and_adds_the_note() -> None:
    answers: dict[str, Any] = {
        "s.old": {"value": "Act, s. 1", "note": "Second.", "evidence": ["Act, s. 1", "Gazette"]},
        "s.new": {"value": "yes", "note": "First.", "evidence": ["Act, s. 1"]},
    }
    [folded] = fold([MOVE], answers)
    assert folded.carried
    assert answers == {
        "s.new": {"value": "yes", "note": "First.\nSecond.", "evidence": ["Act, s. 1", "Gazette"]}
    }


def test_fold_drops_a_bare_unknown_and_leaves_evidence_on_a_question_still_asked() -> None:
    answers: dict[str, Any] = {
        "s.old": {"value": "unknown"},
        "s.kept": {"value": "text", "evidence": ["Report"]},
    }
    [folded] = fold([MOVE, EVIDENCE], answers)
    assert folded.carried  # nothing to carry: no review needed
    assert answers == {"s.kept": {"value": "text", "evidence": ["Report"]}}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("into: legality.legal_basis", "into: legality.nowhere", "unknown question"),
        ("  - question: legality.provision", "  - question: legality.law_public", "still asked"),
        ("into: legality.legal_basis", "into: legality.covers_technology", "expects no evidence"),
    ],
)
def test_a_bank_with_a_broken_move_is_refused(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    target = tmp_path / "bank"
    shutil.copytree(default_bank_dir(), target)
    section = target / "questions" / "legality.yaml"
    text = section.read_text(encoding="utf-8")
    assert old in text
    section.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(BankError) as caught:
        load_bank(target)
    assert any(message in p.message for p in caught.value.problems)
