"""`hria explain`, `hria questions`, `hria diff`, `hria summary` and `hria i18n status` in
Spanish and Portuguese: nothing a person reads is left in English (but ids, values, names,
file names and the citations of sources, which are names)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hria.bank.listing import cite
from hria.bank.load import load_bank
from hria.cli import app
from hria.models.bank import Bank, ChoiceQuestion
from tests.untranslated import english_left, typed_in

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "assessments").glob("*.hria.yaml"))
BASE = ROOT / "assessments" / "on-device-verification.hria.yaml"
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
LANGS = ("es", "pt-BR")
runner = CliRunner()


def hria(*args: str | Path, lang: str) -> Result:
    return runner.invoke(app, [*map(str, args)], env={**NO_LOCALE, "HRIA_LANG": lang})


def _text(result: Result) -> str:
    return result.stdout + result.stderr


def names_in(bank: Bank) -> list[str]:
    """What a bank names and a listing shows as it is: citations, ids, choice values."""
    sources = [s for r in bank.rules for s in r.sources]
    sources += [s for q in bank.questions.values() for s in q.sources]
    if bank.profile is not None:
        sources += bank.profile.sources
        sources += bank.profile.burden.sources if bank.profile.burden else []
    found = {cite(bank, s) for s in sources}
    for question in bank.questions.values():
        found.add(question.id)
        if isinstance(question, ChoiceQuestion):
            found.update(c.value for c in question.choices)
    return sorted(found, key=len, reverse=True)


def _left(result: Result, lang: str, *typed: str) -> list[str]:
    assert result.exit_code == 0, _text(result)
    names = names_in(load_bank(None, lang))
    return english_left(_text(result), lang, [*typed, *names])


EXPLAINED = ["NEC-001", "RL-001", "SAF-004", "LEG-001", "DD-001", "profile"]


def test_english_explain_and_questions_are_caught() -> None:
    for args in (["explain", "NEC-001"], ["questions"]):
        assert {"the", "and"} <= set(_left(hria(*args, lang="en"), "es"))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("code", EXPLAINED)
def test_explain_has_no_english_left(lang: str, code: str) -> None:
    result = hria("explain", code, "--lang", lang, lang=lang)
    assert _left(result, lang) == []


@pytest.mark.parametrize("lang", LANGS)
def test_explain_headings_line_up(lang: str) -> None:
    lines = hria("explain", "NEC-001", lang=lang).stdout.splitlines()
    heads = [line for line in lines[3:8] if ":" in line]
    starts = {len(line) - len(line.split(":", 1)[1].lstrip()) for line in heads[:4]}
    assert len(starts) == 1, heads  # the values of Gate, Severity, By level, Mitigable


@pytest.mark.parametrize("lang", LANGS)
def test_questions_have_no_english_left(lang: str) -> None:
    result = hria("questions", "--lang", lang, lang=lang)
    assert result.stdout.count("\n") > 300
    assert _left(result, lang) == []


@pytest.fixture
def changed(tmp_path: Path) -> Path:
    """The bundled case with an answer, the status and an action changed."""
    text = BASE.read_text(encoding="utf-8")
    text = text.replace("    value: state_authority", "    value: private_company", 1)
    text = text.replace("  status: complete", "  status: draft", 1)
    text = text.replace("    status: done", "    status: planned", 1)
    path = tmp_path / "changed.hria.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_diff_in_spanish_has_no_english_left(fmt: str, changed: Path) -> None:
    result = hria("diff", BASE, changed, "--format", fmt, "--today", "2026-12-01", lang="es")
    assert result.exit_code == 1, _text(result)
    assert "Respuestas" in result.stdout and "cambios:" in result.stdout
    typed = typed_in(BASE, changed)
    assert english_left(_text(result), "es", [*typed, *names_in(load_bank(None, "es"))]) == []
    english = hria("diff", BASE, changed, "--format", fmt, "--today", "2026-12-01", lang="en")
    assert english_left(_text(english), "es", typed)


@pytest.mark.parametrize("fmt", ["text", "md"])
def test_summary_in_portuguese_has_no_english_left(fmt: str) -> None:
    args: list[str | Path] = ["summary", *CASES, "--format", fmt, "--today", "2026-12-01"]
    result = hria(*args, lang="pt-BR")
    assert result.exit_code in (0, 1), _text(result)
    assert "avaliações" in result.stdout
    assert english_left(_text(result), "pt-BR", typed_in(*CASES)) == []
    assert english_left(_text(hria(*args, lang="en")), "pt-BR", typed_in(*CASES))


def test_i18n_status_in_spanish() -> None:
    result = hria("i18n", "status", lang="es")
    assert result.exit_code == 0
    assert result.stdout.startswith("idioma ")
    assert "de 2132" in result.stdout or " de " in result.stdout.splitlines()[1]
    assert english_left(_text(result), "es") == []
    assert english_left(_text(hria("i18n", "status", lang="en")), "es")
