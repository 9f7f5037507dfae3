"""The bundled translations: complete, current, and consistent in their terms."""

from __future__ import annotations

import re

import pytest

from hria.bank.build import build_bank
from hria.bank.load import default_bank_dir, load_bank
from hria.bank.overlay import read_overlay
from hria.bank.texts import bank_texts, rule_files
from hria.files.yamlio import parse

DATA = default_bank_dir()
LANGS = ("es", "pt-BR")


@pytest.fixture(scope="module")
def english() -> dict[str, str]:
    texts = bank_texts(build_bank(DATA), rule_files(DATA))
    return {key: text for group in texts.values() for key, text in group.items()}


@pytest.mark.parametrize("lang", LANGS)
def test_every_text_is_translated_and_none_is_stale(lang: str) -> None:
    bank = load_bank(None, "en")
    coverage = read_overlay(DATA, lang, bank, rule_files(DATA)).coverage
    assert coverage.stale == [], f"{lang}: the English of these changed since: {coverage.stale}"
    assert coverage.missing == [], f"{lang}: not translated: {coverage.missing}"
    assert coverage.translated == coverage.total > 2000


def _translations(lang: str) -> dict[str, str]:
    found = {}
    for path in sorted((DATA / "i18n" / lang).rglob("*.yaml")):
        if path.name == "glossary.yaml":
            continue
        data = parse(path.read_text(encoding="utf-8"), str(path), "translation")
        found.update({k: v["text"] for k, v in data.items() if v["text"]})
    return found


@pytest.mark.parametrize("lang", LANGS)
def test_the_glossary_terms_are_used_throughout(lang: str, english: dict[str, str]) -> None:
    terms = parse((DATA / "i18n" / "terms.yaml").read_text(encoding="utf-8"), "terms", "terms")
    misses = []
    translated = _translations(lang)
    for term in terms:
        source, target = re.compile(term["en"], re.I), re.compile(term[lang], re.I)
        for key, text in translated.items():
            if source.search(english.get(key, "")) and not target.search(text):
                misses.append(f"{key}: {term['en']!r} is not rendered as {term[lang]!r}")
    assert translated and not misses, "\n".join(misses)


@pytest.mark.parametrize("lang", LANGS)
def test_codes_numbers_and_answer_words_survive_translation(
    lang: str, english: dict[str, str]
) -> None:
    kept = re.compile(r"\b[A-Z]{2,3}-\d{3}\b|`[^`]+`|'(?:yes|no|unknown)'")
    problems = [
        f"{key}: {token} is missing"
        for key, text in _translations(lang).items()
        for token in set(kept.findall(english.get(key, "")))
        if token not in text
    ]
    assert not problems, "\n".join(problems)


def test_a_glossary_per_language() -> None:
    for lang in LANGS:
        entries = parse(
            (DATA / "i18n" / lang / "glossary.yaml").read_text(encoding="utf-8"), lang, "glossary"
        )
        assert len(entries) >= 100 and all(e["en"] and e[lang] for e in entries)
