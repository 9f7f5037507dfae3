"""Golden files of one bundled case's report in Spanish and in Brazilian Portuguese (the
English ones are tests/golden, checked by tests/test_report.py). They change whenever a
translation does: rewrite them with HRIA_UPDATE_GOLDEN=1 and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import ROOT
from tests.golden_files import match_golden

CASE = ROOT / "assessments" / "gps-tagging-immigration-bail.hria.yaml"
GOLDEN = Path(__file__).parent / "golden_languages"
TODAY = "2026-11-22"
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_golden(lang: str, fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    args = ["report", str(CASE), "--format", fmt, "--today", TODAY, "--lang", lang]
    result = CliRunner().invoke(app, args, env=NO_LOCALE, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    got = result.stdout_bytes
    golden = GOLDEN / f"{CASE.name.removesuffix('.hria.yaml')}.{lang}.{fmt}"
    match_golden(got, golden)


def test_every_golden_file_is_made() -> None:
    stem = CASE.name.removesuffix(".hria.yaml")
    expected = {f"{stem}.{lang}.{fmt}" for lang in ("es", "pt-BR") for fmt in ("md", "html")}
    assert {p.name for p in GOLDEN.iterdir()} == expected
