"""`hria check --format github`: GitHub Actions workflow commands, and the job summary.

Each flag annotates the answer that raised it. GitHub shows only the first ten annotations
of each level in a step and drops the rest without a word, so hria annotates up to that
many, writes the others as plain log lines, and ends with a notice saying how many more
there are. With GITHUB_STEP_SUMMARY set, a Markdown summary is appended to that file.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from hria.bank.words import severity_word
from hria.check import formats
from hria.check.documents import Document, Settings, Write
from hria.check.job_summary import JobSummary
from hria.check.locate import FlagLocator
from hria.check.run import FileResult, Tally
from hria.escapes import visible
from hria.i18n import ngettext
from hria.models.bank import Bank

SHOWN_PER_LEVEL = 10  # what GitHub displays per step, for each of error, warning and notice
LEVELS = ("error", "warning", "notice")
_LEVEL_COUNTS: dict[str, Callable[[int], str]] = {
    "error": lambda n: ngettext("%(n)s error", "%(n)s errors", n),
    "warning": lambda n: ngettext("%(n)s warning", "%(n)s warnings", n),
    "notice": lambda n: ngettext("%(n)s notice", "%(n)s notices", n),
}


@dataclass(frozen=True, slots=True)
class Annotation:
    level: str  # "error", "warning" or "notice"
    path: str
    line: int | None
    column: int | None
    title: str
    message: str

    def command(self) -> str:
        props = [f"file={_escape(self.path, True)}"]
        if self.line is not None:
            props.append(f"line={self.line}")
        if self.column is not None:
            props.append(f"col={self.column}")
        props.append(f"title={_escape(self.title, True)}")
        return f"::{self.level} {','.join(props)}::{_escape(self.message, False)}"

    def log_line(self) -> str:
        """The same as a plain line of the log, for what GitHub would not show. It starts
        with the level, so no file name can make it a workflow command."""
        where = visible(self.path)
        if self.line is not None:
            where += f":{self.line}" + (f":{self.column}" if self.column is not None else "")
        return f"{self.level}: {where}: {visible(self.title)}: {visible(self.message)}"


def _escape(text: str, is_property: bool) -> str:
    """Visible first (no control can reach the runner's log), then GitHub's own escaping."""
    text = visible(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if is_property else text


def file_annotations(result: FileResult, bank: Bank, settings: Settings) -> list[Annotation]:
    """A file's problems, warnings and flags, in that order."""
    found = [Annotation("error", p.path, p.line, p.column, "hria", str(p)) for p in result.problems]
    if result.internal is not None:
        message = formats.internal_message(result)
        found.append(Annotation("error", result.path, None, None, "hria", message))
    found += [
        Annotation("warning", p.path, p.line, p.column, "hria", p.message) for p in result.warnings
    ]
    if result.valid:
        found += _flag_annotations(result, bank, settings)
    return found


def _flag_annotations(result: FileResult, bank: Bank, settings: Settings) -> list[Annotation]:
    assert result.evaluation is not None
    locator = FlagLocator(result)
    fail_on = settings.fail_on
    found = []
    for flag in result.evaluation.flags:
        failing = fail_on is not None and flag.severity.rank >= fail_on.rank
        level = "error" if failing else ("warning" if flag.severity.rank >= 2 else "notice")
        level = "notice" if flag.accepted else level
        spot = locator.primary(flag)
        title = f"{flag.code} {severity_word(flag.severity)} [{formats.gate_title(bank, flag)}]"
        message = flag.title + formats.waived(flag)
        found.append(Annotation(level, result.path, spot.line, spot.column, title, message))
    return found


class GithubDocument(Document):
    diagnoses = False  # errors and warnings are annotations already

    def __init__(self, bank: Bank, settings: Settings) -> None:
        self.bank, self.settings = bank, settings
        self.shown: Counter[str] = Counter()
        self.hidden: Counter[str] = Counter()
        self.held: Annotation | None = None  # the last notice GitHub would show, kept back
        self.summary: JobSummary | None = None
        if settings.step_summary is not None:
            self.summary = JobSummary(bank, settings)

    def entry(self, result: FileResult) -> str:
        if self.summary is not None:
            self.summary.add(result)
        lines = [self._line(a) for a in file_annotations(result, self.bank, self.settings)]
        return "".join(f"{line}\n" for line in lines if line)

    def _line(self, annotation: Annotation) -> str:
        """The annotation while GitHub shows its level, a plain log line after that."""
        level = annotation.level
        room = SHOWN_PER_LEVEL - 1 if level == "notice" else SHOWN_PER_LEVEL
        if self.shown[level] < room:
            self.shown[level] += 1
            return annotation.command()
        if level == "notice" and self.held is None and not self.hidden:
            self.held = annotation  # the last notice shown, unless its place is needed
            return ""
        return self._release() + self._hide(annotation)

    def _hide(self, annotation: Annotation) -> str:
        self.hidden[annotation.level] += 1
        return annotation.log_line()

    def _release(self) -> str:
        """The held notice as a log line: its place goes to the notice that counts the rest."""
        if self.held is None:
            return ""
        held, self.held = self.held, None
        return self._hide(held) + "\n"

    def tail(self, tally: Tally) -> str:
        lines = []
        if self.held is not None:
            lines.append(self.held.command())
        if self.hidden:
            lines.append(self._more())
        lines.append(formats.summary(tally))
        return "".join(f"{line}\n" for line in lines)

    def _more(self) -> str:
        total = sum(self.hidden.values())
        parts = [
            _LEVEL_COUNTS[k](self.hidden[k]) % {"n": self.hidden[k]}
            for k in LEVELS
            if self.hidden[k]
        ]
        text = ngettext(
            "%(n)s more annotation not shown (%(parts)s): GitHub shows %(shown)s of each level "
            "per step. They are in the log as plain lines; hria check --format sarif -o FILE "
            "gives every flag to code scanning.",
            "%(n)s more annotations not shown (%(parts)s): GitHub shows %(shown)s of each level "
            "per step. They are in the log as plain lines; hria check --format sarif -o FILE "
            "gives every flag to code scanning.",
            total,
        )
        message = text % {"n": total, "parts": ", ".join(parts), "shown": SHOWN_PER_LEVEL}
        return f"::notice title=hria::{_escape(message, False)}"

    def close(self, tally: Tally, err: Write) -> None:
        if self.summary is not None:
            self.summary.write(tally, err)
