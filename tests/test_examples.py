"""The example assessments in assessments/ keep the verdicts their opening comments promise."""

from __future__ import annotations

import json
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import ROOT

EXAMPLES = ROOT / "assessments"
TODAY = "2026-11-22"  # due and review dates in the examples are judged as of this day

#: file -> (overall outcome, flag codes that must be among the flags)
EXPECTED = {
    "mandatory-asylum-app.hria.yaml": ("do_not_deploy", {"RL-001", "RL-007"}),
    "gps-tagging-immigration-bail.hria.yaml": ("fails", {"NEC-007"}),
    "on-device-verification.hria.yaml": ("no_major_flags", set()),
    "phone-extraction-asylum.hria.yaml": ("do_not_deploy", {"RL-011", "NEC-006"}),
    "visa-triage-nationality.hria.yaml": ("do_not_deploy", {"RL-004", "IMP-001"}),
    "live-frt-public-square.hria.yaml": (
        "do_not_deploy",
        {"RL-001", "RL-002", "RL-005", "VEN-003"},
    ),
}


def _check(*args: str) -> Any:
    return CliRunner().invoke(app, ["check", *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def report() -> dict[str, Any]:
    result = _check(
        "--format", "json", "--strict", "--fail-on", "none", "--today", TODAY, str(EXAMPLES)
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "", "examples are valid, complete and warning-free"
    files = json.loads(result.stdout)["files"]
    return {entry["path"].rsplit("/", 1)[-1]: entry for entry in files}


def test_every_example_is_expected(report: dict[str, Any]) -> None:
    assert set(report) == set(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_verdict(report: dict[str, Any], name: str) -> None:
    outcome, codes = EXPECTED[name]
    entry = report[name]
    assert entry["complete"]
    assert entry["verdict"]["outcome"] == outcome
    assert codes <= {flag["code"] for flag in entry["flags"]}
    header = (EXAMPLES / name).read_text(encoding="utf-8").split("\nschema_version")[0]
    words = " ".join(header.replace("#", " ").split())
    assert entry["verdict"]["text"] in words, "the opening comment states the verdict"


@pytest.mark.parametrize(
    ("name", "red_lines"),
    [
        ("gps-tagging-immigration-bail.hria.yaml", set()),
        # copying whole phones in the asylum procedure is the one red line crossed there
        ("phone-extraction-asylum.hria.yaml", {"RL-011"}),
    ],
)
def test_red_lines_only_where_expected(
    report: dict[str, Any], name: str, red_lines: set[str]
) -> None:
    entry = report[name]
    assert {f["code"] for f in entry["flags"] if f["severity"] == "red_line"} == red_lines
    if not red_lines:
        assert entry["verdict"]["text"].startswith("Fails the ")


def test_examples_show_the_register_and_plan(report: dict[str, Any]) -> None:
    with_plan = [n for n in EXPECTED if "actions:" in (EXAMPLES / n).read_text(encoding="utf-8")]
    assert len(with_plan) >= 3
    for name in with_plan:
        assert not {"IMP-001", "ACT-001"} & {f["code"] for f in report[name]["flags"]} or (
            report[name]["verdict"]["outcome"] == "do_not_deploy"
        )


def test_default_check_of_the_examples_fails_on_the_red_lines() -> None:
    result = _check(str(EXAMPLES))
    assert result.exit_code == 1
    assert "Incompatible with human rights: do not deploy" in result.stdout


def test_readme_example_is_a_valid_assessment(tmp_path: Any) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("```yaml\n# yaml-language-server")[1].split("```")[0]
    plan = readme.split("```yaml\nimpacts:")[1].split("```")[0]
    path = tmp_path / "readme.hria.yaml"
    path.write_text("# yaml-language-server" + block + "impacts:" + plan, encoding="utf-8")
    result = _check("--fail-on", "none", "--today", "2026-11-22", str(path))
    assert result.exit_code == 0, result.stderr
    assert "error:" not in result.stderr
    assert "SAF-003" not in result.stderr, "the action's rule code exists"
