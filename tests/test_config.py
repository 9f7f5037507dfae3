"""The configuration file: where it is found, what it sets, how the command line overrides
it, `--show-config`, and the errors a bad file gets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import MINI, MINI_HEADER

runner = CliRunner()
CLEAN = (
    MINI_HEADER
    + "answers:\n  basics.tech: {value: [gps]}\n  basics.law: {value: 'yes', evidence: [Act]}\n  details.people: {value: 12}\n"
)
MEDIUM = CLEAN.replace("{value: 12}", "{value: 5000}")


def hria(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def shown(*args: str | Path) -> dict[str, tuple[str, str]]:
    """--show-config as {key: (value, source)}."""
    result = hria("check", "--show-config", *args)
    assert result.exit_code == 0, result.output
    rows = {}
    for line in result.stdout.splitlines():
        if line.startswith("# ") and ":" in line.split("#")[1]:
            head, source = line[2:].rsplit("  # ", 1) if "  # " in line else (line[2:], "")
            key, value = head.split(":", 1)
            rows[key.strip()] = (value.strip(), source.strip())
        elif not line.startswith("#"):
            head, source = line.rsplit("  # ", 1)
            key, value = head.split(" = ", 1)
            rows[key] = (value.strip(), source)
    return rows


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "sub").mkdir(parents=True)
    monkeypatch.chdir(root)
    return root


@pytest.mark.usefixtures("project")
def test_defaults_without_a_file() -> None:
    rows = shown()
    assert rows["fail_on"] == ('"high"', "default")
    assert rows["strict"] == ("false", "default")
    assert rows["format"] == ('"text"', "default")
    assert rows["exclude"] == ('[".*/", "node_modules/", "venv/"]', "default")
    assert "configuration file: none found" in hria("check", "--show-config").stdout


def test_pyproject_table_then_command_line(project: Path) -> None:
    (project / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.hria]\nfail_on = "medium"\nstrict = true\nformat = "json"\n',
        encoding="utf-8",
    )
    rows = shown()
    source = "pyproject.toml [tool.hria]"
    assert rows["fail_on"] == ('"medium"', source)
    assert rows["strict"] == ("true", source)
    assert rows["format"] == ('"json"', source)
    overridden = shown("--fail-on", "low", "--no-strict", "-f", "github")
    assert overridden["fail_on"] == ('"low"', "command line")
    assert overridden["strict"] == ("false", "command line")
    assert overridden["format"] == ('"github"', "command line")


def test_the_file_decides_the_exit_code_and_format(project: Path) -> None:
    (project / "a.hria.yaml").write_text(MEDIUM, encoding="utf-8")
    assert hria("check", "--bank", MINI, "a.hria.yaml").exit_code == 0
    (project / ".hria.toml").write_text('fail_on = "medium"\nformat = "json"\n', encoding="utf-8")
    result = hria("check", "--bank", MINI, "a.hria.yaml")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["fail_on"] == "medium"
    assert hria("check", "--bank", MINI, "--fail-on", "high", "a.hria.yaml").exit_code == 0
    assert hria("check", "--bank", MINI, "--isolated", "a.hria.yaml").stdout.startswith(
        "a.hria.yaml"
    )


def test_the_nearest_file_wins_and_hria_toml_before_pyproject(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "pyproject.toml").write_text('[tool.hria]\nfail_on = "medium"\n', encoding="utf-8")
    (project / ".hria.toml").write_text('fail_on = "low"\n', encoding="utf-8")
    assert shown()["fail_on"] == ('"low"', ".hria.toml")
    monkeypatch.chdir(project / "sub")
    assert shown()["fail_on"] == ('"low"', "../.hria.toml")
    (project / "sub" / "pyproject.toml").write_text('[project]\nname = "other"\n', encoding="utf-8")
    assert shown()["fail_on"] == ('"low"', "../.hria.toml"), (
        "a pyproject.toml without [tool.hria] is passed over"
    )
    (project / "sub" / "pyproject.toml").write_text(
        '[tool.hria]\nfail_on = "red_line"\n', encoding="utf-8"
    )
    assert shown()["fail_on"] == ('"red_line"', "pyproject.toml [tool.hria]")


def test_config_and_isolated(project: Path) -> None:
    (project / ".hria.toml").write_text('fail_on = "low"\n', encoding="utf-8")
    other = project / "sub" / "ci.toml"
    other.write_text('fail_on = "medium"\n', encoding="utf-8")
    assert shown("--config", other)["fail_on"] == ('"medium"', str(other))
    assert shown("--isolated")["fail_on"] == ('"high"', "default")
    both = hria("check", "--show-config", "--config", other, "--isolated")
    assert both.exit_code == 2 and "--config and --isolated do not go together" in both.stderr
    missing = hria("check", "--config", project / "nope.toml", ".")
    assert missing.exit_code == 2


def test_excludes_bank_and_waivers_are_read_from_the_files_folder(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("a.hria.yaml", "sub/old/b.hria.yaml", "sub/c.hria.yaml", "old/d.hria.yaml"):
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(CLEAN, encoding="utf-8")
    (project / "waivers.yaml").write_text("waivers: []\n", encoding="utf-8")
    (project / ".hria.toml").write_text(
        f'extend_exclude = ["/sub/old/"]\nbank = "{MINI}"\nwaivers = "waivers.yaml"\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(project / "sub")
    result = hria("check", "..")
    assert result.exit_code == 0, result.output
    checked = [line.split(":")[0] for line in result.stdout.splitlines()[:-1] if line[0] != " "]
    assert checked == ["../a.hria.yaml", "../old/d.hria.yaml", "../sub/c.hria.yaml"]
    rows = shown()
    assert rows["waivers"] == ('"../waivers.yaml"', "../.hria.toml")
    assert rows["extend_exclude"] == ('["/sub/old/"]', "../.hria.toml")
    both = shown("--extend-exclude", "x")
    assert both["extend_exclude"] == ('["/sub/old/", "x"]', "../.hria.toml, then the command line")
    replaced = shown("--exclude", "y")
    assert replaced["exclude"] == ('["y"]', "command line")


def _errors(project: Path, text: str, name: str = ".hria.toml") -> list[str]:
    (project / name).write_text(text, encoding="utf-8")
    result = hria("check", "--bank", MINI, ".")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines: list[str] = result.stderr.splitlines()
    return lines


def test_a_bad_value_names_the_file_key_and_allowed_values(project: Path) -> None:
    lines = _errors(project, '# settings\nstrict = "yes"\n  fail_on = "hgh"\nformat = 3\n')
    assert lines == [
        "error: .hria.toml:2:1: strict: must be true or false, not 'yes'",
        "error: .hria.toml:3:3: fail_on: must be one of red_line, high, medium, low, none, not 'hgh'; did you mean 'high'?",
        "error: .hria.toml:4:1: format: must be one of text, json, github, sarif, junit, gitlab, not a number",
        "error: invalid configuration file: 3 problems",
    ]


def test_bad_paths_and_patterns(project: Path) -> None:
    lines = _errors(
        project,
        '[tool.hria]\nbank = "nowhere"\nwaivers = "none.yaml"\nexclude = "drafts"\n',
        "pyproject.toml",
    )
    assert (
        lines[0]
        == "error: pyproject.toml:2:1: tool.hria.bank: must be a question bank folder; nowhere is not a folder"
    )
    assert (
        lines[1]
        == "error: pyproject.toml:3:1: tool.hria.waivers: must name a waivers file; none.yaml is not a file"
    )
    assert lines[2].startswith(
        "error: pyproject.toml:4:1: tool.hria.exclude: must be a list of gitignore patterns"
    )


def test_unknown_keys_get_did_you_mean(project: Path) -> None:
    lines = _errors(
        project,
        '[tool.hria]\nfail-on = "low"\nextend-exclude = []\ncolour = "never"\n',
        "pyproject.toml",
    )
    assert lines[0].startswith(
        "error: pyproject.toml:2:1: tool.hria.fail-on: unknown key 'fail-on'; did you mean 'fail_on'? (keys: fail_on, strict,"
    )
    assert "unknown key 'extend-exclude'; did you mean 'extend_exclude'?" in lines[1]
    assert "unknown key 'colour' (keys:" in lines[2]


def test_syntax_errors_are_located(project: Path) -> None:
    lines = _errors(project, 'fail_on = "low"\nstrict = \n')
    assert lines == [
        "error: .hria.toml:2:10: not valid TOML: Invalid value",
        "error: invalid configuration file: 1 problem",
    ]
    (project / ".hria.toml").unlink()
    lines = _errors(project, '[tool.hria]\nfail_on = "low\n', "pyproject.toml")
    assert lines[0].startswith("error: pyproject.toml:2:"), lines
    assert "not valid TOML: " in lines[0]


def test_a_table_that_is_not_a_table(project: Path) -> None:
    lines = _errors(project, 'tool = {hria = "high"}\n', "pyproject.toml")
    assert lines[0] == "error: pyproject.toml: tool.hria: tool.hria must be a table: [tool.hria]"


@pytest.mark.usefixtures("project")
def test_check_without_paths_needs_one() -> None:
    result = hria("check")
    assert result.exit_code == 2
    assert "no files or folders to check" in result.stderr


def test_pyproject_forms_of_the_table(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    pyproject.write_text('[tool]\nhria.fail_on = "low"\n', encoding="utf-8")
    assert shown()["fail_on"] == ('"low"', "pyproject.toml [tool.hria]")
    pyproject.write_text('tool.hria.fail_on = "medium"\n', encoding="utf-8")
    assert shown()["fail_on"] == ('"medium"', "pyproject.toml [tool.hria]")
    pyproject.write_text('[project.scripts]\nhria = "hria.cli:main"\n[broken\n', encoding="utf-8")
    assert shown()["fail_on"] == ('"high"', "default"), "another project's file is not parsed"


def test_toml_is_parsed_only_when_there_is_a_table() -> None:
    from tests.test_packaging import imported

    loaded = imported("-m", "hria", "check", "--bank", str(MINI), str(MINI / "bank.yaml"))
    assert "hria" in loaded and "tomllib" not in loaded
