"""Errors about files, outputs and git revisions in Spanish and Portuguese: each message is
said whole in the interface's language, at the same file:line:column as in English, and the
English messages stay word for word as they were."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from hria.cli import app
from hria.models.assessment import SCHEMA_VERSION
from tests.untranslated import english_left

ROOT = Path(__file__).resolve().parent.parent
VALID = ROOT / "assessments" / "on-device-verification.hria.yaml"
NO_LOCALE = {"HRIA_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": ""}
LANGS = ("es", "pt-BR")
runner = CliRunner()


def hria(folder: Path, args: list[str], lang: str) -> Result:
    before = Path.cwd()
    os.chdir(folder)  # file names in messages stay short and the same in every run
    try:
        given = folder / "input"
        stdin = given.read_bytes() if given.exists() else None
        return runner.invoke(app, args, input=stdin, env={**NO_LOCALE, "HRIA_LANG": lang})
    finally:
        os.chdir(before)


@dataclass(frozen=True)
class Case:
    """A command on files a setup writes, and the English stderr it must give, whole."""

    setup: Callable[[Path], list[str]]
    english: str
    kept: tuple[str, ...] = ()  # what a parser says in its own words, kept as it is


def _file(name: str, content: str | bytes, *args: str) -> Callable[[Path], list[str]]:
    def setup(folder: Path) -> list[str]:
        path = folder / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return [*args, name] if args else ["check", name]

    return setup


def _valid_then(*args: str) -> Callable[[Path], list[str]]:
    def setup(folder: Path) -> list[str]:
        shutil.copy(VALID, folder / "ok.hria.yaml")
        (folder / "taken.md").mkdir()
        return [args[0], "ok.hria.yaml", *args[1:]]

    return setup


def _bank(reference: str) -> Callable[[Path], list[str]]:
    """The valid case, answered against another bank (or another version of it)."""

    def setup(folder: Path) -> list[str]:
        text = VALID.read_text(encoding="utf-8")
        old = "bank: {id: hria-core, version: 2.0.0}"
        assert old in text
        (folder / "b.hria.yaml").write_text(text.replace(old, reference), encoding="utf-8")
        return ["check", "b.hria.yaml"]

    return setup


def _stdin(folder: Path) -> list[str]:
    (folder / "input").write_bytes(b"\xff")
    return ["check", "-"]


def _templates(template: str | None) -> Callable[[Path], list[str]]:
    def setup(folder: Path) -> list[str]:
        shutil.copy(VALID, folder / "ok.hria.yaml")
        (folder / "own").mkdir()
        if template is not None:
            (folder / "own" / "report.md.j2").write_text(template, encoding="utf-8")
        return ["report", "ok.hria.yaml", "--templates", "own"]

    return setup


def _in_git(*args: str) -> Callable[[Path], list[str]]:
    def setup(folder: Path) -> list[str]:
        shutil.copy(VALID, folder / "ok.hria.yaml")
        env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
        who = ["-c", "user.name=A", "-c", "user.email=a@example.org", "-c", "core.pager=cat"]
        for step in (["init", "-q"], ["add", "."], ["commit", "-qm", "first"]):
            subprocess.run(["git", *who, *step], cwd=folder, env=env, check=True)
        return list(args)

    return setup


def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


def _answers(count: int) -> str:
    return "schema_version: 1\nanswers:\n" + "".join(
        f"  q{i}: {{value: 1}}\n" for i in range(count)
    )


CASES = {
    "review-as-assessment": Case(
        _file("r.hria.yaml", "review_schema_version: 1\n"),
        "error: r.hria.yaml:1:1: schema_version: this is a review file; "
        "check it with `hria check ASSESSMENT --review FILE`",
    ),
    "missing-version": Case(
        _file("m.hria.yaml", "metadata: {}\n"),
        f"error: m.hria.yaml:1:1: schema_version: schema_version is missing "
        f"(this hria writes {SCHEMA_VERSION})",
    ),
    "newer-version": Case(
        _file("n.hria.yaml", "schema_version: 99\n"),
        f"error: n.hria.yaml:1:17: schema_version: schema_version 99 comes from a newer "
        f"hria; this one reads up to {SCHEMA_VERSION}: upgrade hria",
    ),
    "version-not-a-number": Case(
        _file("v.hria.yaml", "schema_version: one\n"),
        "error: v.hria.yaml:1:17: schema_version: schema_version must be a whole number",
    ),
    "not-utf8": Case(
        _file("u.hria.yaml", b"schema_version: 1\ntitle: caf\xe9\n"),
        "error: u.hria.yaml:2:11: not valid UTF-8 text",
    ),
    "top-level-list": Case(
        _file("l.hria.yaml", "- a\n- b\n"),
        "error: l.hria.yaml:1:1: expected a mapping at the top of the file",
    ),
    "control-character": Case(
        _file("c.hria.yaml", "a: \x07\n"),
        "error: c.hria.yaml:1:4: character U+0007 is not allowed in YAML; "
        "write it as an escape in double quotes",
    ),
    "anchors": Case(
        _file("a.hria.yaml", "a: &x 1\nb: *x\n"),
        "error: a.hria.yaml:1:4: YAML anchors and aliases are not allowed",
    ),
    "yaml-duplicate-key": Case(
        _file("d.hria.yaml", "schema_version: 1\nschema_version: 1\n"),
        'error: d.hria.yaml:2:1: duplicate key "schema_version"',
    ),
    "json-duplicate-key": Case(
        _file("d.hria.json", '{"schema_version": 1, "schema_version": 1}'),
        'error: d.hria.json:1:23: duplicate key "schema_version"',
    ),
    "malformed-json": Case(
        _file("j.hria.json", '{"schema_version": }'),
        "error: j.hria.json:1:20: malformed JSON: Expecting value",
        kept=("Expecting value",),
    ),
    "too-deep": Case(
        _file("t.hria.json", _nested(70)),
        "error: t.hria.json:1:65: nested more than 64 levels deep",
    ),
    "too-many-answers": Case(
        _file("many.hria.yaml", _answers(1001)),
        "error: many.hria.yaml:1003:3: too many answers: the limit is 1000",
    ),
    "another-bank": Case(
        _bank("bank: {id: other-bank, version: 2.0.0}"),
        "error: b.hria.yaml:19:14: metadata.bank.id: answers question bank 'other-bank', "
        "but the bank in use is 'hria-core'",
    ),
    "older-bank": Case(
        _bank("bank: {id: hria-core, version: 1.0.0}"),
        "error: b.hria.yaml:19:34: metadata.bank.version: answered against hria-core 1.0.0; "
        "this hria uses 2.0.0. Run `hria migrate b.hria.yaml` to carry the answers over",
    ),
    "stdin-not-utf8": Case(_stdin, "error: <stdin>:1:1: not valid UTF-8 text"),
    "report-to-a-folder": Case(
        _valid_then("report", "-o", "taken.md"),
        "error: cannot write the report to taken.md: it is a folder\n"
        "hint: give a file name, such as -o taken.md/report.md",
    ),
    "report-to-a-missing-folder": Case(
        _valid_then("report", "-o", "gone/report.md"),
        "error: cannot write the report to gone/report.md: gone does not exist",
    ),
    "unknown-suffix": Case(
        _valid_then("report", "-o", "report.xyz"),
        "error: cannot tell the format from 'report.xyz'\nhint: use --format",
    ),
    "check-output-to-a-folder": Case(
        _valid_then("check", "-o", "taken.md"),
        "error: cannot write the output to taken.md: it is a folder",
    ),
    "template-missing": Case(
        _templates(None),
        "error: template not found: report.md.j2 in own\n"
        "hint: a --templates folder must hold every template the format needs",
    ),
    "template-syntax": Case(
        _templates("{% if %}\n"),
        "error: template own/report.md.j2:1: Expected an expression, got 'end of statement "
        "block'\nhint: check --templates",
        kept=("Expected an expression, got 'end of statement block'",),
    ),
    "template-undefined": Case(
        _templates("{{ nothing.here }}\n"),
        "error: template own/report.md.j2:1: 'nothing' is undefined\n"
        "hint: templates/README.md lists what a template receives",
        kept=("'nothing' is undefined",),
    ),
    "diff-driver-arguments": Case(
        lambda _folder: ["diff", "--git-driver", "a", "b"],
        "error: as a git diff driver, hria diff takes 7 arguments, not 2\n"
        "hint: git config diff.hria.command 'hria diff --git-driver'",
    ),
}
GIT_CASES = {
    "bad-revision": Case(
        _in_git("diff", "nosuch", "HEAD", "--", "ok.hria.yaml"),
        "error: git cannot read nosuch:ok.hria.yaml: ",  # then what git says, in git's words
    ),
}
needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
ALL = {**CASES, **{k: pytest.param(v, marks=needs_git) for k, v in GIT_CASES.items()}}
#: file:line:column (or a file name alone) at the start of a problem's line
_PLACE = re.compile(r"(\S+?\.(?:hria\.yaml|hria\.json|j2)(?::\d+)*):")


def _run(case: Case, tmp_path: Path, lang: str) -> Result:
    folder = tmp_path / lang
    folder.mkdir()
    return hria(folder, case.setup(folder), lang)


def _places(stderr: str) -> list[str]:
    return _PLACE.findall(stderr)


def _said_by_git(stderr: str) -> list[str]:
    """git's own reason (its words, not hria's), left out of the English count."""
    found = re.search(r"nosuch:ok\.hria\.yaml: (.*)$", stderr, re.M)
    return [found.group(1)] if found else []


#: English words of these messages too short to hold a function word ("duplicate key").
_CONTENT = frozenset(
    {"duplicate", "key", "malformed", "nested", "levels", "deep", "template", "hint"}
)


def _english(text: str, lang: str, typed: list[str]) -> list[str]:
    """The English words left: function words, and the content words above."""
    for value in typed:
        text = text.replace(value, " ")
    content = {w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in _CONTENT}
    return sorted({*english_left(text, lang), *content})


def test_there_are_at_least_ten_messages() -> None:
    assert len({case.english for case in (*CASES.values(), *GIT_CASES.values())}) >= 10


@pytest.mark.parametrize("case", ALL.values(), ids=list(ALL))
def test_the_english_message_is_unchanged(case: Case, tmp_path: Path) -> None:
    result = _run(case, tmp_path, "en")
    assert result.exit_code == 2, result.output
    lines = result.stderr.rstrip("\n")
    assert _places(lines) == _places(case.english)
    if case.english.endswith(": "):
        assert lines.startswith(case.english)
    else:
        assert lines.endswith(case.english)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("case", ALL.values(), ids=list(ALL))
def test_the_message_is_said_in_the_language_at_the_same_place(
    case: Case, lang: str, tmp_path: Path
) -> None:
    english = _run(case, tmp_path, "en")
    result = _run(case, tmp_path, lang)
    assert result.exit_code == english.exit_code == 2, result.output
    assert _places(result.stderr) == _places(english.stderr)
    typed = [*case.kept, *_said_by_git(english.stderr)]
    assert _english(result.stderr, lang, typed) == [], result.stderr
    assert _english(english.stderr, lang, typed), english.stderr  # the check can fail
    assert result.stderr != english.stderr


def test_spanish_and_portuguese_word_it_their_own_way(tmp_path: Path) -> None:
    case = CASES["review-as-assessment"]
    spanish = _run(case, tmp_path, "es").stderr
    portuguese = _run(case, tmp_path, "pt-BR").stderr
    assert "archivo de revisión" in spanish
    assert "arquivo de revisão" in portuguese
