"""The command line. Only this package imports typer; everything else is imported lazily,
so that `hria --help` and `hria check` load only what they use. One module per group of
commands: files (`assessing`), the bank (`listings`), the interview (`interviewing`) and
the auditor's comparisons (`auditing`) and the translations (`translations`)."""

import sys

import typer

from hria.cli import assessing, auditing, interviewing, listings, translations
from hria.cli.base import app

__all__ = ["app", "assessing", "auditing", "interviewing", "listings", "main", "translations"]


def main() -> None:
    """Console entry point. Every outcome, a failing standard stream included, ends in a
    documented exit code: see hria.streams."""
    from hria import streams

    streams.prepare()
    sys.exit(streams.finish(_run()))


def _run() -> int:
    from hria import streams
    from hria.errors import ExitCode, HriaError

    try:
        return _invoke()
    except BrokenPipeError:
        return streams.broken_pipe()
    except HriaError as error:  # raised outside a command: the --version callback
        streams.report(error)
        return error.exit_code
    except OSError as error:  # typer writing help or usage to a closed or full stream
        streams.report(streams.output_failed(error))
        return ExitCode.INPUT_ERROR
    except (KeyboardInterrupt, typer.Abort):
        from hria.i18n import _

        streams.say(_("interrupted") + "\n")
        return ExitCode.INTERRUPTED


def _usage_error(error: Exception) -> None:
    """A usage error as typer shows it, or in the language of the help."""
    from hria import streams
    from hria.cli.helptext import help_lang
    from hria.i18n import using
    from hria.lang import ENGLISH

    lang = help_lang(sys.argv[1:])
    if lang == ENGLISH:
        streams.usage_error(error)
        return
    from hria.cli.usage import usage_error_text

    with using(lang):
        streams.say(usage_error_text(error))


def _invoke() -> int:
    """Run the app without typer's own exit handling, which exits 1 on a broken pipe, an
    aborted prompt or a ClickException: 1 means findings and nothing else."""
    from hria.errors import ExitCode

    before = sys.stdout
    try:
        result = app(prog_name="hria", standalone_mode=False)
    except typer.TyperException as error:  # usage errors; typer prints them
        _usage_error(error)
        return ExitCode.INPUT_ERROR if error.exit_code == ExitCode.FINDINGS else error.exit_code
    except SystemExit as done:
        if done.code == 1 and sys.stdout is not before:  # typer's answer to a broken pipe
            raise BrokenPipeError from None
        raise
    return result if isinstance(result, int) else 0
