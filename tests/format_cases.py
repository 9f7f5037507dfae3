"""Shared inputs for the tests of `hria check`'s machine-readable formats."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import MINI, MINI_HEADER, ROOT

Write = Callable[..., Path]
EXAMPLES = sorted((ROOT / "assessments").glob("*.hria.*"))

NO_LAW = (
    MINI_HEADER
    + """\
answers:
  basics.tech: {value: [gps]}
  basics.law: {value: "no"}
  details.people: {value: 12}
"""
)
CLEAN = NO_LAW.replace('{value: "no"}', '{value: "yes", evidence: [Act 2025 s. 4]}')
NO_FLAGS = CLEAN + "  details.why: {value: To count visitors}\n"
MEDIUM = CLEAN.replace("{value: 12}", "{value: 5000}")
BROKEN = "x: [\n"
NOT_AN_ASSESSMENT = "schema_version: 1\nmetadata: []\n"


def hria(*args: str | Path) -> Any:
    return CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)


def check(*args: str | Path) -> Any:
    """`hria check` against the small test bank."""
    return hria("check", "--bank", MINI, *args)


def check_examples(*args: str | Path) -> Any:
    """`hria check` of the bundled examples against the bundled bank."""
    return hria("check", "--fail-on", "none", "--today", "2026-06-01", *args, *EXAMPLES)


def mixed(write: Write) -> list[Path]:
    """A failing file, a clean one, a medium one, and two invalid ones."""
    return [
        write("fails.hria.yaml", NO_LAW),
        write("clean.hria.yaml", CLEAN),
        write("medium.hria.yaml", MEDIUM),
        write("broken.hria.yaml", BROKEN),
        write("wrong.hria.yaml", NOT_AN_ASSESSMENT),
    ]


def explode_on(monkeypatch: Any, title: str) -> None:
    """Make checking the file with this title crash, as a bug in hria would."""
    from hria.check import run
    from hria.domain.engine import assess as real

    def assess(bank: Any, assessment: Any, today: Any) -> Any:
        if assessment.metadata.title == title:
            raise KeyError("secret answer text")
        return real(bank, assessment, today)

    monkeypatch.setattr(run, "assess", assess)
