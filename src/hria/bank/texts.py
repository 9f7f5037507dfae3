"""Every text of the bank that a person reads, under a stable key, grouped by the bank file it
comes from: what a translation overlay translates (data/i18n/LANG/, one file per bank file).

Keys are built from ids, choice values and rule codes, never from positions, so that moving a
question or a rule does not change them: `question.ID.prompt`, `question.ID.choice.VALUE.label`,
`rule.CODE.title`, `section.ID.intro`, `gate.ID.summary`, `instrument.ID.title`,
`profile.level.N.title` and so on.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from hria.models.bank import Bank, ChoiceQuestion, Question

Texts = dict[str, dict[str, str]]  # bank file (relative) -> key -> English text


def bank_texts(bank: Bank, rule_files: dict[str, str]) -> Texts:
    """The bank's texts; `rule_files` names the file (e.g. 'rules/vendor.yaml') of each rule
    code."""
    out: Texts = {"bank.yaml": {}, "instruments.yaml": {}}
    manifest = out["bank.yaml"]
    manifest["bank.title"], manifest["bank.description"] = bank.title, bank.description
    for gate in bank.gates:
        for name in ("title", "test_name", "summary"):
            manifest[f"gate.{gate.id}.{name}"] = getattr(gate, name)
    for instrument in bank.instruments.values():
        out["instruments.yaml"][f"instrument.{instrument.id}.short"] = instrument.short
        out["instruments.yaml"][f"instrument.{instrument.id}.title"] = instrument.title
    if bank.recommendations:
        out["recommendations.yaml"] = {
            f"recommendation.{r.id}.text": r.text for r in bank.recommendations.values()
        }
    if bank.profile is not None:
        out["profile.yaml"] = dict(_profile(bank))
    for section in bank.sections:
        texts = {f"section.{section.id}.title": section.title}
        texts[f"section.{section.id}.intro"] = section.intro
        for question in section.questions:
            texts.update(_question(question))
        out[f"questions/{section.id}.yaml"] = texts
    for rule in bank.rules:
        texts = out.setdefault(rule_files[rule.code], {})
        for name in ("title", "rationale", "recommendation"):
            texts[f"rule.{rule.code}.{name}"] = getattr(rule, name)
    return {name: {k: v.strip() for k, v in texts.items()} for name, texts in out.items()}


def _question(question: Question) -> Iterator[tuple[str, str]]:
    head = f"question.{question.id}"
    yield f"{head}.prompt", question.prompt
    yield f"{head}.help", question.help
    if question.evidence_hint:
        yield f"{head}.evidence_hint", question.evidence_hint
    unit = getattr(question, "unit", None)
    if unit:
        yield f"{head}.unit", unit
    if isinstance(question, ChoiceQuestion):
        for choice in question.choices:
            yield f"{head}.choice.{choice.value}.label", choice.label
            if choice.help:
                yield f"{head}.choice.{choice.value}.help", choice.help


def _profile(bank: Bank) -> Iterator[tuple[str, str]]:
    profile = bank.profile
    assert profile is not None
    yield "profile.principle", profile.principle
    for level in profile.levels:
        yield f"profile.level.{level.level}.title", level.title
        yield f"profile.level.{level.level}.summary", level.summary
    for factor in profile.factors:
        yield f"profile.factor.{factor.id}.title", factor.title
        yield f"profile.factor.{factor.id}.reason", factor.reason
    for scale in profile.scales:
        yield f"profile.scale.{scale.id}.title", scale.title
        yield f"profile.scale.{scale.id}.reason", scale.reason
    if profile.burden is not None:
        yield "profile.burden.title", profile.burden.title
        yield "profile.burden.reason", profile.burden.reason


def overlay_path(root: Path, lang: str, bank_file: str) -> Path:
    """Where the `lang` overlay of a bank file lives."""
    return root / "i18n" / lang / bank_file


def rule_files(folder: Path) -> dict[str, str]:
    """The file of each rule code in the bank at `folder`, e.g. 'rules/vendor.yaml'."""
    from hria.files.yamlio import parse

    files: dict[str, str] = {}
    for path in sorted((folder / "rules").glob("*.yaml")):
        data = parse(path.read_text(encoding="utf-8"), str(path), "question bank")
        for rule in data.get("rules", []) if isinstance(data, dict) else []:
            files.setdefault(str(rule.get("code")), f"rules/{path.name}")
    return files
