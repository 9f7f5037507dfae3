"""`hria migrate`: answers saved against bank 1.x carry over to 2.0, and those whose meaning
changed are set aside for review, never reinterpreted."""

from __future__ import annotations

import json
import stat
from pathlib import Path

from ruamel.yaml import YAML
from typer.testing import CliRunner

from hria.cli import app
from hria.domain.migration import migrate
from hria.models.migration import Change, MigrationSpec

runner = CliRunner()

OLD = """\
# A comment the author wrote at the top
schema_version: 1
metadata:
  title: Reading room kiosk
  organisation: City library
  role: deployer
  assessor: Library staff
  created: 2026-01-05
  status: complete
  bank: {id: hria-core, version: 1.0.0}
answers:
  context.technologies:
    value: [data_sharing]
  # why the deployer answered as it did
  context.deployer:
    value: public_authority
    note: The city runs the library.
  context.genuine_choice:
    value: "yes"
    evidence: [Desk service leaflet]
  proportionality.data_types:
    value: [identity]
"""


def _old(tmp_path: Path, text: str = OLD, name: str = "a.hria.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    path.chmod(0o600)
    return path


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    data: dict = YAML(typ="safe").load(path.read_text(encoding="utf-8"))  # type: ignore[type-arg]
    return data


def test_check_on_an_old_file_names_the_command(tmp_path: Path) -> None:
    path = _old(tmp_path)
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert f"Run `hria migrate {path}`" in result.stderr
    assert ":10:" in result.stderr  # located at metadata.bank.version


def test_migrate_carries_over_renames_and_sets_aside_changed_meaning(tmp_path: Path) -> None:
    path = _old(tmp_path)
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 set aside to answer again" in result.stdout
    assert "answer again: context.deployer" in result.stdout
    data = _load(path)
    assert data["metadata"]["bank"]["version"] == "2.0.0"
    assert data["metadata"]["status"] == "draft"
    answers = data["answers"]
    assert answers["context.compulsion"] == {
        "value": "optional_equal",
        "evidence": ["Desk service leaflet"],
    }
    assert answers["context.data_types"] == {"value": ["identity"]}
    assert "context.deployer" not in answers and "proportionality.data_types" not in answers
    (review,) = data["needs_review"]
    assert review["question"] == "context.deployer"
    assert review["previous_value"] == "public_authority"
    assert review["note"] == "The city runs the library."


def test_migrate_keeps_comments_order_and_leaves_a_backup(tmp_path: Path) -> None:
    path = _old(tmp_path)
    runner.invoke(app, ["migrate", str(path)])
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A comment the author wrote at the top\n")
    assert text.index("context.technologies") < text.index("context.compulsion")
    assert text.index("context.compulsion") < text.index("context.data_types")
    backup = path.with_name(path.name + ".bak")
    assert backup.read_text(encoding="utf-8") == OLD
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600


def test_the_migrated_file_checks_as_a_draft(tmp_path: Path) -> None:
    path = _old(tmp_path)
    runner.invoke(app, ["migrate", str(path)])
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code in (0, 1), result.stderr
    assert "provisional" in result.stdout
    assert "to answer again (set aside by hria migrate): context.deployer" in result.stdout
    as_json = runner.invoke(app, ["check", "--format", "json", str(path)])
    assert json.loads(as_json.stdout)["files"][0]["needs_review"] == ["context.deployer"]


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    path = _old(tmp_path)
    result = runner.invoke(app, ["migrate", "--dry-run", str(path)])
    assert "would migrate" in result.stdout
    assert path.read_text(encoding="utf-8") == OLD
    assert not path.with_name(path.name + ".bak").exists()


def test_a_current_file_is_left_alone(tmp_path: Path) -> None:
    path = _old(tmp_path)
    runner.invoke(app, ["migrate", str(path)])
    once = path.read_text(encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(path)])
    assert "already answers hria-core 2.0.0" in result.stdout
    assert path.read_text(encoding="utf-8") == once


def test_json_files_migrate_too(tmp_path: Path) -> None:
    data = _load(_old(tmp_path))
    path = tmp_path / "b.hria.json"
    path.write_text(json.dumps(data, default=str), encoding="utf-8")
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 0, result.output
    migrated = json.loads(path.read_text(encoding="utf-8"))
    assert migrated["answers"]["context.compulsion"]["value"] == "optional_equal"


def test_a_broken_file_is_refused_with_its_position(tmp_path: Path) -> None:
    path = _old(tmp_path, OLD.replace("role: deployer", "role: [deployer"))
    result = runner.invoke(app, ["migrate", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.stderr and "Traceback" not in result.output


SPEC = MigrationSpec(
    bank="b",
    from_major=1,
    to_version="2.0.0",
    changes=[
        Change(question="s.many", values={"a": "a", "b": "bee"}, reason="b was renamed"),
        Change(question="s.gone", removed=True, reason="the question was dropped"),
    ],
)


def test_a_list_carries_over_only_if_every_value_keeps_its_meaning() -> None:
    kept = {"answers": {"s.many": {"value": ["a", "b"]}}}
    migrate(SPEC, kept)
    assert kept["answers"]["s.many"]["value"] == ["a", "bee"]
    changed = {"answers": {"s.many": {"value": ["a", "c"]}}}
    outcome = migrate(SPEC, changed)
    assert "s.many" not in changed["answers"]
    assert outcome.reviews[0]["previous_value"] == ["a", "c"]


def test_unknown_always_carries_over_and_removed_questions_go_to_review() -> None:
    document = {"answers": {"s.many": {"value": "unknown"}, "s.gone": {"value": "yes"}}}
    outcome = migrate(SPEC, document)
    assert document["answers"] == {"s.many": {"value": "unknown"}}
    assert [r["question"] for r in outcome.reviews] == ["s.gone"]


def test_another_technology_is_asked_again_now_that_more_kinds_can_be_named(
    tmp_path: Path,
) -> None:
    path = _old(tmp_path, OLD.replace("value: [data_sharing]", "value: [other]"))
    runner.invoke(app, ["migrate", str(path)])
    data = _load(path)
    assert "context.technologies" not in data["answers"]
    assert {r["question"] for r in data["needs_review"]} == {
        "context.technologies",
        "context.deployer",
    }
