"""Text laid out for a terminal of a given width, and the keys a control offers besides its
choices. Pure: no terminal is touched here, so the layout can be tested on its own.

Lines break at spaces only, never inside a word (not at a hyphen or a slash either); a word
longer than a whole line is the only thing ever split. Continuation lines get a hanging indent,
so a wrapped choice stays visibly one choice.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from hria.i18n import N_, _

BACK = "__back__"  # returned by a control when the user goes back one question
HELP = "__help__"  # a scripted request for help (a real control shows it itself)
SKIP = "__skip__"  # an optional question left unanswered
NARROWEST = 20  # below this, lines are laid out as if the terminal were this wide
#: The keys of each kind of control, in the footer (translated where shown).
FOOTERS = {
    "select": [N_("↑/↓ move"), N_("Enter choose")],
    "checkbox": [N_("↑/↓ move"), N_("Space tick"), N_("a all/none"), N_("Enter confirm")],
    "text": [N_("Enter confirm")],
}


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
    parts = [_(part) for part in FOOTERS[kind]]
    if keys.help is not None:
        parts.append(_("? why we ask") if kind != "text" else _("? or F1 why we ask"))
    if keys.back:
        parts.append(_("< back") if kind != "text" else _("< or Ctrl-B back"))
    if keys.hint:
        parts.append(keys.hint)
    return parts


@dataclass
class ListState:
    """The state of a list control: where the pointer is and, for check boxes, what is ticked.
    `pointed` is -1 on the neutral line of an untouched single choice; `alone` are the choices
    that cannot be combined with others (ticking one clears the rest, and the other way round;
    toggling all leaves them out)."""

    message: str
    labels: list[str]
    pointed: int
    ticked: list[bool] | None  # None: a single choice
    alone: frozenset[int] = frozenset()
    warning: str = ""
    answer: str = ""
    neutral: bool = field(init=False)
    downward: bool = False  # the pointer last moved down

    def __post_init__(self) -> None:
        self.neutral = self.pointed < 0

    def move(self, step: int) -> None:
        count = len(self.labels)
        self.downward = step > 0
        if self.pointed < 0:
            self.pointed = 0 if step > 0 else count - 1
        else:
            self.pointed = (self.pointed + step) % count

    def toggle(self) -> None:
        assert self.ticked is not None
        if self.pointed < 0:
            return
        now = not self.ticked[self.pointed]
        if now and (self.pointed in self.alone or any(self.ticked[i] for i in self.alone)):
            self.ticked = [False] * len(self.ticked)  # an exclusive choice stands alone
        self.ticked[self.pointed] = now

    def toggle_all(self) -> None:
        """Tick every choice that can be combined, or untick all when they all are."""
        assert self.ticked is not None
        real = [i for i in range(len(self.labels)) if i not in self.alone]
        every = all(self.ticked[i] for i in real)
        self.ticked = [not every and i not in self.alone for i in range(len(self.labels))]
