"""Where in its file each flag comes from: the answer (or metadata field, impact or action)
that triggered it. Every output format that points into files takes its positions from here."""

from __future__ import annotations

from dataclasses import dataclass

from hria.check.run import FileResult
from hria.files.positions import Positions
from hria.models.findings import Flag, Trigger


@dataclass(frozen=True, slots=True)
class Spot:
    """One place in a file: 1-based line and column (None where unknown), and the dotted
    path of what is there (`answers.basics.law`), empty for the file as a whole."""

    line: int | None
    column: int | None
    where: str


class FlagLocator:
    """The spots of one valid file's flags. Positions are worked out on first use, once."""

    def __init__(self, result: FileResult) -> None:
        self._result = result
        self._positions: Positions | None = None

    def spots(self, flag: Flag) -> list[Spot]:
        """One spot per distinct trigger, the first trigger's first; the top of the file for
        a flag without triggers."""
        found: list[Spot] = []
        triggers: list[Trigger | None] = [*flag.triggers] or [None]
        for trigger in triggers:
            spot = self.spot(trigger)
            if spot not in found:
                found.append(spot)
        return found

    def primary(self, flag: Flag) -> Spot:
        return self.spot(flag.triggers[0] if flag.triggers else None)

    def spot(self, trigger: Trigger | None) -> Spot:
        loc = trigger_loc(self._result, trigger)
        if self._positions is None:
            result = self._result
            self._positions = Positions(result.text, result.valid, result.positions)
        line, column = self._positions.find(loc)
        return Spot(line, column, ".".join(map(str, loc)))


def trigger_loc(result: FileResult, trigger: Trigger | None) -> list[str | int]:
    """The location path of what `trigger` names, as the file holds it ([] if nothing)."""
    if trigger is None or result.assessment is None:
        return []
    if trigger.kind == "answer":
        return ["answers", trigger.ref]
    if trigger.kind == "metadata":
        return ["metadata", trigger.ref]
    items = result.assessment.impacts if trigger.kind == "impact" else result.assessment.actions
    ids = [item.id for item in items]
    return [f"{trigger.kind}s", ids.index(trigger.ref)] if trigger.ref in ids else []


def fingerprint(result: FileResult, flag: Flag) -> str:
    """The same for the same flag on the same file from one run to the next, whatever lines
    move: a hash of the file's path (within the project), the rule code and the ids of what
    triggered it."""
    import hashlib

    path = project_path(result.path)
    parts = [path, flag.code, *sorted(f"{t.kind}:{t.ref}" for t in flag.triggers)]
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


def project_path(path: str) -> str:
    """A path as code scanning and GitLab want it: relative to the folder hria runs in (the
    repository's root, in CI) when the file lies inside it, else as given."""
    from pathlib import Path

    given = Path(path)
    if not given.is_absolute():
        return path
    try:
        return str(given.relative_to(Path.cwd()))
    except ValueError:  # outside it
        return path
