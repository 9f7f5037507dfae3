"""Write the output of `hria check` file by file, as each file is checked.

Nothing is kept of a file once its lines are written but what the summary line and the exit
code need (a Tally), so memory stays flat however many files a run checks. JSON output
states the exit code before the list of files, so its file entries wait in a temporary file
(in memory while small) until the last one is known.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from hria.check import formats
from hria.check.run import FileResult, Tally
from hria.errors import ExitCode
from hria.models.bank import Bank
from hria.models.base import Severity

SPOOL_IN_MEMORY = 4 * 1024 * 1024  # characters of JSON kept in memory before spilling


Write = Callable[[str], None]


@dataclass(frozen=True)
class Options:
    output_format: str  # "text", "json" or "github"
    fail_on: Severity | None
    fail_on_name: str  # as given on the command line, for the JSON output
    strict: bool = False
    color: bool = False
    verbose: bool = False


def write_check(
    results: Iterable[FileResult], bank: Bank, options: Options, out: Write, err: Write
) -> ExitCode:
    """Write every result as it comes, through `out` and `err` (the CLI's stream writers,
    which turn a failing stream into a clear error); return the exit code of the run."""
    tally = Tally(options.fail_on, options.strict)
    if options.output_format == "json":
        _write_json(results, bank, options, tally, out, err)
        return tally.exit_code()
    paint = formats.Paint(options.color)
    for result in results:
        tally.add(result)
        if options.output_format == "github":
            out(
                "".join(f"{line}\n" for line in formats.github_lines(result, bank, options.fail_on))
            )
            continue
        err(formats.diagnostics(result))
        block = formats.text_block(result, bank, paint, options.verbose)
        if block:
            out(f"{block}\n")
    out(f"{formats.summary(tally)}\n")
    return tally.exit_code()


def _write_json(
    results: Iterable[FileResult],
    bank: Bank,
    options: Options,
    tally: Tally,
    out: Write,
    err: Write,
) -> None:
    with tempfile.SpooledTemporaryFile(SPOOL_IN_MEMORY, mode="w+", encoding="utf-8") as spool:
        for result in results:
            tally.add(result)
            err(formats.diagnostics(result))
            spool.write(("" if tally.files == 1 else ",\n") + formats.json_entry(result))
        head, tail = formats.json_frame(bank, options.fail_on_name, int(tally.exit_code()))
        if not tally.files:
            out(f"{head}[]{tail}")
            return
        out(f"{head}[\n")
        spool.seek(0)
        while chunk := spool.read(1 << 16):
            out(chunk)
        out(f"\n  ]{tail}")
