"""Malformed and hostile assessment files: every one is refused with exit 2 and a located,
value-free message, never with an internal error, and within time and memory bounds."""

from __future__ import annotations

import os
import re
import stat
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from hria.errors import InvalidFileError
from hria.files import reading
from tests.conftest import MINI, MINI_HEADER

Write = Callable[..., Path]
runner = CliRunner()
SECRET = "hunter2secret"  # stands in for an answer's text, which must never be repeated
ANSWERS = "answers:\n  basics.law: {value: 'yes'}\n"
# One problem line: the file, line:column, a message; nothing else.
LINE = re.compile(r"^error: (?P<path>\S+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")


def check(path: Path, output: str = "text") -> Any:
    return runner.invoke(app, ["check", "--bank", str(MINI), "-f", output, str(path)])


def refused(path: Path, output: str = "text") -> list[str]:
    """Check `path` and return its problem messages, asserting the promises every refusal
    keeps: exit 2, UTF-8 output, every problem line located, no answer text repeated."""
    messages = []
    for line in _output(path, "text")[1].splitlines():
        match = LINE.match(line)
        assert match, line
        assert match["path"] == str(path)
        messages.append(match["message"])
    assert messages
    if output != "text":
        out, _ = _output(path, output)
        annotations = [line for line in out.splitlines() if line.startswith("::error")]
        assert output != "github" or len(annotations) == len(messages)
        assert all(",line=" in a and ",col=" in a for a in annotations)
    return messages


def _output(path: Path, output: str) -> tuple[str, str]:
    result = check(path, output)
    assert result.exit_code == 2, result.stderr
    out, err = result.stdout_bytes.decode("utf-8"), result.stderr_bytes.decode("utf-8")
    assert SECRET not in out + err
    return out, err


def with_answers(answers: str) -> str:
    return MINI_HEADER + "answers:\n" + answers


# 9. Special and unreadable files


def bounded(run: Callable[[], Any], seconds: float = 2.0, mebibytes: int = 100) -> Any:
    """Call `run` twice: timed, then traced (tracing slows allocation), and assert it takes
    under `seconds` and allocates under `mebibytes` at its peak. Returns its result."""
    start = time.perf_counter()
    result = run()
    elapsed = time.perf_counter() - start
    assert elapsed < seconds, f"{elapsed:.2f} s"
    tracemalloc.start()
    try:
        run()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < mebibytes * 2**20, f"{peak / 2**20:.0f} MiB"
    return result


def test_an_endless_device_is_refused() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    result = bounded(lambda: runner.invoke(app, ["check", "--bank", str(MINI), "/dev/zero"]))
    assert result.exit_code == 2
    assert "error: /dev/zero: not a regular file" in result.stderr


def test_a_fifo_without_a_writer_is_refused_without_blocking(tmp_path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "a.hria.yaml"
    os.mkfifo(fifo)
    result = bounded(lambda: check(fifo))
    assert result.exit_code == 2
    assert f"error: {fifo}: not a regular file" in result.stderr


def test_a_fifo_swapped_in_after_the_check_does_not_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs here")
    fifo = tmp_path / "a.hria.yaml"
    os.mkfifo(fifo)
    monkeypatch.setattr(stat, "S_ISREG", lambda _: True)  # as if it were replaced
    assert bounded(lambda: reading.read_text(fifo)) == ""  # opened at once; no writer, no text


def test_a_file_that_grows_past_the_cap_while_read_is_refused() -> None:
    """Files in /proc report a size of 0 but have contents: only the read can tell."""
    status = Path("/proc/self/status")
    if not status.exists() or status.stat().st_size != 0:
        pytest.skip("no /proc")
    with pytest.raises(InvalidFileError) as caught:
        reading.read_text(status, max_bytes=10)
    assert str(caught.value.problems[0]) == f"{status}: file is more than 10 bytes, the limit"


def test_an_unreadable_file_says_permission_denied(
    write: Write, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write("a.hria.yaml", MINI_HEADER)
    real_open = os.open

    def denied(file: Any, *args: Any, **kwargs: Any) -> int:
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(os, "open", denied)
    assert check(path).stderr.startswith(f"error: {path}: cannot read: permission denied\n")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads anything")
def test_an_unreadable_file_says_permission_denied_for_real(write: Write) -> None:
    path = write("a.hria.yaml", MINI_HEADER)
    path.chmod(0)
    assert check(path).stderr.startswith(f"error: {path}: cannot read: permission denied\n")
