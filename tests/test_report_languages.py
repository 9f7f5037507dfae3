"""A report's language is its own: `hria report --lang` sets it whatever the interface speaks,
and an assessment file, which holds values and not words, renders in every language. A report
in Spanish or Portuguese, made from a case whose free texts are in that language, leaves no
English of hria's own but names and citations; so does the blank questionnaire."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hria.cli import app
from hria.files.reviews import review_path_for
from hria.i18n import translator
from hria.models.bank import Bank
from tests.system_parts import need_pdf
from tests.test_review_file import review_text
from tests.translated_cases import CASES, GPS, TEXTS, english_left, markdown_prose, translated_case

runner = CliRunner()
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
TODAY = "2026-11-22"
DIGEST = re.compile(r"SHA-256[^`]*`([0-9a-f]{64})`")


def invoke(*args: str | Path, **env: str) -> Result:
    result = runner.invoke(app, [str(a) for a in args], env={**NO_LOCALE, **env})
    assert result.exit_code == 0, result.output
    return result


def report(path: Path, lang: str, fmt: str = "md", **env: str) -> str:
    return invoke("report", path, "--format", fmt, "--today", TODAY, "--lang", lang, **env).stdout


def test_report_lang_is_the_reports_own_whatever_the_interface_speaks() -> None:
    md = report(GPS, "pt-BR", HRIA_LANG="es")
    assert md.startswith("# Avaliação de impacto em direitos humanos: ")
    assert "\n## Resumo\n" in md and "\n## Resumen\n" not in md
    assert "\n## Summary\n" not in md
    html = report(GPS, "pt-BR", "html", HRIA_LANG="es")
    assert '<html lang="pt-BR">' in html and "<h2>Resumo</h2>" in html
    # and without --lang the report speaks the interface's language
    assert "\n## Resumen\n" in invoke("report", GPS, "--today", TODAY, HRIA_LANG="es").stdout


@pytest.mark.parametrize("answered", ["pt-BR", "es"])
def test_a_file_answered_in_any_language_renders_in_any_other(
    answered: str, tmp_path: Path
) -> None:
    path = translated_case(tmp_path, answered)
    said = {lang: report(path, lang) for lang in ("en", "es", "pt-BR")}
    assert said["en"].startswith("# Human rights impact assessment: ")
    assert said["es"].startswith("# Evaluación de impacto en los derechos humanos: ")
    assert said["pt-BR"].startswith("# Avaliação de impacto em direitos humanos: ")
    # one compiled template serves every language: nothing is fixed in it at compile time
    assert "\n| Severity | unlikely | possible |" in said["en"]
    assert "\n| Gravedad | improbable | posible |" in said["es"]
    assert "\n| Gravidade | improvável | possível |" in said["pt-BR"]
    digests = {lang: DIGEST.findall(text) for lang, text in said.items()}
    assert len({tuple(d) for d in digests.values()}) == 1 and digests["en"], digests
    for text in said.values():  # what was typed is shown as typed, in every language
        assert TEXTS[answered]["note"] in text and TEXTS[answered]["evidence"] in text
    # the bank's own words follow the report: a choice's label, not the file's value
    assert "onitoração eletrônica" in said["pt-BR"] and "onitoreo electrónico" in said["es"]
    assert "electronic_monitoring" not in said["pt-BR"]


def _prose(text: str, lang: str) -> str:
    say = translator(lang)
    return markdown_prose(text, say("Sources"), say("Sources:"))


def test_the_english_report_is_caught(tmp_path: Path) -> None:
    """The scan finds English where there is some: in the English report of the same case."""
    found = english_left(_prose(report(translated_case(tmp_path, "es"), "en"), "en"))
    assert {"the", "and", "of", "findings", "verdict"} <= set(found)


def test_the_markdown_report_in_spanish_leaves_no_english(tmp_path: Path) -> None:
    text = report(translated_case(tmp_path, "es", waive="NEC-003"), "es")
    assert "\n## Riesgos aceptados\n" in text and "(**vencida**: las alertas" in text
    assert english_left(_prose(text, "es")) == {}


REVIEW = """\
answers:
  red_lines.face_identification:
    verdict: challenged
    value: "yes"
    evidence: ["Aviso de licitación 2026/114, lote 2"]
    comment: La búsqueda en la galería del proveedor está activada.
  context.compulsion: {verdict: accepted}
flags:
  VEN-014: {opinion: severity, severity: medium, why: El contrato no prevé reparación.}
missed:
  - gate: safeguards
    title: No hay registro de los desbloqueos
    severity: medium
    evidence: [EIPD, sección 5]
opinion: {agrees_with_verdict: false, recommended: suspend, comment: Véase el aviso.}
signed: {name: R. Revisora, date: 2026-12-01}
"""


def test_the_review_in_spanish_leaves_no_english(tmp_path: Path, bank: Bank) -> None:
    case = translated_case(tmp_path, "es", CASES / "on-device-verification.hria.yaml")
    review = review_path_for(case)
    review.write_text(review_text(bank, case, REVIEW), encoding="utf-8")
    text = invoke("report", case, "--review", review, "--today", TODAY, "--lang", "es").stdout
    part = text.split("\n## Revisión\n", 1)[1].split("\n## Hallazgos por etapa\n", 1)[0]
    assert "firmada por R. Revisora el 1 de diciembre de 2026" in part
    assert "no está de acuerdo con el dictamen, y recomienda" not in part
    assert "no está de acuerdo con el dictamen y recomienda: **Suspender" in part
    assert english_left(_prose(part, "es")) == {}


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_the_blank_questionnaire_leaves_no_english(lang: str) -> None:
    text = invoke("questions", "--format", "md", "--lang", lang).stdout
    say = translator(lang)
    prose, _, _ = text.partition(f"\n## {say('Instruments cited')}\n")  # names and citations
    kept = "\n".join(line.partition(say("Sources:"))[0] for line in prose.splitlines())
    assert english_left(re.sub(r"`[^`\n]*`", "", kept)) == {}
    english = invoke("questions", "--format", "md").stdout.partition("\n## Instruments cited")[0]
    assert {"the", "and", "answer", "of"} <= set(english_left(english))


@pytest.mark.slow
def test_the_portuguese_pdf_reads_back_in_portuguese(tmp_path: Path) -> None:
    need_pdf()
    import pypdf

    out = tmp_path / "report.pdf"
    case = translated_case(tmp_path, "pt-BR")
    invoke("report", case, "--today", TODAY, "--lang", "pt-BR", "-o", out)
    pages = [page.extract_text() for page in pypdf.PdfReader(out).pages]
    first = pages[0]
    assert first.startswith("Avaliação de impacto em direitos humanos: Tornozeleiras com GPS")
    for part in ("Linhas vermelhas", "Constatações por etapa", "O que fazer primeiro"):
        assert part in first, part
    assert english_left(first) == {}
    assert pages[1].startswith("Sumário"), "the summary ends page 1, and spills nowhere"
    assert first.rstrip().endswith(f"Página 1 de {len(pages)}")


def test_the_word_and_day_filters_follow_the_language_at_render_time() -> None:
    """Even given a literal, which Jinja would otherwise work out once at compile time."""
    from hria.i18n import using
    from hria.report.jinja import environment

    template = environment(False).from_string('{{ "likely" | word }}, {{ "2026-01-02" | day }}')
    said = {}
    for lang in ("es", "pt-BR", "en"):
        with using(lang):
            said[lang] = template.render()
    assert said == {
        "es": "probable, 2 de enero de 2026",
        "pt-BR": "provável, 2 de janeiro de 2026",
        "en": "likely, 2026-01-02",
    }
