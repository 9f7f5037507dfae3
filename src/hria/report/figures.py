"""The report's pictures, drawn from its context as inline SVG: a strip of the gates' results,
flags by severity per gate, and the severity × likelihood matrix of the impact register.
Each says in words (its description, and labels on the picture) what its colours show."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from typing import Any

from hria.domain.plan import SEVERITY_WORDS
from hria.i18n import N_, _
from hria.report.svg import COLOURS, WORDS, figure, shape, text
from hria.report.textwidth import width

TINTS = {
    "red_line": "#fbe3e3",
    "high": "#fdebe5",
    "medium": "#fff3d6",
    "low": "#e3f1f7",
    "info": "#eeeeee",
}
RESULT_WORDS = {
    "do_not_deploy": N_("red line"),
    "fails": N_("fails"),
    "conditional": N_("conditional"),
    "no_major_flags": N_("no major flags"),
    "screened": N_("screened"),
}
ORDER = ("red_line", "high", "medium", "low", "info")
LIKELIHOODS = (N_("unlikely"), N_("possible"), N_("likely"), N_("almost certain"), N_("actual"))


class Figures(Mapping[str, str]):
    """The pictures of a report context, each drawn when a template first asks for it."""

    def __init__(self, context: dict[str, Any], wrap: Callable[[str], str] = str) -> None:
        self._context = context
        self._wrap = wrap  # markupsafe.Markup for the HTML templates: the SVG is already safe
        self._drawn: dict[str, str] = {}

    def __getitem__(self, name: str) -> str:
        if name not in self._drawn:
            context = self._context
            if name == "strip":
                self._drawn[name] = strip(context["verdict"]["gates"])
            elif name == "bars":
                self._drawn[name] = bars(context["verdict"]["gates"])
            elif name == "matrix":
                self._drawn[name] = matrix(context["impacts"]) if context["impacts"] else ""
            else:
                raise KeyError(name)
        return self._wrap(self._drawn[name])

    def __iter__(self) -> Iterator[str]:
        return iter(("strip", "bars", "matrix"))

    def __len__(self) -> int:
        return 3


def figures(context: dict[str, Any]) -> dict[str, str]:
    """Every picture of a report context."""
    return dict(Figures(context))


def _lines(title: str, width: int = 11) -> list[str]:
    """A gate title on one line, or two at its first space or hyphen."""
    if len(title) <= width:
        return [title]
    for index, char in enumerate(title):
        if char in " -":
            return [title[: index + 1].strip(), title[index + 1 :]]
    return [title]


def _room(title: str, result: str) -> int:
    """How wide a gate's box must be for its title and its result, with their margins."""
    titles = [width(line, 9, bold=True) + 10 for line in _lines(title)]
    return math.ceil(max(*titles, width(result, 9.5) + 11))


def strip(gates: list[dict[str, Any]]) -> str:
    """One box per gate, in order, with the gate's mark, name and result in words."""
    gap = 4
    results = [_(RESULT_WORDS[gate["outcome"]]) for gate in gates]
    box = max(88, *(_room(gate["title"], said) for gate, said in zip(gates, results, strict=True)))
    body = []
    for n, gate in enumerate(gates):
        x = n * (box + gap)
        mark = gate["mark"]
        body.append(
            f'<rect x="{x}" y="0" width="{box}" height="66" rx="4" fill="{TINTS[mark]}" '
            f'stroke="{COLOURS[mark]}" stroke-width="2"/>'
        )
        body.append(shape(mark, x + 6, 6, 14))
        for i, line in enumerate(_lines(gate["title"])):
            body.append(text(x + 5, 34 + 12 * i, line, 9, font_weight="bold", fill="#1a1a1a"))
        body.append(text(x + 6, 60, results[n], 9.5, fill="#1a1a1a"))
    width = len(gates) * (box + gap) - gap
    desc = "; ".join(f"{g['title']}: {g['text']}" for g in gates) + "."
    return figure(width, 66, _("Result of each gate"), desc, "".join(body))


