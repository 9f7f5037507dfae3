"""The Markdown job summary that `hria check --format github` appends to the file named by
GITHUB_STEP_SUMMARY: the verdict of each file, its flags by severity, and the most serious
flags of the run. It stays well under GitHub's limit of 1 MiB per step."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from pathlib import Path

from hria.check import formats
from hria.check.documents import Settings, Write
from hria.check.locate import FlagLocator
from hria.check.run import FileResult, Tally, fails
from hria.escapes import visible
from hria.models.bank import Bank
from hria.models.base import Severity

MAX_FILES = 200  # rows of the table of files
MAX_FLAGS = 10  # rows of the table of the most serious flags
_SEVERITIES = (Severity.RED_LINE, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)
_MARKDOWN = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(text: str) -> str:
    """Text from a file, safe in a Markdown table cell: one line, no markup, no HTML."""
    return _MARKDOWN.sub(r"\\\1", visible(text))


class JobSummary:
    def __init__(self, bank: Bank, settings: Settings) -> None:
        self.bank, self.settings = bank, settings
        self.rows: list[str] = []
        self.more_files = 0
        # the most serious flags so far: (rank, -order, row), smallest first
        self.worst: list[tuple[int, int, str]] = []
        self.order = 0

    def add(self, result: FileResult) -> None:
        if len(self.rows) < MAX_FILES:
            self.rows.append(self._row(result))
        else:
            self.more_files += 1
        if result.valid:
            self._keep_worst(result)

    def _row(self, result: FileResult) -> str:
        cells = [md(result.path)]
        if result.internal is not None:
            return "| " + " | ".join([*cells, "**error**", "internal error", *[""] * 5]) + " |"
        if not result.valid:
            noun = "problem" if len(result.problems) == 1 else "problems"
            verdict = f"invalid: {len(result.problems)} {noun}"
            return "| " + " | ".join([*cells, "**error**", verdict, *[""] * 5]) + " |"
        assert result.evaluation is not None
        failing = fails(result, self.settings.fail_on, self.settings.strict)
        counts = Counter(f.severity for f in result.evaluation.flags)
        cells += ["**fails**" if failing else "passes", md(result.evaluation.verdict.text)]
        cells += [str(counts[s]) if counts[s] else "" for s in _SEVERITIES]
        return "| " + " | ".join(cells) + " |"

    def _keep_worst(self, result: FileResult) -> None:
        assert result.evaluation is not None
        threshold = self.worst[0][0] if len(self.worst) >= MAX_FLAGS else -1
        serious = [f for f in result.evaluation.flags if f.severity.rank > threshold]
        if not serious:
            return
        locator = FlagLocator(result)
        for flag in serious:
            self.order += 1
            spot = locator.primary(flag)
            where = md(result.path) + (f":{spot.line}" if spot.line is not None else "")
            cells = [flag.severity.label, md(flag.code), md(flag.title), where]
            item = (flag.severity.rank, -self.order, "| " + " | ".join(cells) + " |")
            if len(self.worst) < MAX_FLAGS:
                heapq.heappush(self.worst, item)
            else:
                heapq.heappushpop(self.worst, item)

    def markdown(self, tally: Tally) -> str:
        lines = [f"### hria check: {formats.summary(tally) or 'no files checked'}", ""]
        threshold = self.settings.fail_on_name.replace("_", " ")
        if self.settings.fail_on is None:
            lines += ["Reporting only: no flag fails the check (`--fail-on none`).", ""]
        else:
            lines += [f"A file fails on flags at or above {threshold}.", ""]
        if self.rows:
            lines += [
                "| file | result | verdict | red line | high | medium | low | info |",
                "|---|---|---|---:|---:|---:|---:|---:|",
                *self.rows,
            ]
            if self.more_files:
                lines.append(f"| and {self.more_files} more files | | | | | | | |")
            lines.append("")
        if self.worst:
            lines += ["Most serious flags:", "", "| severity | rule | flag | where |"]
            lines.append("|---|---|---|---|")
            lines += [row for _, _, row in sorted(self.worst, reverse=True)]
            lines.append("")
        return "\n".join(lines) + "\n"

    def write(self, tally: Tally, err: Write) -> None:
        """Append to the summary file; if it cannot be written, say so and carry on (the
        exit code is the check's, not the summary's)."""
        path = self.settings.step_summary
        assert path is not None
        try:
            with Path(path).open("a", encoding="utf-8") as handle:
                handle.write(self.markdown(tally))
        except OSError as error:
            reason = (error.strerror or type(error).__name__).lower()
            err(f"warning: cannot write the job summary to {visible(path)}: {reason}\n")
