"""Prompts behind a small interface.

The interview speaks to a `Prompter` with four primitives. `TerminalPrompter` drives a real
terminal through the controls of `hria.interview.controls`; `ScriptedPrompter` replays answers
in tests. A control given `Keys` offers help (shown above it, the control kept as it was) and
going back (BACK is returned); neither is ever one of its choices.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Protocol

from hria.interview.layout import BACK, HELP, NO_KEYS, SKIP, Keys

__all__ = ["BACK", "HELP", "NO_KEYS", "SKIP", "Choices", "Keys", "Prompter", "Validator"]

Choices = list[tuple[str, str]]  # (value, label)
Validator = Callable[[str], str | None]  # an error message, or None when fine


class Prompter(Protocol):
    def show(self, text: str, style: str = "") -> None: ...

    def text(
        self, message: str, default: str = "", validate: Validator | None = None, keys: Keys = ...
    ) -> str:
        """The text typed (BACK when `keys.back` and the user goes back)."""

    def select(
        self, message: str, choices: Choices, default: str | None = None, keys: Keys = ...
    ) -> str:
        """The value chosen, or BACK. Without a default, nothing is chosen until the user moves."""

    def checkbox(
        self,
        message: str,
        choices: Choices,
        checked: Iterable[str],
        keys: Keys = ...,
        alone: Iterable[str] = (),
    ) -> list[str]:
        """The values ticked, or [BACK]. `alone` are values that cannot be combined."""


class TerminalPrompter:
    """A real terminal. Ctrl-C raises KeyboardInterrupt, never returns None."""

    def __init__(self) -> None:
        import os

        from hria.console import make_console

        # Many terminals (and serial consoles, `docker run -t`) never answer cursor-position
        # requests; prompts render fine without them and no warning is printed.
        os.environ.setdefault("PROMPT_TOOLKIT_NO_CPR", "1")
        self.console = make_console()

    def show(self, text: str, style: str = "") -> None:
        self.console.print(text, style=style or None, markup=False, highlight=False)

    def _help(self, text: str) -> None:
        self.show(text, style="dim")

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        keys: Keys = NO_KEYS,
    ) -> str:
        from hria.interview import controls

        return controls.text(message, default, validate or _fine, keys, self._help)

    def select(
        self, message: str, choices: Choices, default: str | None = None, keys: Keys = NO_KEYS
    ) -> str:
        from hria.interview import controls

        values = [v for v, _ in choices]
        start = values.index(default) if default in values else None
        picked = controls.select(message, [label for _, label in choices], start, keys, self._help)
        return picked if isinstance(picked, str) else values[picked]

    def checkbox(
        self,
        message: str,
        choices: Choices,
        checked: Iterable[str],
        keys: Keys = NO_KEYS,
        alone: Iterable[str] = (),
    ) -> list[str]:
        from hria.interview import controls

        values, ticked, single = [v for v, _ in choices], set(checked), set(alone)
        picked = controls.checkbox(
            message,
            [label for _, label in choices],
            [v in ticked for v in values],
            {i for i, v in enumerate(values) if v in single},
            keys,
            self._help,
        )
        return [picked] if isinstance(picked, str) else [values[i] for i in picked]


QuestionaryPrompter = TerminalPrompter  # the name it had


def _fine(value: str) -> str | None:
    del value
    return None


class ScriptedPrompter:
    """Replays scripted replies in order; records everything shown and asked. For tests.

    A reply may be a string (text or select), a list (checkbox), None (keep the default), or an
    exception instance, which is raised (KeyboardInterrupt to simulate Ctrl-C). HELP (or "?" at
    a text prompt, or a list holding HELP) presses the help key: the help is recorded as shown
    and the same control takes the next reply. BACK (or "<" at a text prompt) goes back."""

    def __init__(self, replies: Iterable[object]) -> None:
        self.replies = list(replies)
        self.shown: list[str] = []
        self.asked: list[str] = []

    def _next(self, message: str) -> object:
        """The next scripted reply (raised when it is an exception)."""
        self.asked.append(message)
        if not self.replies:
            raise AssertionError(f"no scripted reply left for: {message}")
        reply = self.replies.pop(0)
        if isinstance(reply, BaseException):
            raise reply
        return reply

    def _reply(self, message: str, keys: Keys, specials: dict[object, str]) -> object:
        """The next reply that is not a press of the help key (help is recorded as shown)."""
        while True:
            reply = self._next(message)
            key = specials.get(reply) if isinstance(reply, str) else None
            if isinstance(reply, list) and HELP in reply:
                key = HELP
            if key == HELP:
                assert keys.help is not None, f"no help is offered for {message!r}"
                self.shown.append(keys.help)
                continue
            if key == BACK:
                assert keys.back, f"going back is not offered at {message!r}"
                return BACK
            return reply

    def show(self, text: str, style: str = "") -> None:
        del style
        self.shown.append(text)

    def text(
        self,
        message: str,
        default: str = "",
        validate: Validator | None = None,
        keys: Keys = NO_KEYS,
    ) -> str:
        while True:
            reply = self._reply(message, keys, {HELP: HELP, "?": HELP, BACK: BACK, "<": BACK})
            if reply == BACK:
                return BACK
            value = default if reply is None else str(reply)
            problem = validate(value) if validate else None
            if problem is None:
                return value
            self.shown.append(f"invalid: {problem}")

    def select(
        self, message: str, choices: Choices, default: str | None = None, keys: Keys = NO_KEYS
    ) -> str:
        reply = self._reply(message, keys, {HELP: HELP, BACK: BACK})
        if reply == BACK:
            return BACK
        assert reply is not None or default is not None, f"Enter does not answer {message!r}"
        value = default if reply is None else str(reply)
        assert value in [v for v, _ in choices], f"{value!r} is not offered for {message!r}"
        return value

    def checkbox(
        self,
        message: str,
        choices: Choices,
        checked: Iterable[str],
        keys: Keys = NO_KEYS,
        alone: Iterable[str] = (),
    ) -> list[str]:
        del alone
        reply = self._reply(message, keys, {HELP: HELP, BACK: BACK})
        if reply == BACK or reply == [BACK]:
            return [BACK]
        values = list(checked) if reply is None else list(reply)  # type: ignore[call-overload]
        offered = [v for v, _ in choices]
        assert all(v in offered for v in values), f"{values} not all offered for {message!r}"
        return values
