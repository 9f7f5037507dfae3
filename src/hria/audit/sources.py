"""The two sides of a diff: files on disk, blobs at git revisions, or what git hands a diff
driver. Every side is read through the loader `hria check` uses, so a bad file is located and
refused the same way (exit 2)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from hria.domain.engine import assess
from hria.errors import InvalidFileError, Problem, UsageError
from hria.escapes import visible
from hria.files.reading import MAX_BYTES, read_text, too_big
from hria.files.store import load_text
from hria.i18n import _
from hria.models.assessment import Assessment
from hria.models.bank import Bank
from hria.models.findings import Evaluation

#: What git hands an external diff driver: path old-file old-hex old-mode new-file new-hex
#: new-mode (see gitattributes(5), "Defining an external diff driver").
DRIVER_ARGS = 7
NO_FILE = "/dev/null"  # the side of an added or deleted file
GIT_TIMEOUT = 60  # seconds; git reads a local object store, this only stops a hung process


@dataclass(frozen=True)
class Side:
    """One version: its name in messages and output, the assessment and its evaluation."""

    name: str
    assessment: Assessment
    evaluation: Evaluation
    warnings: list[Problem] = field(default_factory=list)


def from_file(path: Path, bank: Bank, today: dt.date) -> Side:
    return from_text(read_text(path), path, str(path), bank, today)


def from_text(text: str, path: Path, name: str, bank: Bank, today: dt.date) -> Side:
    loaded = load_text(text, path, bank, name=name)
    evaluation = assess(bank, loaded.assessment, today)
    return Side(name, loaded.assessment, evaluation, loaded.warnings)


def from_revision(revision: str, path: Path, bank: Bank, today: dt.date) -> Side:
    """The file as it was at a git revision. The name ends with the file's own name, so
    that a .json file is read as JSON."""
    name = f"{revision}:{path}"
    return from_text(git_blob(revision, path), path, name, bank, today)


def git_blob(revision: str, path: Path) -> str:
    """`git show REV:./NAME`, run in the file's folder so that any path works, with no
    network (a partial clone is not allowed to fetch a missing object) and no prompt."""
    if revision.startswith("-"):
        raise UsageError(_("'{revision}' is not a git revision").format(revision=visible(revision)))
    folder = path.parent if str(path.parent) else Path()
    env = os.environ | {"GIT_NO_LAZY_FETCH": "1", "GIT_TERMINAL_PROMPT": "0"}
    command = ["git", "-c", "protocol.allow=never", "-C", str(folder), "show"]
    try:
        done = subprocess.run(
            [*command, f"{revision}:./{path.name}"],
            capture_output=True,
            env=env,
            timeout=GIT_TIMEOUT,
            check=False,
        )
    except FileNotFoundError:
        raise UsageError(
            _("git is not installed (or not on PATH): it is needed to read revisions")
        ) from None
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(_("cannot run git: {name}").format(name=type(exc).__name__)) from None
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        if lines:
            why = lines[0].removeprefix("fatal: ")
        else:
            why = _("exit status {code}").format(code=done.returncode)
        where = f"{visible(revision)}:{visible(path)}"
        text = _("git cannot read {where}: {why}")
        raise UsageError(text.format(where=where, why=visible(why)))
    return _decoded(done.stdout, f"{revision}:{path}")


def _decoded(data: bytes, name: str) -> str:
    if len(data) > MAX_BYTES:
        raise InvalidFileError([Problem(name, too_big(len(data), MAX_BYTES))])
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidFileError([Problem(name, _("not valid UTF-8 text"), line=line)]) from None


@dataclass(frozen=True)
class DriverCall:
    """The arguments git gives a diff driver; a side is None for an added or deleted file."""

    path: Path
    old: Path | None
    old_hex: str
    new: Path | None
    new_hex: str

    @classmethod
    def parse(cls, args: list[str]) -> DriverCall:
        if len(args) != DRIVER_ARGS:
            raise UsageError(
                _("as a git diff driver, hria diff takes {count} arguments, not {given}").format(
                    count=DRIVER_ARGS, given=len(args)
                ),
                hint="git config diff.hria.command 'hria diff --git-driver'",
            )
        path, old, old_hex, _mode, new, new_hex, _mode2 = args

        def side(name: str) -> Path | None:
            return None if name == NO_FILE else Path(name)

        return cls(Path(path), side(old), old_hex, side(new), new_hex)

    def side(self, which: str, bank: Bank, today: dt.date) -> Side | None:
        """Read a side under a name that ends with the file's own name (for its format)."""
        file, digest = (self.old, self.old_hex) if which == "old" else (self.new, self.new_hex)
        if file is None:
            return None
        name = f"{digest[:7]}:{self.path}" if digest.strip("0.") else str(self.path)
        return from_text(read_text(file), self.path, name, bank, today)
