"""The portfolio page of `hria summary --format html` in headless Chromium: no script, no
request but the page itself, a chart of verdicts drawn to scale, dark mode and print.
Skipped as tests/test_browser.py is when Chromium or Playwright is missing."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from typer.testing import CliRunner

from hria.cli import app
from tests.conftest import ROOT
from tests.system_parts import launch_chromium
from tests.test_browser import assert_png, computed, opened

if TYPE_CHECKING:
    from playwright.sync_api import Browser

EXAMPLES = ROOT / "assessments"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


def page_of(tmp_path: Path, *paths: Path) -> Path:
    target = tmp_path / "portfolio.html"
    args = ["summary", "--today", "2026-11-22", "-o", str(target), *map(str, paths)]
    result = CliRunner().invoke(app, args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return target


def test_portfolio_renders_quietly_with_its_chart(chromium: Browser, tmp_path: Path) -> None:
    path = page_of(tmp_path, EXAMPLES)
    with opened(chromium, path) as visit:
        page = visit.page
        visit.assert_quiet(path.as_uri())
        assert page.evaluate("document.scripts.length") == 0
        assert page.locator("table tbody tr").count() == 6
        bars = page.eval_on_selector_all(
            "svg g.bar",
            "gs => gs.map(g => [g.dataset.outcome, +g.dataset.count,"
            " g.querySelector('rect').getBoundingClientRect().width])",
        )
        widths = {outcome: (count, width) for outcome, count, width in bars}
        assert widths["do_not_deploy"][0] == 4 and widths["fails"][0] == 1
        assert widths["do_not_deploy"][1] == pytest.approx(4 * widths["fails"][1], rel=0.02)
        assert widths["conditional"] == (0, 0)
        assert page.locator("svg").is_visible()
        label = page.locator("svg title").text_content() or ""
        assert "4 do not deploy" in label
        fill = computed(page, "svg g.o-do_not_deploy rect", "fill")
        assert fill == "rgb(139, 0, 0)"
        shot = tmp_path / "portfolio.png"
        page.set_viewport_size({"width": 1600, "height": 900})
        page.screenshot(path=str(shot), full_page=True)
        assert_png(shot.read_bytes(), min_height=400)


def test_portfolio_dark_and_print(chromium: Browser, tmp_path: Path) -> None:
    path = page_of(tmp_path, EXAMPLES)
    with opened(chromium, path, color_scheme="dark") as visit:
        page = visit.page
        assert computed(page, "body", "background-color") == "rgb(21, 21, 21)"
        assert computed(page, "svg text", "fill") == "rgb(236, 236, 236)"
        visit.assert_quiet(path.as_uri())
    with opened(chromium, path) as visit:
        page = visit.page
        page.emulate_media(media="print")
        assert computed(page, "tbody tr", "break-inside") == "avoid"
        assert page.pdf(format="A4", landscape=True).startswith(b"%PDF")
        visit.assert_quiet(path.as_uri())


def test_the_csp_holds_on_the_portfolio(chromium: Browser, tmp_path: Path) -> None:
    """The canary: a script slipped into the page is blocked by its own policy."""
    path = page_of(tmp_path, EXAMPLES)
    page_text = path.read_text(encoding="utf-8")
    path.write_text(page_text.replace("</body>", "<script>window.__x=1</script></body>"))
    with opened(chromium, path) as visit:
        assert visit.page.evaluate("typeof window.__x") == "undefined"
        assert any("Content Security Policy" in text for text in visit.console_errors)
