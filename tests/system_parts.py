"""Optional system parts of the test suite: headless Chromium and the PDF stack.

A fresh machine may lack them. Their tests are then skipped, saying what is missing and how
to install it, unless HRIA_REQUIRE_BROWSER=1 / HRIA_REQUIRE_PDF=1 (as `.ci/run` sets), which
turn the skip into a failure."""

from __future__ import annotations

import contextlib
import functools
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = Path("/usr/bin/chromium")
PDF_PACKAGES = "libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
#: Headless Chromium with nothing of its own that could reach the network.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def browser_problem(chromium: Path = CHROMIUM) -> str | None:
    """What keeps the browser tests from running, or None."""
    if not chromium.exists():
        return f"{chromium} is not installed (Debian: apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


@functools.cache
def pdf_problem() -> str | None:
    """What keeps the PDF tests from running, or None.

    WeasyPrint renders without HarfBuzz-Subset but warns that future versions will need it;
    the tests require the whole stack that `.ci/run` installs."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            import weasyprint.text.ffi as ffi
        except ImportError:
            return "WeasyPrint is not installed (pip install 'hria[pdf]')"
        except OSError as error:  # WeasyPrint is there, a system library it loads is not
            return f"a library WeasyPrint needs is missing ({error}; Debian: {PDF_PACKAGES})"
    if getattr(ffi, "harfbuzz_subset", None) is None:
        return "HarfBuzz-Subset is missing (Debian: apt-get install libharfbuzz-subset0)"
    return None


def require(problem: str | None, variable: str) -> None:
    """Skip the calling test for `problem`, or fail it when `variable` is set to 1."""
    if problem is None:
        return
    if os.environ.get(variable) == "1":
        pytest.fail(f"{variable}=1 but {problem}")
    pytest.skip(problem)


def need_pdf() -> None:
    require(pdf_problem(), "HRIA_REQUIRE_PDF")


def need_browser() -> None:
    require(browser_problem(), "HRIA_REQUIRE_BROWSER")


@contextlib.contextmanager
def launch_chromium() -> Iterator[Browser]:
    """Headless Chromium for a test (skipped, or failed in CI, when it is missing)."""
    need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield launched
        finally:
            launched.close()
