"""The report's inline SVG: icons and pictures are well-formed, self-contained, escaped, say in
words what their colours show, and place each impact in its cell of the matrix."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from typing import Any

import pytest

from hria.domain.engine import assess
from hria.files.store import load_assessment
from hria.models.bank import Bank
from hria.report.context import report_context
from hria.report.figures import bars, figures, matrix, strip
from hria.report.svg import COLOURS, icon, shape, text
from tests.conftest import ROOT

NS = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 11, 22)


def parsed(markup: str) -> ET.Element:
    return ET.fromstring(markup)


def context_of(bank: Bank, name: str) -> dict[str, Any]:
    path = ROOT / "assessments" / f"{name}.hria.yaml"
    assessment = load_assessment(path, bank).assessment
    return report_context(bank, assessment, assess(bank, assessment, TODAY), TODAY, "hria")


def assert_self_contained(markup: str) -> None:
    """Nothing fetched, nothing run: no links, scripts, images, handlers or styles."""
    root = parsed(markup)
    for element in root.iter():
        tag = element.tag.removeprefix(NS)
        assert tag in {"svg", "g", "path", "rect", "circle", "text", "title", "desc"}, tag
        for name in element.attrib:
            assert not name.startswith("on") and "href" not in name and name != "style", name


@pytest.mark.parametrize("key", list(COLOURS))
def test_icons_are_shapes_not_glyphs(key: str) -> None:
    markup = icon(key)
    root = parsed(markup)
    assert root.get("aria-hidden") == "true", "the word beside it carries the meaning"
    assert "".join(root.itertext()) == "", "no character that a font could lack"
    assert_self_contained(markup)


def test_every_severity_has_its_own_shape() -> None:
    outlines = {re.sub(r'fill="[^"]*"', "", shape(key)) for key in COLOURS}
    assert len(outlines) == len(COLOURS), "shape, not colour alone, tells them apart"


def test_text_is_escaped() -> None:
    markup = text(0, 0, "<script>alert(1)</script> & \"'")
    assert "<script>" not in markup
    assert parsed(markup).text == "<script>alert(1)</script> & \"'"


def test_pictures_have_a_title_and_a_description(bank: Bank) -> None:
    context = context_of(bank, "gps-tagging-immigration-bail")
    pictures = figures(context)
    assert set(pictures) == {"strip", "bars", "matrix"}
    for name, markup in pictures.items():
        root = parsed(markup)
        assert root.get("role") == "img", name
        title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
        assert title is not None and title.text, name
        assert desc is not None and desc.text, name
        labelled = root.get("aria-labelledby", "").split()
        assert labelled == [title.get("id"), desc.get("id")], name
        assert_self_contained(markup)
    assert figures(context) == pictures, "deterministic"


def test_the_strip_names_every_gate_and_its_result(bank: Bank) -> None:
    context = context_of(bank, "gps-tagging-immigration-bail")
    gates = context["verdict"]["gates"]
    root = parsed(strip(gates))
    words = [t.text for t in root.iter(f"{NS}text")]
    assert len(root.findall(f"{NS}rect")) == len(gates) == len(bank.gates)
    assert words.count("fails") == sum(g["outcome"] == "fails" for g in gates) > 0
    assert words.count("conditional") == sum(g["outcome"] == "conditional" for g in gates) > 0
    desc = root.find(f"{NS}desc")
    assert desc is not None and desc.text
    assert all(f"{g['title']}: {g['text']}" in desc.text for g in gates)


def test_the_bars_count_each_severity(bank: Bank) -> None:
    gates = context_of(bank, "mandatory-asylum-app")["verdict"]["gates"]
    root = parsed(bars(gates))
    numbers = [int(t.text) for t in root.iter(f"{NS}text") if t.text and t.text.isdigit()]
    segments = sum(len(g["counts"]) for g in gates)
    totals = [sum(g["counts"].values()) for g in gates]
    assert sum(numbers) == 2 * sum(totals), "each segment and each bar's total is written"
    assert len(numbers) == segments + sum(1 for t in totals if t)


def test_each_impact_sits_in_its_cell() -> None:
    impacts = [
        {"id": "alpha", "severity": "severe", "severity_level": 4, "likelihood": "possible",
         "likelihood_level": 2},
        {"id": "<b>beta</b>", "severity": "limited", "severity_level": 1,
         "likelihood": "actual", "likelihood_level": 5},
    ]  # fmt: skip
    root = parsed(matrix(impacts))
    cells = [
        (float(r.get("x", 0)), float(r.get("y", 0)), float(r.get("width", 0)))
        for r in root.iter(f"{NS}rect")
    ]
    assert len(cells) == 20, "4 severities × 5 likelihoods"
    placed = {t.text: (float(t.get("x", 0)), float(t.get("y", 0))) for t in root.iter(f"{NS}text")}
    xs = sorted({x for x, _, _ in cells})
    ys = sorted({y for _, y, _ in cells})
    width, height = xs[1] - xs[0], ys[1] - ys[0]

    def cell_of(name: str) -> tuple[int, int]:
        x, y = placed[name]
        return int((x - xs[0]) // width), int((y - ys[0]) // height)

    assert cell_of("alpha") == (1, 0), "possible, top row (severity 4)"
    assert cell_of("<b>beta</b>") == (4, 3), "actual, bottom row (severity 1), and escaped"
    assert "<b>" not in matrix(impacts)


def test_the_matrix_tint_follows_likelihood_too() -> None:
    root = parsed(matrix([]))
    top_row = [r.get("fill") for r in root.iter(f"{NS}rect") if r.get("y") == "20"]
    assert len(set(top_row)) > 1, "cells of one severity differ by likelihood"
