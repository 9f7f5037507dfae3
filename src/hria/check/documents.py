"""Each output format of `hria check` as a document written file by file.

A document gives the text for each file as it is checked, and what goes before and after
them. Formats whose beginning depends on the whole run (JSON states the exit code first,
JUnit the totals) are `spooled`: their entries wait in a temporary file until the end.
The formats other than text, JSON and GitHub are imported only when chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from hria.bank.words import severity_word
from hria.check import formats, jsonout
from hria.check.run import FileResult, Tally, counted, fails
from hria.escapes import visible
from hria.i18n import _, ngettext
from hria.models.bank import Bank
from hria.models.base import Severity

Write = Callable[[str], None]


@dataclass(frozen=True)
class Settings:
    """What a document needs to know of the command line."""

    fail_on: Severity | None
    fail_on_name: str  # as given on the command line
    strict: bool = False
    color: bool = False
    verbose: bool = False
    quiet: bool = False
    step_summary: Path | None = None  # GitHub's job summary file, when set


class Document:
    """An output format; by default, nothing before, between or after the files."""

    spooled = False  # whether `head` depends on the whole run
    diagnoses = True  # whether errors and warnings also go to standard error beside it

    def head(self, tally: Tally) -> str:
        del tally
        return ""

    def entry(self, result: FileResult) -> str:
        del result
        return ""

    def tail(self, tally: Tally) -> str:
        del tally
        return ""

    def close(self, tally: Tally, err: Write) -> None:
        """Anything to do once the output is written (GitHub's job summary)."""
        del tally, err


class TextDocument(Document):
    def __init__(self, bank: Bank, settings: Settings) -> None:
        self.bank, self.settings = bank, settings
        self.paint = formats.Paint(settings.color)

    def entry(self, result: FileResult) -> str:
        if self.settings.quiet:
            line = quiet_line(result, self.settings)
            return f"{line}\n" if line else ""
        block = formats.text_block(result, self.bank, self.paint, self.settings.verbose)
        return f"{block}\n" if block else ""

    def tail(self, tally: Tally) -> str:
        return "" if self.settings.quiet else f"{formats.summary(tally)}\n"


def quiet_line(result: FileResult, settings: Settings) -> str:
    """One line for a file that fails or is invalid; nothing for one that passes."""
    path = visible(result.path)
    if result.internal is not None:
        return f"{path}: {formats.internal_message(result)}"
    if not result.valid:
        first = (
            str(result.problems[0]) if result.problems else _("%(path)s: invalid") % {"path": path}
        )
        more = len(result.problems) - 1
        if not more:
            return first
        text = ngettext(
            "%(first)s (and %(n)s more problem)", "%(first)s (and %(n)s more problems)", more
        )
        return text % {"first": first, "n": more}
    if not fails(result, settings.fail_on, settings.strict):
        return ""
    assert result.evaluation is not None
    reaching = counted(result, settings.fail_on)
    if not reaching:
        return _("%(path)s: incomplete (--strict)") % {"path": path}
    codes = ", ".join(visible(f.code) for f in reaching[:5]) + (", ..." * (len(reaching) > 5))
    text = ngettext(
        "%(path)s: %(verdict)s: %(n)s flag at or above %(threshold)s (%(codes)s)",
        "%(path)s: %(verdict)s: %(n)s flags at or above %(threshold)s (%(codes)s)",
        len(reaching),
    )
    values = {
        "path": path,
        "verdict": result.evaluation.verdict.text,
        "n": len(reaching),
        "threshold": fail_on_words(settings),
        "codes": codes,
    }
    return text % values


def fail_on_words(settings: Settings) -> str:
    """The --fail-on threshold in words ('red line', 'alta'), or 'none'."""

    if settings.fail_on is None:
        return _("none")
    return severity_word(settings.fail_on)


class JsonDocument(Document):
    spooled = True

    def __init__(self, bank: Bank, settings: Settings) -> None:
        self.bank, self.settings = bank, settings
        self.first = True

    def head(self, tally: Tally) -> str:
        head, _tail = jsonout.json_frame(
            self.bank, self.settings.fail_on_name, int(tally.exit_code())
        )
        return f"{head}[]" if self.first else f"{head}[\n"

    def entry(self, result: FileResult) -> str:
        separator = "" if self.first else ",\n"
        self.first = False
        return separator + jsonout.json_entry(result)

    def tail(self, tally: Tally) -> str:
        _head, tail = jsonout.json_frame(
            self.bank, self.settings.fail_on_name, int(tally.exit_code())
        )
        return tail if self.first else f"\n  ]{tail}"


def build(name: str, bank: Bank, settings: Settings) -> Document:
    """The document for a `--format` name."""
    if name == "json":
        return JsonDocument(bank, settings)
    if name == "github":
        from hria.check.github import GithubDocument

        return GithubDocument(bank, settings)
    if name == "sarif":
        from hria.check.sarif import SarifDocument

        return SarifDocument(bank, settings)
    if name == "junit":
        from hria.check.junit import JunitDocument

        return JunitDocument(bank, settings)
    if name == "gitlab":
        from hria.check.gitlab import GitlabDocument

        return GitlabDocument(bank, settings)
    return TextDocument(bank, settings)
