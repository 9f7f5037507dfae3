"""Render the first page of a bundled example's report as a PNG, as it prints on A4, with
headless Chromium. The README's picture comes from this script:

    python bench/first_page.py [assessments/live-frt-public-square.hria.yaml] [docs/first-page.png]
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HRIA = Path(sys.executable).parent / "hria"
CHROMIUM = Path("/usr/bin/chromium")
# A4 less the print stylesheet's margins, in CSS pixels (see templates/report.html.j2).
WIDTH = round((210 - 24) / 25.4 * 96)
HEIGHT = round((297 - 24) / 25.4 * 96)


def main() -> None:
    source = (
        Path(sys.argv[1])
        if len(sys.argv) > 1
        else ROOT / "assessments" / ("live-frt-public-square.hria.yaml")
    )
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else ROOT / "docs" / "first-page.png"
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "report.html"
        today = ["--today", "2026-11-22"]
        subprocess.run([str(HRIA), "report", str(source), "-o", str(html), *today], check=True)
        with sync_playwright() as driver:
            browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
            page = browser.new_page(
                viewport={"width": WIDTH, "height": HEIGHT}, device_scale_factor=1.5
            )
            page.emulate_media(media="print")
            page.goto(html.as_uri())
            # Chromium does not paginate a screenshot: keep what page 1 prints, the summary.
            page.evaluate(
                "document.querySelectorAll('main > :not(#summary), footer')"
                ".forEach(e => e.remove())"
            )
            page.screenshot(
                path=str(target), clip={"x": 0, "y": 0, "width": WIDTH, "height": HEIGHT}
            )
            browser.close()
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
