"""Start-up of `hria --help` and of `hria check` on one bundled case, in Spanish and
Portuguese against English, and the modules each imports.

    python bench/startup_lang.py [--rounds 15]

Each round runs every language once (English first), so drift on a shared machine hits them
all alike; a language's ratio is its median over English's median, of wall time and of CPU
time (user and system). The target is at most 1.1: the interface's catalogs load lazily,
only the active language's, and the bank's translations are cached like the bank. The
modules imported (`python -X importtime`) must be the same in every language.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "assessments" / "on-device-verification.hria.yaml"
COMMANDS = {
    "hria --help": ["--help"],
    "hria check": ["check", str(CASE), "--today", "2026-12-01"],
}
LANGS = ("en", "es", "pt-BR")
TARGET = 1.1


def _env(lang: str) -> dict[str, str]:
    return {**os.environ, "HRIA_LANG": lang, "LC_ALL": "", "LANG": ""}


def timed(args: list[str], lang: str) -> tuple[float, float]:
    """Wall time and CPU time (user and system) of one run of hria `args` in `lang`."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "hria", *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=_env(lang),
        check=False,
    )
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return elapsed, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime


def modules(args: list[str], lang: str) -> set[str]:
    """Every module a fresh interpreter imports to run hria `args` in `lang`."""
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "hria", *args],
        capture_output=True,
        text=True,
        env=_env(lang),
        check=False,
    )
    lines = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    return {line.rsplit("|", 1)[1].strip() for line in lines if "|" in line}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=15)
    rounds = parser.parse_args().rounds
    worst = 0.0
    for name, args in COMMANDS.items():
        for lang in LANGS:  # warm the bank cache and the file system once
            timed(args, lang)
        walls: dict[str, list[float]] = {lang: [] for lang in LANGS}
        cpus: dict[str, list[float]] = {lang: [] for lang in LANGS}
        for _ in range(rounds):
            for lang in LANGS:
                wall, cpu = timed(args, lang)
                walls[lang].append(wall)
                cpus[lang].append(cpu)
        wall_en, cpu_en = statistics.median(walls["en"]), statistics.median(cpus["en"])
        english = modules(args, "en")
        print(f"{name}: en {wall_en * 1000:.0f} ms wall, {cpu_en * 1000:.0f} ms CPU")
        for lang in LANGS[1:]:
            wall_ratio = statistics.median(walls[lang]) / wall_en
            cpu_ratio = statistics.median(cpus[lang]) / cpu_en
            worst = max(worst, wall_ratio, cpu_ratio)
            extra = sorted(modules(args, lang) - english)
            print(
                f"  {lang:<6} wall {wall_ratio:.3f}  CPU {cpu_ratio:.3f}  "
                f"modules English does not import: {', '.join(extra) or 'none'}"
            )
    verdict = "within" if worst <= TARGET else "over"
    print(f"worst ratio {worst:.3f}: {verdict} the target of {TARGET}")


if __name__ == "__main__":
    main()
