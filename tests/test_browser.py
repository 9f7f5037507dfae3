"""The HTML report in a real headless browser: Debian's chromium, driven by Playwright (never a
downloaded browser). The report must run no script, fetch nothing but itself, log no error, and
render on screen, for print and in dark mode, with the injection corpus in every field.

Skipped when /usr/bin/chromium or the playwright package is missing, unless
HRIA_REQUIRE_BROWSER=1 (set by CI), which turns the skip into a failure."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from tests.conftest import MINI, ROOT
from tests.system_parts import launch_chromium
from tests.test_report import PAYLOADS, render, write_injected

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request

EXAMPLE = ROOT / "assessments" / "gps-tagging-immigration-bail.hria.yaml"
PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


@dataclass
class Visit:
    """A page opened from a file, with everything it logged and asked for."""

    page: Page
    console: list[ConsoleMessage] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    failures: dict[str, str] = field(default_factory=dict)

    @property
    def console_errors(self) -> list[str]:
        return [m.text for m in self.console if m.type == "error"]

    def assert_quiet(self, url: str) -> None:
        """No console error, no uncaught exception, and no request but the document's own."""
        assert self.console_errors == []
        assert self.errors == []
        assert self.requests == [url]


@contextlib.contextmanager
def opened(browser: Browser, path: Path, **options: Any) -> Iterator[Visit]:
    context = browser.new_context(service_workers="block", **options)
    try:
        page = context.new_page()
        page.set_default_timeout(30_000)
        visit = Visit(page)

        # Playwright wraps handlers, so they must be Python functions, not bound builtins.
        def logged(message: ConsoleMessage) -> None:
            visit.console.append(message)

        def failed(error: Error) -> None:
            visit.errors.append(str(error))

        def requested(request: Request) -> None:
            visit.requests.append(request.url)

        def refused(request: Request) -> None:
            visit.failures[request.url] = request.failure or ""

        page.on("console", logged)
        page.on("pageerror", failed)
        context.on("request", requested)
        context.on("requestfailed", refused)
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(300)  # time for any onload/onerror handler that slipped through
        yield visit
    finally:
        context.close()


def assert_png(data: bytes, min_height: int = 100) -> tuple[int, int]:
    assert data[:8] == PNG and data[12:16] == b"IHDR"
    width = int.from_bytes(data[16:20], "big")
    height = int.from_bytes(data[20:24], "big")
    assert 300 <= width <= 4000 and min_height <= height <= 100_000, (width, height)
    assert len(data) > 10_000, "a blank page compresses to almost nothing"
    return width, height


def html_of(source: Path, tmp_path: Path, *args: str | Path) -> Path:
    path = tmp_path / "report.html"
    path.write_bytes(render(source, "html", tmp_path, *args))
    return path


def computed(page: Page, selector: str, prop: str) -> str:
    value: str = page.eval_on_selector(
        selector, f"e => getComputedStyle(e).getPropertyValue('{prop}')"
    )
    return value


def test_example_report_renders_quietly(browser: Browser, tmp_path: Path) -> None:
    path = html_of(EXAMPLE, tmp_path)
    with opened(browser, path) as visit:
        page = visit.page
        visit.assert_quiet(path.as_uri())
        assert page.title().startswith("Human rights impact assessment: ")
        assert page.locator("h1").is_visible()
        assert page.locator(".banner .verdict").inner_text().strip()
        assert page.locator("table.matrix").is_visible()
        assert page.evaluate("document.scripts.length") == 0
        shot = tmp_path / "screen.png"
        page.screenshot(path=str(shot), full_page=True)
        _, height = assert_png(shot.read_bytes(), min_height=2000)
        assert height > 720, "full page, not just the viewport"


