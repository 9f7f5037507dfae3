"""Reading and writing assessment files (YAML or JSON). All disk I/O for assessments is here."""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from shlex import quote as shell_quote
from typing import Any

from pydantic import BaseModel, ValidationError

from hria.domain.answers import check_answers
from hria.domain.moves import fold
from hria.domain.plan import check_plan, red_line_actions
from hria.domain.waivers import check_waivers
from hria.errors import InvalidFileError, Problem
from hria.files.construct import Positions
from hria.files.fsutil import atomic_write
from hria.files.limits import ASSESSMENT
from hria.files.reading import read_text
from hria.files.sections import valid_parts
from hria.files.validation import dedupe, problems_from
from hria.files.yamlio import Locator, parse
from hria.files.yamlwrite import emit
from hria.i18n import _
from hria.models.assessment import SCHEMA_VERSION, Assessment
from hria.models.bank import Bank
from hria.models.migration import major
from hria.models.review import REVIEW_SUFFIX

SUFFIXES = (".hria.yaml", ".hria.yml", ".hria.json")


@dataclass
class Loaded:
    path: Path
    assessment: Assessment
    text: str
    warnings: list[Problem] = field(default_factory=list)
    positions: Positions | None = None  # where answers and the rest lie (YAML files)


def is_review_name(name: str) -> bool:
    """A review file (`NAME.review.hria.yaml`) lies beside its assessment and is not one."""
    return name.endswith(REVIEW_SUFFIX)


def load_assessment(path: Path, bank: Bank) -> Loaded:
    """Parse and validate one file against the model and the bank; report every problem."""
    return load_text(read_text(path), path, bank)


def load_text(text: str, path: Path, bank: Bank, name: str | None = None) -> Loaded:
    """Parse and validate the text of `path` (read from disk, or from elsewhere, such as a
    git revision, and then named `name` in messages); report every problem."""
    name = str(path) if name is None else name
    positions: Positions = {}
    data = parse(text, name, limits=ASSESSMENT, positions=positions)
    locator = Locator(text)
    _check_version(data, name, locator)
    _check_bank_major(data, bank, name, locator)
    moved = _located(name, locator, _moved(data, bank, name))
    problems: list[Problem] = []
    assessment: Assessment | None = None
    try:
        assessment = Assessment.model_validate(data)
    except ValidationError as exc:
        problems.extend(problems_from(exc, name, locator))
    parts = valid_parts(data, assessment)
    found = [
        *check_answers(bank, parts.answers),
        *check_plan(bank, parts.impacts, parts.actions),
        *check_waivers(bank, parts.waivers),
    ]
    problems.extend(_located(name, locator, found))
    warnings: list[Problem] = moved
    if assessment is not None:
        problems.extend(_bank_ref(assessment, bank, name, locator, warnings))
        warnings.extend(_located(name, locator, red_line_actions(bank, assessment)))
    if problems or assessment is None:
        raise InvalidFileError(dedupe(sorted(problems, key=_position)))
    return Loaded(path, assessment, text, warnings, positions or None)


def _located(
    name: str, locator: Locator, found: Iterable[tuple[tuple[str | int, ...], str]]
) -> list[Problem]:
    located = []
    for loc, message in found:
        line, column, where = locator.find(loc)
        located.append(Problem(name, message, line=line, column=column, where=where))
    return located


def _position(problem: Problem) -> tuple[int, int]:
    return (problem.line or 0, problem.column or 0)


def _moved(data: dict[str, Any], bank: Bank, name: str) -> list[tuple[tuple[str | int, ...], str]]:
    """Read answers to questions the bank has moved (its `moved` entries) where the bank now
    asks them, and say so: the file itself changes only when it is saved or migrated."""
    answers = data.get("answers")
    if not bank.moved or not isinstance(answers, dict):
        return []
    found: list[tuple[tuple[str | int, ...], str]] = []
    for folded in fold(bank.moved, answers):
        move = folded.move
        if not folded.carried:
            text = _(
                "is no longer asked and {into} is not answered, so it is not read. "
                "Run `hria migrate {name}` to move it in the file"
            )
        elif move.evidence_only:
            text = _(
                "its evidence belongs to {into} now, and is read there. "
                "Run `hria migrate {name}` to move it in the file"
            )
        else:
            text = _(
                "is no longer asked; it is read as evidence of {into}. "
                "Run `hria migrate {name}` to move it in the file"
            )
        message = text.format(into=move.into, name=shell_quote(name))
        found.append((("answers", move.question), message))
    return found


def _check_version(data: Any, name: str, locator: Locator) -> None:
    """The version decides how to read the rest, so a bad one stops here."""
    if not isinstance(data, dict):
        line, column, _where = locator.find([])
        top = _("expected a mapping at the top of the file")
        raise InvalidFileError([Problem(name, top, line=line, column=column)])
    version = data.get("schema_version")
    message = None
    if "review_schema_version" in data:
        message = _("this is a review file; check it with `hria check ASSESSMENT --review FILE`")
    elif version is None:
        message = _("schema_version is missing (this hria writes {supported})")
    elif isinstance(version, bool) or not isinstance(version, int):
        message = _("schema_version must be a whole number")
    elif version > SCHEMA_VERSION:
        message = _(
            "schema_version {version} comes from a newer hria; this one reads up to "
            "{supported}: upgrade hria"
        )
    elif version < 1:
        message = _("unknown schema_version; this hria reads {supported}")
    if message:
        message = message.format(version=version, supported=SCHEMA_VERSION)
        line, column, where = locator.find(["schema_version"])
        raise InvalidFileError([Problem(name, message, line=line, column=column, where=where)])


