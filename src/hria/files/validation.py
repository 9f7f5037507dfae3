"""Turn pydantic validation errors into located problems, never echoing input values."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from pydantic import ValidationError

from hria.errors import Problem
from hria.files.pydantic_words import said
from hria.files.yamlio import Locator
from hria.i18n import _

_TAG_NOISE = ("function-after[", "tagged-union[")
_KEY = "[key]"  # pydantic's marker for an error in a mapping's key


def problems_from(
    exc: ValidationError,
    path: str,
    locator: Locator,
    prefix: Sequence[str | int] = (),
) -> list[Problem]:
    """One problem per pydantic error, located in the file; input values are left out."""
    found: list[Problem] = []
    for err in exc.errors(include_url=False, include_input=False):
        on_key = err["loc"][-1:] == (_KEY,)  # a mapping key of the wrong type
        loc = [*prefix, *(p for p in err["loc"] if not _is_noise(p) and p != _KEY)]
        at_key = on_key or err["type"] == "extra_forbidden"
        line, column, where = locator.find(loc, at_key=at_key)
        message = _clean(err["msg"], err["type"], err.get("ctx") or {})
        if on_key:
            message = _("keys must be text: put this one in quotes")
        found.append(Problem(path, message, line=line, column=column, where=where))
    return dedupe(found)


def _is_noise(part: str | int) -> bool:
    return isinstance(part, str) and part.startswith(_TAG_NOISE)


def _clean(message: str, kind: str, ctx: dict[str, Any]) -> str:
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    if kind == "extra_forbidden":
        return _("unknown field (not part of the format; check the spelling)")
    if kind == "missing":
        return _("required field is missing")
    if kind == "union_tag_invalid":
        values = {"key": ctx.get("discriminator", "kind"), "tags": ctx.get("expected_tags")}
        return _("%(key)s must be one of %(tags)s") % values
    return said(kind, ctx, message)


def dedupe(problems: Iterable[Problem]) -> list[Problem]:
    seen: set[Problem] = set()
    kept: list[Problem] = []
    for problem in problems:
        if problem not in seen:
            seen.add(problem)
            kept.append(problem)
    return kept
