"""Laying text out for a terminal: every label and prompt of the bundled bank, at every width
from 60 to 120 columns, wraps at spaces only, within the width, with a hanging indent."""

from __future__ import annotations

import pytest

from hria.bank.load import load_bank
from hria.interview.layout import NO_KEYS, Keys, ListState, footer, pack, wrap

BANK = load_bank()
TEXTS = sorted(
    {q.prompt for q in BANK.questions.values()}
    | {c.label for q in BANK.questions.values() for c in getattr(q, "choices", [])}
)


@pytest.mark.parametrize("width", range(60, 121, 4))
def test_every_bank_text_wraps_at_spaces_within_the_width(width: int) -> None:
    wrapped = 0
    for text in TEXTS:
        lines = wrap(text, width, "  > [ ] ", " " * 8)
        assert all(len(line) <= width for line in lines), (width, text)
        assert lines[0].startswith("  > [ ] ")
        assert all(line.startswith(" " * 8) and line[8] != " " for line in lines[1:]), lines
        words = [w for line in lines for w in line.split()][3:]  # less ">", "[", "]"
        assert words == text.split(), f"a word was split or lost: {lines}"
        wrapped += len(lines) > 1
    assert wrapped, "some text of the bank needs more than one line at any of these widths"


def test_a_hyphen_or_a_slash_is_no_place_to_break() -> None:
    lines = wrap("the child/ren on a watch-list of the state", 24, "- ")
    assert lines == ["- the child/ren on a", "  watch-list of the", "  state"]


def test_a_word_wider_than_a_line_is_the_only_thing_split() -> None:
    long = "x" * 50
    lines = wrap(f"see {long} here", 30, "  ")
    assert all(len(line) <= 30 for line in lines)
    assert "".join(line.replace(" ", "") for line in lines) == f"see{long}here"
    words = [w for line in lines for w in line.split()]
    assert words[0] == "see" and words[-1].endswith("here"), "only the long word is split"


def test_paragraphs_and_empty_text_keep_their_lines() -> None:
    assert wrap("one\ntwo", 40, "? ", "  ") == ["? one", "  two"]
    assert wrap("", 40, "? ") == ["?"]


def test_the_footer_never_parts_a_key_from_what_it_does() -> None:
    keys = Keys(help="why", back=True, hint="'unknown' if you do not know")
    for kind in ("select", "checkbox", "text"):
        parts = footer(kind, keys)
        for width in range(20, 121):
            lines = pack(parts, width)
            assert all(len(line) <= width for line in lines), (kind, width, lines)
            if width >= 2 + max(map(len, parts)):  # where every part fits on a line
                shown = " · ".join(line.strip() for line in lines)
                assert shown == " · ".join(parts), (kind, width, lines)
    assert "? why we ask" in footer("select", keys) and "< back" in footer("checkbox", keys)
    assert footer("select", NO_KEYS) == ["↑/↓ move", "Enter choose"], "no help, no back"


def ticks(labels: int, alone: set[int]) -> ListState:
    return ListState("?", [str(i) for i in range(labels)], 0, [False] * labels, frozenset(alone))


def test_toggle_all_ticks_only_the_choices_that_combine() -> None:
    state = ticks(4, alone={3})
    state.toggle_all()
    assert state.ticked == [True, True, True, False]
    state.toggle_all()
    assert state.ticked == [False] * 4, "a second time unticks them all"
    state.pointed = 3
    state.toggle()
    state.toggle_all()
    assert state.ticked == [True, True, True, False], "the lone tick goes, the others come"


def test_a_choice_that_stands_alone_clears_the_others_and_back() -> None:
    state = ticks(3, alone={2})
    state.toggle()  # 0
    state.move(1)
    state.toggle()  # 1
    state.move(1)
    state.toggle()  # 2, alone
    assert state.ticked == [False, False, True]
    state.move(1)  # wraps round to 0
    state.toggle()
    assert (state.pointed, state.ticked) == (0, [True, False, False])


def test_an_untouched_single_choice_points_at_no_answer() -> None:
    state = ListState("?", ["Yes", "No"], -1, None)
    assert state.neutral and state.pointed == -1
    state.move(1)
    assert state.pointed == 0 and state.downward
    state = ListState("?", ["Yes", "No"], -1, None)
    state.move(-1)
    assert state.pointed == 1 and not state.downward
