"""`hria check -o FILE` (the format to a file, text on the console) and `-q/--quiet`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.format_cases import (
    MEDIUM,
    NO_FLAGS,
    NO_LAW,
    Write,
    check,
    mixed,
)


@pytest.mark.parametrize("fmt", ["json", "sarif", "gitlab", "junit", "github", "text"])
def test_output_writes_the_format_and_the_console_gets_text(
    write: Write, tmp_path: Path, fmt: str
) -> None:
    paths = mixed(write)
    target = tmp_path / f"out.{fmt}"
    with_file = check("--format", fmt, "-o", target, *paths)
    alone = check("--format", fmt, *paths)
    assert with_file.exit_code == alone.exit_code == 2
    assert target.read_text(encoding="utf-8") == alone.stdout
    text = check(*paths)
    assert with_file.stdout == text.stdout
    assert with_file.stderr == text.stderr
    assert (
        "5 files checked: 1 fails, 1 no major flags, 1 conditional, 2 invalid" in with_file.stdout
    )
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".out")] == []


def test_output_replaces_an_existing_file(write: Write) -> None:
    target = write("report.json", "old")
    result = check("--format", "json", "-o", target, write("a.hria.yaml", NO_LAW))
    assert result.exit_code == 1
    assert json.loads(target.read_text(encoding="utf-8"))["exit_code"] == 1


@pytest.mark.parametrize("where", ["missing/out.json", "."])
def test_output_that_cannot_be_written_is_a_clear_error(
    write: Write, tmp_path: Path, where: str
) -> None:
    path = write("a.hria.yaml", NO_LAW)
    result = check("--format", "json", "-o", tmp_path / where, path)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: cannot write the output to ")
    assert "Traceback" not in result.output


def test_an_error_before_the_end_leaves_the_old_file(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hria.check import documents

    def broken(*_: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(documents.JsonDocument, "tail", broken)
    target = write("out.json", "old")
    result = check("--format", "json", "-o", target, write("a.hria.yaml", NO_LAW))
    assert result.exit_code == 130
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.hria.yaml", "out.json"]


def test_quiet_prints_nothing_when_every_file_passes(write: Write) -> None:
    result = check("-q", write("a.hria.yaml", NO_FLAGS), write("m.hria.yaml", MEDIUM))
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")


def test_quiet_prints_one_line_per_failing_or_invalid_file(write: Write) -> None:
    paths = mixed(write)
    result = check("-q", *paths)
    assert result.exit_code == 2
    fails, _, _, broken, wrong = paths
    assert result.stdout.splitlines() == [
        f"{fails}: Fails the legality test: 1 flag at or above high (LEG-001)",
        f"{broken}:2:1: malformed YAML: expected the node content, but found '<stream end>'",
        f"{wrong}:2:1: metadata: Input should be a valid dictionary or instance of Metadata",
    ]
    assert result.stderr == ""
    medium = check("-q", "--fail-on", "medium", *paths[:3])
    assert medium.exit_code == 1
    assert len(medium.stdout.splitlines()) == 2
    assert "2 flags at or above medium (LEG-001, NEC-001)" not in medium.stdout
    assert "1 flag at or above medium (NEC-001)" in medium.stdout


def test_quiet_names_an_incomplete_assessment_under_strict(write: Write) -> None:
    path = write("d.hria.yaml", NO_FLAGS.replace("status: complete", "status: draft"))
    assert check("-q", path).stdout == ""
    strict = check("-q", "--strict", path)
    assert strict.exit_code == 1
    assert strict.stdout == f"{path}: incomplete (--strict)\n"


def test_quiet_with_output_keeps_the_whole_document(write: Write, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    result = check("-q", "--format", "json", "-o", target, *mixed(write))
    assert result.exit_code == 2
    assert len(result.stdout.splitlines()) == 3 and result.stderr == ""
    assert len(json.loads(target.read_text(encoding="utf-8"))["files"]) == 5


def test_the_pre_commit_hook_runs_quiet() -> None:
    from ruamel.yaml import YAML

    hooks = YAML(typ="safe").load(Path(__file__).parent.parent / ".pre-commit-hooks.yaml")
    (hook,) = hooks
    assert hook["entry"].split()[:2] == ["hria", "check"]
    assert "--quiet" in hook["entry"].split() or "-q" in hook["entry"].split()
    assert hook["id"] == "hria-check"
