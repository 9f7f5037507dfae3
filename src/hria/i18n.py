"""The interface's own texts in the language in force: gettext catalogs (src/hria/locale/),
kept with Babel. A text is marked where it is written: `_()` translates it at once into the
interface's language, `N_()` only marks it, for a text translated where it is shown.

Two ways to say which language is meant, so that the domain stays free of global state:
the domain asks `translator(bank.lang)` (a bank carries its language, and whatever is said
about an evaluation of it is said in that language); the interface wings (interview, check,
report, listings) call `_()`, which follows the language set with `using()` for the length
of a command. English needs no catalog; a missing text falls back to English, and only the
active language's catalog is ever read."""

from __future__ import annotations

import gettext
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from hria.lang import ENGLISH

DOMAIN = "hria"
LOCALE_DIR = Path(__file__).parent / "locale"
GETTEXT_NAMES = {"es": "es", "pt-BR": "pt_BR"}  # hria's language -> the catalog's folder

Translate = Callable[[str], str]

_active = [ENGLISH]  # a one-item stack top: the interface's language for this command


def N_(message: str) -> str:
    """Mark a text for the catalogs; it is translated where it is shown."""
    return message


def N_plural(singular: str, many: str) -> tuple[str, str]:
    """Mark a counted text (both forms) for the catalogs; `ngettext(*pair, n)` says it."""
    return singular, many


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


def active() -> str:
    """The interface's language in force."""
    return _active[0]


def activate(lang: str) -> None:
    """Make `lang` the interface's language (a command does so once it has chosen it)."""
    _active[0] = lang


@contextmanager
def using(lang: str) -> Iterator[None]:
    """Speak `lang` inside the block (a report in its own language), then what was before."""
    before = _active[0]
    _active[0] = lang
    try:
        yield
    finally:
        _active[0] = before


def _(message: str) -> str:
    """`message` in the interface's language."""
    if _active[0] == ENGLISH:
        return message
    return catalog(_active[0]).gettext(message)


def ngettext(singular: str, many: str, count: int) -> str:
    """The form of a counted text that `count` takes, in the interface's language."""
    return catalog(_active[0]).ngettext(singular, many, count)
