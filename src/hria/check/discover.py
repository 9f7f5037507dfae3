"""Which files `hria check` reads: assessment files named on the command line, and those
found in folders (not review files), less what is excluded.

A folder is walked top down. Hidden folders, virtual environments (a folder holding
`pyvenv.cfg`) and `node_modules` are skipped by default; `exclude` replaces those defaults
and `extend_exclude` adds to them. Files that `.gitignore` files ignore are skipped too: the
ones met on the walk, and, inside a git repository, those of the folders above up to its root.
Patterns are gitignore patterns (pathspec), each read relative to the folder it belongs to: a
`.gitignore`'s own folder, the configuration file's folder, or the current folder for the
command line. A file named on the command line is always checked, unless `force_exclude`.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from hria.errors import HriaWarning, InvalidFileError
from hria.files.reading import read_text
from hria.files.store import SUFFIXES, is_review_name

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

#: Skipped in folders unless `exclude` replaces them; virtual environments too (pyvenv.cfg).
DEFAULT_EXCLUDE = (".*/", "node_modules/", "venv/")
STDIN = "-"
STDIN_NAME = "<stdin>"
GITIGNORE = ".gitignore"


@dataclass(frozen=True)
class Patterns:
    """Gitignore patterns and the folder they are relative to (None: the folder walked)."""

    lines: tuple[str, ...]
    base: Path | None = None


@dataclass(frozen=True)
class Discovery:
    exclude: tuple[Patterns, ...] | None = None  # None: DEFAULT_EXCLUDE and virtual envs
    extend_exclude: tuple[Patterns, ...] = ()
    force_exclude: bool = False  # excludes apply to files named on the command line too
    gitignore: bool = True
    stdin_name: str = STDIN_NAME

    @property
    def skips_venvs(self) -> bool:
        return self.exclude is None

    def rules(self, root: Path | None = None) -> list[Rules]:
        """The exclude patterns, those without a folder of their own read from `root`."""
        base = self.exclude
        if base is None:
            base = (Patterns(DEFAULT_EXCLUDE),)
        return [Rules(p.lines, p.base or root) for p in (*base, *self.extend_exclude)]


def discovery(
    exclude: Sequence[str] | None,
    extend_exclude: Sequence[str] | None,
    force_exclude: bool,
    stdin_name: str | None,
) -> Discovery:
    """The discovery the command line asks for (patterns relative to the folder walked)."""
    return Discovery(
        exclude=None if exclude is None else (Patterns(tuple(exclude)),),
        extend_exclude=(Patterns(tuple(extend_exclude)),) if extend_exclude else (),
        force_exclude=force_exclude,
        stdin_name=stdin_name or STDIN_NAME,
    )


@dataclass
class Rules:
    """Compiled patterns, last match winning as in a .gitignore (`!` re-includes). A path
    matches if a pattern matches it or a folder above it, as in git."""

    lines: Sequence[str]
    base: Path | None  # None: paths are read as given, less any leading ../
    spec: GitIgnoreSpec = field(init=False)

    def __post_init__(self) -> None:
        from pathspec import GitIgnoreSpec  # 10-25 ms: only when a folder is walked

        self.base = None if self.base is None else _absolute(self.base)
        self.spec = GitIgnoreSpec.from_lines(self.lines)

    def decide(self, path: Path, is_dir: bool) -> bool | None:
        """True if these patterns exclude the path, False if one re-includes it, None if
        none speaks of it (nor of a folder above it, below the base)."""
        text = _relative(path, self.base)
        if not text:
            return None
        return self.spec.check_file(text + ("/" if is_dir else "")).include

    def from_root(self, root: Path) -> Rules:
        """These patterns for a walk of `root`: a folder named on the command line is walked
        even if they exclude it, so then they are read from the folder itself."""
        return Rules(self.lines, root) if self.decide(root, is_dir=True) else self


def _absolute(path: Path) -> Path:
    """The path made absolute by its text alone: `..` folded, symbolic links not followed,
    so that a path matches as it is written and costs no system call."""
    return Path(os.path.abspath(path))  # noqa: PTH100 (Path.resolve follows links)


def _relative(path: Path, base: Path | None) -> str | None:
    """The path relative to `base` in / form; None outside it; with no base, as written."""
    if base is None:
        parts = Path(os.path.normpath(path)).parts
        parts = tuple(p for p in parts if p not in ("..", path.anchor))
        return "/".join(parts) or None
    try:
        return _absolute(path).relative_to(base).as_posix()
    except ValueError:
        return None


def find(given: Path, discovery: Discovery) -> list[Path]:
    """The assessment files to check for one path given on the command line, sorted."""
    if not given.is_dir():
        return [] if discovery.force_exclude and excluded(given, discovery) else [given]
    rules = [r.from_root(given) for r in discovery.rules(given)]
    ignores = {str(given): _above(given) + _own(given)} if discovery.gitignore else {}
    found: list[Path] = []
    for folder, dirs, files in os.walk(given):
        here = Path(folder)
        local = ignores.pop(folder, [])
        kept = [d for d in dirs if not _skipped(here / d, True, rules, local, discovery)]
        dirs[:] = sorted(kept)
        for name in dirs:
            key = os.path.join(folder, name)  # noqa: PTH118 (as os.walk spells it)
            ignores[key] = local + _own(here / name)
        found.extend(
            here / name
            for name in files
            if name.endswith(SUFFIXES)
            and not is_review_name(name)  # a review lies beside its assessment
            and not _skipped(here / name, False, rules, local, discovery)
            and (here / name).is_file()
        )
    return sorted(found)


def excluded(path: Path, discovery: Discovery) -> bool:
    """Whether `force_exclude` leaves out a file named on the command line."""
    if any(rules.decide(path, is_dir=False) for rules in discovery.rules()):
        return True
    if discovery.skips_venvs and any((p / "pyvenv.cfg").is_file() for p in path.parents):
        return True
    return discovery.gitignore and _ignored_by_git(path)


def _skipped(
    path: Path, is_dir: bool, rules: list[Rules], ignores: list[Rules], discovery: Discovery
) -> bool:
    if _last(rules, path, is_dir) or _last(ignores, path, is_dir):
        return True
    return is_dir and discovery.skips_venvs and (path / "pyvenv.cfg").is_file()


def _last(chain: Iterable[Rules], path: Path, is_dir: bool) -> bool:
    """The verdict of the deepest patterns that speak of the path: nested files win."""
    result = None
    for rules in chain:
        decided = rules.decide(path, is_dir)
        if decided is not None:
            result = decided
    return bool(result)


def _ignored_by_git(path: Path) -> bool:
    """Whether a .gitignore ignores a file or a folder above it, as a walk would find: from
    the repository's root, or outside one from the current folder (or the file's own)."""
    folder = _absolute(path.parent)
    here = _absolute(Path.cwd())
    top = _repository_root(folder) or (here if folder.is_relative_to(here) else folder)
    chain = _gitignores_between(top, folder)
    target = _absolute(path)
    steps = [*reversed(target.relative_to(top).parents[:-1]), target.relative_to(top)]
    return any(
        _last(chain, top / step, is_dir=step != steps[-1]) for step in steps if str(step) != "."
    )


def _above(root: Path) -> list[Rules]:
    """The .gitignore files of the folders above a walked folder, inside its repository,
    less any that ignore the folder itself: it was named on the command line."""
    folder = _absolute(root)
    top = _repository_root(folder)
    if top is None or top == folder:
        return []
    chain = _gitignores_between(top, folder.parent)
    return [rules for rules in chain if not rules.decide(folder, is_dir=True)]


def _gitignores_between(top: Path, bottom: Path) -> list[Rules]:
    """The .gitignore files from `top` down to `bottom`, both included, outermost first."""
    folders = [bottom, *bottom.parents]
    chain = folders[: folders.index(top) + 1] if top in folders else [bottom]
    return [rules for folder in reversed(chain) for rules in _own(folder)]


def _repository_root(folder: Path) -> Path | None:
    for candidate in (folder, *folder.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _own(folder: Path) -> list[Rules]:
    """A folder's own .gitignore, if it has one that can be read."""
    path = folder / GITIGNORE
    if not path.is_file():
        return []
    try:
        text = read_text(path, kind="ignore file")
    except InvalidFileError as error:
        message = "; ".join(str(p) for p in error.problems)
        warnings.warn(f"{message} (not used)", HriaWarning, stacklevel=2)
        return []
    return [Rules(text.splitlines(), folder)]
