"""Prompts behind a small interface. The only module that imports questionary.

The interview speaks to a `Prompter` with four primitives. `QuestionaryPrompter` drives a real
terminal; `ScriptedPrompter` replays answers in tests. Special values let every prompt go back
or ask for help.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

BACK = "__back__"
HELP = "__help__"
SKIP = "__skip__"  # an optional question left unanswered
Choices = list[tuple[str, str]]  # (value, label)
Validator = Callable[[str], str | None]  # an error message, or None when fine


class Prompter(Protocol):
    def show(self, text: str, style: str = "") -> None: ...

    def text(self, message: str, default: str = "", validate: Validator | None = None) -> str: ...

    def select(self, message: str, choices: Choices, default: str | None = None) -> str: ...

    def checkbox(self, message: str, choices: Choices, checked: Iterable[str]) -> list[str]: ...


class QuestionaryPrompter:
    """A real terminal. Ctrl-C raises KeyboardInterrupt (unsafe_ask), never returns None."""

    def __init__(self) -> None:
        import os

        from hria.console import make_console

        # Many terminals (and serial consoles, `docker run -t`) never answer cursor-position
        # requests; prompts render fine without them and no warning is printed.
        os.environ.setdefault("PROMPT_TOOLKIT_NO_CPR", "1")
        self.console = make_console()

    def show(self, text: str, style: str = "") -> None:
        self.console.print(text, style=style or None, markup=False, highlight=False)

    def text(self, message: str, default: str = "", validate: Validator | None = None) -> str:
        import questionary

        def check(value: str) -> bool | str:
            problem = validate(value) if validate else None
            return True if problem is None else problem

        result: str = questionary.text(message, default=default, validate=check).unsafe_ask()
        return result

    def select(self, message: str, choices: Choices, default: str | None = None) -> str:
        import questionary

        options = [questionary.Choice(title=label, value=value) for value, label in choices]
        chosen = next((o for o in options if o.value == default), None)
        result: str = questionary.select(message, choices=options, default=chosen).unsafe_ask()
        return result

    def checkbox(self, message: str, choices: Choices, checked: Iterable[str]) -> list[str]:
        import questionary

        ticked = set(checked)
        options = [
            questionary.Choice(title=label, value=value, checked=value in ticked)
            for value, label in choices
        ]
        result: list[str] = questionary.checkbox(message, choices=options).unsafe_ask()
        return result


class ScriptedPrompter:
    """Replays scripted replies in order; records everything shown. For tests.

    A reply may be a string (text or select), a list (checkbox), or an exception instance,
    which is raised (KeyboardInterrupt to simulate Ctrl-C)."""

    def __init__(self, replies: Iterable[object]) -> None:
        self.replies = list(replies)
        self.shown: list[str] = []
        self.asked: list[str] = []

    def _next(self, message: str) -> object:
        self.asked.append(message)
        if not self.replies:
            raise AssertionError(f"no scripted reply left for: {message}")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def show(self, text: str, style: str = "") -> None:
        del style
        self.shown.append(text)

    def text(self, message: str, default: str = "", validate: Validator | None = None) -> str:
        while True:
            reply = self._next(message)
            value = default if reply is None else str(reply)
            problem = validate(value) if validate else None
            if problem is None:
                return value
            self.shown.append(f"invalid: {problem}")

    def select(self, message: str, choices: Choices, default: str | None = None) -> str:
        reply = self._next(message)
        value = default if reply is None else str(reply)
        assert value in [v for v, _ in choices], f"{value!r} is not offered for {message!r}"
        return value

    def checkbox(self, message: str, choices: Choices, checked: Iterable[str]) -> list[str]:
        reply = self._next(message)
        values = list(checked) if reply is None else list(reply)  # type: ignore[call-overload]
        offered = [v for v, _ in choices]
        assert all(v in offered for v in values), f"{values} not all offered for {message!r}"
        return values
