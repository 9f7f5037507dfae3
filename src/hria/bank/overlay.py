"""The bank in another language: the English bank with the texts of data/i18n/LANG/ put in.

An overlay file maps each text's key (see bank/texts.py) to its English `source` and its
translation `text`. A text with no translation, or whose English has changed since it was
translated (stale), is shown in English; the caller warns once with the count. A key that
names no text of the bank, or an entry that is not a source and a text, is a bank error,
located by file and line like any other.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel

from hria.bank.texts import bank_texts, overlay_path
from hria.errors import BankError, InvalidFileError, Problem
from hria.files.reading import read_text
from hria.files.yamlio import Locator, parse
from hria.models.bank import Bank, ChoiceQuestion, Question, Rule, Section

M = TypeVar("M", bound=BaseModel)
KIND = "translation"


@dataclass
class Coverage:
    """How much of the bank a language covers."""

    lang: str
    total: int = 0
    missing: list[str] = field(default_factory=list)  # keys with no translation
    stale: list[str] = field(default_factory=list)  # keys whose English changed

    @property
    def translated(self) -> int:
        return self.total - len(self.missing) - len(self.stale)


def read_overlay(folder: Path, lang: str, bank: Bank, rule_files: Mapping[str, str]) -> Overlay:
    """The translations in force for `lang` (key -> text), and the coverage."""
    overlay, problems = Overlay(Coverage(lang)), list[Problem]()
    for name, english in bank_texts(bank, dict(rule_files)).items():
        overlay.coverage.total += len(english)
        path = overlay_path(folder, lang, name)
        entries, locator = _entries(path, problems) if path.is_file() else ({}, None)
        problems += [
            _problem(path, locator, key, f"'{key}' is no text of {name}")
            for key in sorted(entries.keys() - english.keys())
        ]
        for key, source_now in english.items():
            source, text = entries.get(key, ("", ""))
            if not text:
                overlay.coverage.missing.append(key)
            elif source.strip() != source_now:
                overlay.coverage.stale.append(key)
            else:
                overlay.texts[key] = text
    if problems:
        raise BankError(sorted(problems, key=lambda p: (p.path, p.line or 0)), KIND)
    return overlay


@dataclass
class Overlay:
    coverage: Coverage
    texts: dict[str, str] = field(default_factory=dict)  # key -> the translation in force


def _problem(path: Path, locator: Locator | None, key: str, message: str) -> Problem:
    line, column, _ = locator.find([key], at_key=True) if locator else (None, None, "")
    return Problem(str(path), message, line=line, column=column)


def _entries(path: Path, problems: list[Problem]) -> tuple[dict[str, tuple[str, str]], Locator]:
    try:
        text = read_text(path, KIND)
        data = parse(text, str(path), KIND)
    except InvalidFileError as exc:
        problems.extend(exc.problems)
        return {}, Locator("")
    locator = Locator(text)
    if not isinstance(data, dict):
        problems.append(Problem(str(path), "expected a mapping of text keys to entries"))
        return {}, locator
    found = {}
    for key, entry in data.items():
        fields = entry if isinstance(entry, dict) else {}
        if set(fields) != {"source", "text"} or not all(
            isinstance(v, str) for v in fields.values()
        ):
            problems.append(_problem(path, locator, key, f"'{key}' needs a source and a text"))
            continue
        found[str(key)] = (fields["source"], fields["text"].strip())
    return found, locator


def translate(bank: Bank, texts: Mapping[str, str], lang: str, untranslated: int) -> Bank:
    """`bank` in `lang`: `texts` in place of the English they translate."""

    def pick(key: str, english: str) -> str:
        return texts.get(key, english)

    gates = [
        _with(g, **{n: pick(f"gate.{g.id}.{n}", getattr(g, n)) for n in _GATE}) for g in bank.gates
    ]
    instruments = {
        i.id: _with(
            i,
            short=pick(f"instrument.{i.id}.short", i.short),
            title=pick(f"instrument.{i.id}.title", i.title),
        )
        for i in bank.instruments.values()
    }
    recommendations = {
        r.id: _with(r, text=pick(f"recommendation.{r.id}.text", r.text))
        for r in bank.recommendations.values()
    }
    return _with(
        bank,
        lang=lang,
        untranslated=untranslated,
        title=pick("bank.title", bank.title),
        description=pick("bank.description", bank.description),
        gates=gates,
        instruments=instruments,
        recommendations=recommendations,
        sections=[_section(s, pick) for s in bank.sections],
        rules=[_rule(r, pick) for r in bank.rules],
        profile=_profile(bank, pick),
    )


_GATE = ("title", "test_name", "summary")
_RULE = ("title", "rationale", "recommendation")


def _section(section: Section, pick: Any) -> Section:
    head = f"section.{section.id}"
    return _with(
        section,
        title=pick(f"{head}.title", section.title),
        intro=pick(f"{head}.intro", section.intro),
        questions=[_question(q, pick) for q in section.questions],
    )


def _question(question: Question, pick: Any) -> Question:
    head = f"question.{question.id}"
    changes: dict[str, Any] = {
        "prompt": pick(f"{head}.prompt", question.prompt),
        "help": pick(f"{head}.help", question.help),
    }
    if question.evidence_hint:
        changes["evidence_hint"] = pick(f"{head}.evidence_hint", question.evidence_hint)
    if getattr(question, "unit", None):
        changes["unit"] = pick(f"{head}.unit", question.unit)  # type: ignore[union-attr]
    if isinstance(question, ChoiceQuestion):
        changes["choices"] = [
            _with(
                c,
                label=pick(f"{head}.choice.{c.value}.label", c.label),
                help=pick(f"{head}.choice.{c.value}.help", c.help) if c.help else c.help,
            )
            for c in question.choices
        ]
    return _with(question, **changes)


def _rule(rule: Rule, pick: Any) -> Rule:
    return _with(rule, **{n: pick(f"rule.{rule.code}.{n}", getattr(rule, n)) for n in _RULE})


def _profile(bank: Bank, pick: Any) -> Any:
    profile = bank.profile
    if profile is None:
        return None
    levels = [
        _with(
            lv,
            title=pick(f"profile.level.{lv.level}.title", lv.title),
            summary=pick(f"profile.level.{lv.level}.summary", lv.summary),
        )
        for lv in profile.levels
    ]
    factors = [
        _with(
            f,
            title=pick(f"profile.factor.{f.id}.title", f.title),
            reason=pick(f"profile.factor.{f.id}.reason", f.reason),
        )
        for f in profile.factors
    ]
    scales = [
        _with(
            s,
            title=pick(f"profile.scale.{s.id}.title", s.title),
            reason=pick(f"profile.scale.{s.id}.reason", s.reason),
        )
        for s in profile.scales
    ]
    burden = profile.burden
    if burden is not None:
        burden = _with(
            burden,
            title=pick("profile.burden.title", burden.title),
            reason=pick("profile.burden.reason", burden.reason),
        )
    return _with(
        profile,
        principle=pick("profile.principle", profile.principle),
        levels=levels,
        factors=factors,
        scales=scales,
        burden=burden,
    )


def _with(model: M, **changes: Any) -> M:
    """A copy with `changes`, built afresh: a copy by model_copy would keep the values that
    cached properties computed from the English (the bank's question index, for one)."""
    values = {name: getattr(model, name) for name in type(model).model_fields}
    return type(model).model_construct(model.model_fields_set, **{**values, **changes})
