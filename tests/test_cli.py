from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import MINI, MINI_HEADER

Write = Callable[..., Path]
runner = CliRunner()

CLEAN = (
    MINI_HEADER
    + """\
answers:
  basics.tech: {value: [gps]}
  basics.law: {value: "yes", evidence: [Act 2025 s. 4]}
  details.people: {value: 12}
"""
)
NO_LAW = CLEAN.replace('{value: "yes", evidence: [Act 2025 s. 4]}', '{value: "no"}')
RED = CLEAN.replace("[gps]}", "[faces]}\n  basics.mode: {value: one_to_many}")
MEDIUM = CLEAN.replace("{value: 12}", "{value: 5000}")


def hria(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def check(*args: str | Path) -> Any:
    return hria("check", "--bank", MINI, *args)


def test_help_lists_the_commands() -> None:
    result = hria("--help")
    assert result.exit_code == 0
    for command in ("check", "rules", "explain", "questions", "schema"):
        assert command in result.stdout


def test_version() -> None:
    assert hria("--version").stdout.startswith("hria 0.1.0")


def test_clean_file_exits_0_with_verdict_on_stdout(write: Write) -> None:
    result = check(write("ok.hria.yaml", CLEAN))
    assert result.exit_code == 0, result.output
    assert "ok.hria.yaml: No major flags found" in result.stdout
    assert result.stderr == ""


def test_high_flag_exits_1_and_names_the_rule(write: Write) -> None:
    result = check(write("bad.hria.yaml", NO_LAW))
    assert result.exit_code == 1
    assert "bad.hria.yaml: Fails the legality test" in result.stdout
    assert "HIGH     LEG-001  No law [Legality]" in result.stdout


@pytest.mark.parametrize(
    ("text", "fail_on", "code"),
    [
        (RED, "red_line", 1),
        (NO_LAW, "red_line", 0),
        (NO_LAW, "high", 1),
        (MEDIUM, "high", 0),
        (MEDIUM, "medium", 1),
        (CLEAN, "low", 0),
        (RED, "none", 0),
    ],
)
def test_fail_on_threshold(write: Write, text: str, fail_on: str, code: int) -> None:
    assert check("--fail-on", fail_on, write("a.hria.yaml", text)).exit_code == code


def test_strict_fails_incomplete_assessments(write: Write) -> None:
    draft = CLEAN.replace("status: complete", "status: draft")
    assert check(write("d.hria.yaml", draft)).exit_code == 0
    assert check("--strict", write("d.hria.yaml", draft)).exit_code == 1
    assert check("--strict", write("c.hria.yaml", CLEAN)).exit_code == 0


def test_complete_status_with_gaps_is_warned(write: Write) -> None:
    text = CLEAN.replace("  details.people: {value: 12}\n", "")
    result = check(write("g.hria.yaml", text))
    assert "warning:" in result.stderr and "1 required question(s) unanswered" in result.stderr
    assert check("--strict", write("g.hria.yaml", text)).exit_code == 1


def test_invalid_file_exits_2_with_located_errors_on_stderr(write: Write) -> None:
    path = write("broken.hria.yaml", CLEAN.replace('value: "yes"', "value: perhaps"))
    result = check(path, write("ok.hria.yaml", CLEAN))
    assert result.exit_code == 2
    assert f"error: {path}:12:" in result.stderr
    assert "answers.basics.law.value: expected yes, no or unknown" in result.stderr
    assert "Traceback" not in result.output
    assert "ok.hria.yaml: No major flags found" in result.stdout, "valid files are still reported"


def test_folders_are_searched_for_assessment_files(write: Write, tmp_path: Path) -> None:
    write("set/one.hria.yaml", CLEAN)
    write("set/deep/two.hria.json", json.dumps(_as_json(NO_LAW)))
    write("set/notes.yaml", "not: an assessment\n")
    result = check(tmp_path / "set")
    assert result.exit_code == 1
    assert "2 files checked" in result.stdout


def _as_json(text: str) -> Any:
    from ruamel.yaml import YAML

    data = YAML(typ="safe", pure=True).load(text)
    data["metadata"]["created"] = str(data["metadata"]["created"])
    return data


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.hria.yaml"], "no such file"),
        (["."], "no *.hria.yaml"),
    ],
)
def test_nothing_to_check_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = check(*args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_usage_errors_exit_2() -> None:
    assert hria("check", "--fail-on", "severe", "x").exit_code == 2
    assert hria("check").exit_code == 2
    assert hria("nonsense").exit_code == 2


def test_json_format_is_machine_readable(write: Write) -> None:
    result = check("--format", "json", write("a.hria.yaml", NO_LAW), write("b.hria.yaml", "x: [\n"))
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["exit_code"] == 2 and data["fail_on"] == "high"
    good, bad = data["files"]
    assert good["valid"] and good["verdict"]["outcome"] == "fails"
    assert good["flags"][0]["code"] == "LEG-001"
    assert good["flags"][0]["triggers"] == [{"kind": "answer", "ref": "basics.law", "value": "no"}]
    assert not bad["valid"] and bad["problems"][0]["line"] == 2


def test_verbose_shows_triggers_and_recommendations(write: Write) -> None:
    result = check("-v", write("a.hria.yaml", NO_LAW))
    assert "triggered by: basics.law = no" in result.stdout
    assert "do: Find a law." in result.stdout


def test_color_is_opt_in_and_never_the_only_signal(write: Write) -> None:
    plain = check(write("a.hria.yaml", NO_LAW)).stdout
    coloured = check("--color", "always", write("a.hria.yaml", NO_LAW)).stdout
    assert "\x1b[" not in plain
    assert "\x1b[31mHIGH" in coloured


def test_internal_errors_exit_3_without_traceback(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*_: Any) -> None:
        raise ValueError("secret answer text")

    monkeypatch.setattr("hria.check.run.assess", explode)
    path = write("a.hria.yaml", CLEAN)
    result = check(path)
    assert result.exit_code == 3
    assert f"internal error while checking {path} (ValueError); this is a bug in hria" in (
        result.stderr
    )
    assert "secret answer text" not in result.output
    assert "Traceback" not in result.output


def _explode_on(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Checking the file called `name` crashes inside the engine; other files are spared."""
    from hria.check import run
    from hria.domain.engine import assess as real

    def assess(bank: Any, assessment: Any, today: Any) -> Any:
        if assessment.metadata.title == name:
            raise KeyError("secret answer text")
        return real(bank, assessment, today)

    monkeypatch.setattr(run, "assess", assess)


def _three(write: Write) -> list[Path]:
    return [
        write("a.hria.yaml", RED.replace("title: Pilot", "title: a")),
        write("b.hria.yaml", CLEAN.replace("title: Pilot", "title: b")),
        write("c.hria.yaml", MEDIUM.replace("title: Pilot", "title: c")),
    ]


def test_an_internal_error_in_one_file_spares_the_others(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = _three(write)
    _explode_on(monkeypatch, "b")
    result = check(a, b, c)
    assert result.exit_code == 3  # outranks the red line in a
    assert result.stderr == (
        f"error: internal error while checking {b} (KeyError); this is a bug in hria. "
        "Set HRIA_DEBUG=1 to see the traceback.\n"
    )
    assert f"{a}: Incompatible with human rights" in result.stdout
    assert f"{c}: " in result.stdout and f"{b}:" not in result.stdout
    assert result.stdout.rstrip().endswith(
        "3 files checked: 1 do not deploy, 1 conditional, 1 internal error"
    )
    assert "secret answer text" not in result.output and "Traceback" not in result.output


def test_an_internal_error_in_one_file_in_json(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = _three(write)
    _explode_on(monkeypatch, "b")
    result = check("--format", "json", a, b, c)
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert document["exit_code"] == 3
    files = {Path(f["path"]).name: f for f in document["files"]}
    assert list(files) == ["a.hria.yaml", "b.hria.yaml", "c.hria.yaml"]
    assert files["b.hria.yaml"]["valid"] is False
    assert files["b.hria.yaml"]["internal_error"] == "KeyError"
    assert "this is a bug in hria" in files["b.hria.yaml"]["problems"][0]["message"]
    assert files["a.hria.yaml"]["verdict"]["outcome"] == "do_not_deploy"
    assert files["c.hria.yaml"]["valid"] is True and "internal_error" not in files["c.hria.yaml"]
    assert "secret answer text" not in result.output


def test_an_internal_error_in_one_file_in_github_annotations(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = _three(write)
    _explode_on(monkeypatch, "b")
    result = check("--format", "github", a, b, c)
    assert result.exit_code == 3
    assert "internal error while checking" in result.stdout and "(KeyError)" in result.stdout
    assert "RL-" in result.stdout  # the red line in a is still annotated
    assert "1 internal error" in result.stdout


def test_internal_errors_in_a_folder_keep_the_worst_exit_code(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    _three(write)
    write("d.hria.yaml", "schema_version: 1\nmetadata: []\n")
    _explode_on(monkeypatch, "c")
    result = check(Path(str(write("x", "")).removesuffix("x")))
    assert result.exit_code == 3
    assert "1 invalid, 1 internal error" in result.stdout


def test_debug_shows_the_traceback_of_an_internal_error(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    a, b, c = _three(write)
    _explode_on(monkeypatch, "b")
    monkeypatch.setenv("HRIA_DEBUG", "1")
    result = check(a, b, c)
    assert result.exit_code == 3
    assert "Traceback" in result.stderr and "KeyError" in result.stderr


def test_interrupt_exits_130(write: Write, monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupt(*_: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("hria.check.run.assess", interrupt)
    assert check(write("a.hria.yaml", CLEAN)).exit_code == 130


def test_broken_bank_exits_2(tmp_path: Path, write: Write) -> None:
    (tmp_path / "bank").mkdir()
    result = hria("check", "--bank", tmp_path / "bank", write("a.hria.yaml", CLEAN))
    assert result.exit_code == 2
    assert "bank.yaml: cannot read" in result.stderr


def test_rules_and_explain() -> None:
    listed = hria("rules", "--bank", MINI)
    assert listed.exit_code == 0
    assert "LEG-001  high      legality            No law" in listed.stdout
    assert hria("rules", "--bank", MINI, "--gate", "nowhere").exit_code == 2
    as_json = json.loads(hria("rules", "--bank", MINI, "--format", "json").stdout)
    assert {r["code"] for r in as_json} == {
        "RL-001",
        "LEG-001",
        "NEC-001",
        "NEC-002",
        "EVD-001",
        "ACT-001",
    }
    explained = hria("explain", "--bank", MINI, "nec-001")
    assert explained.exit_code == 0
    assert (
        "Raised when: (details.people is at least 1000 and not (basics.tech includes 'none'))"
        in explained.stdout
    )
    assert "ICCPR art. 17" in explained.stdout
    red = hria("explain", "--bank", MINI, "red_lines.one_to_many").stdout
    assert "Mitigable:  never" in red
    missing = hria("explain", "--bank", MINI, "XYZ-999")
    assert missing.exit_code == 2 and "no rule 'XYZ-999'" in missing.stderr


def test_questions_lists_conditions_in_words() -> None:
    result = hria("questions", "--bank", MINI)
    assert result.exit_code == 0
    assert "asked only if basics.tech includes 'faces'" in result.stdout
    data = json.loads(hria("questions", "--bank", MINI, "--format", "json").stdout)
    assert data["id"] == "mini"


def test_schema_is_bank_specific() -> None:
    result = hria("schema", "--bank", MINI)
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["$id"].startswith("urn:hria:schema:assessment:1:mini")
    law = schema["properties"]["answers"]["properties"]["basics.law"]
    assert law["allOf"][1]["properties"]["value"] == {"enum": ["yes", "no", "unknown"]}
    assert schema["properties"]["answers"]["additionalProperties"] is False


def test_github_annotations_point_at_the_triggering_answer(write: Write) -> None:
    path = write("a.hria.yaml", NO_LAW)
    result = check("--format", "github", path)
    assert result.exit_code == 1
    assert (
        f"::error file={path},line=12,col=3,title=LEG-001 high [Legality]::No law" in result.stdout
    )
    medium = check("--format", "github", write("m.hria.yaml", MEDIUM))
    assert (
        "::warning file=" in medium.stdout and "title=NEC-001 medium [Necessity]" in medium.stdout
    )
    broken = check("--format", "github", write("b.hria.yaml", "x: [\n"))
    assert broken.exit_code == 2
    assert "::error file=" in broken.stdout and "line=2" in broken.stdout


def test_today_option_and_plan_summary(write: Write) -> None:
    plan = (
        "actions:\n  - {id: a1, description: Publish the law, addresses: [LEG-001],"
        " owner: Legal team, due: 2026-12-01}\n"
    )
    path = write("p.hria.yaml", NO_LAW + plan)
    early = check("--today", "2026-11-01", "--fail-on", "none", path)
    assert "LEG-001  No law [Legality] (mitigation planned)" in early.stdout
    assert "action plan: 1 (1 open)" in early.stdout
    late = check("--today", "2026-12-02", "--fail-on", "none", path)
    assert "ACT-001" in late.stdout
    bad = check("--today", "tomorrow", path)
    assert bad.exit_code == 2 and "--today expects a date" in bad.stderr


def test_check_restores_the_collector_thresholds(tmp_path: Path) -> None:
    import datetime as dt
    import gc

    from hria.bank.load import load_bank
    from hria.check.run import check_paths

    before = gc.get_threshold()
    check_paths([tmp_path / "missing.hria.yaml"], load_bank(), dt.date(2026, 11, 22))
    assert gc.get_threshold() == before


@pytest.mark.parametrize("char", ["\u2028", "\x85", "\r", "\x1b", "\x0b"])
def test_error_lines_stay_one_line_whatever_a_key_holds(write: Write, char: str) -> None:
    """A key may hold line breaks and terminal escapes (JSON allows them): error lines show
    them escaped, so each line starts with the file name and cannot restyle the terminal."""
    document = {
        "schema_version": 1,
        "metadata": {f"ti{char}tle": "x"},
    }
    path = write("k.hria.json", json.dumps(document))
    result = check(path)
    assert result.exit_code == 2
    lines = result.stderr.split("\n")[:-1]
    assert lines and all(line.startswith(f"error: {path}") for line in lines), lines
    assert char not in result.stderr
