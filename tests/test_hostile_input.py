"""Malformed and hostile assessment files: every one is refused with exit 2 and a located,
value-free message, never with an internal error, and within time and memory bounds."""

from __future__ import annotations

import json
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
from hria.files import limits, reading, yamlio
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


# 1. Dates and timestamps that cannot exist


@pytest.mark.parametrize(
    "created",
    [
        "2026-02-30",
        "2026-13-01",
        "0000-01-01",
        "2026-01-01T10:00:00+99:00",
        "2026-01-01 25:00:00",
        "!!timestamp 2026-02-30",
        f"!!timestamp {SECRET}",
        f'!!timestamp "{SECRET}"',
    ],
)
def test_impossible_dates_are_located(write: Write, created: str) -> None:
    text = MINI_HEADER.replace("created: 2026-01-05", f"created: {created}") + ANSWERS
    assert refused(write("a.hria.yaml", text)) == ["not a valid date or time"]


def test_an_impossible_date_in_an_answer_is_located(write: Write) -> None:
    path = write("a.hria.yaml", with_answers("  details.started: {value: 2026-02-29}\n"))
    result = check(path)
    assert result.exit_code == 2
    assert f"{path}:11:28: not a valid date or time" in result.stderr


# 2. Tags


@pytest.mark.parametrize(
    ("tagged", "message"),
    [
        (f"!!int {SECRET}", "not a valid whole number"),
        ("!!int ''", "not a valid whole number"),
        (f"!!float {SECRET}", "not a valid number"),
        ("!!float ''", "not a valid number"),
        (f"!!bool {SECRET}", "not a valid true or false"),
        (f"!!timestamp {SECRET}", "not a valid date or time"),
        (f"!secret {SECRET}", "unsupported YAML tag (hria reads plain values only)"),
        (f"!!python/object {SECRET}", "unsupported YAML tag (hria reads plain values only)"),
        ("!!binary aGVsbG8=", "unsupported YAML tag (hria reads plain values only)"),
        ("!!set {a: null}", "unsupported YAML tag (hria reads plain values only)"),
        ("!!omap [{a: 1}]", "unsupported YAML tag (hria reads plain values only)"),
    ],
)
def test_tagged_values_that_do_not_fit_are_located(write: Write, tagged: str, message: str) -> None:
    path = write("a.hria.yaml", with_answers(f"  details.people: {{value: {tagged}}}\n"))
    assert refused(path) == [message]
    assert f"{path}:11:27: {message}" in check(path).stderr


def test_tags_that_fit_still_read(write: Write) -> None:
    text = with_answers("  details.people: {value: !!int '12'}\n  details.why: {value: !!str 5}\n")
    assert check(write("a.hria.yaml", text)).exit_code in (0, 1)


# 3. Numbers Python will not convert, or that do not fit a float


@pytest.mark.parametrize("digits", [400, 5000, 100_000])
def test_huge_integers_are_located_in_yaml(write: Write, digits: int) -> None:
    path = write("a.hria.yaml", with_answers(f"  details.people: {{value: {'9' * digits}}}\n"))
    assert refused(path) == ["number is too large"]


@pytest.mark.parametrize("digits", [400, 5000, 100_000])
def test_huge_integers_are_located_in_json(write: Write, digits: int) -> None:
    text = '{"schema_version": 1,\n "answers": {"details.people": {"value": ' + "9" * digits + "}}}"
    path = write("a.hria.json", text)
    assert f"{path}:2:42: number is too large" in check(path).stderr
    assert refused(path) == ["number is too large"]


def test_large_integers_that_fit_a_float_are_read(write: Write) -> None:
    text = with_answers(f"  details.people: {{value: {'9' * 300}}}\n")
    assert check(write("a.hria.yaml", text)).exit_code in (0, 1)


# 4. Keys that are not text


@pytest.mark.parametrize("key", ["1", "true", "~", "null", "2026-01-01", "1.5", "[a]", "{a: 1}"])
@pytest.mark.parametrize(
    "where",
    ["top", "metadata", "answers", "answer", "impacts"],
)
def test_keys_must_be_text_anywhere(write: Write, key: str, where: str) -> None:
    entry = f"? {key}\n: x\n"
    text = {
        "top": MINI_HEADER + ANSWERS + entry,
        "metadata": MINI_HEADER + "".join("  " + e for e in entry.splitlines(True)) + ANSWERS,
        "answers": MINI_HEADER + ANSWERS + "".join("  " + e for e in entry.splitlines(True)),
        "answer": MINI_HEADER
        + "answers:\n  basics.law:\n    value: 'yes'\n"
        + "".join("    " + e for e in entry.splitlines(True)),
        "impacts": MINI_HEADER
        + ANSWERS
        + "impacts:\n  - id: i1\n"
        + "".join("    " + e for e in entry.splitlines(True)),
    }[where]
    assert refused(write("a.hria.yaml", text)) == ["keys must be text: put this key in quotes"]