def test_the_injection_corpus_runs_nothing(browser: Browser, tmp_path: Path) -> None:
    path = html_of(write_injected(tmp_path, PAYLOADS), tmp_path, "--bank", MINI)
    with opened(browser, path) as visit:
        page = visit.page
        visit.assert_quiet(path.as_uri())
        assert page.evaluate("typeof window.__xss") == "undefined"
        for selector in ("script", "img", "iframe", "details", "object", "embed"):
            assert page.locator(selector).count() == 0, selector
        # the report's own icons and pictures only: the payload's <svg onload> stays text
        assert page.locator("svg:not(.icon):not(.figure)").count() == 0
        assert page.locator("svg[onload]").count() == 0
        assert page.locator("meta[http-equiv='refresh']").count() == 0
        hrefs = page.eval_on_selector_all(
            "a[href]:not([href^='#'])", "links => links.map(a => a.protocol)"
        )
        assert set(hrefs) <= {"http:", "https:", "mailto:"}
        assert "<script>window.__xss=1</script>" in page.locator("h1").inner_text()
        assert page.locator("body").is_visible(), "an injected <style> hides nothing"
        shot = tmp_path / "xss.png"
        page.screenshot(path=str(shot), full_page=True)
        assert_png(shot.read_bytes())


def test_print_media(browser: Browser, tmp_path: Path) -> None:
    path = html_of(EXAMPLE, tmp_path)
    with opened(browser, path) as visit:
        page = visit.page
        page.emulate_media(media="print")
        assert page.evaluate("matchMedia('print').matches") is True
        assert computed(page, "body", "background-color") == "rgb(255, 255, 255)"
        assert computed(page, "body", "color") == "rgb(0, 0, 0)"
        assert computed(page, ".flag h4", "break-after") == "avoid"
        assert computed(page, ".banner", "break-inside") == "avoid"
        assert computed(page, ".answer", "break-inside") == "avoid"
        shot = tmp_path / "print.png"
        page.screenshot(path=str(shot))
        assert_png(shot.read_bytes())
        assert page.pdf(format="A4").startswith(b"%PDF")
        visit.assert_quiet(path.as_uri())


def test_dark_mode(browser: Browser, tmp_path: Path) -> None:
    path = html_of(EXAMPLE, tmp_path)
    with opened(browser, path, color_scheme="dark") as visit:
        page = visit.page
        assert page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") is True
        assert computed(page, "body", "background-color") == "rgb(21, 21, 21)"
        assert computed(page, "body", "color") == "rgb(236, 236, 236)"
        shot = tmp_path / "dark.png"
        page.screenshot(path=str(shot))
        assert_png(shot.read_bytes())
        visit.assert_quiet(path.as_uri())
    with opened(browser, path, color_scheme="light") as visit:
        assert computed(visit.page, "body", "background-color") == "rgb(255, 255, 255)"


def test_the_checks_can_fail(browser: Browser, tmp_path: Path) -> None:
    """The canary: a script that does run is seen, and the report's CSP blocks it anyway."""
    report = html_of(EXAMPLE, tmp_path).read_text(encoding="utf-8")
    image = "http://127.0.0.1:9/x.png"  # the discard port: refused at once if ever asked
    script = f"<script>window.__xss=1</script><img src='{image}'></body>"
    with_csp = tmp_path / "with-csp.html"
    with_csp.write_text(report.replace("</body>", script), encoding="utf-8")
    with opened(browser, with_csp) as visit:
        assert visit.page.evaluate("typeof window.__xss") == "undefined"
        assert any("Content Security Policy" in text for text in visit.console_errors)
        assert "csp" in visit.failures[image].lower(), "the CSP stops the image"
    csp = report[report.index('<meta http-equiv="Content-Security-Policy"') :]
    without_csp = tmp_path / "without-csp.html"
    without_csp.write_text(
        report.replace(csp[: csp.index(">") + 1], "").replace("</body>", script),
        encoding="utf-8",
    )
    with opened(browser, without_csp) as visit:
        assert visit.page.evaluate("window.__xss") == 1
        assert image in visit.requests
        assert "csp" not in visit.failures.get(image, "").lower()
