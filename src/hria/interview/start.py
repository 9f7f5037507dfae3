"""What a new assessment file needs before anything is asked: a place where it can be saved,
and the start of its data. Kept apart from the interview, so that `hria new --skeleton` does
not import the interview to write a file."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from hria.errors import HriaError
from hria.i18n import _
from hria.models.assessment import SCHEMA_VERSION, Status
from hria.models.bank import Bank

_EXAMPLE = "assessment.hria.yaml"


def check_target(path: Path) -> None:
    """Refuse, before anything is asked, a file that could not be saved where it is named."""
    folder = path.parent
    if path.is_dir():
        raise HriaError(
            _("%(path)s is a folder") % {"path": path},
            hint=_("name a file, e.g. %(path)s") % {"path": path / _EXAMPLE},
        )
    if not folder.exists():
        raise HriaError(
            _("folder does not exist: %(path)s") % {"path": folder}, hint=_("create it first")
        )
    if not folder.is_dir():
        raise HriaError(
            _("not a folder: %(path)s") % {"path": folder},
            hint=_("choose a path inside a folder"),
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise HriaError(
            _("folder is not writable: %(path)s") % {"path": folder},
            hint=_("choose another folder"),
        )


def new_draft(bank: Bank, today: dt.date) -> dict[str, Any]:
    """The start of a new assessment, before any metadata is asked."""
    metadata = {"created": today, "updated": today, "status": Status.DRAFT.value}
    bank_ref = {"id": bank.id, "version": bank.version}
    return {"schema_version": SCHEMA_VERSION, "metadata": {**metadata, "bank": bank_ref}}
