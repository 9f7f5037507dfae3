"""`hria report`: every format for every example, golden files, determinism, section order,
drafts, overdue actions, hidden answers, an injection corpus in every free-text field, PDF and
--templates.

Golden files live in tests/golden; rewrite them with HRIA_UPDATE_GOLDEN=1 after an intended
change to the templates, the bundled bank or the examples, and review the diff."""

from __future__ import annotations

import datetime as dt
import importlib.abc
import importlib.machinery
import json
import re
import shutil
import sys
from collections import Counter
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner, Result

from hria.cli import app
from hria.escapes import md_code, md_escape
from hria.files.store import load_assessment
from hria.models.bank import Bank
from hria.report.context import canonical_digest
from tests.conftest import MINI, MINI_HEADER, ROOT
from tests.golden_files import match_golden
from tests.system_parts import need_pdf, pdf_problem

TODAY = "2026-11-22"
EXAMPLES = sorted((ROOT / "assessments").glob("*.hria.yaml"))
GOLDEN = Path(__file__).parent / "golden"
CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
    "base-uri 'none'"
)
runner = CliRunner()

# A complete, valid assessment on the mini bank (tests/fixtures/mini_bank).
CLEAN = (
    MINI_HEADER
    + """\
answers:
  basics.tech: {value: [gps]}
  basics.law: {value: "yes", evidence: [Act 2025 s. 4]}
  details.people: {value: 12}
"""
)


def stem(path: Path) -> str:
    return path.name.removesuffix(".hria.yaml")


def hria(*args: str | Path) -> Result:
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def report(*args: str | Path) -> Result:
    """`hria report --today TODAY ...`, which must succeed."""
    result = hria("report", "--today", TODAY, *args)
    assert result.exit_code == 0, result.stderr
    return result


def render(path: Path, fmt: str, tmp_path: Path, *args: str | Path) -> bytes:
    """The report as bytes: md from stdout, other formats through -o."""
    if fmt == "md":
        return report(path, *args).stdout_bytes
    out = tmp_path / f"out.{fmt}"
    out.unlink(missing_ok=True)
    result = report(path, "-o", out, *args)
    assert result.stdout == ""
    assert result.stderr == f"wrote {out}\n"
    return out.read_bytes()


def section(text: str, start: str, end: str) -> str:
    """The part of text from `start` up to `end`."""
    begin = text.index(start)
    return text[begin : text.index(end, begin)]


# --- checks shared by the example tests and the injection corpus ------------------------------


