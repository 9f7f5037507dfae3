"""The HTML pages in Portuguese and Spanish in headless Chromium: the report, the blank
questionnaire and the portfolio page say everything a reader sees (the text on screen, the
pictures' words, titles and labels) in their language, and the Portuguese report's layout
holds on a phone and on a desktop. Skipped as tests/test_browser.py is when Chromium or
Playwright is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from typer.testing import CliRunner

from hria.cli import app
from hria.i18n import translator
from tests.system_parts import launch_chromium
from tests.test_browser import opened
from tests.translated_cases import CASES, english_left, translated_case

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

TODAY = "2026-11-22"
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
#: What a reader sees: the text on screen without names and citations (the sources of each
#: finding, the list of sources, the instruments cited, code: commands, ids, file names),
#: and the words of the pictures, titles and labels.
SEEN = """(skip) => {
  for (const e of document.querySelectorAll(skip.selectors)) e.remove();
  for (const p of document.querySelectorAll('article.flag p.muted')) {
    const label = p.querySelector('strong');
    if (!label || label.textContent !== skip.sources) continue;
    let node = label.nextSibling;
    while (node && node.nodeName !== 'STRONG') { const next = node.nextSibling; node.remove(); node = next; }
  }
  const said = [document.title, document.body.innerText];
  for (const e of document.querySelectorAll('svg title, svg desc, svg text')) said.push(e.textContent);
  for (const e of document.querySelectorAll('[aria-label], [title], [alt]'))
    said.push(e.getAttribute('aria-label') || '', e.getAttribute('title') || '', e.getAttribute('alt') || '');
  return said.join('\\n');
}"""
NAMES = "code, #sources ul, #sources ol.basis, .sources, #instruments ul"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


def run(*args: str | Path) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args], env=NO_LOCALE)
    assert result.exit_code == 0, result.output
    return result.stdout


def page(tmp_path: Path, name: str, *args: str | Path) -> Path:
    path = tmp_path / name
    path.write_text(run(*args), encoding="utf-8")
    return path


def report(tmp_path: Path, lang: str, answered: str = "pt-BR") -> Path:
    case = translated_case(tmp_path, answered, waive="NEC-003")
    args = ("report", case, "--format", "html", "--today", TODAY, "--lang", lang)
    return page(tmp_path, f"report-{lang}.html", *args)


def seen(visit_page: Page, lang: str) -> str:
    skip = {"selectors": NAMES, "sources": translator(lang)("Sources:")}
    text: str = visit_page.evaluate(SEEN, skip)
    return text


def test_the_portuguese_report_says_everything_in_portuguese(
    browser: Browser, tmp_path: Path
) -> None:
    path = report(tmp_path, "pt-BR")
    with opened(browser, path) as visit:
        visit.assert_quiet(path.as_uri())
        assert visit.page.evaluate("document.documentElement.lang") == "pt-BR"
        assert visit.page.title().startswith("Avaliação de impacto em direitos humanos: ")
        assert visit.page.locator("#waivers .overdue").inner_text() == "⚠ vencida"
        assert english_left(seen(visit.page, "pt-BR")) == {}


def test_the_scan_finds_english_in_the_english_report(browser: Browser, tmp_path: Path) -> None:
    path = report(tmp_path, "en")
    with opened(browser, path) as visit:
        assert visit.page.evaluate("document.documentElement.lang") == "en"
        found = english_left(seen(visit.page, "en"))
        assert {"the", "and", "of", "findings", "verdict", "severity"} <= set(found)


@pytest.mark.parametrize("lang", ["pt-BR", "es"])
def test_the_blank_questionnaire_in_html(browser: Browser, tmp_path: Path, lang: str) -> None:
    path = page(tmp_path, "questions.html", "questions", "--format", "html", "--lang", lang)
    with opened(browser, path) as visit:
        visit.assert_quiet(path.as_uri())
        assert visit.page.evaluate("document.documentElement.lang") == lang
        assert english_left(seen(visit.page, lang)) == {}


def test_the_portfolio_page_in_portuguese(browser: Browser, tmp_path: Path) -> None:
    folder = tmp_path / "cases"
    folder.mkdir()
    for case in sorted(CASES.glob("*.hria.yaml")):
        translated_case(folder, "pt-BR", case)
    args = ("summary", "--format", "html", "--today", TODAY, "--lang", "pt-BR", folder)
    path = page(tmp_path, "portfolio.html", *args)
    with opened(browser, path) as visit:
        visit.assert_quiet(path.as_uri())
        assert visit.page.evaluate("document.documentElement.lang") == "pt-BR"
        text = seen(visit.page, "pt-BR")
        assert "Carteira de avaliações de impacto em direitos humanos" in text
        assert english_left(text) == {}


# --- layout -------------------------------------------------------------------------------

#: Elements whose text could outgrow their box: table cells and captions, headings, the
#: severity badges (which never wrap), the verdict banner, the list of contents.
AT_RISK = "th, td, caption, h1, h2, h3, h4, .sev, .banner, nav li, dt, dd"
#: A wide table may scroll inside its own box on a phone; nothing else may leave the page.
OVERFLOW = """(selector) => {
  const view = document.documentElement;
  const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement)
    if (getComputedStyle(a).overflowX === 'auto' && a.scrollWidth > a.clientWidth) return a;
    return null; };
  const out = [];
  for (const e of document.querySelectorAll(selector)) {
    const box = e.getBoundingClientRect();
    const holder = e.closest('td, th, li, h3, h4, p') || e.parentElement;
    const room = e.matches('.sev') ? holder.getBoundingClientRect() : box;
    if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0)
      out.push(['text wider than its box', e.tagName, e.textContent.slice(0, 60)]);
    if (box.right > room.right + 1)
      out.push(['past its holder', e.tagName, e.textContent.slice(0, 60)]);
    const pane = scrolls(e);
    const edge = pane ? pane.getBoundingClientRect().right : view.clientWidth;
    if (!pane && box.right > edge + 1) out.push(['off the page', e.tagName, e.textContent.slice(0, 60)]);
  }
  return {scroll: view.scrollWidth, client: view.clientWidth, out: out.slice(0, 10)};
}"""
#: Each text of the strip of gates' results inside its own box.
STRIP = """() => {
  const svg = document.querySelector('#summary svg.figure');
  const boxes = [...svg.querySelectorAll(':scope > rect')].map(r => r.getBBox());
  const out = [];
  for (const t of svg.querySelectorAll('text')) {
    const b = t.getBBox();
    const box = boxes.find(r => r.x <= b.x && b.x < r.x + r.width);
    if (!box || b.x + b.width > box.x + box.width + 0.5) out.push(t.textContent);
  }
  return out;
}"""


@pytest.mark.parametrize("width", [390, 1280])
def test_the_portuguese_report_fits(browser: Browser, tmp_path: Path, width: int) -> None:
    path = report(tmp_path, "pt-BR")
    with opened(browser, path, viewport={"width": width, "height": 900}) as visit:
        measured: dict[str, Any] = visit.page.evaluate(OVERFLOW, AT_RISK)
        assert measured["scroll"] <= measured["client"], measured
        assert measured["out"] == []
        assert visit.page.evaluate(STRIP) == []


def test_the_strip_check_catches_a_word_too_long(browser: Browser, tmp_path: Path) -> None:
    """The strip's check fails where a text does leave its box."""
    path = report(tmp_path, "pt-BR")
    with opened(browser, path) as visit:
        visit.page.evaluate(
            "() => { document.querySelector('#summary svg.figure text').textContent = "
            "'Inconstitucionalissimamente'; }"
        )
        assert visit.page.evaluate(STRIP) == ["Inconstitucionalissimamente"]
