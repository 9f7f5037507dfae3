"""Numbers and dates typed in the interview, read as people write them in each language."""

from __future__ import annotations

import datetime as dt

import pytest

from hria.bank.load import load_bank
from hria.interview.asking import _parse
from hria.interview.reading import read_date, read_number
from hria.models.bank import DateQuestion, NumberQuestion
from tests.conftest import MINI


@pytest.mark.parametrize(
    ("text", "lang", "number"),
    [
        ("2.000.000", "es", 2_000_000),
        ("2.000.000", "pt-BR", 2_000_000),
        ("1.234,5", "pt-BR", 1234.5),
        ("2,5", "es", 2.5),
        ("2.5", "es", 2.5),  # no grouping fits: read as a plain number
        ("2000000", "es", 2_000_000),
        ("2000000", "en", 2_000_000),
        ("2.000.000", "en", None),
        ("many", "es", None),
    ],
)
def test_numbers(text: str, lang: str, number: float | None) -> None:
    assert read_number(text, lang) == number


@pytest.mark.parametrize(
    ("text", "lang", "day"),
    [
        ("2026-12-31", "en", dt.date(2026, 12, 31)),
        ("2026-12-31", "es", dt.date(2026, 12, 31)),
        ("31/12/2026", "es", dt.date(2026, 12, 31)),
        ("31/12/2026", "pt-BR", dt.date(2026, 12, 31)),
        ("31/12/2026", "en", None),
        ("40/13/2026", "es", None),
    ],
)
def test_dates(text: str, lang: str, day: dt.date | None) -> None:
    assert read_date(text, lang) == day


def test_the_interview_stores_the_value_not_the_way_it_was_typed() -> None:
    bank = load_bank(MINI)
    people, start = bank.questions["details.people"], bank.questions["details.started"]
    assert isinstance(people, NumberQuestion) and isinstance(start, DateQuestion)
    assert _parse(people, "2.000.000", "es") == 2_000_000
    assert isinstance(_parse(people, "2.000.000", "es"), int)
    assert _parse(start, "31/12/2026", "pt-BR") == dt.date(2026, 12, 31)
    assert _parse(people, "unknown", "es") == "unknown"
