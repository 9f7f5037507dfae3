"""Peak memory of `hria check` over a folder of N files: it should stay flat as N grows.

    python bench/batch_memory.py [--sizes 1000 3000 10000] [--format text]

Generates N valid assessments in a temporary folder (a few hundred distinct ones, repeated),
runs `hria check` on the folder in a child process and prints that child's peak resident
memory (ru_maxrss), then the ratio of the largest run to the smallest. Each measurement runs
under its own parent so that one run's peak cannot hide in another's. Prints figures only;
it is not a timed test. Target: under 150 MiB at 10,000 files.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import generate

BIN = Path(sys.executable).parent
DISTINCT = 300
MEASURE = """
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def fill(folder: Path, count: int, templates: list[Path]) -> None:
    for index in range(count):
        shutil.copyfile(templates[index % len(templates)], folder / f"f{index:05d}.hria.yaml")


def peak_mib(folder: Path, output_format: str) -> float:
    command = [str(BIN / "hria"), "check", "--fail-on", "none", "-f", output_format, str(folder)]
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=True
    )
    return int(done.stdout.strip()) / 1024  # ru_maxrss is in KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000, 10000])
    parser.add_argument("--format", default="text", choices=["text", "json", "github"])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "distinct"
        source.mkdir()
        generate(source, min(DISTINCT, max(args.sizes)))
        templates = sorted(source.glob("*.hria.yaml"))
        peaks = []
        for size in args.sizes:
            folder = Path(tmp) / f"n{size}"
            folder.mkdir()
            fill(folder, size, templates)
            peaks.append(peak_mib(folder, args.format))
            per_file = (peaks[-1] - peaks[0]) / (size - args.sizes[0]) if len(peaks) > 1 else 0
            print(
                f"{size:6d} files: peak RSS {peaks[-1]:7.1f} MiB"
                + (f"  (+{per_file * 1024:.1f} KiB per extra file)" if len(peaks) > 1 else "")
            )
            shutil.rmtree(folder)
        print(
            f"ratio {args.sizes[-1]} / {args.sizes[0]} files: {peaks[-1] / peaks[0]:.2f} "
            f"(flat is 1.0; target: under 150 MiB at 10000 files, format {args.format})"
        )


if __name__ == "__main__":
    main()