def test_plain_key_that_looks_like_a_number_is_located(write: Write) -> None:
    path = write("a.hria.yaml", with_answers("  12: {value: 'yes'}\n"))
    assert f"{path}:11:3: keys must be text: put this key in quotes" in check(path).stderr


# 5. Lone surrogates, which cannot be written out as UTF-8


@pytest.mark.parametrize("output", ["text", "json", "github"])
@pytest.mark.parametrize(
    "answers",
    [
        '{"basics.law": {"value": "yes", "note": "x\\ud800y"}}',
        '{"x\\ud800.y": {"value": "yes"}}',
        '{"basics.law": {"value": "yes", "evidence": ["\\udc00"]}}',
    ],
)
def test_lone_surrogates_are_refused_in_json(write: Write, output: str, answers: str) -> None:
    header = json.dumps({"schema_version": 1, "metadata": {"title": "x"}})[:-1]
    path = write("a.hria.json", header + ',\n "answers": ' + answers + "}")
    message = refused(path, output)
    assert message == [
        "text contains half of a UTF-16 surrogate pair (\\ud800 to \\udfff), which is not a "
        "character"
    ]
    assert f"{path}:2:" in check(path).stderr


def test_a_surrogate_pair_is_one_character_in_json() -> None:
    text = '{"schema_version": 1, "note": "\\ud83d\\ude00"}'
    assert yamlio.parse(text, "a.hria.json") == {"schema_version": 1, "note": "\U0001f600"}


@pytest.mark.parametrize("output", ["text", "json", "github"])
def test_lone_surrogates_are_refused_in_yaml(write: Write, output: str) -> None:
    path = write("a.hria.yaml", with_answers('  "x\\ud800": {value: "\\udfff"}\n'))
    assert refused(path, output) == [
        "text contains half of a UTF-16 surrogate pair (\\ud800 to \\udfff), which is not a "
        "character"
    ]


# 6. Control characters: one located line per problem


@pytest.mark.parametrize("char", ["\x01", "\x07", "\x1b", "\x7f", "\x85\x9b", "\ufffe"])
def test_control_characters_are_located(write: Write, char: str) -> None:
    path = write("a.hria.yaml", with_answers(f"  details.why: {{value: 'a{char}b'}}\n"))
    [message] = refused(path)
    assert message.startswith("character U+")
    assert message.endswith("is not allowed in YAML; write it as an escape in double quotes")
    assert f"{path}:11:" in check(path).stderr


def test_control_characters_in_json_strings_are_located(write: Write) -> None:
    path = write("a.hria.json", '{"schema_version": 1,\n "x": "a\x01b"}')
    assert refused(path) == ["malformed JSON: Invalid control character at"]


@pytest.mark.parametrize(
    "text",
    [
        "schema_version: 1\nmetadata: [",
        "schema_version: 1\n\tmetadata: x\n",
        "a: 'unterminated\n",
        "- a\nb: c\n",
        "--- 1\n--- 2\n",
        "a: *missing\n",
        "a: b: c\n",
        '"\\q"\n',
        "",
        "42\n",
        "- 1\n",
    ],
)
def test_every_problem_line_is_located(write: Write, text: str) -> None:
    refused(write("a.hria.yaml", text))


# 7. Messages never repeat values


def test_messages_never_repeat_tagged_or_duplicated_values(write: Write) -> None:
    for tagged in ("!!timestamp", "!!int", "!!float", "!!bool", "!x"):
        text = with_answers(f"  details.why: {{value: {tagged} '{SECRET}'}}\n")
        refused(write("a.hria.yaml", text))
    refused(write("a.hria.yaml", with_answers(f"  a: {SECRET}\n  a: {SECRET}\n")))


# 8. Resource bounds


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


def _answers_json(count: int) -> str:
    answers = {f"q{i}": {"value": "yes"} for i in range(count)}
    return json.dumps({"schema_version": 1, "answers": answers})


