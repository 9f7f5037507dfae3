"""`hria summary`: a portfolio over the bundled examples and generated files, every format,
every sort, the review lookup, and bad input."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from hria.audit import portfolio
from hria.bank.load import load_bank
from hria.cli import app
from hria.files.reviews import review_path_for
from hria.files.store import dump, load_assessment
from hria.models.assessment import Action
from tests.conftest import ROOT

EXAMPLES = ROOT / "assessments"
ON_DEVICE = EXAMPLES / "on-device-verification.hria.yaml"
FRT = EXAMPLES / "live-frt-public-square.hria.yaml"
TODAY = "2026-11-22"
runner = CliRunner()


def run(*args: object) -> Any:
    return runner.invoke(app, ["summary", *(str(a) for a in args)], catch_exceptions=False)


def summary_json(*args: object) -> dict[str, Any]:
    result = run("--format", "json", "--today", TODAY, *args)
    document: dict[str, Any] = json.loads(result.stdout)
    assert document["exit_code"] == result.exit_code
    return document


def check_json(*paths: Path) -> dict[str, Any]:
    args = ["check", "--format", "json", "--fail-on", "none", "--today", TODAY]
    result = runner.invoke(app, [*args, *map(str, paths)], catch_exceptions=False)
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def test_examples_agree_with_check() -> None:
    document = summary_json(EXAMPLES)
    rows = document["assessments"]
    assert len(rows) == 6
    checked = {f["path"]: f for f in check_json(EXAMPLES)["files"]}
    assert {r["path"] for r in rows} == set(checked)
    for row in rows:
        expected = checked[row["path"]]
        assert row["outcome"] == expected["verdict"]["outcome"]
        assert row["verdict"] == expected["verdict"]["text"]
        assert row["level"] == expected["profile"]["level"]
        for severity, count in row["flags"].items():
            assert count == sum(1 for f in expected["flags"] if f["severity"] == severity)
    assert document["outcomes"]["do_not_deploy"] == 4
    assert sum(document["outcomes"].values()) == 6


def test_vendor_from_the_answer_naming_the_company() -> None:
    rows = {r["path"]: r for r in summary_json(EXAMPLES)["assessments"]}
    assert rows[str(FRT)]["vendor"] == "Example Vision Ltd"
    assert rows[str(EXAMPLES / "mandatory-asylum-app.hria.yaml")]["vendor"] == (
        "Example Biometrics Corp."
    )
    assert rows[str(EXAMPLES / "visa-triage-nationality.hria.yaml")]["vendor"] is None


def _variant(folder: Path, name: str, **metadata: Any) -> Path:
    """The on-device example with other metadata (and actions, given as `actions`)."""
    bank = load_bank()
    base = load_assessment(ON_DEVICE, bank).assessment
    actions = metadata.pop("actions", None)
    meta = base.metadata.model_copy(update=metadata)
    update: dict[str, Any] = {"metadata": meta}
    if actions is not None:
        update["actions"] = actions
    path = folder / name
    path.write_text(dump(base.model_copy(update=update), path), encoding="utf-8")
    return path


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A folder: two variants of the benign example, one overdue, plus a review file."""
    folder = tmp_path / "portfolio"
    folder.mkdir()
    late = Action(
        id="late",
        description="Re-test the gap",
        addresses=["lockout-older-women"],
        owner="Office",
        due=dt.date(2026, 1, 1),
        status="in_progress",
    )
    _variant(
        folder,
        "b-late.hria.yaml",
        title="Zeta late",
        vendor='=HYPERLINK("http://x")',
        review_by=dt.date(2026, 6, 1),
        actions=[late],
    )
    _variant(folder, "a-ok.hria.yaml", title="Alpha | ok", vendor="ACME Ltd")
    (folder / "a-ok.review.hria.yaml").write_text("a review, read elsewhere\n", encoding="utf-8")
    return folder


def test_generated_files_overdue_and_review(generated: Path) -> None:
    rows = {Path(r["path"]).name: r for r in summary_json(generated)["assessments"]}
    assert set(rows) == {"a-ok.hria.yaml", "b-late.hria.yaml"}, "the review is not a row"
    late, ok = rows["b-late.hria.yaml"], rows["a-ok.hria.yaml"]
    assert late["review_overdue"] is True and late["overdue_actions"] == 1
    assert ok["review_overdue"] is False and ok["overdue_actions"] == 0
    assert ok["vendor"] == "ACME Ltd"
    assert ok["review"] == str(generated / "a-ok.review.hria.yaml")
    assert (ok["contested"], ok["last_review"]) == (0, None)
    assert late["review"] is None


