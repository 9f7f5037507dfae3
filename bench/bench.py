"""Start-up and throughput ratios, measured side by side in one run.

    python bench/bench.py [--files 1000] [--runs 41] [--check-runs 3]

Prints ratios against a baseline measured on the same machine in the same run, so the
numbers mean something anywhere:
  help   `hria --help` wall time / `python -c "import typer"` wall time   (target <= 1.15)
  check  `hria check` over N generated files / a loop that only parses (same parser) and
         pydantic-validates the same files in one process                (target <= 1.5)
  answer milliseconds per interview answer (save + re-evaluate)          (target < 10 ms)
  report seconds per HTML report of each example, start-up included     (target < 0.4 s)
  skeleton seconds for `hria new --skeleton` of the whole bank, start-up included
                                                                        (target < 0.3 s)
  diff   `hria diff` of two full generated assessments / `hria check` of one (target <= 1.3)
  summary `hria summary` over N generated files / `hria check` over them  (target <= 1.2)
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hria.models.bank import Question

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
REFERENCE = """
import sys
from pathlib import Path
from ruamel.yaml import YAML
from hria.models.assessment import Assessment
for path in sorted(Path(sys.argv[1]).glob("*.hria.yaml")):
    Assessment.model_validate(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
"""


def load_questions() -> dict[str, object]:
    from hria.bank.load import load_bank

    return dict(load_bank().questions)


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def paired(a: list[str], b: list[str], runs: int) -> tuple[float, float]:
    """Median wall times of two commands, run alternately so drift hits both."""
    first, second = [], []
    for _ in range(runs):
        first.append(wall(a))
        second.append(wall(b))
    return statistics.median(first), statistics.median(second)


def generate(folder: Path, count: int) -> None:
    """Valid assessments with varied answers, derived from the bundled bank."""
    sys.path.insert(0, str(ROOT / "src"))
    from hria.bank.load import load_bank
    from hria.files.store import dump
    from hria.models.assessment import Assessment

    bank = load_bank()
    rng = random.Random(7)
    for index in range(count):
        answers = {qid: {"value": _value(q, rng)} for qid, q in bank.questions.items()}
        assessment = Assessment.model_validate(
            {
                "schema_version": 1,
                "metadata": {
                    "title": f"Generated deployment {index}",
                    "organisation": "Bench",
                    "role": "deployer",
                    "assessor": "bench",
                    "created": "2026-01-01",
                    "status": "complete",
                    "bank": {"id": bank.id, "version": bank.version},
                },
                "answers": answers,
            }
        )
        path = folder / f"a{index:04d}.hria.yaml"
        path.write_text(dump(assessment, path), encoding="utf-8")


def _value(question: Question, rng: random.Random) -> object:
    from hria.models.bank import MultipleChoiceQuestion, NumberQuestion, SingleChoiceQuestion

    if rng.random() < 0.1:
        return "unknown"
    if question.kind == "yes_no":
        return rng.choice(["yes", "no"])
    if isinstance(question, SingleChoiceQuestion):
        return rng.choice(question.values)
    if isinstance(question, MultipleChoiceQuestion):
        exclusive = {c.value for c in question.choices if c.exclusive}
        options = [v for v in question.values if v not in exclusive]
        return rng.sample(options, k=min(max(2, question.min_selected), len(options)))
    if isinstance(question, NumberQuestion):
        return rng.randint(int(question.minimum or 0), int(question.maximum or 1000))
    if question.kind == "date":
        return "2026-03-01"
    return "A short free-text answer written by the assessor."


def per_answer(folder: Path, rounds: int = 40) -> float:
    """Milliseconds per answer in the interview, as `Interview.record` does it: save the file
    atomically, re-evaluate, and work out the new flags and what the answer opened or closed."""
    import datetime as dt

    from hria.bank.load import load_bank
    from hria.files.store import load_assessment
    from hria.interview.prompts import ScriptedPrompter
    from hria.interview.session import Session
    from hria.interview.walk import Interview
    from hria.models.assessment import Answer

    bank = load_bank()
    path = sorted(folder.glob("*.hria.yaml"))[0]
    loaded = load_assessment(path, bank)
    session = Session(path, loaded.assessment, loaded.text)
    interview = Interview(bank, session, ScriptedPrompter([]), dt.date(2026, 11, 22))
    start = time.perf_counter()
    for index in range(rounds):
        interview.record("context.purpose", Answer(value=f"Purpose, revision {index}"))
    return (time.perf_counter() - start) / rounds * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=41, help="runs of each help command")
    parser.add_argument("--check-runs", type=int, default=3, help="runs of each check command")
    parser.add_argument(
        "--only",
        choices=["help", "report", "check", "skeleton", "diff", "summary"],
        help="one measure only",
    )
    args = parser.parse_args()
    if args.only in (None, "help"):
        bench_help(args.runs)
    if args.only in (None, "report"):
        bench_report()
    if args.only in (None, "skeleton"):
        bench_skeleton()
    if args.only in (None, "check"):
        bench_check(args.files, args.check_runs)
    if args.only in (None, "diff"):
        bench_diff(args.runs)
    if args.only in (None, "summary"):
        bench_summary(args.files, args.check_runs)


def bench_help(runs: int) -> None:
    python, hria = str(BIN / "python"), str(BIN / "hria")
    help_t, typer_t = paired([hria, "--help"], [python, "-c", "import typer"], runs)
    print(
        f"help   {help_t * 1000:7.1f} ms vs import typer {typer_t * 1000:7.1f} ms"
        f"   ratio {help_t / typer_t:.2f}  (target <= 1.15)"
    )


def bench_report() -> None:
    python, hria = str(BIN / "python"), str(BIN / "hria")
    bare = statistics.median(wall([python, "-c", "pass"]) for _ in range(11))
    typer_only = statistics.median(wall([python, "-c", "import typer"]) for _ in range(11))
    examples = sorted((ROOT / "assessments").glob("*.hria.yaml"))
    with tempfile.TemporaryDirectory() as out:
        times = []
        for example in examples:
            html = str(Path(out) / "report.html")
            command = [hria, "report", str(example), "--today", "2026-11-22", "-o", html]
            times.append(statistics.median(wall(command) for _ in range(9)))
    print(
        f"report {max(times):7.2f} s  worst example, {statistics.median(times):.2f} s median "
        f"(HTML, start-up included; {len(times)} examples; target < 0.4 s; "
        f"bare python start-up {bare * 1000:.0f} ms, import typer {typer_only * 1000:.0f} ms)"
    )


def bench_skeleton(runs: int = 11) -> None:
    python, hria = str(BIN / "python"), str(BIN / "hria")
    typer_only = statistics.median(wall([python, "-c", "import typer"]) for _ in range(runs))
    with tempfile.TemporaryDirectory() as out:
        target = str(Path(out) / "skeleton.hria.yaml")
        command = [hria, "new", "--skeleton", "--force", target]
        probe = subprocess.run(command, capture_output=True, check=False)
        if probe.returncode != 0:
            sys.exit(f"hria new --skeleton failed: {probe.stderr.decode()}")
        times = sorted(wall(command) for _ in range(runs))
        lines = Path(target).read_text(encoding="utf-8").count("\n")
    print(
        f"skeleton {statistics.median(times):5.2f} s  median, {times[0]:.2f} s best "
        f"(hria new --skeleton, start-up included; {lines} lines; target < 0.3 s; "
        f"import typer {typer_only * 1000:.0f} ms)"
    )


def bench_check(files: int, runs: int) -> None:
    python, hria = str(BIN / "python"), str(BIN / "hria")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, files)
        probe = subprocess.run(
            [hria, "check", "--fail-on", "none", str(folder)], capture_output=True
        )
        if probe.returncode != 0:
            sys.exit("the generated files do not check cleanly; fix the generator first")
        check_t, ref_t = paired(
            [hria, "check", "--fail-on", "none", str(folder)],
            [python, "-c", REFERENCE, str(folder)],
            runs,
        )
        questions = len(load_questions())
        print(
            f"answer {per_answer(folder):7.1f} ms per answer (save + re-evaluate, "
            f"{questions} questions; target < 10 ms)"
        )
        print(
            f"check  {check_t:7.2f} s  vs parse+validate {ref_t:7.2f} s   "
            f"ratio {check_t / ref_t:.2f}  (target <= 1.5; {files} files)"
        )


def bench_diff(runs: int) -> None:
    hria = str(BIN / "hria")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, 2)
        old, new = (str(p) for p in sorted(folder.glob("*.hria.yaml")))
        probe = subprocess.run([hria, "diff", old, new], capture_output=True, check=False)
        if probe.returncode != 1:
            sys.exit(f"hria diff of two different files did not exit 1: {probe.stderr.decode()}")
        changed = probe.stdout.decode().strip().splitlines()[-1]
        diff_t, check_t = paired(
            [hria, "diff", old, new], [hria, "check", "--fail-on", "none", old], runs
        )
    print(
        f"diff   {diff_t * 1000:7.1f} ms vs check of one {check_t * 1000:7.1f} ms"
        f"   ratio {diff_t / check_t:.2f}  (target <= 1.3; {changed})"
    )


def bench_summary(files: int, runs: int) -> None:
    hria = str(BIN / "hria")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        generate(folder, files)
        summary = [hria, "summary", str(folder)]
        if subprocess.run(summary, capture_output=True, check=False).returncode != 0:
            sys.exit("hria summary of the generated files failed")
        summary_t, check_t = paired(
            summary, [hria, "check", "--fail-on", "none", str(folder)], runs
        )
    print(
        f"summary {summary_t:6.2f} s  vs check {check_t:7.2f} s   "
        f"ratio {summary_t / check_t:.2f}  (target <= 1.2; {files} files)"
    )


if __name__ == "__main__":
    main()
