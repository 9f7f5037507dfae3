"""Pydantic's own reasons for refusing a value, in the interface's language. Pydantic words
them in English only; each kind of error is said again from its type and context, and an
error of hria's own models (`models.base.refusal`) from the English template it carries.
In English, pydantic's words are kept as they are."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from hria.i18n import N_, _, active
from hria.lang import ENGLISH
from hria.models.base import REFUSAL

_Say = Callable[[dict[str, Any]], str]


def _fixed(text: str) -> _Say:
    return lambda _ctx: _(text)


def _bound(text: str, key: str) -> _Say:
    return lambda ctx: _(text).format(limit=ctx.get(key, "?"))


def _choices(ctx: dict[str, Any]) -> str:
    """'Input should be 'a', 'b' or 'c'' with the language's own "or"."""
    quoted = re.findall(r"'[^']*'", str(ctx.get("expected", "")))
    if len(quoted) < 2:
        return _("should be {choices}").format(choices=", ".join(quoted) or "?")
    listed = _("{some} or {last}").format(some=", ".join(quoted[:-1]), last=quoted[-1])
    return _("should be one of {choices}").format(choices=listed)


_TEXT = N_("should be text")
_WHOLE = N_("should be a whole number")
_NUMBER = N_("should be a number")
_BOOLEAN = N_("should be true or false")
_DATE = N_("should be a date as YYYY-MM-DD")
_LIST = N_("should be a list")
_MAPPING = N_("should be a mapping of keys to values")

SAID: dict[str, _Say] = {
    "string_type": _fixed(_TEXT),
    "string_unicode": _fixed(_TEXT),
    "int_type": _fixed(_WHOLE),
    "int_parsing": _fixed(_WHOLE),
    "int_from_float": _fixed(_WHOLE),
    "float_type": _fixed(_NUMBER),
    "float_parsing": _fixed(_NUMBER),
    "finite_number": _fixed(N_("should be a finite number")),
    "bool_type": _fixed(_BOOLEAN),
    "bool_parsing": _fixed(_BOOLEAN),
    "date_type": _fixed(_DATE),
    "date_parsing": _fixed(_DATE),
    "date_from_datetime_parsing": _fixed(_DATE),
    "date_from_datetime_inexact": _fixed(_DATE),
    "datetime_type": _fixed(N_("should be a date and time")),
    "datetime_parsing": _fixed(N_("should be a date and time")),
    "literal_error": _choices,
    "enum": _choices,
    "list_type": _fixed(_LIST),
    "set_type": _fixed(_LIST),
    "dict_type": _fixed(_MAPPING),
    "model_type": _fixed(_MAPPING),
    "model_attributes_type": _fixed(_MAPPING),
    "greater_than_equal": _bound(N_("should be at least {limit}"), "ge"),
    "greater_than": _bound(N_("should be more than {limit}"), "gt"),
    "less_than_equal": _bound(N_("should be at most {limit}"), "le"),
    "less_than": _bound(N_("should be less than {limit}"), "lt"),
    "string_too_short": _bound(N_("should have at least {limit} character(s)"), "min_length"),
    "string_too_long": _bound(N_("should have at most {limit} character(s)"), "max_length"),
    "too_short": _bound(N_("should have at least {limit} item(s)"), "min_length"),
    "too_long": _bound(N_("should have at most {limit} item(s)"), "max_length"),
    "string_pattern_mismatch": _bound(N_("should match the pattern {limit}"), "pattern"),
    "url_parsing": _fixed(N_("should be a web address")),
    "url_scheme": _fixed(N_("should be a web address")),
    "none_required": _fixed(N_("should be empty")),
}


def said(kind: str, ctx: dict[str, Any], message: str) -> str:
    """`message` (pydantic's, or a refusal's) in the interface's language."""
    if kind == REFUSAL:
        values = {key: value for key, value in ctx.items() if key != "template"}
        return _(str(ctx.get("template", message))).format(**values)
    if active() == ENGLISH or kind not in SAID:
        return message
    return SAID[kind](ctx)
