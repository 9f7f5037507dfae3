"""Numbers and dates as people type them: ISO dates and plain numbers in every language, and
in Spanish or Portuguese also their own way ("2.000.000", "2,5", "31/12/2026"), read with
Babel's locale data. English needs no Babel, so it is imported only for other languages."""

from __future__ import annotations

import datetime as dt

LOCALES = {"es": "es", "pt-BR": "pt_BR"}


def read_number(text: str, lang: str) -> float | None:
    """The number `text` means, or None. A grouping that fits the language ("2.000.000" in
    Spanish) is read its way; anything else as a plain number ("2.5" stays 2.5)."""
    locale = LOCALES.get(lang)
    if locale is not None:
        from babel.numbers import NumberFormatError, parse_decimal

        try:
            return float(parse_decimal(text.strip(), locale=locale, strict=True))
        except (NumberFormatError, ValueError):
            pass
    try:
        return float(text)
    except ValueError:
        return None


def read_date(text: str, lang: str) -> dt.date | None:
    """The date `text` means, or None: YYYY-MM-DD always, and the language's short form
    (31/12/2026 in Spanish and Portuguese) too."""
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    locale = LOCALES.get(lang)
    if locale is None:
        return None
    from babel.dates import parse_date

    try:
        found = parse_date(text.strip(), locale=locale, format="short")
    except (ValueError, IndexError):
        return None
    return found if found.year >= 1000 else None