def _check_bank_major(data: dict[str, Any], bank: Bank, name: str, locator: Locator) -> None:
    """A file answered against an older major version of the bank is migrated, not guessed at."""
    ref = data.get("metadata")
    ref = ref.get("bank") if isinstance(ref, dict) else None
    if not isinstance(ref, dict) or ref.get("id") != bank.id:
        return
    version = ref.get("version")
    old, new = major(version) if isinstance(version, str) else None, major(bank.version)
    if old is None or new is None or old >= new:
        return
    line, column, where = locator.find(["metadata", "bank", "version"])
    message = _(
        "answered against {bank} {version}; this hria uses {current}. "
        "Run `hria migrate {name}` to carry the answers over"
    ).format(bank=bank.id, version=version, current=bank.version, name=shell_quote(name))
    raise InvalidFileError([Problem(name, message, line=line, column=column, where=where)])


def _bank_ref(
    assessment: Assessment, bank: Bank, name: str, locator: Locator, warnings: list[Problem]
) -> list[Problem]:
    ref = assessment.metadata.bank
    if ref.id != bank.id:
        line, column, where = locator.find(["metadata", "bank", "id"])
        message = _("answers question bank '{answered}', but the bank in use is '{used}'").format(
            answered=ref.id, used=bank.id
        )
        return [Problem(name, message, line=line, column=column, where=where)]
    if ref.version != bank.version:
        line, column, where = locator.find(["metadata", "bank", "version"])
        message = _(
            "answers bank version {answered}; evaluated with {used}, "
            "so some questions may be new or changed"
        ).format(answered=ref.version, used=bank.version)
        warnings.append(Problem(name, message, line=line, column=column, where=where))
    return []


def dump(assessment: Assessment, path: Path, previous_text: str | None = None) -> str:
    """Serialise for `path`: JSON, or YAML that keeps the comments and order of `previous_text`."""
    return dump_model(assessment, path, previous_text)


def dump_model(model: BaseModel, path: Path, previous_text: str | None = None) -> str:
    """`dump` for any file model (an assessment, a review)."""
    if path.name.endswith(".json"):
        data = model.model_dump(mode="json", by_alias=True, exclude_none=True)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    data = _tidy(_plain(model.model_dump(by_alias=True, exclude_none=True)))
    if previous_text is None or "#" not in previous_text:
        return emit(data)  # nothing to preserve: the fast writer
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.representer.ignore_aliases = lambda *_: True  # equal dates must not become anchors
    doc = yaml.load(previous_text) if previous_text else None
    doc = _merge(doc, data) if doc is not None else data
    out = io.StringIO()
    yaml.dump(doc, out)
    return out.getvalue()


def dump_draft(data: dict[str, Any], path: Path) -> str:
    """Serialise plain data that is not an assessment yet (a draft whose metadata is being
    asked): the same layout as `dump`, dates as ISO text in JSON."""
    if path.name.endswith(".json"):
        return json.dumps(_plain(data), indent=2, ensure_ascii=False, default=str) + "\n"
    return emit(_tidy(_plain(data)))


def _plain(value: Any) -> Any:
    """Python data ruamel can write: enums become their values, dates stay dates."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    return value


# Plain scalars that YAML 1.1 readers (PyYAML and others) would turn into booleans.
_AMBIGUOUS = frozenset({"yes", "no", "on", "off", "y", "n", "true", "false"})


def _tidy(data: dict[str, Any]) -> dict[str, Any]:
    """Drop empty lists, and quote strings that other YAML readers would misread."""
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString

    def clean(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if v != []}
        if isinstance(value, list):
            return [clean(v) for v in value]
        if isinstance(value, str) and value.lower() in _AMBIGUOUS:
            return DoubleQuotedScalarString(value)
        return value

    tidied: dict[str, Any] = clean(data)
    return tidied


def _merge(old: Any, new: Any) -> Any:
    """Update a round-trip document in place so comments and key order survive."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in [k for k in old if k not in new]:
            del old[key]
        for key, value in new.items():
            old[key] = _merge(old[key], value) if key in old else value
        return old
    if isinstance(old, list) and isinstance(new, list):
        return _merge_list(old, new)
    return new


def _merge_list(old: list[Any], new: list[Any]) -> Any:
    """A list that did not change stays as it was read. The comments that follow a list in
    the file belong to its last item, so a list that changed takes them over."""
    if old == new:
        return old
    from ruamel.yaml.comments import CommentedSeq

    comments = getattr(old, "ca", None)
    if comments is None or not old or not new or len(old) - 1 not in comments.items:
        return new
    merged = CommentedSeq(new)
    merged.ca.items[len(new) - 1] = comments.items[len(old) - 1]
    return merged


def save(assessment: Assessment, path: Path, previous_text: str | None = None) -> str:
    """Write atomically, owner-only; returns the text written."""
    text = dump(assessment, path, previous_text)
    atomic_write(path, text)
    return text
