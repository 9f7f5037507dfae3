"""Usage errors (an unknown option, a missing argument) in the interface's language. The
click that typer ships words them in English only, so outside English each is said again
from its English form: the usage line, the hint, and the reason, whose names and values are
kept as typed."""

from __future__ import annotations

import re
from typing import Any

from hria.i18n import N_, _

#: Click's reasons, as it words them, and how hria says each (named parts kept).
REASONS = (
    (
        r"No such option: (?P<name>\S+) \(Possible options: (?P<names>.+)\)",
        N_("No such option: {name} (possible options: {names})"),
    ),
    (r"No such option: (?P<name>\S+)", N_("No such option: {name}")),
    (r"No such command (?P<name>'.+')\.", N_("No such command {name}.")),
    (r"Missing command\.", N_("Missing command.")),
    (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
    (r"Option (?P<name>'[^']+') requires an argument\.", N_("Option {name} requires an argument.")),
    (
        r"Got unexpected extra argument(?:s|\(s\))? \((?P<words>.*)\)",
        N_("Unexpected extra words: {words}"),
    ),
    (
        r"Invalid value for (?P<name>.+?): (?:Value error, )?(?P<value>'.*') is not one of "
        r"(?P<choices>.+)\.",
        N_("Invalid value for {name}: {value} is not one of {choices}."),
    ),
    (r"Invalid value for (?P<name>.+?): (?P<reason>.*)", N_("Invalid value for {name}: {reason}")),
)


def reason(message: str) -> str:
    """Click's reason for refusing the command line, in the interface's language."""
    for pattern, said in REASONS:
        found = re.fullmatch(pattern, message, re.S)
        if found:
            return _(said).format(**found.groupdict())
    return message


def usage_error_text(error: Any) -> str:
    """What click shows for a usage error, laid out as click does, in the language."""
    ctx = getattr(error, "ctx", None)
    parts = []
    if ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            values = {"command": ctx.command_path, "option": ctx.help_option_names[0]}
            hint = _("Try '{command} {option}' for help.").format(**values) + "\n"
        parts.append(f"{ctx.get_usage()}\n{hint}\n")
    format_message = getattr(error, "format_message", None)
    message = format_message() if callable(format_message) else str(error)
    parts.append(_("Error: {message}").format(message=reason(message)) + "\n")
    return "".join(parts)
