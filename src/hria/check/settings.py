"""The settings `hria check` runs with: the command line over the configuration file over
the defaults, each value with where it came from (`hria check --show-config`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hria.check.discover import DEFAULT_EXCLUDE, STDIN_NAME, Discovery, Patterns
from hria.domain.names import did_you_mean
from hria.errors import InvalidFileError, Problem, UsageError
from hria.escapes import visible
from hria.files.config import KIND, ConfigFile, find_config, read_config
from hria.i18n import N_, _, active

if TYPE_CHECKING:
    import datetime as dt

    from hria.files.waivers import Waivers
    from hria.models.bank import Bank

KEYS = ("fail_on", "strict", "format", "exclude", "extend_exclude", "bank", "waivers")
DEFAULT = "default"
COMMAND_LINE = "command line"


@dataclass(frozen=True)
class Choices:
    """What the command line offers, so that a file is held to the same values."""

    fail_on: tuple[str, ...]
    formats: tuple[str, ...]


@dataclass
class Settings:
    fail_on: str
    strict: bool
    format: str
    exclude: tuple[Patterns, ...] | None = None  # None: the default excludes
    extend_exclude: tuple[Patterns, ...] = ()
    bank: Path | None = None  # None: the bundled bank
    waivers: Path | None = None
    config: ConfigFile | None = None
    sources: dict[str, str] = field(default_factory=dict)

    def discovery(self, force_exclude: bool, stdin_name: str | None) -> Discovery:
        return Discovery(
            exclude=self.exclude,
            extend_exclude=self.extend_exclude,
            force_exclude=force_exclude,
            stdin_name=stdin_name or STDIN_NAME,
        )

    def shared_waivers(self, bank: Bank, today: dt.date) -> Waivers | None:
        """The waivers file the configuration names, read and checked against the bank."""
        if self.waivers is None:
            return None
        from hria.files.waivers import load_waivers

        return load_waivers(self.waivers, bank, today)


def settings(
    values: Mapping[str, Any],
    given: set[str],
    choices: Choices,
    config: Path | None = None,
    isolated: bool = False,
) -> Settings:
    """`values` are the command line's (its defaults where not `given`); `config` names the
    file to read instead of looking for one, and `isolated` reads none."""
    if config is not None and isolated:
        raise UsageError(_("--config and --isolated do not go together"))
    found = None if isolated else (config or find_config(Path.cwd()))
    file = read_config(found) if found is not None else None
    chosen = Settings(
        fail_on=values["fail_on"], strict=values["strict"], format=values["format"], config=file
    )
    chosen.sources = dict.fromkeys(KEYS, DEFAULT)
    if file is not None:
        _apply_file(chosen, file, choices)
    _apply_command_line(chosen, values, given)
    return chosen


def _apply_file(chosen: Settings, file: ConfigFile, choices: Choices) -> None:
    problems: list[Problem] = []
    for key, value in file.table.items():
        if key not in KEYS:
            guess = did_you_mean(key, KEYS, active())
            values = {"key": key, "guess": guess, "keys": ", ".join(KEYS)}
            text = _("unknown key '%(key)s'%(guess)s (keys: %(keys)s)") % values
            problems.append(file.problem(key, text))
            continue
        try:
            setattr(chosen, key, _CHECKS[key](value, file, choices))
        except ValueError as error:
            problems.append(file.problem(key, str(error)))
            continue
        chosen.sources[key] = file.label
    if problems:
        raise InvalidFileError(problems, KIND)


def _apply_command_line(chosen: Settings, values: Mapping[str, Any], given: set[str]) -> None:
    for key in ("fail_on", "strict", "format", "bank"):
        if key in given:
            setattr(chosen, key, values[key])
            chosen.sources[key] = COMMAND_LINE
    if "exclude" in given:
        chosen.exclude = (Patterns(tuple(values["exclude"])),)
        chosen.sources["exclude"] = COMMAND_LINE
    if "extend_exclude" in given:  # adds to the file's, as the file's adds to the defaults
        chosen.extend_exclude += (Patterns(tuple(values["extend_exclude"])),)
        before = chosen.sources["extend_exclude"]
        chosen.sources["extend_exclude"] = (
            COMMAND_LINE if before == DEFAULT else f"{before}, then the {COMMAND_LINE}"
        )


def _choice(allowed: Callable[[Choices], Sequence[str]]) -> Callable[..., str]:
    def check(value: Any, _file: ConfigFile, choices: Choices) -> str:
        options = allowed(choices)
        if not isinstance(value, str) or value not in options:
            shown = _kind(value)
            guess = did_you_mean(value, options, active()) if isinstance(value, str) else ""
            values = {"options": ", ".join(options), "given": shown, "guess": guess}
            raise ValueError(_("must be one of %(options)s, not %(given)s%(guess)s") % values)
        return value

    return check


def _bool(value: Any, _file: ConfigFile, _choices: Choices) -> bool:
    if not isinstance(value, bool):
        raise ValueError(_("must be true or false, not %(kind)s") % {"kind": _kind(value)})
    return value


def _patterns(value: Any, file: ConfigFile, _choices: Choices) -> tuple[Patterns, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(
            f'must be a list of gitignore patterns, such as ["drafts/"], not {_kind(value)}'
        )
    return (Patterns(tuple(value), file.folder),)


def _folder(value: Any, file: ConfigFile, _choices: Choices) -> Path:
    path = _path(value, file)
    if not path.is_dir():
        text = _("must be a question bank folder; %(path)s is not a folder")
        raise ValueError(text % {"path": visible(path)})
    return path


def _file(value: Any, file: ConfigFile, _choices: Choices) -> Path:
    path = _path(value, file)
    if not path.is_file():
        raise ValueError(
            _("must name a waivers file; %(path)s is not a file") % {"path": visible(path)}
        )
    return path


def _path(value: Any, file: ConfigFile) -> Path:
    if not isinstance(value, str) or not value:
        text = _("must be a path (relative to the file's folder), not %(kind)s")
        raise ValueError(text % {"kind": _kind(value)})
    return file.folder / value


_TOML_KINDS = {
    bool: N_("true or false"),
    int: N_("a number"),
    float: N_("a number"),
    list: N_("a list"),
}


def _kind(value: Any) -> str:
    """What a TOML value is, in words (its text only if it is text)."""
    if isinstance(value, str):
        return f"'{value}'"
    other = N_("a table") if isinstance(value, dict) else N_("a date")
    return _(_TOML_KINDS.get(type(value), other))


_CHECKS: dict[str, Callable[[Any, ConfigFile, Choices], Any]] = {
    "fail_on": _choice(lambda c: c.fail_on),
    "strict": _bool,
    "format": _choice(lambda c: c.formats),
    "exclude": _patterns,
    "extend_exclude": _patterns,
    "bank": _folder,
    "waivers": _file,
}


def describe(chosen: Settings) -> str:
    """`--show-config`: each setting as it would be written in .hria.toml, and its source."""
    where = chosen.config.label if chosen.config is not None else _("none found")
    rows = [
        ("fail_on", _toml(chosen.fail_on)),
        ("strict", _toml(chosen.strict)),
        ("format", _toml(chosen.format)),
        ("exclude", _toml(_lines(chosen.exclude, DEFAULT_EXCLUDE))),
        ("extend_exclude", _toml(_lines(chosen.extend_exclude, ()))),
        ("bank", _toml(str(chosen.bank)) if chosen.bank else "# " + _("the bundled bank")),
        ("waivers", _toml(str(chosen.waivers)) if chosen.waivers else "# " + _("none")),
    ]
    width = max(len(f"{key} = {value}") for key, value in rows)
    lines = [_("# configuration file: %(where)s") % {"where": where}]
    for key, value in rows:
        text = f"{key} = {value}" if not value.startswith("#") else f"# {key}: {value[2:]}"
        lines.append(f"{text:<{width}}  # {_source_words(chosen.sources[key])}")
    if chosen.exclude is None:
        lines.append(_("# the default excludes also skip virtual environments (pyvenv.cfg)"))
    return "".join(f"{visible(line)}\n" for line in lines)


def _source_words(source: str) -> str:
    """Where a setting comes from, in the interface's language (a file's name as it is)."""
    then = f", then the {COMMAND_LINE}"
    if source.endswith(then):
        return _("%(file)s, then the command line") % {"file": source.removesuffix(then)}
    return {DEFAULT: _("default"), COMMAND_LINE: _("command line")}.get(source, source)


def _lines(patterns: tuple[Patterns, ...] | None, default: tuple[str, ...]) -> list[str]:
    if patterns is None:
        return list(default)
    return [line for group in patterns for line in group.lines]


def _toml(value: Any) -> str:
    import json

    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(value, ensure_ascii=False)
