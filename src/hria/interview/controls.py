"""The interview's controls: one choice, several choices, a line of text. They are laid out with
prompt_toolkit and run by questionary, because questionary's stock prompts cut long labels and
offer help and back only as choices that can be ticked.

Every control is laid out anew at each redraw for the terminal's width (so a resize re-wraps
it), breaks lines at spaces only, and shows its keys in a footer. Help (`?`) is printed above
the control, which then comes back as it was: ticks made and text typed are kept. Back (`<`,
Ctrl-B at a text prompt) returns BACK. Neither is ever a choice. The pointer and the ticks are
symbols (`>`, `[x]`), so they stay visible without colour. Ctrl-C raises KeyboardInterrupt.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import questionary
from prompt_toolkit.application import Application, get_app, run_in_terminal
from prompt_toolkit.buffer import Buffer
from prompt_toolkit.document import Document
from prompt_toolkit.filters import Condition, is_done
from prompt_toolkit.formatted_text import StyleAndTextTuples
from prompt_toolkit.key_binding import KeyBindings, KeyPressEvent
from prompt_toolkit.layout import ConditionalContainer, HSplit, Layout, Window
from prompt_toolkit.layout.containers import WindowRenderInfo
from prompt_toolkit.layout.controls import BufferControl, FormattedTextControl, UIContent
from prompt_toolkit.layout.margins import Margin
from prompt_toolkit.layout.processors import BeforeInput
from prompt_toolkit.styles import Style

from hria.i18n import N_, _
from hria.interview.layout import BACK, Keys, ListState, footer, pack, wrap

Show = Callable[[str], None]  # prints text above the control
NEUTRAL = N_("(choose an answer)")
GONE_BACK = N_("← back to the previous question")
NOT_YET = N_("Nothing is chosen yet: move to an answer with ↑ or ↓, then press Enter.")
STYLE = Style.from_dict({"question": "bold", "pointed": "bold", "warning": "bold"})


def _width() -> int:
    return get_app().output.get_size().columns - 1  # the last column is left free


def _lines(style: str, lines: list[str]) -> StyleAndTextTuples:
    return [(style, "\n".join(lines))]


def _answer(answer: str, width: int) -> StyleAndTextTuples:
    """What a finished control leaves under its question: the answer, or that it went back."""
    lead = "  " if answer == _(GONE_BACK) else "  → "
    return [("", "\n"), *_lines("class:answer", wrap(answer, width, lead))]


class _List(ListState):
    """A list control: its state, and how it is drawn."""

    def say(self, answer: str) -> None:
        self.answer = answer

    def head(self) -> StyleAndTextTuples:
        width = _width()
        lines = _lines("class:question", wrap(self.message, width, "? ", "  "))
        if get_app().is_done and self.answer:
            lines += _answer(self.answer, width)
        return lines

    def body(self) -> StyleAndTextTuples:
        width = _width() - _More.WIDTH
        out: StyleAndTextTuples = []
        if self.neutral:
            here = self.pointed < 0
            out += [("[SetCursorPosition]", "")] if here else []
            out += _lines(
                "class:pointed" if here else "", [f"  {'>' if here else ' '} {_(NEUTRAL)}"]
            )
            out.append(("", "\n"))
        for i, label in enumerate(self.labels):
            here = i == self.pointed
            box = "" if self.ticked is None else ("[x] " if self.ticked[i] else "[ ] ")
            lead = f"  {'>' if here else ' '} {box}"
            hang = " " * (len(lead) + (2 if self.ticked is None else 0))  # under a plain list
            lines = wrap(label, width, lead, hang)
            if not here:
                out += [("", "\n".join(lines)), ("", "\n")]
                continue
            # the cursor, which the list scrolls to show, sits on the side the pointer moved to,
            # so that the whole of a wrapped choice comes into view
            at = len(lines) - 1 if self.downward else 0
            text = ["\n".join(lines[:at]) + "\n" * (at > 0), "\n".join(lines[at:])]
            out += [("class:pointed", text[0]), ("[SetCursorPosition]", "")]
            out += [("class:pointed", text[1]), ("", "\n")]
        return out[:-1]


def _common(
    kb: KeyBindings, keys: Keys, show: Show, said: Show, empty: Condition | None = None
) -> None:
    """Help, back and Ctrl-C; `said` records what the control leaves on screen once done;
    `empty` limits `?` and `<` to an empty text line."""
    allowed = empty if empty is not None else Condition(lambda: True)
    if keys.help is not None:
        text = keys.help

        def help_(event: KeyPressEvent) -> None:
            del event
            run_in_terminal(lambda: show(text))

        kb.add("?", filter=allowed)(help_)
        if empty is not None:
            kb.add("f1")(help_)
    if keys.back:

        def back(event: KeyPressEvent) -> None:
            said(_(GONE_BACK))
            event.app.exit(result=BACK)

        kb.add("<", filter=allowed)(back)
        if empty is not None:
            kb.add("c-b")(back)

    @kb.add("c-c")
    def _interrupt(event: KeyPressEvent) -> None:
        event.app.exit(exception=KeyboardInterrupt, style="class:aborting")


def _run(
    head: Callable[[], StyleAndTextTuples],
    middle: Window,
    warning: Callable[[], str],
    kind: str,
    keys: Keys,
    kb: KeyBindings,
) -> object:
    def foot() -> StyleAndTextTuples:
        return _lines("class:footer", pack(footer(kind, keys), _width()))

    def warn() -> StyleAndTextTuples:
        return _lines("class:warning", wrap(warning(), _width(), "  "))

    container = HSplit(
        [
            Window(FormattedTextControl(head), dont_extend_height=True),
            ConditionalContainer(middle, filter=~is_done),
            ConditionalContainer(
                Window(FormattedTextControl(warn), dont_extend_height=True),
                filter=~is_done & Condition(lambda: bool(warning())),
            ),
            ConditionalContainer(
                Window(FormattedTextControl(foot), dont_extend_height=True), filter=~is_done
            ),
        ]
    )
    app: Application[object] = Application(
        layout=Layout(container, focused_element=middle),
        key_bindings=kb,
        style=STYLE,
        mouse_support=False,
    )
    # questionary runs the control as it runs its own prompts (Ctrl-C raises, never None)
    return questionary.Question(app).unsafe_ask()


class _More(Margin):
    """Arrows beside a list taller than the terminal: more choices lie above, or below."""

    WIDTH = 2

    def get_width(self, get_ui_content: Callable[[], UIContent]) -> int:
        del get_ui_content
        return self.WIDTH

    def create_margin(self, info: WindowRenderInfo, width: int, height: int) -> StyleAndTextTuples:
        del width
        rows = [""] * height
        if height and info.vertical_scroll > 0:
            rows[0] = " ↑"
        if height and info.vertical_scroll + info.window_height < info.content_height:
            rows[-1] = " ↓"
        return [("class:more", "\n".join(rows))]


def _list_window(state: _List) -> Window:
    control = FormattedTextControl(state.body, focusable=True, show_cursor=False)
    return Window(control, dont_extend_height=True, wrap_lines=False, right_margins=[_More()])


def _moves(kb: KeyBindings, state: _List) -> None:
    for key, step in (("up", -1), ("down", 1), ("c-p", -1), ("c-n", 1)):

        def move(event: KeyPressEvent, step: int = step) -> None:
            del event
            state.warning = ""
            state.move(step)

        kb.add(key)(move)


def select(
    message: str, labels: Sequence[str], pointed: int | None, keys: Keys, show: Show
) -> int | str:
    """The index chosen, or BACK. With `pointed` None the pointer starts on a neutral line that
    Enter refuses, so an untouched question is never answered."""
    state = _List(message, list(labels), -1 if pointed is None else pointed, None)
    kb = KeyBindings()
    _moves(kb, state)
    _common(kb, keys, show, state.say)

    @kb.add("enter")
    @kb.add("c-j")
    def _choose(event: KeyPressEvent) -> None:
        if state.pointed < 0:
            state.warning = _(NOT_YET)
            return
        state.answer = state.labels[state.pointed]
        event.app.exit(result=state.pointed)

    result = _run(state.head, _list_window(state), lambda: state.warning, "select", keys, kb)
    assert isinstance(result, int | str)
    return result


def checkbox(
    message: str,
    labels: Sequence[str],
    ticked: Sequence[bool],
    alone: set[int],
    keys: Keys,
    show: Show,
) -> list[int] | str:
    """The indexes ticked, or BACK. `alone` are the choices that stand only by themselves."""
    state = _List(message, list(labels), 0, list(ticked), frozenset(alone))
    kb = KeyBindings()
    _moves(kb, state)
    _common(kb, keys, show, state.say)

    @kb.add(" ")
    def _tick(event: KeyPressEvent) -> None:
        del event
        state.toggle()

    @kb.add("a")
    def _all(event: KeyPressEvent) -> None:
        del event
        state.toggle_all()

    @kb.add("enter")
    @kb.add("c-j")
    def _confirm(event: KeyPressEvent) -> None:
        assert state.ticked is not None
        chosen = [i for i, on in enumerate(state.ticked) if on]
        state.answer = "; ".join(state.labels[i] for i in chosen) or _("(none)")
        event.app.exit(result=chosen)

    result = _run(state.head, _list_window(state), lambda: state.warning, "checkbox", keys, kb)
    assert isinstance(result, list | str)
    return result


def text(
    message: str, default: str, validate: Callable[[str], str | None], keys: Keys, show: Show
) -> str:
    """The text typed, or BACK. A problem found by `validate` is shown and the text is kept."""
    buffer = Buffer(document=Document(default, len(default)), multiline=False)
    problem: list[str] = [""]
    said: list[str] = []

    def clear(_: Buffer) -> None:
        problem[0] = ""

    buffer.on_text_changed += clear
    kb = KeyBindings()
    _common(kb, keys, show, said.append, empty=Condition(lambda: not buffer.text))

    @kb.add("enter")
    @kb.add("c-j")
    def _confirm(event: KeyPressEvent) -> None:
        found = validate(buffer.text)
        if found is None:
            said.append(buffer.text if buffer.text.strip() else _("(empty)"))
            event.app.exit(result=buffer.text)
        else:
            problem[0] = found

    def head() -> StyleAndTextTuples:
        lines = _lines("class:question", wrap(message, _width(), "? ", "  "))
        if get_app().is_done and said:
            lines += _answer(said[0], _width())
        return lines

    field_ = BufferControl(buffer, input_processors=[BeforeInput("> ")])
    middle = Window(field_, dont_extend_height=True, wrap_lines=True)
    result = _run(head, middle, lambda: problem[0], "text", keys, kb)
    assert isinstance(result, str)
    return result
