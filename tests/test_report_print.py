"""The printed report: the PDF of the largest bundled example fits 30 pages with its appendix,
the summary is page 1 alone, every page is numbered and carries the title and verdict, the
sections are bookmarks, and no character falls back to an empty box (in the PDF, or in
Chromium), because every mark is either inline SVG or in a font the machine has."""

from __future__ import annotations

import datetime as dt
import functools
import io
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from hria.models.bank import Bank
from hria.report.build import build_report
from hria.report.render import ReportFormat
from tests.conftest import ROOT
from tests.system_parts import launch_chromium, need_pdf

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TODAY = dt.date(2026, 11, 22)
LARGEST = ROOT / "assessments" / "mandatory-asylum-app.hria.yaml"  # the most flags and answers
MAX_PAGES = 30


def pdf_pages(bank: Bank, path: Path) -> tuple[Any, list[str]]:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(build_report(bank, path, ReportFormat.PDF, TODAY)))
    return reader, [page.extract_text() for page in reader.pages]


@functools.cache
def covered(char: str) -> bool:
    """Whether any font fontconfig knows has a glyph for `char` (what Chromium and WeasyPrint
    fall back on); a character none has is drawn as an empty box."""
    fc_list = shutil.which("fc-list")
    assert fc_list is not None, "fontconfig's fc-list is needed to check glyph coverage"
    found = subprocess.run(
        [fc_list, f":charset={ord(char):x}", "family"],
        capture_output=True,
        text=True,
        check=True,
    )
    return bool(found.stdout.strip())


def uncovered(text: str) -> set[str]:
    return {c for c in set(text) if ord(c) > 127 and not c.isspace() and not covered(c)}


def test_the_glyph_check_can_fail() -> None:
    if shutil.which("fc-list") is None:
        pytest.skip("fontconfig is not installed")
    assert uncovered("⛔ a ▲ é") == {"⛔"}, "no font here has ⛔: the old mark drew a box"


@pytest.fixture(scope="module")
def largest(bank_module: Bank) -> tuple[Any, list[str]]:
    need_pdf()
    return pdf_pages(bank_module, LARGEST)


@pytest.fixture(scope="module")
def bank_module() -> Bank:
    from hria.bank.load import load_bank

    return load_bank()


@pytest.mark.slow
def test_the_largest_example_fits_30_pages(largest: tuple[Any, list[str]]) -> None:
    _, pages = largest
    assert 10 < len(pages) <= MAX_PAGES, len(pages)
    assert "Appendix: every answer" in "".join(pages), "with the appendix"


@pytest.mark.slow
def test_the_summary_is_page_one(largest: tuple[Any, list[str]]) -> None:
    _, pages = largest
    first = pages[0]
    assert first.startswith("Human rights impact assessment: ")
    for part in ("Red lines", "Findings by gate", "What to do first", "Unknowns that could"):
        assert part in first, part
    assert "Incompatible with human rights: do not deploy" in first
    assert pages[1].startswith("Contents"), "the summary ends page 1, and spills nowhere"


@pytest.mark.slow
def test_every_page_is_numbered_and_headed(largest: tuple[Any, list[str]]) -> None:
    _, pages = largest
    total = len(pages)
    header = "Mandatory appointment app for people seeking asylum at the land border · "
    for number, text in enumerate(pages, 1):
        assert text.rstrip().endswith(f"Page {number} of {total}"), number
        if number > 1:
            assert header + "Incompatible with human rights: do not deploy" in text, number
    assert header not in pages[0], "no running header over the summary"


@pytest.mark.slow
def test_the_sections_are_bookmarks(largest: tuple[Any, list[str]], bank_module: Bank) -> None:
    reader, _ = largest
    top: list[str] = []
    nested: list[str] = []
    for entry in reader.outline:
        if isinstance(entry, list):
            nested += [e.title for e in entry if not isinstance(e, list)]
        else:
            top.append(entry.title)
    for title in ("Summary", "Contents", "Findings by gate", "Impact register", "Action plan"):
        assert title in top, title
    for title in ("Gaps", "Method and limits", "Appendix: every answer", "Sources"):
        assert title in top, title
    for gate in bank_module.gates:
        assert any(t.startswith(f"{gate.title}: ") for t in nested), gate.title


@pytest.mark.slow
def test_the_contents_give_page_numbers(largest: tuple[Any, list[str]]) -> None:
    _, pages = largest
    contents = pages[1].split("\n")
    line = next(x for x in contents if x.startswith("Appendix: every answer"))
    number = int(line.rsplit(" ", 1)[1])
    assert "Appendix: every answer\n" in pages[number - 1]
    assert "Appendix: every answer\n" not in pages[number - 2]


@pytest.mark.slow
def test_no_glyph_is_an_empty_box_in_the_pdf(largest: tuple[Any, list[str]]) -> None:
    _, pages = largest
    text = "".join(pages)
    assert "⛔" not in text and "ℹ" not in text, "severity marks are drawn, not typed"
    assert not uncovered(text)


# --- in Chromium ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", sorted((ROOT / "assessments").glob("*.hria.yaml")), ids=lambda p: p.name[:20]
)
def test_no_glyph_is_an_empty_box_in_chromium(
    browser: Browser, bank_module: Bank, path: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    out.write_bytes(build_report(bank_module, path, ReportFormat.HTML, TODAY))
    page = browser.new_page()
    page.goto(out.as_uri())
    text: str = page.evaluate("document.body.textContent")
    icons: int = page.evaluate("document.querySelectorAll('svg.icon').length")
    page.close()
    assert icons > 0, "the marks are inline SVG"
    assert "⛔" not in text and "ℹ" not in text
    assert not uncovered(text)


@pytest.mark.slow
@pytest.mark.parametrize(
    "path", sorted((ROOT / "assessments").glob("*.hria.yaml")), ids=lambda p: p.name[:20]
)
def test_every_example_prints_its_summary_on_page_one(bank_module: Bank, path: Path) -> None:
    need_pdf()
    _, pages = pdf_pages(bank_module, path)
    assert "Unknowns that could change the verdict" in pages[0]
    assert pages[1].startswith("Contents"), "the summary fits page 1 in the PDF too"
    assert len(pages) <= MAX_PAGES