def test_the_review_lookup_can_be_swapped(generated: Path) -> None:
    def reviews(path: Path) -> portfolio.ReviewFacts:
        return portfolio.ReviewFacts(path, contested=3, last_review=dt.date(2026, 2, 3))

    day = dt.date(2026, 11, 22)
    found = list(portfolio.rows([generated], load_bank(), day, reviews=reviews))
    assert {(r.review.contested, r.review.last_review) for r in found} == {(3, dt.date(2026, 2, 3))}
    assert review_path_for(Path("x/a.hria.json")) == Path("x/a.review.hria.yaml")


@pytest.mark.parametrize(
    ("sort", "first"),
    [
        ("verdict", "live-frt-public-square.hria.yaml"),
        ("level", "gps-tagging-immigration-bail.hria.yaml"),
        ("title", "gps-tagging-immigration-bail.hria.yaml"),
        ("flags", "live-frt-public-square.hria.yaml"),
        ("path", "gps-tagging-immigration-bail.hria.yaml"),
    ],
)
def test_sort(sort: str, first: str) -> None:
    rows = summary_json("--sort", sort, EXAMPLES)["assessments"]
    assert Path(rows[0]["path"]).name == first
    if sort == "verdict":
        assert Path(rows[-1]["path"]).name == "on-device-verification.hria.yaml"
    if sort == "title":
        titles = [r["title"].casefold() for r in rows]
        assert titles == sorted(titles)


def test_sort_overdue_puts_the_late_first(generated: Path) -> None:
    rows = summary_json("--sort", "overdue", generated)["assessments"]
    assert [Path(r["path"]).name for r in rows] == ["b-late.hria.yaml", "a-ok.hria.yaml"]
    by_title = summary_json("--sort", "title", generated)["assessments"]
    assert [r["title"] for r in by_title] == ["Alpha | ok", "Zeta late"]


def test_text_table(generated: Path) -> None:
    result = run("--today", TODAY, "--sort", "title", generated)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["Title", "Organisation", "Vendor"]
    assert lines[1].startswith("Alpha | ok")
    assert "2026-06-01 overdue" in lines[2]
    assert lines[3].startswith("2 assessments: 2 no major flags; 1 past their review-by date")


def test_markdown_escapes(generated: Path) -> None:
    md = run("--format", "md", "--today", TODAY, "--sort", "title", generated).stdout
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 4
    assert all(line.count(" | ") == table[0].count(" | ") for line in table[2:])
    assert "Alpha \\| ok" in table[2]


def test_csv_defuses_formulas(generated: Path) -> None:
    text = run("--format", "csv", "--today", TODAY, "--sort", "title", generated).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["title"] for r in rows] == ["Alpha | ok", "Zeta late"]
    assert rows[1]["vendor"].startswith("'=HYPERLINK")
    assert (rows[1]["review_overdue"], rows[1]["overdue_actions"]) == ("yes", "1")
    assert rows[0]["level"] == "2" and rows[0]["level_name"] == "moderate"


def test_output_file_and_format_from_suffix(tmp_path: Path) -> None:
    target = tmp_path / "portfolio.html"
    result = run("--today", TODAY, "-o", target, EXAMPLES)
    assert result.exit_code == 0
    assert f"wrote {target}" in result.stderr
    html = target.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "default-src 'none'" in html
    assert "<script" not in html and "<svg" in html
    assert html.count('class="bar ') == 5
    assert 'data-outcome="do_not_deploy" data-count="4"' in html
    umask = os.umask(0o022)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask, "shared like a report"
    private = tmp_path / "private.html"
    assert run("--private", "-o", private, EXAMPLES).exit_code == 0
    assert private.stat().st_mode & 0o777 == 0o600
    csv_file = tmp_path / "p.csv"
    assert run("-o", csv_file, ON_DEVICE).exit_code == 0
    assert csv_file.read_text(encoding="utf-8").startswith("title,organisation,vendor,")
    unknown = runner.invoke(app, ["summary", "-o", str(tmp_path / "p.xyz"), str(ON_DEVICE)])
    assert unknown.exit_code == 2 and "cannot tell the format" in unknown.output
    folder = runner.invoke(app, ["summary", "-o", str(tmp_path), str(ON_DEVICE)])
    assert folder.exit_code == 2 and "it is a folder" in folder.output


