"""Write the output of `hria check` file by file, as each file is checked.

Nothing is kept of a file once its lines are written but what the summary line and the exit
code need (a Tally), so memory stays flat however many files a run checks. Documents that
state the end of the run first (JSON gives the exit code before the files) keep their file
entries in a temporary file (in memory while small) until the last one is known.

With `output`, the chosen format goes to that file, written atomically, and the console gets
the text output (one line per failing file with `quiet`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from hria.check import formats
from hria.check.documents import Document, Settings, TextDocument, build
from hria.check.run import FileResult, Tally
from hria.errors import ExitCode
from hria.models.bank import Bank
from hria.models.base import Severity

SPOOL_IN_MEMORY = 4 * 1024 * 1024  # characters kept in memory before spilling to disk

Write = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    output_format: str  # "text", "json", "github", "sarif", "junit" or "gitlab"
    fail_on: Severity | None
    fail_on_name: str  # as given on the command line, for the JSON output
    strict: bool = False
    color: bool = False
    verbose: bool = False
    quiet: bool = False
    output: Path | None = None  # write the format here; the console gets text
    step_summary: Path | None = None  # GITHUB_STEP_SUMMARY, for the github format

    def settings(self) -> Settings:
        return Settings(
            fail_on=self.fail_on,
            fail_on_name=self.fail_on_name,
            strict=self.strict,
            color=self.color,
            verbose=self.verbose,
            quiet=self.quiet,
            step_summary=self.step_summary,
        )


def write_check(
    results: Iterable[FileResult], bank: Bank, options: Options, out: Write, err: Write
) -> ExitCode:
    """Write every result as it comes, through `out` and `err` (the CLI's stream writers,
    which turn a failing stream into a clear error); return the exit code of the run."""
    tally = Tally(options.fail_on, options.strict)
    settings = options.settings()
    document = build(options.output_format, bank, settings)
    if options.output is None:
        console = None
        diagnose = document.diagnoses and not options.quiet
        _write(results, tally, document, out, console, err if diagnose else None)
    else:
        from hria.files.fsutil import atomic_stream

        console = TextDocument(bank, settings)
        with atomic_stream(options.output, "the output") as to_file:
            _write(
                results, tally, document, to_file, (console, out), None if options.quiet else err
            )
    document.close(tally, err)
    return tally.exit_code()


def _write(
    results: Iterable[FileResult],
    tally: Tally,
    document: Document,
    to: Write,
    console: tuple[Document, Write] | None,
    err: Write | None,
) -> None:
    """The document through `to`, and, beside it, the text on the console and the errors
    and warnings on standard error."""
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, mode="w+", encoding="utf-8") as spool:
        entries = spool.write if document.spooled else to
        if not document.spooled:
            to(document.head(tally))
        for result in results:
            tally.add(result)
            if err is not None:
                err(formats.diagnostics(result))
            if console is not None:
                console[1](console[0].entry(result))
            entries(document.entry(result))
        if document.spooled:
            to(document.head(tally))
            spool.seek(0)
            while chunk := spool.read(1 << 16):
                to(chunk)
        to(document.tail(tally))
    if console is not None:
        console[1](console[0].tail(tally))
