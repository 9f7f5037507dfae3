"""`hria diff`: which two versions the arguments name, and what to print and exit with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from hria.audit import diffview
from hria.audit.sources import DRIVER_ARGS, DriverCall, Side, from_file, from_revision
from hria.errors import ExitCode, Problem, UsageError
from hria.escapes import visible
from hria.i18n import _
from hria.models.bank import Bank

RENDERERS = {
    "text": diffview.render_text,
    "md": diffview.render_markdown,
    "json": diffview.render_json,
}


@dataclass(frozen=True)
class DiffResult:
    output: str
    code: ExitCode
    warnings: list[Problem] = field(default_factory=list)


def run_diff(
    args: list[str],
    bank: Bank,
    today: dt.date,
    output_format: str,
    fail_if_worse: bool = False,
    git_driver: bool = False,
) -> DiffResult:
    """Two files, a file at two revisions, or git's diff-driver call (seven arguments). As a
    driver it exits 0 whatever changed: git stops the whole diff when a driver fails."""
    if git_driver or len(args) == DRIVER_ARGS:
        return _driver(DriverCall.parse(args), bank, today, output_format)
    if len(args) == 2:
        old, new = (from_file(Path(a), bank, today) for a in args)
    elif len(args) == 3:
        path = Path(args[2])
        old, new = (from_revision(rev, path, bank, today) for rev in args[:2])
    else:
        text = _("hria diff takes two files, or two revisions and a file, not %(n)s arguments")
        raise UsageError(
            text % {"n": len(args)}, hint=_("hria diff OLD NEW, or hria diff REV1 REV2 -- FILE")
        )
    changes = diffview.changes_of(bank, old, new)
    output = RENDERERS[output_format](old, new, changes, bank)
    return DiffResult(output, diffview.exit_code(changes, fail_if_worse), _warnings(old, new))


def _warnings(*sides: Side) -> list[Problem]:
    return [w for side in sides for w in side.warnings]


def _driver(call: DriverCall, bank: Bank, today: dt.date, output_format: str) -> DiffResult:
    old, new = call.side("old", bank, today), call.side("new", bank, today)
    if old is None or new is None:
        side = new or old
        assert side is not None
        if old is None:
            text = _("%(path)s: new assessment; its verdict: %(verdict)s")
        else:
            text = _("%(path)s: assessment deleted; its verdict: %(verdict)s")
        values = {"path": visible(call.path), "verdict": visible(side.evaluation.verdict.text)}
        output = text % values + "\n"
        return DiffResult(output, ExitCode.OK, side.warnings)
    changes = diffview.changes_of(bank, old, new)
    output = RENDERERS[output_format](old, new, changes, bank)
    return DiffResult(output, ExitCode.OK, _warnings(old, new))
