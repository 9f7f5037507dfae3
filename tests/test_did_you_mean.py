"""'Did you mean' on every id a user types, `hria explain --format json`, shell completion
and the exit codes in `hria check --help`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from hria.domain.names import closest, did_you_mean
from hria.errors import HriaError
from hria.interview import commands
from hria.interview.prompts import ScriptedPrompter
from hria.models.bank import Bank
from tests.conftest import MINI

runner = CliRunner()


def hria(*args: str | Path, env: dict[str, str] | None = None) -> Any:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, env=env)


@pytest.mark.parametrize(
    ("given", "meant"),
    [
        ("LEG001", "LEG-001"),
        ("leg001", "LEG-001"),
        ("leg_001", "LEG-001"),
        ("LEG-01", "LEG-001"),
        ("LGE-001", "LEG-001"),
        ("legality.legalbasis", "legality.legal_basis"),
        ("Legality.Legal-Basis", "legality.legal_basis"),
    ],
)
def test_closest_tolerates_case_punctuation_and_typos(given: str, meant: str) -> None:
    known = ["LEG-001", "LEG-002", "NEC-001", "legality.legal_basis", "legality.provision"]
    assert closest(given, known) == meant


def test_nothing_close_means_no_suggestion() -> None:
    assert closest("XYZ-999", ["LEG-001", "NEC-001"]) is None
    assert did_you_mean("XYZ-999", ["LEG-001"]) == ""
    assert did_you_mean("LEG001", ["LEG-001"]) == "; did you mean 'LEG-001'?"


def test_explain_suggests_the_rule_code() -> None:
    result = hria("explain", "LEG001")
    assert result.exit_code == 2
    assert "no rule 'LEG001'; did you mean 'LEG-001'?" in result.stderr
    assert "hria rules" in result.stderr


def test_explain_suggests_a_rule_name(bank: Bank) -> None:
    rule = bank.rules_by_code["LEG-001"]
    result = hria("explain", rule.name.replace("_", "-").upper())
    assert result.exit_code == 2
    assert f"did you mean '{rule.name}'?" in result.stderr


def test_explain_unknown_code_far_from_any_says_so_without_a_guess() -> None:
    result = hria("explain", "--bank", MINI, "XYZ-999")
    assert result.exit_code == 2
    assert "no rule 'XYZ-999'" in result.stderr and "did you mean" not in result.stderr


def test_rules_gate_suggests_the_gate() -> None:
    result = hria("rules", "--bank", MINI, "--gate", "Legality")
    assert result.exit_code == 2
    assert "no gate 'Legality'; did you mean 'legality'?" in result.stderr
    assert "gates: red_lines, legality, necessity" in result.stderr


def _edit(mini: Bank, tmp_path: Path, **ids: str) -> str:
    with pytest.raises(HriaError) as raised:
        commands.edit(
            mini,
            tmp_path / "a.hria.yaml",
            ScriptedPrompter([]),
            dt.date(2026, 1, 1),
            ids.get("question"),
            ids.get("section"),
        )
    return raised.value.message


def test_edit_question_and_section_suggest(mini: Bank, tmp_path: Path) -> None:
    assert _edit(mini, tmp_path, question="basics.Tech") == (
        "no question 'basics.Tech'; did you mean 'basics.tech'?"
    )
    assert _edit(mini, tmp_path, section="detail") == "no section 'detail'; did you mean 'details'?"
    assert _edit(mini, tmp_path, section="nothing") == "no section 'nothing'"


def test_explain_json_has_the_rule_and_what_the_text_adds(bank: Bank) -> None:
    result = hria("explain", "LEG-001", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    rule = bank.rules_by_code["LEG-001"]
    assert data["code"] == "LEG-001"
    assert data["name"] == rule.name
    assert data["severity"] == rule.severity.value
    assert data["gate_title"] == bank.gates_by_id[rule.gate].title
    assert set(data["by_level"]) == {"1", "2", "3", "4"}
    assert data["can_be_mitigated"] is True
    assert data["raised_when"]
    assert data["citations"] and all(isinstance(c["citation"], str) for c in data["citations"])
    assert any(c["url"] and c["url"].startswith("https://") for c in data["citations"])
    listed = json.loads(hria("rules", "--format", "json").stdout)
    entry = next(r for r in listed if r["code"] == "LEG-001")
    assert {k: data[k] for k in entry} == entry, "the rule's fields are those of `rules`"


def test_explain_json_of_a_red_line_and_of_the_profile() -> None:
    red = json.loads(hria("explain", "--bank", MINI, "RL-001", "-f", "json").stdout)
    assert red["can_be_mitigated"] is False
    assert red["by_level"] == dict.fromkeys(("1", "2", "3", "4"), "red_line")
    profile = json.loads(hria("explain", "profile", "--format", "json").stdout)
    assert [lv["level"] for lv in profile["profile"]["levels"]] == [1, 2, 3, 4]
    bad = hria("explain", "LEG001", "--format", "json")
    assert bad.exit_code == 2 and bad.stdout == ""


def test_shell_completion_is_on() -> None:
    shown = hria("--help").stdout
    assert "--install-completion" in shown and "--show-completion" in shown
    completed = hria(
        env={"_HRIA_COMPLETE": "complete_bash", "COMP_WORDS": "hria expl", "COMP_CWORD": "1"}
    )
    assert completed.stdout.split() == ["explain"]


def test_check_help_lists_the_exit_codes() -> None:
    shown = hria("check", "--help").stdout
    assert "Exit codes:" in shown
    for line in (
        "  0    every file",
        "  1    a flag",
        "  2    usage",
        "  3    internal",
        "  130  ",
        "  141  ",
    ):
        assert line in shown, line
