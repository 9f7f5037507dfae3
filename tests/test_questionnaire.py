"""`hria questions --format md|html`: the whole bank as a blank questionnaire."""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser

import pytest
from typer.testing import CliRunner

from hria.cli import app
from hria.escapes import md_escape
from hria.models.bank import Bank
from tests.conftest import MINI


def questions(*args: str) -> str:
    result = CliRunner().invoke(app, ["questions", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_every_question_and_condition_is_in_the_questionnaire(bank: Bank, fmt: str) -> None:
    text = questions("--format", fmt)
    for question in bank.questions.values():
        assert question.id in text, question.id
    conditional = sum(1 for q in bank.questions.values() if q.when is not None)
    conditional += sum(1 for s in bank.sections if s.when is not None)
    assert text.count("Asked only if") == conditional + 1, "one more in the how-to-answer text"
    assert "{{" not in text and "{%" not in text


def test_conditions_are_spelled_out_with_numbers_and_labels() -> None:
    text = questions("--bank", str(MINI), "--format", "md")
    assert "*Asked only if the answer to 1.1 includes “Faces”.*" in text
    assert "- [ ] 1:N" in text
    assert "Evidence: Cite the documents that support the answer." in text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs.extend(attrs)


def test_html_questionnaire_is_self_contained_and_printable() -> None:
    html = questions("--format", "html")
    parser = _Tags()
    parser.feed(html)
    assert "script" not in parser.tags
    assert not [v for k, v in parser.attrs if k in ("src", "href")], "no external resources"
    assert "default-src 'none'" in html
    assert "@media print" in html and "break-inside: avoid" in html
    assert "prefers-color-scheme: dark" in html
    headings = [int(t[1]) for t in parser.tags if re.fullmatch(r"h[1-6]", t)]
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))


def test_html_escapes_bank_text(tmp_path: pytest.TempPathFactory) -> None:
    import shutil
    from pathlib import Path

    target = Path(str(tmp_path)) / "bank"
    shutil.copytree(MINI, target)
    questions_file = target / "questions" / "basics.yaml"
    text = questions_file.read_text(encoding="utf-8").replace(
        "prompt: Is there a law?", "prompt: Is there a <script>alert(1)</script> law?"
    )
    questions_file.write_text(text, encoding="utf-8")
    html = questions("--bank", str(target), "--format", "html")
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("<b>bold</b>", "\\<b\\>bold\\</b\\>"),
        ("line one\nline two", "line one line two"),
        ("*x* _y_ `z` [l](u)", "\\*x\\* \\_y\\_ \\`z\\` \\[l\\](u)"),
    ],
)
def test_md_escape(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped
