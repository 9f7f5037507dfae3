"""Where a report goes with -o: a file whose folder exists, written atomically."""

from __future__ import annotations

from pathlib import Path

from hria.errors import HriaError
from hria.files.fsutil import atomic_write_bytes


def check_target(output: Path) -> None:
    """Refuse an -o that cannot be a file before the report is rendered."""
    if output.is_dir():
        raise HriaError(
            f"cannot write the report to {output}: it is a folder",
            hint=f"give a file name, such as -o {output / 'report.md'}",
        )
    folder = output.parent
    if not folder.is_dir():
        problem = "is not a folder" if folder.exists() else "does not exist"
        raise HriaError(f"cannot write the report to {output}: {folder} {problem}")


def write_report(output: Path, data: bytes) -> None:
    """Write atomically; a folder that refuses it (read-only, full) is the user's to fix."""
    check_target(output)
    try:
        atomic_write_bytes(output, data)
    except OSError as error:
        reason = (error.strerror or type(error).__name__).lower()
        raise HriaError(f"cannot write the report to {output}: {reason}") from None
