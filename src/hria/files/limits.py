"""Bounds on how much a document may hold, checked before validation.

A file under the size cap can still hold a million values, and validating and locating
errors in that many takes minutes and gigabytes. The limits are far above any real file
(the largest example holds about 900 values; the bundled bank has about 170 questions).
They are counted on the parser's events (or JSON tokens) so that a refused file is never
built in memory, and on loaded data when the text looked too small to need the scan.
Locating validation errors costs about 70 µs a value (the round-trip parse), so the limit
on values also keeps an invalid file at the limit to about a second.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    NodeEvent,
    ScalarEvent,
)

from hria.files.construct import Refused
from hria.i18n import N_, _

MAX_DEPTH = 64
TOO_DEEP = N_("nested more than {limit} levels deep")
MAX_NODES = 10_000
MAX_ENTRIES = 2_000
ANY = "*"  # in a limit's path: any key or list position
_ITEM = "[]"  # the path part of a list item
#: 'too many answers: the limit is 1000', whole, for each thing counted in an assessment.
_TOO_MANY = {
    "answers": N_("too many answers: the limit is {limit}"),
    "evidence entries in one answer": N_(
        "too many evidence entries in one answer: the limit is {limit}"
    ),
    "impacts": N_("too many impacts: the limit is {limit}"),
    "actions": N_("too many actions: the limit is {limit}"),
}


def too_deep() -> str:
    """The message for nesting past MAX_DEPTH, in the interface's language."""
    return _(TOO_DEEP).format(limit=MAX_DEPTH)


@dataclass(frozen=True)
class Limits:
    """The most values in a file, entries in one list or mapping, and entries at `paths`.

    `paths` maps a location such as ("answers", "*", "evidence") to (limit, what is counted).
    """

    nodes: int = MAX_NODES
    entries: int = MAX_ENTRIES
    paths: Mapping[tuple[str, ...], tuple[int, str]] = field(default_factory=dict)

    def of(self, path: tuple[str, ...] | None) -> tuple[int, str]:
        """The limit on entries of the collection at `path`, and the message past it."""
        for pattern, (limit, noun) in self.paths.items():
            if path is not None and _matches(pattern, path):
                text = _TOO_MANY.get(noun)
                if text is None:
                    return limit, f"too many {noun}: the limit is {limit}"
                return limit, _(text).format(limit=limit)
        text = _("too many entries in one list or mapping: the limit is {limit}")
        return self.entries, text.format(limit=self.entries)

    @property
    def too_many_values(self) -> str:
        return _("too many values in one file: the limit is {limit}").format(limit=self.nodes)

    @property
    def longest(self) -> int:
        return max((len(p) for p in self.paths), default=0)


GENERIC = Limits()
MAX_ANSWERS = 1_000
MAX_EVIDENCE = 100
MAX_IMPACTS = 1_000
MAX_ACTIONS = 1_000
ASSESSMENT = Limits(
    paths={
        ("answers",): (MAX_ANSWERS, "answers"),
        ("answers", ANY, "evidence"): (MAX_EVIDENCE, "evidence entries in one answer"),
        ("impacts",): (MAX_IMPACTS, "impacts"),
        ("actions",): (MAX_ACTIONS, "actions"),
    }
)


def _matches(pattern: tuple[str, ...], path: tuple[str, ...]) -> bool:
    if len(pattern) != len(path):
        return False
    return all(p in (ANY, q) for p, q in zip(pattern, path, strict=True))


def node_bound(text: str) -> int:
    """An upper bound on the values in YAML or JSON `text`, from a few fast counts.

    Every value after the first is introduced by a line break or one of `-:,?[{`, and
    none of those introduces more than two (a list item that starts a mapping, say).
    """
    return 2 * sum(text.count(c) for c in "\n-:,?[{") + 2


@dataclass
class _Frame:
    is_map: bool
    path: tuple[str, ...] | None
    limit: int
    message: str
    count: int = 0
    key: str | None = None


class Budget:
    """Counts values as a parser meets them; `node` says what the first one past a limit
    breaks. Mapping keys and values are values; a mapping's entries are its keys."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.nodes = 0
        self.stack: list[_Frame] = []
        self._longest = limits.longest

    @property
    def depth(self) -> int:
        return len(self.stack)

    def node(self, key: str | None, opens: bool = False, is_map: bool = False) -> str | None:
        """A value begins: a scalar (`key` is its text, if needed) or, if `opens`, a collection."""
        self.nodes += 1
        if self.nodes > self.limits.nodes:
            return self.limits.too_many_values
        path: tuple[str, ...] | None = ()
        if self.stack:
            top = self.stack[-1]
            is_key = top.is_map and top.count % 2 == 0
            entries = top.count // 2 + 1 if top.is_map else top.count + 1
            top.count += 1
            if is_key:
                top.key = key
            if entries > top.limit and (is_key or not top.is_map):
                return top.message
            path = self._child(top, is_key)
        if opens:
            limit, message = self.limits.of(path)
            self.stack.append(_Frame(is_map, path, limit, message))
        return None

    def _child(self, top: _Frame, is_key: bool) -> tuple[str, ...] | None:
        if is_key or top.path is None or len(top.path) >= self._longest:
            return None
        part = top.key if top.is_map else _ITEM
        return None if part is None else (*top.path, part)

    def end(self) -> None:
        if self.stack:
            self.stack.pop()


def exceeded(data: Any, limits: Limits) -> bool:
    """Whether loaded data breaks a limit; a scan of the text then says where.

    Only collections are visited, and paths are kept only as deep as a limit needs them.
    """
    nodes = 1
    todo: list[tuple[dict[Any, Any] | list[Any], tuple[str, ...] | None]] = []
    if isinstance(data, dict | list):
        todo.append((data, ()))
    longest = limits.longest
    smallest = min([limits.entries, *(limit for limit, _ in limits.paths.values())])
    while todo:
        value, path = todo.pop()
        nodes += len(value) * (2 if isinstance(value, dict) else 1)
        if nodes > limits.nodes:
            return True
        if len(value) > smallest and len(value) > limits.of(path)[0]:
            return True  # most collections are far below every limit: no lookup for them
        deeper = path is not None and len(path) < longest
        items = value.items() if isinstance(value, dict) else ((_ITEM, v) for v in value)
        todo.extend(
            (v, (*path, k) if deeper and path is not None else None)
            for k, v in items
            if isinstance(v, dict | list)
        )
    return False


def first_yaml_breach(text: str, limits: Limits, pure: bool) -> Refused | None:
    """The first limit YAML `text` breaks, from libyaml's events (iterative and cheap, and
    stopped there, so a refused file is never built)."""
    budget = Budget(limits)
    try:
        for event in YAML(typ="safe", pure=pure).parse(text):
            if isinstance(event, CollectionEndEvent):
                budget.end()
            elif isinstance(event, NodeEvent):
                key = event.value if isinstance(event, ScalarEvent) else None
                opens = isinstance(event, CollectionStartEvent)
                problem = budget.node(key, opens, isinstance(event, MappingStartEvent))
                if problem is not None:
                    return Refused(problem, event.start_mark)
                if budget.depth > MAX_DEPTH:
                    return None  # the parser says where, and nothing deeper is built
    except YAMLError:
        return None  # the parser reports it
    return None
