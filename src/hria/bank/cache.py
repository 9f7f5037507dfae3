"""A cache of the question bank, so that start-up neither re-parses YAML nor re-validates it.

Two layers: the parsed data of each bank file (keyed by a hash of its text), and the whole
validated, cross-checked bank as a pickled object (keyed by a hash of every bank file's name
and text, and of the versions of hria, pydantic and Python), which a start-up loads in a
fraction of the time validation takes. Only bank files are cached, never assessments: answers
are sensitive and stay where the user put them. The cache is skipped whenever it cannot be
written. HRIA_CACHE_DIR moves it; HRIA_NO_CACHE=1 turns it off.

What the cache says decides verdicts (the bank's rules) and runs as code (compiled report
templates), so only what this user wrote is trusted: the folder is created 0700, and a folder
or entry that belongs to someone else, or that others may write, is not used. The first such
refusal in a process is reported once, as a CacheWarning; the CLI prints it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from hria import __version__
from hria.errors import HriaWarning
from hria.files.fsutil import atomic_write, atomic_write_bytes, owned_by_me

_PATTERNS = ("bank-*.json", "bank-*.pickle", "jinja-*.cache")  # what hria writes in the folder
T = TypeVar("T")
_warned = False
_refused: set[Path] = set()  # folders refused in this process stay refused


class CacheWarning(HriaWarning):
    """The cache was not used because someone else could have written it."""


def cache_dir() -> Path | None:
    if os.environ.get("HRIA_NO_CACHE"):
        return None
    if os.environ.get("HRIA_CACHE_DIR"):
        return Path(os.environ["HRIA_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hria"


def trusted_cache_dir() -> Path | None:
    """The cache folder, created 0700 if missing; None when off, unwritable or untrusted."""
    folder = cache_dir()
    if folder is None or folder in _refused:
        return None
    try:
        info = _ensure(folder)
    except OSError:
        return None  # a read-only home: no cache, as quietly as before
    problem = _folder_problem(folder, info)
    if problem:
        _refused.add(folder)
        _distrust(f"{problem}; running without it")
        return None
    return folder


def _ensure(folder: Path) -> os.stat_result:
    folder.parent.mkdir(parents=True, exist_ok=True)
    try:
        folder.mkdir(mode=0o700)
    except FileExistsError:
        return folder.stat()
    folder.chmod(0o700)  # exactly 0700, whatever the umask
    return folder.stat()


def _folder_problem(folder: Path, info: os.stat_result) -> str | None:
    """Why the folder cannot be trusted, or None. A folder of ours that others may read is
    tightened quietly; one that others could write is tightened and emptied, and not used now."""
    if not stat.S_ISDIR(info.st_mode):
        return f"the cache {folder} is not a folder"
    if not owned_by_me(info):
        return f"the cache folder {folder} belongs to another user"
    mode = stat.S_IMODE(info.st_mode)
    if sys.platform == "win32" or mode & 0o077 == 0:
        return None
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
    if mode & 0o022 == 0:
        return None
    for pattern in _PATTERNS:
        for entry in folder.glob(pattern):
            with contextlib.suppress(OSError):
                entry.unlink()
    return f"the cache folder {folder} was writable by others (now 0700 and emptied)"


def read_entry(entry: Path) -> bytes | None:
    """An entry's bytes if this user wrote it and nobody else can have; None otherwise (a
    missing entry quietly, an untrusted one with the warning)."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(entry, flags)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        if not _trusted(os.fstat(handle.fileno())):
            _distrust(f"the cache entry {entry} was written by someone else; it is not used")
            return None
        return handle.read()


def _trusted(info: os.stat_result) -> bool:
    if not stat.S_ISREG(info.st_mode) or not owned_by_me(info):
        return False
    return sys.platform == "win32" or stat.S_IMODE(info.st_mode) & 0o022 == 0


def _distrust(message: str) -> None:
    global _warned
    if not _warned:
        _warned = True
        warnings.warn(message, CacheWarning, stacklevel=3)


def cached_parse(text: str, name: str, kind: str) -> Any:
    """`parse(text)`, served from the cache when the same text was parsed before."""
    from hria.files.yamlio import parse  # not needed when the whole bank is cached

    folder = trusted_cache_dir()
    if folder is None:
        return parse(text, name, kind)
    key = hashlib.sha256(f"{__version__}\0{name.endswith('.json')}\0{text}".encode()).hexdigest()
    # One entry per bank file: a new version of the file replaces the entry of the old one.
    slot = hashlib.sha256(name.encode()).hexdigest()[:16]
    entry = folder / f"bank-{slot}-{key}.json"
    raw = read_entry(entry)
    if raw is not None:
        with contextlib.suppress(ValueError):
            return json.loads(raw.decode("utf-8"))
    data = parse(text, name, kind)
    try:
        serialised = json.dumps(data, ensure_ascii=False)
        atomic_write(entry, serialised)
        for stale in folder.glob(f"bank-{slot}-*.json"):
            if stale != entry:
                stale.unlink(missing_ok=True)
    except (OSError, TypeError, ValueError):
        pass  # a read-only home, or data JSON cannot hold: parse again next time
    return data


def cached_object(material: bytes, slot: str, build: Callable[[], T], kind: type[T]) -> T:
    """`build()`, served from a pickle in the cache when `material` (what the object is made
    from) is unchanged. Pickles run code when loaded, so only an entry this user wrote is
    loaded, like the compiled templates; anything unreadable is built afresh."""
    folder = trusted_cache_dir()
    if folder is None:
        return build()
    import pickle

    import pydantic

    versions = f"{__version__}\0{pydantic.VERSION}\0{sys.version}\0".encode()
    key = hashlib.sha256(versions + material).hexdigest()
    name = hashlib.sha256(slot.encode()).hexdigest()[:16]
    entry = folder / f"bank-{name}-{key}.pickle"
    raw = read_entry(entry)
    if raw is not None:
        with contextlib.suppress(Exception):  # a damaged entry is rebuilt, whatever it raises
            found = pickle.loads(raw)
            if isinstance(found, kind):
                return found
    made = build()
    with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
        atomic_write_bytes(entry, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL))
        for stale in folder.glob(f"bank-{name}-*.pickle"):
            if stale != entry:
                stale.unlink(missing_ok=True)
    return made
