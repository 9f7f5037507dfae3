"""Wall time of `hria check` in each output format over generated files, against text.

    python bench/check_formats.py [--files 1000] [--rounds 3]

Each round runs every format once over the same files (text first), so drift on a shared
machine hits them all alike; the ratio is a format's median over text's median. The target
is at most 1.1 for every format. Output goes to /dev/null; the files are those of
bench/bench.py (valid assessments answering every question, about 55 flags each).

Wall times swing by a fifth from run to run on a busy machine, so the CPU time of each run
(user and system) is compared too, and the same ratios are worked out in one process: each
file is checked once and written in every format, and a format's ratio is (check + its
writing) / (check + writing text).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import BIN, generate

FORMATS = ("text", "json", "sarif", "junit", "gitlab", "github")
TARGET = 1.1


def timed(cmd: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user and system) of one run of `cmd`."""
    import time

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    elapsed = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return elapsed, cpu


def in_process(folder: Path, count: int) -> None:
    import datetime as dt
    import time

    from hria.bank.load import load_bank
    from hria.check.documents import Settings, build
    from hria.check.run import check_file

    bank = load_bank()
    settings = Settings(fail_on=None, fail_on_name="none")
    documents = {name: build(name, bank, settings) for name in FORMATS}
    spent = dict.fromkeys(FORMATS, 0.0)
    checking = 0.0
    for path in sorted(folder.glob("*.hria.yaml"))[:count]:
        start = time.perf_counter()
        result = check_file(path, bank, dt.date(2026, 6, 1))
        checking += time.perf_counter() - start
        for name, document in documents.items():
            start = time.perf_counter()
            document.entry(result)
            spent[name] += time.perf_counter() - start
    print(f"in one process, {count} files: checking {checking / count * 1000:.1f} ms a file")
    for name in FORMATS:
        ratio = (checking + spent[name]) / (checking + spent["text"])
        print(f"  {name:<7} {spent[name] / count * 1000:5.2f} ms a file  {ratio:5.3f}x")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    os.environ.pop("GITHUB_STEP_SUMMARY", None)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, args.files)
        in_process(folder, min(args.files, 200))
        walls: dict[str, list[float]] = {name: [] for name in FORMATS}
        cpus: dict[str, list[float]] = {name: [] for name in FORMATS}
        for _ in range(args.rounds):
            for name in FORMATS:
                cmd = [str(BIN / "hria"), "check", "--fail-on", "none", "--format", name, tmp]
                elapsed, cpu = timed(cmd)
                walls[name].append(elapsed)
                cpus[name].append(cpu)
    text_wall, text_cpu = statistics.median(walls["text"]), statistics.median(cpus["text"])
    print(f"{args.files} files, median of {args.rounds} rounds: wall time, CPU time")
    for name in FORMATS:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        ratio = cpu / text_cpu
        verdict = "" if name == "text" else ("  ok" if ratio <= TARGET else "  over target")
        print(
            f"  {name:<7} {wall:6.2f} s {wall / text_wall:5.2f}x"
            f"   {cpu:6.2f} s {ratio:5.2f}x{verdict}"
        )


if __name__ == "__main__":
    main()
