"""The report's first page and its findings: a summary that stands alone on one A4 page (for
every bundled example and every calibration case), flags grouped into findings, the action
plan always present, and the unknowns that could change the verdict."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from hria.domain.engine import assess
from hria.files.store import load_assessment
from hria.models.bank import Bank
from hria.report.build import build_report
from hria.report.context import report_context
from hria.report.findings import findings, first_sentence, group, shorten
from hria.report.render import ReportFormat
from tests.conftest import MINI, ROOT
from tests.system_parts import launch_chromium
from tests.test_report import CLEAN, mini_report, report, section

if TYPE_CHECKING:
    from playwright.sync_api import Browser

TODAY = dt.date(2026, 11, 22)
EXAMPLES = sorted((ROOT / "assessments").glob("*.hria.yaml"))
CASES = sorted((ROOT / "tests" / "calibration").glob("*/answers.hria.yaml"))
# A4 less the print stylesheet's page margins (1.3 cm top, 1.1 cm bottom, 1.2 cm at the sides), in
# CSS pixels.
PRINT_WIDTH = round((210 - 24) / 25.4 * 96)
PRINT_HEIGHT = round((297 - 24) / 25.4 * 96)


def name(path: Path) -> str:
    return path.parent.name if path.name == "answers.hria.yaml" else path.name.split(".")[0]


def context_of(bank: Bank, path: Path) -> dict[str, Any]:
    assessment = load_assessment(path, bank).assessment
    return report_context(bank, assessment, assess(bank, assessment, TODAY), TODAY, "hria")


# --- grouping ---------------------------------------------------------------------------------


def flag(
    code: str, rec: str, refs: list[str], severity: str = "high", n: int = 1
) -> dict[str, Any]:
    return {
        "code": code,
        "index": n,
        "title": f"title {code}",
        "severity": severity.replace("_", " "),
        "severity_key": severity,
        "gate": "Gate",
        "gate_id": "gate",
        "unknown": False,
        "status": "open",
        "refs": refs,
        "triggers": [{"text": r, "label": r, "answer": "Yes", "anchor": None} for r in refs],
        "rationale": f"why {code}",
        "recommendation": rec,
        "sources": [f"source {code}"],
        "basis": [],
        "basis_refs": [],
    }


def test_flags_sharing_a_cause_or_a_recommendation_make_one_finding() -> None:
    flags = [
        flag("A-1", "Do a.", ["q1"], "medium", 1),
        flag("B-1", "Do b.", ["q2"], "high", 2),
        flag("C-1", "Do a.", ["q3"], "high", 3),  # shares A's recommendation
        flag("D-1", "Do d.", ["q2"], "low", 4),  # shares B's cause
        flag("E-1", "Do e.", ["q5"], "low", 5),
        flag("E-1", "Do e.", ["q6"], "low", 6),  # the same rule twice
        flag("F-1", "Do f.", ["q1", "q9"], "info", 7),  # a different cause: not grouped
    ]
    groups = group(flags)
    assert [[f["index"] for f in g] for g in groups] == [[1, 3], [2, 4], [5, 6], [7]]
    made = findings(flags)
    assert [(f["code"], f["count"], f["severity_key"]) for f in made] == [
        ("C-1", 2, "high"),  # named by its worst flag
        ("B-1", 2, "high"),
        ("E-1", 2, "low"),
        ("F-1", 1, "info"),
    ]
    assert made[0]["recommendations"] == ["Do a."], "a recommendation is printed once"
    assert [t["text"] for t in made[0]["triggers"]] == ["q3", "q1"]
    assert made[2]["recommendations"] == ["Do e."]
    assert made[2]["rationales"] == [{"code": "E-1", "text": "why E-1"}], "a reason once"
    assert [r["code"] for r in made[0]["rationales"]] == ["C-1", "A-1"]


def test_grouping_is_transitive() -> None:
    flags = [flag("A", "a", ["q1"]), flag("B", "b", ["q2"]), flag("C", "a", ["q2"])]
    assert [len(g) for g in group(flags)] == [3]


def test_shortening_cuts_at_a_word() -> None:
    assert shorten("short", 10) == "short"
    assert shorten("one two three four", 12) == "one two…"
    assert first_sentence("Do this. Then that.") == "Do this."
    assert first_sentence("No full stop") == "No full stop"


# --- the first page's content -----------------------------------------------------------------


def test_the_summary_names_red_lines_themes_actions(bank: Bank) -> None:
    context = context_of(bank, ROOT / "assessments" / "live-frt-public-square.hria.yaml")
    summary = context["summary"]
    assert [f["code"] for f in summary["red_lines"]["crossed"]] == ["RL-001", "RL-002", "RL-005"]
    assert [t["id"] for t in summary["themes"]] == [g.id for g in bank.gates]
    assert sum(t["flags"] for t in summary["themes"]) == summary["total"] == 72
    assert len(summary["actions"]) == 5
    assert [a["code"] for a in summary["actions"][:3]] == ["RL-001", "RL-002", "RL-005"]
    assert summary["no_plan"] is not None and summary["no_plan"]["open"] > 0
    md = report(ROOT / "assessments" / "live-frt-public-square.hria.yaml").stdout
    first = section(md, "## Summary\n", "## Contents\n")
    for code in ("RL-001", "RL-002", "RL-005"):
        assert f"⛔ **CROSSED** {code}: " in first
    assert "| [Action plan](#action-plan) | No action is planned | ▲ high |" in first
    assert "\n1. Do not use one-to-many face identification. (RL-001, red line)\n" in first


def test_unknowns_that_could_change_the_verdict(bank: Bank) -> None:
    path = ROOT / "tests" / "calibration" / "kenya-huduma-namba" / "answers.hria.yaml"
    context = context_of(bank, path)
    unknowns = context["summary"]["unknowns"]
    # RL-001 is raised as high because 2.1 is unknown: a yes would cross the red line.
    assert unknowns[0]["number"] == "2.1" and unknowns[0]["overall"]
    assert "RL-001" in unknowns[0]["rules"]
    md = report(path).stdout
    assert "Answering these 3 questions could change the verdict:" in md
    gaps = section(md, "## Gaps\n", "## Method and limits")
    assert "2.1 Does the system" in gaps and "(could change the verdict)" in gaps
    # A verdict that no unknown can move says so.
    context = context_of(bank, ROOT / "assessments" / "live-frt-public-square.hria.yaml")
    assert context["summary"]["unknowns"] == []


def test_held_rules_of_an_unknown_can_change_a_clean_verdict(bank: Bank) -> None:
    path = ROOT / "tests" / "calibration" / "swisscovid-app" / "answers.hria.yaml"
    context = context_of(bank, path)
    assert context["verdict"]["outcome"] == "no_major_flags"
    unknowns = context["summary"]["unknowns"]
    assert unknowns and all(u["overall"] for u in unknowns)
    assert context["summary"]["unknowns_total"] > len(unknowns) == 3


def test_the_action_plan_is_always_there(tmp_path: Path) -> None:
    md, html = mini_report(CLEAN, tmp_path)
    plan = section(md, "## Action plan\n", "## Gaps")
    assert plan.split("\n", 2)[2].startswith("No action is planned")
    assert '<section id="actions">' in html
    frt = report(ROOT / "assessments" / "live-frt-public-square.hria.yaml").stdout
    plan = section(frt, "## Action plan\n", "## Gaps")
    assert "**HIGH** No action is planned: 70 flags are open" in plan


def test_the_toc_links_every_section() -> None:
    md = report(EXAMPLES[0]).stdout
    for anchor, heading in [
        ("summary", "## Summary"),
        ("findings-by-gate", "## Findings by gate"),
        ("impact-register", "## Impact register"),
        ("action-plan", "## Action plan"),
        ("gaps", "## Gaps"),
        ("method-and-limits", "## Method and limits"),
        ("appendix-every-answer", "## Appendix: every answer"),
        ("sources", "## Sources"),
    ]:
        assert f"](#{anchor})" in md and f"\n{heading}\n" in md
    html = build_report_html(EXAMPLES[0])
    contents = section(html, '<nav id="contents"', "</nav>")
    for anchor in ("summary", "findings", "impacts", "actions", "gaps", "method", "appendix"):
        assert f'<a href="#{anchor}">' in contents and f'id="{anchor}"' in html
    # every internal link lands on an element of the document
    ids = set(re.findall(r' id="([^"]+)"', html))
    targets = set(re.findall(r'href="#([^"]+)"', html))
    assert targets and targets <= ids, targets - ids


def build_report_html(path: Path) -> str:
    from hria.bank.load import load_bank

    return build_report(load_bank(), path, ReportFormat.HTML, TODAY).decode("utf-8")


def test_instrument_links_are_http_only() -> None:
    from hria.report.register import safe_url

    assert safe_url("https://eur-lex.europa.eu/eli/reg/2024/1689/oj") is not None
    assert safe_url("http://example.org/x") == "http://example.org/x"
    for bad in ("javascript:alert(1)", "data:text/html,x", "ftp://x", "//evil", "https://a b", ""):
        assert safe_url(bad) is None, bad
    assert safe_url(None) is None
    # parentheses stay (the Markdown template escapes them); anything unusual is encoded
    assert safe_url("https://x.org/a(b)<c>") == "https://x.org/a(b)%3Cc%3E"


def test_instrument_links_show_in_the_sources(tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "bank"
    shutil.copytree(MINI, folder)
    catalogue = folder / "instruments.yaml"
    text = catalogue.read_text(encoding="utf-8").replace(
        "title: International Covenant on Civil and Political Rights}",
        "title: International Covenant on Civil and Political Rights,"
        " url: 'https://www.ohchr.org/en/instruments-mechanisms/instruments/iccpr'}",
    )
    catalogue.write_text(text, encoding="utf-8")
    path = tmp_path / "mini.hria.yaml"
    path.write_text(CLEAN, encoding="utf-8")
    md = report(path, "--bank", folder).stdout
    link = "https://www.ohchr.org/en/instruments-mechanisms/instruments/iccpr"
    assert f"- **ICCPR**: [International Covenant on Civil and Political Rights]({link})" in md
    out = tmp_path / "r.html"
    report(path, "--bank", folder, "-o", out)
    html = out.read_text(encoding="utf-8")
    assert f'<a href="{link}">International Covenant on Civil and Political Rights</a>' in html
    hostile = tmp_path / "hostile-bank"
    shutil.copytree(MINI, hostile)
    (hostile / "instruments.yaml").write_text(
        text.replace(link, "javascript:alert(1)"), encoding="utf-8"
    )
    from tests.test_report import hria

    refused = hria("report", "--today", TODAY.isoformat(), path, "--bank", hostile)
    assert refused.exit_code == 2, "the bank itself refuses an address that is not http(s)"
    assert "instruments.yaml:2:" in refused.stderr and "url must be an http" in refused.stderr
    assert "javascript" not in refused.stdout


# --- one A4 page ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with launch_chromium() as launched:
        yield launched


@pytest.mark.slow
def test_the_summary_fits_one_a4_page_in_print(
    browser: Browser, bank: Bank, tmp_path: Path
) -> None:
    page = browser.new_page(viewport={"width": PRINT_WIDTH, "height": PRINT_HEIGHT})
    page.emulate_media(media="print")
    heights = {}
    for path in [*EXAMPLES, *CASES]:
        out = tmp_path / f"{name(path)}.html"
        out.write_bytes(build_report(bank, path, ReportFormat.HTML, TODAY))
        page.goto(out.as_uri())
        heights[name(path)] = page.evaluate(
            "document.querySelector('#summary').getBoundingClientRect().bottom"
        )
    page.close()
    assert len(heights) == len(EXAMPLES) + len(CASES) >= 30
    too_tall = {k: v for k, v in heights.items() if v > PRINT_HEIGHT}
    assert not too_tall, f"taller than one A4 page ({PRINT_HEIGHT}px): {too_tall}"
    assert min(heights.values()) > PRINT_HEIGHT / 3, "the measure measured something"
