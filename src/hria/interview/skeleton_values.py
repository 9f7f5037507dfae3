"""What a skeleton says a question takes: the kind of value to write in the file, and its
choices or limits. The words are in the interface's language; the values stay as YAML reads
them (`yes`, `2000000`, `2026-12-31`), since the file is YAML, not a sentence."""

from __future__ import annotations

from hria.i18n import _
from hria.models.bank import (
    ChoiceQuestion,
    MultipleChoiceQuestion,
    NumberQuestion,
    Question,
    TextQuestion,
)


def takes(question: Question) -> list[str]:
    if question.kind == "yes_no":
        return [_('Value: "yes" or "no"')]
    if isinstance(question, ChoiceQuestion):
        if isinstance(question, MultipleChoiceQuestion) and question.min_selected:
            least = {"count": question.min_selected}
            head = _("Value: a list of these values, at least %(count)s:") % least
        elif isinstance(question, MultipleChoiceQuestion):
            head = _("Value: a list of these values:")
        else:
            head = _("Value: one of these values:")
        width = max(len(c.value) for c in question.choices)
        alone = " " + _("(only on its own)")
        rows = [
            f"  {c.value:<{width}}  {c.label}" + (alone if c.exclusive else "")
            for c in question.choices
        ]
        return [head, *rows]
    if isinstance(question, NumberQuestion):
        return [_number(question)]
    if question.kind == "date":
        return [_("Value: a date, YYYY-MM-DD")]
    if isinstance(question, TextQuestion) and question.multiline:
        return [_("Value: text (for several lines write `value: |` and indent them below)")]
    return [_("Value: text")]


def _number(question: NumberQuestion) -> str:
    """What a number question takes. The numbers stay as YAML reads them (2000000), in every
    language: the file is YAML, not a sentence."""
    low, high = question.minimum, question.maximum
    limits = {
        "low": _num(low) if low is not None else "",
        "high": _num(high) if high is not None else "",
    }
    whole = question.integer
    if low is not None and high is not None:
        text = (
            _("Value: a whole number from %(low)s to %(high)s")
            if whole
            else _("Value: a number from %(low)s to %(high)s")
        )
    elif low is not None:
        text = (
            _("Value: a whole number, at least %(low)s")
            if whole
            else _("Value: a number, at least %(low)s")
        )
    elif high is not None:
        text = (
            _("Value: a whole number, at most %(high)s")
            if whole
            else _("Value: a number, at most %(high)s")
        )
    else:
        text = _("Value: a whole number") if whole else _("Value: a number")
    return text % limits + (f" ({question.unit})" if question.unit else "")


def _num(value: float) -> str:
    return str(int(value)) if value.is_integer() else str(value)


def listed(question: Question) -> bool:
    return isinstance(question, MultipleChoiceQuestion)
