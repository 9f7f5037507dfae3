"""The report's figures: speed, printed length, and the first page's height.

    python bench/report.py [--runs 5] [--no-pdf] [--no-browser]

Prints, for every bundled example:
  html   wall seconds of `hria report FILE -o r.html`, start-up included   (target < 0.4 s)
  pdf    wall seconds of `hria report FILE -o r.pdf`, start-up included    (target < 3 s)
  pages  pages of that PDF, the appendix included                         (target <= 30)
  first  height of the summary at print media / the height of an A4 page less its margins
         (headless Chromium; target <= 1.0)
Medians of --runs runs for the timings (PDF: one run per example unless --runs is given).
"""

from __future__ import annotations

import argparse
import io
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HRIA = Path(sys.executable).parent / "hria"
EXAMPLES = sorted((ROOT / "assessments").glob("*.hria.yaml"))
CHROMIUM = Path("/usr/bin/chromium")
# A4 less the print stylesheet's margins (1.2 cm at the sides, 1.3 cm top, 1.1 cm bottom).
PRINT_WIDTH = round((210 - 24) / 25.4 * 96)
PRINT_HEIGHT = round((297 - 24) / 25.4 * 96)


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def timed(path: Path, out: Path, runs: int) -> float:
    cmd = [str(HRIA), "report", str(path), "-o", str(out), "--today", "2026-11-22"]
    return statistics.median(wall(cmd) for _ in range(runs))


def pages(pdf: Path) -> int:
    import pypdf

    return len(pypdf.PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def summary_heights(files: list[Path]) -> list[float]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
        page.emulate_media(media="print")
        heights = []
        for file in files:
            page.goto(file.as_uri())
            bottom = "document.querySelector('#summary').getBoundingClientRect().bottom"
            heights.append(float(page.evaluate(bottom)))
        browser.close()
    return heights


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-pdf", action="store_true")
    parser.add_argument("--no-browser", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        htmls = [tmp / f"{p.name}.html" for p in EXAMPLES]
        rows = {
            p.name: [f"{timed(p, h, args.runs):.3f}"] for p, h in zip(EXAMPLES, htmls, strict=True)
        }
        for path in EXAMPLES:
            if args.no_pdf:
                rows[path.name] += ["-", "-"]
                continue
            pdf = tmp / f"{path.name}.pdf"
            rows[path.name] += [f"{timed(path, pdf, 1):.2f}", str(pages(pdf))]
        heights = [None] * len(EXAMPLES) if args.no_browser else summary_heights(htmls)
        print(f"{'example':42} {'html s':>7} {'pdf s':>6} {'pages':>5} {'first':>6}")
        for (name, row), height in zip(rows.items(), heights, strict=True):
            first = f"{height / PRINT_HEIGHT:.2f}" if height is not None else "-"
            print(f"{name:42} {row[0]:>7} {row[1]:>6} {row[2]:>5} {first:>6}")
        print("targets: html < 0.4 s, pdf < 3 s, pages <= 30, first <= 1.00")


if __name__ == "__main__":
    main()
