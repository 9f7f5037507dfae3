"""Safe reading of hand-edited YAML and JSON, with positions for error messages.

The fast path parses with ruamel's safe loader, in C when ruamel.yaml.clib is installed.
Errors are always reported by the pure-Python parser, so their wording does not depend on
the extension. Positions are only needed when something is wrong, so the round-trip parse
that records them runs on the error path alone. Both loaders share one constructor, which
refuses values hria cannot use where they are (construct.py), and a text that might hold
more values than the limits allow is counted before it is built (limits.py).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

import ruamel.yaml.main
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import DuplicateKeyError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import (
    AliasEvent,
    CollectionEndEvent,
    CollectionStartEvent,
    NodeEvent,
)
from ruamel.yaml.reader import ReaderError
from ruamel.yaml.resolver import VersionedResolver

from hria.errors import InvalidFileError, Problem
from hria.files import jsonio
from hria.files.construct import Positions, Refused, StrictConstructor, recording
from hria.files.limits import (
    GENERIC,
    MAX_DEPTH,
    Limits,
    exceeded,
    first_yaml_breach,
    node_bound,
    too_deep,
)
from hria.i18n import N_, _

C_SAFE_NESTING = 2000
_FALLBACK = object()
# ruamel's C extension (ruamel.yaml.clib) parses several times faster; it is optional.
C_PARSER = getattr(ruamel.yaml.main, "CParser", None) is not None
_DUP_KEY = re.compile(r'duplicate key ("[^"\n]*")')
_DUPLICATE = N_("duplicate key")


def parse(
    text: str,
    path: str,
    kind: str = "assessment file",
    limits: Limits = GENERIC,
    positions: Positions | None = None,
) -> Any:
    """Parse YAML (or JSON, by suffix) into plain Python data, within `limits`. YAML fills
    `positions`, if given, with where the top two levels of the document lie."""
    is_json = path.endswith(".json")
    if node_bound(text) > limits.nodes:  # perhaps too much to build: count first
        _refuse_first_problem(text, path, kind, limits, is_json)
    if is_json:
        data = _parse_json(text, path, kind, limits)
    else:
        data = _parse_yaml(text, path, kind, positions)
    if is_json and jsonio.may_hold_surrogates(text):
        _refuse_first_problem(text, path, kind, limits, is_json)
    if exceeded(data, limits):
        _refuse_first_problem(text, path, kind, limits, is_json)
        raise _one(path, _("holds more than hria reads (see the limits in the README)"), kind)
    return data


def _refuse_first_problem(text: str, path: str, kind: str, limits: Limits, is_json: bool) -> None:
    """Raise the first limit broken (or, in JSON, value refused), if the scan finds one."""
    if is_json:
        found = jsonio.first_problem(text, limits)
        if found is not None:
            message, line, column = found
            raise InvalidFileError([Problem(path, message, line=line, column=column)], kind)
        return
    refused = first_yaml_breach(text, limits, pure=not C_PARSER)
    if refused is not None:
        raise _marked_problem(path, refused.message, refused.mark, kind)


def _parse_yaml(text: str, path: str, kind: str, positions: Positions | None = None) -> Any:
    try:
        return _load_yaml(text, positions)
    except Refused as refused:
        raise _marked_problem(path, refused.message, refused.mark, kind) from None
    except DuplicateKeyError as exc:
        raise _marked(path, exc, _DUPLICATE, kind) from None
    except MarkedYAMLError as exc:
        message = _("malformed YAML: %(reason)s") % {
            "reason": _first_line(exc.problem or exc.context)
        }
        raise _marked(path, exc, message, kind) from None
    except ReaderError as exc:
        raise _at_offset(text, path, _unprintable(exc.character), exc.position, kind) from None
    except YAMLError as exc:
        message = _("malformed YAML: %(reason)s") % {"reason": _first_line(str(exc))}
        raise _at_offset(text, path, message, 0, kind) from None


def _load_yaml(text: str, positions: Positions | None = None) -> Any:
    """The C parser when it is safe; the pure one, which refuses what it must, otherwise.
    The constructor is the same on both, and raises `Refused` at the value it refuses."""
    if C_PARSER and _c_safe(text):
        try:
            data = _yaml(pure=False, positions=positions).load(text)
        except YAMLError:
            data = _FALLBACK  # the pure parser below reports it, worded as everywhere else
        if data is not _FALLBACK and _depth_ok(data):
            return data
    yaml = _yaml(pure=True, positions=positions)
    yaml.Composer = _GuardedComposer
    return yaml.load(text)


def _first_line(message: str | None) -> str:
    return (message or "").strip().split("\n", 1)[0]


def _unprintable(character: object) -> str:
    if not isinstance(character, int):
        return _(
            "a control character is not allowed in YAML; write it as an escape in double quotes"
        )
    return _(
        "character {code} is not allowed in YAML; write it as an escape in double quotes"
    ).format(code=f"U+{character:04X}")


class _OneVersionResolver(VersionedResolver):
    """ruamel works out the YAML version afresh for every scalar it resolves, which is a
    fifth of the parse; one file is one document with one version, so it is worked out once
    (each load has its own resolver)."""

    _version: Any = None

    @property
    def processing_version(self) -> Any:
        if self._version is None:
            self._version = VersionedResolver.processing_version.fget(self)  # type: ignore[attr-defined]
        return self._version


def _yaml(pure: bool, positions: Positions | None = None) -> YAML:
    yaml = YAML(typ="safe", pure=pure)
    yaml.Resolver = _OneVersionResolver
    yaml.Constructor = StrictConstructor if positions is None else recording(positions)
    yaml.allow_duplicate_keys = False
    return yaml


# Where an anchor (&) or an alias (*) can begin a node: at the start of a line, after white
# space, or after a flow indicator or a colon. "R&D" or "x*y" cannot be one: no event scan.
_ANCHOR_OR_ALIAS = re.compile(r"(?:^|[\s\[\{,:])[&*]", re.MULTILINE)


def _c_safe(text: str) -> bool:
    """Whether the C parser may load `text`: no anchor or alias, and no nesting deep enough
    to crash its composer, which recurses in C (tens of thousands of levels do).

    Anchors need `&` and aliases `*` where a node can begin. Every level of nesting opens
    with `[`, `{`, `- `, `? ` or a new line, so their count bounds the depth. Only text that
    fails these cheap tests pays for a scan of libyaml's events, which is iterative and safe
    on any input.
    """
    if _ANCHOR_OR_ALIAS.search(text) is None:
        indicators = text.count("- ") + text.count("-\t") + text.count("-\n")
        bound = indicators + sum(text.count(c) for c in "[{?\n")
        if bound <= C_SAFE_NESTING:
            return True
    return _events_clean(text)


def _events_clean(text: str) -> bool:
    depth = 0
    try:
        for event in _yaml(pure=False).parse(text):
            if _is_anchor(event):
                return False
            if isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    return False
            elif isinstance(event, CollectionEndEvent):
                depth -= 1
    except YAMLError:
        return False
    return True


def _is_anchor(event: Any) -> bool:
    return isinstance(event, AliasEvent) or (isinstance(event, NodeEvent) and bool(event.anchor))


def _depth_ok(data: Any) -> bool:
    """Whether loaded data nests at most MAX_DEPTH collections deep."""
    level: list[Any] = [data]
    for _depth in range(MAX_DEPTH):
        level = [
            child
            for node in level
            if isinstance(node, dict | list)
            for child in (node.values() if isinstance(node, dict) else node)
        ]
        if not level:
            return True
    return not any(isinstance(node, dict | list) for node in level)


class _GuardedComposer(Composer):
    """Refuses anchors, aliases and deep nesting as it meets them. Hand-written files never
    need anchors, and an alias bomb expands to gigabytes after a cheap parse."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if _is_anchor(event):
            raise Refused(N_("YAML anchors and aliases are not allowed"), event.start_mark)
        if self.depth >= MAX_DEPTH and isinstance(event, CollectionStartEvent):
            raise Refused(too_deep(), event.start_mark)
        return super().compose_node(parent, index)


