"""An assessment file being edited: autosave, a lock against a second interview, and a check
that nobody changed the file on disk in the meantime. Nothing here prompts or prints."""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from hria.errors import HriaError
from hria.files.fsutil import atomic_write
from hria.files.store import dump
from hria.models.assessment import Assessment


class LockedError(HriaError):
    """Another interview holds the file."""


class ConflictError(HriaError):
    """The file changed on disk since it was loaded; our version went to a side file."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Session:
    """Owns one assessment file for the length of an interview."""

    def __init__(
        self,
        path: Path,
        assessment: Assessment,
        text: str | None,
        replacing: bytes | None = None,
    ) -> None:
        """`text` is the file as loaded (None for a new file); `replacing` is the content of a
        file that a new assessment is allowed to overwrite."""
        self.path = path
        self.assessment = assessment
        self.text = text
        source = text.encode("utf-8") if text is not None else replacing
        self._digest = _digest(source) if source is not None else None
        self._lock = path.with_name(f".{path.name}.lock")
        self._locked = False

    def __enter__(self) -> Session:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def acquire(self) -> None:
        try:
            fd = os.open(self._lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        except FileExistsError:
            if _alive(self._lock):
                raise LockedError(
                    f"{self.path} is open in another interview",
                    hint=f"finish that one first, or remove {self._lock} if it crashed",
                ) from None
            self._lock.unlink(missing_ok=True)  # stale: its process is gone
            fd = os.open(self._lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(str(os.getpid()))
        self._locked = True

    def release(self) -> None:
        if self._locked:
            with contextlib.suppress(FileNotFoundError):
                self._lock.unlink()
            self._locked = False

    def save(self, assessment: Assessment) -> None:
        """Write atomically, unless someone else changed the file since we read or wrote it."""
        self.assessment = assessment
        text = dump(assessment, self.path, self.text)
        on_disk = self.path.read_bytes() if self.path.exists() else None
        expected = self._digest
        if on_disk is not None and (expected is None or _digest(on_disk) != expected):
            side = self.path.with_name(f"{self.path.name}.mine")
            atomic_write(side, text)
            raise ConflictError(
                f"{self.path} was changed by someone else while you were answering",
                hint=f"your answers are safe in {side}; compare the two and merge by hand",
            )
        atomic_write(self.path, text)
        self.text = text
        self._digest = _digest(text.encode("utf-8"))


def _alive(lock: Path) -> bool:
    try:
        pid = int(lock.read_text(encoding="utf-8").strip() or "0")
    except (OSError, ValueError):
        return False
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
