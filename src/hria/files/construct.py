"""Building Python data from YAML nodes, refusing what hria cannot use with a position.

ruamel's safe constructor raises ValueError or KeyError on impossible dates, bad tagged
scalars and numbers Python will not convert, and its own messages repeat the text. Answers
are sensitive, so the problems here describe what is wrong and never quote the value.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from ruamel.yaml.constructor import BaseConstructor, ConstructorError, SafeConstructor
from ruamel.yaml.nodes import CollectionNode, MappingNode, ScalarNode, SequenceNode

from hria.i18n import N_, _

_YAML = "tag:yaml.org,2002:"
_STR = _YAML + "str"
_INT = _YAML + "int"
# What a scalar with a tag that does not fit it is said to be (and the tags allowed at all).
_SCALARS = {
    _INT: N_("not a valid whole number"),
    _YAML + "float": N_("not a valid number"),
    _YAML + "bool": N_("not a valid true or false"),
    _YAML + "timestamp": N_("not a valid date or time"),
}
_TAGS = frozenset({*_SCALARS, _STR, _YAML + "null", _YAML + "seq", _YAML + "map"})
# Numbers must fit a float (about 1.8e308), as the bank's limits are compared as floats;
# no real answer comes close. Longer digit strings are refused before conversion, which
# Python refuses anyway beyond 4300 digits.
MAX_DIGITS = 400
TOO_LARGE = N_("number is too large")
UNSUPPORTED_TAG = N_("unsupported YAML tag (hria reads plain values only)")
KEY_NOT_TEXT = N_("keys must be text: put this key in quotes")
_FLOAT_MAX = int(sys.float_info.max)
SURROGATE = re.compile("[\ud800-\udfff]")
LONE_SURROGATE = N_(
    "text contains half of a UTF-16 surrogate pair (\\ud800 to \\udfff), which is not a character"
)


class Refused(Exception):
    """Input hria will not read, with the ruamel mark of where it is."""

    def __init__(self, message: str, mark: Any) -> None:
        super().__init__(message)
        self.message = _(message)  # a marked text, said in the interface's language
        self.mark = mark


def too_large(number: int) -> bool:
    return abs(number) > _FLOAT_MAX


def has_surrogate(text: str) -> bool:
    return not text.isascii() and SURROGATE.search(text) is not None


class StrictConstructor(SafeConstructor):
    """The safe constructor, limited to JSON's data model plus dates, with text keys only."""

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        tag = node.tag if tag is None else tag
        if tag not in _TAGS:
            raise Refused(
                N_("unsupported YAML tag (hria reads plain values only)"), node.start_mark
            )
        if tag not in _SCALARS:
            value = super().construct_non_recursive_object(node, tag)
            if isinstance(value, str) and has_surrogate(value):
                raise Refused(LONE_SURROGATE, node.start_mark)
            return value
        if tag == _INT and isinstance(node.value, str) and len(node.value) > MAX_DIGITS:
            raise Refused(TOO_LARGE, node.start_mark)  # before int() spends time on it
        try:
            value = super().construct_non_recursive_object(node, tag)
        except (ValueError, KeyError, IndexError, OverflowError, TypeError, ConstructorError):
            raise Refused(_SCALARS[tag], node.start_mark) from None
        if isinstance(value, int) and too_large(value):
            raise Refused(TOO_LARGE, node.start_mark)
        return value

    def construct_mapping(self, node: Any, deep: bool = False) -> Any:
        if isinstance(node, MappingNode):
            self.flatten_mapping(node)
            for key_node, _ in node.value:
                if key_node.tag != _STR:
                    raise Refused(
                        N_("keys must be text: put this key in quotes"), key_node.start_mark
                    )
        return BaseConstructor.construct_mapping(self, node, deep=deep)


Positions = dict[tuple[str | int, ...], tuple[int, int]]


def recording(positions: Positions) -> type[StrictConstructor]:
    """The strict constructor, recording into `positions` where the top two levels of the
    document lie, as `positions.Positions` reads them: the parser has them already, so this
    costs next to nothing beside the parse."""

    class Recording(StrictConstructor):
        def construct_document(self, node: Any) -> Any:
            record(node, positions)
            return super().construct_document(node)

    return Recording


def record(root: Any, positions: Positions) -> None:
    """The root's position, and for each key or item one and two levels below it, the key's
    when its value is a collection or the value's when it is a scalar (1-based)."""
    positions.clear()
    positions[()] = _at(root)
    if not isinstance(root, MappingNode):
        return
    for key, value in root.value:
        if not isinstance(key, ScalarNode):
            continue
        name = key.value
        positions[(name,)] = _at(key if isinstance(value, CollectionNode) else value)
        if isinstance(value, MappingNode):
            for inner, item in value.value:
                if isinstance(inner, ScalarNode):
                    where = inner if isinstance(item, CollectionNode) else item
                    positions[(name, inner.value)] = _at(where)
        elif isinstance(value, SequenceNode):
            for index, item in enumerate(value.value):
                positions[(name, index)] = _at(item)


def _at(node: Any) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
