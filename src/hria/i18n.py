"""The interface's own texts in the bank's language: gettext catalogs (src/hria/locale/),
kept with Babel. A text is marked with `N_` where it is written, and looked up with the
translator of the language in force, so the domain stays free of any global state: a bank
carries its language, and whatever is said about an evaluation of it is said in that
language. English needs no catalog; a missing text falls back to English."""

from __future__ import annotations

import gettext
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from hria.lang import ENGLISH

DOMAIN = "hria"
LOCALE_DIR = Path(__file__).parent / "locale"
GETTEXT_NAMES = {"es": "es", "pt-BR": "pt_BR"}  # hria's language -> the catalog's folder

Translate = Callable[[str], str]


def N_(message: str) -> str:
    """Mark a text for the catalogs; it is translated where it is shown."""
    return message


@lru_cache(maxsize=4)
def catalog(lang: str) -> gettext.NullTranslations:
    if lang == ENGLISH or lang not in GETTEXT_NAMES:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[GETTEXT_NAMES[lang]], fallback=True)


def translator(lang: str) -> Translate:
    """The function that puts a marked text into `lang`."""
    return catalog(lang).gettext


def plural(lang: str, singular: str, many: str, count: int) -> str:
    return catalog(lang).ngettext(singular, many, count)
