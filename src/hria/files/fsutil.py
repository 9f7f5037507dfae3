"""Small file-system helpers shared by the store, the interview lock and the bank cache."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from hria.errors import HriaError
from hria.escapes import visible
from hria.i18n import N_, _

# A temporary file of ours is `.NAME.PID.TOKEN.tmp`: the writer's pid makes a leftover of a
# killed process recognisable. Older versions wrote `.NAME.XXXXXXXX.tmp` (mkstemp).
_TEMP = r"\.{name}\.(?:(?P<pid>[0-9]{{1,10}})\.[0-9a-f]{{8}}|[a-z0-9_]{{8}})\.tmp"
STALE_AFTER = 30.0  # seconds: no save takes this long, whoever wrote it
_cleaned: set[Path] = set()
#: What an output refused says, whole, for each name of an output (`atomic_stream`'s `what`).
_FOLDER = {"the output": N_("cannot write the output to {path}: it is a folder")}
_REFUSED = {"the output": N_("cannot write the output to {path}: {reason}")}


def atomic_write(path: Path, text: str) -> None:
    """Write text atomically (see atomic_write_bytes)."""
    atomic_write_bytes(path, text.encode("utf-8"))


OWNER_ONLY = 0o600
SHARED = 0o666  # what the umask (or the folder's default ACL) then narrows, as for any new file


def atomic_write_bytes(path: Path, data: bytes, mode: int = OWNER_ONLY) -> None:
    """Temp file in the same folder, fsync, os.replace: a crash leaves the old or the new file.

    The temp file is created with `mode` less the umask: 0600 by default, so assessments and
    everything else that holds answers are readable by their owner only; documents meant to
    be shared pass SHARED. The first save of a path in a process removes what killed writers
    left behind.
    """
    if path not in _cleaned:
        remove_stale_temps(path)
        _cleaned.add(path)
    tmp = write_temp(path, data, sync=True, mode=mode)
    try:
        tmp.replace(path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    if os.name == "posix":
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


@contextlib.contextmanager
def atomic_stream(path: Path, what: str, mode: int = SHARED) -> Iterator[Callable[[str], None]]:
    """Text written through the function given lands in `path` atomically when the block
    ends without an error, and an error leaves `path` as it was. `what` names the output in
    the message that says the folder refuses it (read-only, full, missing). The file is made
    like any new file (`mode` less the umask), since outputs are meant to be shared."""
    if path.is_dir():
        text = _FOLDER.get(what)
        shown = visible(path)
        if text is None:
            raise HriaError(f"cannot write {what} to {shown}: it is a folder")
        raise HriaError(_(text).format(path=shown))
    try:
        tmp = write_temp(path, b"", mode=mode)
        handle = tmp.open("a", encoding="utf-8")
    except OSError as error:
        raise _cannot_write(path, what, error) from None

    def write(text: str) -> None:
        try:
            handle.write(text)
        except OSError as error:
            raise _cannot_write(path, what, error) from None

    try:
        yield write
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            tmp.replace(path)
        except OSError as error:
            raise _cannot_write(path, what, error) from None
    finally:
        handle.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()


def _cannot_write(path: Path, what: str, error: OSError) -> HriaError:
    reason = (error.strerror or type(error).__name__).lower()
    text = _REFUSED.get(what)
    if text is None:
        return HriaError(f"cannot write {what} to {visible(path)}: {reason}")
    return HriaError(_(text).format(path=visible(path), reason=reason))


def write_temp(path: Path, data: bytes, sync: bool = False, mode: int = OWNER_ONLY) -> Path:
    """A new file beside `path` holding `data` (owner-only unless `mode` says otherwise),
    named so it can be cleaned up."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)
    flags |= getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
        try:
            fd = os.open(tmp, flags, mode)
        except FileExistsError:
            continue
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if sync:
                handle.flush()
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    return tmp


def remove_stale_temps(path: Path) -> list[Path]:
    """Remove our temporary files for `path` that no live writer will finish: the exact name
    pattern, a regular file owned by us, and a writer that is dead or older than STALE_AFTER."""
    pattern = re.compile(_TEMP.format(name=re.escape(path.name)))
    prefix = f".{path.name}."
    removed: list[Path] = []
    try:
        entries = [e for e in os.scandir(path.parent) if e.name.startswith(prefix)]
    except OSError:
        return removed
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and _abandoned(entry, match.group("pid")):
            with contextlib.suppress(OSError):
                Path(entry.path).unlink()
                removed.append(Path(entry.path))
    return removed


def _abandoned(entry: os.DirEntry[str], pid: str | None) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISREG(info.st_mode) or not owned_by_me(info):
        return False
    if time.time() - info.st_mtime > STALE_AFTER:
        return True
    return pid is not None and not pid_alive(int(pid))


def owned_by_me(info: os.stat_result) -> bool:
    if sys.platform == "win32":
        return True
    return info.st_uid == os.geteuid()


def pid_alive(pid: int) -> bool:
    """Whether a process with this pid runs on this machine (a reused pid counts as alive)."""
    if pid <= 0:
        return False
    if pid == os.getpid() or sys.platform == "win32":  # os.kill would end it on Windows
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
