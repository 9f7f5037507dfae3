"""The full fuzz campaign: mutate the bundled examples and check every mutant in-process.

    python bench/fuzz.py [--count 10000] [--seed 20261122] [--start 0] [--keep DIR]

Prints how many files gave each exit code, then the distinct crash causes (exception type
and innermost hria frame), split into check-level causes (models, domain, check) and
parse-level ones (the readers in hria.files), and any output that breaks the rules (a
traceback, or an error line that does not start with the file name). Exits 1 if anything
crashed or broke the rules. The test suite runs a bounded slice of the same campaign.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.fuzzing import write_mutants  # noqa: E402
from tests.fuzzrun import Summary, run_one  # noqa: E402

SEED = 20261122


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--start", type=int, default=0, help="first mutant number")
    parser.add_argument("--keep", type=Path, help="write the mutants here and keep them")
    args = parser.parse_args()
    from hria.bank.load import load_bank

    bank = load_bank()
    summary = Summary()
    started = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        batch = 500
        for start in range(args.start, args.start + args.count, batch):
            size = min(batch, args.start + args.count - start)
            for path in write_mutants(folder, args.seed, start, size):
                summary.add(run_one(path, bank))
                if args.keep is None:
                    path.unlink()
    elapsed = time.perf_counter() - started
    print(f"seed {args.seed}, mutants {args.start}..{args.start + args.count - 1}, {elapsed:.1f} s")
    print(summary.report())
    broken = summary.crashes("check") + summary.crashes("parse") + sum(summary.violations.values())
    sys.exit(1 if broken else 0)


if __name__ == "__main__":
    main()
