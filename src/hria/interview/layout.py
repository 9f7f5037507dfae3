"""Text laid out for a terminal of a given width, and the keys a control offers besides its
choices. Pure: no terminal is touched here, so the layout can be tested on its own.

Lines break at spaces only, never inside a word (not at a hyphen or a slash either); a word
longer than a whole line is the only thing ever split. Continuation lines get a hanging indent,
so a wrapped choice stays visibly one choice.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

BACK = "__back__"  # returned by a control when the user goes back one question
HELP = "__help__"  # a scripted request for help (a real control shows it itself)
SKIP = "__skip__"  # an optional question left unanswered
NARROWEST = 20  # below this, lines are laid out as if the terminal were this wide


@dataclass(frozen=True)
class Keys:
    """What a control offers besides its choices.

    `help` is the text `?` shows above the control (None: no help key); `back` lets `<` (Ctrl-B
    at a text prompt) return BACK; `hint` is a word about the answer for the footer."""

    help: str | None = None
    back: bool = False
    hint: str = ""


NO_KEYS = Keys()


def wrap(text: str, width: int, first: str = "", rest: str | None = None) -> list[str]:
    """`text` in lines of at most `width` columns, the first after `first`, the others after
    `rest` (as wide as `first` when not given). Paragraphs (single newlines) are kept."""
    rest = " " * len(first) if rest is None else rest
    room = max(width, NARROWEST)
    lines: list[str] = []
    for number, paragraph in enumerate(text.splitlines() or [""]):
        lead = first if number == 0 else rest
        words = paragraph.split()
        longest = max((len(w) for w in words), default=0)
        lines += textwrap.wrap(
            " ".join(words),
            room,
            initial_indent=lead,
            subsequent_indent=rest,
            break_on_hyphens=False,
            break_long_words=longest > room - max(len(lead), len(rest)),
        ) or [lead.rstrip()]
    return lines


def pack(parts: list[str], width: int, lead: str = "  ", gap: str = " · ") -> list[str]:
    """`parts` joined by `gap` in lines of at most `width` columns, each part kept whole on one
    line (a key is never parted from what it does); a part wider than a line is wrapped."""
    room = max(width, NARROWEST)
    lines: list[str] = []
    line = ""
    for part in parts:
        if line and len(lead + line + gap + part) <= room:
            line += gap + part
            continue
        if line:
            lines.append(lead + line)
        line = part
        if len(lead + part) > room:
            *whole, line = wrap(part, room, lead)
            lines += whole
            line = line[len(lead) :]
    return [*lines, lead + line] if line else lines


def footer(kind: str, keys: Keys) -> list[str]:
    """The keys shown under a control of `kind` ("select", "checkbox" or "text")."""
    parts = {
        "select": ["↑/↓ move", "Enter choose"],
        "checkbox": ["↑/↓ move", "Space tick", "a all/none", "Enter confirm"],
        "text": ["Enter confirm"],
    }[kind]
    if keys.help is not None:
        parts.append("? why we ask" if kind != "text" else "? or F1 why we ask")
    if keys.back:
        parts.append("< back" if kind != "text" else "< or Ctrl-B back")
    if keys.hint:
        parts.append(keys.hint)
    return parts
