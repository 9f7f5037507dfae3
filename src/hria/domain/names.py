"""'Did you mean': the closest known id to one given, for every id a user can type.

Ids are compared as typed and also folded (case and punctuation dropped), so `LEG001`,
`leg_001` and `leg-001` all find `LEG-001`, and `legality.legalbasis` finds
`legality.legal_basis`."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from hria.i18n import translator
from hria.lang import ENGLISH

_PUNCTUATION = re.compile(r"[^0-9a-z]+")


def fold(name: str) -> str:
    """An id without case or punctuation: what two spellings of one id have in common."""
    return _PUNCTUATION.sub("", name.lower())


def closest(given: str, known: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The known id the user most likely meant, or None when nothing is close."""
    names = list(dict.fromkeys(known))
    folded = fold(given)
    same = [name for name in names if fold(name) == folded]
    if same:
        return same[0]
    by_fold = {fold(name): name for name in names}
    near = difflib.get_close_matches(folded, list(by_fold), n=1, cutoff=cutoff)
    if near:
        return by_fold[near[0]]
    near = difflib.get_close_matches(given, names, n=1, cutoff=cutoff)
    return near[0] if near else None


def did_you_mean(given: str, known: Iterable[str], lang: str = ENGLISH) -> str:
    """'; did you mean 'X'?' (in `lang`) to end a message with, or nothing when nothing is
    close."""
    match = closest(given, known)
    if match is None or match == given:
        return ""
    return translator(lang)("; did you mean '%(name)s'?") % {"name": match}
