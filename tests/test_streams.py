"""Standard streams in a real process: closed, full, broken or non-UTF-8, every case ends in
a documented exit code, and 1 still means findings and nothing else. Then the command-line
paths that once ended in "internal error": where -o points, and --templates that fail."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import MINI, MINI_HEADER, ROOT

CLEAN = (
    MINI_HEADER
    + 'answers:\n  basics.tech: {value: [gps]}\n  basics.law: {value: "yes", evidence: [Act]}\n'
    + "  details.people: {value: 12}\n"
)
runner = CliRunner()
PLANTED = "planted-answer-7Qx"
# hria with the engine replaced by one that fails quoting an answer, from a cause that quotes
# it too: what pydantic and ruamel messages do. The value comes from the assessment file, so
# it is in no source line a traceback shows.
CRASH = """
import hria.check.run as run
def boom(bank, assessment, today):
    value = assessment.answers["basics.law"].evidence[0]
    try:
        raise ValueError(f"input was {value}")
    except ValueError as cause:
        raise RuntimeError(f"while checking {value!r}") from cause
run.assess = boom
from hria.cli import main
main()
"""


def hria_argv(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "hria", *map(str, args)]


def run(
    argv: list[str], redirect: str = "", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run argv, with a shell redirection such as `>&-` applied to it."""
    command = ["sh", "-c", f'exec "$@" {redirect}', "sh", *argv]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        check=False,
        timeout=60,
    )


@pytest.fixture
def clean(tmp_path: Path) -> Path:
    path = tmp_path / "ok.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    return path


@pytest.fixture
def crash(tmp_path: Path) -> list[str]:
    """A command line that crashes while checking a file whose evidence is PLANTED."""
    script = tmp_path / "crash.py"
    script.write_text(CRASH, encoding="utf-8")
    path = tmp_path / "planted.hria.yaml"
    path.write_text(CLEAN.replace("[Act]", f"[{PLANTED}]"), encoding="utf-8")
    return [sys.executable, str(script), "check", "--bank", str(MINI), str(path)]


def _into_closed_pipe(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """stdout is a pipe whose reader is gone before hria starts: `hria ... | head` at its
    most abrupt."""
    read, write = os.pipe()
    os.close(read)
    try:
        return subprocess.run(
            argv, stdout=write, stderr=subprocess.PIPE, text=True, check=False, timeout=60
        )
    finally:
        os.close(write)


@pytest.mark.slow
@pytest.mark.parametrize(
    "args",
    [
        ["questions", "--format", "html"],
        ["questions"],
        ["--help"],
        ["--version"],
        ["rules", "--format", "json"],
    ],
)
def test_a_closed_pipe_ends_quietly_with_141(args: list[str]) -> None:
    result = _into_closed_pipe(hria_argv(*args))
    assert result.returncode == 141, result.stderr
    assert result.stderr == ""


@pytest.mark.slow
def test_a_closed_pipe_while_checking_is_quiet_too(clean: Path) -> None:
    result = _into_closed_pipe(hria_argv("check", "--bank", MINI, clean))
    assert result.returncode == 141
    assert result.stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize(
    "args", [["--version"], ["--help"], ["check", "--bank", str(MINI)], ["questions"]]
)
@pytest.mark.parametrize("redirect", [">&-", ">/dev/full"])
def test_unwritable_stdout_is_exit_2_with_a_message(
    args: list[str], redirect: str, clean: Path
) -> None:
    if redirect == ">/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    if args[0] == "check":
        args = [*args, str(clean)]
    result = run(hria_argv(*args), redirect)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: cannot write output: "), result.stderr
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_a_closed_stdout_does_not_matter_when_nothing_goes_there(
    clean: Path, tmp_path: Path
) -> None:
    out = tmp_path / "r.md"
    result = run(hria_argv("report", "--bank", MINI, clean, "-o", out), ">&-")
    assert result.returncode == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("#")


@pytest.mark.slow
def test_a_closed_stdin(clean: Path) -> None:
    checked = run(hria_argv("check", "--bank", MINI, clean), "<&-")
    assert checked.returncode == 0, checked.stderr
    interview = run(hria_argv("new", clean.with_name("new.hria.yaml")), "<&-")
    assert interview.returncode == 2, interview.stderr
    assert "needs a terminal" in interview.stderr


@pytest.mark.slow
@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full"])
def test_errors_keep_their_code_without_stderr(redirect: str, crash: list[str]) -> None:
    if redirect == "2>/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    missing = run(hria_argv("check", "--bank", MINI, "missing.hria.yaml"), redirect)
    assert missing.returncode == 2
    usage = run(hria_argv("check", "--no-such-option"), redirect)
    assert usage.returncode == 2
    assert run(crash, redirect).returncode == 3


@pytest.mark.slow
def test_output_the_locale_cannot_encode_is_escaped(clean: Path) -> None:
    ascii_env = {"PYTHONIOENCODING": "ascii"}
    listed = run(hria_argv("questions"), env=ascii_env)
    assert listed.returncode == 0, listed.stderr
    assert "\\xa7" in listed.stdout or "\\u" in listed.stdout  # § and the like, escaped
    named = clean.with_name("café.hria.yaml")
    named.write_text(CLEAN, encoding="utf-8")
    checked = run(hria_argv("check", "--bank", MINI, named, "nowhere-é.hria.yaml"), env=ascii_env)
    assert checked.returncode == 2, checked.stderr
    assert "caf\\xe9.hria.yaml: No major flags found" in checked.stdout
    assert "nowhere-\\xe9.hria.yaml: no such file" in checked.stderr


@pytest.mark.slow
def test_a_crash_under_debug_exits_3_without_the_answers(crash: list[str]) -> None:
    result = run(crash, env={"HRIA_DEBUG": "1"})
    assert result.returncode == 3, result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert "builtins.RuntimeError" in result.stderr and "builtins.ValueError" in result.stderr
    assert 'raise RuntimeError(f"while checking' in result.stderr  # the frames are all there
    assert PLANTED not in result.stderr + result.stdout
    assert "internal error (RuntimeError)" in result.stderr.splitlines()[-1]
    quiet = run(crash)
    assert quiet.returncode == 3
    assert "Traceback" not in quiet.stderr
    assert PLANTED not in quiet.stderr + quiet.stdout


# --- command-line paths -----------------------------------------------------------------------


def hria(*args: str | Path) -> Any:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def _report_to(clean: Path, output: Path, *extra: str) -> Any:
    return hria("report", "--bank", MINI, clean, "-o", output, *extra)


def test_report_onto_a_folder(clean: Path, tmp_path: Path) -> None:
    result = _report_to(clean, tmp_path, "--format", "md")
    assert result.exit_code == 2, result.output
    assert f"cannot write the report to {tmp_path}: it is a folder" in result.stderr
    assert "internal error" not in result.stderr


def test_report_into_a_missing_folder(clean: Path, tmp_path: Path) -> None:
    result = _report_to(clean, tmp_path / "nowhere" / "r.md")
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'nowhere'} does not exist" in result.stderr
    beside_a_file = _report_to(clean, clean / "r.md")
    assert beside_a_file.exit_code == 2
    assert f"{clean} is not a folder" in beside_a_file.stderr


