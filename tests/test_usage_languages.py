"""Usage errors through the real entry point, in the language of the help: the usage line,
the hint and the reason, with the options and values as typed; English as typer says it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from hria.cli.usage import reason

CASES = [
    (("check", "--bogus"), "--bogus"),
    (("check", "--format", "bogus"), "'bogus'"),
    (("report",), "'file'"),
    (("check", "--today"), "'--today'"),
    (("explain", "a", "b", "c"), "b c"),
    (("nope",), "'nope'"),
]
SAID = {
    "es": ("No existe", "no es uno de", "Falta el argumento", "requiere", "de más", "No existe"),
    "pt-BR": ("não existe", "não é um de", "Falta o argumento", "requer", "a mais", "não existe"),
}


def _run(lang: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HRIA_LANG": lang, "LC_ALL": "", "LANG": ""}
    return subprocess.run(
        [sys.executable, "-m", "hria", *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        check=False,
    )


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_usage_errors_are_said_in_the_language(lang: str) -> None:
    for (args, kept), words in zip(CASES, SAID[lang], strict=True):
        done = _run(lang, *args)
        english = _run("en", *args)
        assert done.returncode == english.returncode == 2
        last = done.stderr.strip().splitlines()[-1]
        assert words in last and kept in last, (args, done.stderr)
        assert english.stderr.strip().splitlines()[-1].startswith("Error: ")
        assert "Try '" not in done.stderr and "Usage:" not in done.stderr
        if "Usage:" in english.stderr:
            assert done.stderr.startswith("Uso: hria")


def test_a_reason_click_words_otherwise_is_kept() -> None:
    assert reason("Something click says that hria does not know") == (
        "Something click says that hria does not know"
    )