def _parse_json(text: str, path: str, kind: str, limits: Limits) -> Any:
    def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        keys = [k for k, _value in pairs]
        if len(set(keys)) != len(keys):
            raise _DuplicateJsonKey
        return dict(pairs)

    try:
        data = json.loads(text, object_pairs_hook=no_duplicates, parse_int=jsonio.parse_int)
    except json.JSONDecodeError as exc:
        malformed = _("malformed JSON: {reason}").format(reason=exc.msg)
        raise InvalidFileError(
            [Problem(path, malformed, line=exc.lineno, column=exc.colno)], kind
        ) from None
    except (RecursionError, jsonio.TooLarge):  # too deep for Python, or a huge number
        _refuse_first_problem(text, path, kind, limits, is_json=True)
        raise _one(path, too_deep(), kind) from None
    except _DuplicateJsonKey:
        try:  # ruamel reads JSON too, and says where the duplicate is
            _parse_yaml(text, path, kind)
        except InvalidFileError:
            raise
        raise _one(path, _(_DUPLICATE), kind) from None
    if not _depth_ok(data):
        _refuse_first_problem(text, path, kind, limits, is_json=True)
        raise _one(path, too_deep(), kind)
    return data


class _DuplicateJsonKey(Exception):
    pass


def _marked(path: str, exc: MarkedYAMLError, message: str, kind: str) -> InvalidFileError:
    mark = exc.problem_mark or exc.context_mark
    if message == _DUPLICATE:
        # ruamel's text repeats both values; answers are sensitive, so keep only the key
        found = _DUP_KEY.search(exc.problem) if exc.problem else None
        key = found.group(1) if found else None
        message = _("duplicate key {key}").format(key=key) if key else _(_DUPLICATE)
    return _marked_problem(path, message, mark, kind)


