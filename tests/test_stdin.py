"""`hria check -`: one assessment from standard input, named by --stdin-filename."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import MINI, MINI_HEADER

runner = CliRunner()
CLEAN = (
    MINI_HEADER
    + "answers:\n  basics.tech: {value: [gps]}\n  basics.law: {value: 'yes', evidence: [Act]}\n  details.people: {value: 12}\n"
)
NO_LAW = CLEAN.replace("{value: 'yes', evidence: [Act]}", "{value: 'no'}")


def check(*args: str | Path, stdin: str | bytes = "") -> Any:
    argv = ["check", "--bank", str(MINI), *map(str, args)]
    return runner.invoke(app, argv, input=stdin, catch_exceptions=False)


def test_reads_yaml_from_standard_input() -> None:
    result = check("-", stdin=CLEAN)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "<stdin>: No major flags found"
    failing = check("-", stdin=NO_LAW)
    assert failing.exit_code == 1
    assert "<stdin>: Fails the legality test" in failing.stdout


def test_the_name_is_shown_and_locates_errors() -> None:
    broken = CLEAN.replace("details.people: {value: 12}", "details.people: {value: many}")
    result = check("-", "--stdin-filename", "plans/pilot.hria.yaml", stdin=broken)
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "error: plans/pilot.hria.yaml:13:27: answers.details.people.value"
    )
    annotated = check(
        "-", "--stdin-filename", "plans/pilot.hria.yaml", "--format", "github", stdin=NO_LAW
    )
    assert "file=plans/pilot.hria.yaml,line=" in annotated.stdout


def test_the_name_sets_the_format() -> None:
    data = {
        "schema_version": 1,
        "metadata": {
            "title": "Pilot",
            "organisation": "Example agency",
            "role": "deployer",
            "assessor": "A. Person",
            "created": "2026-01-05",
            "status": "complete",
            "bank": {"id": "mini", "version": "0.1.0"},
        },
        "answers": {
            "basics.tech": {"value": ["gps"]},
            "basics.law": {"value": "yes", "evidence": ["Act"]},
            "details.people": {"value": 12},
        },
    }
    text = json.dumps(data, indent=2)
    as_json = check("-", "--stdin-filename", "x.hria.json", stdin=text)
    assert as_json.exit_code == 0, as_json.output
    duplicate = text.replace('"schema_version": 1,', '"schema_version": 1, "schema_version": 1,')
    refused = check("-", "--stdin-filename", "x.hria.json", stdin=duplicate)
    assert (
        refused.exit_code == 2
        and "x.hria.json:2:" in refused.stderr
        and "duplicate" in refused.stderr
    )
    as_yaml = check("-", stdin=duplicate)
    assert as_yaml.exit_code == 2 and "<stdin>:2:" in as_yaml.stderr


def test_standard_input_with_files_and_in_json(tmp_path: Path) -> None:
    other = tmp_path / "other.hria.yaml"
    other.write_text(NO_LAW, encoding="utf-8")
    result = check("--format", "json", other, "-", stdin=CLEAN)
    assert result.exit_code == 1, result.output
    files = json.loads(result.stdout)["files"]
    assert [f["path"] for f in files] == [str(other), "<stdin>"]


def test_empty_oversized_and_undecodable_input_exit_2() -> None:
    empty = check("-", stdin="")
    assert empty.exit_code == 2 and empty.stderr.startswith("error: <stdin>")
    big = check("-", stdin="#" * (2 * 1024 * 1024 + 10))
    assert big.exit_code == 2
    assert "<stdin>: standard input is more than 2097152 bytes, the limit" in big.stderr
    latin = check("-", stdin=CLEAN.replace("Pilot", "Pil\xf6t").encode("latin-1"))
    assert (
        latin.exit_code == 2 and "<stdin>:3:" in latin.stderr and "not valid UTF-8" in latin.stderr
    )


def test_force_exclude_applies_to_the_stdin_name() -> None:
    skipped = check(
        "-", "--stdin-filename", "node_modules/x.hria.yaml", "--force-exclude", stdin=NO_LAW
    )
    assert skipped.exit_code == 0 and skipped.stdout.strip() == ""
    kept = check("-", "--stdin-filename", "node_modules/x.hria.yaml", stdin=NO_LAW)
    assert kept.exit_code == 1
