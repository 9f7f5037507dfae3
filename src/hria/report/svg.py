"""Inline SVG for the HTML report (and the PDF printed from it): severity icons that need no
font, and the report's pictures. Pure functions from data to markup text; every piece of text
is escaped, nothing is fetched, nothing runs. Colour never carries meaning alone: each severity
has its own shape, and every picture carries its words."""

from __future__ import annotations

from html import escape

from hria.i18n import N_

#: Light-mode colours of the severity marks (the same as the stylesheet's).
COLOURS = {
    "red_line": "#8b0000",
    "high": "#a4281b",
    "medium": "#7a5200",
    "low": "#1f5f7a",
    "info": "#4d4d4d",
}
#: The severities' names (marked; a picture says them in the report's language).
WORDS = {
    "red_line": N_("red line"),
    "high": N_("high"),
    "medium": N_("medium"),
    "low": N_("low"),
    "info": N_("info"),
}
# One shape per severity, on a 16 x 16 grid: octagon, triangle, diamond, circle, circled i.
_SHAPES = {
    "red_line": '<path d="M5 0h6l5 5v6l-5 5H5l-5-5V5z" fill="{c}"/>'
    '<rect x="3" y="6.75" width="10" height="2.5" fill="#fff"/>',
    "high": '<path d="M8 .8 15.6 15H.4z" fill="{c}"/>'
    '<rect x="7.1" y="5.5" width="1.8" height="5" fill="#fff"/>'
    '<rect x="7.1" y="11.8" width="1.8" height="1.8" fill="#fff"/>',
    "medium": '<path d="M8 .5 15.5 8 8 15.5.5 8z" fill="{c}"/>',
    "low": '<circle cx="8" cy="8" r="6" fill="{c}"/>',
    "info": '<circle cx="8" cy="8" r="7.5" fill="{c}"/>'
    '<rect x="7" y="6.8" width="2" height="6" fill="#fff"/>'
    '<circle cx="8" cy="4.4" r="1.25" fill="#fff"/>',
}


def shape(key: str, x: float = 0, y: float = 0, size: float = 16) -> str:
    """A severity's shape as SVG elements, placed at (x, y) and scaled to `size`."""
    body = _SHAPES[key].format(c=COLOURS[key])
    if (x, y, size) == (0, 0, 16):
        return body
    return f'<g transform="translate({_n(x)} {_n(y)}) scale({_n(size / 16)})">{body}</g>'


def icon(key: str, size: str = "1em") -> str:
    """A severity mark to set beside its word: decorative, since the word is always there."""
    return (
        f'<svg class="icon" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16" '
        f'width="{size}" height="{size}" aria-hidden="true" focusable="false">'
        f"{shape(key)}</svg>"
    )


def figure(width: int, height: int, title: str, desc: str, body: str) -> str:
    """A picture with its title and description (read by screen readers, shown on hover)."""
    return (
        f'<svg class="figure" xmlns="http://www.w3.org/2000/svg" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'aria-labelledby="{_id(title)}-t {_id(title)}-d">'
        f'<title id="{_id(title)}-t">{escape(title)}</title>'
        f'<desc id="{_id(title)}-d">{escape(desc)}</desc>{body}</svg>'
    )


def text(x: float, y: float, words: str, size: float = 11, **attrs: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in sorted(attrs.items()))
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" font-size="{_n(size)}" '
        f'font-family="DejaVu Sans, sans-serif"{extra}>{escape(words)}</text>'
    )


def _n(value: float) -> str:
    """A number as short, stable text."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _id(title: str) -> str:
    return "fig-" + "".join(c if c.isalnum() else "-" for c in title.lower())[:40].strip("-")
