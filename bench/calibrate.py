"""The calibration score table: real deployments answered blind, against expected verdicts.

    python bench/calibrate.py [--flips] [--case ID]

Prints one row per case (expected and actual verdict class, flag count, worst severity,
must-flag themes hit, single-answer flips) and the totals the calibration targets are
stated in. With --flips, lists for each case the single answers that would change its
verdict class."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.calibration.scoring import load_cases, score_case, table

from hria.bank.load import load_bank


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flips", action="store_true", help="list verdict-flipping answers")
    parser.add_argument("--case", help="score one case only")
    args = parser.parse_args()
    bank = load_bank()
    cases = [c for c in load_cases() if args.case in (None, c.id)]
    scores = [score_case(bank, case, flips=args.flips) for case in cases]
    sys.stdout.write(table(scores))
    for score in scores if args.flips else []:
        for flip in score.flips or []:
            print(f"{score.case.id}: {flip.question} = {flip.value!r} -> {flip.outcome.value}")
        for missed in score.missed:
            print(f"{score.case.id}: missed {missed.theme} ({', '.join(missed.codes)})")


if __name__ == "__main__":
    main()
