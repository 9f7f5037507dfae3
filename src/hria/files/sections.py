"""The parts of a file that validate on their own, for the checks against the bank.

When the whole file validates, its parts are those of the model. When it does not, each
answer, and the impact register and the action plan each as a whole, are validated alone,
so that the bank and plan checks still run on every well-formed part and report all the
problems in one pass. The domain never sees data that did not pass the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError

from hria.models.assessment import Action, Answer, Assessment, Impact, Waiver

T = TypeVar("T")


@dataclass(frozen=True)
class Parts:
    answers: dict[str, Answer | None]  # None: an answer that does not validate
    impacts: list[Impact] | None  # None: a register that does not validate
    actions: list[Action] | None
    waivers: list[Waiver] | None = None


def valid_parts(data: dict[Any, Any], assessment: Assessment | None) -> Parts:
    if assessment is not None:
        return Parts(
            dict(assessment.answers), assessment.impacts, assessment.actions, assessment.waivers
        )
    raw = data.get("answers")
    answers: dict[str, Answer | None] = {}
    if isinstance(raw, dict):
        answers = {k: _valid(Answer, v) for k, v in raw.items() if isinstance(k, str)}
    return Parts(
        answers,
        _valid_list(_impacts(), data.get("impacts", [])),
        _valid_list(_actions(), data.get("actions", [])),
        _valid_list(_waivers(), data.get("waivers", [])),
    )


def _valid(model: type[Answer], value: Any) -> Answer | None:
    try:
        return model.model_validate(value)
    except ValidationError:
        return None


def _valid_list(adapter: TypeAdapter[list[T]], value: Any) -> list[T] | None:
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


@cache
def _impacts() -> TypeAdapter[list[Impact]]:
    return TypeAdapter(list[Impact])


@cache
def _actions() -> TypeAdapter[list[Action]]:
    return TypeAdapter(list[Action])


@cache
def _waivers() -> TypeAdapter[list[Waiver]]:
    return TypeAdapter(list[Waiver])
