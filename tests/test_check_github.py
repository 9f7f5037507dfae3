"""`hria check --format github`: annotations capped at what GitHub shows, with a notice
counting the rest, and the Markdown job summary written to GITHUB_STEP_SUMMARY."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.format_cases import (
    CLEAN,
    NO_FLAGS,
    NO_LAW,
    Write,
    check,
    check_examples,
    mixed,
)

MORE = re.compile(r"^::notice title=hria::(\d+) more annotations? not shown")


def _commands(stdout: str, level: str) -> list[str]:
    return [line for line in stdout.splitlines() if line.startswith(f"::{level} ")]


def test_the_examples_give_at_most_ten_annotations_of_each_level() -> None:
    result = check_examples("--format", "github", "--fail-on", "high")
    lines = result.stdout.splitlines()
    for level in ("error", "warning", "notice"):
        assert len(_commands(result.stdout, level)) <= 10, level
    assert len(_commands(result.stdout, "error")) == 10
    more = [m for line in lines if (m := MORE.match(line))]
    assert len(more) == 1 and lines[-2].startswith("::notice title=hria::")
    plain = [line for line in lines if line.startswith(("error: ", "warning: ", "notice: "))]
    assert int(more[0].group(1)) == len(plain)
    flags = json.loads(check_examples("--format", "json").stdout)
    total = sum(len(e["flags"]) + len(e["warnings"]) for e in flags["files"])
    annotated = sum(len(_commands(result.stdout, lv)) for lv in ("error", "warning", "notice"))
    assert annotated - 1 + len(plain) == total  # every flag is in the log, one way or the other
    assert lines[-1].startswith("6 files checked")


def test_a_few_annotations_need_no_notice(write: Write) -> None:
    result = check("--format", "github", write("a.hria.yaml", NO_LAW))
    assert len(_commands(result.stdout, "error")) == 1
    assert len(_commands(result.stdout, "notice")) == 1
    assert not any(MORE.match(line) for line in result.stdout.splitlines())


def test_ten_notices_are_all_shown_and_eleven_are_counted(write: Write) -> None:
    ten = [write(f"c{i}.hria.yaml", CLEAN) for i in range(10)]
    shown = check("--format", "github", *ten)
    notices = _commands(shown.stdout, "notice")
    assert len(notices) == 10 and all("NEC-002" in n for n in notices)
    eleven = check("--format", "github", *ten, write("c10.hria.yaml", CLEAN))
    notices = _commands(eleven.stdout, "notice")
    assert len(notices) == 10
    assert sum("NEC-002" in n for n in notices) == 9
    assert MORE.match(notices[-1]) and MORE.match(notices[-1]).group(1) == "2"  # type: ignore[union-attr]
    plain = [line for line in eleven.stdout.splitlines() if line.startswith("notice: ")]
    assert len(plain) == 2 and all(
        "NEC-002 info [Necessity]: The reason is left blank" in p for p in plain
    )


def test_errors_past_ten_become_log_lines(write: Write) -> None:
    paths = [write(f"f{i}.hria.yaml", NO_LAW) for i in range(12)]
    result = check("--format", "github", *paths)
    assert result.exit_code == 1
    assert len(_commands(result.stdout, "error")) == 10
    plain = [line for line in result.stdout.splitlines() if line.startswith("error: ")]
    assert plain == [f"error: {p}:12:3: LEG-001 high [Legality]: No law" for p in paths[10:]]
    (more,) = [line for line in result.stdout.splitlines() if MORE.match(line)]
    assert "(2 errors, 3 notices)" in more  # 12 info notices: 9 shown, the held one counted


def test_the_job_summary_is_appended(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("# Earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    paths = mixed(write)
    result = check("--format", "github", *paths)
    assert result.exit_code == 2
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("# Earlier step\n### hria check: 5 files checked: 1 fails, 1 no major")
    rows = [line for line in text.splitlines() if line.startswith("| ") and ".hria.yaml" in line]
    fails, clean, medium, broken, wrong = rows[:5]
    assert fails.startswith(f"| {_md(paths[0])} | **fails** | Fails the legality test |")
    assert fails.endswith("|  | 1 |  |  | 1 |")
    assert clean.startswith(f"| {_md(paths[1])} | passes | No major flags found |")
    assert "| passes | Conditional: mitigations required |  |  | 1 |  | 1 |" in medium
    assert "| **error** | invalid: 1 problem |" in broken and "**error**" in wrong
    worst = text.split("Most serious flags:", 1)[1].splitlines()
    assert worst[2] == "| severity | rule | flag | where |"
    assert worst[4] == f"| high | LEG-001 | No law | {_md(paths[0])}:12 |"
    assert worst[5].startswith("| medium | NEC-001 |")


def _md(path: Path) -> str:
    return re.sub(r"([\\`*_{}\[\]<>()#+!|~])", r"\\\1", str(path))


def test_the_summary_of_the_examples_puts_red_lines_first(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check_examples("--format", "github")
    worst = summary.read_text(encoding="utf-8").split("Most serious flags:", 1)[1]
    rows = [line for line in worst.splitlines() if line.startswith("| ") and "severity" not in line]
    assert len(rows) == 10
    severities = [row.split(" | ")[0].lstrip("| ") for row in rows]
    order = ["red line", "high", "medium", "low", "info"]
    assert severities == sorted(severities, key=order.index) and severities[0] == "red line"


def test_no_summary_without_the_variable_or_for_other_formats(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("a.hria.yaml", NO_FLAGS)
    summary = tmp_path / "summary.md"
    check("--format", "github", path)
    assert not summary.exists()
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check("--format", "text", path)
    check("--format", "sarif", path)
    assert not summary.exists()


def test_hostile_names_cannot_break_the_summary_table(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    path = write("a|b<img src=x>`\n| forged |.hria.yaml", NO_LAW)
    check("--format", "github", path)
    text = summary.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if "Fails the legality" in line)
    assert row.count(" | ") == 8 - 1  # eight cells: no extra column, no new row
    assert re.search(r"(?<!\\)[<>]", text) is None and "\\<img" in text
    assert [line for line in text.splitlines() if "forged" in line] == [row, *_worst(text)]


def _worst(text: str) -> list[str]:
    return [
        line for line in text.split("Most serious flags:", 1)[1].splitlines() if "forged" in line
    ]


def test_a_summary_that_cannot_be_written_is_a_warning(
    write: Write, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(tmp_path))  # a folder
    result = check("--format", "github", write("a.hria.yaml", NO_LAW))
    assert result.exit_code == 1  # the check's own code
    assert result.stderr.startswith(f"warning: cannot write the job summary to {tmp_path}: ")
