"""Text from a file, made safe to print. Keys, values, paths and file names can hold control
characters: ESC sequences that retitle or clear a terminal, and newlines, line separators or
bidirectional overrides that forge or reorder lines of output. Every printer escapes them.

Escapes are shown as Python writes them (`\\x1b`, `\\n`, `\\u2028`). Backslashes are left
alone, so escaping twice changes nothing and Windows paths stay readable.
"""

from __future__ import annotations

import functools
import re

# Separators, bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069), which
# split or reorder what follows them, and lone surrogates, which no UTF-8 stream can carry.
_REORDERING = "\u2028-\u202e\u2066-\u2069\ud800-\udfff"
# One line: those, C0 and C1 controls, DEL, and the right-to-left marks (U+061C, LRM, RLM).
_ONE_LINE = f"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f{_REORDERING}]"
# A document: tab, newline and the right-to-left marks of Arabic or Hebrew prose are text.
_DOCUMENT = f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_REORDERING}]"
# JSON: json.dumps escapes C0 controls inside strings itself; its raw newlines are indentation.
_JSON = f"[\x7f-\x9f\u061c\u200e\u200f{_REORDERING}]"
_NAMED = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


@functools.cache
def _pattern(characters: str) -> re.Pattern[str]:
    """Compiled on first use: `hria --help` never needs them."""
    return re.compile(characters)


def _show(match: re.Match[str]) -> str:
    char = match.group()
    named = _NAMED.get(char)
    if named is not None:
        return named
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible(text: object) -> str:
    """One line, safe on a terminal: every control, separator and bidi override escaped."""
    return _pattern(_ONE_LINE).sub(_show, str(text))


def printable(text: str) -> str:
    """A multi-line document (a listing, a report) safe on a terminal: as `visible`, but tab,
    newline and the right-to-left marks stay. Lone surrogates are escaped too, so the
    document always encodes as UTF-8."""
    return _pattern(_DOCUMENT).sub(_show, text)


def json_safe(document: str) -> str:
    """JSON text from json.dumps(ensure_ascii=False), with every character `visible` would
    escape written as a \\u escape instead: the same JSON value, safe to print, and UTF-8
    even when a string held a lone surrogate. Such characters only occur inside strings."""
    if document.isascii() and "\x7f" not in document:
        return document  # nothing to escape, found without a scan of the pattern
    return _pattern(_JSON).sub(lambda m: f"\\u{ord(m.group()):04x}", document)


# Markdown: characters that would turn free text into markup, and line openings that would
# make it a heading, list item, rule or fence.
_MD_SPECIAL = r"([\\`*_\[\]<>|])"
_MD_LINE_START = r"^(?=#{1,6}(?:\s|$)|[-+](?:\s|$)|[-=~]{3,})|^([0-9]{1,9})(?=[.)](?:\s|$))"


def md_escape(text: object) -> str:
    """Free text that cannot break a Markdown table or inject markup: one line, escaped."""
    flat = " ".join(str(text).split())
    escaped = _pattern(_MD_SPECIAL).sub(r"\\\1", flat)
    return _pattern(_MD_LINE_START).sub(lambda m: (m.group(1) or "") + "\\", escaped, count=1)


def md_code(text: object) -> str:
    """Text as a Markdown code span that nothing inside can close early: one line."""
    flat = " ".join(str(text).split())
    longest = max((len(run) for run in re.findall(r"`+", flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    return f"{fence}{pad}{flat}{pad}{fence}"


def md_url(url: object) -> str:
    """A link target for Markdown: only http and https pass (anything else is empty), with
    parentheses and backslashes escaped so no address can end the link early."""
    text = str(url)
    if not re.match(r"(?i)https?://[^\s]+\Z", text):
        return ""
    return re.sub(r"([\\()])", r"\\\1", text)
