"""Build the question bank from its YAML files: validate each, then cross-check their
references. Every problem is collected, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError

from hria.bank.cache import cached_parse
from hria.bank.crosscheck import cross_check
from hria.errors import BankError, InvalidFileError, Problem
from hria.files.reading import read_text
from hria.files.validation import problems_from
from hria.files.yamlio import Locator
from hria.models.bank import Bank, BankManifest, Instrument, Recommendation, Rule, Section
from hria.models.profile import ProfileSpec

KIND = "question bank"
M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
_RULES = TypeAdapter(list[Rule])
_INSTRUMENTS = TypeAdapter(list[Instrument])
_RECOMMENDATIONS = TypeAdapter(list[Recommendation])


def build_bank(folder: Path) -> Bank:
    """The bank in `folder`, validated and cross-checked; BankError lists every problem."""
    loader = _Loader(folder)
    bank = loader.load()
    problems = loader.problems + (cross_check(bank, loader.origins) if bank else [])
    if problems or bank is None:
        raise BankError(problems, KIND)
    return bank


@dataclass
class _Doc:
    path: str
    data: Any
    locator: Locator


class _Loader:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.problems: list[Problem] = []
        self.origins: dict[str, tuple[str, Locator, list[str | int]]] = {}

    def load(self) -> Bank | None:
        manifest = self._model(self._read("bank.yaml"), BankManifest)
        raw_instruments = self._read("instruments.yaml")
        instruments = self._list(raw_instruments, "instruments", _INSTRUMENTS)
        recommendations = self._optional_list("recommendations.yaml", _RECOMMENDATIONS)
        profile = self._profile()
        if manifest is None:
            return None
        sections = [self._section(name) for name in manifest.sections]
        rules = [r for f in self._rule_files() for r in self._rules(f)]
        if self.problems:
            return None
        return Bank(
            id=manifest.id,
            version=manifest.version,
            title=manifest.title,
            description=manifest.description,
            gates=manifest.gates,
            screening=manifest.screening,
            instruments={i.id: i for i in instruments or []},
            recommendations={r.id: r for r in recommendations},
            sections=[s for s in sections if s is not None],
            rules=rules,
            profile=profile,
        )

    def _profile(self) -> ProfileSpec | None:
        """data/profile.yaml is optional: a bank without it has no intrusion levels."""
        if not (self.directory / "profile.yaml").is_file():
            return None
        doc = self._read("profile.yaml")
        spec = self._model(doc, ProfileSpec)
        if spec is not None and doc is not None:
            self.origins["profile"] = (doc.path, doc.locator, [])
            for index, factor in enumerate(spec.factors):
                self.origins[f"profile:{factor.id}"] = (doc.path, doc.locator, ["factors", index])
        return spec

    def _read(self, relative: str) -> _Doc | None:
        path = self.directory / relative
        name = str(path)
        try:
            text = read_text(path, KIND)
            return _Doc(name, cached_parse(text, name, KIND), Locator(text))
        except InvalidFileError as exc:
            self.problems.extend(exc.problems)
        return None

    def _model(self, doc: _Doc | None, model: type[M]) -> M | None:
        if doc is None:
            return None
        try:
            return model.model_validate(doc.data)
        except ValidationError as exc:
            self.problems.extend(problems_from(exc, doc.path, doc.locator))
            return None

    def _list(self, doc: _Doc | None, key: str, adapter: TypeAdapter[list[T]]) -> list[T]:
        if doc is None:
            return []
        if not isinstance(doc.data, dict) or set(doc.data) != {key}:
            self.problems.append(Problem(doc.path, f"expected a single top-level key '{key}'"))
            return []
        try:
            return adapter.validate_python(doc.data[key])
        except ValidationError as exc:
            self.problems.extend(problems_from(exc, doc.path, doc.locator, prefix=[key]))
            return []

    def _optional_list(self, relative: str, adapter: TypeAdapter[list[T]]) -> list[T]:
        if not (self.directory / relative).is_file():
            return []
        key = relative.removesuffix(".yaml")
        return self._list(self._read(relative), key, adapter)

    def _section(self, name: str) -> Section | None:
        doc = self._read(f"questions/{name}.yaml")
        section = self._model(doc, Section)
        if section is not None and doc is not None:
            if section.id != name:
                self.problems.append(Problem(doc.path, f"section id '{section.id}' != file name"))
            self.origins[section.id] = (doc.path, doc.locator, [])
            for index, question in enumerate(section.questions):
                self.origins[question.id] = (doc.path, doc.locator, ["questions", index])
        return section

    def _rule_files(self) -> list[str]:
        folder = self.directory / "rules"
        return sorted(f"rules/{p.name}" for p in folder.glob("*.yaml")) if folder.is_dir() else []

    def _rules(self, relative: str) -> list[Rule]:
        doc = self._read(relative)
        rules = self._list(doc, "rules", _RULES)
        if doc is not None:
            for index, rule in enumerate(rules):
                self.origins.setdefault(rule.code, (doc.path, doc.locator, ["rules", index]))
        return rules
