"""The one condition language shared by question `when` clauses and rules.

A condition is a tree: `all`, `any` and `not` combine leaves, and a leaf tests one answer with
exactly one operator. There is no eval and no template string: conditions are data, checked
against the bank when it loads.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import Annotated, Any, Literal

from pydantic import Discriminator, Field, Tag, model_validator

from hria.i18n import N_, translator
from hria.lang import ENGLISH
from hria.models.base import QuestionId, Strict

Scalar = str | int | float

#: operator -> the question kinds it may be used with
OPERATORS: dict[str, frozenset[str]] = {
    "equals": frozenset({"yes_no", "single_choice", "text", "number", "date"}),
    "in": frozenset({"yes_no", "single_choice"}),
    "includes": frozenset({"multiple_choice"}),
    "includes_any": frozenset({"multiple_choice"}),
    "answered": frozenset({"yes_no", "single_choice", "multiple_choice", "text", "number", "date"}),
    "is_unknown": frozenset(
        {"yes_no", "single_choice", "multiple_choice", "text", "number", "date"}
    ),
    "has_evidence": frozenset(
        {"yes_no", "single_choice", "multiple_choice", "text", "number", "date"}
    ),
    "gt": frozenset({"number"}),
    "gte": frozenset({"number"}),
    "lt": frozenset({"number"}),
    "lte": frozenset({"number"}),
}


class Leaf(Strict):
    """Tests one question's answer with exactly one operator."""

    question: QuestionId
    equals: Scalar | None = None
    in_: list[Scalar] | None = Field(default=None, alias="in", min_length=1)
    includes: str | None = None
    includes_any: list[str] | None = Field(default=None, min_length=1)
    answered: bool | None = None
    is_unknown: bool | None = None
    has_evidence: bool | None = None
    gt: float | None = None
    gte: float | None = None
    lt: float | None = None
    lte: float | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Leaf:
        used = self.operators_used()
        if len(used) != 1:
            found = ", ".join(used) if used else "none"
            raise ValueError(
                f"a condition on a question needs exactly one operator of "
                f"{', '.join(OPERATORS)} (found: {found})"
            )
        return self

    def operators_used(self) -> list[str]:
        return [op for op in OPERATORS if getattr(self, _attr(op)) is not None]

    @cached_property
    def operator(self) -> str:
        """Cached: the engine asks for it once per leaf per evaluation."""
        return self.operators_used()[0]

    @cached_property
    def operand(self) -> Any:
        return getattr(self, _attr(self.operator))


def _attr(operator: str) -> str:
    return "in_" if operator == "in" else operator


class AllOf(Strict):
    all: list[Condition] = Field(min_length=1)


class AnyOf(Strict):
    any: list[Condition] = Field(min_length=1)


class NotOf(Strict):
    not_: Condition = Field(alias="not")


def _tag(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("all", "any", "not"):
            if key in value:
                return key
        return "leaf"
    for key, cls in (("all", AllOf), ("any", AnyOf), ("not", NotOf)):
        if isinstance(value, cls):
            return key
    return "leaf"


Condition = Annotated[
    Annotated[AllOf, Tag("all")]
    | Annotated[AnyOf, Tag("any")]
    | Annotated[NotOf, Tag("not")]
    | Annotated[Leaf, Tag("leaf")],
    Discriminator(_tag),
]

# The models are built lazily (defer_build) at first use, when Condition is defined.


def leaves(condition: Condition) -> list[Leaf]:
    """Every leaf of a condition tree, in order."""
    if isinstance(condition, Leaf):
        return [condition]
    if isinstance(condition, NotOf):
        return leaves(condition.not_)
    children = condition.all if isinstance(condition, AllOf) else condition.any
    return [leaf for child in children for leaf in leaves(child)]


Namer = Callable[[str], str]
Labeller = Callable[[str, Any], str]


def describe(
    condition: Condition,
    name: Namer | None = None,
    label: Labeller | None = None,
    lang: str = ENGLISH,
) -> str:
    """The condition in words, in `lang`. `name` turns a question id into a reference and
    `label` a value into its label; by default ids and values are shown as they are."""
    name = name or (lambda qid: qid)
    label = label or (lambda _qid, value: _fmt(value))
    _ = translator(lang)
    if isinstance(condition, Leaf):
        return _describe_leaf(condition, name, label, lang)
    if isinstance(condition, NotOf):
        return _("not (%(condition)s)") % {"condition": describe(condition.not_, name, label, lang)}
    joiner, children = (
        (_(" and "), condition.all) if isinstance(condition, AllOf) else (_(" or "), condition.any)
    )
    parts = [describe(child, name, label, lang) for child in children]
    return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"


_PHRASES = {
    "equals": N_("%(q)s is %(v)s"),
    "in": N_("%(q)s is one of %(v)s"),
    "includes": N_("%(q)s includes %(v)s"),
    "includes_any": N_("%(q)s includes any of %(v)s"),
    "gt": N_("%(q)s is more than %(v)s"),
    "gte": N_("%(q)s is at least %(v)s"),
    "lt": N_("%(q)s is less than %(v)s"),
    "lte": N_("%(q)s is at most %(v)s"),
}
_STATES = {
    ("answered", True): N_("%(q)s is answered"),
    ("answered", False): N_("%(q)s is not answered"),
    ("is_unknown", True): N_("%(q)s is answered 'unknown'"),
    ("is_unknown", False): N_("%(q)s is not answered 'unknown'"),
    ("has_evidence", True): N_("%(q)s has evidence"),
    ("has_evidence", False): N_("%(q)s has no evidence"),
}


def _describe_leaf(leaf: Leaf, name: Namer, label: Labeller, lang: str) -> str:
    _ = translator(lang)
    op, value = leaf.operator, leaf.operand
    q = name(leaf.question)
    if op in ("answered", "is_unknown", "has_evidence"):
        return _(_STATES[op, bool(value)]) % {"q": q}
    if op in ("gt", "gte", "lt", "lte"):
        return _(_PHRASES[op]) % {"q": q, "v": _fmt(value)}
    values = value if isinstance(value, list) else [value]
    shown = ", ".join(label(leaf.question, v) for v in values)
    return _(_PHRASES[op]) % {"q": q, "v": shown}


def _fmt(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"'{value}'" if isinstance(value, str) else str(value)


Kind = Literal["yes_no", "single_choice", "multiple_choice", "text", "number", "date"]
