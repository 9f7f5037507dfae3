"""`hria report FILE --review REVIEW`: the contested answers, the reviewer's findings and
opinion, the two verdicts side by side, and a stale review said so; in Markdown, in HTML and
in headless Chromium. Without --review the report is as it was (the golden files hold it)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner, Result

from hria.cli import app
from hria.models.bank import Bank
from tests.test_report import PAYLOADS, assert_safe_html_report
from tests.test_review_check import RED_LINE, reviewed
from tests.test_review_stale import edit, seen_body

OPINIONS = """\
flags:
  VEN-014: {opinion: severity, severity: medium, why: The contract has no remedy clause.}
missed:
  - gate: safeguards
    title: No audit log of unlocks
    severity: medium
    evidence: [DPIA section 5]
opinion: {agrees_with_verdict: false, recommended: suspend, comment: See the notice.}
signed: {name: R. Reviewer, date: 2026-12-01}
"""


def report(assessment: Path, review: Path, *args: str | Path) -> Result:
    words = ["report", str(assessment), "--review", str(review), "--today", "2026-12-01"]
    return CliRunner().invoke(app, [*words, *map(str, args)])


def test_markdown_shows_the_review(tmp_path: Path, bank: Bank) -> None:
    assessment, review = reviewed(tmp_path, bank, "on-device-verification", RED_LINE + OPINIONS)
    result = report(assessment, review)
    assert result.exit_code == 0, result.output
    md = result.stdout
    part = md.split("\n## Review\n", 1)[1].split("\n## The test, gate by gate\n")[0]
    assert "Reviewed by R. Reviewer (Example Rights Watch, NGO), signed by R. Reviewer" in part
    assert (
        "| Overall | No major flags found | Incompatible with human rights: do not deploy"
    ) in part
    assert "| Red lines | No major flags found | Crosses a red line: do not deploy | yes |" in part
    contested = part.split("### Contested answers", 1)[1]
    assert "2.1 Does the system" in contested and "| Yes |" in contested
    assert "The vendor's gallery search is switched on." in contested
    assert "⛔ **RED LINE** RL-001: Faces are searched one-to-many" in part
    assert (
        "| VEN-014: The contract does not make" in part and "severity should differ: medium" in part
    )
    assert "◆ **MEDIUM** No audit log of unlocks (Safeguards). Evidence: DPIA section 5" in part
    assert "does not agree with the verdict, and recommends: **Suspend until" in part
    assert "changed since" not in part
    assert "--review on-device-verification.review.hria.yaml" in md  # the footer's command


def test_a_stale_review_is_said_so_in_the_report(tmp_path: Path, bank: Bank) -> None:
    assessment, review = reviewed(tmp_path, bank, "on-device-verification", "")
    review.write_text(
        review.read_text(encoding="utf-8") + seen_body(bank, assessment), encoding="utf-8"
    )
    edit(assessment, "value: 60000", "value: 90000")
    md = report(assessment, review).stdout
    assert "**The assessment has changed since this review was made** (its SHA-256 differs)" in md
    assert (
        "- 1.11 About how many people will the system process or act upon each year?: answer changed"
        in md
    )
    assert "The reviewer accepted every answer reviewed." in md
    html = report(assessment, review, "-f", "html").stdout
    assert "<strong>The assessment has changed since this review was made</strong>" in html


def test_a_review_of_another_assessment_is_refused(tmp_path: Path, bank: Bank) -> None:
    _, review = reviewed(tmp_path, bank, "on-device-verification", RED_LINE)
    other, _ = reviewed(tmp_path, bank, "gps-tagging-immigration-bail", "")
    result = report(other, review)
    assert result.exit_code == 2
    assert "this review is of 'on-device-verification.hria.yaml'" in result.stderr
    assert result.stdout == ""


def hostile_review(tmp_path: Path, bank: Bank) -> tuple[Path, Path]:
    payload = " ".join(PAYLOADS[:6]).replace('"', "'")
    body = RED_LINE.replace(
        "comment: The vendor's gallery search is switched on.", f'comment: "{payload}"'
    ) + OPINIONS.replace("title: No audit log of unlocks", f'title: "{payload}"')
    return reviewed(tmp_path, bank, "on-device-verification", body)


def test_reviewer_text_stays_text(tmp_path: Path, bank: Bank) -> None:
    assessment, review = hostile_review(tmp_path, bank)
    html = report(assessment, review, "-f", "html").stdout
    assert_safe_html_report(html)
    assert "<script>" not in html.split('<section id="review">', 1)[1]
    md = report(assessment, review).stdout
    assert "<script>" not in md and "\\<script\\>" in md


def test_html_review_in_chromium(tmp_path: Path, bank: Bank) -> None:
    from tests.system_parts import launch_chromium
    from tests.test_browser import opened

    assessment, review = hostile_review(tmp_path, bank)
    path = tmp_path / "report.html"
    result = report(assessment, review, "-o", path)
    assert result.exit_code == 0, result.output
    with launch_chromium() as browser, opened(browser, path) as visit:
        visit.assert_quiet(path.as_uri())
        section = visit.page.locator("section#review")
        assert section.is_visible()
        assert section.locator("caption").first.inner_text() == "The two verdicts"
        assert visit.page.evaluate("window.__xss") is None
        assert visit.page.evaluate("document.scripts.length") == 0
