"""The command line's help in the interface's language: every command's help, its options'
help, and the words typer adds (headings, defaults), in Spanish and Portuguese."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner, Result

from hria.cli import app
from hria.cli.helptext import every_help_text, help_lang
from hria.i18n import catalog

runner = CliRunner()
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
COMMANDS = ("check", "report", "new", "review", "diff", "summary", "explain", "questions")
# Whole words of English that Spanish and Portuguese never use.
ENGLISH = re.compile(
    r"\b(the|and|of|with|this|that|which|for|are|has|have|from|show|file|files|exit|only|"
    r"when|each|every|or|into|its|their|Usage|Options|Arguments|Commands|default|required)\b"
)
# What stays English by design: option names, metavariables, choices and names.
KEPT = re.compile(
    r"^\s*[a-z_]+(?= <)|--?[\w-]+|<[^>]*>|\{\w+\}|\[\w+\]|\[[A-Z]+\]|\b[A-Z_]{2,}\b|`[^`]*`|\bhria \w+|\S+\.\w+"
)


def invoke(*args: str, **env: str) -> Result:
    return runner.invoke(app, list(args), env={**NO_LOCALE, **env})


def _english_left(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if ENGLISH.search(KEPT.sub(" ", line))]


@pytest.mark.parametrize(("lang", "usage"), [("es", "Uso: hria"), ("pt-BR", "Uso: hria")])
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_speaks_the_language_with_no_english_left(lang: str, usage: str, command: str) -> None:
    result = invoke(*([command] if command else []), "--help", HRIA_LANG=lang)
    assert result.exit_code == 0
    assert result.stdout.startswith(usage)
    assert _english_left(result.stdout) == []


def test_the_english_help_is_what_the_check_above_would_catch() -> None:
    result = invoke("check", "--help")
    assert result.stdout.startswith("Usage: hria check")
    assert len(_english_left(result.stdout)) > 10


def test_lang_among_the_words_chooses_the_help_and_english_comes_back_after() -> None:
    spanish = invoke("report", "--help", "--lang", "es").stdout
    assert "Opciones:" in spanish and "Options:" not in spanish
    assert "Opções:" in invoke("report", "--lang=pt-BR", "--help").stdout
    english = invoke("check", "--help").stdout
    assert "Options:" in english and "Opciones:" not in english and "[default:" in english


def test_a_language_hria_lacks_leaves_the_help_english() -> None:
    assert help_lang(["check", "--lang", "fr"]) == "en"
    result = invoke("--help", HRIA_LANG="fr")
    assert result.exit_code == 0 and "Options:" in result.stdout


@pytest.mark.parametrize("lang", ["es", "pt-BR"])
def test_every_help_text_has_a_translation(lang: str) -> None:
    gettext = catalog(lang).gettext
    texts = every_help_text()
    assert len(texts) > 80
    assert [text for text in texts if gettext(text) == text] == []
