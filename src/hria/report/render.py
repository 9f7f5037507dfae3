"""Report formats behind one interface: Markdown, self-contained HTML, and PDF (optional)."""

from __future__ import annotations

import re
import warnings
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from hria.errors import HriaError
from hria.i18n import _
from hria.report.jinja import environment, fill, template

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

ALLOWED_LINKS = ("http://", "https://", "mailto:")


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"
    PDF = "pdf"
    JSON = "json"

    @classmethod
    def from_suffix(cls, path: Path) -> ReportFormat:
        suffix = path.suffix.lower().lstrip(".")
        aliases = {"md": cls.MD, "markdown": cls.MD, "html": cls.HTML, "htm": cls.HTML}
        aliases["json"] = cls.JSON
        if suffix in aliases:
            return aliases[suffix]
        if suffix == "pdf":
            return cls.PDF
        raise HriaError(
            _("cannot tell the format from '{name}'").format(name=path.name),
            hint=_("use --format"),
        )


def note_html(text: str | None) -> Markup:
    """An answer's note as HTML: Markdown with raw HTML and images off, safe links only."""
    if not text:
        return Markup("")
    plain = _plain_html(text)
    if plain is not None:
        return Markup(plain)
    return Markup(_markdown().render(text))  # safe: with html off, markdown-it escapes all input


# Characters and line shapes that are never Markdown syntax. Most notes are plain prose, and
# rendering those directly spares loading markdown-it; a test holds the output identical.
# An underscore between letters (a question id) can never open or close emphasis.
_PLAIN_CHARS = re.compile(r"[^\W_]|(?<=[^\W_])_(?=[^\W_])|[ \n,.;:'\"()?%/’‘“”—–+-]")
_MARKER_START = re.compile(r"[-+]|[0-9]+[.)]")


def _plain_html(text: str) -> str | None:
    """The HTML markdown-it would make of `text` if it holds no Markdown at all, else None."""
    if len(_PLAIN_CHARS.sub("", text)) or "\n\n\n" in text:
        return None
    paragraphs = text.strip("\n").split("\n\n")
    for line in "\n".join(paragraphs).split("\n"):
        if not line or line != line.strip(" ") or _MARKER_START.match(line):
            return None
    return "".join(f"<p>{p}</p>\n" for p in paragraphs).replace('"', "&quot;")


@cache
def _markdown() -> MarkdownIt:
    """One parser for every note: building markdown-it's rule chains costs more than a note."""
    from markdown_it import MarkdownIt

    class SafeLinks(MarkdownIt):
        def validateLink(self, url: str) -> bool:
            return url.strip().lower().startswith(ALLOWED_LINKS)

    return SafeLinks("js-default", {"html": False, "linkify": False}).disable("image")


def render(context: dict[str, Any], fmt: ReportFormat, templates: Path | None) -> bytes:
    """The report; answers' control characters are shown escaped (see hria.escapes), so a
    report printed or `cat` to a terminal cannot drive it."""
    if fmt is ReportFormat.PDF:
        return to_pdf(_html(context, templates))
    if fmt is ReportFormat.HTML:
        return _html(context, templates).encode("utf-8")
    if fmt is ReportFormat.JSON:
        from hria.report.data import report_json

        return report_json(context).encode("utf-8")
    env = environment(html=False, directory=templates)
    return fill(template(env, "report.md.j2"), context, templates).encode("utf-8")


def _html(context: dict[str, Any], templates: Path | None) -> str:
    from hria.report import figures, svg

    env = environment(html=True, directory=templates)
    env.filters["note_html"] = note_html
    env.filters["icon"] = lambda key, size="1em": Markup(svg.icon(key, size))
    pictures = figures.Figures(context, Markup)
    return fill(template(env, "report.html.j2"), {**context, "figures": pictures}, templates)


def to_pdf(html: str) -> bytes:
    """WeasyPrint, fetching nothing: only data: URLs are allowed."""
    try:
        with warnings.catch_warnings():
            # Without HarfBuzz-Subset, WeasyPrint still renders but warns about its future.
            warnings.filterwarnings("ignore", "HarfBuzz-Subset", DeprecationWarning)
            import weasyprint
    except ImportError:
        raise HriaError(
            _("PDF output needs WeasyPrint, which is not installed"),
            hint=_("pip install 'hria[pdf]' (WeasyPrint also needs the Pango library)"),
        ) from None
    except OSError as error:  # WeasyPrint is there, but a system library it loads is not
        raise HriaError(
            _(
                "PDF output needs the Pango library, which WeasyPrint could not load: {error}"
            ).format(error=error),
            hint=_("install Pango (Debian: apt-get install libpango-1.0-0 libpangoft2-1.0-0)"),
        ) from None

    def fetcher(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
        if not url.startswith("data:"):
            raise ValueError("external resources are not allowed in a report")
        return dict(weasyprint.default_url_fetcher(url, *args, **kwargs))

    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    result: bytes = document.write_pdf(pdf_tags=True)
    return result
