"""Sources with links: every catalogued instrument has an official http(s) address, a bank
that gives any other kind of address is refused, and the report and `hria explain` show them."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from hria.bank.load import load_bank
from hria.cli import app
from hria.errors import BankError
from hria.escapes import md_url
from hria.models.bank import Bank
from tests.conftest import MINI, ROOT

runner = CliRunner()
EXAMPLE = ROOT / "assessments" / "live-frt-public-square.hria.yaml"
# The addresses of official publishers: a catalogue entry elsewhere needs a reason.
OFFICIAL_HOSTS = re.compile(
    r"(^|\.)(un\.org|ohchr\.org|coe\.int|europa\.eu|oecd\.org|amnesty\.org|unhcr\.org|"
    r"icrc\.org|imo\.org|oas\.org|corteidh\.or\.cr|unsceb\.org|intgovforum\.org|bverwg\.de|"
    r"bailii\.org|doi\.org|mlr\.press|canada\.ca|gov\.br|gob\.ar|necessaryandproportionate\.org)$"
)


def test_every_instrument_has_an_official_https_address(bank: Bank) -> None:
    assert len(bank.instruments) >= 76
    missing = sorted(i.id for i in bank.instruments.values() if not i.url)
    assert not missing, f"instruments without a url: {missing}"
    for instrument in bank.instruments.values():
        assert instrument.url is not None
        parts = urlsplit(instrument.url)
        assert parts.scheme == "https", instrument.id
        assert OFFICIAL_HOSTS.search(parts.hostname or ""), (instrument.id, parts.hostname)


def test_addresses_follow_the_stable_identifier_schemes(bank: Bank) -> None:
    """EU law by ELI or ECLI, UN documents by symbol, Strasbourg judgments by HUDOC item."""
    urls = {i.id: i.url or "" for i in bank.instruments.values()}
    assert urls["gdpr"] == "https://eur-lex.europa.eu/eli/reg/2016/679/oj"
    assert urls["eu_ai_act"] == "https://eur-lex.europa.eu/eli/reg/2024/1689/oj"
    assert urls["cjeu_schrems"].endswith("?uri=ecli:ECLI:EU:C:2015:650")
    for ident, instrument in bank.instruments.items():
        reference = instrument.reference or ""
        if reference.startswith("OJ L") and ident != "gdpr":
            assert "/eli/" in urls[ident], ident
        if reference.startswith("ECLI:EU:"):
            assert urls[ident].endswith(reference), ident
        symbol = re.match(r"(A/|CCPR/|CRC/|CERD/|E/C\.12/|CMW/)\S+", reference)
        if symbol:
            assert urls[ident] == f"https://docs.un.org/en/{symbol.group(0)}", ident
        if ident.startswith("echr_") and ident != "echr_protocol_4":
            assert re.fullmatch(r"https://hudoc\.echr\.coe\.int/eng\?i=001-\d+", urls[ident])


def _bank_with_url(tmp_path: Path, url: str) -> Path:
    target = tmp_path / "bank"
    shutil.copytree(MINI, target)
    path = target / "instruments.yaml"
    text = path.read_text(encoding="utf-8")
    old = "title: International Covenant on Civil and Political Rights}"
    assert old in text
    path.write_text(text.replace(old, old[:-1] + f", url: {json.dumps(url)}}}"), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<b>x</b>",
        "ftp://treaties.example/iccpr",
        "file:///etc/passwd",
        "//treaties.example/iccpr",
        "https://",
        "https://treaties.example/iccpr text",
        "https://treaties.example/\ticcpr",
        " https://treaties.example/iccpr",
        "treaties.example/iccpr",
        "",
    ],
)
def test_a_bank_with_a_non_web_address_is_refused(tmp_path: Path, url: str) -> None:
    with pytest.raises(BankError) as caught:
        load_bank(_bank_with_url(tmp_path, url))
    problems = [str(p) for p in caught.value.problems]
    line = (tmp_path / "bank" / "instruments.yaml").read_text(encoding="utf-8").splitlines()[1]
    column = line.index("url: ") + len("url: ") + 1
    assert len(problems) == 1, problems
    assert problems[0].endswith(
        f"instruments.yaml:2:{column}: instruments.0.url: "
        "url must be an http:// or https:// address, with no spaces"
    ), problems


def test_the_check_command_names_the_bad_address(tmp_path: Path) -> None:
    bank = _bank_with_url(tmp_path, "javascript:alert(1)")
    result = runner.invoke(app, ["rules", "--bank", str(bank)])
    assert result.exit_code == 2
    assert "instruments.yaml:2:" in result.stderr
    assert "http:// or https://" in result.stderr
    assert "Traceback" not in result.output + result.stderr


@pytest.mark.parametrize("url", ["http://treaties.example/iccpr", "HTTPS://Treaties.Example/a"])
def test_http_and_https_addresses_load(tmp_path: Path, url: str) -> None:
    assert load_bank(_bank_with_url(tmp_path, url)).instruments["iccpr"].url == url


class _Links(HTMLParser):
    """The links of the Sources section: (href, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.inside = False
        self.href: str | None = None
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "section":
            self.inside = dict(attrs).get("id") == "sources"
        elif tag == "a" and self.inside:
            self.href = dict(attrs).get("href") or ""
            self.links.append((self.href, ""))

    def handle_data(self, data: str) -> None:
        if self.href is not None:
            href, text = self.links[-1]
            self.links[-1] = (href, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self.href = None


def _catalogue(bank: Bank) -> dict[str, set[str]]:
    """Each title's addresses (two reports can share a title)."""
    found: dict[str, set[str]] = {}
    for instrument in bank.instruments.values():
        found.setdefault(instrument.title, set()).add(instrument.url or "")
    return found


def test_the_html_report_links_every_source_title(bank: Bank, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["report", str(EXAMPLE), "--today", "2026-11-22", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    listed = html.split('<section id="sources">', 1)[1].split("</section>", 1)[0].count("<li>")
    assert len(parser.links) == listed >= 10
    catalogue = _catalogue(bank)
    for href, title in parser.links:
        assert href in catalogue[title], title
        assert urlsplit(href).scheme == "https"


def test_the_markdown_report_links_every_source_title(bank: Bank) -> None:
    result = runner.invoke(app, ["report", str(EXAMPLE), "--today", "2026-11-22"])
    assert result.exit_code == 0, result.stderr
    sources = result.stdout.split("\n## Sources\n", 1)[1].split("\n---\n", 1)[0]
    tokens = MarkdownIt("commonmark").parseInline(sources)
    links = []
    for token in tokens:
        children = token.children or []
        for at, child in enumerate(children):
            if child.type == "link_open":
                links.append((str(child.attrs["href"]), children[at + 1].content))
    assert len(links) == sources.count("\n- ") >= 10
    catalogue = _catalogue(bank)
    for href, title in links:
        assert href in catalogue[title], title


def test_a_markdown_link_survives_parentheses_and_backslashes() -> None:
    url = "https://www.imo.org/en/Pages/Search-and-Rescue-(SAR).aspx?a=1)b\\c"
    text = f"[SAR Convention]({md_url(url)})"
    html = MarkdownIt("commonmark").renderInline(text)
    encoded = url.replace(chr(92), "%5C")  # a backslash is percent-encoded in the href
    assert html == f'<a href="{encoded}">SAR Convention</a>'


@pytest.mark.parametrize("url", ["javascript:alert(1)", "mailto:x@example.org", "", "http://a b"])
def test_markdown_links_only_to_the_web(url: str) -> None:
    assert md_url(url) == ""


def test_explain_shows_each_source_address(bank: Bank) -> None:
    result = runner.invoke(app, ["explain", "LEG-001"])
    assert result.exit_code == 0
    sources = result.stdout.split("\nSources\n", 1)[1].split("\n\n", 1)[0].splitlines()
    rule = bank.rules_by_code["LEG-001"]
    assert len(sources) == 2 * len(rule.sources)
    pairs = zip(sources[::2], sources[1::2], strict=True)
    for source, (cited, address) in zip(rule.sources, pairs, strict=True):
        assert cited.startswith("  - ")
        assert address == f"    {bank.instruments[source.instrument].url}"


def test_explain_without_an_address_shows_the_citation_only() -> None:
    result = runner.invoke(app, ["explain", "--bank", str(MINI), "NEC-001"])
    assert result.exit_code == 0
    sources = result.stdout.split("\nSources\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert sources and all(line.startswith("  - ") for line in sources)
