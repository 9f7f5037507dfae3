"""The interview in Spanish and Brazilian Portuguese, driven by a scripted prompter: its texts
are the language's, numbers and dates are typed and refused the language's way, and what it
saves is the same file, byte for byte, as the same answers given in English. The skeleton's
comments are translated; its YAML is not."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from hria.bank.load import load_bank
from hria.domain.answers import value_problem
from hria.i18n import _, using
from hria.interview import commands as interactive
from hria.interview.carry import Given, fresh
from hria.interview.forms import date_problem, day
from hria.interview.layout import FOOTERS, footer, pack
from hria.interview.problems import answer_problem
from hria.interview.prompts import Keys, ScriptedPrompter
from hria.interview.skeleton import render
from hria.models.bank import Bank, DateQuestion, NumberQuestion
from tests.conftest import MINI

TODAY = dt.date(2026, 11, 22)
CONTINUE, DONE = "__continue__", "__done__"
LANGS = ["es", "pt-BR"]


def replies(people: str, started: str, review_by: str) -> list[Any]:
    """The mini bank answered whole: metadata, then each question, the reviews, the register."""
    return [
        *["Pilot", "Example agency", "deployer", "A. Person", review_by],
        ["faces"],
        "yes",
        "Act 1, s. 2",
        "",
        "one_to_one",
        CONTINUE,
        people,
        started,
        "Safety",
        CONTINUE,
        DONE,
    ]


def interview(bank: Bank, path: Path, lang: str, answers: list[Any]) -> ScriptedPrompter:
    prompter = ScriptedPrompter(answers)
    with using(lang):
        interactive.new(bank, path, prompter, TODAY, force=False)
    assert not prompter.replies, prompter.replies
    return prompter


@pytest.mark.parametrize("lang", LANGS)
def test_the_same_answers_make_the_same_file_in_every_language(tmp_path: Path, lang: str) -> None:
    english = tmp_path / "en.hria.yaml"
    interview(load_bank(MINI), english, "en", replies("2000000", "2026-01-01", "2027-06-30"))
    other = tmp_path / f"{lang}.hria.yaml"
    prompter = interview(
        load_bank(MINI, lang), other, lang, replies("2.000.000", "01/01/2026", "30/06/2027")
    )
    assert other.read_bytes() == english.read_bytes()
    assert "2000000" in english.read_text(encoding="utf-8")
    shown = "\n".join(prompter.shown)
    with using(lang):
        assert _("A new assessment. First, what is assessed and by whom.") in shown
        assert _("The assessment is complete and saved in %(path)s.") % {"path": other} in shown
    assert "The assessment is complete" not in shown and "questions to go" not in shown
    assert re.search(r"respondidas: 0; (quedan|faltam) 5 ", shown), "the progress line"


@pytest.mark.parametrize("lang", LANGS)
def test_the_keys_are_in_the_language_and_each_stays_whole(lang: str) -> None:
    keys = Keys(help="?", back=True, hint="x")
    with using(lang):
        for kind, parts in FOOTERS.items():
            shown = footer(kind, keys)
            assert all(_(part) != part for part in parts), (kind, shown)
            assert not set(parts) & set(shown), "no English key left"
            lines = pack(shown, 30)
            assert all(len(line) <= 30 for line in lines)
            assert all(any(part in line for line in lines) for part in shown), "parts kept whole"


def test_a_refused_number_or_date_is_explained_the_spanish_way() -> None:
    bank = load_bank(None, "es")
    number = bank.questions["context.people_per_year"]
    date = DateQuestion(id="s.d", prompt="?", help="h", sources=number.sources, kind="date")
    with using("es"):
        assert "2.000.000" in str(answer_problem(number, "muchas"))
        assert "DD/MM/AAAA" in str(answer_problem(date, "mañana"))
    question = NumberQuestion(
        id="s.n",
        prompt="?",
        help="h",
        sources=number.sources,
        kind="number",
        minimum=2500000,
        maximum=None,
    )
    with using("es"):
        assert answer_problem(question, 12) == "debe ser como mínimo 2.500.000"
    with using("pt-BR"):
        assert answer_problem(question, 12) == "deve ser no mínimo 2.500.000"
    for value in (12, "x", 2.5, "unknown"):
        assert answer_problem(question, value) == value_problem(question, value), "English as is"


def test_a_due_date_is_typed_the_languages_way_and_iso_everywhere() -> None:
    with using("es"):
        assert date_problem("31/12/2027") is None and day("31/12/2027") == dt.date(2027, 12, 31)
        assert date_problem("2027-12-31") is None
        assert "AAAA-MM-DD" in str(date_problem("pronto"))
    assert date_problem("31/12/2027") == "write the date as YYYY-MM-DD, e.g. 2027-03-01"


def _yaml(text: str) -> str:
    """A skeleton without its comments: what a YAML reader sees."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


@pytest.mark.parametrize("lang", LANGS)
def test_a_skeleton_has_comments_in_the_language_and_the_same_yaml(lang: str) -> None:
    path = Path("a.hria.yaml")
    english_bank, bank = load_bank(), load_bank(None, lang)
    english = render(english_bank, fresh(english_bank, TODAY, Given()), path, "s.json", [])
    with using(lang):
        other = render(bank, fresh(bank, TODAY, Given()), path, "s.json", [])
        assert _("Value: a whole number") in other or _("Value: text") in other
        assert _("Section %(number)s of %(count)s: %(title)s").split(" %(")[0] in other
    assert _yaml(other) == _yaml(english)
    assert "Value: one of these values:" in english and "Value: one of these values:" not in other
    assert "value: []" in other and "# context.technologies:" in other


def test_the_commands_refuse_in_the_language_asked(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from hria.cli import app

    target = str(tmp_path / "a.hria.yaml")
    runner = CliRunner()
    refused = runner.invoke(app, ["new", target, "--schema", "x", "--lang", "es"])
    assert refused.exit_code == 2 and "--schema va con --skeleton" in refused.output
    no_terminal = runner.invoke(app, ["new", target], env={"HRIA_LANG": "pt-BR"})
    assert (
        no_terminal.exit_code == 2 and "a entrevista precisa de um terminal" in no_terminal.output
    )
    english = runner.invoke(app, ["new", target, "--schema", "x"], env={"HRIA_LANG": "en"})
    assert "--schema goes with --skeleton" in english.output