def test_html_escapes_titles(generated: Path) -> None:
    _variant(generated, "c-x.hria.yaml", title="<script>alert(1)</script>")
    html = run("--format", "html", "--today", TODAY, generated).stdout
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_invalid_and_missing_files(generated: Path, tmp_path: Path) -> None:
    bad = generated / "z-bad.hria.yaml"
    bad.write_text(ON_DEVICE.read_text(encoding="utf-8").replace("role: ", "role: nobody", 1))
    result = runner.invoke(app, ["summary", "--format", "json", str(generated)])
    assert result.exit_code == 2
    assert f"error: {bad}:" in result.stderr
    rows = json.loads(result.stdout)["assessments"]
    assert rows[-1]["path"] == str(bad) and rows[-1]["valid"] is False
    assert len(rows) == 3
    missing = runner.invoke(app, ["summary", str(tmp_path / "nope")])
    assert missing.exit_code == 2 and "no such file" in missing.stderr
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = runner.invoke(app, ["summary", str(empty)])
    assert nothing.exit_code == 2 and "no *.hria.yaml" in nothing.stderr


def test_a_review_named_directly_is_read_as_given(generated: Path) -> None:
    """Only files found in a folder are passed over as reviews; one named is checked."""
    review = generated / "a-ok.review.hria.yaml"
    result = runner.invoke(app, ["summary", str(review)])
    assert result.exit_code == 2


def test_vendor_is_given_to_new_and_carried_over(tmp_path: Path) -> None:
    first = tmp_path / "first.hria.yaml"
    args = ["new", "--skeleton", "--title", "T", "--vendor", "ACME Ltd", str(first)]
    assert runner.invoke(app, args, catch_exceptions=False).exit_code == 0
    assert "  vendor: ACME Ltd\n" in first.read_text(encoding="utf-8")
    second = tmp_path / "second.hria.yaml"
    again = ["new", "--skeleton", "--from", str(first), str(second)]
    assert runner.invoke(app, again, catch_exceptions=False).exit_code == 0
    assert summary_json(second)["assessments"][0]["vendor"] == "ACME Ltd"


def test_hostile_titles_are_escaped_in_every_format(generated: Path) -> None:
    _variant(generated, "c-x.hria.yaml", title="T\x1b[2J\u202eX", organisation="O\x07")
    for fmt in ("text", "md", "csv", "json", "html"):
        out = run("--format", fmt, "--today", TODAY, generated).stdout
        assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out, fmt
        assert "2J" in out, fmt


def test_own_template(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "summary.html.j2").write_text(
        "{% for row in rows %}{{ row.cells.title }};{% endfor %}{{ chart.summary }}\n"
    )
    result = run("--format", "html", "--templates", folder, ON_DEVICE, FRT)
    assert result.exit_code == 0
    assert result.stdout.startswith("Live facial recognition")
    assert "1 do not deploy" in result.stdout
    (folder / "summary.html.j2").write_text("{{ nothing_here }}\n")
    broken = runner.invoke(app, ["summary", "-f", "html", "--templates", str(folder), str(FRT)])
    assert broken.exit_code == 2 and "summary.html.j2:1" in broken.output


def test_a_review_beside_an_assessment_fills_its_columns(tmp_path: Path) -> None:
    from tests.test_review_file import CHALLENGE, copy_example, review_text

    bank = load_bank()
    assessment = copy_example(tmp_path, "on-device-verification")
    review = tmp_path / "on-device-verification.review.hria.yaml"
    review.write_text(review_text(bank, assessment, CHALLENGE), encoding="utf-8")
    (row,) = json.loads(run("--format", "json", tmp_path).stdout)["assessments"]
    assert (row["contested"], row["last_review"]) == (1, "2026-12-01")
    assert row["review"] == str(review)
    review.write_text("review_schema_version: 1\n", encoding="utf-8")  # invalid: named only
    (row,) = json.loads(run("--format", "json", tmp_path).stdout)["assessments"]
    assert (row["contested"], row["last_review"], row["review"]) == (0, None, str(review))
