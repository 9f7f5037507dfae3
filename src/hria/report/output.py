"""Where a report goes with -o: a file whose folder exists, written atomically, with the mode
any new file of the user's gets (0666 less the umask), or owner-only when asked."""

from __future__ import annotations

from pathlib import Path

from hria.errors import HriaError
from hria.files.fsutil import OWNER_ONLY, SHARED, atomic_write_bytes
from hria.i18n import _


def check_target(output: Path) -> None:
    """Refuse an -o that cannot be a file before the report is rendered."""
    if output.is_dir():
        raise HriaError(
            _("cannot write the report to {path}: it is a folder").format(path=output),
            hint=_("give a file name, such as -o {example}").format(example=output / "report.md"),
        )
    folder = output.parent
    if not folder.is_dir():
        if folder.exists():
            text = _("cannot write the report to {path}: {folder} is not a folder")
        else:
            text = _("cannot write the report to {path}: {folder} does not exist")
        raise HriaError(text.format(path=output, folder=folder))


def write_report(output: Path, data: bytes, private: bool = False) -> None:
    """Write atomically; a folder that refuses it (read-only, full) is the user's to fix.

    A report is a document to circulate, so it is written like any new file under the user's
    umask; `private` keeps it readable by its owner only (0600), like an assessment."""
    check_target(output)
    try:
        atomic_write_bytes(output, data, mode=OWNER_ONLY if private else SHARED)
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        text = _("cannot write the report to {path}: {reason}")
        raise HriaError(text.format(path=output, reason=reason)) from None
