"""The interface's message catalogs: every marked text translated in each language, the
compiled catalogs in step with their sources, and verdicts said in the bank's language."""

from __future__ import annotations

import datetime as dt
import gettext
import importlib.util
import re
from pathlib import Path
from types import ModuleType

import pytest
from babel.messages.pofile import read_po

from hria.bank.load import load_bank
from hria.domain.engine import assess
from hria.files.store import load_assessment
from hria.files.yamlio import parse
from hria.i18n import DOMAIN, GETTEXT_NAMES, LOCALE_DIR
from tests.conftest import ROOT

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "i18n_catalogs.py"


def _script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_catalogs", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _marked() -> set[str]:
    """Every text marked in the code and the templates, extracted as the script does."""
    return {m.id[0] if isinstance(m.id, tuple) else m.id for m in _script().marked() if m.id}


@pytest.mark.parametrize("lang", sorted(GETTEXT_NAMES))
def test_every_marked_text_is_translated_and_nothing_else_is_kept(lang: str) -> None:
    po = LOCALE_DIR / GETTEXT_NAMES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}
    marked = _marked()
    assert marked and marked == ids, (marked - ids, ids - marked)
    for message in catalog:
        if message.id:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            assert all(strings), f"{lang}: {message.id!r} is not translated"


@pytest.mark.parametrize("lang", sorted(GETTEXT_NAMES))
def test_the_compiled_catalog_says_what_its_source_says(lang: str) -> None:
    folder = LOCALE_DIR / GETTEXT_NAMES[lang] / "LC_MESSAGES"
    with (folder / f"{DOMAIN}.po").open("rb") as handle:
        catalog = read_po(handle)
    with (folder / f"{DOMAIN}.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for message in catalog:
        ident, string = message.id, message.string
        if not ident:
            continue
        if isinstance(ident, tuple | list):
            many = list(string) if isinstance(string, tuple | list) else [str(string)]
            assert compiled.ngettext(str(ident[0]), str(ident[1]), 1) == many[0]
            assert compiled.ngettext(str(ident[0]), str(ident[1]), 5) == many[1]
        else:
            assert compiled.gettext(str(ident)) == string, "run pybabel compile"


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", "Fails the legitimate-aim, necessity, proportionality and safeguards tests"),
        ("es", "No supera los tests de fin legítimo, necesidad, proporcionalidad y salvaguardias"),
        (
            "pt-BR",
            "Reprovado nos testes de objetivo legítimo, necessidade, proporcionalidade e "
            "salvaguardas",
        ),
    ],
)
def test_a_verdict_is_said_in_the_banks_language(lang: str, words: str) -> None:
    bank = load_bank(None, lang)
    case = ROOT / "assessments" / "gps-tagging-immigration-bail.hria.yaml"
    verdict = assess(bank, load_assessment(case, bank).assessment, dt.date(2026, 12, 2)).verdict
    assert verdict.text == words and verdict.outcome.value == "fails"


def _pairs(lang: str) -> list[tuple[str, str]]:
    """(English, translation) for every text of the catalog, plural forms included."""
    po = LOCALE_DIR / GETTEXT_NAMES[lang] / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po.open("rb") as handle:
        catalog = read_po(handle)
    pairs = []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        pairs += [(str(ids[min(i, len(ids) - 1)]), str(s)) for i, s in enumerate(strings)]
    return pairs


@pytest.mark.parametrize("lang", sorted(GETTEXT_NAMES))
def test_placeholders_codes_and_commands_survive_translation(lang: str) -> None:
    kept = re.compile(
        r"\{[a-z_]*\}|%\([a-z_]+\)[sd]|%[sd]|\b[A-Z]{2,3}-\d{3}\b|`[^`]+`|--[a-z][a-z-]+"
        r"|\bhria (?:check|migrate|report|diff|summary|new|resume|edit|review|rules|explain"
        r"|questions|schema|i18n)\b"
    )
    problems = [
        f"{lang}: {token} is missing from {string!r}"
        for english, string in _pairs(lang)
        for token in set(kept.findall(english))
        if token not in string
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("lang", sorted(GETTEXT_NAMES))
def test_the_interface_uses_the_glossary_terms(lang: str) -> None:
    """The terms the bank's translations hold to (data/i18n/terms.yaml) hold in the code's
    texts too, so a flag's title and the screen around it say the same thing."""
    terms_file = ROOT / "src" / "hria" / "data" / "i18n" / "terms.yaml"
    terms = parse(terms_file.read_text(encoding="utf-8"), "terms", "terms")
    misses = [
        f"{english!r}: {term['en']!r} is not rendered as {term[lang]!r}"
        for term in terms
        for english, string in _pairs(lang)
        if re.search(term["en"], english, re.I) and not re.search(term[lang], string, re.I)
    ]
    assert not misses, "\n".join(misses)


def test_template_texts_are_extracted_however_they_are_marked(tmp_path: Path) -> None:
    from babel.messages.extract import extract_from_dir

    script = _script()
    (tmp_path / "t.html.j2").write_text(
        '{% trans %}A block{% endtrans %} {{ _("A call") }} '
        '{{ ngettext("%(num)s flag", "%(num)s flags", 2) }}\n',
        encoding="utf-8",
    )
    found = {
        m[2] if isinstance(m[2], str) else m[2][0]
        for m in extract_from_dir(
            str(tmp_path),
            method_map=[("**.j2", "jinja2.ext:babel_extract")],
            options_map=script.OPTIONS,
            keywords=script.KEYWORDS,
        )
    }
    assert found == {"A block", "A call", "%(num)s flag"}
