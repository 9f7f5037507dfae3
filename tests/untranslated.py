"""What is left in English in a text meant to be in Spanish or Portuguese: English function
words, which neither language uses, found as whole words. Names, ids, file names, rule codes
and values typed in a file are taken out first (they stay as they are in every language)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from hria.files.yamlio import parse

#: Words that are English and neither Spanish nor Portuguese ("a", "no", "do", "as", "error",
#: "plan" are left out: they are words of those languages too; "for" is Portuguese, see
#: `english`).
ENGLISH = frozenset(
    [
        "the",
        "and",
        "of",
        "with",
        "is",
        "not",
        "this",
        "that",
        "which",
        "are",
        "has",
        "have",
        "was",
        "were",
        "be",
        "been",
        "by",
        "from",
        "to",
        "or",
        "an",
        "it",
        "its",
        "at",
        "on",
        "than",
        "until",
        "when",
        "where",
        "who",
        "whose",
        "should",
        "would",
        "will",
        "can",
        "cannot",
        "there",
        "these",
        "those",
        "into",
        "only",
        "yet",
        "any",
        "each",
        "every",
        "none",
        "such",
        "must",
        "may",
        "being",
        "our",
        "your",
        "checked",
        "files",
        "answer",
        "answers",
        "gaps",
        "flags",
        "flag",
        "high",
        "medium",
        "low",
        "severe",
        "open",
        "undecided",
        "register",
        "level",
        "rule",
        "rules",
        "unanswered",
        "carried",
        "confirmed",
        "waived",
        "expired",
        "invalid",
        "warning",
        "internal",
        "passes",
        "fails",
        "verdict",
        "review",
        "reviewer",
        "signed",
        "contested",
        "raise",
        "raised",
        "clear",
        "cleared",
        "changed",
        "worse",
        "better",
        "removed",
        "added",
    ]
)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
#: What a file name, a question id, a rule code or a typed value looks like: kept whole.
_TOKEN = re.compile(r"\S*[._/\\-]\S*|\S*\w_\w\S*")


def strings_in(value: Any) -> Iterable[str]:
    """Every string inside a parsed file: names, titles, answers, notes (typed by people)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


#: The lengths a listing clips typed text to (before its "…"): hria summary, hria diff.
CLIPS = (35, 19, 79, 199)


def typed_in(*paths: Path) -> list[str]:
    """The strings of assessment files, whole and as listings clip them, longest first (so
    none is cut by a shorter one)."""
    found: set[str] = set()
    for path in paths:
        found.update(strings_in(parse(path.read_text(encoding="utf-8"), str(path), "test")))
    flat = {" ".join(s.split()) for s in found}
    found |= flat | {s[:n].rstrip() for s in flat for n in CLIPS if len(s) > n}
    return sorted((s for s in found if s.strip()), key=len, reverse=True)


def english(lang: str) -> frozenset[str]:
    """The words that give English away in a text in `lang`."""
    return ENGLISH if lang == "pt-BR" else ENGLISH | {"for"}


def english_left(text: str, lang: str, typed: Iterable[str] = ()) -> list[str]:
    """The English words left in `text` (meant to be in `lang`), once typed values, file
    names and ids are out."""
    for value in typed:
        text = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", text)
    text = _TOKEN.sub(" ", text)
    words = english(lang)
    return sorted({w for w in _WORD.findall(text) if w.lower() in words})
