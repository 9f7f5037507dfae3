"""Start-up in Spanish and Portuguese: `hria --help` and `hria check` import the same
modules as in English once the bank is cached (the catalogs are read, not imported, and
only the active one)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

CASE = ROOT / "assessments" / "on-device-verification.hria.yaml"


def modules(lang: str, *args: str) -> set[str]:
    """Every module a fresh interpreter imports to run hria `args` in `lang`."""
    env = {**os.environ, "HRIA_LANG": lang, "LC_ALL": "", "LANG": ""}
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hria", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    lines = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines if "|" in line}


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
@pytest.mark.parametrize(
    "args", [("--help",), ("check", str(CASE), "--today", "2026-12-01")], ids=["help", "check"]
)
def test_a_language_imports_nothing_english_does_not(lang: str, args: tuple[str, ...]) -> None:
    modules("en", *args), modules(lang, *args)  # the bank cached in each language first
    english = modules("en", *args)
    assert "typer" in english, "the measurement must see imports at all"
    # Reading a compiled catalog (.mo) takes the standard library's struct, and nothing else.
    assert modules(lang, *args) - english <= {"struct", "_struct"}
