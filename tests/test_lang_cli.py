"""The language of the bank's texts on the command line: --lang, HRIA_LANG, the locale, and
files that stay the same whatever the language they were answered in."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hria.cli import app
from hria.files.yamlio import parse
from tests.conftest import MINI

runner = CliRunner()
ES_TITLE = "Ninguna ley faculta al organismo estatal para este uso"
PT_TITLE = "Rostos são comparados um-para-muitos para identificar pessoas"
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}


def invoke(*args: str, **env: str) -> Result:
    return runner.invoke(app, list(args), env={**NO_LOCALE, **env})


def test_lang_flag_then_hria_lang_then_the_locale() -> None:
    assert ES_TITLE in invoke("explain", "LEG-001", "--lang", "es").stdout
    assert PT_TITLE in invoke("rules", HRIA_LANG="pt-BR").stdout
    assert ES_TITLE in invoke("explain", "LEG-001", LANG="es_MX.UTF-8").stdout
    flag_wins = invoke("rules", "--lang", "en", HRIA_LANG="pt-BR").stdout
    assert PT_TITLE not in flag_wins and "One-to-many" in flag_wins
    plain = invoke("explain", "LEG-001", LANG="de_DE.UTF-8")
    assert ES_TITLE not in plain.stdout and plain.exit_code == 0


def test_a_language_hria_lacks_is_a_usage_error() -> None:
    result = invoke("rules", "--lang", "fr")
    assert result.exit_code == 2
    assert "choose one of en, es, pt-BR" in result.stderr


@pytest.mark.filterwarnings("default::hria.errors.HriaWarning")  # printed, as outside tests
def test_a_bank_without_the_translation_falls_back_with_one_warning() -> None:
    result = invoke("rules", "--bank", str(MINI), "--lang", "es")
    assert result.exit_code == 0 and "RL-001" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if line.startswith("aviso:")]
    assert warnings == [
        "aviso: 52 textos del banco de preguntas no tienen una traducción vigente al español; "
        "se muestran en inglés"
    ]


def test_i18n_status_reports_coverage_and_strict_fails_on_gaps() -> None:
    full = invoke("i18n", "status", "--strict")
    assert full.exit_code == 0 and "2132 of 2132" in full.stdout
    partial = invoke("i18n", "status", "--strict", "--bank", str(MINI))
    assert partial.exit_code == 1 and "0 of 52" in partial.stdout


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_a_skeleton_differs_by_language_only_in_its_comments(tmp_path: Path, lang: str) -> None:
    meta = ["--title", "T", "--organisation", "O", "--assessor", "A", "--review-by", "2027-01-01"]
    english, other = tmp_path / "en.hria.yaml", tmp_path / f"{lang}.hria.yaml"
    assert invoke("new", "--skeleton", str(english), *meta).exit_code == 0
    result = invoke("new", "--skeleton", str(other), *meta, "--lang", lang)
    assert result.exit_code == 0
    text_en, text_other = (p.read_text(encoding="utf-8") for p in (english, other))
    assert text_en != text_other, "the prompts in the comments are translated"
    data = [parse(t, "skeleton", "assessment file") for t in (text_en, text_other)]
    assert data[0] == data[1], "the data itself is language-neutral"


def test_check_in_portuguese_judges_as_in_english() -> None:
    case = str(Path(__file__).parent.parent / "assessments" / "live-frt-public-square.hria.yaml")
    english = invoke("check", case, "--format", "json")
    portuguese = invoke("check", case, "--format", "json", "--lang", "pt-BR")
    assert english.exit_code == portuguese.exit_code == 1
    text = invoke("check", case, "--lang", "pt-BR").stdout
    assert PT_TITLE in text and "[Linhas vermelhas]" in text

    def codes(output: str) -> list[tuple[str, str]]:
        import json

        flags = json.loads(output)["files"][0]["flags"]
        return [(f["code"], f["severity"]) for f in flags]

    assert codes(english.stdout) == codes(portuguese.stdout)


@pytest.mark.parametrize(
    ("lang", "summary"),
    [
        ("en", "error: invalid assessment file: 1 problem"),
        ("es", "error: archivo de evaluación no válido: 1 problema"),
        ("pt-BR", "erro: arquivo de avaliação inválido: 1 problema"),
    ],
)
def test_an_invalid_file_is_counted_in_the_language(
    tmp_path: Path, lang: str, summary: str
) -> None:
    broken = tmp_path / "broken.hria.yaml"
    broken.write_text("hria: 1\nanswers: [\n", encoding="utf-8")
    result = invoke("report", str(broken), HRIA_LANG=lang)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == summary and f"{broken}:3:1: " in lines[0]


def test_i18n_status_counts_the_interface_texts_and_strict_fails_on_a_gap(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import json

    from hria.bank import translations

    full = invoke("i18n", "status", "--format", "json")
    rows = json.loads(full.stdout)["languages"]
    assert all(r["interface_translated"] == r["interface_texts"] > 1000 for r in rows)
    assert "es: 1" in invoke("i18n", "status").stdout
    monkeypatch.setattr(translations, "interface_coverage", lambda _lang: (9, 10))
    gap = invoke("i18n", "status", "--strict")
    assert gap.exit_code == 1 and "es: 9 of 10 interface texts translated" in gap.stdout
