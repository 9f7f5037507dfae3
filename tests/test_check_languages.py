"""`hria check` in Spanish and Portuguese: nothing a person reads is left in English (but
names, ids, rule codes, file names and values typed in the files), and the machine formats
keep the keys and the structure they have in English."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from hria.cli import app
from tests.untranslated import english_left, typed_in

ROOT = Path(__file__).resolve().parent.parent
CASES = sorted((ROOT / "assessments").glob("*.hria.yaml"))
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
LANGS = ("es", "pt-BR")
TODAY = ("--today", "2026-12-01")
WAIVERS = """\
waivers:
  - rule: VEN-014
    reason: The vendor audit is scheduled.
    approved_by: Audit board
    approved: 2026-02-01
    expires: 2026-03-01
  - rule: LEG-001
    reason: Kept in case the statute lapses.
    approved_by: Audit board
    approved: 2026-02-01
    expires: 2027-06-01
"""
runner = CliRunner()


def hria(*args: str | Path, lang: str, by: str = "both") -> Result:
    """hria in `lang`, chosen by HRIA_LANG, by --lang or both ways."""
    env = {**NO_LOCALE, "HRIA_LANG": lang if by in ("env", "both") else ""}
    flag = ["--lang", lang] if by in ("flag", "both") else []
    return runner.invoke(app, [*map(str, args), *flag], env=env)


def _text(result: Result) -> str:
    return result.stdout + result.stderr


@pytest.fixture
def warned(tmp_path: Path) -> Path:
    """A complete assessment with a placeholder, an expired waiver and one that waives
    nothing: warnings on standard error, and a flag marked in the text."""
    text = (ROOT / "assessments" / "on-device-verification.hria.yaml").read_text("utf-8")
    text = text.replace("  assessor: Privacy and Rights Office", "  assessor: TO FILL IN  #", 1)
    path = tmp_path / "warned.hria.yaml"
    path.write_text(text + WAIVERS, encoding="utf-8")
    return path


def test_english_output_is_caught() -> None:
    """The test below can fail: English output has English words in it."""
    result = hria("check", *CASES, "-v", *TODAY, lang="en")
    left = english_left(_text(result), "es", typed_in(*CASES))
    assert {"the", "and", "of", "checked", "gaps"} <= {w.lower() for w in left}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("by", ["env", "flag"])
@pytest.mark.parametrize("verbose", [[], ["-v"]])
def test_check_text_has_no_english_left(lang: str, by: str, verbose: list[str]) -> None:
    result = hria("check", *CASES, *verbose, *TODAY, lang=lang, by=by)
    assert result.exit_code == 1, _text(result)
    assert english_left(_text(result), lang, typed_in(*CASES)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_warnings_waivers_and_placeholders_are_translated(lang: str, warned: Path) -> None:
    result = hria("check", warned, "-v", *TODAY, lang=lang)
    assert result.stderr.count("\n") >= 3, result.stderr  # placeholder and both waivers
    assert "VEN-014" in result.stderr and "TO FILL IN" in result.stderr
    assert english_left(_text(result), lang, typed_in(warned)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_quiet_and_strict_lines_are_translated(lang: str, warned: Path) -> None:
    quiet = hria(
        "check", *CASES, warned, "-q", "--strict", "--fail-on", "medium", *TODAY, lang=lang
    )
    assert quiet.stdout.count("\n") >= 6, quiet.stdout
    assert english_left(_text(quiet), lang, typed_in(*CASES, warned)) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_missing_file_and_an_empty_folder_are_said_in_the_language(
    lang: str, tmp_path: Path
) -> None:
    result = hria("check", tmp_path / "nowhere.hria.yaml", tmp_path, lang=lang)
    assert result.exit_code == 2
    assert "nowhere.hria.yaml" in result.stderr
    assert english_left(_text(result), lang) == []


def test_spanish_and_portuguese_say_it_in_their_own_words() -> None:
    case = ROOT / "assessments" / "gps-tagging-immigration-bail.hria.yaml"
    spanish = hria("check", case, *TODAY, lang="es").stdout
    portuguese = hria("check", case, *TODAY, lang="pt-BR").stdout
    assert "nivel de intrusión 4 de 4" in spanish and "1 archivo revisado" in spanish
    assert "nível de intrusão 4 de 4" in portuguese and "1 arquivo verificado" in portuguese
    assert "  ALTA " in spanish and "  ALTA " in portuguese


def test_the_github_job_summary_is_in_portuguese(tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    env = {**NO_LOCALE, "HRIA_LANG": "pt-BR", "GITHUB_STEP_SUMMARY": str(summary)}
    args = ["check", *map(str, CASES), "--format", "github", *TODAY]
    result = runner.invoke(app, args, env=env)
    assert result.exit_code == 1, _text(result)
    markdown = summary.read_text(encoding="utf-8")
    assert "| arquivo | resultado | parecer | linha vermelha | alta |" in markdown
    assert "Alertas mais graves:" in markdown
    assert english_left(markdown, "pt-BR", typed_in(*CASES)) == []
    english = tmp_path / "english.md"
    runner.invoke(app, args, env={**NO_LOCALE, "GITHUB_STEP_SUMMARY": str(english)})
    assert english_left(english.read_text(encoding="utf-8"), "pt-BR", typed_in(*CASES))


def _shape(value: Any) -> Any:
    """A document's keys, list lengths and kinds of value, without the values."""
    if isinstance(value, dict):
        return {key: _shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_shape(item) for item in value]
    return type(value).__name__


