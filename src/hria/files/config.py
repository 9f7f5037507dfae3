"""Finding and reading hria's configuration file: a `.hria.toml`, or the `[tool.hria]` table
of a `pyproject.toml`, the nearest one found from the current folder up. The values are
checked by whoever uses them (see hria.check.settings); this module only finds and parses."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hria.errors import InvalidFileError, Problem
from hria.files.reading import read_text
from hria.i18n import _

OWN = ".hria.toml"
PYPROJECT = "pyproject.toml"
KIND = "configuration file"
_POSITION = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_TABLE = re.compile(r"^\s*\[\s*tool\s*\.\s*hria\s*\]\s*(#.*)?$")
_ANY_TABLE = re.compile(r"^\s*\[")
# What a pyproject.toml with hria's table must hold: [tool.hria], a dotted tool.hria key, an
# inline `tool = {...}`, or a [tool] table with an hria key.
_MENTIONS = re.compile(r"^\s*(\[\s*tool\s*\.\s*hria\b|tool\s*(\.\s*hria\b|=))", re.M)
_TOOL = re.compile(r"^\s*\[\s*tool\s*\]", re.M)
_HRIA_KEY = re.compile(r"^\s*[\"']?hria[\"']?\s*[.=]", re.M)


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    table: dict[str, Any]  # hria's settings as written
    text: str

    @property
    def in_pyproject(self) -> bool:
        return self.path.name == PYPROJECT

    @property
    def folder(self) -> Path:
        """Relative paths in the file (bank, waivers, anchored excludes) start here."""
        return self.path.parent

    @property
    def label(self) -> str:
        """How --show-config names the file."""
        return f"{self.path} [tool.hria]" if self.in_pyproject else str(self.path)

    def where(self, key: str) -> str:
        return f"tool.hria.{key}" if self.in_pyproject else key

    def problem(self, key: str, message: str) -> Problem:
        """A problem with one key, at the line where the key is written if it can be found."""
        line, column = self._locate(key)
        return Problem(str(self.path), message, line=line, column=column, where=self.where(key))

    def _locate(self, key: str) -> tuple[int | None, int | None]:
        """The key's line in hria's table: a line scan, since tomllib gives no positions."""
        name = re.escape(key)
        pattern = re.compile(rf"^(\s*)(?:{name}|\"{name}\"|'{name}')\s*=")
        inside = not self.in_pyproject
        for number, line in enumerate(self.text.splitlines(), 1):
            if _ANY_TABLE.match(line):
                inside = bool(_TABLE.match(line)) if self.in_pyproject else False
                continue
            found = pattern.match(line) if inside else None
            if found:
                return number, len(found.group(1)) + 1
        return None, None


def find_config(start: Path) -> Path | None:
    """The nearest configuration file from `start` up: in each folder a .hria.toml first, then
    a pyproject.toml that has a [tool.hria] table (one without it is passed over). Named
    relative to the current folder, as messages show it."""
    for folder in (start, *start.parents):
        own = folder / OWN
        if own.is_file():
            return _shown(own)
        pyproject = folder / PYPROJECT
        if pyproject.is_file() and _has_table(pyproject):
            return _shown(pyproject)
    return None


def _shown(path: Path) -> Path:
    try:
        return Path(os.path.relpath(path))
    except ValueError:  # another drive
        return path


def _has_table(path: Path) -> bool:
    """Whether a pyproject.toml has [tool.hria]; a cheap look first, so that a pyproject.toml
    without it is neither parsed (tomllib takes longer to import than to parse one) nor has
    its errors reported."""
    try:
        text = read_text(path, kind=KIND)
    except InvalidFileError:
        return False
    if not (_MENTIONS.search(text) or (_TOOL.search(text) and _HRIA_KEY.search(text))):
        return False
    tool = _parse(text, _shown(path)).get("tool", {})
    return isinstance(tool, dict) and "hria" in tool


def read_config(path: Path) -> ConfigFile:
    """Parse one configuration file; syntax errors are located at their line and column."""
    text = read_text(path, kind=KIND)
    data = _parse(text, path)
    if path.name != PYPROJECT:
        return ConfigFile(path, data, text)
    tool = data.get("tool", {})
    table = tool.get("hria", {}) if isinstance(tool, dict) else {}
    if not isinstance(table, dict):
        text = _("tool.hria must be a table: [tool.hria]")
        problem = Problem(str(path), text, where="tool.hria")
        raise InvalidFileError([problem], KIND)
    return ConfigFile(path, table, text)


def _parse(text: str, path: Path) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        found = _POSITION.search(message)
        line, column = (int(found.group(1)), int(found.group(2))) if found else (None, None)
        reason = _POSITION.sub("", message) or _("a syntax error")
        text = _("not valid TOML: %(reason)s") % {"reason": reason}
        problem = Problem(str(path), text, line=line, column=column)
        raise InvalidFileError([problem], KIND) from None
