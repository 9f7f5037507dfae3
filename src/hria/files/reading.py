"""Reading an input file's text: regular files only, never more than the size cap.

A FIFO blocks `open` until someone writes to it, and a device such as /dev/zero never
ends, so anything but a regular file is refused before it is read, and the cap holds
while reading, whatever the size the file system reports.
"""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

from hria.errors import InvalidFileError, Problem
from hria.i18n import _

MAX_BYTES = 2 * 1024 * 1024
# O_NONBLOCK: a FIFO swapped in after the check opens at once instead of blocking.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_FLAGS |= getattr(os, "O_BINARY", 0)


def read_text(path: Path, kind: str = "assessment file", max_bytes: int = MAX_BYTES) -> str:
    """Read a UTF-8 file, refusing special, unreadable, oversized or undecodable ones."""
    name = str(path)
    try:
        data = _read_bytes(path, name, kind, max_bytes)
    except OSError as exc:
        raise _one(name, _cannot_read(exc), kind) from None
    return _decode(data, name, kind)


def read_stdin(name: str, kind: str = "assessment file", max_bytes: int = MAX_BYTES) -> str:
    """Standard input as one file called `name`, under the same cap and checks as a file."""
    try:
        data = sys.stdin.buffer.read(max_bytes + 1)
    except (OSError, ValueError) as exc:  # ValueError: standard input was closed
        if isinstance(exc, OSError) and exc.strerror:
            message = _("cannot read standard input: {reason}").format(reason=exc.strerror.lower())
        else:
            message = _("cannot read standard input: it is closed")
        raise _one(name, message, kind) from None
    if len(data) > max_bytes:
        message = _("standard input is more than {limit} bytes, the limit").format(limit=max_bytes)
        raise _one(name, message, kind)
    return _decode(data, name, kind)


def _decode(data: bytes, name: str, kind: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = len(data[: exc.start].rsplit(b"\n", 1)[-1].decode("utf-8", "replace")) + 1
        problem = Problem(name, _("not valid UTF-8 text"), line=line, column=column)
        raise InvalidFileError([problem], kind) from None


def _read_bytes(path: Path, name: str, kind: str, max_bytes: int) -> bytes:
    if not stat.S_ISREG(path.stat().st_mode):
        raise _one(name, _("not a regular file"), kind)
    fd = os.open(path, _FLAGS)
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode):  # replaced since the check above
            raise _one(name, _("not a regular file"), kind)
        if info.st_size > max_bytes:
            raise _one(name, too_big(info.st_size, max_bytes), kind)
        data = handle.read(max_bytes + 1)
    if len(data) > max_bytes:  # grew while read, or its size was misreported
        message = _("file is more than {limit} bytes, the limit").format(limit=max_bytes)
        raise _one(name, message, kind)
    return data


def too_big(size: int, limit: int) -> str:
    return _("file is {size} bytes; the limit is {limit}").format(size=size, limit=limit)


def _cannot_read(exc: OSError) -> str:
    if isinstance(exc, PermissionError):
        return _("cannot read: permission denied")
    if isinstance(exc, FileNotFoundError):
        return _("cannot read: no such file")
    return _("cannot read: {reason}").format(reason=(exc.strerror or type(exc).__name__).lower())


def _one(path: str, message: str, kind: str) -> InvalidFileError:
    return InvalidFileError([Problem(path, message)], kind)
