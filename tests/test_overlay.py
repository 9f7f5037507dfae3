"""The bank in another language: translation overlays, their fall-back to English, their
validation, and the choice of language."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from hria.bank.load import load_bank
from hria.domain.engine import assess
from hria.errors import BankError
from hria.files.store import load_assessment
from hria.lang import UnknownLanguage, choose, normalise
from tests.conftest import MINI, ROOT

TODAY = dt.date(2026, 12, 2)
OVERLAY = """\
section.basics.title:
  source: "{title}"
  text: "Lo básico"
question.basics.tech.prompt:
  source: "Which technologies?"
  text: "¿Qué tecnologías?"
question.basics.tech.choice.gps.label:
  source: "GPS"
  text: "GPS (posicionamiento por satélite)"
question.basics.law.prompt:
  source: "Is there a law? (an older English text)"
  text: "¿Hay una ley?"
"""


def _bank_with(tmp_path: Path, text: str, name: str = "questions/basics.yaml") -> Path:
    folder = tmp_path / "bank"
    shutil.copytree(MINI, folder)
    overlay = folder / "i18n" / "es" / name
    overlay.parent.mkdir(parents=True)
    title = load_bank(MINI).sections[0].title
    overlay.write_text(text.replace("{title}", title), encoding="utf-8")
    return folder


def test_translations_replace_the_english_and_the_rest_falls_back(tmp_path: Path) -> None:
    folder = _bank_with(tmp_path, OVERLAY)
    english, spanish = load_bank(folder), load_bank(folder, "es")
    assert spanish.lang == "es" and english.lang == "en"
    assert spanish.sections[0].title == "Lo básico"
    tech = spanish.questions["basics.tech"]
    assert tech.prompt == "¿Qué tecnologías?"
    labels = {c.value: c.label for c in tech.choices}  # type: ignore[union-attr]
    assert labels["gps"] == "GPS (posicionamiento por satélite)" and labels["faces"] == "Faces"
    assert spanish.questions["basics.law"].prompt == "Is there a law?", "a stale text is English"
    assert spanish.untranslated > 0
    assert english.questions["basics.tech"].prompt == "Which technologies?", "English untouched"


def test_a_translated_bank_judges_exactly_as_the_english_one() -> None:
    case = ROOT / "assessments" / "live-frt-public-square.hria.yaml"
    results = []
    for lang in ("en", "es", "pt-BR"):
        bank = load_bank(None, lang)
        evaluation = assess(bank, load_assessment(case, bank).assessment, TODAY)
        results.append(
            [(f.code, f.severity, [t.ref for t in f.triggers]) for f in evaluation.flags]
        )
    assert results[0] == results[1] == results[2] and results[0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('question.basics.nope.prompt:\n  source: "x"\n  text: "y"\n', "is no text of"),
        ('question.basics.tech.help: "just a text"\n', "needs a source and a text"),
        ('question.basics.law.help:\n  source: "x"\n  text: 3\n', "needs a source and a text"),
    ],
)
def test_an_overlay_that_does_not_fit_the_bank_is_a_located_error(
    tmp_path: Path, text: str, message: str
) -> None:
    folder = _bank_with(tmp_path, OVERLAY + text)
    with pytest.raises(BankError) as caught:
        load_bank(folder, "es")
    (problem,) = caught.value.problems
    assert message in problem.message and problem.line == OVERLAY.count("\n") + 1
    assert problem.path.endswith("basics.yaml")


def test_the_language_comes_from_the_flag_then_hria_lang_then_the_locale() -> None:
    assert choose("es", {"HRIA_LANG": "pt-BR"}) == "es"
    assert choose(None, {"HRIA_LANG": "pt_BR.UTF-8", "LANG": "es_MX.UTF-8"}) == "pt-BR"
    assert choose(None, {"LC_ALL": "", "LC_MESSAGES": "es_AR.UTF-8", "LANG": "pt_BR"}) == "es"
    assert choose(None, {"LANG": "de_DE.UTF-8"}) == "en", "an unsupported locale: English"
    assert choose(None, {"LANG": "C"}) == "en" and choose(None, {}) == "en"
    assert normalise("pt") == "pt-BR" and normalise("EN_gb") == "en"
    with pytest.raises(UnknownLanguage):
        choose("fr", {})
    with pytest.raises(UnknownLanguage):
        choose(None, {"HRIA_LANG": "klingon"})