ATTACKS: dict[str, tuple[str, Callable[[], str], str]] = {
    "a million list items in JSON": (
        "a.hria.json",
        lambda: '{"schema_version": 1, "answers": {"x": {"value": [' + "1," * 999_999 + "1]}}}",
        f"too many entries in one list or mapping: the limit is {limits.MAX_ENTRIES}",
    ),
    "a million list items in YAML": (
        "a.hria.yaml",
        lambda: with_answers("  x: {value: [" + "1," * 999_999 + "1]}\n"),
        f"too many entries in one list or mapping: the limit is {limits.MAX_ENTRIES}",
    ),
    "a block list of 200,000 items": (
        "a.hria.yaml",
        lambda: with_answers("  x:\n    value:\n" + "    - 1\n" * 200_000),
        f"too many entries in one list or mapping: the limit is {limits.MAX_ENTRIES}",
    ),
    "50,000 answer ids": (
        "a.hria.yaml",
        lambda: with_answers("".join(f"  q{i}: {{value: 'yes'}}\n" for i in range(50_000))),
        f"too many answers: the limit is {limits.MAX_ANSWERS}",
    ),
    "50,000 answer ids in JSON": (
        "a.hria.json",
        lambda: _answers_json(50_000),
        f"too many answers: the limit is {limits.MAX_ANSWERS}",
    ),
    "answers one past the limit": (
        "a.hria.json",
        lambda: _answers_json(limits.MAX_ANSWERS + 1),
        f"too many answers: the limit is {limits.MAX_ANSWERS}",
    ),
    "300,000 evidence items": (
        "a.hria.yaml",
        lambda: with_answers(
            "  basics.law:\n    value: 'yes'\n    evidence: [" + "a," * 300_000 + "a]\n"
        ),
        f"too many evidence entries in one answer: the limit is {limits.MAX_EVIDENCE}",
    ),
    "evidence one past the limit": (
        "a.hria.yaml",
        lambda: with_answers(
            "  basics.law:\n    value: 'yes'\n    evidence: [" + "a," * limits.MAX_EVIDENCE + "a]\n"
        ),
        f"too many evidence entries in one answer: the limit is {limits.MAX_EVIDENCE}",
    ),
    "impacts": (
        "a.hria.yaml",
        lambda: MINI_HEADER + ANSWERS + "impacts:\n" + "  - {id: i}\n" * 100_000,
        f"too many impacts: the limit is {limits.MAX_IMPACTS}",
    ),
    "actions": (
        "a.hria.yaml",
        lambda: MINI_HEADER + ANSWERS + "actions: [" + "{}," * (limits.MAX_ACTIONS + 1) + "]\n",
        f"too many actions: the limit is {limits.MAX_ACTIONS}",
    ),
    "values in many small lists": (
        "a.hria.yaml",
        lambda: MINI_HEADER + ANSWERS + "x:\n" + f"  - [{'1,' * 999}1]\n" * 100,
        f"too many values in one file: the limit is {limits.MAX_NODES}",
    ),
    "values in many small JSON mappings": (
        "a.hria.json",
        lambda: json.dumps({"x": [{f"k{j}": j for j in range(999)} for _ in range(30)]}),
        f"too many values in one file: the limit is {limits.MAX_NODES}",
    ),
    "keys in one mapping": (
        "a.hria.yaml",
        lambda: MINI_HEADER + ANSWERS + "x:\n" + "".join(f"  k{i}: 1\n" for i in range(100_000)),
        f"too many entries in one list or mapping: the limit is {limits.MAX_ENTRIES}",
    ),
}


@pytest.mark.parametrize("attack", ATTACKS)
def test_oversized_contents_are_refused_quickly(write: Write, attack: str) -> None:
    name, build, message = ATTACKS[attack]
    text = build()
    assert len(text.encode()) <= reading.MAX_BYTES
    path = write(name, text)
    result = bounded(lambda: check(path))
    assert result.exit_code == 2
    assert re.search(rf"^error: {re.escape(str(path))}:\d+:\d+: {message}$", result.stderr, re.M)


def test_the_limit_is_located_at_the_first_entry_past_it(write: Write) -> None:
    path = write("a.hria.yaml", ATTACKS["evidence one past the limit"][1]())
    message = f"too many evidence entries in one answer: the limit is {limits.MAX_EVIDENCE}"
    column = len("    evidence: [") + 2 * limits.MAX_EVIDENCE + 1
    assert f"{path}:13:{column}: {message}" in check(path).stderr


def test_files_at_the_limits_are_read(write: Write) -> None:
    text = with_answers("  basics.law:\n    value: 'yes'\n    evidence: [" + "a," * 99 + "a]\n")
    assert check(write("a.hria.yaml", text)).exit_code in (0, 1)
    answers = "".join(f"  q{i}: {{value: 'yes'}}\n" for i in range(limits.MAX_ANSWERS))
    result = check(write("b.hria.yaml", with_answers(answers)))
    assert result.exit_code == 2
    assert "unknown question id" in result.stderr
    assert "too many" not in result.stderr


# 9. Special and unreadable files


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
