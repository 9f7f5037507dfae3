"""Accepted risks: waivers in the assessment or in a waivers file named by the configuration.
A waived flag is shown and still judged; until the waiver expires it does not fail the check.
Red lines and unknown rules cannot be waived."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.bank.load import load_bank
from hria.cli import app
from hria.models.bank import Bank
from hria.report.build import build_report
from hria.report.render import ReportFormat
from tests.conftest import MINI, MINI_HEADER

runner = CliRunner()
NO_LAW = (
    MINI_HEADER
    + "answers:\n  basics.tech: {value: [gps]}\n  basics.law: {value: 'no'}\n  details.people: {value: 12}\n"
)
RED = NO_LAW.replace("[gps]}", "[faces]}\n  basics.mode: {value: one_to_many}")


def waiver(rule: str = "LEG-001", expires: str = "2027-01-31", approved: str = "2026-02-01") -> str:
    return (
        f"  - rule: {rule}\n"
        "    reason: The statute is before parliament; the board accepts the gap until then.\n"
        "    approved_by: Audit board\n"
        f"    approved: {approved}\n"
        f"    expires: {expires}\n"
    )


def check(*args: str | Path, today: str = "2026-06-01") -> Any:
    argv = ["check", "--bank", str(MINI), "--isolated", "--today", today, *map(str, args)]
    return runner.invoke(app, argv, catch_exceptions=False)


@pytest.fixture
def waived(tmp_path: Path) -> Path:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW + "waivers:\n" + waiver(), encoding="utf-8")
    return path


def test_without_a_waiver_the_high_flag_fails(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    assert check(path).exit_code == 1


def test_a_waived_flag_is_shown_with_its_reason_and_does_not_fail(waived: Path) -> None:
    result = check(waived)
    assert result.exit_code == 0, result.output
    assert f"{waived}: Fails the legality test" in result.stdout, "the verdict does not improve"
    line = next(line for line in result.stdout.splitlines() if "LEG-001" in line)
    assert line.startswith("  HIGH     LEG-001")
    assert line.endswith(
        "(waived until 2027-01-31 by Audit board: The statute is before parliament; the board accepts the gap until then.)"
    )
    assert result.stderr == ""
    assert check(waived, "--fail-on", "medium").exit_code == 0


def test_waived_in_json_and_github(waived: Path) -> None:
    data = json.loads(check(waived, "--format", "json").stdout)
    assert data["exit_code"] == 0
    entry = data["files"][0]
    assert entry["verdict"]["outcome"] == "fails"
    flag = next(f for f in entry["flags"] if f["code"] == "LEG-001")
    assert flag["waived"] == {
        "reason": "The statute is before parliament; the board accepts the gap until then.",
        "approved_by": "Audit board",
        "approved": "2026-02-01",
        "expires": "2027-01-31",
        "expired": False,
        "source": "",
    }
    github = check(waived, "--format", "github").stdout
    annotation = next(line for line in github.splitlines() if "title=LEG-001" in line)
    assert annotation.startswith("::notice ")
    assert "waived until 2027-01-31 by Audit board" in annotation


def test_an_expired_waiver_counts_again_and_warns(waived: Path) -> None:
    result = check(waived, today="2027-02-01")
    assert result.exit_code == 1
    assert "(waiver expired on 2027-01-31: counts again)" in result.stdout
    assert result.stderr == (
        f"warning: {waived}:19:14: waivers.0.expires: the waiver of LEG-001 expired on 2027-01-31: its flags count again\n"
    )
    assert check(waived, today="2027-01-31").exit_code == 0, (
        "the expiry day is the last day it holds"
    )
    github = check(waived, "--format", "github", today="2027-02-01").stdout
    assert next(line for line in github.splitlines() if "title=LEG-001" in line).startswith(
        "::error "
    )
    assert "::warning " in github and "expired on 2027-01-31" in github


def test_a_red_line_cannot_be_waived(tmp_path: Path) -> None:
    path = tmp_path / "red.hria.yaml"
    path.write_text(RED + "waivers:\n" + waiver("RL-001"), encoding="utf-8")
    result = check(path)
    assert result.exit_code == 2
    assert (
        f"error: {path}:16:11: waivers.0.rule: RL-001 is a red line, and a red line cannot be waived: "
        "no reason or approval makes it acceptable"
    ) in result.stderr
    assert result.stdout.strip().endswith("1 invalid")


def test_an_unknown_rule_gets_did_you_mean(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW + "waivers:\n" + waiver("LEG001") + waiver("XYZ-999"), encoding="utf-8")
    result = check(path)
    assert result.exit_code == 2
    errors = result.stderr.splitlines()
    assert (
        errors[0]
        == f"error: {path}:15:11: waivers.0.rule: no rule 'LEG001'; did you mean 'LEG-001'?"
    )
    assert errors[1] == f"error: {path}:20:11: waivers.1.rule: no rule 'XYZ-999'"


def test_a_waiver_needs_every_field_and_cannot_expire_before_approval(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    text = waiver(expires="2025-01-01").replace("    approved_by: Audit board\n", "")
    path.write_text(NO_LAW + "waivers:\n" + text, encoding="utf-8")
    result = check(path)
    assert result.exit_code == 2
    assert "waivers.0.approved_by" in result.stderr
    path.write_text(NO_LAW + "waivers:\n" + waiver(expires="2025-01-01"), encoding="utf-8")
    assert "a waiver cannot expire before it was approved" in check(path).stderr


def test_a_waiver_of_a_flag_not_raised_warns(tmp_path: Path) -> None:
    path = tmp_path / "a.hria.yaml"
    path.write_text(NO_LAW + "waivers:\n" + waiver("NEC-001"), encoding="utf-8")
    result = check(path)
    assert result.exit_code == 1
    assert (
        "waivers.0.rule: the waiver of NEC-001 accepts no flag: NEC-001 is not raised"
        in result.stderr
    )


def test_a_waivers_file_named_in_the_configuration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "plans").mkdir()
    for name in ("plans/a.hria.yaml", "plans/b.hria.yaml"):
        (tmp_path / name).write_text(NO_LAW, encoding="utf-8")
    risks = "waivers:\n" + waiver() + "    files: [plans/a.hria.yaml]\n"
    (tmp_path / "risks.yaml").write_text(risks, encoding="utf-8")
    (tmp_path / ".hria.toml").write_text('waivers = "risks.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path / "plans")
    argv = ["check", "--bank", str(MINI), "--today", "2026-06-01", "--format", "json", "."]
    result = runner.invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    files = {f["path"]: f for f in json.loads(result.stdout)["files"]}
    leg = {p: next(x for x in f["flags"] if x["code"] == "LEG-001") for p, f in files.items()}
    assert leg["a.hria.yaml"]["waived"]["source"] == "../risks.yaml"
    assert leg["b.hria.yaml"]["waived"] is None
    assert files["a.hria.yaml"]["verdict"]["outcome"] == "fails", "the verdict does not improve"
    (tmp_path / "risks.yaml").write_text("waivers:\n" + waiver(), encoding="utf-8")
    assert runner.invoke(app, argv, catch_exceptions=False).exit_code == 0, "no files: every file"


def test_a_bad_waivers_file_exits_2(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.hria.yaml").write_text(NO_LAW, encoding="utf-8")
    (tmp_path / "risks.yaml").write_text("waivers:\n" + waiver("RL-001"), encoding="utf-8")
    (tmp_path / ".hria.toml").write_text('waivers = "risks.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["check", "--bank", str(MINI), "--today", "2026-06-01", "a.hria.yaml"]
    result = runner.invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 2
    assert (
        "risks.yaml:2:11: waivers.0.rule: RL-001 is a red line, and a red line cannot be waived"
        in result.stderr
    )
    (tmp_path / "risks.yaml").write_text("waivers:\n  - rule: LEG-001\n", encoding="utf-8")
    missing = runner.invoke(app, argv, catch_exceptions=False)
    assert (
        missing.exit_code == 2
        and "risks.yaml:2:5: waivers.0.reason: required field is missing" in missing.stderr
    )


@pytest.mark.filterwarnings("always::hria.errors.HriaWarning")
def test_an_expired_waiver_in_a_waivers_file_warns_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.hria.yaml", "b.hria.yaml"):
        (tmp_path / name).write_text(NO_LAW, encoding="utf-8")
    (tmp_path / "risks.yaml").write_text(
        "waivers:\n" + waiver(expires="2026-03-01"), encoding="utf-8"
    )
    (tmp_path / ".hria.toml").write_text('waivers = "risks.yaml"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    argv = ["check", "--bank", str(MINI), "--today", "2026-06-01", "."]
    result = runner.invoke(app, argv, catch_exceptions=False)
    assert result.exit_code == 1
    warned = [line for line in result.stderr.splitlines() if "expired" in line]
    assert warned == [
        "warning: risks.yaml:6:14: waivers.0.expires: the waiver of LEG-001 expired on 2026-03-01: its flags count again"
    ]


@pytest.mark.parametrize("fmt", [ReportFormat.MD, ReportFormat.HTML])
def test_the_report_lists_every_waiver(waived: Path, fmt: ReportFormat) -> None:
    import datetime as dt

    text = waived.read_text(encoding="utf-8") + waiver("NEC-001", expires="2026-03-01")
    waived.write_text(text, encoding="utf-8")
    report = build_report(load_bank(MINI), waived, fmt, dt.date(2026, 6, 1), None).decode("utf-8")
    assert "Accepted risks" in report
    assert "does not remove it" in report
    assert "LEG-001" in report and "NEC-001" in report and "Audit board" in report
    assert "expired" in report
    assert "Fails the legality test" in report, "the verdict does not improve"


def test_a_re_assessment_carries_the_waivers_over(waived: Path, mini: Bank) -> None:
    import datetime as dt

    from hria.interview.carry import Given, carry

    carried = carry(mini, waived, dt.date(2026, 6, 1), Given())
    assert [w.rule for w in carried.assessment.waivers] == ["LEG-001"]
    assert carried.assessment.waivers[0].expires == dt.date(2027, 1, 31)
