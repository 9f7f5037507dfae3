"""Locating what JSON's parser refuses without saying where, or accepts but hria refuses.

`json.loads` reports syntax errors with a position, but not a number too large for
hria, a lone surrogate escape such as "\\ud800", or a limit broken. A scan of the tokens,
which are simple enough for one regular expression, finds the first of them in the text.
"""

from __future__ import annotations

import json
import re

from hria.files.construct import LONE_SURROGATE, MAX_DIGITS, TOO_LARGE, has_surrogate, too_large
from hria.files.limits import MAX_DEPTH, Budget, Limits, too_deep
from hria.i18n import _

# Strings first, so that brackets and digits inside them are never taken for tokens;
# commas, colons and white space are skipped between matches.
_TOKEN = re.compile(
    r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null'
)


# A lone surrogate can only come from an escape; most files have none at all.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def may_hold_surrogates(text: str) -> bool:
    return _SURROGATE_ESCAPE.search(text) is not None


class TooLarge(Exception):
    """An integer hria refuses, raised from inside `json.loads`."""


def parse_int(text: str) -> int:
    """`json.loads`'s parse_int: refuses integers that do not fit a float."""
    if len(text) > MAX_DIGITS:
        raise TooLarge
    number = int(text)
    if too_large(number):
        raise TooLarge
    return number


def first_problem(text: str, limits: Limits) -> tuple[str, int, int] | None:
    """The first thing in JSON `text` hria refuses: (message, line, column), 1-based."""
    budget = Budget(limits)
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token in ("]", "}"):
            budget.end()
            continue
        problem = _problem(token, budget)
        if problem is None and budget.depth > MAX_DEPTH:
            problem = too_deep()
        if problem is not None:
            start = match.start()
            line = text.count("\n", 0, start) + 1
            return problem, line, start - text.rfind("\n", 0, start)
    return None


def _problem(token: str, budget: Budget) -> str | None:
    first = token[0]
    if first in "[{":
        return budget.node(None, opens=True, is_map=first == "{")
    if first == '"':
        value = _decode(token)
        return _(LONE_SURROGATE) if has_surrogate(value) else budget.node(value)
    if (first == "-" or first.isdigit()) and token.lstrip("-").isdigit():
        try:
            parse_int(token)
        except TooLarge:
            return _(TOO_LARGE)
    return budget.node(None)


def _decode(token: str) -> str:
    if "\\" not in token:
        return token[1:-1]
    try:
        value = json.loads(token)
    except ValueError:  # a bad escape: json.loads says where, later
        return token[1:-1]
    return value if isinstance(value, str) else token[1:-1]