def _xml_shape(element: ET.Element) -> Any:
    return (element.tag, sorted(element.attrib), [_xml_shape(child) for child in element])


def _machine(fmt: str, lang: str, warned: Path) -> Any:
    result = hria("check", *CASES, warned, "--format", fmt, *TODAY, lang=lang)
    assert result.exit_code == 1, _text(result)
    if fmt == "junit":
        return ET.fromstring(result.stdout)
    return json.loads(result.stdout)


@pytest.mark.parametrize("fmt", ["json", "sarif", "junit", "gitlab"])
@pytest.mark.parametrize("lang", LANGS)
def test_machine_formats_keep_their_structure(fmt: str, lang: str, warned: Path) -> None:
    english, translated = _machine(fmt, "en", warned), _machine(fmt, lang, warned)
    if fmt == "junit":
        assert _xml_shape(translated) == _xml_shape(english)
        kinds = [(e.tag, e.get("type"), e.get("file")) for e in translated.iter()]
        assert kinds == [(e.tag, e.get("type"), e.get("file")) for e in english.iter()]
        messages = [e.get("message") for e in translated.iter("failure")]
        assert messages and messages != [e.get("message") for e in english.iter("failure")]
        return
    assert _shape(translated) == _shape(english)
    assert translated != english  # the messages for people are translated
    if fmt == "json":
        flags = [f["code"] for entry in translated["files"] for f in entry["flags"]]
        assert flags == [f["code"] for entry in english["files"] for f in entry["flags"]]
        severities = {f["severity"] for entry in translated["files"] for f in entry["flags"]}
        assert severities <= {"red_line", "high", "medium", "low", "info"}
    if fmt == "sarif":
        ids = [r["ruleId"] for r in translated["runs"][0]["results"]]
        assert ids == [r["ruleId"] for r in english["runs"][0]["results"]]
    if fmt == "gitlab":
        assert [i["check_name"] for i in translated] == [i["check_name"] for i in english]
        assert [i["severity"] for i in translated] == [i["severity"] for i in english]


@pytest.mark.parametrize("lang", LANGS)
def test_check_with_a_review_is_translated(lang: str, tmp_path: Path) -> None:
    from hria.bank.load import load_bank
    from hria.files.reviews import review_path_for
    from tests.test_review_file import CHALLENGE, copy_example, review_text

    assessment = copy_example(tmp_path, "on-device-verification")
    review = review_path_for(assessment)
    review.write_text(review_text(load_bank(None), assessment, CHALLENGE), encoding="utf-8")
    with assessment.open("a", encoding="utf-8") as handle:  # changed since the review
        handle.write("\n")
    text = assessment.read_text(encoding="utf-8").replace(
        "    value: state_authority", "    value: private_company", 1
    )
    assessment.write_text(text, encoding="utf-8")
    result = hria("check", assessment, "--review", review, *TODAY, lang=lang)
    assert result.exit_code in (0, 1), _text(result)
    assert "SHA-256" in result.stdout and "VEN-014" not in result.stderr
    lines = result.stdout.count("\n")
    assert lines >= 8, result.stdout
    typed = typed_in(assessment, review)
    assert english_left(_text(result), lang, typed) == []
    english = hria("check", assessment, "--review", review, *TODAY, lang="en")
    assert english_left(_text(english), lang, typed)


@pytest.mark.parametrize("lang", LANGS)
def test_show_config_is_translated(lang: str) -> None:
    result = hria("check", "--show-config", "--isolated", "--strict", lang=lang)
    assert result.exit_code == 0 and "strict = true" in result.stdout, _text(result)
    values = ['"high"']  # as it would be written in .hria.toml
    assert english_left(_text(result), lang, values) == []
    english = hria("check", "--show-config", "--isolated", lang="en")
    assert english_left(_text(english), lang, values)


@pytest.mark.parametrize("lang", LANGS)
def test_an_invalid_file_is_explained_in_the_language_at_its_place(
    lang: str, tmp_path: Path
) -> None:
    text = (ROOT / "assessments" / "on-device-verification.hria.yaml").read_text("utf-8")
    text = text.replace("    value: state_authority", "    value: nonsense_value", 1)
    text = text.replace("\n  context.purpose:", "\n  context.purposee:", 1)
    text = text.replace("  role: deployer\n", "  role: deployer\n  colour: red\n", 1)
    bad = tmp_path / "bad.hria.yaml"
    bad.write_text(text, encoding="utf-8")
    english = hria("check", bad, lang="en")
    result = hria("check", bad, lang=lang)
    assert result.exit_code == english.exit_code == 2
    places = [line.split(": ")[1] for line in english.stderr.splitlines()]
    assert places == [line.split(": ")[1] for line in result.stderr.splitlines()]
    assert all(place.startswith(f"{bad}:") for place in places) and len(places) == 3
    typed = ["nonsense_value", "context.purposee", "colour"]
    assert english_left(_text(result), lang, typed) == []
    assert english_left(_text(english), lang, typed)
