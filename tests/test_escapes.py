"""Hostile keys, values and file names: no output format lets them reach the terminal raw or
split one problem or flag over several lines."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from hria.errors import Problem
from hria.escapes import json_safe, printable, visible
from tests.conftest import MINI, MINI_HEADER

runner = CliRunner()

# Each would retitle or clear a terminal, start a new line, or reorder the rest of the line.
HOSTILE = [
    "\x1b]0;pwned\x07",
    "\x1b[2J\x1b[H",
    "\x9b31m",  # C1 CSI
    "a\nerror: forged.hria.yaml:1:1: forged",
    "a\r::error file=forged::forged",
    "\u2028",
    "\u2029",
    "\x85",
    "\x0b\x0c\x1c",
    "\u202e\u2066\u2069\u202a",
    "\x7f\x00\t",
]
CONTROLS = {chr(c) for c in [*range(0x20), *range(0x7F, 0xA0)]} | {
    *"\u2028\u2029\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
}
NO_LAW = (
    MINI_HEADER
    + 'answers:\n  basics.tech: {value: [gps]}\n  basics.law: {value: "no"}\n'
    + "  details.people: {value: 12}\n"
)
FORMATS = ["text", "json", "github"]


def hria(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def _no_raw_controls(text: str) -> None:
    found = sorted({c for c in text if c in CONTROLS} - {"\n"})
    assert not found, found


def _lines(text: str) -> list[str]:
    return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n")


@pytest.mark.parametrize("hostile", HOSTILE)
def test_visible_keeps_one_line_and_no_control(hostile: str) -> None:
    shown = visible(f"key{hostile}end")
    _no_raw_controls(shown.replace("\n", "\x00"))
    assert "\n" not in shown and shown.startswith("key") and shown.endswith("end")


def test_escapes_are_readable_and_idempotent() -> None:
    assert visible("a\x1bb\nc\u2028d\x85e") == "a\\x1bb\\nc\\u2028d\\x85e"
    assert visible(visible("\x1b[2J")) == visible("\x1b[2J")
    assert visible("C:\\Users\\ané 東京") == "C:\\Users\\ané 東京"
    assert printable("line one\n\tline two\x1b[2J\r\n") == "line one\n\tline two\\x1b[2J\\r\n"


def test_json_safe_is_the_same_value_and_always_utf8() -> None:
    value = {"k\x1b\u2028\u202e\x85": "lone \ud800 surrogate"}
    text = json_safe(json.dumps(value, ensure_ascii=False, indent=2))
    text.encode("utf-8")  # no lone surrogate left
    _no_raw_controls(text)
    assert json.loads(text) == value


def test_problem_is_one_line() -> None:
    problem = Problem("a\nb.hria.yaml", "unknown \x1b[2J", line=3, where="answers.x\u2028y")
    assert str(problem) == "a\\nb.hria.yaml:3: answers.x\\u2028y: unknown \\x1b[2J"


def _hostile_keys_file(tmp_path: Path) -> Path:
    keys = "".join(f"  {json.dumps('basics.tech' + h)}: {{value: [gps]}}\n" for h in HOSTILE)
    meta_keys = "".join(f"  {json.dumps('x' + h)}: 1\n" for h in HOSTILE)
    path = tmp_path / "keys.hria.yaml"
    text = NO_LAW.replace("metadata:\n", "metadata:\n" + meta_keys) + keys
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_keys_give_one_escaped_line_per_problem(tmp_path: Path, fmt: str) -> None:
    path = _hostile_keys_file(tmp_path)
    result = hria("check", "--bank", MINI, "--format", fmt, path)
    assert result.exit_code == 2
    _no_raw_controls(result.stdout + result.stderr)
    if fmt == "json":
        problems = json.loads(result.stdout)["files"][0]["problems"]
        wheres = {p["where"] for p in problems}
        assert all(f"answers.basics.tech{h}" in wheres for h in HOSTILE)  # value preserved
        lines = _lines(result.stderr)
    elif fmt == "github":
        lines = _lines(result.stdout)[:-2]  # then the notice of lines not annotated, the summary
        assert all(line.startswith(("::error ", "error: ")) for line in lines), lines
        assert sum(line.startswith("::error ") for line in lines) == 10  # what GitHub shows
    else:
        lines = _lines(result.stderr)
    assert all(line.startswith("error: ") for line in lines if fmt != "github"), lines
    # one line per problem, the hostile key on the line of its own problem
    assert sum("unknown question id" in line for line in lines) == len(HOSTILE)
    assert sum("unknown field" in line for line in lines) == len(HOSTILE)


def _hostile_names(tmp_path: Path) -> list[Path]:
    paths = []
    for number, hostile in enumerate(HOSTILE):
        name = f"{number}{hostile.replace(chr(0), '')}.hria.yaml"
        path = tmp_path / name
        path.write_text(NO_LAW, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("fmt", FORMATS)
def test_hostile_file_names_cannot_forge_lines(tmp_path: Path, fmt: str) -> None:
    paths = _hostile_names(tmp_path)
    missing = tmp_path / "gone\x1b[2J\nerror: forged.hria.yaml"
    result = hria("check", "--bank", MINI, "--format", fmt, "-v", *paths, missing)
    assert result.exit_code == 2
    _no_raw_controls(result.stdout + result.stderr)
    if fmt == "json":
        files = json.loads(result.stdout)["files"]
        assert [f["path"] for f in files] == [str(p) for p in [*paths, missing]]
        return
    out = _lines(result.stdout)
    if fmt == "github":
        flags = [line for line in out if "LEG-001" in line]
        assert len(flags) == len(paths), out
        prefixes = (
            "::error file=",
            "::notice file=",
            "error: ",
            "notice: ",
            "::notice title=hria::",
        )
        assert all(line.startswith(prefixes) for line in out[:-1]), out
    else:
        headers = [line for line in out if "Fails the legality test" in line]
        assert len(headers) == len(paths), out
        assert all(not line.startswith("error") for line in out), out
        assert _lines(result.stderr) == [f"error: {visible(missing)}: no such file"]


def test_echoed_values_are_escaped_in_verbose_output(tmp_path: Path) -> None:
    impact = (
        "impacts:\n  - {id: stops, right: "
        + json.dumps("Liberty\x1b]0;pwned\x07\nforged line")
        + ", groups: [a], description: d, status: actual, involvement: cause,"
        " scale: 4, scope: 2, irremediability: 3}\n"
    )
    path = tmp_path / "v.hria.yaml"
    path.write_text(NO_LAW + impact, encoding="utf-8")
    result = hria("check", "--bank", MINI, "-v", "--fail-on", "none", path)
    assert result.exit_code == 0, result.output
    _no_raw_controls(result.stdout)
    assert "stops: Liberty\\x1b]0;pwned\\x07\\nforged line (actual)" in result.stdout


def test_error_messages_escape_what_they_echo(tmp_path: Path) -> None:
    path = tmp_path / "x.hria.yaml"
    path.write_text(NO_LAW, encoding="utf-8")
    result = hria("check", "--bank", MINI, "--today", "\x1b[2J\nerror: forged", path)
    assert result.exit_code == 2
    _no_raw_controls(result.stderr)
    assert len(_lines(result.stderr)) == 1
    missing = hria("report", "--bank", MINI, tmp_path / "no\x1b]0;t\x07.hria.yaml")
    assert missing.exit_code == 2
    _no_raw_controls(missing.stderr)
    assert "no\\x1b]0;t\\x07.hria.yaml: cannot read" in missing.stderr


def test_reports_never_carry_raw_controls(tmp_path: Path) -> None:
    from hria.report.render import ReportFormat, render

    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "report.md.j2").write_text("{{ x }}\n", encoding="utf-8")
    (folder / "report.html.j2").write_text("<p>{{ x }}</p>\n", encoding="utf-8")
    context = {"x": "a\x1b[2J\rb\tc\ud800"}
    assert render(context, ReportFormat.MD, folder) == b"a\\x1b[2J\\rb\tc\\ud800\n"
    assert render(context, ReportFormat.HTML, folder) == b"<p>a\\x1b[2J\\rb\tc\\ud800</p>\n"


def test_listings_never_print_raw_controls(tmp_path: Path) -> None:
    import shutil

    bank = tmp_path / "bank"
    shutil.copytree(MINI, bank)
    rules = bank / "rules" / "all.yaml"
    text = rules.read_text(encoding="utf-8").replace(
        "title: No law", 'title: "No law\\e]0;pwned\\a"'
    )
    rules.write_text(text, encoding="utf-8")
    questions = bank / "questions" / "basics.yaml"
    text = questions.read_text(encoding="utf-8").replace(
        "prompt: Which technologies?", 'prompt: "Which\\e[2J technologies?\\u2028\\x9b"'
    )
    questions.write_text(text, encoding="utf-8")
    listings = {
        "rules": ["rules"],
        "rules json": ["rules", "--format", "json"],
        "explain": ["explain", "LEG-001"],
        "questions": ["questions"],
        "questions json": ["questions", "--format", "json"],
        "questionnaire": ["questions", "--format", "md"],
        "html questionnaire": ["questions", "--format", "html"],
        "schema": ["schema"],
    }
    for name, args in listings.items():
        result = hria(*args, "--bank", bank)
        assert result.exit_code == 0, result.output
        _no_raw_controls(result.stdout.replace("\t", ""))
        assert "pwned" in result.stdout or "technologies" in result.stdout, name
        if "json" in name or name == "schema":
            json.loads(result.stdout)
