"""The optional system parts skip on a fresh machine and fail when CI requires them."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests import system_parts


def test_a_missing_part_skips_saying_why(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HRIA_REQUIRE_PDF", raising=False)
    with pytest.raises(pytest.skip.Exception, match="HarfBuzz-Subset is missing"):
        system_parts.require("HarfBuzz-Subset is missing", "HRIA_REQUIRE_PDF")


def test_a_required_missing_part_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRIA_REQUIRE_PDF", "1")
    with pytest.raises(pytest.fail.Exception, match="HRIA_REQUIRE_PDF=1 but Pango"):
        system_parts.require("Pango is missing", "HRIA_REQUIRE_PDF")


def test_a_present_part_neither_skips_nor_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HRIA_REQUIRE_BROWSER", "1")
    system_parts.require(None, "HRIA_REQUIRE_BROWSER")


def test_a_missing_browser_names_the_package(tmp_path: Path) -> None:
    problem = system_parts.browser_problem(tmp_path / "chromium")
    assert problem is not None and "apt-get install chromium" in problem


def test_without_weasyprint_the_pdf_problem_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system_parts.pdf_problem.cache_clear()
    monkeypatch.setitem(sys.modules, "weasyprint", None)
    monkeypatch.setitem(sys.modules, "weasyprint.text", None)
    monkeypatch.setitem(sys.modules, "weasyprint.text.ffi", None)
    try:
        assert system_parts.pdf_problem() == (
            "WeasyPrint is not installed (pip install 'hria[pdf]')"
        )
    finally:
        system_parts.pdf_problem.cache_clear()
