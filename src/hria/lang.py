"""Which language a person reads: `--lang`, then HRIA_LANG, then the locale (LC_ALL,
LC_MESSAGES, LANG), then English. Only the language is chosen here; the texts live with the
bank (data/i18n/) and the code's message catalogs."""

from __future__ import annotations

from collections.abc import Mapping

ENGLISH = "en"
LANGS = ("en", "es", "pt-BR")  # English first: the language every text is written in
NAMES = {"en": "English", "es": "Español", "pt-BR": "Português (Brasil)"}


class UnknownLanguage(ValueError):
    """A language hria has no texts for."""


def normalise(code: str) -> str | None:
    """The supported language a code or locale names ('es_MX.UTF-8' -> 'es', 'pt_BR' ->
    'pt-BR', 'pt' -> 'pt-BR', the only Portuguese there is), or None."""
    base = code.split(".")[0].split("@")[0].replace("_", "-").strip()
    if not base or base in ("C", "POSIX"):
        return None
    parts = base.split("-")
    language = parts[0].lower()
    if language == "en":
        return ENGLISH
    if language == "es":
        return "es"
    if language == "pt":
        return "pt-BR"
    return None


def choose(flag: str | None, environ: Mapping[str, str]) -> str:
    """The language in force. A `--lang` or HRIA_LANG that names no supported language raises
    UnknownLanguage (a usage error); an unsupported locale falls back to English quietly."""
    for given in (flag, environ.get("HRIA_LANG")):
        if given:
            found = normalise(given)
            if found is None:
                raise UnknownLanguage(given)
            return found
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return normalise(value) or ENGLISH
    return ENGLISH
