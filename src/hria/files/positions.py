"""Where the top of an assessment file lies: the line and column of each answer, each
metadata field and each impact or action.

Every output format that points at the answer behind a flag needs these positions for every
file with flags. Loading a YAML file records them as it goes, for next to nothing
(`construct.record`). Otherwise (JSON files) they come from one pass over the events of
ruamel's C parser, a fifth of the check's time; the round-trip parse that `Locator` uses,
which records the position of every node and costs several times the check itself, answers
only without the C extension or on text the C parser should not be given.
"""

from __future__ import annotations

from collections.abc import Sequence

from ruamel.yaml.error import YAMLError
from ruamel.yaml.events import (
    CollectionEndEvent,
    CollectionStartEvent,
    MappingStartEvent,
    ScalarEvent,
)

from hria.files.yamlio import C_PARSER, Locator, _c_safe, _yaml

Position = tuple[int, int]  # 1-based line and column
Path = tuple[str | int, ...]
_NO_KEY = object()


class Positions:
    """`find(loc)`: the line and column `Locator.find(loc)` gives, for locations at most two
    levels deep such as ("answers", question id) or ("impacts", index). A location that is
    not in the file gives the position of its longest prefix that is."""

    def __init__(
        self, text: str, checked: bool = False, index: dict[Path, Position] | None = None
    ) -> None:
        """`checked`: the text has loaded as a valid file (no anchors, nesting bounded), so
        the C parser may read it without the safety scan. `index`: the positions the parse
        recorded already (`construct.record`), if it did."""
        self._index: dict[Path, Position] | None = index
        self._fallback: Locator | None = None
        if index is None and C_PARSER and (checked or _c_safe(text)):
            try:
                self._index = _scan(text)
            except YAMLError:
                self._index = None
        if self._index is None:
            self._fallback = Locator(text)

    def find(self, loc: Sequence[str | int]) -> tuple[int | None, int | None]:
        if self._fallback is not None:
            line, column, _ = self._fallback.find(loc)
            return line, column
        assert self._index is not None
        found = self._index.get(tuple(loc))
        if found is not None:
            return found
        for length in range(min(len(loc), 2), -1, -1):
            found = self._index.get(tuple(loc[:length]))
            if found is not None:
                return found
        return None, None


class _Frame:
    """An open collection: its path (None below the depth that is indexed), and for a
    mapping the key waiting for its value, or for a sequence the next item's index."""

    __slots__ = ("items", "key", "key_at", "mapping", "path")

    def __init__(self, path: Path | None, mapping: bool) -> None:
        self.path = path
        self.mapping = mapping
        self.key: object = _NO_KEY
        self.key_at: Position = (0, 0)
        self.items = 0


def _scan(text: str) -> dict[Path, Position]:
    """The root's position and those of the keys and items one and two levels below it: a
    key's own position when its value is a collection, the value's when it is a scalar."""
    index: dict[Path, Position] = {}
    stack: list[_Frame] = []
    for event in _yaml(pure=False).parse(text):
        if isinstance(event, CollectionEndEvent):
            stack.pop()
            continue
        scalar = isinstance(event, ScalarEvent)
        if not scalar and not isinstance(event, CollectionStartEvent):
            continue
        here = (event.start_mark.line + 1, event.start_mark.column + 1)
        path: Path | None = ()
        if not stack:
            index[()] = here
        else:
            frame = stack[-1]
            if frame.mapping and frame.key is _NO_KEY:  # a key
                frame.key, frame.key_at = (event.value if scalar else None), here
                if not scalar:
                    stack.append(_Frame(None, isinstance(event, MappingStartEvent)))
                continue
            path, where = _child(frame, here, scalar)
            if path is not None and len(path) <= 2:
                index[path] = where
        if not scalar:
            deep = path is None or len(path) >= 2
            stack.append(_Frame(None if deep else path, isinstance(event, MappingStartEvent)))
    return index


def _child(frame: _Frame, here: Position, scalar: bool) -> tuple[Path | None, Position]:
    """The path and position of the value that `frame` has just met."""
    if frame.mapping:
        key, frame.key = frame.key, _NO_KEY
        if frame.path is None or not isinstance(key, str):
            return None, here
        return (*frame.path, key), (here if scalar else frame.key_at)
    frame.items += 1
    if frame.path is None:
        return None, here
    return (*frame.path, frame.items - 1), here
