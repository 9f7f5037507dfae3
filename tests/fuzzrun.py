"""Run `hria check` in-process on fuzzed files and sort what goes wrong by cause.

A cause is the exception type and the innermost frame of hria's own code. Each crash is
also given a stage: "parse" when reading and parsing the file alone crashes (the YAML and
JSON readers in hria.files), "check" when the file parses but validating, evaluating or
rendering it crashes.
"""

from __future__ import annotations

import datetime as dt
import io
import traceback
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hria.check.run import check_file
from hria.check.stream import Options, write_check
from hria.errors import HriaError
from hria.files.reading import read_text
from hria.files.yamlio import parse
from hria.models.bank import Bank
from hria.models.base import Severity

TODAY = dt.date(2026, 11, 22)


@dataclass(frozen=True)
class Outcome:
    path: str
    code: int  # the exit code `hria check` would give this file alone
    stage: str = ""  # "", "parse" or "check"
    cause: str = ""  # e.g. "TypeError in hria/domain/plan.py:_duplicates"
    violations: tuple[str, ...] = ()  # output that breaks the rules even without a crash


def cause_of(exc: BaseException) -> str:
    """The exception type and the innermost frame in hria's own code."""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if "/src/hria/" in f.filename]
    where = ""
    if frames:
        inner = frames[-1]
        where = f" in hria/{inner.filename.split('/src/hria/', 1)[1]}:{inner.name}"
    return f"{type(exc).__name__}{where}"


def run_one(path: Path, bank: Bank, today: dt.date = TODAY) -> Outcome:
    name = str(path)
    try:
        code, out, err = check_in_process(path, bank, today)
    except Exception as exc:
        return Outcome(name, 3, _stage(path), cause_of(exc))
    try:  # what writing to a UTF-8 terminal or pipe would do
        out.encode("utf-8"), err.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate the reader let through, echoed
        return Outcome(name, 3, "parse", "UnicodeEncodeError writing the output")
    violations = tuple(output_violations(name, out, err))
    if not violations:
        return Outcome(name, code)
    return Outcome(name, code, _stage(path), f"output: {violations[0]}", violations)


def _stage(path: Path) -> str:
    """Where a crash or bad output belongs: "parse" if reading and parsing the file alone
    crashes, or gives a message on several lines."""
    try:
        parse(read_text(path), str(path))
    except HriaError as exc:
        problems = getattr(exc, "problems", [])
        return "parse" if any("\n" in str(p) for p in problems) else "check"
    except Exception:
        return "parse"
    return "check"


def check_in_process(path: Path, bank: Bank, today: dt.date) -> tuple[int, str, str]:
    """What `hria check FILE` computes and writes, in every format; internal errors raise."""
    result = check_file(path, bank, today, isolate=False)
    out, err = io.StringIO(), io.StringIO()
    code = 0
    for output_format in ("text", "json", "github"):
        options = Options(output_format, Severity.HIGH, "high", verbose=True)
        code = int(write_check([result], bank, options, _sink(out), _sink(err)))
    return code, out.getvalue(), err.getvalue()


def output_violations(name: str, out: str, err: str) -> Iterable[str]:
    if "Traceback" in out or "Traceback" in err:
        yield "traceback printed"
    for line in err.splitlines():
        level, _, rest = line.partition(": ")
        if level not in ("error", "warning"):
            yield "a message runs onto a line of its own"
        elif not rest.startswith(name):
            yield f"{level} line does not start with the file name"


@dataclass
class Summary:
    total: int = 0
    codes: Counter[int] = field(default_factory=Counter)
    causes: Counter[tuple[str, str]] = field(default_factory=Counter)
    examples: dict[tuple[str, str], str] = field(default_factory=dict)
    violations: Counter[str] = field(default_factory=Counter)

    def add(self, outcome: Outcome) -> None:
        self.total += 1
        self.codes[outcome.code] += 1
        if outcome.cause:
            key = (outcome.stage, outcome.cause)
            self.causes[key] += 1
            self.examples.setdefault(key, Path(outcome.path).name)
        for violation in outcome.violations:
            self.violations[violation] += 1

    def crashes(self, stage: str) -> int:
        """Files that crashed or broke the output rules, at this stage."""
        return sum(n for (s, _), n in self.causes.items() if s == stage)

    def report(self) -> str:
        codes = ", ".join(f"exit {c}: {n}" for c, n in sorted(self.codes.items()))
        lines = [f"{self.total} files: {codes}"]
        for stage, label in (
            ("check", "check-level (models, domain, check)"),
            ("parse", "parse-level (hria.files readers)"),
        ):
            found = sorted((k, n) for k, n in self.causes.items() if k[0] == stage)
            lines.append(f"{label}: {self.crashes(stage)} files, {len(found)} causes")
            lines += [f"  {n:6d}  {k[1]}  (e.g. {self.examples[k]})" for k, n in found]
        lines.append(f"output rule violations (lines): {sum(self.violations.values())}")
        lines += [f"  {n:6d}  {v}" for v, n in sorted(self.violations.items())]
        return "\n".join(lines)


def _sink(buffer: io.StringIO) -> Callable[[str], None]:
    def write(text: str) -> None:
        buffer.write(text)

    return write
