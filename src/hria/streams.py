"""Standard input, output and error, handled as a well-behaved command-line tool does.

- A closed descriptor (`>&-`, `<&-`, `2>&-`) is reopened on the null device at start-up, so no
  file hria opens can take its number. Closed input reads as empty; closed output fails on
  the first write with "cannot write output", exit 2; closed error output is silent, and the
  exit code stays what it would have been.
- Output the locale cannot encode is written with backslash escapes rather than failing.
- A reader that goes away (`hria questions | head`) ends hria quietly with 141, as a shell
  reports for a tool killed by SIGPIPE.
- A full or failing standard output is "cannot write output: ...", exit 2.
- Tracebacks under HRIA_DEBUG=1 show where, never what: exception messages can quote answers.

Only the CLI uses this module; it imports nothing heavy.
"""

from __future__ import annotations

import errno
import io
import os
import sys
from typing import TextIO, cast

from hria.errors import ExitCode, HriaError, InvalidFileError, OutputError, said_message
from hria.escapes import visible

WITHHELD = "[message withheld: it may quote the assessment]"


class _ClosedOutput(io.TextIOBase):
    """Standard output when it was closed before hria started: writing fails, as it would."""

    def write(self, _text: str, /) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def prepare() -> None:
    """Run first: make the three standard streams safe to use, whatever hria was given."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            _null_onto(fd)
    if sys.stdin is None:
        sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 (the null device)
    if sys.stdout is None:
        sys.stdout = cast(TextIO, _ClosedOutput())
    if sys.stderr is None:
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")


def _null_onto(fd: int) -> None:
    """Point a descriptor at the null device (reads nothing, swallows writes)."""
    null = os.open(os.devnull, os.O_RDWR)
    if null != fd:
        os.dup2(null, fd)
        os.close(null)


def out(text: str) -> None:
    """Write to standard output. A broken pipe propagates (see `broken_pipe`); any other
    failure is an OutputError, and later flushes go to the null device so it is told once."""
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        raise output_failed(error) from None


def output_failed(error: OSError) -> OutputError:
    """The error to report for a failed write; standard output is then the null device, so
    the data left in its buffer cannot fail (and be reported) a second time."""
    _null_onto(1)
    return OutputError(error.strerror or type(error).__name__)


def say(text: str) -> None:
    """Write to standard error; if even that fails there is no one left to tell."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def report(error: HriaError) -> None:
    """An error's located problems, message and hint, one escaped line each."""
    from hria.i18n import _

    lines = []
    if isinstance(error, InvalidFileError):
        lines += [_("error: {message}").format(message=problem) for problem in error.problems]
    lines.append(_("error: {message}").format(message=visible(said_message(error))))
    if error.hint:
        lines.append(_("hint: {message}").format(message=visible(error.hint)))
    say("".join(f"{line}\n" for line in lines))


def usage_error(error: Exception) -> None:
    """Typer's usage message (it has its own `show`), even if standard error is failing."""
    show = getattr(error, "show", None)
    try:
        if callable(show):
            show()
        else:
            from hria.i18n import _

            say(_("error: {message}").format(message=visible(error)) + "\n")
    except OSError:
        pass


def internal_error(error: Exception, debug: bool) -> None:
    """A bug: its type, and under HRIA_DEBUG the traceback, never the message."""
    from hria.i18n import _

    name = type(error).__name__
    if debug:
        say(debug_traceback(error))
        say(_("internal error ({name}); this is a bug in hria.").format(name=name) + "\n")
    else:
        message = _(
            "internal error ({name}); this is a bug in hria. Set HRIA_DEBUG=1 to see the traceback."
        )
        say(message.format(name=name) + "\n")


def broken_pipe() -> int:
    """The reader of standard output has gone: stop quietly. As Python's documentation on
    SIGPIPE recommends, stdout now points at the null device, so the final flush succeeds."""
    _null_onto(1)
    return ExitCode.BROKEN_PIPE


def finish(code: int) -> int:
    """Flush both streams while failures can still become exit codes: left to the
    interpreter's exit, a failing flush turns any code into 120 with a traceback."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        code = broken_pipe()
    except OSError as error:
        report(output_failed(error))
        code = ExitCode.INPUT_ERROR
    try:
        sys.stderr.flush()
    except (OSError, ValueError):
        _null_onto(2)
    return code


def debug_traceback(error: BaseException) -> str:
    """The traceback of `error` and the exceptions that led to it, with every message
    withheld: pydantic, ruamel and plain ValueErrors quote the input they refused."""
    import traceback

    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and all(current is not seen for seen in chain):
        chain.append(current)
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
    parts = []
    for exc in reversed(chain):
        frames = "".join(traceback.format_tb(exc.__traceback__))
        name = f"{type(exc).__module__}.{type(exc).__qualname__}"
        parts.append(f"Traceback (most recent call last):\n{frames}{name}: {WITHHELD}\n")
    return "\nwhich led to:\n\n".join(parts)
