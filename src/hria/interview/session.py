"""An assessment file being edited: autosave, a lock against a second interview, and a check
that nobody changed the file on disk in the meantime. Nothing here prompts or prints."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from hria.errors import HriaError
from hria.files.fsutil import atomic_write
from hria.files.store import dump, dump_draft
from hria.i18n import _
from hria.interview.lock import InterviewLock, LockedError
from hria.models.assessment import Assessment

__all__ = ["ConflictError", "LockedError", "Session"]


class ConflictError(HriaError):
    """The file changed on disk since it was loaded; our version went to a side file."""


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Session:
    """Owns one assessment file for the length of an interview."""

    def __init__(
        self,
        path: Path,
        assessment: Assessment | None,
        text: str | None,
        replacing: bytes | None = None,
    ) -> None:
        """`text` is the file as loaded (None for a new file); `replacing` is the content of a
        file that a new assessment is allowed to overwrite. `assessment` is None while the
        metadata of a new one is still being asked."""
        self.path = path
        self._assessment = assessment
        self.text = text
        source = text.encode("utf-8") if text is not None else replacing
        self._digest = _digest(source) if source is not None else None
        self._lock = InterviewLock(path)
        self._written = False

    @property
    def assessment(self) -> Assessment:
        if self._assessment is None:
            raise RuntimeError("the assessment's metadata is not complete yet")
        return self._assessment

    @property
    def saved(self) -> bool:
        """Whether this session wrote the file at least once."""
        return self._written

    def __enter__(self) -> Session:
        self.acquire()
        return self

    def __exit__(self, *_: object) -> None:
        self.release()

    def acquire(self) -> None:
        self._lock.acquire()

    def release(self) -> None:
        self._lock.release()

    def save(self, assessment: Assessment) -> None:
        """Write atomically, unless someone else changed the file since we read or wrote it."""
        self._assessment = assessment
        self._write(dump(assessment, self.path, self.text))

    def save_draft(self, data: dict[str, Any]) -> None:
        """Write a draft that is not an assessment yet: metadata being asked (see intake)."""
        self._write(dump_draft(data, self.path))

    def _write(self, text: str) -> None:
        on_disk = self.path.read_bytes() if self.path.exists() else None
        expected = self._digest
        if on_disk is not None and (expected is None or _digest(on_disk) != expected):
            side = self.path.with_name(f"{self.path.name}.mine")
            atomic_write(side, text)
            raise ConflictError(
                _("%(path)s was changed by someone else while you were answering")
                % {"path": self.path},
                hint=_("your answers are safe in %(side)s; compare the two and merge by hand")
                % {"side": side},
            )
        atomic_write(self.path, text)
        self.text = text
        self._digest = _digest(text.encode("utf-8"))
        self._written = True
