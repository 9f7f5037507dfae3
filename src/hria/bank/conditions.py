"""A question's condition in words of the language in force (a report's, in a report), with
the numbers a reader sees: 'Asked only if the answer to 3.2 is “Yes”.' Each test is one whole
phrase to translate, so word order is the translator's; in English, the same words as
`models.conditions.describe`."""

from __future__ import annotations

from typing import Any

from hria.bank.numbering import Numbering
from hria.i18n import _
from hria.models.conditions import AllOf, Condition, Leaf, NotOf
from hria.models.profile import LEVEL


def asked_only_if(numbering: Numbering, condition: Condition | None) -> str | None:
    if condition is None:
        return None
    return _("Asked only if %(condition)s.") % {"condition": said(numbering, condition)}


def said(numbering: Numbering, condition: Condition) -> str:
    if isinstance(condition, Leaf):
        return _leaf(numbering, condition)
    if isinstance(condition, NotOf):
        return _("not (%(condition)s)") % {"condition": said(numbering, condition.not_)}
    if isinstance(condition, AllOf):
        joiner, children = _(" and "), condition.all
    else:
        joiner, children = _(" or "), condition.any
    parts = [said(numbering, child) for child in children]
    return parts[0] if len(parts) == 1 else "(" + joiner.join(parts) + ")"


def _name(numbering: Numbering, qid: str) -> str:
    if qid == LEVEL:
        return _("the intrusion level")
    return _("the answer to %(number)s") % {"number": numbering.numbers.get(qid, qid)}


def _phrase(op: str, value: Any) -> str:
    if op == "answered":
        return _("%(question)s is answered") if value else _("%(question)s is not answered")
    if op == "is_unknown":
        return (
            _("%(question)s is answered 'unknown'")
            if value
            else _("%(question)s is not answered 'unknown'")
        )
    if op == "has_evidence":
        return _("%(question)s has evidence") if value else _("%(question)s has no evidence")
    return {
        "equals": _("%(question)s is %(value)s"),
        "in": _("%(question)s is one of %(value)s"),
        "includes": _("%(question)s includes %(value)s"),
        "includes_any": _("%(question)s includes any of %(value)s"),
        "gt": _("%(question)s is more than %(value)s"),
        "gte": _("%(question)s is at least %(value)s"),
        "lt": _("%(question)s is less than %(value)s"),
        "lte": _("%(question)s is at most %(value)s"),
    }[op]


def _leaf(numbering: Numbering, leaf: Leaf) -> str:
    op, value = leaf.operator, leaf.operand
    if op in ("gt", "gte", "lt", "lte"):
        shown = _number(value)
    else:
        values = value if isinstance(value, list) else [value]
        shown = ", ".join(_label(numbering, leaf.question, v) for v in values)
    return _phrase(op, value) % {"question": _name(numbering, leaf.question), "value": shown}


def _label(numbering: Numbering, qid: str, value: Any) -> str:
    """A value as its label; yes and no in the report's words."""
    question = numbering.bank.questions.get(qid)
    if question is not None and question.kind == "yes_no" and value in ("yes", "no"):
        word = _("yes") if value == "yes" else _("no")
        return f"“{word}”"
    return numbering.label(qid, value)


def _number(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"'{value}'" if isinstance(value, str) else str(value)