def test_report_into_a_read_only_folder(
    clean: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*_: Any, **__: Any) -> Any:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr("hria.files.fsutil.write_temp", refuse)
    result = _report_to(clean, tmp_path / "r.md")
    assert result.exit_code == 2, result.output
    assert "cannot write the report to" in result.stderr
    assert "permission denied" in result.stderr


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_report_into_a_really_read_only_folder(clean: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = _report_to(clean, folder / "r.md")
    finally:
        folder.chmod(0o700)
    assert result.exit_code == 2, result.output
    assert "permission denied" in result.stderr


def _templates(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


FAILING_TEMPLATES = {
    "an undefined name": (
        {"report.md.j2": "# {{ meta.title }}\n\n{{ no_such_name }}\n"},
        "report.md.j2:3: 'no_such_name' is undefined",
    ),
    "an undefined field": (
        {"report.md.j2": "# x\n{{ meta.no_such_field }}\n"},
        "report.md.j2:2: 'dict object' has no attribute 'no_such_field'",
    ),
    "an arithmetic error": (
        {"report.md.j2": "# x\n\n\n{{ 1 / 0 }}\n"},
        "report.md.j2:4: rendering failed (ZeroDivisionError)",
    ),
    "a filter error": (
        {"report.md.j2": "# x\n{{ meta.title | round }}\n"},
        "report.md.j2:2: rendering failed (TypeError)",
    ),
    "an included template": (
        {"report.md.j2": '{% include "part.j2" %}\n', "part.j2": "x\n{{ nope }}\n"},
        "part.j2:2: 'nope' is undefined",
    ),
}


@pytest.mark.parametrize(("files", "message"), FAILING_TEMPLATES.values(), ids=FAILING_TEMPLATES)
def test_a_failing_template_names_its_file_and_line(
    clean: Path, tmp_path: Path, files: dict[str, str], message: str
) -> None:
    folder = _templates(tmp_path, files)
    result = hria("report", "--bank", MINI, clean, "--templates", folder)
    assert result.exit_code == 2, result.output
    assert f"error: template {folder}/{message}\n" in result.stderr
    assert "internal error" not in result.stderr
    assert "Pilot" not in result.stderr  # a filter's own message could quote the answers


def test_a_failing_bundled_template_is_still_a_bug(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_: Any, **__: Any) -> dict[str, Any]:
        return {}

    monkeypatch.setattr("hria.report.build.report_context", broken)
    result = hria("report", "--bank", MINI, clean)
    assert result.exit_code == 3
    assert "internal error (UndefinedError)" in result.stderr


def test_an_unreadable_file_says_permission_denied(
    clean: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.open

    def guarded(path: Any, flags: int, *args: Any) -> int:
        if Path(path) == clean:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real(path, flags, *args)

    monkeypatch.setattr("hria.files.reading.os.open", guarded)
    for command in ("check", "report"):
        result = hria(command, "--bank", MINI, clean)
        assert result.exit_code == 2, result.output
        assert "permission denied" in result.stderr.lower(), result.stderr