class Tags(HTMLParser):
    """Start tags with their attributes, and the text as a reader sees it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    @classmethod
    def parse(cls, html: str) -> Tags:
        parser = cls()
        parser.feed(html)
        parser.close()
        return parser

    def count(self, name: str) -> int:
        return sum(1 for tag, _ in self.tags if tag == name)


# What the report template writes, plus what markdown-it makes of a note (no images, no HTML).
ALLOWED_TAGS = {
    *("html", "head", "meta", "title", "style", "body", "header", "main", "footer"),
    *("section", "article", "div", "h1", "h2", "h3", "h4", "h5", "h6", "p", "span", "strong", "em"),
    *("code", "pre", "blockquote", "hr", "br", "s", "a", "ul", "ol", "li"),
    *("table", "caption", "thead", "tbody", "tr", "th", "td", "nav", "dl", "dt", "dd"),
}
# The report's own inline SVG: icons and pictures (hria.report.svg), never from an answer.
SVG_TAGS = {"svg", "g", "path", "rect", "circle", "line", "text", "title", "desc"}
SAFE_HREF = re.compile(r"^(https?://|mailto:|#)", re.IGNORECASE)
URL_ATTRS = {"href", "src", "srcdoc", "action", "formaction", "xlink:href", "data", "poster"}


def assert_safe_markup(html: str) -> Tags:
    """No active content and nothing fetched: only known tags, no on* handlers, safe links."""
    parsed = Tags.parse(html)
    names = {tag for tag, _ in parsed.tags}
    assert names <= ALLOWED_TAGS | SVG_TAGS, f"unexpected tags: {names - ALLOWED_TAGS}"
    for tag, attrs in parsed.tags:
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}={value!r}>"
            assert name != "style", f"<{tag} style={value!r}>"
            if name == "href":
                assert value is not None and SAFE_HREF.match(value.strip()), f"<a href={value!r}>"
            else:
                assert name not in URL_ATTRS, f"<{tag} {name}={value!r}>"
    return parsed


def assert_safe_html_report(html: str) -> Tags:
    """A whole HTML report: safe markup, one document, one stylesheet, the CSP first."""
    parsed = assert_safe_markup(html)
    assert html.startswith("<!DOCTYPE html>\n")
    for once in ("html", "head", "style", "body", "main", "footer"):
        assert parsed.count(once) == 1, once
    head = Tags.parse(html[: html.index("</head>")])
    assert head.count("title") == 1 and head.count("svg") == 0
    metas = [dict(attrs) for tag, attrs in parsed.tags if tag == "meta"]
    assert metas[0] == {"charset": "utf-8"}
    assert metas[1] == {"http-equiv": "Content-Security-Policy", "content": CSP}
    assert len(metas) == 4, "charset, CSP, viewport, generator: nothing a payload could add"
    return parsed


def unescaped(line: str, chars: str) -> list[str]:
    """The characters of `chars` in line that are not escaped by a backslash."""
    found = []
    index = 0
    while index < len(line):
        if line[index] == "\\":
            index += 2
            continue
        if line[index] in chars:
            found.append(line[index])
        index += 1
    return found


def tables(md: str) -> list[list[str]]:
    """Runs of consecutive lines that start with a pipe."""
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in [*md.splitlines(), ""]:
        if line.startswith("|"):
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    return blocks


def assert_tables_well_formed(md: str) -> None:
    for block in tables(md):
        assert len(block) >= 2 and re.fullmatch(r"\|(---\|)+", block[1]), block[:2]
        width = len(unescaped(block[0], "|"))
        for row in block:
            assert len(unescaped(row, "|")) == width, f"{row!r} does not fit {block[0]!r}"


def markdown_to_html(md: str) -> str:
    """The Markdown as a permissive renderer (raw HTML on, tables on) would show it."""
    html: str = (
        MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).render(md)
    )
    return html


def skeleton(md: str) -> list[str]:
    """What a Markdown parser makes of the document, without the words: block tokens (headings,
    lists, tables and their rows, raw HTML...) and the kinds of inline tokens (links, images,
    emphasis, code, raw HTML), consecutive text merged."""
    tokens = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"]).parse(md)
    shape: list[str] = []
    for token in tokens:
        if token.type != "inline":
            shape.append(f"{token.type}:{token.tag}")
            continue
        kinds = [child.type for child in token.children or []]
        shape.append(" ".join(k for i, k in enumerate(kinds) if not (k == "text" == kinds[i - 1])))
    return shape


MD_SPECIAL = "\\`*_[]<>|"


def assert_markdown_structure_unchanged(md: str, baseline: str) -> None:
    """Free text is escaped and flattened, so a payload leaves the document's skeleton as it was:
    same lines, same tables, same headings, same unescaped Markdown syntax characters."""
    assert len(md.splitlines()) == len(baseline.splitlines())
    assert [len(b) for b in tables(md)] == [len(b) for b in tables(baseline)]
    assert_tables_well_formed(md)
    for got, want in zip(md.splitlines(), baseline.splitlines(), strict=True):
        assert Counter(unescaped(got, MD_SPECIAL)) == Counter(unescaped(want, MD_SPECIAL)), got
    assert skeleton(md) == skeleton(baseline)
    assert_safe_markup(markdown_to_html(md))


# --- every format for every example -----------------------------------------------------------


def check_json(path: Path, *args: str | Path) -> dict[str, Any]:
    result = hria("check", "--format", "json", "--fail-on", "none", "--today", TODAY, path, *args)
    assert result.exit_code == 0, result.stderr
    files: list[dict[str, Any]] = json.loads(result.stdout)["files"]
    return files[0]


def test_every_example_is_covered() -> None:
    assert len(EXAMPLES) == 6, [p.name for p in EXAMPLES]


@pytest.mark.parametrize("path", EXAMPLES, ids=stem)
def test_markdown_of_every_example(path: Path) -> None:
    result = report(path)
    md = result.stdout
    assert result.stderr == ""
    verdict = check_json(path)["verdict"]["text"]
    assert "## Summary\n\n" in md and f" **Verdict: {verdict}**\n" in md
    assert md.startswith("# Human rights impact assessment: ")
    assert "{{" not in md and "{%" not in md
    assert_tables_well_formed(md)
    assert not [line for line in md.splitlines() if unescaped(line, "<")], "no raw HTML"
    reasons = [line for line in md.splitlines() if "- level " in line]
    assert reasons and all(line.startswith("- level ") for line in reasons), "a reason per line"
    assert all(line.count("- level ") == 1 for line in reasons)


@pytest.mark.parametrize("path", EXAMPLES, ids=stem)
def test_html_of_every_example(path: Path, tmp_path: Path) -> None:
    html = render(path, "html", tmp_path).decode("utf-8")
    parsed = assert_safe_html_report(html)
    verdict = check_json(path)["verdict"]["text"]
    assert 'aria-hidden="true" focusable="false">' in html
    banner = section(html, '<p class="verdict">', "</p>")
    assert banner.endswith(f"</svg>{verdict}".replace("'", "&#39;"))
    assert "{{" not in html and "{%" not in html
    assert parsed.count("script") == 0


@pytest.mark.slow
@pytest.mark.parametrize("path", EXAMPLES, ids=stem)
def test_pdf_of_every_example(path: Path, tmp_path: Path) -> None:
    need_pdf()
    pdf = render(path, "pdf", tmp_path)
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert len(pdf) > 10_000


def test_format_follows_the_suffix_unless_given(tmp_path: Path) -> None:
    path = EXAMPLES[0]
    for name in ("r.md", "r.markdown"):
        report(path, "-o", tmp_path / name)
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("# Human rights")
    for name in ("r.html", "r.HTM"):
        report(path, "-o", tmp_path / name)
        assert (tmp_path / name).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    report(path, "-o", tmp_path / "forced.html", "--format", "md")
    assert (tmp_path / "forced.html").read_text(encoding="utf-8").startswith("# Human rights")
    result = hria("report", "--today", TODAY, path, "-o", tmp_path / "r.txt")
    assert result.exit_code == 2
    assert "cannot tell the format from 'r.txt'" in result.stderr
    assert not (tmp_path / "r.txt").exists()


def test_bad_input_exits_2() -> None:
    result = hria("report", "--today", "22/11/2026", EXAMPLES[0])
    assert result.exit_code == 2 and "--today expects a date" in result.stderr
    result = hria("report", "--today", TODAY, ROOT / "no-such.hria.yaml")
    assert result.exit_code == 2 and "Traceback" not in result.output


# --- golden files -----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
@pytest.mark.parametrize("path", EXAMPLES, ids=stem)
def test_golden(path: Path, fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    out = tmp_path / f"{stem(path)}.{fmt}"
    report(path, "-o", out)
    got = out.read_bytes()
    golden = GOLDEN / f"{stem(path)}.{fmt}"
    match_golden(got, golden)


def test_every_golden_file_has_an_example() -> None:
    if not GOLDEN.is_dir():
        pytest.skip("no golden files yet")
    expected = {f"{stem(p)}.{fmt}" for p in EXAMPLES for fmt in ("md", "html")}
    assert {p.name for p in GOLDEN.iterdir()} == expected


# --- determinism ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_two_renders_are_byte_identical(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = ROOT / "assessments" / "gps-tagging-immigration-bail.hria.yaml"
    # The first run compiles the templates into a fresh cache; the second reads that cache.
    monkeypatch.setenv("HRIA_CACHE_DIR", str(tmp_path / "cache"))
    first = render(path, fmt, tmp_path)
    second = render(path, fmt, tmp_path)
    assert first == second
    assert b"generated" not in first.split(b"Produced by hria")[-1]


@pytest.mark.slow
def test_two_pdfs_are_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    need_pdf()
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    path = ROOT / "assessments" / "on-device-verification.hria.yaml"
    assert render(path, "pdf", tmp_path) == render(path, "pdf", tmp_path)


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_source_date_epoch_dates_the_footer(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    epoch = 1_790_000_000
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(epoch))
    path = ROOT / "assessments" / "on-device-verification.hria.yaml"
    first = render(path, fmt, tmp_path)
    assert render(path, fmt, tmp_path) == first
    stamp = dt.datetime.fromtimestamp(epoch, dt.UTC).strftime("%Y-%m-%d %H:%M UTC")
    assert stamp == "2026-09-21 14:13 UTC"
    footer = first.decode("utf-8").split("Produced by hria")[-1]
    assert f"judged as of {TODAY}, generated {stamp}." in footer


# --- content and order ------------------------------------------------------------------------


def test_markdown_sections_come_in_order(bank: Bank) -> None:
    path = ROOT / "assessments" / "gps-tagging-immigration-bail.hria.yaml"
    md = report(path).stdout
    markers = [
        "# Human rights impact assessment: ",
        "| Deployment | ",
        "## Summary\n",
        "### Red lines\n",
        "### Findings by gate\n",
        "### What to do first\n",
        "### Unknowns that could change the verdict\n",
        "## Contents\n",
        "\n## Findings by gate\n",
        *(f"\n### {gate.title}: " for gate in bank.gates),
        "## Impact register\n",
        "| Impact | Right | Affected |",
        "Severity × likelihood:\n",
        "| Severity | unlikely | possible | likely | almost certain | actual |",
        "## Action plan\n",
        "## Gaps\n",
        "## Method and limits\n",
        "## Appendix: every answer\n",
        "## Sources\n",
        "\n---\n",
        "Produced by hria ",
        "Answers SHA-256: `",
        "Re-create with: `",
    ]
    positions = [md.index(marker) for marker in markers]
    assert positions == sorted(positions), [
        m for m, _ in sorted(zip(markers, positions, strict=True))
    ]
    assert md.count("\n## Summary\n") == 1
    digest = canonical_digest(load_assessment(path, bank).assessment)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert f"Answers SHA-256: `{digest}`." in md
    command = f"hria report {path.name} --format md --today {TODAY}"
    assert md.endswith(f"Re-create with: `{command}`\n")


def test_html_sections_come_in_order(bank: Bank, tmp_path: Path) -> None:
    path = ROOT / "assessments" / "gps-tagging-immigration-bail.hria.yaml"
    html = render(path, "html", tmp_path).decode("utf-8")
    markers = [
        "<h1>Human rights impact assessment: ",
        '<section id="summary">',
        '<div class="banner mark-',
        '<nav id="contents"',
        '<section id="findings">',
        *(f'<section id="gate-{gate.id}">' for gate in bank.gates),
        '<section id="impacts">',
        '<table class="matrix">',
        '<section id="actions">',
        '<section id="gaps">',
        '<section id="method">',
        '<section id="appendix">',
        '<section id="sources">',
        "<footer>",
    ]
    positions = [html.index(marker) for marker in markers]
    assert positions == sorted(positions)
    footer = html[html.index("<footer>") :]
    assert re.search(r"Answers SHA-256: <code>[0-9a-f]{64}</code>", footer)
    command = f"hria report {path.name} --format html --today {TODAY}"
    assert f"Re-create with: <code>{command}</code>" in footer


def test_the_digest_follows_the_answers(tmp_path: Path) -> None:
    one = tmp_path / "one.hria.yaml"
    one.write_text(CLEAN, encoding="utf-8")
    two = tmp_path / "two.hria.yaml"
    two.write_text(CLEAN.replace("{value: 12}", "{value: 13}"), encoding="utf-8")
    digests = {
        re.findall(r"SHA-256: `([0-9a-f]{64})`", report(p, "--bank", MINI).stdout)[0]
        for p in (one, two)
    }
    assert len(digests) == 2


def mini_report(text: str, tmp_path: Path, *args: str) -> tuple[str, str]:
    """Markdown and HTML of an assessment on the mini bank."""
    path = tmp_path / "mini.hria.yaml"
    path.write_text(text, encoding="utf-8")
    md = report(path, "--bank", MINI, *args).stdout
    html = render(path, "html", tmp_path, "--bank", MINI, *args).decode("utf-8")
    return md, html


def test_a_draft_is_marked_and_lists_its_gaps(tmp_path: Path) -> None:
    draft = MINI_HEADER.replace("status: complete", "status: draft") + (
        "answers:\n"
        "  basics.tech: {value: [faces]}\n"
        "  basics.mode: {value: one_to_one}\n"
        "  details.people: {value: unknown}\n"
    )
    md, html = mini_report(draft, tmp_path)
    assert "> **DRAFT.** This assessment is incomplete" in md
    assert '<p class="draft" role="note">DRAFT:' in html
    gaps = section(md, "## Gaps\n", "## Method and limits")
    unknown = section(gaps, 'Answered "unknown":', "Required but unanswered:")
    assert "- 2.1 How many people?" in unknown
    assert "- 1.2 Is there a law?" in gaps.split("Required but unanswered:")[1]
    assert "When did it start?" not in gaps, "optional questions are not gaps"
    html_gaps = section(html, '<section id="gaps">', "</section>")
    assert "<h3>Required but unanswered</h3><ul><li>1.2 Is there a law?</li>" in html_gaps
    assert "<li>2.1 How many people?</li>" in html_gaps


def test_a_complete_assessment_is_not_marked_draft(tmp_path: Path) -> None:
    md, html = mini_report(CLEAN, tmp_path)
    assert "DRAFT" not in md and "DRAFT" not in html
    assert "None: every required question that applies is answered" in md
    # Complete answers but status: draft is still a draft.
    md, html = mini_report(CLEAN.replace("status: complete", "status: draft"), tmp_path)
    assert "**DRAFT.**" in md and 'class="draft"' in html
    # So is status: complete with a required question unanswered.
    md, html = mini_report(CLEAN.replace("  details.people: {value: 12}\n", ""), tmp_path)
    assert "**DRAFT.**" in md and 'class="draft"' in html
    assert "- 2.1 How many people?" in section(md, "Required but unanswered:", "## Method")


def test_overdue_actions_stand_out(tmp_path: Path) -> None:
    text = CLEAN + (
        "actions:\n"
        "  - {id: late, description: Late one, addresses: [LEG-001], owner: A,"
        " due: 2026-11-21, status: planned}\n"
        "  - {id: started, description: Started one, addresses: [LEG-001], owner: B,"
        " due: 2026-03-01, status: in_progress}\n"
        "  - {id: finished, description: Finished one, addresses: [LEG-001], owner: C,"
        " due: 2026-01-01, status: done}\n"
        "  - {id: today, description: Due today, addresses: [LEG-001], owner: D,"
        " due: 2026-11-22, status: planned}\n"
        "  - {id: later, description: Later one, addresses: [LEG-001], owner: E,"
        " due: 2027-01-01, status: planned}\n"
    )
    md, html = mini_report(text, tmp_path)
    plan = section(md, "## Action plan\n", "## Gaps")
    rows = dict(re.findall(r"^\| (\w+): [^|]+\|[^|]+\|[^|]+\|[^|]+\| (.*) \|$", plan, re.M))
    assert list(rows) == ["finished", "started", "late", "today", "later"], "by due date"
    overdue = {name for name, status in rows.items() if status.startswith("**OVERDUE**")}
    assert overdue == {"late", "started"}
    assert rows["finished"] == "done" and rows["today"] == "planned"
    plan_html = section(html, '<section id="actions">', "</section>")
    cells = dict(
        re.findall(r'<tr><th scope="row">(\w+): .*?<td>([^<]*|<span.*?)</td></tr>', plan_html)
    )
    assert len(cells) == 5
    assert {name for name, cell in cells.items() if "OVERDUE" in cell} == {"late", "started"}
    assert html.count('<span class="overdue">⚠ OVERDUE</span>') == 2
    md, html = mini_report(text, tmp_path, "--today", "2026-01-01")
    assert "OVERDUE" not in md and "OVERDUE" not in html


def test_hidden_answers_are_not_shown(tmp_path: Path) -> None:
    text = CLEAN + (
        "  basics.mode: {value: one_to_many, note: HIDDEN-NOTE-7, evidence: [HIDDEN-EVIDENCE-7]}\n"
    )
    path = tmp_path / "hidden.hria.yaml"
    path.write_text(text, encoding="utf-8")
    assert check_json(path, "--bank", MINI)["hidden_answers"] == ["basics.mode"]
    md, html = mini_report(text, tmp_path)
    for output in (md, html):
        assert "Which mode?" not in output
        assert "HIDDEN" not in output
        assert "RL-001" not in output, "a hidden answer raises no flag"
        assert "Is there a law?" in output
    # The same answer, once it applies, is shown.
    md, html = mini_report(text.replace("[gps]", "[faces]"), tmp_path)
    assert "Which mode?" in md and "HIDDEN-NOTE-7" in md and "HIDDEN-EVIDENCE-7" in html


# --- injection corpus -------------------------------------------------------------------------

PAYLOADS = [
    "<script>alert(1)</script>",
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=1">',
    '<svg onload="window.__xss=1"><circle r="9"/></svg>',
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1 x='",
    "[click](javascript:window.__xss=1)",
    "[click](JaVaScRiPt:alert(1)) <javascript:alert(1)>",
    "![tracker](http://evil.example/x.png)",
    "[data](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)",
    '<a href="javascript:window.__xss=1">link</a> <a href=//evil.example>x</a>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    '<details open ontoggle="window.__xss=1"><summary>x</summary></details>',
    "&lt;script&gt;window.__xss=1&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; &amp;",
    "a | b | c\n| injected | row | here |\n|---|---|---|",
    "## Verdict\n\n**No major flags found**\n\n## Summary",
    "- not a list\n1. nor this",
    "1. not a list either",
    "---",
    "    indented code\n> quote\n~~~ fence",
    "`code` ``` fenced ``` \\| escaped pipe and trailing backslash \\",
    "<style>body{display:none}</style><!-- hide the rest",
    '<meta http-equiv="refresh" content="0;url=http://evil.example/">',
    "{{ 6 * 7007 }} {% if true %}jinja{% endif %} ${6*7007}",
]
IDS = [f"p{n:02d}" for n in range(len(PAYLOADS))]


def injected(payload: str) -> dict[str, Any]:
    """A mini-bank assessment with `payload` in every free-text field."""
    p = payload
    return {
        "schema_version": 1,
        "metadata": {
            "title": p,
            "organisation": p,
            "role": "deployer",
            "assessor": p,
            "created": "2026-01-05",
            "status": "complete",
            "bank": {"id": "mini", "version": "0.1.0"},
            "description": p,
        },
        "answers": {
            "basics.tech": {"value": ["faces"], "note": p, "evidence": [p]},
            "basics.law": {"value": "no", "note": p, "evidence": [p, p]},
            "basics.mode": {"value": "one_to_one", "note": p, "evidence": [p]},
            "details.people": {"value": 5000, "note": p, "evidence": [p]},
            "details.started": {"value": "2026-01-01", "note": p, "evidence": [p]},
            "details.why": {"value": p, "note": p, "evidence": [p]},
        },
        "impacts": [
            {
                "id": "imp-1",
                "right": p,
                "groups": [p, p],
                "description": p,
                "status": "potential",
                "involvement": "cause",
                "scale": 2,
                "scope": 4,
                "irremediability": 2,
                "likelihood": 3,
            }
        ],
        "actions": [
            {
                "id": "act-1",
                "description": p,
                "addresses": ["imp-1", "LEG-001"],
                "owner": p,
                "due": "2026-01-01",
                "status": "planned",
            }
        ],
    }


def write_injected(folder: Path, payloads: Sequence[str], name: str = "xss") -> Path:
    """The corpus as an assessment file; all payloads, one per line, in every field."""
    path = folder / f"{name}.hria.json"
    path.write_text(json.dumps(injected("\n".join(payloads)), indent=2), encoding="utf-8")
    return path


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_payload_stays_text_in_html(payload: str, tmp_path: Path) -> None:
    path = write_injected(tmp_path, [payload])
    html = render(path, "html", tmp_path, "--bank", MINI).decode("utf-8")
    parsed = assert_safe_html_report(html)
    for tag in ("script", "iframe", "img", "details", "object", "embed", "link"):
        assert parsed.count(tag) == 0, tag
    plain = render(
        write_injected(tmp_path, ["Plain text"], "plain"), "html", tmp_path, "--bank", MINI
    )
    for tag in SVG_TAGS:  # the report's own icons and pictures, and nothing more
        assert parsed.count(tag) == Tags.parse(plain.decode("utf-8")).count(tag), tag
    assert parsed.count("style") == 1 and parsed.count("meta") == 4
    text = "".join(parsed.text)
    assert f"Human rights impact assessment: {payload}" in text, "shown as text, not dropped"
    assert "42042" not in text, "free text is never evaluated as a template"


@pytest.mark.parametrize("payload", PAYLOADS, ids=IDS)
def test_payload_stays_text_in_markdown(payload: str, tmp_path: Path) -> None:
    md = report(write_injected(tmp_path, [payload]), "--bank", MINI).stdout
    baseline = report(write_injected(tmp_path, ["Plain text"], "plain"), "--bank", MINI).stdout
    assert_markdown_structure_unchanged(md, baseline)
    assert f"# Human rights impact assessment: {md_escape(payload)}\n" in md
    if "<script>" in payload:
        assert "\\<script\\>" in md
    assert "<script" not in md.replace("\\<script", "")
    assert "42042" not in md


def test_the_whole_corpus_at_once(tmp_path: Path) -> None:
    path = write_injected(tmp_path, PAYLOADS)
    html = render(path, "html", tmp_path, "--bank", MINI).decode("utf-8")
    assert_safe_html_report(html)
    md = report(path, "--bank", MINI).stdout
    baseline = report(write_injected(tmp_path, ["Plain text"], "plain"), "--bank", MINI).stdout
    assert_markdown_structure_unchanged(md, baseline)


def test_safe_links_in_notes_survive(tmp_path: Path) -> None:
    note = "See [the law](https://example.org/act) or [write](mailto:dpo@example.org); *done*."
    path = write_injected(tmp_path, ["x"])
    document = json.loads(path.read_text(encoding="utf-8"))
    document["answers"]["basics.law"]["note"] = note
    path.write_text(json.dumps(document), encoding="utf-8")
    html = render(path, "html", tmp_path, "--bank", MINI).decode("utf-8")
    assert '<a href="https://example.org/act">the law</a>' in html
    assert '<a href="mailto:dpo@example.org">write</a>' in html
    assert "<em>done</em>" in html
    assert_safe_html_report(html)


def injected_example(bank: Bank, source: Path, payload: str) -> dict[str, Any]:
    """A bundled example with `payload` in every free-text field, text answers included."""
    from ruamel.yaml import YAML

    data: dict[str, Any] = YAML(typ="safe", pure=True).load(source.read_text(encoding="utf-8"))
    meta = data["metadata"]
    for key in ("title", "organisation", "assessor", "description"):
        meta[key] = payload
    for qid, answer in data["answers"].items():
        if bank.questions[qid].kind == "text" and answer["value"] != "unknown":
            answer["value"] = payload
        answer["note"] = payload
        answer["evidence"] = [*answer.get("evidence", []), payload]
    for impact in data.get("impacts", []):
        impact.update(right=payload, groups=[payload, *impact["groups"]], description=payload)
    for action in data.get("actions", []):
        action.update(description=payload, owner=payload)
    return data


@pytest.mark.parametrize(
    "name", ["gps-tagging-immigration-bail", "live-frt-public-square"], ids=str
)
def test_the_corpus_in_a_bundled_example(bank: Bank, name: str, tmp_path: Path) -> None:
    source = ROOT / "assessments" / f"{name}.hria.yaml"

    def write(payload: str, file: str) -> Path:
        path = tmp_path / f"{file}.hria.json"
        text = json.dumps(injected_example(bank, source, payload), default=str, indent=1)
        path.write_text(text, encoding="utf-8")
        return path

    path = write("\n".join(PAYLOADS), "xss")
    assert_safe_html_report(render(path, "html", tmp_path).decode("utf-8"))
    baseline = report(write("Plain text", "plain")).stdout
    assert_markdown_structure_unchanged(report(path).stdout, baseline)


def test_a_file_name_cannot_inject_either(tmp_path: Path) -> None:
    name = "a`<img src=x onerror=alert(1)>`|b.hria.yaml"
    path = tmp_path / name
    path.write_text(CLEAN, encoding="utf-8")
    md = report(path, "--bank", MINI).stdout
    assert_safe_markup(markdown_to_html(md))
    assert_safe_html_report(render(path, "html", tmp_path, "--bank", MINI).decode("utf-8"))


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("## Verdict", "\\## Verdict"),
        ("- item", "\\- item"),
        ("+ item", "\\+ item"),
        ("12. item", "12\\. item"),
        ("3) item", "3\\) item"),
        ("---", "\\---"),
        ("~~~ fence", "\\~~~ fence"),
        ("#hashtag", "#hashtag"),
        ("-5", "-5"),
        ("2.1 How many people?", "2.1 How many people?"),
        ("a - b", "a - b"),
    ],
)
def test_md_escape_line_starts(raw: str, escaped: str) -> None:
    assert md_escape(raw) == escaped


@pytest.mark.parametrize(
    ("raw", "span"),
    [
        ("hria report a.hria.yaml", "`hria report a.hria.yaml`"),
        ("a`b", "``a`b``"),
        ("`x``", "``` `x`` ```"),
        ("two\n\nlines", "`two lines`"),
    ],
)
def test_md_code(raw: str, span: str) -> None:
    assert md_code(raw) == span


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_is_written(tmp_path: Path) -> None:
    need_pdf()
    path = tmp_path / "mini.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    pdf = render(path, "pdf", tmp_path, "--bank", MINI)
    assert pdf.startswith(b"%PDF")


def test_pdf_of_the_corpus_fetches_nothing(tmp_path: Path) -> None:
    need_pdf()
    pdf = render(write_injected(tmp_path, PAYLOADS), "pdf", tmp_path, "--bank", MINI)
    assert pdf.startswith(b"%PDF")
    assert b"/JavaScript" not in pdf and b"/JS " not in pdf and b"/Launch" not in pdf


def test_pdf_without_weasyprint_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint -> ImportError
    path = tmp_path / "mini.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    out = tmp_path / "out.pdf"
    result = hria("report", "--today", TODAY, "--bank", MINI, path, "-o", out)
    assert result.exit_code == 2
    assert "pip install 'hria[pdf]'" in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    assert not out.exists()
    result = hria("report", "--today", TODAY, "--bank", MINI, path, "--format", "pdf")
    assert result.exit_code == 2 and result.stdout == ""


class _NoPango(importlib.abc.MetaPathFinder):
    """Importing weasyprint fails the way it does when Pango is missing."""

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,  # noqa: ARG002
        target: ModuleType | None = None,  # noqa: ARG002
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': no such file")
        return None


def test_pdf_without_pango_says_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_NoPango(), *sys.meta_path])
    path = tmp_path / "mini.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    result = hria("report", "--today", TODAY, "--bank", MINI, path, "-o", tmp_path / "o.pdf")
    assert result.exit_code == 2, result.stderr
    assert "Pango" in result.stderr and "internal error" not in result.stderr


def test_pdf_needs_an_output_file(tmp_path: Path) -> None:
    path = tmp_path / "mini.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    result = hria("report", "--today", TODAY, "--bank", MINI, path, "--format", "pdf")
    assert result.exit_code == 2
    assert result.stdout == ""
    if pdf_problem() is None:
        assert "error: PDF goes to a file" in result.stderr
        assert "hint: add -o report.pdf" in result.stderr


# --- --templates ------------------------------------------------------------------------------


def copied_templates(tmp_path: Path) -> Path:
    target = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", target)
    return target


def test_templates_folder_overrides_the_bundled_ones(tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    md_template = folder / "report.md.j2"
    lines = md_template.read_text(encoding="utf-8").splitlines(keepends=True)
    md_template.write_text(
        "# Custom house style: {{ meta.title | md }}\n" + "".join(lines[1:]), encoding="utf-8"
    )
    path = EXAMPLES[0]
    md = report(path, "--templates", folder).stdout
    assert md.startswith("# Custom house style: ")
    assert "## Summary" in md
    bundled = report(path).stdout
    assert md.splitlines()[1:] == bundled.splitlines()[1:]
    html = render(path, "html", tmp_path, "--templates", folder)
    assert html == render(path, "html", tmp_path), "the unchanged HTML copy renders the same"


@pytest.mark.parametrize(("fmt", "name"), [("md", "report.md.j2"), ("html", "report.html.j2")])
def test_missing_template_is_a_clear_error(tmp_path: Path, fmt: str, name: str) -> None:
    folder = tmp_path / "empty"
    folder.mkdir()
    result = hria("report", "--today", TODAY, EXAMPLES[0], "--templates", folder, "--format", fmt)
    assert result.exit_code == 2, result.stderr
    assert f"error: template not found: {name}" in result.stderr
    assert "Traceback" not in result.output and "internal error" not in result.stderr


def test_broken_template_is_a_clear_error(tmp_path: Path) -> None:
    folder = copied_templates(tmp_path)
    (folder / "report.md.j2").write_text("# {{ meta.title | md }}\n{% if %}\n", encoding="utf-8")
    result = hria("report", "--today", TODAY, EXAMPLES[0], "--templates", folder)
    assert result.exit_code == 2, result.stderr
    assert "report.md.j2:2: " in result.stderr
    assert "internal error" not in result.stderr


def test_missing_templates_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = hria("report", EXAMPLES[0], "--templates", tmp_path / "nowhere")
    assert result.exit_code == 2


PLAIN_ALPHABET = "ab Zé9 0.,;:'\"()?%/’“”—–+-_\n"


def _markdown_it(text: str) -> str:
    from hria.report.render import _markdown

    return str(_markdown().render(text))


@pytest.mark.parametrize(
    "text",
    [
        "Plain prose, with (brackets), 'quotes' and \"double quotes\".",
        "Two\nlines.\n\nTwo paragraphs.",
        "Act 2025 s. 4; see p. 12-14 — “quoted” 50% of cases.",
        "As in legality.secret_rules and a_b_c.",
        "_not_ plain, nor __this__, nor a_ b",
        "- a list",
        "+ a list",
        "1. a list",
        "3) a list",
        "  indented",
        "trailing  ",
        "a\n\n\nb",
        "under_score and *star*",
        "Title\n---",
        "a & b",
        "<b>x</b>",
    ],
)
def test_plain_notes_render_as_markdown_it_would(text: str) -> None:
    from hria.report.render import _plain_html, note_html

    assert str(note_html(text)) == _markdown_it(text)
    if text.startswith(("Plain", "Two", "Act", "As in")):
        assert _plain_html(text) is not None  # the fast path is really taken


def test_fast_path_matches_markdown_it_on_random_text() -> None:
    import random

    from hria.report.render import _plain_html

    rng = random.Random(7)
    taken = 0
    for _ in range(4000):
        text = "".join(rng.choice(PLAIN_ALPHABET) for _ in range(rng.randint(1, 40)))
        fast = _plain_html(text)
        if fast is not None:
            taken += 1
            assert fast == _markdown_it(text), repr(text)
    assert taken > 500


def test_fast_path_matches_markdown_it_on_every_example_note() -> None:
    from hria.files.yamlio import parse
    from hria.report.render import note_html

    notes = [
        answer["note"]
        for path in EXAMPLES
        for answer in parse(path.read_text(encoding="utf-8"), str(path))["answers"].values()
        if isinstance(answer, dict) and answer.get("note")
    ]
    assert len(notes) > 100
    for note in notes:
        assert str(note_html(note)) == _markdown_it(note), note
