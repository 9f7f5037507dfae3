"""The lock that keeps a second interview off a file: `.NAME.lock` beside it, holding the pid
and host of its owner (and a token, so that a release removes only its own lock).

Taking it is one atomic step: the content is written to a temporary file first, which is then
hard-linked to the lock's name, and `link` fails if that name exists. So nobody ever sees a lock
without its owner. A lock whose process has died on this host is stale; breaking it happens
under an advisory `flock` of the stale file itself, after checking that the name still points at
that very file, so two processes that find the same stale lock cannot both remove a fresh one.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from hria.errors import HriaError
from hria.files.fsutil import pid_alive, write_temp
from hria.i18n import _

if sys.platform != "win32":
    import fcntl

UNREADABLE_GRACE = 10.0  # seconds: a lock without a readable owner is taken for stale after this
_ATTEMPTS = 20
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS, errno.EMLINK}


class LockedError(HriaError):
    """Another interview holds the file."""


@dataclass(frozen=True)
class Holder:
    """What a lock file says about its owner."""

    pid: int | None
    host: str | None
    age: float

    @property
    def stale(self) -> bool:
        if self.pid is None:
            return self.age > UNREADABLE_GRACE
        if self.host not in (None, _host()):
            return False  # another machine's process: we cannot tell, so it holds
        return not pid_alive(self.pid)

    def describe(self) -> str:
        if self.pid is None:
            return _("an interview that is starting")
        if self.host and self.host != _host():
            return _("process %(pid)s on %(host)s") % {"pid": self.pid, "host": self.host}
        return _("process %(pid)s") % {"pid": self.pid}


def _host() -> str:
    return socket.gethostname()


def _parse(content: bytes, age: float) -> Holder:
    lines = content.decode("utf-8", "replace").split()
    pid = int(lines[0]) if lines and lines[0].isdigit() else None
    host = lines[1] if pid is not None and len(lines) > 1 else None
    return Holder(pid, host, age)


class InterviewLock:
    """The lock of one assessment file; `acquire` either takes it or raises LockedError."""

    def __init__(self, target: Path) -> None:
        self.target = target
        self.path = target.with_name(f".{target.name}.lock")
        self._payload = f"{os.getpid()}\n{_host()}\n{secrets.token_hex(8)}\n".encode()
        self._mine: tuple[int, int] | None = None  # (device, inode) of the lock we hold

    @property
    def held(self) -> bool:
        return self._mine is not None

    def acquire(self) -> None:
        for _attempt in range(_ATTEMPTS):
            if self._try_take():
                return
            holder = self._holder()
            if holder is None:
                continue  # released in the meantime: try again
            if not holder.stale:
                raise LockedError(
                    _("%(path)s is open in another interview (%(holder)s)")
                    % {"path": self.target, "holder": holder.describe()},
                    hint=_("finish that one first, or remove %(lock)s if it crashed")
                    % {"lock": self.path},
                )
            self._break_stale()
        raise LockedError(
            _("could not take the lock %(lock)s: other processes keep taking it")
            % {"lock": self.path},
            hint=_("try again in a moment"),
        )

    def release(self) -> None:
        """Remove the lock if it is still ours: the same file, with our token in it."""
        if self._mine is None:
            return
        with contextlib.suppress(FileNotFoundError):
            info = self.path.stat()
            same = (info.st_dev, info.st_ino) == self._mine
            if same and self.path.read_bytes() == self._payload:
                self.path.unlink()
        self._mine = None

    def _try_take(self) -> bool:
        payload = self._payload
        tmp = write_temp(self.path, payload)
        try:
            os.link(tmp, self.path)
        except FileExistsError:
            return False
        except OSError as error:
            if error.errno not in _NO_LINKS:
                raise
            return self._take_without_links(payload)
        finally:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        info = self.path.stat()
        self._mine = (info.st_dev, info.st_ino)
        return True

    def _take_without_links(self, payload: bytes) -> bool:
        """For file systems without hard links: exclusive create, then the content. A lock
        read before its content lands has no pid and is not stale for UNREADABLE_GRACE."""
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            info = os.fstat(handle.fileno())
        self._mine = (info.st_dev, info.st_ino)
        return True

    def _holder(self) -> Holder | None:
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None
        try:
            return _read_holder(fd)
        finally:
            os.close(fd)

    def _break_stale(self) -> None:
        """Remove the lock file if it is (still) stale. Every breaker locks the file it found
        first, then checks the name still points at that file: the first removes it and takes
        a new lock; the others find the name moved on, and go back to the start."""
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return
        try:
            if sys.platform != "win32":
                fcntl.flock(fd, fcntl.LOCK_EX)
            found = os.fstat(fd)
            try:
                current = self.path.stat()
            except FileNotFoundError:
                return
            if (current.st_dev, current.st_ino) != (found.st_dev, found.st_ino):
                return
            if _read_holder(fd).stale:
                self.path.unlink()
        finally:
            os.close(fd)


def _read_holder(fd: int) -> Holder:
    info = os.fstat(fd)
    content = os.pread(fd, 256, 0) if hasattr(os, "pread") else os.read(fd, 256)
    return _parse(content, time.time() - info.st_mtime)
