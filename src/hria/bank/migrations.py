"""Answers saved against an older major version of the bank: find the migration that
applies, and rewrite a file with it (`hria migrate`)."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from hria.bank.load import default_bank_dir
from hria.domain.migration import Outcome, migrate, move_answers
from hria.domain.moves import fold
from hria.errors import BankError, HriaError, Problem
from hria.files.reading import read_text
from hria.files.rewrite import rewrite
from hria.files.validation import problems_from
from hria.files.yamlio import Locator, parse
from hria.models.bank import Bank
from hria.models.migration import MigrationSpec, major


def load_migration(bank: Bank, from_major: int, directory: Path | None = None) -> MigrationSpec:
    """The bank's migration from `from_major`; a bank without one cannot read older files."""
    path = (directory or default_bank_dir()) / "migrations" / f"{from_major}.yaml"
    if not path.is_file():
        raise HriaError(
            f"bank {bank.id} {bank.version} cannot migrate answers from version {from_major}.x"
        )
    text = read_text(path, "migration")
    try:
        spec = MigrationSpec.model_validate(parse(text, str(path), "migration"))
    except ValidationError as exc:
        raise BankError(problems_from(exc, str(path), Locator(text)), "migration") from None
    if spec.bank != bank.id or spec.to_version != bank.version:
        problem = Problem(str(path), f"migrates {spec.bank} to {spec.to_version}, not this bank")
        raise BankError([problem], "migration")
    return spec


@dataclass(frozen=True)
class Migrated:
    path: Path
    from_version: str
    outcome: Outcome | None  # None: already current
    text: str


def migrate_file(path: Path, bank: Bank, write: bool = True) -> Migrated:
    """Rewrite one file to the bank's version; a no-op for a file that is already current."""
    text = read_text(path)
    data = parse(text, str(path))
    version = _version(data)
    old, new = major(version), major(bank.version)
    if old is None or new is None or old >= new:
        return _move_only(path, bank, data, version, text, write)
    spec = load_migration(bank, old)
    outcome, new_text = rewrite(path, lambda document: migrate(spec, document), write=write)
    return Migrated(path, version, outcome, new_text)


def _move_only(
    path: Path, bank: Bank, data: object, version: str, text: str, write: bool
) -> Migrated:
    """A current file still answering a question the bank has moved: fold it, nothing else."""
    answers = data.get("answers") if isinstance(data, dict) else None
    if not isinstance(answers, dict) or not fold(bank.moved, copy.deepcopy(answers)):
        return Migrated(path, version, None, text)
    outcome, new_text = rewrite(path, lambda d: move_answers(bank.moved, d), write=write)
    return Migrated(path, version, outcome, new_text)


def _version(data: object) -> str:
    try:
        version = data["metadata"]["bank"]["version"]  # type: ignore[index]
    except (KeyError, TypeError):
        return ""
    return version if isinstance(version, str) else ""


def describe(migrated: Migrated, bank: Bank, written: bool) -> str:
    """What `hria migrate` did to one file, for people: one line, then one per review."""
    name = str(migrated.path)
    outcome = migrated.outcome
    if outcome is None:
        return f"{name}: already answers {bank.id} {bank.version}\n"
    backup = f" (the old file is {name}.bak)" if written else ""
    if migrated.from_version == bank.version:
        verb = "moved" if written else "would move"
        head = f"{name}: {verb} {len(outcome.moved)} answers to the questions that now ask them"
        if outcome.reviews:
            head += f", {len(outcome.reviews)} set aside to answer again"
        lines = [head + backup]
    else:
        verb = "migrated" if written else "would migrate"
        lines = [
            f"{name}: {verb} from {bank.id} {migrated.from_version} to {bank.version}: "
            f"{len(outcome.carried) + len(outcome.moved)} changed answers carried over, "
            f"{len(outcome.reviews)} set aside to answer again{backup}"
        ]
    lines.extend(f"  answer again: {r['question']} ({r['reason']})" for r in outcome.reviews)
    if outcome.reviews:
        lines.append(f"  carry on with: hria resume {name}")
    return "\n".join(lines) + "\n"