def _marked_problem(path: str, message: str, mark: Any, kind: str) -> InvalidFileError:
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    return InvalidFileError([Problem(path, message, line=line, column=column)], kind)


def _at_offset(text: str, path: str, message: str, offset: int, kind: str) -> InvalidFileError:
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    column = offset - text.rfind("\n", 0, offset)
    return InvalidFileError([Problem(path, message, line=line, column=column)], kind)


def _one(path: str, message: str, kind: str) -> InvalidFileError:
    return InvalidFileError([Problem(path, message)], kind)


class Locator:
    """Maps location paths (as pydantic reports them) onto a document's lines and columns."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._doc: Any = None
        self._parsed = False

    def _root(self) -> Any:
        if not self._parsed:
            self._parsed = True
            try:
                self._doc = YAML(typ="rt").load(self._text)
            except (YAMLError, ValueError, KeyError, IndexError, TypeError, OverflowError):
                self._doc = None  # only positions are lost; the problems are still reported
        return self._doc

    def find(
        self, loc: Sequence[str | int], at_key: bool = False
    ) -> tuple[int | None, int | None, str]:
        """1-based (line, column) of `loc`, and the dotted path of its parts that exist.

        Parts that are not keys or indexes of the document (pydantic's union tags) are
        skipped; a location that ends at a missing key points at its parent.
        """
        node: Any = self._root()
        position: tuple[int, int] | None = None
        kept: list[str] = []
        for index, part in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, CommentedMap) and part in node:
                on_value = last and not at_key and _is_scalar(node[part])
                position = node.lc.value(part) if on_value else node.lc.key(part)
                node = node[part]
            elif isinstance(node, CommentedSeq) and isinstance(part, int) and part < len(node):
                position = node.lc.item(part)
                node = node[part]
            elif node is not None and last and isinstance(part, str):
                pass  # a missing key: keep its name, point at the parent
            else:
                continue
            kept.append(str(part))
        if position is None:  # the document itself: where it starts
            root = self._root()
            position = (root.lc.line, root.lc.col) if not _is_scalar(root) else (0, 0)
        return position[0] + 1, position[1] + 1, ".".join(kept)


def _is_scalar(value: Any) -> bool:
    return not isinstance(value, CommentedMap | CommentedSeq)
