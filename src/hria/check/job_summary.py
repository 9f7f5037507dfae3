"""The Markdown job summary that `hria check --format github` appends to the file named by
GITHUB_STEP_SUMMARY: the verdict of each file, its flags by severity, and the most serious
flags of the run. It stays well under GitHub's limit of 1 MiB per step."""

from __future__ import annotations

import heapq
import re
from collections import Counter
from pathlib import Path

from hria.bank.words import severity_word
from hria.check import formats
from hria.check.documents import Settings, Write, fail_on_words
from hria.check.locate import FlagLocator
from hria.check.run import FileResult, Tally, fails
from hria.escapes import visible
from hria.i18n import N_, _, ngettext
from hria.models.bank import Bank
from hria.models.base import Severity

MAX_FILES = 200  # rows of the table of files
MAX_FLAGS = 10  # rows of the table of the most serious flags
_SEVERITIES = (Severity.RED_LINE, Severity.HIGH, Severity.MEDIUM, Severity.LOW, Severity.INFO)
_FILE_HEADS = (N_("file"), N_("result"), N_("verdict"))
_FLAG_HEADS = (N_("severity"), N_("rule"), N_("flag"), N_("where"))
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
            cells += [_("**error**"), _("internal error")]
            return "| " + " | ".join([*cells, *[""] * 5]) + " |"
        if not result.valid:
            n = len(result.problems)
            verdict = ngettext("invalid: %(n)s problem", "invalid: %(n)s problems", n) % {"n": n}
            return "| " + " | ".join([*cells, _("**error**"), verdict, *[""] * 5]) + " |"
        assert result.evaluation is not None
        failing = fails(result, self.settings.fail_on, self.settings.strict)
        counts = Counter(f.severity for f in result.evaluation.flags)
        cells += [_("**fails**") if failing else _("passes"), md(result.evaluation.verdict.text)]
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
            cells = [severity_word(flag.severity), md(flag.code), md(flag.title), where]
            item = (flag.severity.rank, -self.order, "| " + " | ".join(cells) + " |")
            if len(self.worst) < MAX_FLAGS:
                heapq.heappush(self.worst, item)
            else:
                heapq.heappushpop(self.worst, item)

    def markdown(self, tally: Tally) -> str:
        checked = formats.summary(tally) or _("no files checked")
        lines = [_("### hria check: %(summary)s") % {"summary": checked}, ""]
        if self.settings.fail_on is None:
            lines += [_("Reporting only: no flag fails the check (`--fail-on none`)."), ""]
        else:
            threshold = fail_on_words(self.settings)
            lines += [
                _("A file fails on flags at or above %(threshold)s.") % {"threshold": threshold},
                "",
            ]
        if self.rows:
            lines += [self._head(), "|---|---|---|---:|---:|---:|---:|---:|", *self.rows]
            if self.more_files:
                more = ngettext("and %(n)s more file", "and %(n)s more files", self.more_files)
                lines.append(f"| {more % {'n': self.more_files}} | | | | | | | |")
            lines.append("")
        if self.worst:
            lines += [_("Most serious flags:"), ""]
            lines.append("| " + " | ".join(_(h) for h in _FLAG_HEADS) + " |")
            lines.append("|---|---|---|---|")
            lines += [row for _rank, _order, row in sorted(self.worst, reverse=True)]
            lines.append("")
        return "\n".join(lines) + "\n"

    @staticmethod
    def _head() -> str:
        names = [_(h) for h in _FILE_HEADS] + [severity_word(s) for s in _SEVERITIES]
        return "| " + " | ".join(names) + " |"

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
            text = _("warning: cannot write the job summary to %(path)s: %(reason)s")
            err(text % {"path": visible(path), "reason": reason} + "\n")