def bars(gates: list[dict[str, Any]]) -> str:
    """A bar per gate, one segment per severity, each segment marked and counted."""
    label, row, top = 130, 22, 26
    most = max((sum(g["counts"].values()) for g in gates), default=0)
    unit = min(16.0, 440 / most) if most else 16.0
    body = _legend()
    for n, gate in enumerate(gates):
        y = top + n * row
        body.append(text(0, y + 14, gate["title"], 10, fill="#1a1a1a"))
        x = float(label)
        for key in ORDER:
            count = gate["counts"].get(key, 0)
            if not count:
                continue
            width = max(count * unit, 28.0)
            body.append(
                f'<rect x="{x:.1f}" y="{y + 2}" width="{width:.1f}" height="{row - 6}" '
                f'fill="{TINTS[key]}" stroke="{COLOURS[key]}"/>'
            )
            body.append(shape(key, x + 3, y + 5, 10))
            body.append(text(x + 15, y + 14, str(count), 9.5, fill="#1a1a1a"))
            x += width
        total = sum(gate["counts"].values())
        body.append(text(x + 5, y + 14, str(total) if total else _("none"), 9.5, fill="#1a1a1a"))
    desc = "; ".join(f"{g['title']}: {_counted(g['counts'])}" for g in gates) + "."
    height = top + len(gates) * row
    title = _("Flags by severity, gate by gate")
    return figure(label + 560, height, title, desc, "".join(body))


def _legend() -> list[str]:
    parts, x = [], 0
    for key in ORDER:
        parts.append(shape(key, x, 3, 11))
        word = _(WORDS[key])
        parts.append(text(x + 14, 12, word, 9.5, fill="#1a1a1a"))
        x += 30 + 7 * len(word)
    return parts


def _counted(counts: dict[str, int]) -> str:
    said = [f"{counts[k]} {_(WORDS[k])}" for k in ORDER if counts.get(k)]
    return ", ".join(said) if said else _("no flags")


def _risk(severity: int, likelihood: int) -> str:
    """The tint of a matrix cell: severity and likelihood together (severity counts twice,
    since likelihood never lowers it)."""
    score = severity * 2 + likelihood
    return (
        "red_line" if score >= 11 else "high" if score >= 8 else "medium" if score >= 6 else "low"
    )


def matrix(impacts: list[dict[str, Any]]) -> str:
    """Severity rows (4 at the top) by likelihood columns, each impact named in its cell."""
    left, top, cell_w, cell_h = 70, 20, 124, 52
    body = [text(0, 12, _("severity ↓"), 9.5), text(left, 12, _("likelihood →"), 9.5)]
    for column, word in enumerate(LIKELIHOODS):
        body.append(text(left + column * cell_w + 4, top + 4 * cell_h + 14, _(word), 9.5))
    for row, severity in enumerate((4, 3, 2, 1)):
        y = top + row * cell_h
        body.append(text(0, y + 30, _(SEVERITY_WORDS[severity]), 9.5, fill="#1a1a1a"))
        for column in range(5):
            x = left + column * cell_w
            tint = TINTS[_risk(severity, column + 1)]
            body.append(
                f'<rect x="{x}" y="{y}" width="{cell_w}" height="{cell_h}" fill="{tint}" '
                'stroke="#c4c4c4"/>'
            )
            here = [
                i["id"]
                for i in impacts
                if i["severity_level"] == severity and i["likelihood_level"] == column + 1
            ]
            shown = (
                here if len(here) <= 3 else [*here[:2], _("and %(n)s more") % {"n": len(here) - 2}]
            )
            for k, name in enumerate(shown):
                body.append(text(x + 4, y + 14 + 13 * k, name[:21], 9.5, fill="#1a1a1a"))
    desc = "; ".join(
        _("%(id)s: %(severity)s severity, %(likelihood)s")
        % {"id": i["id"], "severity": _(i["severity"]), "likelihood": _(i["likelihood"])}
        for i in impacts
    )
    height = top + 4 * cell_h + 20
    title = _("Impacts by severity and likelihood")
    return figure(left + 5 * cell_w, height, title, desc, "".join(body))
